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
