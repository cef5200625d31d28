"""Field types shared by the resource models.

Each type carries its constraint once; the JSON Schemas, the Table Schemas in
``datapackage.json`` and the data dictionary are all generated from these.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from summitdata.countries import COUNTRY_CODES, COUNTRY_NAMES
from summitdata.dates import ISO_DAY_PATTERN, PARTIAL_DATE_PATTERN, suggest_partial_date

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
CAMEO_CODE_PATTERN = r"^[0-9]{3,4}$"
COLUMN_NAME_PATTERN = r"^[a-z_]+$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
SOURCE_PATH_PATTERN = r"^data/sources/[A-Za-z0-9._-]+$"


@dataclass(frozen=True)
class Advice:
    """What a value of a constrained field must look like, in plain words for the person fixing it.

    The gate never shows a pattern to people: a cell that breaks one is reported as
    "<value> is not <what>" with the hint ``write``.
    """

    what: str
    write: str
    example: str
    #: The value the person probably meant, when it can be guessed from what they wrote.
    suggest: Callable[[str], str | None] | None = None

    def hint(self, value: str) -> str:
        guess = self.suggest(value) if self.suggest is not None else None
        return f"{self.write}, e.g. {guess or self.example}"


def suggest_slug(value: str) -> str | None:
    """``'NATO_summit dates'`` → ``'nato-summit-dates'``: the id a name or a mistyped id most likely means."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80].strip("-")
    return slug or None


#: One entry per pattern any model uses (a test checks that none is missing).
PATTERN_ADVICE: dict[str, Advice] = {
    SLUG_PATTERN: Advice(
        "an id", "write lowercase letters and digits in words joined by single hyphens", "vipin-narang", suggest_slug
    ),
    SHA256_PATTERN: Advice(
        "a SHA-256 digest", "write the 64 lowercase hexadecimal digits `sha256sum FILE` prints", "e3b0c442…"
    ),
    PARTIAL_DATE_PATTERN: Advice(
        "a date", "write the date as YYYY, YYYY-MM or YYYY-MM-DD", "2024-07-11", suggest_partial_date
    ),
    ISO_DAY_PATTERN: Advice(
        "a day", "run `summitdata generate`, which writes each date bound from its date column", "2024-07-11"
    ),
    CAMEO_CODE_PATTERN: Advice("a CAMEO event code", "write the code's three or four digits", "057"),
    COLUMN_NAME_PATTERN: Advice("a column name", "write the column's name as in the CSV header", "start_date"),
    LANGUAGE_PATTERN: Advice("a language tag", "write a BCP 47 language tag", "en"),
    SOURCE_PATH_PATTERN: Advice(
        "a stored source's path", "write data/sources/ and the file's name", "data/sources/external-context.md"
    ),
}


@dataclass(frozen=True)
class RefAdvice:
    """How to name a record of a resource: the noun for one of its records and an id that exists."""

    noun: str
    example: str


#: For each resource a foreign key can point to (a test checks each example id is in the data).
REF_ADVICE: dict[str, RefAdvice] = {
    "sources": RefAdvice("source", "hankyoreh-article"),
    "organizations": RefAdvice("organization", "presidential-office"),
    "people": RefAdvice("person", "vipin-narang"),
    "events": RefAdvice("event", "yoon-biden-summit-2024"),
    "agreements": RefAdvice("agreement", "nuclear-deterrence-guidelines"),
}

# Characters a reader cannot see but a byte-for-byte comparison can: zero-width
# spaces and joiners, word joiner, BOM, and the bidirectional controls.
INVISIBLE = frozenset(
    "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


@dataclass(frozen=True)
class Ref:
    """Marks a field as a foreign key to the primary key of another resource."""

    resource: str


@dataclass(frozen=True)
class TextRule:
    """A property every text cell must have, as one regex both engines evaluate.

    ``pattern`` matches a *bad* value; it is written in the common subset of Python's
    ``re`` and RE2 (pyarrow), so the per-record and vectorized checks share it.
    """

    code: str
    pattern: str
    message: str
    hint: str


# The characters themselves, not escapes: Python's re and RE2 share no escape for them.
_INVISIBLE_CLASS = "".join(sorted(INVISIBLE))

# Every character Python counts as whitespace, literally: RE2's \s is ASCII-only, Python's is not.
_SPACE_CLASS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())

#: Every text rule, in the order they are checked. NFC is checked separately (a normalization, not a pattern).
TEXT_RULES: tuple[TextRule, ...] = (
    TextRule(
        "text-whitespace", f"^[{_SPACE_CLASS}]|[{_SPACE_CLASS}]$", "has leading or trailing whitespace", "trim the cell"
    ),
    TextRule(
        "text-control-character",
        r"[\x00-\x1f\x7f-\x9f]",
        "contains a control character (line break, tab, NUL …)",
        "keep the cell on one line and remove control characters",
    ),
    TextRule(
        "text-invisible-character",
        f"[{_INVISIBLE_CLASS}]",
        "contains an invisible character (zero-width space, BOM, bidirectional control …)",
        "delete the invisible character (retype the text around it)",
    ),
    TextRule(
        "formula-risk",
        r"^[=+\-@]",
        "starts with = + - or @, which a spreadsheet would run as a formula",
        "reword the cell so it does not start with = + - or @",
    ),
)
_TEXT_RES = tuple((rule, re.compile(rule.pattern)) for rule in TEXT_RULES)
NFC_CODE, NFC_MESSAGE, NFC_HINT = (
    "text-not-nfc",
    "is not in Unicode normal form NFC",
    "retype or normalize the text to NFC",
)


def _error_type(code: str) -> str:
    return code.replace("-", "_")


def check_text(value: str) -> str:
    """Reject text that would not survive a spreadsheet or a byte comparison intact."""
    for rule, regex in _TEXT_RES:
        if regex.search(value):
            raise PydanticCustomError(_error_type(rule.code), f"{rule.message} — {rule.hint}")
    if unicodedata.normalize("NFC", value) != value:
        raise PydanticCustomError(_error_type(NFC_CODE), f"{NFC_MESSAGE} — {NFC_HINT}")
    return value


def check_country(value: str) -> str:
    if value not in COUNTRY_CODES:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 code — {_country_hint(value)}")
    return value


def _country_hint(value: str) -> str:
    """The code meant, when the value is a code in the wrong case or (part of) a country's name."""
    key = value.strip().casefold()
    if key.upper() in COUNTRY_NAMES:
        return f"write it in capitals: {key.upper()}"
    named = [code for code, name in COUNTRY_NAMES.items() if len(key) >= 4 and key in name.casefold()]
    if 0 < len(named) <= 3:
        return "use the code: " + " or ".join(f"{code} ({COUNTRY_NAMES[code]})" for code in named)
    return "use e.g. KOR or USA"


URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def check_url(value: str) -> str:
    if not URL_RE.match(value):
        raise ValueError(f"{value!r} is not an http(s) URL — write the full address, starting with https://")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(check_text)]
"""Non-empty single-line text: NFC, trimmed, no control or invisible characters."""

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80)]
"""A readable, stable identifier: lowercase ASCII words joined by single hyphens."""

Country = Annotated[
    str,
    Field(json_schema_extra={"enum": list(COUNTRY_CODES)}),
    AfterValidator(check_country),
]
"""An ISO 3166-1 alpha-3 country code."""

Url = Annotated[str, Field(json_schema_extra={"format": "uri"}), AfterValidator(check_url)]

Sha256 = Annotated[str, Field(pattern=SHA256_PATTERN)]

Basis = Literal["stated", "inferred", "external"]
"""How a value is supported.

``stated``: the quote literally says it. ``inferred``: derived from the article;
the note says how. ``external``: from a cited public source, not the article.
"""
