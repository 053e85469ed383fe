"""The network as a picture: an inline SVG of subjects by level, drawn from data alone.

Subjects are rows and levels columns; each course is a box in its subject's row and
its level's column, each agreement an arrow from one box to another. A dead end is
drawn with a dashed red border, a pale red fill *and* a cross, so it does not rely on
colour alone. Every text is escaped; nothing here reads a database or a request.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Dict, List, Tuple

from pathways_catalogue.gaps import MapCourse, NetworkMap

LABEL_WIDTH = 200
COLUMN_WIDTH = 180
BOX_WIDTH = 150
BOX_HEIGHT = 24
BOX_GAP = 6
ROW_PADDING = 10
HEADER_HEIGHT = 34
LEGEND_HEIGHT = 40
#: the key needs this much width whatever the number of levels
LEGEND_WIDTH = LABEL_WIDTH + 620
#: characters of a course id or subject shown in a box or label (the rest in its tooltip)
ID_CHARS = 22
SUBJECT_CHARS = 25

INK = "#1b1b1b"
BOX_FILL = "#e8f0fe"
BOX_STROKE = "#1d4ed8"
DEAD_FILL = "#fde2e1"
DEAD_STROKE = "#b91c1c"
ARROW = "#4b5563"
RULE = "#9ca3af"


@dataclass(frozen=True)
class Box:
    """Where a course's box is drawn."""

    course: MapCourse
    x: float
    y: float


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def layout(drawn: NetworkMap) -> Tuple[Dict[str, Box], List[str], List[int], List[float], float]:
    """Boxes by course id, the subjects (rows), the levels (columns), row tops and height.

    A row is as tall as its fullest cell; courses in a cell stack in the given order.
    """
    subjects = sorted({c.subject for c in drawn.courses}, key=str.lower)
    levels = sorted({c.level for c in drawn.courses})
    cells: Dict[Tuple[str, int], List[MapCourse]] = {}
    for course in drawn.courses:
        cells.setdefault((course.subject, course.level), []).append(course)
    boxes: Dict[str, Box] = {}
    tops: List[float] = []
    y = float(HEADER_HEIGHT)
    for subject in subjects:
        tops.append(y)
        fullest = max(len(cells.get((subject, level), [])) for level in levels)
        for column, level in enumerate(levels):
            for index, course in enumerate(cells.get((subject, level), [])):
                x = LABEL_WIDTH + column * COLUMN_WIDTH + (COLUMN_WIDTH - BOX_WIDTH) / 2
                top = y + ROW_PADDING + index * (BOX_HEIGHT + BOX_GAP)
                boxes[course.course_id] = Box(course, x, top)
        y += 2 * ROW_PADDING + fullest * (BOX_HEIGHT + BOX_GAP) - BOX_GAP
    return boxes, subjects, levels, tops, y


def _arrow(start: Box, end: Box) -> str:
    """A curved arrow from the right of ``start`` to ``end`` (its left, or its right if level)."""
    x1, y1 = start.x + BOX_WIDTH, start.y + BOX_HEIGHT / 2
    y2 = end.y + BOX_HEIGHT / 2
    if end.x > start.x:
        x2 = end.x
        bend = (x2 - x1) / 2
        path = (
            f"M{x1:.0f},{y1:.0f} C{x1 + bend:.0f},{y1:.0f} {x2 - bend:.0f},{y2:.0f} "
            f"{x2:.0f},{y2:.0f}"
        )
    else:  # the same level (or lower): loop out to the right and back in
        x2 = end.x + BOX_WIDTH
        reach = max(x1, x2) + (COLUMN_WIDTH - BOX_WIDTH) / 2 + 4
        path = f"M{x1:.0f},{y1:.0f} C{reach:.0f},{y1:.0f} {reach:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
    return f'<path class="agreement" d="{path}" marker-end="url(#arrow)"/>'


def _rect(x: float, y: float, dead: bool) -> str:
    """A course box: blue, or for a dead end pale red with a thick dashed red border."""
    dash = ' stroke-dasharray="5 3"' if dead else ""
    return (
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_WIDTH}" height="{BOX_HEIGHT}" rx="4" '
        f'fill="{DEAD_FILL if dead else BOX_FILL}" stroke="{DEAD_STROKE if dead else BOX_STROKE}" '
        f'stroke-width="{2 if dead else 1}"{dash}/>'
    )


def _label(x: float, y: float, text: str) -> str:
    return f'<text x="{x + 6:.0f}" y="{y + 16:.0f}" font-size="11" fill="{INK}">{_e(text)}</text>'


def _box(box: Box) -> str:
    c = box.course
    dead = c.dead_end
    tip = f"{c.course_id}: {c.title} ({c.institution}), level {c.level}"
    if dead:
        tip += "; dead end: no agreement leads on from it"
    parts = [
        f'<g class="course{" dead-end" if dead else ""}" data-course="{_e(c.course_id)}">',
        f"<title>{_e(tip)}</title>",
        _rect(box.x, box.y, dead),
        _label(box.x, box.y, _clip(c.course_id, ID_CHARS - (3 if dead else 0))),
    ]
    if dead:
        parts.append(_cross(box.x + BOX_WIDTH - 14, box.y + BOX_HEIGHT / 2))
    parts.append("</g>")
    return "".join(parts)


def _cross(x: float, y: float) -> str:
    """The dead-end marker: a cross in a circle (a shape, not only a colour)."""
    return (
        f'<g class="dead-end-marker"><circle cx="{x:.0f}" cy="{y:.0f}" r="7" fill="#ffffff" '
        f'stroke="{DEAD_STROKE}" stroke-width="1.5"/><path d="M{x - 3.5:.1f},{y - 3.5:.1f} '
        f"L{x + 3.5:.1f},{y + 3.5:.1f} M{x + 3.5:.1f},{y - 3.5:.1f} L{x - 3.5:.1f},{y + 3.5:.1f}"
        f'" stroke="{DEAD_STROKE}" stroke-width="2"/></g>'
    )


def describe(drawn: NetworkMap) -> str:
    """One sentence of what the picture shows (its ``<desc>`` and ``aria-label``)."""
    subjects = len({c.subject for c in drawn.courses})
    dead = sum(1 for c in drawn.courses if c.dead_end)
    return (
        f"{len(drawn.courses)} courses in {subjects} subjects, one row per subject and one "
        f"column per level, joined by {len(drawn.agreements)} progression agreements drawn "
        f"as arrows; {dead} dead ends are drawn with a dashed red border and a cross."
    )


def _legend(y: float) -> str:
    """The key: a course, an agreement's arrow, a dead end."""
    plain_x, dead_x = LABEL_WIDTH, LABEL_WIDTH + 220
    arrow_y = y + BOX_HEIGHT / 2
    return (
        '<g class="legend">'
        f'<text x="8" y="{y + 16:.0f}" font-size="12" font-weight="bold" fill="{INK}">Key</text>'
        + _rect(plain_x, y, False)
        + _label(plain_x, y, "a course")
        + f'<path d="M{plain_x + BOX_WIDTH + 8},{arrow_y:.0f} L{dead_x - 8},{arrow_y:.0f}" '
        f'fill="none" stroke="{ARROW}" stroke-width="1.2" marker-end="url(#arrow)"/>'
        + _rect(dead_x, y, True)
        + _label(dead_x, y, "a dead end")
        + _cross(dead_x + BOX_WIDTH - 14, arrow_y)
        + f'<text x="{dead_x + BOX_WIDTH + 14}" y="{y + 16:.0f}" font-size="11" fill="{INK}">'
        "Arrows are progression agreements.</text></g>"
    )


def network_svg(drawn: NetworkMap, title: str = "") -> str:
    """The network ``drawn`` as an inline SVG element (a string of markup, escaped)."""
    boxes, subjects, levels, tops, bottom = layout(drawn)
    width = max(LABEL_WIDTH + max(len(levels), 1) * COLUMN_WIDTH + 20, LEGEND_WIDTH)
    height = bottom + LEGEND_HEIGHT + 10
    heading = title or f"The progression network of {drawn.name}"
    summary = describe(drawn)
    out: List[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-picture" role="img" '
        f'aria-label="{_e(heading)}: {_e(summary)}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" font-family="system-ui, sans-serif">',
        f"<title>{_e(heading)}</title>",
        f"<desc>{_e(summary)}</desc>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{ARROW}"/></marker></defs>',
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for column, level in enumerate(levels):
        x = LABEL_WIDTH + column * COLUMN_WIDTH + COLUMN_WIDTH / 2
        out.append(
            f'<text x="{x:.0f}" y="22" font-size="13" font-weight="bold" text-anchor="middle" '
            f'fill="{INK}">Level {level}</text>'
        )
    for subject, top in zip(subjects, tops, strict=True):
        out.append(
            f'<line x1="0" y1="{top:.0f}" x2="{width:.0f}" y2="{top:.0f}" stroke="{RULE}" '
            'stroke-width="1"/>'
            f'<text x="8" y="{top + ROW_PADDING + 16:.0f}" font-size="12" font-weight="bold" '
            f'fill="{INK}"><title>{_e(subject)}</title>{_e(_clip(subject, SUBJECT_CHARS))}</text>'
        )
    out.append(
        f'<line x1="0" y1="{bottom:.0f}" x2="{width:.0f}" y2="{bottom:.0f}" stroke="{RULE}"/>'
    )
    out.append(f'<g class="agreements" fill="none" stroke="{ARROW}" stroke-width="1.2">')
    out.extend(_arrow(boxes[a], boxes[b]) for a, b in drawn.agreements if a in boxes and b in boxes)
    out.append("</g>")
    out.append('<g class="courses">')
    out.extend(_box(box) for box in boxes.values())
    out.append("</g>")
    out.append(_legend(bottom + 8))
    out.append("</svg>")
    return "".join(out)


__all__ = ["describe", "layout", "network_svg"]
