"""data/summit.json screened by the models its JSON Schema is generated from.

``jsonschema`` walks the nested document in pure Python: 40 s for the 145 MB document of a
100,000-row package, run whenever the document is not byte for byte the generator's (a
contributor who edited a table and forgot ``summitdata generate``). The schema file, when it
is the generated one, holds only what :class:`~summitdata.nested.SummitDocument` states, and
the strict models enforce each of its keywords at least as strictly:

- ``type``: strict validation, no coercion (an integer written ``1.0`` is refused by the
  models, accepted by the schema: stricter, never laxer);
- ``required`` and ``additionalProperties: false``: fields without defaults, ``extra="forbid"``;
- ``enum``: ``Literal`` types, and the country codes by ``fields.check_country``;
- ``pattern``, ``minLength``, ``maxLength``, ``minimum``: the same constraints, matched by
  pydantic's engine, whose ``$`` does not match before a final line break as Python's does;
  the day pattern by ``dates.parse_day``, with Python's ``re`` as jsonschema uses it.

Formats are not assumed: jsonschema's own checker is asked about every value under a
``format``. So when the models accept the document and the checker every such value,
jsonschema can report nothing and its run is skipped; otherwise it runs, to name each
problem. tests/test_screen.py checks the implication on random edits of the real document;
the corpus of malformed packages gives the same reports with the screen on and off.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_origin

#: Records validated per call: the models' instances are dropped chunk by chunk, never held whole.
CHUNK = 1000


def models_accept(document: Any) -> bool:
    """Whether the strict models of the nested document accept it (validated in chunks)."""
    from pydantic import TypeAdapter, ValidationError

    from summitdata.nested import SummitDocument

    if not isinstance(document, dict):
        return False
    lists = {
        name: info.annotation
        for name, info in SummitDocument.model_fields.items()
        if info.annotation is not None and get_origin(info.annotation) is list
    }
    # The top level with its lists emptied, then each list in chunks: its structure and every record.
    shallow = {key: [] if key in lists and isinstance(value, list) else value for key, value in document.items()}
    try:
        SummitDocument.model_validate(shallow, strict=True)
        for key, annotation in lists.items():
            adapter: TypeAdapter[Any] = TypeAdapter(annotation)
            items = document[key]  # present and a list: the top level passed
            for start in range(0, len(items), CHUNK):
                adapter.validate_python(items[start : start + CHUNK], strict=True)
    except ValidationError:
        return False
    return True


def _resolve(schema: dict[str, Any], node: Any) -> Any:
    """A subschema with its local ``$ref`` followed (the generated schema has only ``#/$defs/...``)."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        name = node["$ref"].removeprefix("#/$defs/")
        node = schema.get("$defs", {}).get(name)
    return node


def _has_format(schema: dict[str, Any], node: Any, seen: frozenset[int] = frozenset()) -> bool:
    """Whether a subschema can hold a ``format`` anywhere below it (so its instances need walking)."""
    node = _resolve(schema, node)
    if not isinstance(node, dict) or id(node) in seen:
        return False
    if "format" in node:
        return True
    seen |= {id(node)}
    children = [*node.get("properties", {}).values(), *node.get("anyOf", []), node.get("items")]
    return any(_has_format(schema, child, seen) for child in children if child is not None)


def format_values(document: Any, schema: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every (format, value) of a string the schema puts under a ``format``, following
    ``properties``, ``items``, ``anyOf`` and ``$ref`` (the keywords the generated schema nests with).
    """
    holds: dict[int, bool] = {}

    def needed(node: Any) -> bool:
        if id(node) not in holds:
            holds[id(node)] = _has_format(schema, node)
        return holds[id(node)]

    stack: list[tuple[Any, Any]] = [(document, schema)]
    while stack:
        instance, node = stack.pop()
        node = _resolve(schema, node)
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("format"), str) and isinstance(instance, str):
            yield node["format"], instance
        for option in node.get("anyOf", []):
            if needed(option):
                stack.append((instance, option))
        if isinstance(instance, dict):
            for key, child in node.get("properties", {}).items():
                if key in instance and needed(child):
                    stack.append((instance[key], child))
        elif isinstance(instance, list) and "items" in node and needed(node["items"]):
            stack.extend((item, node["items"]) for item in instance)


def schema_finds_nothing(document: Any, schema: Any) -> bool:
    """Whether jsonschema is proven to report nothing: the schema is the generated one, the
    models accept the document, and the format checker every value under a ``format``.
    """
    import jsonschema

    from summitdata.schemas import document_schema

    if schema != document_schema() or not models_accept(document):
        return False
    checker = jsonschema.validators.validator_for(schema).FORMAT_CHECKER
    pairs = set(format_values(document, schema))
    return all(checker.conforms(value, name) for name, value in pairs)
