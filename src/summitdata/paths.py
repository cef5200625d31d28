"""Where the package's data lives: inside an installed wheel, or in the checkout."""

from __future__ import annotations

from pathlib import Path

DESCRIPTOR = "datapackage.json"

_HERE = Path(__file__).resolve().parent


def bundled_root() -> Path:
    """The data shipped with the installed package.

    A wheel carries it in ``summitdata/_package``; an editable install reads the
    checkout, two levels above ``src/summitdata``.
    """
    bundled = _HERE / "_package"
    if (bundled / DESCRIPTOR).is_file():
        return bundled
    checkout = _HERE.parent.parent
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise FileNotFoundError(f"no {DESCRIPTOR} found in {bundled} or {checkout}: the installation is incomplete")


def checkout_root() -> Path:
    """The repository checkout this module runs from (for ``generate``)."""
    checkout = _HERE.parent.parent
    if not (checkout / "pyproject.toml").is_file():
        raise FileNotFoundError("summitdata generate runs from a checkout of the repository, not an installed wheel")
    return checkout


def find_package(start: Path) -> Path | None:
    """The data package ``start`` is in: the nearest of it and its parents that holds a descriptor."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / DESCRIPTOR).is_file():
            return folder
    return None


def default_package(cwd: Path | None = None) -> Path:
    """The package a command works on when none is named: the one the working directory is in, else the bundled data."""
    return find_package(Path.cwd() if cwd is None else cwd) or bundled_root()


class NotAPackageError(ValueError):
    """A folder named as the package holds no ``datapackage.json``."""

    def __init__(self, folder: Path, problem: str | None = None) -> None:
        self.folder = folder
        if problem is not None:
            super().__init__(f"{folder} {problem}")
            return
        parent = find_package(folder.parent) if folder.is_dir() else None
        if not folder.exists():
            advice = "check the path"
            what = "does not exist"
        elif not folder.is_dir():
            what, advice = "is a file, not a folder", "name the folder that holds datapackage.json"
        else:
            what = "is not a data package: it has no datapackage.json"
            advice = (
                f"the package is {parent}; name that folder"
                if parent is not None
                else "name the folder that holds datapackage.json"
            )
        super().__init__(f"{folder} {what} — {advice}")


def package_root(folder: Path) -> Path:
    """``folder`` when it is a package; otherwise NotAPackageError saying what to name instead."""
    if not (folder / DESCRIPTOR).is_file():
        raise NotAPackageError(folder)
    return folder
