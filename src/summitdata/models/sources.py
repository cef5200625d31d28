"""Sources: the pinned article, the project's research notes, and cited public pages."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from summitdata.dates import EARLIEST, LATEST, DateBound, Day, PartialDate, bound_description
from summitdata.fields import LANGUAGE_PATTERN, SOURCE_PATH_PATTERN, Sha256, Text, Url
from summitdata.models._base import Id, Note, Record, bound_rules
from summitdata.rules import In, IsNull, NotNull, Rule

SourceKind = Literal["article", "research-notes", "web-page"]

#: Kinds of source whose stored, pinned text records may quote (the gate checks each quote against
#: the text of the record's own source). The research notes are stored and pinned, but never quoted.
QUOTABLE_KINDS: tuple[SourceKind, ...] = ("article",)


class Source(Record):
    """A source of the data's facts."""

    resource_name: ClassVar[str] = "sources"
    resource_title: ClassVar[str] = "Sources"
    resource_description: ClassVar[str] = (
        "Where the facts come from: the article (its text stored under data/sources and "
        "pinned by SHA-256), the project's research notes on it, and the public pages "
        "those notes cite (citations only: their text is not stored or quoted)."
    )
    row_rules: ClassVar[tuple[Rule, ...]] = (
        Rule(
            "path",
            In("kind", ("article", "research-notes")),
            NotNull("path") & NotNull("sha256"),
            "a stored source (article, research-notes) needs path and sha256",
            "give the stored copy's path and its SHA-256",
        ),
        Rule(
            "path",
            In("kind", ("web-page",)),
            IsNull("path") & IsNull("sha256"),
            "a web page is cited, not stored",
            "leave path and sha256 empty",
        ),
        Rule(
            "url",
            In("kind", ("web-page",)),
            NotNull("url"),
            "a cited web page needs its url",
            "give the page's address",
        ),
        *bound_rules("published"),
    )

    id: Id
    kind: Annotated[
        SourceKind,
        Field(
            description=(
                "`article`: the one text the data quotes. `research-notes`: the project's "
                "compilation of public reporting about the article, stored and pinned. "
                "`web-page`: a public page cited as evidence, not stored."
            )
        ),
    ]
    title: Annotated[
        Text | None,
        Field(description="Title of the source, where known; empty when the evidence gives none."),
    ] = None
    publisher: Annotated[Text | None, Field(description="Who published the source.")] = None
    author: Annotated[Text | None, Field(description="Byline, where the source has one.")] = None
    published: Annotated[
        PartialDate | None,
        Field(description="Publication date (ISO 8601, reduced precision allowed); empty when unknown."),
    ] = None
    published_earliest: Annotated[
        Day | None,
        DateBound("published", EARLIEST),
        Field(description=bound_description("published", EARLIEST, False)),
    ] = None
    published_latest: Annotated[
        Day | None,
        DateBound("published", LATEST),
        Field(description=bound_description("published", LATEST, False)),
    ] = None
    url: Annotated[Url | None, Field(description="Web address; empty when unknown.")] = None
    language: Annotated[
        str,
        Field(
            pattern=LANGUAGE_PATTERN,
            description="BCP 47 language tag of the source's text.",
        ),
    ]
    path: Annotated[
        str | None,
        Field(
            pattern=SOURCE_PATH_PATTERN,
            description="Path of the stored copy inside the package, for sources whose text is stored.",
        ),
    ] = None
    sha256: Annotated[
        Sha256 | None,
        Field(
            description="SHA-256 of the stored copy's bytes (lowercase hex): the pin that quotes are checked against."
        ),
    ] = None
    note: Note = None
