"""Layer 1 of the gate: declared paths are safe, present, regular files; nothing undeclared in data/."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any

from summitdata.paths import DESCRIPTOR
from summitdata.validation.problems import Problem

#: Largest file the gate reads; bigger files are refused before parsing.
MAX_FILE_BYTES = 2 * 1024**3

_UNSAFE = re.compile(r"^(/|~|[A-Za-z]:|\\\\)|\$|://|(^|/)\.\.(/|$)|\\")


def declared_paths(descriptor: Any) -> list[str]:
    """Every resource path the descriptor declares (as written, possibly unsafe)."""
    paths: list[str] = []
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    for resource in resources if isinstance(resources, list) else []:
        path = resource.get("path") if isinstance(resource, dict) else None
        for item in path if isinstance(path, list) else [path]:
            if isinstance(item, str):
                paths.append(item)
    for key in ("jsonSchema",):
        for resource in resources if isinstance(resources, list) else []:
            if isinstance(resource, dict) and isinstance(resource.get(key), str):
                paths.append(resource[key])
    return paths


def _own_paths() -> set[str]:
    from summitdata import metadata
    from summitdata.resources import JSON_PATH, RESOURCES

    return {r.path for r in RESOURCES} | {JSON_PATH, metadata.ARTICLE_PATH, metadata.NOTES_PATH}


def check_files(root: Path, max_bytes: int, problems: list[Problem]) -> set[str]:
    """Check every declared path; return the ones safe to read."""
    try:
        descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()  # the descriptor layer reports it
    safe: set[str] = set()
    for path in declared_paths(descriptor):

        def report(code: str, message: str, hint: str, path: str = path) -> None:
            problems.append(Problem(DESCRIPTOR, None, "resources.path", code, message, hint, None, path))

        if _UNSAFE.search(path) or PurePosixPath(path).is_absolute():
            report(
                "unsafe-path",
                f"{path!r} is not a plain relative path inside the package",
                "use a relative path like data/people.csv (no /, ~, .., $VAR, backslashes or URLs)",
            )
            continue
        target = root / path
        if target.is_symlink():
            report("unsafe-path", f"{path} is a symbolic link", "replace the link with the file itself")
            continue
        if not target.exists():
            report(
                "file-missing", f"{path} is declared but does not exist", f"add {path} or remove it from the descriptor"
            )
            continue
        if not target.is_file():
            report("unsafe-path", f"{path} is not a regular file", "declare files only")
            continue
        if target.resolve().parent != root.resolve() and root.resolve() not in target.resolve().parents:
            report("unsafe-path", f"{path} resolves outside the package", "keep every file inside the package")
            continue
        size = target.stat().st_size
        if size > max_bytes:
            report(
                "file-too-large",
                f"{path} has {size:,} bytes, over the limit of {max_bytes:,}",
                "split the data or raise the limit with --max-bytes",
            )
            continue
        safe.add(path)
        if path.endswith(".csv") and size and _last_byte(target) != b"\n":
            # Both engines would read such a file alike; the dialect (and every generator) ends each row with LF.
            problems.append(
                Problem(
                    path,
                    None,
                    None,
                    "missing-final-line-end",
                    "the last line has no line end",
                    "end the file with a line end (LF), as the package's CSV dialect says",
                )
            )
    data = root / "data"
    if data.is_dir():
        # The package's own files are never "undeclared": if the descriptor lost or mangled their
        # path, that is reported above, and "remove it" would be the wrong advice.
        declared = set(declared_paths(descriptor)) | _own_paths()
        for file in sorted(p for p in data.rglob("*") if p.is_file() or p.is_symlink()):
            relative = file.relative_to(root).as_posix()
            if relative not in declared:
                problems.append(
                    Problem(
                        relative,
                        None,
                        None,
                        "undeclared-file",
                        "the file is in data/ but no resource declares it",
                        "remove it, or add a resource for it to the models and run `summitdata generate`",
                    )
                )
    return safe


def _last_byte(path: Path) -> bytes:
    with path.open("rb") as file:
        file.seek(-1, 2)
        return file.read(1)
