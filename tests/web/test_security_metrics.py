"""The login backoff, the token buckets, password hashing and the metrics text."""

from __future__ import annotations

import time
from typing import List

from tests.web.conftest import FAST
from web.metrics import Metrics
from web.security import ClientLimit, LoginBackoff, new_csrf_token, same_token


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
