"""summitdata: the facts of The Hankyoreh's report on the Yoon–Biden summit of 11 July 2024.

>>> import summitdata
>>> ds = summitdata.load()
>>> ds.people["vipin-narang"].name
'Vipin Narang'
"""

from summitdata._version import __version__
from summitdata.dataset import Dataset, Table
from summitdata.loader import LoadError, load
from summitdata.models import (
    Agreement,
    AgreementAction,
    Event,
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

__all__ = [
    "Agreement",
    "AgreementAction",
    "Dataset",
    "Event",
    "FactCheck",
    "LoadError",
    "Membership",
    "Organization",
    "Participant",
    "Person",
    "Record",
    "Source",
    "Statement",
    "Table",
    "Workstream",
    "__version__",
    "load",
]
