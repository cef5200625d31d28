"""Fact checks: what the wider public record says about one record of the package."""

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from summitdata.fields import COLUMN_NAME_PATTERN, Slug, Text
from summitdata.models._base import Id, Note, Record, SourceId

FactCheckStatus = Literal["corroborated", "refined", "contradicted", "unsupported"]

ResourceName = Literal[
    "sources",
    "organizations",
    "people",
    "memberships",
    "events",
    "participants",
    "agreements",
    "agreement_actions",
    "workstreams",
    "statements",
]


class FactCheck(Record):
    """One finding of the public record about one record (and field) of the package."""

    resource_name: ClassVar[str] = "fact_checks"
    resource_title: ClassVar[str] = "Fact checks"
    resource_description: ClassVar[str] = (
        "What public reporting says about the article's facts: corroborated, refined (made "
        "more precise), contradicted or unsupported, with the evidence. Join on resource + "
        "record_id to select the facts nothing contradicts."
    )

    id: Id
    resource: Annotated[ResourceName, Field(description="The resource holding the record checked.")]
    record_id: Annotated[
        Slug,
        Field(
            description=(
                "The id of the record checked, in `resource`. A reference whose target "
                "resource varies by row, so the gate checks it rather than a Table Schema foreign key."
            )
        ),
    ]
    field: Annotated[
        str | None,
        Field(
            pattern=COLUMN_NAME_PATTERN,
            description="The column checked; empty when the finding is about the record as a whole.",
        ),
    ] = None
    status: Annotated[
        FactCheckStatus,
        Field(
            description=(
                "`corroborated` (the record agrees, if in other words: a translation that differs "
                "only in wording agrees), `refined` (the record is more precise, or says more), "
                "`contradicted` (the record says otherwise), `unsupported` (no official account "
                "or public report found supports it)."
            )
        ),
    ]
    reported: Annotated[
        Text | None,
        Field(description="What the article says on the point, verbatim from the article."),
    ] = None
    finding: Annotated[Text, Field(description="What the public record says.")]
    counterpart_id: Annotated[
        Slug | None,
        Field(
            description=(
                "The record, in the same resource, that holds what the public record says "
                "instead (for contradicted and unsupported findings) or more precisely (for refined ones)."
            )
        ),
    ] = None
    source_id: SourceId
    note: Note = None

    @property
    def target(self) -> Record:
        """The record this finding is about."""
        return self._linked().tables[self.resource][self.record_id]

    @property
    def counterpart(self) -> Record | None:
        """The record holding what the public record says instead, if any."""
        if self.counterpart_id is None:
            return None
        return self._linked().tables[self.resource][self.counterpart_id]
