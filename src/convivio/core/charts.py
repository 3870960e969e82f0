"""Charts as SVG strings, drawn on the server: the plan dashboard's, and the
breakdowns of survey results (in core because several apps draw them).

The same strings go into the page and into the PDF (they are part of the cached
dashboard), so a chart is drawn once per version of the plan's data.  Each chart
is accessible (``role="img"``, ``aria-label`` and a ``<title>``), uses no
``style`` attribute (the pages have a strict content security policy) and carries
its colours both as classes (see ``dashboard.css``) and as ``fill``/``stroke``
attributes, so that WeasyPrint and a browser without the stylesheet draw it alike.

A chart drawn while a right-to-left language is active (Arabic) is the mirror image
of the left-to-right one, as the page around it: labels on the right, bars growing
leftwards from the inline start, time running from right to left.  Each chart lays
itself out left to right and passes every x through a ``_Flow``; the SVG's
``direction`` makes the text anchors ``start``/``end`` follow, and sets the base
direction of its labels so that Arabic words and numbers come in reading order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import get_language_bidi, pgettext
from django.utils.translation import gettext as _

from .numbers import format_percent, readable_number
from .suppression import hidden_text

#: Colour of each series key: (class, fill).
COLOURS: dict[str, tuple[str, str]] = {
    # traffic lights
    "green": ("c-green", "#15803d"),
    "amber": ("c-amber", "#d97706"),
    "red": ("c-red", "#b91c1c"),
    "grey": ("c-grey", "#9ca3af"),
    # measure statuses
    "planned": ("c-planned", "#93c5fd"),
    "in_progress": ("c-progress", "#0b6e69"),
    "done": ("c-done", "#15803d"),
    "dropped": ("c-grey", "#9ca3af"),
    # everything else
    "brand": ("c-brand", "#0b6e69"),
    "accent": ("c-accent", "#c2410c"),
    "muted": ("c-muted", "#5b6472"),
    "line": ("c-line", "#d9dee5"),
    # measures nobody reported on
    "nodata": ("c-nodata", "#cbd5e1"),
}
FONT = 'font-family="DejaVu Sans, Noto Sans, Arial, sans-serif"'
TEXT = "#1d2430"


def _colour(key: str) -> tuple[str, str]:
    return COLOURS.get(key, COLOURS["brand"])


def _attr(value: object) -> str:
    return quoteattr(str(value))


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class _Flow:
    """Where x runs in a chart ``width`` wide: as laid out, or mirrored."""

    width: float
    rtl: bool

    def x(self, x: float) -> float:
        return self.width - x if self.rtl else x

    def left(self, x: float, w: float) -> float:
        """The left edge of the span laid out from ``x`` to ``x + w``."""
        return self.width - x - max(w, 0) if self.rtl else x


def _flow(width: float) -> _Flow:
    return _Flow(width, get_language_bidi())


def _short(text: str, length: int = 36) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _svg(flow: _Flow, height: int, title: str, body: list[str], *, css: str) -> str:
    label = _attr(title)
    width = _num(flow.width)
    direction = "rtl" if flow.rtl else "ltr"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" role="img" '
        f'aria-label={label} viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" direction="{direction}" '
        f'{FONT} font-size="12">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _rect(
    flow: _Flow, x: float, y: float, w: float, h: float, key: str, tip: str = ""
) -> str:
    cls, fill = _colour(key)
    inner = f"<title>{escape(tip)}</title>" if tip else ""
    return (
        f'<rect class="{cls}" x="{_num(flow.left(x, w))}" y="{_num(y)}" '
        f'width="{_num(max(w, 0))}" '
        f'height="{_num(h)}" fill="{fill}">{inner}</rect>'
    )


def _text(
    flow: _Flow, x: float, y: float, text: str, *, anchor: str = "start", **attrs
) -> str:
    """``anchor`` is logical: "start" is the left end of a left-to-right label
    and the right end of a right-to-left one (the SVG's ``direction``).

    In a right-to-left chart each label is a first-strong isolate (FSI … PDI):
    a plan's English or Portuguese "1 Reception" keeps its number in front
    instead of being reordered as part of an Arabic line, while the anchor
    stays on the right."""
    extra = "".join(f" {k.replace('_', '-')}={_attr(v)}" for k, v in attrs.items())
    content = escape(text)
    if flow.rtl:
        content = f"\u2068{content}\u2069"
    return (
        f'<text x="{_num(flow.x(x))}" y="{_num(y)}" text-anchor="{anchor}" '
        f'fill="{TEXT}"'
        f"{extra}>{content}</text>"
    )


def _empty(title: str, message: str) -> str:
    flow = _flow(360)
    return _svg(
        flow, 40, title, [_text(flow, 0, 24, message, fill_opacity="0.7")], css="empty"
    )


def stacked_bars(
    rows: Sequence[tuple[str, Mapping[str, int]]],
    series: Sequence[tuple[str, str]],
    *,
    title: str,
) -> str:
    """Horizontal stacked bars, one per row (an area), a segment per series key.

    ``series`` lists (key, label) in stacking order; a legend is drawn below.
    """
    if not rows:
        return _empty(title, _("Nothing to show yet."))
    label_w, bar_w, row_h = 250, 380, 24
    top = 6
    largest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    flow = _flow(label_w + bar_w + 50)
    body: list[str] = []
    for index, (label, counts) in enumerate(rows):
        y = top + index * row_h
        body.append(_text(flow, 0, y + 15, _short(label, 40)))
        x = float(label_w)
        total = 0
        for key, series_label in series:
            count = counts.get(key, 0)
            if not count:
                continue
            width = bar_w * count / largest
            tip = f"{label}: {series_label} {count}"
            body.append(_rect(flow, x, y + 3, width, row_h - 8, key, tip))
            x += width
            total += count
        body.append(_text(flow, x + 6, y + 15, readable_number(total)))
    y = top + len(rows) * row_h + 12
    x = 0.0
    for key, series_label in series:
        body.append(_rect(flow, x, y, 12, 12, key))
        body.append(_text(flow, x + 16, y + 10, series_label))
        x += 30 + 7 * len(series_label)
    return _svg(flow, y + 22, title, body, css="stacked")


def progress_bar(
    *,
    title: str,
    baseline: Decimal | None,
    latest: Decimal | None,
    target: Decimal | None,
    percent: float | None,
    unit: str = "",
    milestone: Decimal | None = None,
    milestone_label: str = "",
    milestone_at: float | None = None,
) -> str:
    """Baseline → final target as a track, the latest value as a filled part of
    it, and the milestone of the latest period as a tick on the track
    (``milestone_at``: its place on the way to the final target, in %)."""
    width, height, top = 460, 78, 20
    flow = _flow(width)
    body = [_rect(flow, 0, top, width, 14, "line")]
    if percent is not None:
        filled = width * max(0.0, min(percent, 100.0)) / 100
        body.append(_rect(flow, 0, top, filled, 14, "brand"))
    if milestone is not None and milestone_at is not None:
        x = width * max(0.0, min(milestone_at, 100.0)) / 100
        # The period key isolated too: "2026-Q2" inside an Arabic label.
        period = f"\u2068{milestone_label}\u2069" if flow.rtl else milestone_label
        text = _("milestone %(period)s: %(value)s") % {
            "period": period,
            "value": readable_number(milestone),
        }
        anchor = "end" if x > width * 0.6 else "start" if x < width * 0.4 else "middle"
        body.append(_rect(flow, max(x - 1.5, 0), top - 4, 3, 22, "accent"))
        body.append(_text(flow, x, 12, text, anchor=anchor, font_size="11"))
    unit = f" {unit}" if unit else ""
    body.append(
        _text(
            flow,
            0,
            top + 32,
            _("baseline %(value)s") % {"value": readable_number(baseline)} + unit,
        )
    )
    body.append(
        _text(
            flow,
            width,
            top + 32,
            _("final target %(value)s") % {"value": readable_number(target)} + unit,
            anchor="end",
        )
    )
    if latest is not None:
        middle = _("now %(value)s") % {"value": readable_number(latest)}
        if percent is not None:
            middle += f" ({format_percent(percent)})"
        # On a line of its own: between the baseline and the final target it
        # ran into them in the longer languages (Arabic, German, Greek).
        body.append(
            _text(
                flow, width / 2, top + 50, middle, anchor="middle", font_weight="bold"
            )
        )
    return _svg(flow, height, title, body, css="progress")


def line_chart(
    points: Sequence[tuple[str, Decimal | None]],
    *,
    title: str,
    target: Decimal | None = None,
    targets: Mapping[str, Decimal] | None = None,
    baseline: Decimal | None = None,
) -> str:
    """A time series (period label, value) with the target as a dashed line.

    ``targets`` gives a target per period label (drawn as a dashed path); without
    it ``target`` is drawn as a horizontal line.
    """
    known = [(label, value) for label, value in points if value is not None]
    if not known:
        return _empty(title, _("No values reported yet."))
    targets = dict(targets or {})
    width, height = 460, 200
    flow = _flow(width)
    left, right, top, bottom = 48, 16, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    candidates = [float(v) for _, v in known] + [float(v) for v in targets.values()]
    for extra in (target, baseline):
        if extra is not None:
            candidates.append(float(extra))
    low, high = min(0.0, *candidates), max(candidates)
    if high == low:
        high = low + 1
    labels = [label for label, _ in points]
    step = plot_w / max(len(labels) - 1, 1)

    def x_of(i: int) -> float:
        return left + (i * step if len(labels) > 1 else plot_w / 2)

    def y_of(v: float) -> float:
        return top + plot_h - (v - low) / (high - low) * plot_h

    cls, colour = _colour("brand")
    acls, accent = _colour("accent")
    mcls, muted = _colour("muted")
    x_start, x_end = _num(flow.x(left)), _num(flow.x(width - right))
    body = [
        f'<line class="axis" x1="{x_start}" y1="{top + plot_h}" x2="{x_end}" '
        f'y2="{top + plot_h}" stroke="{muted}" stroke-width="1"/>',
        _text(
            flow,
            left - 6,
            y_of(high) + 4,
            readable_number(Decimal(str(high))),
            anchor="end",
        ),
        _text(
            flow,
            left - 6,
            y_of(low) + 4,
            readable_number(Decimal(str(low))),
            anchor="end",
        ),
    ]
    # As many period labels as fit (about 7 characters each), the last one always.
    room = max(1, int(plot_w // (8 * max(len(label) for label in labels))))
    every = max(1, math.ceil(len(labels) / room))
    last = len(labels) - 1
    for i, label in enumerate(labels):
        if (i % every == 0 and last - i >= every) or i == last:
            anchor = "end" if i == last and len(labels) > 1 else "middle"
            x = x_of(i) + (4 if anchor == "end" else 0)
            body.append(_text(flow, x, height - 14, label, anchor=anchor))
    if targets:
        path = [
            f"{_num(flow.x(x_of(i)))},{_num(y_of(float(targets[label])))}"
            for i, label in enumerate(labels)
            if label in targets
        ]
        if path:
            body.append(
                f'<polyline class="target {acls}" points="{" ".join(path)}" '
                f'fill="none" stroke="{accent}" stroke-width="2" '
                f'stroke-dasharray="6 4"/>'
            )
    elif target is not None:
        y = _num(y_of(float(target)))
        body.append(
            f'<line class="target {acls}" x1="{x_start}" y1="{y}" x2="{x_end}" '
            f'y2="{y}" stroke="{accent}" stroke-width="2" stroke-dasharray="6 4">'
            f"<title>{escape(_('target'))} {escape(readable_number(target))}</title>"
            "</line>"
        )
    if baseline is not None:
        y = _num(y_of(float(baseline)))
        body.append(
            f'<line class="baseline {mcls}" x1="{x_start}" y1="{y}" x2="{x_end}" '
            f'y2="{y}" stroke="{muted}" stroke-width="1" stroke-dasharray="2 3"/>'
        )
    coords = [
        (flow.x(x_of(i)), y_of(float(value)), label, value)
        for i, (label, value) in enumerate(points)
        if value is not None
    ]
    body.append(
        f'<polyline class="series {cls}" points="'
        + " ".join(f"{_num(x)},{_num(y)}" for x, y, _, _ in coords)
        + f'" fill="none" stroke="{colour}" stroke-width="2.5"/>'
    )
    for px, py, label, value in coords:
        body.append(
            f'<circle class="{cls}" cx="{_num(px)}" cy="{_num(py)}" r="3.5" '
            f'fill="{colour}"><title>{escape(label)}: '
            f"{escape(readable_number(value))}</title></circle>"
        )
    return _svg(flow, height, title, body, css="series")


def breakdown_bars(
    items: Sequence[tuple[str, Decimal | None, bool]],
    *,
    title: str,
    threshold: int = 5,
) -> str:
    """One bar per dimension value: (label, value, hidden); hidden ones say so."""
    return _bars(items, title=title, threshold=threshold, css="breakdown")


def _bars(
    items: Sequence[tuple[str, Decimal | None, bool]],
    *,
    title: str,
    threshold: int,
    css: str,
) -> str:
    if not items:
        return _empty(title, _("No values reported yet."))
    label_w, bar_w, row_h = 170, 250, 20
    largest = max((float(v) for _, v, hidden in items if v and not hidden), default=1)
    largest = largest or 1
    flow = _flow(label_w + bar_w + 60)
    body: list[str] = []
    for index, (label, value, hidden) in enumerate(items):
        y = 4 + index * row_h
        body.append(_text(flow, 0, y + 13, _short(label, 26)))
        if hidden:
            body.append(_rect(flow, label_w, y + 3, 6, row_h - 6, "grey"))
            body.append(_text(flow, label_w + 12, y + 13, hidden_text()))
            continue
        width = bar_w * float(value or 0) / largest
        body.append(_rect(flow, label_w, y + 3, width, row_h - 6, "brand"))
        body.append(_text(flow, label_w + width + 6, y + 13, readable_number(value)))
    return _svg(flow, 8 + len(items) * row_h, title, body, css=css)


def value_bars(items: Sequence[tuple[str, Decimal]], *, title: str) -> str:
    """Horizontal bars of amounts (budget per area or per funding source)."""
    return _bars(
        [(label, value, False) for label, value in items],
        title=title,
        threshold=0,
        css="amounts",
    )


@dataclass(frozen=True)
class GanttRow:
    label: str
    start: date
    end: date
    colour: str = "brand"
    tip: str = ""


def gantt(
    rows: Sequence[GanttRow],
    *,
    title: str,
    first_year: int | None,
    last_year: int | None,
    today: date | None = None,
) -> str:
    """A chronogram: one bar per measure across years divided into quarters.
    ``first_year``/``last_year`` are None for a plan whose period is not stated."""
    if not rows:
        return _empty(title, _("No measure has dates yet."))
    starts = [row.start.year for row in rows]
    ends = [row.end.year for row in rows]
    first_year = min(starts + ([first_year] if first_year is not None else []))
    last_year = max(ends + ([last_year] if last_year is not None else []))
    label_w, plot_w, row_h, head = 230, 480, 18, 34
    first = date(first_year, 1, 1)
    days = (date(last_year, 12, 31) - first).days + 1

    def x_of(day: date) -> float:
        return label_w + plot_w * (day - first).days / days

    height = head + len(rows) * row_h + 6
    flow = _flow(label_w + plot_w + 10)
    lcls, line = _colour("line")
    body: list[str] = []
    for year in range(first_year, last_year + 1):
        x = x_of(date(year, 1, 1))
        body.append(
            f'<line class="{lcls}" x1="{_num(flow.x(x))}" y1="14" '
            f'x2="{_num(flow.x(x))}" '
            f'y2="{height}" stroke="{line}" stroke-width="1"/>'
        )
        body.append(_text(flow, x + 3, 12, str(year), font_weight="bold"))
        for quarter in range(1, 5):
            qx = x_of(date(year, 3 * quarter - 2, 1))
            # Each language abbreviates a quarter its own way (Spanish "T1").
            label = pgettext("quarter of a year", "Q%(number)d") % {"number": quarter}
            body.append(_text(flow, qx + 2, 28, label, font_size="9"))
    for index, row in enumerate(rows):
        y = head + index * row_h
        body.append(_text(flow, 0, y + 12, _short(row.label, 34)))
        start = x_of(max(row.start, first))
        end = x_of(min(row.end, date(last_year, 12, 31))) + plot_w / days
        body.append(
            _rect(
                flow,
                start,
                y + 3,
                end - start,
                row_h - 6,
                row.colour,
                row.tip or row.label,
            )
        )
    if today and first <= today <= date(last_year, 12, 31):
        acls, accent = _colour("accent")
        today_x = _num(flow.x(x_of(today)))
        body.append(
            f'<line class="today {acls}" x1="{today_x}" y1="30" x2="{today_x}" '
            f'y2="{height}" '
            f'stroke="{accent}" stroke-width="1.5"><title>{escape(_("today"))}'
            "</title></line>"
        )
    return _svg(flow, height, title, body, css="gantt")
