"""The resource registry: each resource's model, file and key, in descriptor order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import get_args

from pydantic.fields import FieldInfo

from summitdata.fields import Ref
from summitdata.models import MODELS, Record


@dataclass(frozen=True)
class Resource:
    """One tabular resource of the package."""

    name: str
    model: type[Record]

    @property
    def path(self) -> str:
        return f"data/{self.name}.csv"

    @property
    def fields(self) -> list[str]:
        return list(self.model.model_fields)

    # Cached: the gate asks it once per row and per nested record (made each time, it cost 8 µs a call).
    @cached_property
    def foreign_keys(self) -> dict[str, str]:
        """Column → referenced resource, for every column marked with :class:`Ref` (read it, never change it)."""
        return {
            name: ref.resource for name, info in self.model.model_fields.items() if (ref := field_ref(info)) is not None
        }


def field_ref(info: FieldInfo) -> Ref | None:
    for meta in info.metadata:
        if isinstance(meta, Ref):
            return meta
    for arg in get_args(info.annotation):
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, Ref):
                return meta
    return None


RESOURCES: tuple[Resource, ...] = tuple(Resource(model.resource_name, model) for model in MODELS)
BY_NAME: dict[str, Resource] = {resource.name: resource for resource in RESOURCES}

JSON_RESOURCE = "summit"
JSON_PATH = "data/summit.json"
ARTICLE_RESOURCE = "article"
NOTES_RESOURCE = "research_notes"
