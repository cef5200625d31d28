"""summitdata: the facts of The Hankyoreh's report on the Yoon–Biden summit of 11 July 2024.

>>> import summitdata
>>> ds = summitdata.load()
>>> ds.people["vipin-narang"].name
'Vipin Narang'
"""

from summitdata._version import __version__
from summitdata.dataset import Dataset, Table
from summitdata.diff import FieldChange, PackageDiff, RecordChange, ResourceDiff, SchemaChange, changes, diff
from summitdata.frames import frames
from summitdata.loader import LoadError, load
from summitdata.models import (
    Agreement,
    AgreementAction,
    Event,
    EventCode,
    FactCheck,
    Membership,
    Organization,
    Participant,
    Person,
    Record,
    Source,
    Statement,
    Workstream,
)
from summitdata.versions import VersionMismatchError, require_version

__all__ = [
    "Agreement",
    "AgreementAction",
    "Dataset",
    "Event",
    "EventCode",
    "FactCheck",
    "FieldChange",
    "LoadError",
    "Membership",
    "Organization",
    "PackageDiff",
    "Participant",
    "Person",
    "Record",
    "RecordChange",
    "ResourceDiff",
    "SchemaChange",
    "Source",
    "Statement",
    "Table",
    "VersionMismatchError",
    "Workstream",
    "__version__",
    "changes",
    "diff",
    "frames",
    "load",
    "require_version",
]
