"""Statements: quotations and reported speech, with who said them and where."""

from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from summitdata.fields import Ref, Slug, Text
from summitdata.models._base import PROVENANCE_RULES, Id, Note, Quote, Record, RecordBasis, SourceId
from summitdata.rules import ALWAYS, In, NotNull, Rule, SubstringOf, count_not_null

if TYPE_CHECKING:
    from summitdata.models.actors import Organization, Person
    from summitdata.models.agreements import Agreement
    from summitdata.models.events import Event

StatementKind = Literal["quote", "paraphrase"]

OPEN_QUOTE, CLOSE_QUOTE = "“", "”"


class Statement(Record):
    """A quoted or reported statement."""

    resource_name: ClassVar[str] = "statements"
    resource_title: ClassVar[str] = "Statements"
    resource_description: ClassVar[str] = (
        "What the article quotes (inside its curly quotation marks) or reports as said, "
        "with the speaker, the document it comes from and the event it was made at."
    )
    row_rules: ClassVar[tuple[Rule, ...]] = (
        *PROVENANCE_RULES,
        Rule(
            "speaker_person_id",
            ALWAYS,
            count_not_null(("speaker_person_id", "speaker_organization_id"), 0, 1),
            "names both a person and an organization as speaker",
            "give one speaker — a person or an organization, not both",
        ),
        Rule(
            "speaker_person_id",
            ALWAYS,
            NotNull("speaker_person_id") | NotNull("speaker_organization_id") | NotNull("agreement_id"),
            "has no speaker and no document",
            "attribute the statement to a speaker or to a document (agreement_id)",
        ),
        Rule(
            "text",
            NotNull("quote") & In("kind", ("quote",)),
            SubstringOf("text", "quote", OPEN_QUOTE, CLOSE_QUOTE),
            "must occur in quote between “ and ”",
            "copy it from the article",
        ),
        Rule(
            "text",
            NotNull("quote") & In("kind", ("paraphrase",)),
            SubstringOf("text", "quote"),
            "must occur in quote",
            "copy it from the article",
        ),
    )

    id: Id
    text: Annotated[
        Text,
        Field(
            description=(
                "For a quote, exactly the words between the article's quotation marks “…”; "
                "for a paraphrase, the article's own words reporting it."
            )
        ),
    ]
    kind: Annotated[
        StatementKind,
        Field(description="`quote`: a direct quotation in the article. `paraphrase`: reported speech."),
    ]
    speaker_person_id: Annotated[
        Slug | None, Ref("people"), Field(description="The person who said it, if a person.")
    ] = None
    speaker_organization_id: Annotated[
        Slug | None,
        Ref("organizations"),
        Field(description="The organization that said it, if an organization."),
    ] = None
    agreement_id: Annotated[
        Slug | None,
        Ref("agreements"),
        Field(
            description=(
                "The document the words come from. With no speaker, the document itself speaks "
                "(its authors are those who released it)."
            )
        ),
    ] = None
    event_id: Annotated[Slug | None, Ref("events"), Field(description="The event at which it was said.")] = None
    source_id: SourceId
    quote: Annotated[
        Quote,
        Field(
            description=(
                "The article's words carrying the statement and its attribution, byte for byte "
                "(for a quote, the quotation marks included)."
            )
        ),
    ] = None
    basis: Annotated[
        RecordBasis,
        Field(
            description=(
                "`stated` when the article names who said it; `inferred` when the attribution "
                "is read from context (the note says how)."
            )
        ),
    ]
    note: Note = None

    @property
    def speaker(self) -> "Person | Organization | None":
        """Who said it; None when the document itself speaks (see :attr:`speakers`)."""
        from summitdata.models.actors import Organization, Person

        return self._one(Person, self.speaker_person_id) or self._one(Organization, self.speaker_organization_id)

    @property
    def speakers(self) -> "tuple[Person | Organization, ...]":
        """The speaker, or for a document's own words, those who released the document."""
        if (speaker := self.speaker) is not None:
            return (speaker,)
        agreement = self.agreement
        if agreement is None:
            return ()
        return tuple(a.actor for a in agreement.actions if a.action == "released" and a.actor is not None)

    @property
    def agreement(self) -> "Agreement | None":
        from summitdata.models.agreements import Agreement

        return self._one(Agreement, self.agreement_id)

    @property
    def event(self) -> "Event | None":
        from summitdata.models.events import Event

        return self._one(Event, self.event_id)
