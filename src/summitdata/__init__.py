"""summitdata: the facts of The Hankyoreh's report on the Yoon–Biden summit of 11 July 2024.

>>> import summitdata
>>> ds = summitdata.load()
>>> ds.people["vipin-narang"].name
'Vipin Narang'
"""

import importlib
from typing import TYPE_CHECKING

from summitdata._version import __version__
from summitdata.dataset import Dataset, Table
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

if TYPE_CHECKING:
    from summitdata.packagediff import (
        DiffError,
        FieldChange,
        PackageDiff,
        RecordChange,
        ResourceDiff,
        SchemaChange,
        changes,
        diff,
    )

#: Names imported on first use (PEP 562), each from its module. Comparing versions of the package is
#: not what most imports are for, and importing it cost `import summitdata; summitdata.load()` a
#: thirtieth of its instructions (callgrind). Type checkers read the imports above.
_ON_FIRST_USE = dict.fromkeys(
    (
        "DiffError",
        "FieldChange",
        "PackageDiff",
        "RecordChange",
        "ResourceDiff",
        "SchemaChange",
        "changes",
        "diff",
    ),
    "summitdata.packagediff",
)


def __getattr__(name: str) -> object:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once imported, found without this hook
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_ON_FIRST_USE})


__all__ = [
    "Agreement",
    "AgreementAction",
    "Dataset",
    "DiffError",
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
