"""docs/timeline.svg: the events on a date axis, generated from the data.

One row per event, in date order. A day is a dot, a multi-day event a solid bar over its
days, a date known only to the month a hollow bar over the whole month (to the year, over
the year): the precision the evidence supports, never more. Events the public record
contradicts or does not support are red and dashed, as the article reports them, with an
arrow to the record's version (the fact check's counterpart). The weeks around the last
event, where most events fall, are repeated at a larger scale in a detail panel.

Plain SVG with generic font families and no script: deterministic text any browser or
GitHub renders, with the full name and dates of each event as a tooltip.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from summitdata.dataset import Dataset
from summitdata.dates import earliest, latest, precision
from summitdata.export._views import DISPUTING
from summitdata.models import Event, FactCheck

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

WIDTH = 1280
MARGIN = 24
DATE_X, NAME_X = MARGIN + 8, 140  # the date and name columns
MAIN = (600, 910)  # the whole period
DETAIL = (955, 1200)  # the last weeks; room on the right for the arrows' curves
DETAIL_DAYS_BEFORE, DETAIL_DAYS_AFTER = 40, 5  # the detail window, around the last event
TOP = 130  # first row
LINE, PAD = 15, 11  # text line height and row padding
#: Average glyph width of the generic sans-serif at the label size, to wrap names inside their column.
CHAR_WIDTH = 6.9
NAME_CHARS = int((MAIN[0] - NAME_X - 16) / CHAR_WIDTH)

INK, MUTED, GRID, ZEBRA, WINDOW = "#1d2731", "#5b6770", "#d5dbe0", "#f4f6f8", "#fff4cc"
ARTICLE, EXTERNAL, DISPUTED, DISPUTED_FILL = "#1f4e79", "#2a7f62", "#b3261e", "#f7dcd9"
FONT = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif"


def _f(value: float) -> str:
    """Coordinates with at most one decimal: stable text, no float noise."""
    return f"{value:.1f}".removesuffix(".0")


def _month(day: dt.date) -> str:
    return MONTHS[day.month - 1][:3]


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@lru_cache(maxsize=4096)  # events share their dates: a large package repeats a few hundred
def date_label(start: str, end: str | None = None) -> str:
    """Partial dates as a reader writes them: 26 Apr 2023, 9–11 Jul 2024, Jun 2024."""
    end = end or start
    first, last = earliest(start), latest(end)
    if precision(start) == "year":
        return start if first.year == last.year else f"{first.year}–{last.year}"
    if precision(start) == "month":
        same = (first.year, first.month) == (last.year, last.month)
        return f"{_month(first)} {first.year}" + ("" if same else f" – {_month(last)} {last.year}")
    if first == last:
        return f"{first.day} {_month(first)} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {_month(first)} {first.year}"
    return f"{first.day} {_month(first)} {first.year} – {last.day} {_month(last)} {last.year}"


@dataclass(frozen=True)
class Row:
    event: Event
    first: dt.date
    last: dt.date  # inclusive
    known: bool  # known to the day (not a month, a year or an open interval): see _known
    checks: tuple[FactCheck, ...]  # the fact checks that dispute it
    lines: tuple[str, ...]  # the label: the name, wrapped, then for a disputed event a note
    names: int  # how many of the lines are the name's
    top: float

    @property
    def point(self) -> bool:
        """One day, known to the day: drawn as a dot."""
        return self.first == self.last and self.known

    @property
    def height(self) -> float:
        return len(self.lines) * LINE + PAD

    @property
    def middle(self) -> float:
        """The marker's vertical centre: level with the first line of the label."""
        return self.top + PAD / 2 + LINE / 2 + 1

    @property
    def color(self) -> str:
        if self.checks:
            return DISPUTED
        return EXTERNAL if self.event.basis == "external" else ARTICLE


def _label_lines(event: Event, checks: tuple[FactCheck, ...]) -> tuple[tuple[str, ...], int]:
    """The label's lines (the name wrapped, then for a disputed event a note) and how many are the name's."""
    lines = textwrap.wrap(event.name, NAME_CHARS)
    names = len(lines)
    if checks:
        statuses = " and ".join(dict.fromkeys(c.status for c in checks))
        said = f" (“{event.date_text}”)" if event.date_text else ""
        # The note is set smaller, so more of it fits on a line.
        lines += textwrap.wrap(f"as the article reports it{said}: {statuses} by public reporting", NAME_CHARS * 8 // 7)
    return tuple(lines), names


def _event_label(event: Event) -> str:
    """An event's dates as a reader writes them, with the side a qualifier leaves open."""
    label = date_label(event.start_date or "", event.end_date)
    return f"{event.date_qualifier.replace('-', ' ')} {label}" if event.date_qualifier else label


def span(event: Event) -> tuple[dt.date, dt.date]:
    """The days an event's bar covers: its typed bounds, the first day its start can mean to the
    last its end can mean. An interval open on one side (date_qualifier) is drawn from its closed end."""
    first = event.start_date_earliest or event.start_date_latest
    last = event.end_date_latest or event.start_date_latest or first
    if first is None or last is None:
        raise ValueError(f"event {event.id!r} has no date bounds: run `summitdata generate`")
    return first, last


def _known(event: Event) -> bool:
    """Whether the event's dates are known to the day (not a month, a year or an open interval)."""
    return (
        event.date_qualifier is None
        and precision(event.start_date or "") == "day"
        and (event.end_date is None or precision(event.end_date) == "day")
    )


def layout(ds: Dataset) -> list[Row]:
    """The dated events in date order (then file order), each with its vertical place."""
    keyed = sorted((*span(event), index, event) for index, event in enumerate(ds.events) if event.start_date)
    rows: list[Row] = []
    top = float(TOP)
    for first, last, _, event in keyed:
        checks = tuple(c for c in ds.fact_checks_of(event) if c.status in DISPUTING)
        row = Row(event, first, last, _known(event), checks, *_label_lines(event, checks), top)
        rows.append(row)
        top += row.height
    return rows


@dataclass(frozen=True)
class Axis:
    """A linear date scale over [start, end) onto [left, right]."""

    start: dt.date
    end: dt.date  # exclusive
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        day = min(max(day, self.start), self.end)
        return self.left + (day - self.start).days / (self.end - self.start).days * (self.right - self.left)

    def covers(self, row: Row) -> bool:
        return row.last >= self.start and row.first < self.end

    def months(self) -> list[dt.date]:
        months, month = [], self.start.replace(day=1)
        while month < self.end:
            months.append(month)
            month = _next_month(month)
        return months


def axes(rows: list[Row]) -> tuple[Axis, Axis]:
    """The whole period, month-aligned, and the detail window around the last event."""
    start = min(r.first for r in rows).replace(day=1)
    last = max(r.last for r in rows)
    main = Axis(start, _next_month(last), *MAIN)
    detail_start = max(start, (last - dt.timedelta(days=DETAIL_DAYS_BEFORE)).replace(day=1))
    return main, Axis(detail_start, last + dt.timedelta(days=DETAIL_DAYS_AFTER + 1), *DETAIL)


def _text(x: float, y: float, text: str, size: float = 12.5, **attributes: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attributes.items())
    return f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}"{extra}>{escape(text)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, color: str, *, width: float = 1) -> str:
    return (
        f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{color}" stroke-width="{_f(width)}"/>'
    )


def _main_grid(axis: Axis, detail: Axis, top: float, bottom: float) -> list[str]:
    x1, x2 = axis.x(detail.start), axis.x(detail.end)
    parts = [f'<rect x="{_f(x1)}" y="{_f(top - 22)}" width="{_f(x2 - x1)}" height="{_f(bottom - top + 22)}" '
             f'fill="{WINDOW}" opacity="0.7"/>']  # fmt: skip
    for month in axis.months():
        x = axis.x(month)
        january = month.month == 1
        parts.append(_line(x, top - 22, x, bottom, MUTED if january else GRID, width=1.2 if january else 1))
        middle = (x + axis.x(_next_month(month))) / 2
        parts.append(_text(middle, top - 8, MONTHS[month.month - 1][0], 11, fill=MUTED, text_anchor="middle"))
        if january or month == axis.start:
            parts.append(_text(x + 3, top - 28, str(month.year), 12, fill=INK, font_weight="bold"))
    parts.append(_line(axis.right, top - 22, axis.right, bottom, GRID))
    return parts


def _detail_grid(axis: Axis, top: float, bottom: float) -> list[str]:
    parts = [f'<rect x="{_f(axis.left)}" y="{_f(top - 22)}" width="{_f(axis.right - axis.left)}" '
             f'height="{_f(bottom - top + 22)}" fill="none" stroke="{MUTED}" stroke-dasharray="3 3"/>']  # fmt: skip
    day = axis.start
    while day < axis.end:
        if day.day in (1, 10, 20):
            month_start = day.day == 1
            parts.append(_line(axis.x(day), top - 22, axis.x(day), bottom, MUTED if month_start else GRID))
            parts.append(_text(axis.x(day) + 2, top - 8, str(day.day), 10.5, fill=MUTED))
            if month_start or day == axis.start:
                parts.append(
                    _text(axis.x(day) + 2, top - 28, f"{_month(day)} {day.year}", 12, fill=INK, font_weight="bold")
                )
        day += dt.timedelta(days=1)
    return parts


def _marker(row: Row, axis: Axis) -> str:
    color = row.color
    dashed = ' stroke-dasharray="4 2"' if row.checks else ""
    if row.point:
        # The dot sits in the middle of its day.
        middle = (axis.x(row.first) + axis.x(row.first + dt.timedelta(days=1))) / 2
        fill = DISPUTED_FILL if row.checks else color
        return (
            f'<circle cx="{_f(middle)}" cy="{_f(row.middle)}" r="5.5" fill="{fill}" stroke="{color}" '
            f'stroke-width="1.6"{dashed}/>'
        )
    x1, x2 = axis.x(row.first), max(axis.x(row.last + dt.timedelta(days=1)), axis.x(row.first) + 5)
    # A known span is solid; a date known only to the month (or year) is an interval of uncertainty: hollow.
    fill = DISPUTED_FILL if row.checks else (color if row.known else "#ffffff")
    return (
        f'<rect x="{_f(x1)}" y="{_f(row.middle - 6)}" width="{_f(x2 - x1)}" height="12" rx="3" fill="{fill}" '
        f'stroke="{color}" stroke-width="1.6"{dashed}/>'
    )


def _right_end(row: Row, axis: Axis) -> float:
    if row.point:
        return (axis.x(row.first) + axis.x(row.first + dt.timedelta(days=1))) / 2 + 6.5
    return max(axis.x(row.last + dt.timedelta(days=1)), axis.x(row.first) + 5) + 1.5


def _arrow(source: Row, target: Row, axis: Axis, finding: str, bend: float) -> str:
    x1, y1 = _right_end(source, axis), source.middle
    x2, y2 = _right_end(target, axis) + 2, target.middle
    reach = max(x1, x2) + bend
    return (
        f'<path d="M{_f(x1)},{_f(y1)} C{_f(reach)},{_f(y1)} {_f(reach)},{_f(y2)} {_f(x2)},{_f(y2)}" '
        f'fill="none" stroke="{DISPUTED}" stroke-width="1.4" marker-end="url(#arrow)">'
        f"<title>{escape(finding)}</title></path>"
    )


def _row(row: Row, main: Axis, detail: Axis) -> list[str]:
    event = row.event
    label = _event_label(event)
    tooltip = f"{event.name} — {label}" + (f" (the article: “{event.date_text}”)" if event.date_text else "")
    weight = "bold" if row.checks else "normal"
    baseline = row.middle + 4.5
    parts = [
        f"<g><title>{escape(tooltip)}</title>",
        _text(DATE_X, baseline, label, fill=row.color, font_weight=weight),
    ]
    for index, line in enumerate(row.lines):
        if index < row.names:
            parts.append(_text(NAME_X, baseline + index * LINE, line, fill=INK, font_weight=weight))
        else:
            parts.append(_text(NAME_X, baseline + index * LINE, line, 11, fill=DISPUTED, font_style="italic"))
    parts.append(_marker(row, main))
    if detail.covers(row):
        parts.append(_marker(row, detail))
    parts.append("</g>")
    return parts


def _legend(y: float) -> tuple[list[str], float]:
    neutral = MUTED
    groups = [
        (
            "Shape: how precise the date is",
            [
                (f'<circle r="5.5" fill="{neutral}"/>', "a day"),
                (f'<rect x="-6" y="-6" width="22" height="12" rx="3" fill="{neutral}"/>', "several days"),
                (
                    f'<rect x="-6" y="-6" width="22" height="12" rx="3" fill="#ffffff" stroke="{neutral}" '
                    'stroke-width="1.6"/>',
                    "known only to the month: the bar spans the whole month",
                ),
            ],
        ),
        (
            "Colour: where it comes from",
            [
                (f'<circle r="5.5" fill="{ARTICLE}"/>', "in the article"),
                (f'<circle r="5.5" fill="{EXTERNAL}"/>', "public reporting only"),
                (
                    f'<circle r="5.5" fill="{DISPUTED_FILL}" stroke="{DISPUTED}" stroke-width="1.6" '
                    'stroke-dasharray="4 2"/>',
                    "as the article reports it; contradicted or unsupported",
                ),
                (
                    f'<path d="M-6,0 H18" stroke="{DISPUTED}" stroke-width="1.4" marker-end="url(#arrow)"/>',
                    "what public reporting says happened instead",
                ),
            ],
        ),
    ]
    parts = []
    for title, items in groups:
        parts.append(_text(DATE_X, y, title, 12, fill=INK, font_weight="bold"))
        x = DATE_X + 235.0
        for shape, label in items:
            width = 34 + len(label) * CHAR_WIDTH * 0.96
            if x + width > WIDTH - MARGIN:  # wrap onto the next line, under the first item
                x, y = DATE_X + 235.0, y + 22
            parts.append(f'<g transform="translate({_f(x + 6)},{_f(y - 4)})">{shape}</g>')
            parts.append(_text(x + 34, y, label, 12, fill=INK))
            x += width + 26
        y += 26
    return parts, y


def render_timeline(ds: Dataset) -> str:
    """The SVG text of the timeline (deterministic for given data)."""
    rows = layout(ds)
    if not rows:
        return _document(120, [_text(MARGIN, 60, "No dated events.", 14, fill=INK)])
    main, detail = axes(rows)
    bottom = rows[-1].top + rows[-1].height
    last_day = main.end - dt.timedelta(days=1)
    parts = [
        _text(MARGIN, 38, "From the Washington Declaration to the Yoon–Biden summit", 22, fill=INK, font_weight="bold"),
        _text(
            MARGIN,
            62,
            f"Events of summitdata {ds.version}, {MONTHS[main.start.month - 1]} {main.start.year} to "
            f"{MONTHS[last_day.month - 1]} {last_day.year}, dated at the precision the evidence supports.",
            13,
            fill=MUTED,
        ),
        _text(
            MARGIN,
            80,
            "Generated from data/events.csv and data/fact_checks.csv. Hover over an event for its details.",
            13,
            fill=MUTED,
        ),
        _text(DATE_X, TOP - 8, "Date", 11, fill=MUTED, font_weight="bold"),
        _text(NAME_X, TOP - 8, "Event", 11, fill=MUTED, font_weight="bold"),
        _text(detail.left, TOP - 46, "Detail of the highlighted weeks", 11, fill=MUTED, font_style="italic"),
    ]
    parts += [
        f'<rect x="{MARGIN}" y="{_f(r.top)}" width="{WIDTH - 2 * MARGIN}" height="{_f(r.height)}" fill="{ZEBRA}"/>'
        for r in rows[::2]
    ]
    parts += _main_grid(main, detail, TOP, bottom)
    parts += _detail_grid(detail, TOP, bottom)
    for row in rows:
        parts += _row(row, main, detail)
    by_id = {row.event.id: row for row in rows}
    # One arrow per (disputed event, counterpart), however many fact checks link them.
    links: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        for check in row.checks:
            if check.counterpart_id in by_id:
                links.setdefault((row.event.id, check.counterpart_id), []).append(check.finding)
    for bend, ((source_id, target_id), findings) in enumerate(links.items()):
        source, target = by_id[source_id], by_id[target_id]
        axis = detail if detail.covers(source) and detail.covers(target) else main
        parts.append(_arrow(source, target, axis, " ".join(dict.fromkeys(findings)), 26.0 + 12 * bend))
    legend, end = _legend(bottom + 36)
    parts += legend
    parts.append(
        _text(
            MARGIN,
            end + 8,
            "Data: summitdata contributors, CC BY 4.0. Source: Lee Seung-jun, The Hankyoreh (English edition), "
            "and the public reporting cited in data/sources.csv.",
            11,
            fill=MUTED,
        )
    )
    return _document(end + 28, parts)


def _document(height: float, parts: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{_f(height)}" '
        f'viewBox="0 0 {WIDTH} {_f(height)}" font-family="{FONT}" role="img" aria-labelledby="timeline-title">\n'
        '<title id="timeline-title">Timeline of the events from the Washington Declaration to the Yoon–Biden summit'
        "</title>\n"
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{DISPUTED}"/></marker></defs>\n'
        f'<rect width="{WIDTH}" height="{_f(height)}" fill="#ffffff"/>\n'
    )
    return head + "\n".join(parts) + "\n</svg>\n"
