"""Table Schemas (Frictionless, v2) derived from the pydantic models' JSON Schemas.

Nothing here restates a constraint: types, patterns, enums and bounds are read off
the model's generated JSON Schema, foreign keys off the :class:`~summitdata.fields.Ref`
markers.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from summitdata.resources import Resource, field_ref


@cache
def json_schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """``model.model_json_schema()`` (validation mode), made once per model: read it, never change it.

    The Table Schemas and the JSON Schemas are both derived from it, and the gate makes both.
    """
    return model.model_json_schema(mode="validation")


_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def _non_null(prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Split a JSON Schema property into its non-null schema and whether null is allowed."""
    if "anyOf" in prop:
        options = [option for option in prop["anyOf"] if option.get("type") != "null"]
        nullable = len(options) < len(prop["anyOf"])
        if len(options) != 1:
            raise ValueError(f"cannot map a union of {len(options)} types to a Table Schema field")
        merged = {k: v for k, v in prop.items() if k != "anyOf"}
        merged.update(options[0])
        return merged, nullable
    return prop, False


def table_field(name: str, prop: dict[str, Any], required: bool) -> dict[str, Any]:
    schema, nullable = _non_null(prop)
    kind = schema.get("type", "string")
    # A calendar day is a Table Schema date: every Frictionless reader parses it and rejects 2023-02-30.
    is_day = kind == "string" and schema.get("format") == "date"
    field: dict[str, Any] = {
        "name": name,
        "title": name.replace("_", " ").capitalize(),
        "type": "date" if is_day else _TYPES[kind],
        "description": prop.get("description", schema.get("description", "")),
    }
    constraints: dict[str, Any] = {}
    if required and not nullable:
        constraints["required"] = True
    if name == "id":
        constraints["unique"] = True
    if "enum" in schema:
        constraints["enum"] = list(schema["enum"])
    elif "const" in schema:
        constraints["enum"] = [schema["const"]]
    for source, target in (
        ("pattern", "pattern"),
        ("minLength", "minLength"),
        ("maxLength", "maxLength"),
        ("minimum", "minimum"),
        ("maximum", "maximum"),
    ):
        if source in schema and not is_day:
            constraints[target] = schema[source]
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(resource: Resource) -> dict[str, Any]:
    """The Table Schema of one resource."""
    model = resource.model
    json_schema = json_schema_of(model)
    required = set(json_schema.get("required", []))
    fields = [table_field(name, json_schema["properties"][name], name in required) for name in model.model_fields]
    foreign_keys = []
    for name, info in model.model_fields.items():
        ref = field_ref(info)
        if ref is None:
            continue
        # A self-reference names the resource "": Frictionless's own profile requires the key.
        target = "" if ref.resource == resource.name else ref.resource
        reference: dict[str, Any] = {"resource": target, "fields": ["id"]}
        foreign_keys.append({"fields": [name], "reference": reference})
    schema: dict[str, Any] = {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": ["id"],
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema
