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


def check_text(value: str) -> str:
    """Reject text that would not survive a spreadsheet or a byte comparison intact."""
    if value != value.strip():
        raise ValueError("has leading or trailing whitespace")
    for char in value:
        if unicodedata.category(char) == "Cc":
            raise ValueError(f"contains the control character U+{ord(char):04X}")
        if char in INVISIBLE:
            raise ValueError(f"contains the invisible character U+{ord(char):04X}")
    if unicodedata.normalize("NFC", value) != value:
        raise ValueError("is not in Unicode normal form NFC")
    return value


def check_country(value: str) -> str:
    if value not in COUNTRY_CODES:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 code — use e.g. KOR or USA")
    return value


_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def check_url(value: str) -> str:
    if not _URL_RE.match(value):
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
