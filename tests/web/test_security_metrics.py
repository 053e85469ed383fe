"""The login limiter, the token buckets, password hashing and the metrics text."""

from __future__ import annotations

import time
from typing import List

from tests.web.conftest import FAST
from web.metrics import Metrics
from web.security import ClientLimit, LoginLimiter, new_csrf_token, same_token


def test_the_login_limiter_counts_failures_per_client_and_email() -> None:
    limiter = LoginLimiter(max_failures=5, window=1.0)
    for _ in range(5):
        assert not limiter.blocked("1.2.3.4", "ada@x")
        limiter.failed("1.2.3.4", "Ada@X")
    assert limiter.blocked("1.2.3.4", "ada@x")
    assert not limiter.blocked("5.6.7.8", "ada@x")
    assert not limiter.blocked("1.2.3.4", "bob@x")
    assert 0 < limiter.retry_after("1.2.3.4", "ada@x") <= 2
    time.sleep(1.1)
    assert not limiter.blocked("1.2.3.4", "ada@x")
    limiter.failed("1.2.3.4", "ada@x")
    limiter.succeeded("1.2.3.4", "ada@x")
    assert limiter.retry_after("1.2.3.4", "ada@x") == 0


def test_the_public_limit_allows_a_burst_then_its_rate() -> None:
    limit = ClientLimit(rate=3.0, burst=3)  # 3 in any 1 s
    taken: List[bool] = [limit.take("a") for _ in range(4)]
    assert taken == [True, True, True, False]
    assert limit.take("b")
    time.sleep(1.05)
    assert limit.take("a")


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
    metrics.set_enquiry_counts({"new": 2, "closed": 0})
    metrics.set_enquiry_counts({"new": 3})  # a status no longer counted goes away
    text = metrics.render().decode()
    assert 'pathways_web_requests_total{method="GET",route="/api/courses",status="200"} 2.0' in text
    assert 'route="odd\\"route"' in text
    bucket = "pathways_web_request_duration_seconds_bucket"
    assert f'{bucket}{{le="0.025",method="GET",route="/api/courses"}} 1.0' in text
    assert f'{bucket}{{le="+Inf",method="GET",route="/api/courses"}} 2.0' in text
    assert 'pathways_enquiries{status="new"} 3.0' in text and 'status="closed"' not in text
    assert text.endswith("\n")
