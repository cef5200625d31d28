"""Event codes: every event kind and agreement action mapped to CAMEO and PLOVER, as data.

Event-data users (GDELT, ICEWS, POLECAT) join on these codes instead of a hand-made crosswalk.
CAMEO codes and names are the CAMEO codebook's; the PLOVER event type (and mode, where one applies)
of each CAMEO code is the Open Event Data Alliance's own crosswalk (CAMEO2PLOVER-2021.txt in the
PLOVER repository), which maps no public statement (CAMEO 01) to a PLOVER event.
"""

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import Field

from summitdata.fields import CAMEO_CODE_PATTERN, Slug, Text
from summitdata.models._base import Id, Record
from summitdata.models.agreements import Action
from summitdata.models.events import EventKind
from summitdata.rules import In, Rule

#: PLOVER event types as the crosswalk names them.
PloverEvent = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "ACCUSE",
    "DEMAND",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
]

#: The code lists this resource maps: (resource, column) → every value the model allows.
MAPPED: dict[tuple[str, str], tuple[str, ...]] = {
    ("events", "kind"): get_args(EventKind),
    ("agreement_actions", "action"): get_args(Action),
}

CAMEO_CODEBOOK = {
    "title": "CAMEO: Conflict and Mediation Event Observations, Event and Actor Codebook, version 1.1b3 "
    "(Philip A. Schrodt, Event Data Project, Pennsylvania State University, March 2012)",
    "path": "http://eventdata.parusanalytics.com/data.dir/cameo.html",
}
PLOVER_CROSSWALK = {
    "title": "PLOVER (Political Language Ontology for Verifiable Event Records), Open Event Data Alliance: "
    "CAMEO2PLOVER-2021.txt, the CAMEO-to-PLOVER crosswalk",
    "path": "https://github.com/openeventdata/PLOVER/blob/master/CAMEO2PLOVER-2021.txt",
}


class EventCode(Record):
    """One value of an event kind or agreement action, with its CAMEO code and PLOVER event type."""

    resource_name: ClassVar[str] = "event_codes"
    resource_title: ClassVar[str] = "Event codes (CAMEO, PLOVER)"
    resource_description: ClassVar[str] = (
        "Every event kind (events.kind) and agreement action (agreement_actions.action) mapped to its "
        "CAMEO event code and PLOVER event type, for joining with GDELT-, ICEWS- or POLECAT-style event "
        "data. Sources: the CAMEO codebook (version 1.1b3) and the Open Event Data Alliance's "
        "CAMEO2PLOVER-2021 crosswalk."
    )
    resource_sources: ClassVar[tuple[dict[str, str], ...]] = (CAMEO_CODEBOOK, PLOVER_CROSSWALK)
    row_rules: ClassVar[tuple[Rule, ...]] = (
        *(
            Rule(
                "value",
                In("resource", (resource,)) & In("field", (field,)),
                In("value", values),
                f"is not a value of {resource}.{field}",
                f"use one of: {', '.join(values)}",
            )
            for (resource, field), values in MAPPED.items()
        ),
        Rule(
            "field",
            In("resource", ("events",)),
            In("field", ("kind",)),
            "events are mapped by kind",
            "set field to kind",
        ),
        Rule(
            "field",
            In("resource", ("agreement_actions",)),
            In("field", ("action",)),
            "agreement actions are mapped by action",
            "set field to action",
        ),
    )

    id: Id
    resource: Annotated[
        Literal["events", "agreement_actions"], Field(description="The table whose code list is mapped.")
    ]
    field: Annotated[Literal["kind", "action"], Field(description="The column holding the code.")]
    value: Annotated[Slug, Field(description="The code, as the column writes it.")]
    cameo_code: Annotated[
        str | None,
        Field(
            pattern=CAMEO_CODE_PATTERN,
            description="The CAMEO event code (three or four digits, e.g. 057 “Sign formal agreement”); "
            "empty when the value is no event (a standing relation).",
        ),
    ] = None
    cameo_name: Annotated[Text | None, Field(description="The CAMEO codebook's name for the code.")] = None
    plover_event: Annotated[
        PloverEvent | None,
        Field(
            description="The PLOVER event type the Open Event Data Alliance's crosswalk gives the CAMEO code; "
            "empty where it gives none (PLOVER codes no public statement, CAMEO 01)."
        ),
    ] = None
    plover_mode: Annotated[
        Text | None, Field(description="The PLOVER mode the crosswalk gives, where it gives one.")
    ] = None
    note: Annotated[Text, Field(description="Why this code fits the value, and what a finer coding would use.")]
