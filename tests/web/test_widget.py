"""The widget's files as the web front serves them, and the college page that embeds it.

What the widget does in a browser is tested in ``tests/browser/`` (slow); these are
the quick checks of what can be read without one.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from aiohttp.test_utils import TestClient

from tests.web.conftest import ClientFactory
from web.app import create_app
from web.config import WebConfig

WEB = Path(__file__).resolve().parents[2] / "web"
WIDGET_JS = WEB / "static" / "widget" / "pathways-widget.js"


def test_the_widget_never_parses_text_as_html() -> None:
    source = WIDGET_JS.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, f"{sink} in the widget: text must go in as textContent"


def test_the_widget_loads_only_files_served_beside_it() -> None:
    source = WIDGET_JS.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)  # the comments show an example
    assert re.findall(r"https?://", code) == [], "no CDN or other host in the widget"
    assert '"../vendor/socket.io.min.js"' in source


def test_npm_packages_are_pinned_and_locked() -> None:
    package = json.loads((WEB / "frontend" / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((WEB / "frontend" / "package-lock.json").read_text(encoding="utf-8"))
    wanted = {**package["dependencies"], **package["devDependencies"]}
    assert set(wanted) == {"socket.io-client", "axe-core", "chart.js"}
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version} is not exact"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


async def test_college_page_embeds_the_widget_with_one_script_tag(client: TestClient) -> None:
    response = await client.get("/")
    assert response.status == 200
    html = await response.text()
    tag = (
        '<script src="/static/widget/pathways-widget.js" data-rasa-url="http://localhost:5005"'
        " defer></script>"
    )
    assert html.count(tag) == 1
    # the same line, as text a college can copy
    shown = tag.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
    assert shown in html
    assert html.count("<script") == 1


async def test_a_hostile_rasa_url_stays_an_attribute_value(
    aiohttp_client: ClientFactory, config: WebConfig
) -> None:
    hostile = dataclasses.replace(config, rasa_url='http://x/"><script>alert(1)</script>')
    client = await aiohttp_client(create_app(hostile))
    html = await (await client.get("/")).text()
    assert "<script>alert(1)" not in html
    assert html.count("<script") == 1


async def test_widget_files_are_served(client: TestClient) -> None:
    for path, kind in (
        ("/static/widget/pathways-widget.js", "javascript"),
        ("/static/widget/pathways-widget.css", "text/css"),
    ):
        response = await client.get(path)
        assert response.status == 200, path
        assert kind in response.headers["Content-Type"]
