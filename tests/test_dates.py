"""summitdata.dates: partial ISO 8601 dates."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from pydantic import TypeAdapter, ValidationError

from summitdata.dates import PartialDate, earliest, latest, may_precede, precision

ADAPTER: TypeAdapter[str] = TypeAdapter(PartialDate)

VALID = [("2024", "year"), ("2024-06", "month"), ("2024-07-11", "day"), ("2024-02-29", "day")]
INVALID = [
    "2024-02-30",
    "2023-02-29",
    "2024-13",
    "2024-6",
    "24-06-01",
    "2024-07-11T10:00",
    "July 2024",
    "",
]
RANGES = [
    ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
]


@pytest.mark.parametrize(("value", "expected"), VALID)
def test_valid_partial_dates_parse_with_their_precision(value: str, expected: str) -> None:
    assert ADAPTER.validate_python(value) == value
    assert precision(value) == expected


@pytest.mark.parametrize("value", INVALID)
def test_malformed_or_impossible_dates_are_rejected(value: str) -> None:
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(value)


@pytest.mark.parametrize(("value", "first", "last"), RANGES)
def test_a_partial_date_spans_every_day_it_can_mean(value: str, first: dt.date, last: dt.date) -> None:
    assert (earliest(value), latest(value)) == (first, last)


def test_ordering_respects_precision() -> None:
    assert may_precede("2024-07-11", "2024-07")
    assert not may_precede("2024-07-11", "2024-06")


def test_a_month_ends_on_the_day_the_calendar_module_gives_in_every_year() -> None:
    """latest("YYYY-MM") is the month's last day for every month of years 1–9999 (leap years included)."""
    for year in range(1, 10000):
        for month in range(1, 13):
            assert latest(f"{year:04d}-{month:02d}").day == calendar.monthrange(year, month)[1]
