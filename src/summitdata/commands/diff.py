"""``summitdata diff OLD [NEW] [--format text|json|markdown]``: what changed, and the bump it requires."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from summitdata.commands._common import EXIT_OK, EXIT_USAGE, Subparsers, add_package_argument, package_folder
from summitdata.packagediff import PackageDiff, RecordChange, ResourceDiff, SchemaChange

FORMATS = ("text", "json", "markdown")
_SHORT = 80  # markdown is for reading in a pull request: long cells are cut, the JSON has them whole


def register(commands: Subparsers) -> None:
    parser = commands.add_parser(
        "diff",
        help="what changed between two versions, and the bump it needs",
        description="Compare two versions of the package. Each version is a directory, 'installed' (the "
        "bundled data), a release number listed in releases.json (or tagged), or a git revision (HEAD~1, "
        "main). Records are matched by ID; schemas are compared descriptor to descriptor. Reports the "
        "minimum semantic version bump the change requires. Exit 0, or 2 for a version that cannot be found.",
        epilog="Example: summitdata diff 1.0.0 . --format markdown   # paste under ### Data in CHANGELOG.md",
    )
    parser.add_argument("old", help="the old version: directory, 'installed', release number or git revision")
    parser.add_argument("new", nargs="?", help="the new version (default: the package, as --package finds it)")
    add_package_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument(
        "--repo", type=Path, help="git repository for releases and revisions (default: the current one)"
    )


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from summitdata.packagediff import DiffError, diff
    from summitdata.paths import NotAPackageError
    from summitdata.releases import ReleaseIndexError, UnknownVersionError

    try:
        new = args.new if args.new is not None else package_folder(args)
        result = diff(args.old, new, repo=args.repo)
    except (UnknownVersionError, ReleaseIndexError, DiffError, FileNotFoundError, NotAPackageError) as exc:
        stderr.write(f"summitdata diff: {exc}\n")
        return EXIT_USAGE
    stdout.write(render(result, args.format))
    return EXIT_OK


def render(result: PackageDiff, fmt: str) -> str:
    """The diff as ``text``, ``json`` or ``markdown``."""
    if fmt == "json":
        return json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n"
    return to_markdown(result) if fmt == "markdown" else to_text(result)


def _counts(resource: ResourceDiff) -> str:
    parts = [
        f"{len(changes)} {label}"
        for label, changes in (
            ("added", resource.added),
            ("removed", resource.removed),
            ("changed", resource.changed),
            ("ID changed", resource.id_changed),
        )
        if changes
    ]
    return ", ".join(parts) or "schema only"


def _bump_line(result: PackageDiff) -> str:
    return (
        f"minimum bump: {result.bump} ({result.old_version} → {result.required_version}); "
        f"the new side says {result.new_version}"
    )


def to_text(result: PackageDiff) -> str:
    lines = [f"{result.old} → {result.new}"]
    for resource in result.resources:
        lines.append(f"{resource.name} ({resource.path}): {_counts(resource)} [{resource.bump}]")
        for change in resource.records:
            lines += _text_record(change)
        lines += [f"  schema: {_schema(c)} ({c.kind}) [{c.bump}]" for c in resource.schema]
    for package in result.package:
        lines.append(f"package: {package.detail} [{package.bump}]")
        lines += [f"      {where}: {old} → {new}" for where, old, new in _differences(package.old, package.new)]
    if not result.resources and not result.package:
        lines.append("no record or schema changes")
    lines.append(_bump_line(result))
    return "\n".join(lines) + "\n"


def _differences(old: Any, new: Any, where: str = "") -> list[tuple[str, str, str]]:
    """Where two descriptor values differ, down to the changed keys and items, with both values as JSON."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(dict.fromkeys([*old, *new]))
        return [d for key in keys for d in _differences(old.get(key), new.get(key), f"{where}.{key}".lstrip("."))]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [d for i, (a, b) in enumerate(zip(old, new, strict=True)) for d in _differences(a, b, f"{where}[{i}]")]
    if old == new:
        return []
    return [(where or "value", json.dumps(old, ensure_ascii=False), json.dumps(new, ensure_ascii=False))]


def _schema(change: SchemaChange, quote: str = "") -> str:
    """The change's words, led by its column unless they already name it."""
    if change.field is None or change.field in change.detail.split():
        return change.detail
    return f"{quote}{change.field}{quote}: {change.detail}"


def _text_record(change: RecordChange) -> list[str]:
    where = f" (line {change.line})" if change.line is not None else ""
    if change.kind == "added":
        return [f"  + {change.id}{where}"]
    if change.kind == "removed":
        return [f"  - {change.id}"]
    if change.kind == "id-changed":
        return [f"  ! {change.id} → {change.new_id}{where}"]
    lines = [f"  ~ {change.id}{where}"]
    for cell in change.fields:
        old, new = json.dumps(cell.old, ensure_ascii=False), json.dumps(cell.new, ensure_ascii=False)
        lines.append(f"      {cell.field}: {old} → {new}")
    return lines


def _code(value: str) -> str:
    """A Markdown code span for a cell value, shortened, safe for backticks and newlines."""
    if value == "":
        return "*(empty)*"
    text = " ".join(value.split())
    if len(text) > _SHORT:
        text = text[: _SHORT - 1] + "…"
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _ids(changes: tuple[RecordChange, ...]) -> str:
    return ", ".join(_code(change.id) for change in changes)


def to_markdown(result: PackageDiff) -> str:
    """A pull-request comment whose ``### Data`` section can be pasted into CHANGELOG.md as it is."""
    lines = [
        f"**summitdata diff** {_code(result.old)} → {_code(result.new)}: minimum bump **{result.bump}** "
        f"({result.old_version} → {result.required_version}; the new side says {result.new_version}).",
        "",
        "### Data",
        "",
    ]
    for resource in result.resources:
        lines.append(f"- `{resource.name}` (`{resource.path}`): {_counts(resource)} — {resource.bump}")
        if resource.added:
            lines.append(f"  - Added: {_ids(resource.added)}")
        if resource.removed:
            lines.append(f"  - Removed: {_ids(resource.removed)}")
        for change in resource.id_changed:
            lines.append(f"  - ID changed: {_code(change.id)} → {_code(change.new_id or '')}")
        for change in resource.changed:
            cells = "; ".join(f"`{c.field}` {_code(c.old)} → {_code(c.new)}" for c in change.fields)
            lines.append(f"  - Changed {_code(change.id)}: {cells}")
        for schema in resource.schema:
            lines.append(f"  - Schema: {_schema(schema, '`')} ({schema.kind}, {schema.bump})")
    for package in result.package:
        lines.append(f"- Package: {package.detail} ({package.bump})")
    if not result.resources and not result.package:
        lines.append("- No record or schema changes.")
    return "\n".join(lines) + "\n"
