"""Layers 5–6 of the gate: JSON resources, the descriptor and CITATION.cff.

JSON is parsed strictly (duplicate keys, NaN/Infinity, huge numbers and deep nesting are
refused), validated with ``jsonschema`` with format checking on and every remote
reference refused, and its foreign keys resolved against the tables. YAML is read only
through ``yaml.safe_load``'s loader with aliases refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from summitdata._version import __version__
from summitdata.paths import DESCRIPTOR
from summitdata.resources import BY_NAME, JSON_PATH
from summitdata.validation.problems import Problem

MAX_DEPTH = 64
MAX_INT_DIGITS = 18
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


class JsonProblemError(ValueError):
    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.line = code, message, line


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise JsonProblemError("json-duplicate-key", f"the key {key!r} appears twice in one object")
        seen[key] = value
    return seen


def _constant(name: str) -> Any:
    raise JsonProblemError("json-number-error", f"{name} is not a JSON number")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonProblemError("json-number-error", f"the number {text[:20]}… has more than {MAX_INT_DIGITS} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JsonProblemError("json-number-error", f"the number {text[:20]} is too large")
    return value


def _depth(text: str) -> int:
    """Nesting depth, counted outside strings, before parsing (so deep input never recurses)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def strict_json(text: str) -> Any:
    """Parse JSON strictly, raising :class:`JsonProblemError` with a stable code."""
    if _depth(text) > MAX_DEPTH:
        raise JsonProblemError("json-too-deep", f"nesting is deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_int, parse_float=_float)
    except json.JSONDecodeError as exc:
        raise JsonProblemError("json-syntax-error", exc.msg, exc.lineno) from None


def _line_of(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return text[:index].count("\n") + 1 if index >= 0 else None


def read_json(root: Path, path: str, problems: list[Problem]) -> tuple[Any, str] | None:
    try:
        text = (root / path).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(path, None, None, "encoding-error", "the file is not valid UTF-8", "save it as UTF-8"))
        return None
    except OSError:
        return None  # the files layer reports it
    try:
        return strict_json(text), text
    except JsonProblemError as exc:
        problems.append(
            Problem(path, exc.line, None, exc.code, exc.message, "regenerate it with `summitdata generate`")
        )
        return None


def _no_network(uri: str) -> Any:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # attrs __init__, unknown to the stubs


def schema_problems(path: str, text: str, document: Any, schema: Any) -> Iterator[Problem]:
    """Validate with jsonschema: format checking on, remote references refused."""
    import jsonschema
    from referencing import Registry

    validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    validator = validator_class(
        schema,
        # attrs' generated __init__ takes `retrieve`; mypy's view of referencing's stubs does not know it.
        registry=Registry(retrieve=_no_network),  # type: ignore[call-arg]
        format_checker=validator_class.FORMAT_CHECKER,
    )
    try:
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    except Exception as exc:  # an unresolvable (e.g. remote) $ref: refused, never fetched
        yield Problem(
            path, None, None, "json-schema-error", f"the schema cannot be used: {exc}", "use the generated schema"
        )
        return
    for error in errors[:50]:
        pointer = "/" + "/".join(str(p) for p in error.absolute_path)
        last = error.absolute_path[-1] if error.absolute_path else None
        line = _line_of(text, f'"{last}"') if isinstance(last, str) else None
        yield Problem(
            path, line, pointer, "json-schema-error", error.message[:300], "regenerate it with `summitdata generate`"
        )


# Where each list of summit.json holds records of which resource.
_LISTS = {
    "sources": "sources",
    "organizations": "organizations",
    "people": "people",
    "events": "events",
    "agreements": "agreements",
    "statements": "statements",
    "fact_checks": "fact_checks",
    "memberships": "memberships",
    "workstreams": "workstreams",
    "participations": "participants",
    "participants": "participants",
    "actions": "agreement_actions",
}


def json_foreign_keys(document: Any, ids: dict[str, set[str]], path: str, text: str) -> Iterator[Problem]:
    """Every reference inside the nested document names an existing record."""

    def walk(resource: str, item: Any, pointer: str) -> Iterator[Problem]:
        if not isinstance(item, dict):
            return
        for field, target in BY_NAME[resource].foreign_keys.items():
            value = item.get(field)
            known = ids.get(target)  # None for a table that could not be read: its own problem comes first
            if isinstance(value, str) and known is not None and value not in known:
                yield Problem(
                    path,
                    _line_of(text, f'"{value}"'),
                    f"{pointer}/{field}",
                    "foreign-key-error",
                    f"{value!r} is not an id in {target}",
                    "regenerate it with `summitdata generate`",
                    resource,
                    value,
                )
        for key, child in item.items():
            if key in _LISTS and isinstance(child, list):
                for index, element in enumerate(child):
                    yield from walk(_LISTS[key], element, f"{pointer}/{key}/{index}")

    if isinstance(document, dict):
        for key, resource in _LISTS.items():
            for index, element in enumerate(document.get(key) or []):
                yield from walk(resource, element, f"/{key}/{index}")


def check_json_resources(root: Path, ids: dict[str, set[str]], problems: list[Problem]) -> None:
    parsed = read_json(root, JSON_PATH, problems)
    schema = read_json(root, "schemas/summit.schema.json", problems)
    if parsed is None:
        return
    document, text = parsed
    if schema is not None:
        problems.extend(schema_problems(JSON_PATH, text, document, schema[0]))
    problems.extend(json_foreign_keys(document, ids, JSON_PATH, text))


def _profile_problems(descriptor: Any) -> Iterator[Problem]:
    """Frictionless's own Data Package profile (skipped when the validate extra is not installed)."""
    try:
        from frictionless import Package
    except ImportError:
        return
    for error in Package.metadata_validate(descriptor):
        yield Problem(DESCRIPTOR, None, None, "descriptor-error", str(error.message)[:300], "run `summitdata generate`")


def check_descriptor_profile(root: Path, problems: list[Problem]) -> Any:
    """Read datapackage.json strictly, check it against Frictionless's own profile and the version rules."""
    parsed = read_json(root, DESCRIPTOR, problems)
    if parsed is None:
        return None
    descriptor, _ = parsed
    problems.extend(_profile_problems(descriptor))
    version = descriptor.get("version") if isinstance(descriptor, dict) else None
    if not isinstance(version, str) or not SEMVER.match(version):
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                "version",
                "version-mismatch",
                f"{version!r} is not a semantic version X.Y.Z",
                "set the version in src/summitdata/_version.py and run `summitdata generate`",
            )
        )
    elif version != __version__:
        problems.append(
            Problem(
                DESCRIPTOR,
                None,
                "version",
                "version-mismatch",
                f"datapackage.json has version {version!r}, the software {__version__!r}",
                "set the version in src/summitdata/_version.py and run `summitdata generate`",
            )
        )
    return descriptor


def check_citation(root: Path, problems: list[Problem]) -> None:
    """CITATION.cff (where the package has one) is safe YAML whose version is the package's."""
    path = root / "CITATION.cff"
    if not path.is_file():
        return
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        # Aliases can expand exponentially ("billion laughs"); a citation never needs them.
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise yaml.YAMLError("YAML aliases are not allowed")
            return super().compose_node(parent, index)

    try:
        citation = yaml.load(path.read_text(encoding="utf-8"), Loader=NoAliasLoader)  # a SafeLoader subclass
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        problems.append(
            Problem(
                "CITATION.cff",
                line + 1 if line is not None else None,
                None,
                "yaml-error",
                str(exc).splitlines()[0],
                "write plain YAML (no aliases, anchors or custom tags)",
            )
        )
        return
    version = str(citation.get("version")) if isinstance(citation, dict) else None
    if version != __version__:
        problems.append(
            Problem(
                "CITATION.cff",
                _line_of(path.read_text(encoding="utf-8"), "version:"),
                "version",
                "version-mismatch",
                f"CITATION.cff has version {version!r}, the package {__version__!r}",
                f"set version: {__version__}",
            )
        )
