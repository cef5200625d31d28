"""ISO 8601 dates at reduced precision: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

The article gives many dates only relatively ("in June", "April 2023"); the data keeps
each at the precision its evidence supports, so a date is a string of one of three
shapes rather than a :class:`datetime.date`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_PARTIAL_DATE_RE = re.compile(PARTIAL_DATE_PATTERN)

Precision = Literal["year", "month", "day"]


def check_partial_date(value: str) -> str:
    if not _PARTIAL_DATE_RE.match(value):
        raise ValueError(f"{value!r} is not an ISO 8601 date — write YYYY, YYYY-MM or YYYY-MM-DD")
    if len(value) == 10:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar date — write a real date as YYYY-MM-DD") from None
    return value


# How people write dates in prose and spreadsheets, for guessing what a malformed cell meant.
_PROSE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y")
_LOOSE_ISO = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?")


def suggest_partial_date(value: str) -> str | None:
    """The ISO form of a date written another way (``'July 11, 2024'``, ``'2024-7-11'``), if it is one."""
    text = value.strip()
    loose = _LOOSE_ISO.fullmatch(text)
    text = " ".join(text.split()).replace(".", "")  # "Jul.  11, 2024" → "Jul 11, 2024"
    if loose:
        year, month, day = loose.groups()
        guess = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    else:
        guess = None
        for fmt in _PROSE_FORMATS:
            try:
                parsed = dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
            guess = parsed.isoformat() if "%d" in fmt else parsed.isoformat()[:7]
            break
    if guess is None or not _PARTIAL_DATE_RE.match(guess):
        return None
    try:
        check_partial_date(guess)
    except ValueError:
        return None
    return guess


PartialDate = Annotated[
    str,
    Field(pattern=PARTIAL_DATE_PATTERN, json_schema_extra={"format": "partial-date"}),
    AfterValidator(check_partial_date),
]
"""A date at year, month or day precision, local to where the event took place."""


def precision(value: str) -> Precision:
    """Return how precise a partial date is: ``"year"``, ``"month"`` or ``"day"``."""
    check_partial_date(value)
    return {4: "year", 7: "month", 10: "day"}[len(value)]  # type: ignore[return-value]


def earliest(value: str) -> dt.date:
    """The first calendar day a partial date can mean (``"2024-06"`` → 1 June 2024)."""
    check_partial_date(value)
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def latest(value: str) -> dt.date:
    """The last calendar day a partial date can mean (``"2024-06"`` → 30 June 2024)."""
    check_partial_date(value)
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def may_precede(start: str, end: str) -> bool:
    """Whether ``end`` can be on or after ``start`` at the precision each is given."""
    return latest(end) >= earliest(start)
