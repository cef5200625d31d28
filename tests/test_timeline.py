"""docs/timeline.svg: every dated event on the axis, at its precision, disputed ones linked to the record's version."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import summitdata
from summitdata.generate import stale_files
from summitdata.timeline import DETAIL, MAIN, axes, date_label, layout, render_timeline
from tests.conftest import ROOT, edit_file

SVG = "{http://www.w3.org/2000/svg}"
#: (start, end, how the timeline writes it).
DATE_LABELS = [
    ("2023-04-26", "2023-04-26", "26 Apr 2023"),
    ("2024-07-09", "2024-07-11", "9–11 Jul 2024"),
    ("2023-12-30", "2024-01-02", "30 Dec 2023 – 2 Jan 2024"),
    ("2024-06", "2024-06", "Jun 2024"),
    ("2024-06", None, "Jun 2024"),
    ("2024-05", "2024-06", "May 2024 – Jun 2024"),
    ("2024", "2024", "2024"),
]


@pytest.fixture(scope="module")
def svg(ds: summitdata.Dataset) -> ET.Element:
    return ET.fromstring(render_timeline(ds))


def texts(element: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in element.iter(f"{SVG}text")]


def test_the_committed_timeline_is_what_the_data_draws(ds: summitdata.Dataset) -> None:
    assert (ROOT / "docs/timeline.svg").read_text(encoding="utf-8") == render_timeline(ds)
    assert render_timeline(ds) == render_timeline(summitdata.load(ROOT))  # deterministic


def test_it_is_plain_svg_with_a_title_a_legend_and_no_script_or_external_reference(svg: ET.Element) -> None:
    assert svg.tag == f"{SVG}svg"
    assert svg.find(f"{SVG}title") is not None
    labels = texts(svg)
    assert labels[0] == "From the Washington Declaration to the Yoon–Biden summit"
    assert "Shape: how precise the date is" in labels
    assert "Colour: where it comes from" in labels
    assert not list(svg.iter(f"{SVG}script"))
    assert not list(svg.iter(f"{SVG}image"))
    assert all(not key.endswith("href") for node in svg.iter() for key in node.attrib)


def test_every_dated_event_has_a_row_with_its_dates_and_name(svg: ET.Element, ds: summitdata.Dataset) -> None:
    tooltips = [node.text or "" for node in svg.iter(f"{SVG}title")]
    labels = texts(svg)
    for event in ds.events:
        if event.start_date is None:
            continue
        assert any(t.startswith(f"{event.name} — ") for t in tooltips), event.id
        assert date_label(event.start_date, event.end_date) in labels


def test_the_axis_runs_from_april_2023_to_july_2024(ds: summitdata.Dataset, svg: ET.Element) -> None:
    main, detail = axes(layout(ds))
    assert (main.start, main.end) == (dt.date(2023, 4, 1), dt.date(2024, 8, 1))
    assert detail.start <= dt.date(2024, 6, 1)
    assert detail.end > dt.date(2024, 7, 11)
    assert "2023" in texts(svg)
    assert "2024" in texts(svg)


@pytest.mark.parametrize(("start", "end", "label"), DATE_LABELS)
def test_dates_are_written_at_their_precision(start: str, end: str | None, label: str) -> None:
    assert date_label(start, end) == label


def test_a_date_known_to_the_month_is_a_bar_over_the_whole_month(ds: summitdata.Dataset) -> None:
    rows = layout(ds)
    main, _ = axes(rows)
    month_rows = [r for r in rows if len(r.event.start_date or "") == 7]
    assert month_rows
    for row in month_rows:
        assert (row.first.day, (row.last + dt.timedelta(days=1)).day) == (1, 1)
        assert not row.point
        assert main.x(row.last + dt.timedelta(days=1)) - main.x(row.first) > 15  # visibly a month wide
    exact_days = [
        r
        for r in rows
        if len(r.event.start_date or "") == 10 and r.event.start_date == r.event.end_date and not r.event.date_qualifier
    ]
    assert exact_days
    assert all(r.point for r in exact_days)  # an open (qualified) day is not a point: see the next tests


def test_disputed_events_are_marked_and_linked_to_the_records_version(svg: ET.Element, ds: summitdata.Dataset) -> None:
    rows = layout(ds)
    assert {r.event.id for r in rows if r.checks} == {e.id for e in ds.events if e.disputed and e.start_date}
    links = {(r.event.id, c.counterpart_id) for r in rows for c in r.checks if c.counterpart_id in ds.events}
    assert links
    arrows = [
        p for p in svg.iter(f"{SVG}path") if p.get("marker-end") == "url(#arrow)" and p.find(f"{SVG}title") is not None
    ]
    assert len(arrows) == len(links)
    dashed = [n for n in svg.iter() if n.get("stroke-dasharray") == "4 2"]
    assert len(dashed) >= sum(1 for r in rows if r.checks)
    assert any("as the article reports it" in t and "contradicted" in t for t in texts(svg))


def test_the_markers_stay_inside_their_panels(svg: ET.Element) -> None:
    for circle in svg.iter(f"{SVG}circle"):
        x = float(circle.get("cx", "0"))
        assert MAIN[0] <= x <= MAIN[1] or DETAIL[0] <= x <= DETAIL[1] or x == 0  # legend shapes sit at 0


def test_a_renamed_event_makes_the_timeline_stale(package_copy: Path) -> None:
    edit_file(
        package_copy / "data/events.csv",
        lambda s: s.replace("ncg-meeting-1,First NCG meeting,", "ncg-meeting-1,First NCG meeting in Seoul,"),
    )
    assert "docs/timeline.svg" in stale_files(package_copy)


def test_a_date_open_on_one_side_is_drawn_from_its_closed_end_and_says_so(ds: summitdata.Dataset) -> None:
    """An on-or-before date (the leaders' signing as reported): its row ends on the day given and says so."""
    event = ds.events["leaders-signing-as-reported"]
    assert event.date_qualifier == "on-or-before"
    assert (event.start_date_earliest, event.start_date_latest) == (None, dt.date(2024, 7, 11))
    row = next(r for r in layout(ds) if r.event.id == event.id)
    assert (row.first, row.last, row.point) == (dt.date(2024, 7, 11), dt.date(2024, 7, 11), False)
    assert "on or before 11 Jul 2024" in render_timeline(ds)
