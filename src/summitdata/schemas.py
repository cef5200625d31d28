"""JSON Schemas (draft 2020-12) for every resource and the nested document, from the models."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from summitdata.nested import SummitDocument
from summitdata.resources import RESOURCES
from summitdata.tableschema import json_schema_of

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def model_schema(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    schema = json_schema_of(model)
    return {"$schema": DIALECT, **schema, "title": title, "description": description}


def build_schemas() -> dict[str, dict[str, Any]]:
    """File name under schemas/ → schema."""
    schemas = {
        f"{r.name}.schema.json": model_schema(
            r.model, r.model.resource_title, f"One row of {r.path}. {r.model.resource_description}"
        )
        for r in RESOURCES
    }
    schemas["summit.schema.json"] = document_schema()
    return schemas


def document_schema() -> dict[str, Any]:
    """schemas/summit.schema.json: the nested document's schema (read it, never change it)."""
    return model_schema(
        SummitDocument,
        "summitdata nested document",
        "data/summit.json: the whole dataset as one nested document, generated from the tables.",
    )


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
