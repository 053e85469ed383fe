from __future__ import annotations

import pytest

from access.limits import MEMORY, RateLimit, moving_window, parse_rates, storage_url


def test_every_rate_counts_and_a_refused_use_is_not_counted() -> None:
    limit = RateLimit("test", "2 per second; 3 per minute", moving_window())
    assert [limit.hit("a") for _ in range(3)] == [True, True, False]
    assert limit.hit("b")
    assert limit.retry_after("a") >= 1


def test_the_storage_outlives_its_creator() -> None:
    import gc

    limit = RateLimit("test", "1 per minute", moving_window())  # nobody else holds it
    gc.collect()
    assert limit.hit("a") and not limit.hit("a")


def test_off_and_bad_rates() -> None:
    assert parse_rates("off") == [] and not RateLimit("t", "", moving_window())
    with pytest.raises(ValueError):
        parse_rates("lots")


def test_a_store_that_fails_lets_requests_through() -> None:
    class Broken:
        def test(self, *args: object) -> bool:
            raise ConnectionError

        hit = get_window_stats = test

    limit = RateLimit("t", "1 per day", moving_window())
    limit.limiter = Broken()  # type: ignore[assignment]
    assert limit.hit("a") and limit.hit("a") and limit.retry_after("a") == 1


def test_the_storage_is_memory_unless_set_or_on_the_scale_profile() -> None:
    assert storage_url({}) == MEMORY
    assert storage_url({"RATE_LIMIT_STORAGE_URL": "redis://r:1/2"}) == "redis://r:1/2"
    scale = {"PATHWAYS_PROFILE": "scale", "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "56379",
             "REDIS_PASSWORD": "p@ss", "REDIS_DB": "0"}  # fmt: skip
    assert storage_url(scale) == "redis://:p%40ss@127.0.0.1:56379/0"
