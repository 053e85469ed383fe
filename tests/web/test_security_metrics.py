"""The login limiter, the token buckets, password hashing and the metrics text."""

from __future__ import annotations

from typing import List

from tests.web.conftest import FAST
from web.metrics import Metrics
from web.security import LoginLimiter, TokenBuckets, new_csrf_token, same_token


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_login_limiter_counts_failures_per_client_and_email() -> None:
    clock = Clock()
    limiter = LoginLimiter(max_failures=5, window=300.0, clock=clock)
    for _ in range(5):
        assert not limiter.blocked("1.2.3.4", "ada@x")
        limiter.failed("1.2.3.4", "Ada@X")
    assert limiter.blocked("1.2.3.4", "ada@x")
    assert not limiter.blocked("5.6.7.8", "ada@x")
    assert not limiter.blocked("1.2.3.4", "bob@x")
    assert 0 < limiter.retry_after("1.2.3.4", "ada@x") <= 301
    clock.now += 301
    assert not limiter.blocked("1.2.3.4", "ada@x")
    limiter.failed("1.2.3.4", "ada@x")
    limiter.succeeded("1.2.3.4", "ada@x")
    assert limiter.retry_after("1.2.3.4", "ada@x") == 0


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
