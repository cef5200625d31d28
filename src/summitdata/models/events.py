"""Events and the parts people and organizations play in them."""

from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from summitdata.fields import Basis, Ref, Slug, Text
from summitdata.models._base import (
    PROVENANCE_RULES,
    DateBasis,
    DateQualifier,
    DateSourceId,
    DateText,
    EndDateEarliest,
    EndDateLatest,
    Id,
    Note,
    OptionalDate,
    Quote,
    Record,
    RecordBasis,
    SourceId,
    StartDateEarliest,
    StartDateLatest,
    date_rules,
    field_basis_rules,
)
from summitdata.rules import ALWAYS, Rule, count_not_null

if TYPE_CHECKING:
    from summitdata.models.actors import Organization, Person
    from summitdata.models.agreements import Agreement, AgreementAction
    from summitdata.models.statements import Statement

EventKind = Literal[
    "summit",
    "bilateral-meeting",
    "meeting",
    "signing",
    "authorization",
    "document-release",
    "founding",
    "briefing",
]

ParticipantRole = Literal["participant", "signatory", "briefer", "organizer"]


class Event(Record):
    """Something that happened at a time and place."""

    resource_name: ClassVar[str] = "events"
    resource_title: ClassVar[str] = "Events"
    resource_description: ClassVar[str] = (
        "Summits, meetings, signings, releases, foundings and briefings from the Washington "
        "Declaration (April 2023) to the summit of 11 July 2024 — as the article reports them "
        "and, where the public record differs, as the record has them."
    )
    row_rules: ClassVar[tuple[Rule, ...]] = (
        PROVENANCE_RULES + date_rules("start_date", "end_date", ordered=True) + field_basis_rules("location")
    )

    id: Id
    name: Annotated[Text, Field(description="Short descriptive name of the event.")]
    kind: Annotated[EventKind, Field(description="What kind of event it is.")]
    start_date: Annotated[
        OptionalDate, Field(description="First day of the event (local date where it took place).")
    ] = None
    start_date_earliest: StartDateEarliest = None
    start_date_latest: StartDateLatest = None
    end_date: Annotated[
        OptionalDate,
        Field(description="Last day of the event; equal to start_date for a one-day event."),
    ] = None
    end_date_earliest: EndDateEarliest = None
    end_date_latest: EndDateLatest = None
    date_text: DateText = None
    date_qualifier: DateQualifier = None
    date_basis: DateBasis = None
    date_source_id: DateSourceId = None
    location: Annotated[Text | None, Field(description="Where it took place, as precisely as the evidence says.")] = (
        None
    )
    location_basis: Annotated[
        Basis | None,
        Field(
            description=(
                "How the location was reached, when that differs from the record's `basis`: `inferred` "
                "(worked out from the article; the note says how) or `external` (from a cited source, named "
                "in location_source_id). Empty when the record's basis covers the location too."
            )
        ),
    ] = None
    location_source_id: Annotated[
        Slug | None,
        Ref("sources"),
        Field(description="For a location taken from an external source, that source. Empty otherwise."),
    ] = None
    parent_id: Annotated[
        Slug | None,
        Ref("events"),
        Field(description="The larger event it was part of or held on the sidelines of."),
    ] = None
    source_id: SourceId
    quote: Quote = None
    basis: RecordBasis
    note: Note = None

    @property
    def parent(self) -> "Event | None":
        """The larger event this one was part of."""
        return self._one(Event, self.parent_id)

    @property
    def children(self) -> "tuple[Event, ...]":
        """Events held as part of this one."""
        return self._many(Event, "parent_id")

    @property
    def participants(self) -> "tuple[Participant, ...]":
        return self._many(Participant, "event_id")

    @property
    def people(self) -> "tuple[Person, ...]":
        return tuple(p.person for p in self.participants if p.person is not None)

    @property
    def actions(self) -> "tuple[AgreementAction, ...]":
        from summitdata.models.agreements import AgreementAction

        return self._many(AgreementAction, "event_id")

    @property
    def agreements(self) -> "tuple[Agreement, ...]":
        from summitdata.models.agreements import Agreement

        return self._many(Agreement, "event_id")

    @property
    def statements(self) -> "tuple[Statement, ...]":
        from summitdata.models.statements import Statement

        return self._many(Statement, "event_id")


class Participant(Record):
    """A person's or organization's part in an event."""

    resource_name: ClassVar[str] = "participants"
    resource_title: ClassVar[str] = "Participants"
    resource_description: ClassVar[str] = "Who took part in which event, and in what role."
    row_rules: ClassVar[tuple[Rule, ...]] = (
        *PROVENANCE_RULES,
        Rule(
            "person_id",
            ALWAYS,
            count_not_null(("person_id", "organization_id"), 1, 1),
            "names no participant, or both a person and an organization",
            "give exactly one of person_id and organization_id",
        ),
    )

    id: Id
    event_id: Annotated[Slug, Ref("events"), Field(description="The event.")]
    person_id: Annotated[
        Slug | None,
        Ref("people"),
        Field(description="The person taking part (or organization_id)."),
    ] = None
    organization_id: Annotated[
        Slug | None,
        Ref("organizations"),
        Field(description="The organization taking part (or person_id)."),
    ] = None
    role: Annotated[
        ParticipantRole,
        Field(
            description=(
                "`participant` (took part), `signatory` (signed there), `briefer` (gave the "
                "briefing), `organizer` (held the event)."
            )
        ),
    ]
    source_id: SourceId
    quote: Quote = None
    basis: RecordBasis
    note: Note = None

    @property
    def event(self) -> "Event":
        return self._linked().events[self.event_id]

    @property
    def person(self) -> "Person | None":
        from summitdata.models.actors import Person

        return self._one(Person, self.person_id)

    @property
    def organization(self) -> "Organization | None":
        from summitdata.models.actors import Organization

        return self._one(Organization, self.organization_id)

    @property
    def actor(self) -> "Person | Organization":
        """The person or organization taking part."""
        actor = self.person or self.organization
        assert actor is not None  # the model requires exactly one
        return actor
