"""Field types shared by the resource models.

Each type carries its constraint once; the JSON Schemas, the Table Schemas in
``datapackage.json`` and the data dictionary are all generated from these.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Annotated, Literal, NamedTuple

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from summitdata.countries import COUNTRY_CODES, COUNTRY_NAMES
from summitdata.dates import ISO_DAY_PATTERN, PARTIAL_DATE_PATTERN, suggest_partial_date

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
CAMEO_CODE_PATTERN = r"^[0-9]{3,4}$"
COLUMN_NAME_PATTERN = r"^[a-z_]+$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
SOURCE_PATH_PATTERN = r"^data/sources/[A-Za-z0-9._-]+$"


class Advice(NamedTuple):
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


class RefAdvice(NamedTuple):
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


class Ref(NamedTuple):
    """Marks a field as a foreign key to the primary key of another resource."""

    resource: str


#: Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt): characters a renderer
#: shows as nothing — variation selectors, tag characters, Hangul fillers (U+3164 …), U+034F …
DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


Ranges = list[tuple[int, int]]


@cache
def _runs() -> tuple[tuple[int, int, str], ...]:
    """Every code point as runs of one general category: one pass over Unicode, done once per process."""
    categories = list(map(unicodedata.category, map(chr, range(0x110000))))
    starts = [0, *(code for code in range(1, 0x110000) if categories[code] != categories[code - 1])]
    ends = [start - 1 for start in starts[1:]] + [0x10FFFF]
    runs = [(start, end, categories[start]) for start, end in zip(starts, ends, strict=True)]
    return tuple(runs)


def _of(*categories: str) -> Ranges:
    return [(a, b) for a, b, name in _runs() if name in categories]


def _merge(ranges: Ranges) -> Ranges:
    merged: Ranges = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _minus(ranges: Ranges, removed: Ranges) -> Ranges:
    """The code points of ``ranges`` outside ``removed`` (both sorted)."""
    result: Ranges = []
    for first, last in _merge(ranges):
        start = first
        for x, y in removed:
            if y < start or x > last:
                continue
            if x > start:
                result.append((start, x - 1))
            start = y + 1
        if start <= last:
            result.append((start, last))
    return result


_SURROGATES: Ranges = [(0xD800, 0xDFFF)]  # decoded UTF-8 never holds them, and RE2 cannot take them


def _char(code: int) -> str:
    # \xHH for Latin-1 (both engines read it; a literal NUL or ] would not survive), else the character itself:
    # Python's re and RE2 share no escape above U+00FF.
    return f"\\x{code:02x}" if code < 0x100 else chr(code)


def _class(ranges: list[tuple[int, int]]) -> str:
    return "[" + "".join(_char(a) if a == b else f"{_char(a)}-{_char(b)}" for a, b in ranges) + "]"


class TextRule(NamedTuple):
    """A property every text cell must have, as one regex both engines evaluate.

    The regex matches a *bad* value; it is written in the common subset of Python's ``re``
    and RE2 (pyarrow), so the per-record and vectorized checks share it. Character rules are
    defined by Unicode general categories and properties, not by lists of examples; their
    classes are computed on first use (a pass over every code point), never at import.
    """

    code: str
    message: str
    hint: str
    build: Callable[[], str]
    names_character: bool = True

    @property
    def pattern(self) -> str:
        return _pattern(self)


@cache
def _pattern(rule: TextRule) -> str:
    return rule.build()


def character_ranges() -> dict[str, Ranges]:
    """The character classes of the text rules, computed from this Python's Unicode database.

    The rules use the frozen copy in :mod:`summitdata._unicode_ranges` (a pass over Unicode takes
    half a second; the copy costs nothing, and both engines agree on one Unicode version);
    tests/test_text_rules.py checks the copy against this computation.
    """
    return {
        # Every character Python counts as whitespace (RE2's \s is ASCII-only): all are Cc, Zs, Zl or Zp.
        "spaces": _merge([(c, c) for a, b in _of("Cc", "Zs", "Zl", "Zp") for c in range(a, b + 1) if chr(c).isspace()]),
        # Cc, and the line and paragraph separators (Zl, Zp): line breaks to every reader but Python's csv.
        "controls": _merge(_of("Cc", "Zl", "Zp")),
        # Format characters (Cf: zero-width and bidirectional controls, invisible operators, BOM …) and
        # every default-ignorable code point.
        "invisible": _minus(_merge(_of("Cf") + list(DEFAULT_IGNORABLE)), _SURROGATES),
        # Private use (Co), unassigned (Cn, noncharacters included), spaces other than U+0020 (NBSP …).
        "unusual": _minus(_of("Co", "Cn", "Zs"), _merge([(0x20, 0x20), *DEFAULT_IGNORABLE, *_SURROGATES])),
        # Combining marks: not at the start of a cell, where they would combine with whatever precedes it.
        "marks": _merge(_of("Mn", "Mc", "Me")),
    }


def _frozen(name: str) -> str:
    from summitdata._unicode_ranges import RANGES

    return _class([(a, b) for a, b in RANGES[name]])


def _space_rule() -> str:
    spaces = _frozen("spaces")
    return f"^{spaces}|{spaces}$"


#: Every text rule, in the order they are checked. NFC is checked separately (a normalization, not a pattern).
TEXT_RULES: tuple[TextRule, ...] = (
    TextRule(
        "text-whitespace", "has leading or trailing whitespace", "trim the cell", _space_rule, names_character=False
    ),
    TextRule(
        "text-control-character",
        "contains a control character (line break, tab, NUL …)",
        "keep the cell on one line and remove control characters",
        lambda: _frozen("controls"),
    ),
    TextRule(
        "text-invisible-character",
        "contains an invisible character (zero-width space, BOM, bidirectional control …)",
        "delete the invisible character (retype the text around it)",
        lambda: _frozen("invisible"),
    ),
    TextRule(
        "text-unusual-character",
        "contains a character plain text does not need (private use, unassigned, no-break or special space, "
        "a combining mark with nothing before it)",
        "retype it as a plain character (a normal space, a letter with its accent)",
        lambda: f"{_frozen('unusual')}|^{_frozen('marks')}",
    ),
    TextRule(
        "formula-risk",
        "starts with = + - or @, which a spreadsheet would run as a formula",
        "reword the cell so it does not start with = + - or @",
        lambda: r"^[=+\-@]",
        names_character=False,
    ),
)
NFC_CODE, NFC_MESSAGE, NFC_HINT = (
    "text-not-nfc",
    "is not in Unicode normal form NFC",
    "retype or normalize the text to NFC",
)


@cache
def _compiled() -> tuple[tuple[TextRule, re.Pattern[str]], ...]:
    return tuple((rule, re.compile(rule.pattern)) for rule in TEXT_RULES)


def describe_character(char: str) -> str:
    """A character as a reader can identify it: ``U+2063 INVISIBLE SEPARATOR``."""
    name = unicodedata.name(char, "")
    if name:
        return f"U+{ord(char):04X} {name}"
    kinds = {"Cc": "a control character", "Co": "a private-use character", "Cn": "an unassigned code point"}
    return f"U+{ord(char):04X} ({kinds.get(unicodedata.category(char), 'unnamed')})"


def _error_type(code: str) -> str:
    return code.replace("-", "_")


def check_hidden(value: object) -> object:
    """Name a control, invisible or unusual character in an identifier, before its pattern is checked.

    An id with a BOM or a vertical tab breaks its pattern too, but "should match the pattern"
    hides what is wrong: this names the character, once.
    """
    if isinstance(value, str) and not _clean(value):  # the screen covers every rule that names a character
        for rule, regex in _compiled():
            found = regex.search(value) if rule.names_character else None
            if found and found.group():
                message = f"{rule.message}: {describe_character(found.group()[0])}"
                raise PydanticCustomError(_error_type(rule.code), f"{message} — {rule.hint}")
    return value


def visible_id(value: str) -> str:
    """An id without the hidden characters :func:`check_hidden` names, trimmed.

    The gate resolves references against this form too, so an id broken by a BOM or a
    vertical tab is reported once (naming the character), not once more per reference to it.
    """
    for rule, regex in _compiled():
        if rule.names_character:
            value = regex.sub("", value)
    return value.strip()


@cache
def _screens() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """A screen of the text rules: one class, the marks a cell may not start with, and the spaces.

    The class holds every BMP character of the character rules plus every character beyond the
    BMP: Python's ``re`` tests a class of BMP characters with a bitmap and one astral range
    cheaply, while the rules' own classes list hundreds of ranges, tested one by one. Derived
    from the same frozen ranges as :data:`TEXT_RULES`, so :func:`_clean` screens those rules,
    never defines them again: a value it does not clear goes through the rules.
    """
    from summitdata._unicode_ranges import RANGES

    names = ("controls", "invisible", "unusual")
    inside = [(a, min(b, 0xFFFF)) for name in names for a, b in RANGES[name] if a <= 0xFFFF]
    marks = [(a, min(b, 0xFFFF)) for a, b in RANGES["marks"] if a <= 0xFFFF]
    spaces = frozenset(chr(code) for a, b in RANGES["spaces"] for code in range(a, b + 1))
    return (
        re.compile(_class([*_merge(inside), (0x10000, 0x10FFFF)])),
        re.compile(_class(_merge(marks))),
        spaces,
    )


def _clean(value: str) -> bool:
    """Whether no text rule can match ``value`` and it is NFC: a fast screen over the whole value.

    False means "ask the rules" (which then name what is wrong), never "invalid": a value with
    a character beyond the BMP (an emoji, a rare Hanja) always goes through the rules.
    """
    if not value:
        return True
    inside, marks, spaces = _screens()
    return not (
        value[0] in spaces
        or value[-1] in spaces
        or value[0] in "=+-@"
        or inside.search(value)
        or marks.match(value)
        or not unicodedata.is_normalized("NFC", value)
    )


def check_text(value: str) -> str:
    """Reject text that would not survive a spreadsheet or a byte comparison intact."""
    if _clean(value):
        return value
    for rule, regex in _compiled():
        found = regex.search(value)
        if found:
            message = rule.message
            if rule.names_character and found.group():
                message = f"{message}: {describe_character(found.group()[0])}"
            raise PydanticCustomError(_error_type(rule.code), f"{message} — {rule.hint}")
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


_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
#: URLs the vectorized engine may pass without asking the model: plain ASCII http(s) with a dotted
#: host name, no user info or port, a path of visible ASCII. check_url accepts every one of them.
URL_SCREEN = rf"^https?://{_LABEL}(?:\.{_LABEL})+(?:[/?#][!-~]*)?$"


def _host_problem(host: str) -> str | None:
    """Why a URL's host is not a real host name (None when it is)."""
    labels = host.split(".")
    if len(labels) < 2 or not all(labels):
        return "has no dotted host name"
    for label in labels:
        try:
            ascii_label = label.encode("idna").decode("ascii") if not label.isascii() else label
        except UnicodeError:
            return "has a host name that is not a valid international domain name"
        if not re.fullmatch(_LABEL, ascii_label):
            return "has a host name with a character no host name holds"
        scripts = {unicodedata.name(c, "?").split(" ")[0] for c in label if c.isalpha()}
        if len(scripts) > 1:
            return f"mixes scripts in its host name ({', '.join(sorted(scripts))}), as look-alike addresses do"
    return None


def check_url(value: str) -> str:
    """An absolute http(s) URL with a real (dotted) host, no user info, in NFC, with no control,
    invisible or space character; the fast engine's URL_SCREEN is a subset of what this accepts."""
    if re.fullmatch(URL_SCREEN, value):  # compiled on first use (``re`` caches it), not at import
        return value
    from urllib.parse import urlsplit

    problem: str | None = None
    if any(unicodedata.category(c)[0] in "CZ" for c in value):
        bad = next(c for c in value if unicodedata.category(c)[0] in "CZ")
        problem = f"contains {describe_character(bad)}"
    elif unicodedata.normalize("NFC", value) != value:
        problem = "is not in Unicode normal form NFC"
    else:
        try:
            parts = urlsplit(value)
            port_ok = parts.port is None or parts.port > 0
        except ValueError:
            parts, port_ok = None, False
        if parts is None or parts.scheme not in ("http", "https") or not value.lower().startswith(parts.scheme + "://"):
            problem = "is not a valid absolute http(s) URL"
        elif "@" in parts.netloc:
            problem = "has user information (user@) before its host"
        elif not port_ok:
            problem = "has an invalid port"
        else:
            problem = _host_problem(parts.hostname or "")
    if problem is not None:
        raise ValueError(f"{value!r} {problem} — give the page's full address, e.g. https://www.example.org/page")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(check_text)]
"""Non-empty single-line text: NFC, trimmed, no control or invisible characters."""

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=80), BeforeValidator(check_hidden)]
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
