"""The site's downloads: every other export, written by its own exporter, plus the package and its citation."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from summitdata.dataset import Dataset
from summitdata.export._tables import Progress
from summitdata.paths import DESCRIPTOR

DOWNLOADS = "downloads"
PACKAGE = "package"
CITATION_FILE = "CITATION.cff"


@dataclass
class Download:
    """One export as written into the site: its format, summary and files (relative to the site)."""

    name: str
    summary: str
    files: list[str]
    #: For formats with one file per table: table name → that file.
    per_table: dict[str, str] = field(default_factory=dict)
    #: For a folder of files: all of them in one zip, for a single click.
    archive: str | None = None


def write_downloads(ds: Dataset, site: Path, progress: Progress, formats: tuple[str, ...]) -> list[Download]:
    """Write the package copy, the citation and each format in ``formats`` under ``site/downloads``."""
    from summitdata.export import FORMATS

    root = site / DOWNLOADS
    root.mkdir(parents=True, exist_ok=True)
    downloads = [_package_copy(ds, root, site)]
    citation = ds.root / CITATION_FILE
    if citation.is_file():  # a checkout has it; an installed wheel does not
        shutil.copy2(citation, root / CITATION_FILE)
        downloads.append(Download("citation", "Citation File Format", [f"{DOWNLOADS}/{CITATION_FILE}"]))
    for name in formats:
        fmt = FORMATS[name]
        written = fmt.write(ds, root / fmt.default_out, progress)
        files = [path.relative_to(site).as_posix() for path in written]
        per_table = {Path(f).stem: f for f in files} if fmt.target == "directory" else {}
        archive = _zip(root / fmt.default_out, site) if fmt.target == "directory" else None
        downloads.append(Download(name, fmt.summary, files, per_table, archive))
    return downloads


def _zip(folder: Path, site: Path) -> str:
    """``folder`` as ``folder.zip`` beside it (a static host cannot offer a folder); its path in the site."""
    target = folder.with_name(f"{folder.name}.zip")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, Path(folder.name, path.relative_to(folder)).as_posix())
    return target.relative_to(site).as_posix()


def _package_copy(ds: Dataset, root: Path, site: Path) -> Download:
    """The data package itself: descriptor, CSVs, nested JSON and the stored sources, as released."""
    target = root / PACKAGE
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ds.root / "data", target / "data")
    shutil.copy2(ds.root / DESCRIPTOR, target / DESCRIPTOR)
    csvs = sorted(target.glob("data/*.csv"))
    files = [(target / DESCRIPTOR).relative_to(site).as_posix()] + [p.relative_to(site).as_posix() for p in csvs]
    return Download(
        "csv",
        "the data package: datapackage.json and the plain UTF-8 CSVs (with data/ and its stored sources)",
        files,
        {p.stem: p.relative_to(site).as_posix() for p in csvs},
        _zip(target, site),
    )
