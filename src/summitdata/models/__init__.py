"""The pydantic models: one per resource, the single definition of the data.

The model modules do not use ``from __future__ import annotations``: pydantic would then
compile and evaluate every field's annotation from its text when ``summitdata`` is imported
(29 million of the 746 million instructions ``import summitdata; load()`` took with it).
Annotations that name a model defined later or imported only for type checking are quoted instead.
"""

from summitdata.models._base import Record
from summitdata.models.actors import Membership, Organization, Person
from summitdata.models.agreements import Agreement, AgreementAction, Workstream
from summitdata.models.event_codes import EventCode
from summitdata.models.events import Event, Participant
from summitdata.models.fact_checks import FactCheck
from summitdata.models.sources import Source
from summitdata.models.statements import Statement

#: Every resource model, in the order of datapackage.json.
MODELS: tuple[type[Record], ...] = (
    Source,
    Organization,
    Person,
    Membership,
    Event,
    Participant,
    Agreement,
    AgreementAction,
    Workstream,
    Statement,
    FactCheck,
    EventCode,
)

__all__ = [
    "MODELS",
    "Agreement",
    "AgreementAction",
    "Event",
    "EventCode",
    "FactCheck",
    "Membership",
    "Organization",
    "Participant",
    "Person",
    "Record",
    "Source",
    "Statement",
    "Workstream",
]
