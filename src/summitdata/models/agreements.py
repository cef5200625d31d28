"""Agreements (declarations, guidelines, joint statements), acts on them, and NCG workstreams."""

from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from summitdata.fields import Ref, Slug, Text
from summitdata.models._base import (
    PROVENANCE_RULES,
    DateBasis,
    DateEarliest,
    DateLatest,
    DateQualifier,
    DateSourceId,
    DateText,
    Id,
    Note,
    OptionalDate,
    Quote,
    Record,
    RecordBasis,
    SourceId,
    date_rules,
)
from summitdata.rules import Rule

if TYPE_CHECKING:
    from summitdata.models.actors import Organization, Person
    from summitdata.models.events import Event
    from summitdata.models.statements import Statement

AgreementKind = Literal["declaration", "guidelines", "joint-statement"]

Action = Literal[
    "adopted",
    "released",
    "reaffirmed",
    "authorized",
    "signed",
    "carries-out",
    "guided-by",
]

#: The actions that are standing relations, not acts done on a day: an organization's purpose or guidance.
#: No event took place, so event_codes.csv gives them no CAMEO or PLOVER code, and the data dates none of
#: them. tests/test_data.py holds the shipped data to that; the gate does not, since a new rule would
#: tighten a constraint (a major version under the README's policy).
STANDING_ACTIONS: tuple[Action, ...] = ("carries-out", "guided-by")


class Agreement(Record):
    """A declaration, set of guidelines or joint statement."""

    resource_name: ClassVar[str] = "agreements"
    resource_title: ClassVar[str] = "Agreements"
    resource_description: ClassVar[str] = (
        "The Washington Declaration, the nuclear deterrence guidelines and the joint statement."
    )
    row_rules: ClassVar[tuple[Rule, ...]] = PROVENANCE_RULES + date_rules("date")

    id: Id
    title: Annotated[Text, Field(description="Title or name as the article gives it.")]
    other_titles: Annotated[
        Text | None,
        Field(
            description="Official and other titles, semicolon-separated (`; `); the note says where each comes from."
        ),
    ] = None
    kind: Annotated[AgreementKind, Field(description="What kind of document it is.")]
    date: Annotated[OptionalDate, Field(description="When the document was adopted or issued.")] = None
    date_earliest: DateEarliest = None
    date_latest: DateLatest = None
    date_text: DateText = None
    date_qualifier: DateQualifier = None
    date_basis: DateBasis = None
    date_source_id: DateSourceId = None
    event_id: Annotated[
        Slug | None,
        Ref("events"),
        Field(description="The event at which it was adopted or issued."),
    ] = None
    source_id: SourceId
    quote: Quote = None
    basis: RecordBasis
    note: Note = None

    @property
    def event(self) -> "Event | None":
        from summitdata.models.events import Event

        return self._one(Event, self.event_id)

    @property
    def actions(self) -> "tuple[AgreementAction, ...]":
        """Every act on this agreement, in file order."""
        return self._many(AgreementAction, "agreement_id")

    @property
    def statements(self) -> "tuple[Statement, ...]":
        """Statements quoted from this document."""
        from summitdata.models.statements import Statement

        return self._many(Statement, "agreement_id")


class AgreementAction(Record):
    """An act on an agreement by a person or organization, or in the passive."""

    resource_name: ClassVar[str] = "agreement_actions"
    resource_title: ClassVar[str] = "Agreement actions"
    resource_description: ClassVar[str] = (
        "Who adopted, signed, authorized, reaffirmed or released which agreement, when and "
        "where — as the article reports it and, where the record differs, as the record has it."
    )
    row_rules: ClassVar[tuple[Rule, ...]] = PROVENANCE_RULES + date_rules("date")

    id: Id
    agreement_id: Annotated[Slug, Ref("agreements"), Field(description="The agreement acted on.")]
    person_id: Annotated[Slug | None, Ref("people"), Field(description="The person who acted, if a person.")] = None
    organization_id: Annotated[
        Slug | None,
        Ref("organizations"),
        Field(description="The organization that acted, if an organization."),
    ] = None
    action: Annotated[
        Action,
        Field(
            description=(
                "What was done: `adopted`, `released`, `reaffirmed`, `authorized`, `signed`; "
                "`carries-out` (the organization exists to carry out its commitments); "
                "`guided-by` (the organization is guided by it). Both actor columns are empty "
                "when the article gives the act in the passive."
            )
        ),
    ]
    date: Annotated[OptionalDate, Field(description="When it was done.")] = None
    date_earliest: DateEarliest = None
    date_latest: DateLatest = None
    date_text: DateText = None
    date_qualifier: DateQualifier = None
    date_basis: DateBasis = None
    date_source_id: DateSourceId = None
    place: Annotated[Text | None, Field(description="Where it was done, as the source says.")] = None
    event_id: Annotated[Slug | None, Ref("events"), Field(description="The event at which it was done.")] = None
    source_id: SourceId
    quote: Quote = None
    basis: RecordBasis
    note: Note = None

    @property
    def agreement(self) -> "Agreement":
        return self._linked().agreements[self.agreement_id]

    @property
    def person(self) -> "Person | None":
        from summitdata.models.actors import Person

        return self._one(Person, self.person_id)

    @property
    def organization(self) -> "Organization | None":
        from summitdata.models.actors import Organization

        return self._one(Organization, self.organization_id)

    @property
    def actor(self) -> "Person | Organization | None":
        """Who acted; None when the article gives the act in the passive."""
        return self.person or self.organization

    @property
    def event(self) -> "Event | None":
        from summitdata.models.events import Event

        return self._one(Event, self.event_id)


class Workstream(Record):
    """One NCG workstream, in the order the joint statement lists them."""

    resource_name: ClassVar[str] = "workstreams"
    resource_title: ClassVar[str] = "NCG workstreams"
    resource_description: ClassVar[str] = (
        "The seven Nuclear Consultative Group workstreams the joint statement lists, in its order."
    )
    row_rules: ClassVar[tuple[Rule, ...]] = PROVENANCE_RULES

    id: Id
    organization_id: Annotated[
        Slug,
        Ref("organizations"),
        Field(description="The group the workstream belongs to (the NCG)."),
    ]
    position: Annotated[int, Field(ge=1, description="Position in the joint statement's list, from 1.")]
    name: Annotated[
        Text,
        Field(description="The workstream, verbatim from the joint statement as the article quotes it."),
    ]
    source_id: SourceId
    quote: Quote = None
    basis: RecordBasis
    note: Note = None

    @property
    def organization(self) -> "Organization":
        return self._linked().organizations[self.organization_id]
