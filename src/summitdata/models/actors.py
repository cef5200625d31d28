"""Actors: organizations, people, and people's posts in organizations (Popolo-style)."""

from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field

from summitdata.fields import Country, Ref, Slug, Text
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
)
from summitdata.rules import Rule

if TYPE_CHECKING:
    from summitdata.models.agreements import AgreementAction, Workstream
    from summitdata.models.events import Event, Participant
    from summitdata.models.statements import Statement

OrganizationKind = Literal[
    "state",
    "government-office",
    "military",
    "alliance",
    "consultative-group",
    "newsroom",
]

OtherNames = Annotated[
    Text | None,
    Field(
        description=(
            "Other names, semicolon-separated (`; `): the article's variants, official "
            "romanizations, Hangul, abbreviations. The note says where each comes from."
        )
    ),
]


class Organization(Record):
    """A state, government office, military, alliance, consultative group or newsroom."""

    resource_name: ClassVar[str] = "organizations"
    resource_title: ClassVar[str] = "Organizations"
    resource_description: ClassVar[str] = (
        "States, government offices, militaries, alliances, the Nuclear Consultative Group "
        "and the newsroom that the article names or implies."
    )
    row_rules: ClassVar[tuple[Rule, ...]] = PROVENANCE_RULES

    id: Id
    name: Annotated[Text, Field(description="Name as the article gives it.")]
    short_name: Annotated[
        Text | None,
        Field(description="Abbreviation used in the article or the joint statement, e.g. NCG, ROK."),
    ] = None
    other_names: OtherNames = None
    kind: Annotated[OrganizationKind, Field(description="What kind of organization it is.")]
    country: Annotated[
        Country | None,
        Field(
            description=(
                "ISO 3166-1 alpha-3 code of the state it is or belongs to; empty for alliances and bilateral bodies."
            )
        ),
    ] = None
    parent_id: Annotated[
        Slug | None,
        Ref("organizations"),
        Field(description="The organization it is part of, where the article says so."),
    ] = None
    source_id: SourceId
    quote: Quote = None
    basis: RecordBasis
    note: Note = None

    @property
    def parent(self) -> "Organization | None":
        """The organization this one is part of."""
        return self._one(Organization, self.parent_id)

    @property
    def children(self) -> "tuple[Organization, ...]":
        """Organizations that are part of this one."""
        return self._many(Organization, "parent_id")

    @property
    def memberships(self) -> "tuple[Membership, ...]":
        """Posts held in this organization."""
        return self._many(Membership, "organization_id")

    @property
    def members(self) -> "tuple[Person, ...]":
        """People holding a post in this organization, once each, in membership order."""
        return tuple(dict.fromkeys(m.person for m in self.memberships))

    @property
    def workstreams(self) -> "tuple[Workstream, ...]":
        from summitdata.models.agreements import Workstream

        return self._many(Workstream, "organization_id")

    @property
    def statements(self) -> "tuple[Statement, ...]":
        from summitdata.models.statements import Statement

        return self._many(Statement, "speaker_organization_id")

    @property
    def actions(self) -> "tuple[AgreementAction, ...]":
        from summitdata.models.agreements import AgreementAction

        return self._many(AgreementAction, "organization_id")

    @property
    def participations(self) -> "tuple[Participant, ...]":
        from summitdata.models.events import Participant

        return self._many(Participant, "organization_id")


class Person(Record):
    """A person the article names."""

    resource_name: ClassVar[str] = "people"
    resource_title: ClassVar[str] = "People"
    resource_description: ClassVar[str] = "Every person the article names, its author included."
    row_rules: ClassVar[tuple[Rule, ...]] = PROVENANCE_RULES

    id: Id
    name: Annotated[Text, Field(description="Full name as the article writes it.")]
    other_names: OtherNames = None
    country: Annotated[
        Country | None,
        Field(
            description=(
                "ISO 3166-1 alpha-3 code of the state the person serves, from their post; "
                "empty when the article does not say."
            )
        ),
    ] = None
    source_id: SourceId
    quote: Quote = None
    basis: RecordBasis
    note: Note = None

    @property
    def memberships(self) -> "tuple[Membership, ...]":
        """The person's posts and roles."""
        return self._many(Membership, "person_id")

    @property
    def organizations(self) -> "tuple[Organization, ...]":
        return tuple(dict.fromkeys(m.organization for m in self.memberships))

    @property
    def statements(self) -> "tuple[Statement, ...]":
        """What the person is quoted or reported as saying."""
        from summitdata.models.statements import Statement

        return self._many(Statement, "speaker_person_id")

    @property
    def participations(self) -> "tuple[Participant, ...]":
        from summitdata.models.events import Participant

        return self._many(Participant, "person_id")

    @property
    def events(self) -> "tuple[Event, ...]":
        return tuple(dict.fromkeys(p.event for p in self.participations))

    @property
    def actions(self) -> "tuple[AgreementAction, ...]":
        """What the person did with agreements."""
        from summitdata.models.agreements import AgreementAction

        return self._many(AgreementAction, "person_id")


class Membership(Record):
    """A person's post or role in an organization."""

    resource_name: ClassVar[str] = "memberships"
    resource_title: ClassVar[str] = "Memberships"
    resource_description: ClassVar[str] = (
        "Posts and roles people hold in organizations (Popolo memberships): presidents, "
        "NCG co-heads, officials, the reporter."
    )
    row_rules: ClassVar[tuple[Rule, ...]] = PROVENANCE_RULES + date_rules("start_date", "end_date", ordered=True)

    id: Id
    person_id: Annotated[Slug, Ref("people"), Field(description="The person.")]
    organization_id: Annotated[Slug, Ref("organizations"), Field(description="The organization the post is in.")]
    role: Annotated[Text, Field(description="The post or role, in the article's words.")]
    start_date: Annotated[OptionalDate, Field(description="When the person took the post, where known.")] = None
    start_date_earliest: StartDateEarliest = None
    start_date_latest: StartDateLatest = None
    end_date: Annotated[OptionalDate, Field(description="When the person left the post, where known.")] = None
    end_date_earliest: EndDateEarliest = None
    end_date_latest: EndDateLatest = None
    date_text: DateText = None
    date_qualifier: DateQualifier = None
    date_basis: DateBasis = None
    date_source_id: DateSourceId = None
    source_id: SourceId
    quote: Quote = None
    basis: RecordBasis
    note: Note = None

    @property
    def person(self) -> "Person":
        return self._linked().people[self.person_id]

    @property
    def organization(self) -> "Organization":
        return self._linked().organizations[self.organization_id]
