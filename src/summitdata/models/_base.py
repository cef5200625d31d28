"""The base of every resource model and the provenance fields they share.

Shared fields are declared once here as annotated aliases that carry their
description, so the schemas and the data dictionary say the same thing everywhere.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from summitdata.dates import EARLIEST, LATEST, DateBound, Day, PartialDate, Qualifier, bound_columns, bound_description
from summitdata.fields import Basis, Ref, Slug, Text
from summitdata.rules import ALWAYS, BoundOf, DateOrder, In, IsNull, NotNull, Or, Rule, SubstringOf

if TYPE_CHECKING:
    from summitdata.dataset import Dataset
    from summitdata.models.fact_checks import FactCheck
    from summitdata.models.sources import Source

R = TypeVar("R", bound="Record")

#: Fact-check statuses that make a record disputed (see Record.disputed).
DISPUTING_STATUSES: tuple[str, ...] = ("contradicted", "unsupported")


def disputing(checks: "Iterable[FactCheck]") -> bool:
    """Whether any of a record's fact checks contradicts it or finds it unsupported."""
    return any(check.status in DISPUTING_STATUSES for check in checks)


Id = Annotated[Slug, Field(description="Stable identifier of the record; never changes once released.")]

SourceId = Annotated[
    Slug,
    Ref("sources"),
    Field(
        description=(
            "The source of the record: the article for facts it states, or the cited "
            "public page for facts taken from the wider record."
        )
    ),
]

Quote = Annotated[
    Text | None,
    Field(
        description=(
            "The exact words of the article that support the record, byte for byte "
            "(curly quotes included). Empty for records from an external source."
        )
    ),
]

RecordBasis = Annotated[
    Basis,
    Field(
        description=(
            "How the record's values (other than its dates, and name variants not in the quote, "
            "whose origin the note gives) are supported: `stated` (the quote literally says it), `inferred` "
            "(derived from the article; the note says how) or `external` (from the cited "
            "source, with no quote)."
        )
    ),
]

Note = Annotated[
    Text | None,
    Field(
        description=(
            "Free-text remarks: how an inferred or external value was reached, name "
            "variants and where they come from, ambiguities in the article."
        )
    ),
]

DateText = Annotated[
    Text | None,
    Field(
        description=(
            "The article's own words for the date, verbatim (e.g. `on Thursday (local "
            "time)`, `in June`); they occur in the quote. Empty when the article gives no date."
        )
    ),
]

DateBasis = Annotated[
    Basis | None,
    Field(
        description=(
            "How the date was reached: `stated` (the article's words give it at this "
            "precision), `inferred` (worked out from the article alone) or `external` "
            "(resolved with a cited source, named in date_source_id). Empty when there is no date."
        )
    ),
]

DateSourceId = Annotated[
    Slug | None,
    Ref("sources"),
    Field(
        description=(
            "For a date resolved with an external source, that source. Empty otherwise, "
            "and for external records, whose dates come from their own source."
        )
    ),
]

DateQualifier = Annotated[
    Qualifier | None,
    Field(
        description=(
            "Where the words leave the date open on one side: `on-or-before` (the date given or any "
            "earlier day, e.g. “ahead of their summit on Thursday”) or `on-or-after` (that day or any "
            "later one). It opens the interval on that side: the `_earliest` (or `_latest`) bounds "
            "of the record's dates are then empty. Empty when the date means just what it says."
        )
    ),
]

# The typed bounds beside each partial-date column (see summitdata.dates.bounds). Written out
# one by one so that type checkers see real aliases; their wording comes from one function.
StartDateEarliest = Annotated[
    Day | None, DateBound("start_date", EARLIEST), Field(description=bound_description("start_date", EARLIEST, True))
]
StartDateLatest = Annotated[
    Day | None, DateBound("start_date", LATEST), Field(description=bound_description("start_date", LATEST, True))
]
EndDateEarliest = Annotated[
    Day | None, DateBound("end_date", EARLIEST), Field(description=bound_description("end_date", EARLIEST, True))
]
EndDateLatest = Annotated[
    Day | None, DateBound("end_date", LATEST), Field(description=bound_description("end_date", LATEST, True))
]
DateEarliest = Annotated[
    Day | None, DateBound("date", EARLIEST), Field(description=bound_description("date", EARLIEST, True))
]
DateLatest = Annotated[
    Day | None, DateBound("date", LATEST), Field(description=bound_description("date", LATEST, True))
]

OptionalDate = Annotated[
    PartialDate | None,
    Field(
        description=(
            "ISO 8601 date at the precision the evidence supports (YYYY, YYYY-MM or "
            "YYYY-MM-DD), local to where it happened."
        )
    ),
]


class Record(BaseModel):
    """A row of a resource: immutable, strictly typed, no unknown columns."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        frozen=True,
        validate_default=True,
        use_attribute_docstrings=False,
        # The validator is built on first use, not at import: a trusted load never validates
        # (loader.load), so `import summitdata; summitdata.load()` never pays for building it.
        defer_build=True,
    )

    #: The resource (CSV file stem) this model describes.
    resource_name: ClassVar[str]
    #: Plural title and one-line description for the descriptor and docs.
    resource_title: ClassVar[str]
    resource_description: ClassVar[str]
    #: Where the resource as a whole comes from (Data Package ``sources``), for resources not of the article.
    resource_sources: ClassVar[tuple[dict[str, str], ...]] = ()
    #: Cross-field rules, declared as data so the vectorized gate evaluates the same ones.
    row_rules: ClassVar[tuple[Rule, ...]] = ()

    # The dataset a loaded record belongs to, so relations can be followed without joins.
    _dataset: "Dataset | None" = PrivateAttr(default=None)

    @classmethod
    def date_bounds(cls) -> dict[str, DateBound]:
        """Each typed bound column → the partial-date column it is derived from, and its side."""
        found: dict[str, DateBound] = {}
        for name, info in cls.model_fields.items():
            for meta in info.metadata:
                if isinstance(meta, DateBound):
                    found[name] = meta
        return found

    @classmethod
    def date_qualifier_field(cls) -> str | None:
        """The column whose qualifier widens the record's date intervals, if the resource has one."""
        return "date_qualifier" if "date_qualifier" in cls.model_fields else None

    def __eq__(self, other: object) -> bool:
        # Two records are equal when their values are, whichever dataset they came from.
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def _linked(self) -> "Dataset":
        # Read from the private-attribute slot directly: pydantic's __getattr__ for private
        # attributes costs microseconds, and relations are followed millions of times when
        # the gate builds the nested document of a large package.
        private = self.__pydantic_private__
        dataset = private.get("_dataset") if private else None
        if dataset is None:
            raise LookupError(
                f"{type(self).__name__} {getattr(self, 'id', '?')!r} was not loaded from a dataset: "
                "relations are followed on records from summitdata.load()"
            )
        return cast("Dataset", dataset)

    def _one(self, model: type[R], record_id: str | None) -> R | None:
        if record_id is None:
            return None
        return self._linked().table(model)[record_id]

    def _many(self, model: type[R], field: str, value: str | None = None) -> tuple[R, ...]:
        return self._linked().referencing(model, field, self.__dict__["id"] if value is None else value)

    @property
    def fact_checks(self) -> "tuple[FactCheck, ...]":
        """What the public record says about this record (fact_checks rows pointing at it)."""
        return self._linked().fact_checks_of(self)

    @property
    def disputed(self) -> bool:
        """Whether any fact check contradicts this record or finds it unsupported."""
        return disputing(self.fact_checks)

    @property
    def source(self) -> "Source | None":
        """The record's source (None for resources without a source_id)."""
        from summitdata.models.sources import Source

        return self._one(Source, self.__dict__.get("source_id"))

    @model_validator(mode="after")
    def _row_rules(self) -> Any:
        for rule in type(self).row_rules:
            if rule.violated(self.__dict__):
                raise PydanticCustomError("row_rule", rule.text)
        return self


PROVENANCE_RULES: tuple[Rule, ...] = (
    Rule(
        "basis",
        In("basis", ("external",)),
        IsNull("quote"),
        "an external record has no quote",
        "clear the quote or set basis to stated/inferred",
    ),
    Rule(
        "quote",
        In("basis", ("stated", "inferred")),
        NotNull("quote"),
        "a stated or inferred record needs the article's words in quote",
        "copy them verbatim from the article",
    ),
    Rule(
        "note",
        In("basis", ("inferred", "external")),
        NotNull("note"),
        "a record with basis inferred or external needs a note saying how it was reached",
        "explain in note how the value was reached",
    ),
)


def bound_rules(of: str, qualifier: str | None = None) -> tuple[Rule, ...]:
    """The bounds beside the partial date ``of`` are the ones :func:`summitdata.dates.bounds` derives."""
    rules = []
    for column, side in zip(bound_columns(of), (EARLIEST, LATEST), strict=True):
        what = "first" if side == EARLIEST else "last"
        rules.append(
            Rule(
                column,
                ALWAYS,
                BoundOf(of, column, side, qualifier),
                f"is not the {what} day {of} can mean (the bound is derived, never edited by hand)",
                f"run `summitdata generate`, which rewrites {column} from {of}",
                code="date-bound-stale",
            )
        )
    return tuple(rules)


def date_rules(*date_fields: str, ordered: bool = False) -> tuple[Rule, ...]:
    """The rules of a record with dates governed by date_text, date_qualifier, date_basis and date_source_id."""
    has_date = Or(tuple(NotNull(name) for name in date_fields))
    rules = [
        Rule(
            "date_qualifier",
            NotNull("date_qualifier"),
            has_date,
            "is set without a date",
            "clear it or add the date",
        ),
        Rule(
            "date_basis",
            has_date,
            NotNull("date_basis"),
            "a record with a date says how it was reached",
            "set date_basis to stated, inferred or external",
        ),
        Rule("date_basis", NotNull("date_basis"), has_date, "is set without a date", "clear it or add the date"),
        Rule(
            "date_text",
            NotNull("date_text"),
            SubstringOf("date_text", "quote"),
            "must be words from the quote",
            "copy the date words from the quote",
        ),
        Rule(
            "note",
            In("date_basis", ("inferred", "external")),
            NotNull("note"),
            "a date resolved by inference or from a source needs a note saying how",
            "explain in note how the date was resolved",
        ),
        Rule(
            "date_source_id",
            In("date_basis", ("external",)) & ~In("basis", ("external",)),
            NotNull("date_source_id"),
            "an externally resolved date names its source",
            "set date_source_id to the source the date comes from",
        ),
        Rule(
            "date_source_id",
            ~In("date_basis", ("external",)),
            IsNull("date_source_id"),
            "only an externally resolved date has a date source",
            "clear date_source_id or set date_basis to external",
        ),
    ]
    if ordered:
        start, end = date_fields
        rules.append(
            Rule(end, ALWAYS, DateOrder(start, end, "date_qualifier"), f"is before {start}", "check the two dates")
        )
    # Last: a record built without its bounds hears first about anything else that is wrong.
    rules += [rule for name in date_fields for rule in bound_rules(name, "date_qualifier")]
    return tuple(rules)


def field_basis_rules(field: str) -> tuple[Rule, ...]:
    """The rules of a field whose provenance may differ from its record's: ``<field>_basis``, ``<field>_source_id``.

    The same pattern as a date's date_basis and date_source_id: a value the record's quote does not
    state says how it was reached, and an external one names its source.
    """
    basis, source = f"{field}_basis", f"{field}_source_id"
    return (
        Rule(basis, NotNull(basis), NotNull(field), f"is set without a {field}", f"clear it or add the {field}"),
        Rule(
            basis,
            NotNull(basis),
            ~In(basis, ("stated",)),
            f"stated is the record's own basis: {basis} is only for a {field} reached otherwise",
            f"leave {basis} empty, or set it to inferred or external",
        ),
        Rule(
            "note",
            In(basis, ("inferred", "external")),
            NotNull("note"),
            f"a {field} reached by inference or from a source needs a note saying how",
            f"explain in note how the {field} was reached",
        ),
        Rule(
            source,
            In(basis, ("external",)),
            NotNull(source),
            f"an external {field} names its source",
            f"set {source} to the source the {field} comes from",
        ),
        Rule(
            source,
            ~In(basis, ("external",)),
            IsNull(source),
            f"only an external {field} has a {field} source",
            f"clear {source} or set {basis} to external",
        ),
    )
