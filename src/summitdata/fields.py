"""Field types shared by the resource models.

Each type carries its constraint once; the JSON Schemas, the Table Schemas in
``datapackage.json`` and the data dictionary are all generated from these.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from summitdata.countries import COUNTRY_CODES

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"

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
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 code — use e.g. KOR or USA")
    return value


URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def check_url(value: str) -> str:
    if not URL_RE.match(value):
        raise ValueError(f"{value!r} is not an http(s) URL")
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
