"""The network picture: well-formed, escaped, dead ends marked by shape as well as colour."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree

from pathways_catalogue.gaps import ROW_COLUMNS, CourseGap, GapsReport, MapCourse, NetworkMap
from web.export import to_csv
from web.network_picture import describe, layout, network_svg

SVG = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script> & "quotes"'

DRAWN = NetworkMap(
    network="n",
    name=f"Net {EVIL}",
    courses=(
        MapCourse("a-l3", "Level 3 <b>A</b>", "College & Co", 3, "Art", dead_end=False),
        MapCourse("a-l5", EVIL, "College & Co", 5, "Art", dead_end=True),
        MapCourse("b-l3", "B", "Uni", 3, EVIL, dead_end=False),
        MapCourse("b-l3x", "B2", "Uni", 3, EVIL, dead_end=True),
        MapCourse("b-l6", "B degree", "Uni", 6, EVIL, dead_end=False),
    ),
    agreements=(("a-l3", "a-l5"), ("b-l3", "b-l6"), ("b-l3", "b-l3x")),
)


def test_the_svg_is_well_formed_and_escaped() -> None:
    text = network_svg(DRAWN)
    assert "<script" not in text and "<b>" not in text
    svg = ElementTree.fromstring(text)
    assert svg.get("role") == "img"
    assert svg.get("aria-label", "").startswith("The progression network of Net <script>")
    assert svg.findtext(f"{SVG}title") == f"The progression network of Net {EVIL}"
    assert svg.findtext(f"{SVG}desc") == describe(DRAWN)
    assert "5 courses in 2 subjects" in describe(DRAWN) and "2 dead ends" in describe(DRAWN)


def test_dead_ends_have_a_cross_and_a_dashed_border() -> None:
    svg = ElementTree.fromstring(network_svg(DRAWN))
    courses = svg.find(f"{SVG}g[@class='courses']")
    assert courses is not None
    for group in courses:
        dead = "dead-end" in (group.get("class") or "")
        rect = group.find(f"{SVG}rect")
        assert rect is not None
        assert (rect.get("stroke-dasharray") is not None) is dead
        assert (group.find(f"{SVG}g[@class='dead-end-marker']") is not None) is dead
        assert "dead end" in (group.findtext(f"{SVG}title") or "") or not dead
    dead_ids = {g.get("data-course") for g in courses if "dead-end" in (g.get("class") or "")}
    assert dead_ids == {"a-l5", "b-l3x"}
    arrows = svg.findall(f"{SVG}g[@class='agreements']/{SVG}path")
    assert len(arrows) == 3 and all(a.get("marker-end") == "url(#arrow)" for a in arrows)


def test_layout_puts_subjects_in_rows_and_levels_in_columns() -> None:
    boxes, subjects, levels, tops, bottom = layout(DRAWN)
    assert subjects == sorted(["Art", EVIL], key=str.lower) and levels == [3, 5, 6]
    assert boxes["a-l3"].x < boxes["a-l5"].x < boxes["b-l6"].x
    assert boxes["b-l3"].x == boxes["b-l3x"].x and boxes["b-l3"].y < boxes["b-l3x"].y
    assert len(tops) == 2 and bottom > tops[-1]


def test_gaps_csv_defuses_formulas() -> None:
    gap = CourseGap("=cmd", '=HYPERLINK("http://x","y")', "@Inst", "i", 3, "+Sub", "-1")
    report = GapsReport("n", "N", dead_ends=[gap])
    rows = list(csv.reader(io.StringIO(to_csv(report.rows(), ROW_COLUMNS))))
    assert rows[0] == list(ROW_COLUMNS)
    assert rows[1] == ["dead_ends", "'=cmd", '\'=HYPERLINK("http://x","y")', "'@Inst", "3",
                       "'+Sub", "'-1"]  # fmt: skip
