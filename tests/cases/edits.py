"""The invalid-case corpus: copy the real package, apply a case's ``edits.json``, read its ``expected.json``.

Each folder under ``tests/cases/invalid/`` is one small break of the real package:

* ``edits.json`` — a list of operations, applied in order to a fresh copy of the package
  (``datapackage.json``, ``data/``, ``schemas/``, ``docs/``; nothing else unless an operation
  copies it in). Every operation fails loudly when it cannot apply exactly as written, so a
  case never silently stops breaking anything when the data it targets changes.
* ``expected.json`` — ``{"exit": 1|2, "problems": [{"code", "file", "line", "field"}, ...]}``:
  the exact set of problems the gate must report (compared as a set; ``line``/``field`` may be
  null). Optional keys: ``"max_bytes"`` (the gate's size limit for this case) and
  ``"frictionless"`` (true when the official ``frictionless validate`` must reject it too).
* ``README.md`` — what the contributor did wrong, in plain words.

Operations (``file`` and ``target`` are paths relative to the package copy, POSIX style):

``{"op": "replace", "file", "old", "new", "count"?}``
    Replace the first ``count`` (default 1; -1 for all, at least one) occurrences of ``old``,
    which must occur at least ``count`` times.
``{"op": "append", "file", "text"}`` / ``{"op": "write_text", "file", "text"}``
    Append UTF-8 text to an existing file / create or overwrite a file with UTF-8 text.
``{"op": "write_bytes" | "prepend_bytes" | "append_bytes", "file", "hex"}``
    Bytes given in hex (for BOMs, NULs, invalid UTF-8, CR line ends); ``*_bytes`` edits
    existing files, ``write_bytes`` creates or overwrites.
``{"op": "replace_bytes", "file", "old", "hex"}``
    Replace the first occurrence of ``old`` (text, as UTF-8) by the bytes given in hex.
``{"op": "delete", "file"}``
    Remove an existing file.
``{"op": "symlink", "file", "target"}``
    Replace ``file`` by a symbolic link to ``target`` (written as given, relative to the link).
``{"op": "json_set", "file", "pointer", "value"}`` / ``{"op": "json_remove", "file", "pointer"}``
    Set or remove the value at an RFC 6901 JSON pointer (``-`` as the last part appends to
    a list); the file is rewritten in the
    generator's layout (indent 2, UTF-8, final newline), which must reproduce it byte for
    byte before the edit.
``{"op": "delete_row", "file", "id"}`` / ``{"op": "duplicate_row", "file", "id"}``
    Remove the one CSV line that starts with ``id,`` / append a copy of it at the end.
``{"op": "copy_from_repository", "file"}``
    Copy a file of the real checkout into the package copy (e.g. ``CITATION.cff``).
"""

from __future__ import annotations

import json
import shutil
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
INVALID = HERE / "invalid"

#: What a package copy holds before any edit (CITATION.cff is part of the package: the gate requires it).
PACKAGE_FILES = ("datapackage.json", "CITATION.cff")
PACKAGE_FOLDERS = ("data", "schemas", "docs")


class EditError(AssertionError):
    """An operation of a case could not be applied exactly as written."""


@dataclass(frozen=True)
class Case:
    """One folder of the corpus, read and checked for shape."""

    name: str
    folder: Path
    edits: list[dict[str, Any]]
    exit: int
    problems: frozenset[tuple[str, str, int | None, str | None]]
    max_bytes: int | None
    frictionless: bool
    readme: str


def copy_package(target: Path, root: Path = ROOT) -> Path:
    """A fresh, writable copy of the package at ``target`` (created)."""
    target.mkdir(parents=True)
    for name in PACKAGE_FILES:
        shutil.copy2(root / name, target / name)
    for folder in PACKAGE_FOLDERS:
        shutil.copytree(root / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*"):
        if path.is_file():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)  # the stored sources are read-only in the checkout
    return target


def _path(package: Path, op: dict[str, Any], key: str = "file") -> Path:
    relative = op.get(key)
    if not isinstance(relative, str) or not relative or relative.startswith("/") or ".." in relative.split("/"):
        raise EditError(f"{op!r}: {key} must be a relative path inside the package")
    return package / relative


def _existing(package: Path, op: dict[str, Any]) -> Path:
    path = _path(package, op)
    if not path.is_file() or path.is_symlink():
        raise EditError(f"{op!r}: {op['file']} is not a regular file of the package copy")
    return path


def _parse_pointer(pointer: str) -> list[str]:
    if not pointer.startswith("/"):
        raise EditError(f"{pointer!r} is not a JSON pointer (it must start with /)")
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]


def _step(node: Any, part: str, pointer: str) -> Any:
    if isinstance(node, dict):
        if part not in node:
            raise EditError(f"{pointer}: no key {part!r}")
        return node[part]
    if isinstance(node, list) and part.isdigit() and int(part) < len(node):
        return node[int(part)]
    raise EditError(f"{pointer}: cannot step into {part!r}")


def _dump(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _set_or_remove(parent: Any, last: str, value: Any, remove: bool, pointer: str) -> None:
    if isinstance(parent, list) and last == "-" and not remove:
        parent.append(value)
        return
    if isinstance(parent, list) and last.isdigit() and int(last) < len(parent):
        key: Any = int(last)
    elif isinstance(parent, dict) and (last in parent or not remove):
        key = last
    else:
        raise EditError(f"{pointer}: nothing there to {'remove' if remove else 'set'}")
    if remove:
        del parent[key]
    elif isinstance(parent, dict) and key not in parent:
        parent[key] = value
    elif json.dumps(parent[key]) == json.dumps(value):  # as JSON: true is not 1, nor 1.0
        raise EditError(f"{pointer}: already {value!r}")
    else:
        parent[key] = value


def _json_edit(path: Path, pointer: str, value: Any, remove: bool) -> None:
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    if _dump(document) != text:
        raise EditError(f"{path.name} is not in the generator's JSON layout; a json edit would change more than asked")
    parts = _parse_pointer(pointer)
    parent = document
    for part in parts[:-1]:
        parent = _step(parent, part, pointer)
    _set_or_remove(parent, parts[-1], value, remove, pointer)
    path.write_text(_dump(document), encoding="utf-8", newline="")


def _replace(package: Path, op: dict[str, Any]) -> None:
    path = _existing(package, op)
    old, new, count = op["old"], op["new"], op.get("count", 1)
    text = path.read_bytes().decode("utf-8")
    found = text.count(old)
    if not old or found == 0 or (count > 0 and found < count) or old == new:
        raise EditError(f"{op!r}: {old!r} occurs {found} time(s) in {op['file']}")
    path.write_bytes(text.replace(old, new, count).encode("utf-8"))


def _replace_bytes(package: Path, op: dict[str, Any]) -> None:
    path = _existing(package, op)
    data, old_bytes = path.read_bytes(), str(op["old"]).encode("utf-8")
    if not old_bytes or old_bytes not in data:
        raise EditError(f"{op!r}: {op['old']!r} does not occur in {op['file']}")
    path.write_bytes(data.replace(old_bytes, bytes.fromhex(op["hex"]), 1))


def _append(package: Path, op: dict[str, Any]) -> None:
    path = _existing(package, op)
    path.write_bytes(path.read_bytes() + str(op["text"]).encode("utf-8"))


def _write(package: Path, op: dict[str, Any], data: bytes) -> None:
    path = _path(package, op)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _add_bytes(package: Path, op: dict[str, Any]) -> None:
    path = _existing(package, op)
    data, old = bytes.fromhex(op["hex"]), path.read_bytes()
    path.write_bytes(data + old if op["op"] == "prepend_bytes" else old + data)


def _symlink(package: Path, op: dict[str, Any]) -> None:
    path = _path(package, op)
    if path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(str(op["target"]))


def _row_index(lines: list[str], record_id: str, op: dict[str, Any]) -> int:
    found = [i for i, line in enumerate(lines) if line.startswith(f"{record_id},")]
    if len(found) != 1:
        raise EditError(f"{op!r}: {len(found)} lines start with {record_id + ','!r}, expected exactly one")
    return found[0]


def _row_edit(package: Path, op: dict[str, Any]) -> None:
    path = _existing(package, op)
    lines = path.read_bytes().decode("utf-8").splitlines(keepends=True)
    index = _row_index(lines, str(op["id"]), op)
    if op["op"] == "delete_row":
        del lines[index]
    else:
        lines.append(lines[index])
    path.write_bytes("".join(lines).encode("utf-8"))


def _copy_from_repository(package: Path, op: dict[str, Any]) -> None:
    source = _path(ROOT, op)
    if not source.is_file():
        raise EditError(f"{op!r}: the checkout has no {op['file']}")
    shutil.copy2(source, _path(package, op))


_Operation = Callable[[Path, dict[str, Any]], None]

#: Every operation an edits.json may use.
OPERATIONS: dict[str, _Operation] = {
    "replace": _replace,
    "replace_bytes": _replace_bytes,
    "append": _append,
    "write_text": lambda package, op: _write(package, op, str(op["text"]).encode("utf-8")),
    "write_bytes": lambda package, op: _write(package, op, bytes.fromhex(op["hex"])),
    "prepend_bytes": _add_bytes,
    "append_bytes": _add_bytes,
    "delete": lambda package, op: _existing(package, op).unlink(),
    "symlink": _symlink,
    "json_set": lambda package, op: _json_edit(_existing(package, op), str(op["pointer"]), op.get("value"), False),
    "json_remove": lambda package, op: _json_edit(_existing(package, op), str(op["pointer"]), None, True),
    "delete_row": _row_edit,
    "duplicate_row": _row_edit,
    "copy_from_repository": _copy_from_repository,
}


def apply_edit(package: Path, op: dict[str, Any]) -> None:
    """Apply one operation to the package copy; raise :class:`EditError` if it cannot apply as written."""
    operation = OPERATIONS.get(str(op.get("op")))
    if operation is None:
        raise EditError(f"unknown operation {op.get('op')!r}")
    operation(package, op)


def apply_edits(package: Path, edits: Iterable[dict[str, Any]]) -> None:
    for op in edits:
        apply_edit(package, op)


def _problem_key(item: Any, where: Path) -> tuple[str, str, int | None, str | None]:
    if not isinstance(item, dict) or set(item) != {"code", "file", "line", "field"}:
        raise EditError(f"{where}: each problem is exactly {{code, file, line, field}}, not {item!r}")
    line, field = item["line"], item["field"]
    if not (line is None or isinstance(line, int)) or not (field is None or isinstance(field, str)):
        raise EditError(f"{where}: line is an integer or null, field a string or null: {item!r}")
    return (str(item["code"]), str(item["file"]), line, field)


def load_case(folder: Path) -> Case:
    """Read one case folder, checking its files have the documented shape."""
    edits = json.loads((folder / "edits.json").read_text(encoding="utf-8"))
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    readme = (folder / "README.md").read_text(encoding="utf-8").strip()
    if not isinstance(edits, list) or not all(isinstance(op, dict) for op in edits):
        raise EditError(f"{folder.name}/edits.json must be a list of operations")
    if not edits and "max_bytes" not in expected:
        raise EditError(f"{folder.name}/edits.json is empty: only a size-limit case may leave the package unchanged")
    allowed = {"exit", "problems", "max_bytes", "frictionless"}
    if not isinstance(expected, dict) or not set(expected) <= allowed or expected.get("exit") not in (1, 2):
        raise EditError(f"{folder.name}/expected.json: keys {sorted(allowed)}, exit 1 or 2")
    keys = [_problem_key(item, folder / "expected.json") for item in expected["problems"]]
    if not keys or len(set(keys)) != len(keys):
        raise EditError(f"{folder.name}/expected.json: problems must be a non-empty list without repeats")
    return Case(
        name=folder.name,
        folder=folder,
        edits=edits,
        exit=int(expected["exit"]),
        problems=frozenset(keys),
        max_bytes=expected.get("max_bytes"),
        frictionless=bool(expected.get("frictionless", False)),
        readme=readme,
    )


def case_folders(base: Path = INVALID) -> list[Path]:
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def load_cases(names: Sequence[str] | None = None) -> list[Case]:
    cases = [load_case(folder) for folder in case_folders()]
    return cases if names is None else [c for c in cases if c.name in names]


def build_case(case: Case, target: Path) -> Path:
    """A package copy at ``target`` with the case's edits applied."""
    package = copy_package(target)
    apply_edits(package, case.edits)
    return package
