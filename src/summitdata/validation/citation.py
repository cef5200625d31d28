"""Layer 6 of the gate: CITATION.cff, part of the package, a valid CFF 1.2.0 document for this version.

It must exist as a regular file of at most :data:`CITATION_MAX_BYTES` (it is never opened otherwise), be
plain YAML (no aliases, custom tags or repeated keys: a repeated ``version`` would let the
last one win silently), pass the Citation File Format's own JSON Schema (vendored from the
CFF project, see ``vendor/README.md``), and name the package's version.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from summitdata._version import __version__
from summitdata.validation.files import MAX_FILE_BYTES, RefusedFileError, read_limited
from summitdata.validation.firsterrors import first_errors, shallow_first
from summitdata.validation.patterns import linear
from summitdata.validation.problems import Problem

CITATION = "CITATION.cff"
_SCHEMA = "cff-1.2.0.schema.json"
#: The largest CITATION.cff read. A citation is kilobytes (this package's is under two), and one with a thousand
#: authors and references fits. PyYAML's Python loader, the one that refuses aliases as it reads, takes about
#: 10 µs per byte of a file crafted against it (a flow list of 1 MiB: 11 s; a 3.5 MB file of 300,000 keys: 12 s
#: and 465 MB), so a larger file is refused before it is parsed.
CITATION_MAX_BYTES = 256 * 1024
#: The schema's problems reported: the first it finds (see :mod:`.firsterrors`).
MAX_SCHEMA_PROBLEMS = 20


@cache
def cff_schema() -> Any:
    """The CFF 1.2.0 JSON Schema, read on first use (never at import time)."""
    text = resources.files("summitdata.validation.vendor").joinpath(_SCHEMA).read_text(encoding="utf-8")
    return json.loads(text)


def _loader(text: str) -> Any:
    import yaml

    class StrictLoader(yaml.SafeLoader):
        """SafeLoader without aliases or repeated keys, and with dates kept as the text CFF expects."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            # Aliases can expand exponentially ("billion laughs"); a citation never needs them.
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]  # PyYAML is untyped here
                raise yaml.MarkedYAMLError(None, None, "YAML aliases are not allowed", mark)
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, (dict, list)) or key in seen:
                    raise yaml.MarkedYAMLError(
                        None, None, f"the key {key!r} is repeated or not a plain value", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    # CFF dates are strings (YYYY-MM-DD); YAML's implicit timestamps would turn them into dates.
    StrictLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=StrictLoader)  # a SafeLoader subclass


def _version_line(text: str) -> int | None:
    match = re.search(r"^version:", text, re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else None


def check_citation(root: Path, problems: list[Problem], max_bytes: int = MAX_FILE_BYTES) -> None:
    """CITATION.cff is present, safe, strict YAML, valid CFF 1.2.0 and names the package's version."""

    def report(line: int | None, field: str | None, code: str, message: str, hint: str) -> None:
        problems.append(Problem(CITATION, line, field, code, message, hint))

    limit = min(max_bytes, CITATION_MAX_BYTES)
    try:
        raw = read_limited(root, CITATION, limit)
    except RefusedFileError as exc:
        hint = exc.hint
        if exc.code == "file-missing":
            hint = "restore CITATION.cff from the repository"
        elif exc.code == "file-too-large" and limit < max_bytes:
            hint = "a citation is kilobytes: restore CITATION.cff from the repository and edit it there"
        report(None, None, exc.code, exc.message, hint)
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report(line, None, "encoding-error", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8", "save it as UTF-8")
        return
    import yaml

    try:
        citation = _loader(text)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        mark_line = getattr(getattr(exc, "problem_mark", None), "line", None)
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        report(
            mark_line + 1 if isinstance(mark_line, int) else None,
            None,
            "yaml-error",
            message[:300],
            "write plain YAML (no aliases, anchors, custom tags or repeated keys)",
        )
        return
    import jsonschema

    try:
        validator = linear(jsonschema.Draft7Validator)(shallow_first(cff_schema()))
        errors, _ = first_errors(validator, citation, MAX_SCHEMA_PROBLEMS)  # no budget: the schema is vendored
    except Exception as exc:  # YAML gives values JSON has no word for (e.g. non-string keys): still a report
        report(None, None, "citation-error", f"not valid CFF 1.2.0: {type(exc).__name__}", "write plain CFF 1.2.0")
        return
    for error in errors:
        where = ".".join(str(p) for p in error.absolute_path) or None
        report(
            None,
            where,
            "citation-error",
            f"not valid CFF 1.2.0: {error.message[:300]}",
            "see https://citation-file-format.github.io (cff-version: 1.2.0)",
        )
    version = citation.get("version") if isinstance(citation, dict) else None
    if version != __version__:
        report(
            _version_line(text),
            "version",
            "version-mismatch",
            f"CITATION.cff has version {version!r}, the package {__version__!r}",
            f"set version: {__version__}",
        )
