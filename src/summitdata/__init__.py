"""summitdata: the facts of The Hankyoreh's report on the Yoon–Biden summit of 11 July 2024.

>>> import summitdata
>>> ds = summitdata.load()
>>> ds.people["vipin-narang"].name
'Vipin Narang'
"""

from importlib import import_module
from typing import TYPE_CHECKING

from summitdata._version import __version__
from summitdata.dataset import Dataset, Table
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

if TYPE_CHECKING:
    from summitdata.diff import FieldChange, PackageDiff, RecordChange, ResourceDiff, SchemaChange, changes, diff
    from summitdata.frames import frames

#: Re-exported on first use (PEP 562): comparing releases and making data frames need modules
#: that loading the data does not, so `import summitdata; summitdata.load()` never imports them.
_LAZY = {
    "FieldChange": "summitdata.diff",
    "PackageDiff": "summitdata.diff",
    "RecordChange": "summitdata.diff",
    "ResourceDiff": "summitdata.diff",
    "SchemaChange": "summitdata.diff",
    "changes": "summitdata.diff",
    "diff": "summitdata.diff",
    "frames": "summitdata.frames",
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'summitdata' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
