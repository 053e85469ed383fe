"""The catalogue API, its OpenAPI document, /, /health and /metrics."""

from __future__ import annotations

from aiohttp.test_utils import TestClient

from web.openapi import openapi_document


async def test_course_search(client: TestClient) -> None:
    response = await client.get("/api/courses", params={"q": "ext dip enginering", "limit": "3"})
    assert response.status == 200
    courses = (await response.json())["courses"]
    assert 1 <= len(courses) <= 3
    assert courses[0]["course_id"] == "ngc-eng-l3-ed"
    assert courses[0]["institution_id"] == "northgate"
    one_network = await client.get(
        "/api/courses", params={"q": "engineering", "network": "vale_and_wolds"}
    )
    assert one_network.status == 200


async def test_routes_from_a_course(client: TestClient) -> None:
    response = await client.get(
        "/api/courses/ngc-eng-l3-ed/routes", params={"interest": "robots", "limit": "2"}
    )
    assert response.status == 200
    body = await response.json()
    assert body["course_id"] == "ngc-eng-l3-ed"
    assert 1 <= len(body["routes"]) <= 2
    step = body["routes"][0]["steps"][0]
    assert {"course_id", "institution_id", "level", "kind", "modes"} <= set(step)


async def test_api_errors_are_json(client: TestClient) -> None:
    for path, status in (
        ("/api/courses", 400),
        ("/api/courses?q=x&limit=0", 400),
        ("/api/courses?q=x&limit=abc", 400),
        ("/api/courses?q=x&network=nowhere", 404),
        ("/api/courses/no-such-course/routes", 404),
        ("/api/courses/ngc-eng-l3-ed/routes?mode=teleport", 400),
        ("/api/nothing", 404),
    ):
        response = await client.get(path)
        assert response.status == status, path
        assert "error" in await response.json(), path
    assert (await client.post("/api/courses")).status == 405


async def test_the_openapi_document_lists_the_routes(client: TestClient) -> None:
    response = await client.get("/api/openapi.json")
    assert response.status == 200
    document = await response.json()
    assert document == openapi_document()
    assert document["openapi"].startswith("3.")
    documented = {path for path in document["paths"]}
    served = {
        r.resource.canonical
        for r in client.app.router.routes()
        if r.resource is not None and r.resource.canonical.startswith("/api/")
    }
    assert documented == served - {"/api/openapi.json"}


async def test_the_college_page(client: TestClient) -> None:
    response = await client.get("/")
    assert response.status == 200
    html = await response.text()
    assert "/static/widget/pathways-widget.js" in html
    assert "/static/widget/pathways-widget.css" in html
    assert "http://localhost:5005" in html
    css = await client.get("/static/console/console.css")
    assert css.status == 200


async def test_health(client: TestClient) -> None:
    response = await client.get("/health")
    assert response.status == 200
    assert (await response.json())["status"] == "ok"


async def test_health_when_the_database_is_gone(aiohttp_client, config, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from web.app import create_app

    broken = replace(config, database_url=f"sqlite:///{tmp_path}")  # a folder: cannot open
    client = await aiohttp_client(create_app(broken))
    assert (await client.get("/health")).status == 503


async def test_metrics(client: TestClient) -> None:
    await client.get("/health")
    await client.get("/api/courses/ngc-eng-l3-ed/routes")
    await client.get("/advisers/", allow_redirects=False)
    response = await client.get("/metrics")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    text = await response.text()
    assert 'pathways_web_requests_total{method="GET",route="/health",status="200"} 1.0' in text
    assert 'route="/api/courses/{course_id}/routes",status="200"' in text
    assert 'route="/advisers/",status="302"' in text
    assert "pathways_web_request_duration_seconds_bucket{" in text
    assert 'pathways_enquiries{status="new"} 4.0' in text
    assert 'pathways_enquiries{status="closed"} 1.0' in text


async def test_metrics_need_a_local_client_or_the_token(aiohttp_client, config) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from access.addresses import Proxies, parse_networks
    from web.app import create_app

    # the test client connects from 127.0.0.1: local, unless a proxy forwarded it
    client = await aiohttp_client(create_app(config))
    assert (await client.get("/metrics")).status == 200
    forwarded = {"X-Forwarded-For": "203.0.113.9"}
    assert (await client.get("/metrics", headers=forwarded)).status == 403
    spoofed_local = {"X-Forwarded-For": "127.0.0.1"}  # from a proxy nobody trusts
    assert (await client.get("/metrics", headers=spoofed_local)).status == 403

    trusted = replace(config, proxies=Proxies(parse_networks("127.0.0.1")), metrics_token="s3")
    client = await aiohttp_client(create_app(trusted))
    assert (await client.get("/metrics", headers=forwarded)).status == 401
    wrong = {**forwarded, "Authorization": "Bearer nope"}
    assert (await client.get("/metrics", headers=wrong)).status == 401
    right = {**forwarded, "Authorization": "Bearer s3"}
    assert (await client.get("/metrics", headers=right)).status == 200
    assert (await client.get("/metrics", headers={"Authorization": "Bearer nope"})).status == 401


async def test_the_enquiry_counts_are_not_read_on_every_scrape(client: TestClient) -> None:
    from web.state import METRICS

    assert (await client.get("/metrics")).status == 200
    metrics = client.app[METRICS]
    counted_at = metrics.counted_at
    assert counted_at is not None
    await client.get("/metrics")
    assert metrics.counted_at == counted_at


async def test_the_public_endpoints_are_rate_limited(aiohttp_client, config) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from web.app import create_app

    client = await aiohttp_client(create_app(replace(config, rate_per_second=0.001, rate_burst=3)))
    statuses = [(await client.get("/api/courses?q=hnc")).status for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    # X-Forwarded-For from a peer that is not a trusted proxy changes nothing
    spoofed = await client.get("/api/courses?q=hnc", headers={"X-Forwarded-For": "198.51.100.1"})
    assert spoofed.status == 429
    limited = await client.get("/api/openapi.json")
    assert limited.status == 429 and limited.headers["Retry-After"] == "1"
    assert (await client.get("/health")).status == 200  # monitoring is not limited
