"""The login backoff, the token buckets, password hashing and the metrics text."""

from __future__ import annotations

from typing import List

from tests.web.conftest import FAST
from web.metrics import Metrics
from web.security import LoginBackoff, TokenBuckets, new_csrf_token, same_token


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_login_backoff_grows_per_account_and_is_forgotten() -> None:
    clock = Clock()
    backoff = LoginBackoff(after=3, first=1.0, longest=8.0, forget_after=600.0, clock=clock)
    waits = [backoff.failed("Ada@X") for _ in range(8)]
    assert waits == [0.0, 0.0, 0.0, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert backoff.failures("ada@x") == 8 and backoff.failures("bob@x") == 0
    clock.now += 601
    assert backoff.failures("ada@x") == 0 and backoff.failed("ada@x") == 0.0
    backoff.succeeded("ADA@x")
    assert backoff.failures("ada@x") == 0


def test_token_buckets_refill_at_their_rate() -> None:
    clock = Clock()
    buckets = TokenBuckets(rate=2.0, burst=3, clock=clock)
    taken: List[bool] = [buckets.take("a") for _ in range(4)]
    assert taken == [True, True, True, False]
    assert buckets.take("b")
    clock.now += 0.5
    assert buckets.take("a") and not buckets.take("a")


def test_passwords_and_tokens() -> None:
    stored = FAST.hash("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert FAST.verify(stored, "correct horse battery")
    assert not FAST.verify(stored, "wrong")
    assert not FAST.verify(None, "anything")
    assert not FAST.verify("not a hash", "anything")
    token = new_csrf_token()
    assert same_token(token, token) and not same_token(token, token + "x")
    assert not same_token(None, token) and not same_token(token, "")


def test_metrics_text_format() -> None:
    metrics = Metrics()
    metrics.observe("GET", "/api/courses", 200, 0.02)
    metrics.observe("GET", "/api/courses", 200, 3.0)
    metrics.observe("GET", 'odd"route', 404, 0.001)
    text = metrics.render({"new": 2, "closed": 0})
    assert 'pathways_web_requests_total{method="GET",route="/api/courses",status="200"} 2' in text
    assert 'route="odd\\"route"' in text
    bucket = 'pathways_web_request_duration_seconds_bucket{method="GET",route="/api/courses"'
    assert f'{bucket},le="0.025"}} 1' in text
    assert f'{bucket},le="+Inf"}} 2' in text
    assert 'pathways_enquiries{status="new"} 2' in text
    assert text.endswith("\n")
