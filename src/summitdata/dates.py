"""ISO 8601 dates at reduced precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) and the interval each means.

The article gives many dates only relatively ("in June", "April 2023"); the data keeps
each at the precision its evidence supports, so a date is a string of one of three
shapes rather than a :class:`datetime.date`. Beside each such column the package carries
two typed columns, the first and the last day the value can mean (``2024-06`` →
2024-06-01 … 2024-06-30). :func:`bounds` is their one definition: the models check them,
``summitdata generate`` writes them, and the exports and the timeline read them.

The patterns are calendar-exact (leap years included) and use only what Python's ``re``,
RE2 (pyarrow), ECMAScript (ajv) and the Table Schema validators share, so every
validator rejects ``2023-02-30`` from the pattern alone — no custom format needed.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Annotated, Literal, NamedTuple

from pydantic import AfterValidator, BeforeValidator, Field

# Years 0001–9999 (Python's dates have no year 0), written without look-arounds (RE2 has none).
_YEAR = r"(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
_MONTH = r"(?:0[1-9]|1[0-2])"
# Month and day in any year: days 1–28 of every month, 29–30 except February, 31 in the long months.
_MONTH_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
# Leap years: divisible by 4 but not by 100, or divisible by 400 (0000 excluded).
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_DAY = rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"

#: A real calendar day, ``YYYY-MM-DD``.
ISO_DAY_PATTERN = rf"^{_DAY}$"
#: A real year, month or day: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
PARTIAL_DATE_PATTERN = rf"^(?:{_YEAR}(?:-{_MONTH})?|{_DAY})$"

#: The partial-date pattern up to 1.2.0: its shape only, the calendar checked by the models alone.
LEGACY_PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
#: (old, new) patterns where the new one rejects only what the models always rejected (a day no
#: calendar has, such as 2023-02-30, or year 0000, which no date type holds): the schema now says
#: what the gate enforced, so ``summitdata diff`` counts the change as a restatement, not a tightening.
RESTATED_PATTERNS: frozenset[tuple[str, str]] = frozenset({(LEGACY_PARTIAL_DATE_PATTERN, PARTIAL_DATE_PATTERN)})
_SHAPE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern compiled on first use, not at import: compiling the calendar-exact ones cost every
    ``import summitdata`` about 7 million instructions (callgrind), used or not."""
    return re.compile(pattern)


Precision = Literal["year", "month", "day"]

#: Values of a record's ``date_qualifier``: the words leave the date open on one side.
Qualifier = Literal["on-or-before", "on-or-after"]
QUALIFIERS: tuple[str, ...] = ("on-or-before", "on-or-after")

#: The suffixes of the two typed columns beside a partial-date column.
EARLIEST, LATEST = "earliest", "latest"


class DateBound(NamedTuple):
    """Marks a typed column as the ``side`` (``earliest`` or ``latest``) bound of the partial date ``of``."""

    of: str
    side: str


def bound_columns(of: str) -> tuple[str, str]:
    """The names of the two typed columns beside the partial-date column ``of``."""
    return f"{of}_{EARLIEST}", f"{of}_{LATEST}"


def bound_description(of: str, side: str, qualified: bool) -> str:
    """The description of a bound column: one wording for every table."""
    if side == EARLIEST:
        what, example, opened = "first", "`2024-06` → 2024-06-01, `2024` → 2024-01-01", "on-or-before"
    else:
        what, example, opened = "last", "`2024-06` → 2024-06-30, `2024` → 2024-12-31", "on-or-after"
    empty = f"Empty when {of} is empty" + (f" or date_qualifier is `{opened}` (open interval)." if qualified else ".")
    return (
        f"The {what} day {of} can mean, as a real date ({example}). {empty} Derived from {of} by "
        "`summitdata generate`: never edit by hand."
    )


def check_partial_date(value: str) -> str:
    # fullmatch: "$" would also accept a value that ends in a line break.
    if not _compiled(PARTIAL_DATE_PATTERN).fullmatch(value):
        if value.startswith("0000"):
            # ISO 8601's year 0000 exists, Python's calendar (and so every date computation here) does not.
            raise ValueError(f"{value!r} is not a calendar date — the years start at 0001")
        if _compiled(_SHAPE).fullmatch(value) and len(value) == 10:
            raise ValueError(f"{value!r} is not a calendar date — write a real date as YYYY-MM-DD")
        raise ValueError(f"{value!r} is not an ISO 8601 date — write YYYY, YYYY-MM or YYYY-MM-DD")
    return value


# How people write dates in prose and spreadsheets, for guessing what a malformed cell meant.
_PROSE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y")
_LOOSE_ISO = r"([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?"


def suggest_partial_date(value: str) -> str | None:
    """The ISO form of a date written another way (``'July 11, 2024'``, ``'2024-7-11'``), if it is one."""
    text = value.strip()
    loose = _compiled(_LOOSE_ISO).fullmatch(text)
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
    if guess is None or not _compiled(PARTIAL_DATE_PATTERN).match(guess):
        return None
    try:
        check_partial_date(guess)
    except ValueError:
        return None
    return guess


# The calendar-exact pattern, so outside validators need no custom format to reject 2023-02-30.
PartialDate = Annotated[
    str,
    Field(pattern=PARTIAL_DATE_PATTERN),
    AfterValidator(check_partial_date),
]
"""A date at year, month or day precision, local to where the event took place."""


def parse_day(value: object) -> object:
    """A bound cell (``YYYY-MM-DD`` text) as a :class:`datetime.date`; anything else is left to pydantic."""
    if isinstance(value, str):
        if not _compiled(ISO_DAY_PATTERN).match(value):
            raise ValueError(
                f"{value!r} is not a calendar date (YYYY-MM-DD) — "
                "run `summitdata generate`, which derives the bound from its date column"
            )
        return dt.date.fromisoformat(value)
    return value


# The pattern too, not only ``format: date``: JSON Schema 2020-12 treats formats as annotations
# unless a validator opts in, and a pattern every validator asserts.
Day = Annotated[dt.date, BeforeValidator(parse_day), Field(json_schema_extra={"pattern": ISO_DAY_PATTERN})]
"""A calendar day, read from ``YYYY-MM-DD`` text (strictly: no week dates, times or timestamps)."""


def is_partial_date(value: object) -> bool:
    return isinstance(value, str) and bool(_compiled(PARTIAL_DATE_PATTERN).match(value))


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
    day = parts[2] if len(parts) > 2 else _days_in(year, month)
    return dt.date(year, month, day)


def _days_in(year: int, month: int) -> int:
    """How many days a month has (``calendar.monthrange`` without importing calendar and locale at start-up)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def bounds(value: str | None, qualifier: str | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a partial date can mean; ``None`` where the interval is open.

    ``qualifier`` widens it where the words leave the date open on one side:
    ``on-or-before`` ("ahead of their summit on Thursday") opens the start,
    ``on-or-after`` ("no earlier than …") opens the end. An empty date has no bounds.
    """
    if value is None:
        return None, None
    first, last = earliest(value), latest(value)
    if qualifier == "on-or-before":
        return None, last
    if qualifier == "on-or-after":
        return first, None
    return first, last


def may_precede(start: str, end: str) -> bool:
    """Whether ``end`` can be on or after ``start`` at the precision each is given."""
    return latest(end) >= earliest(start)
