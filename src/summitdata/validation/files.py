"""Layer 1 of the gate: declared paths are safe, present, regular files; nothing undeclared in data/."""

from __future__ import annotations

import os
import posixpath
import re
import stat
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from summitdata.paths import DESCRIPTOR
from summitdata.validation.problems import Problem

#: Largest file the gate reads; bigger files are refused before parsing.
MAX_FILE_BYTES = 2 * 1024**3

_UNSAFE = re.compile(r"^(/|~|[A-Za-z]:|\\\\)|\$|://|(^|/)\.\.(/|$)|\\")


class RefusedFileError(ValueError):
    """A file the gate will not open (link, not a regular file, outside the package, over the limit)."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint

    def problem(self, path: str) -> Problem:
        """The problem that reports this refusal of the file at ``path``."""
        return Problem(path, None, None, self.code, self.message, self.hint)


def _canonical(path: str) -> bool:
    """Whether a relative path is written in its one normal form (no ./, //, trailing /)."""
    return posixpath.normpath(path) == path and not path.endswith("/")


def refusal(root: Path, path: str, max_bytes: int) -> RefusedFileError | None:  # noqa: PLR0911  # one return per reason, in the order checked
    """Why the file at ``path`` (relative to ``root``) must not be opened, or None when it may be.

    Decided from ``lstat`` alone: a link, a device, a FIFO or an oversized file is never opened.
    """
    if not path or not path.isprintable() or _UNSAFE.search(path) or PurePosixPath(path).is_absolute():
        refused = True
    else:
        refused = not _canonical(path)
    if refused:
        return RefusedFileError(
            "unsafe-path",
            f"{path!r} is not a plain relative path inside the package",
            "use a relative path like data/people.csv (no /, ~, .., ./, //, $VAR, backslashes, URLs or controls)",
        )
    target = root / path
    try:
        info = target.lstat()
    except FileNotFoundError:
        return RefusedFileError("file-missing", f"{path} does not exist", f"add {path}")
    except (OSError, ValueError) as exc:  # e.g. a parent that is a file, a name too long
        reason = getattr(exc, "strerror", None) or str(exc)
        return RefusedFileError("unsafe-path", f"{path} cannot be examined ({reason})", "declare files only")
    if stat.S_ISLNK(info.st_mode):
        return RefusedFileError("unsafe-path", f"{path} is a symbolic link", "replace the link with the file itself")
    if not stat.S_ISREG(info.st_mode):
        return RefusedFileError("unsafe-path", f"{path} is not a regular file", "declare files only")
    try:
        inside = target.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        return RefusedFileError(
            "unsafe-path", f"{path} resolves outside the package", "keep every file inside the package"
        )
    if info.st_size > max_bytes:
        return RefusedFileError(
            "file-too-large",
            f"{path} has {info.st_size:,} bytes, over the limit of {max_bytes:,}",
            "split the data or raise the limit with --max-bytes",
        )
    return None


def open_limited(root: Path, path: str, max_bytes: int) -> BinaryIO:
    """A package file opened for reading, after :func:`refusal` cleared it.

    Raises :class:`RefusedFileError` instead of opening anything unsafe. The file is opened
    without following links and without blocking, and must still be a regular file once open.
    Whoever reads it reads no more than ``max_bytes`` (see :func:`read_limited`), so a file
    swapped or grown after the check is still refused.
    """
    refused = refusal(root, path, max_bytes)
    if refused is not None:
        raise refused
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(root / path, flags)
    except OSError as exc:
        raise RefusedFileError(
            "unsafe-path", f"{path} cannot be opened ({exc.strerror})", "declare files only"
        ) from None
    try:
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
        if regular:
            return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    os.close(descriptor)
    raise RefusedFileError("unsafe-path", f"{path} is not a regular file", "declare files only")


def read_limited(root: Path, path: str, max_bytes: int) -> bytes:
    """The bytes of a package file, after :func:`refusal` cleared it; never more than ``max_bytes``.

    Raises :class:`RefusedFileError` instead of opening anything unsafe (see :func:`open_limited`),
    and read up to the limit only.
    """
    with open_limited(root, path, max_bytes) as file:
        return read_opened(file, path, max_bytes)


def read_opened(file: BinaryIO, path: str, max_bytes: int) -> bytes:
    """The bytes of a file :func:`open_limited` opened, from its start; never more than ``max_bytes``.

    Raises :class:`RefusedFileError` (``file-too-large``) for a file that grew past the limit.
    """
    file.seek(0)
    data = _read_at_most(file, max_bytes + 1, os.fstat(file.fileno()).st_size)
    if len(data) > max_bytes:
        raise RefusedFileError(
            "file-too-large",
            f"{path} has more than {max_bytes:,} bytes, the limit",
            "split the data or raise the limit with --max-bytes",
        )
    return data


#: Read in pieces of this size past the size the file had when opened.
GROWTH_CHUNK_BYTES = 1024**2


def _read_at_most(file: BinaryIO, limit: int, size: int) -> bytes:
    """Up to ``limit`` bytes of ``file``, whose size was ``size`` when opened.

    ``file.read(limit)`` would reserve ``limit`` bytes before reading (2 GiB by default), which
    fails where address space is capped (``ulimit -v``) however small the file: so the file's
    own size is read at once, and only a file that grew since is read on, a piece at a time.
    """
    data = file.read(min(size, limit))
    pieces = [data]
    total = len(data)
    while total < limit and (piece := file.read(min(GROWTH_CHUNK_BYTES, limit - total))):
        pieces.append(piece)
        total += len(piece)
    return data if len(pieces) == 1 else b"".join(pieces)


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


def _files_under(root: Path, folder: str) -> list[str]:
    """Every entry under ``folder`` that is not a directory (links included, never followed), as relative paths.

    Iterative, so a directory nested thousands deep cannot exhaust the recursion limit.
    """
    found: list[str] = []
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(root / current) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            relative = f"{current}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                stack.append(relative)
            else:
                found.append(relative)
    return found


def _check_undeclared(root: Path, declared: list[str], problems: list[Problem]) -> None:
    """Nothing in data/ that no resource declares (the package's own files never count as undeclared)."""
    data = root / "data"
    if data.is_symlink():
        # Its files would be read through the link, and walking it could mean walking any folder.
        problems.append(
            Problem(
                "data",
                None,
                None,
                "unsafe-path",
                "data is a symbolic link",
                "replace the link with the folder itself",
            )
        )
    elif data.is_dir():
        # The package's own files are never "undeclared": if the descriptor lost or mangled their
        # path, check_files reports that, and "remove it" would be the wrong advice.
        known = set(declared) | _own_paths()
        for relative in sorted(_files_under(root, "data")):
            if relative not in known:
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


def check_files(root: Path, max_bytes: int, problems: list[Problem], descriptor: Any = None) -> set[str]:
    """Check every declared path, and the package's own tables; return the ones safe to read.

    A table the models define is checked even when the descriptor lost or mangled its path
    (e.g. ``data/./people.csv``), so no table goes unchecked.
    """
    safe: set[str] = set()
    declared = declared_paths(descriptor)
    for path in declared:

        def report(code: str, message: str, hint: str, path: str = path) -> None:
            problems.append(Problem(DESCRIPTOR, None, "resources.path", code, message, hint, None, path))

        refused = refusal(root, path, max_bytes)
        if refused is None:
            safe.add(path)
        elif refused.code == "file-missing":
            report(
                "file-missing", f"{path} is declared but does not exist", f"add {path} or remove it from the descriptor"
            )
        else:
            report(refused.code, refused.message, refused.hint)
    from summitdata.resources import RESOURCES

    for resource in RESOURCES:
        if resource.path in declared:
            continue
        refused = refusal(root, resource.path, max_bytes)
        if refused is None:
            safe.add(resource.path)
        elif refused.code == "file-missing":
            problems.append(
                Problem(
                    resource.path,
                    None,
                    None,
                    "file-missing",
                    "the file does not exist",
                    f"restore {resource.path} from the repository",
                    resource.name,
                )
            )
        else:
            problems.append(
                Problem(resource.path, None, None, refused.code, refused.message, refused.hint, resource.name)
            )
    for path in sorted(p for p in safe if p.endswith(".csv")):
        target = root / path
        if target.stat().st_size and _last_byte(target) != b"\n":
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
    _check_undeclared(root, declared, problems)
    return safe


def _last_byte(path: Path) -> bytes:
    with path.open("rb") as file:
        file.seek(-1, 2)
        return file.read(1)
