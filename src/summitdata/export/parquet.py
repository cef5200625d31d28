"""``summitdata export parquet OUT_DIR``: one Parquet file per table, typed from the Table Schemas.

Columns get the Arrow type of their Table Schema type and are nullable unless required.
Partial dates stay strings: ``2024-06`` is a month, and no Arrow date type says so; beside
each, its first and last possible day are ``date32`` columns, for sorting and filtering. Each
field carries its description in its metadata, and each file the package's metadata
(title, version, licence, citation) and its resource's descriptor entry, so the file
explains itself in pyarrow, DuckDB or any Parquet reader.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summitdata import metadata
from summitdata.dataset import Dataset
from summitdata.export._tables import LICENCE_NOTE, ExportTable, Progress, citation, is_date, write_per_table

#: The schema-level metadata key holding the package and resource description (JSON).
METADATA_KEY = "summitdata"


def arrow_schema(table: ExportTable, version: str) -> Any:
    """The Arrow schema of one table, from its Table Schema."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    fields = []
    for field in table.fields:
        field_metadata = {"description": field["description"], "title": field["title"]}
        if is_date(field):
            field_metadata["format"] = "ISO 8601 partial date: YYYY, YYYY-MM or YYYY-MM-DD"
        fields.append(
            pa.field(field["name"], types[field["type"]], nullable=field["name"] not in table.required).with_metadata(
                field_metadata
            )
        )
    licence = metadata.DATA_LICENSE
    package = {
        "title": metadata.TITLE,
        "version": version,
        "licenses": [licence],
        "licence_note": LICENCE_NOTE,
        "citation": citation(version),
        "homepage": metadata.HOMEPAGE,
        "resource": table.resource,
    }
    return pa.schema(
        fields,
        metadata={
            METADATA_KEY: json.dumps(package, ensure_ascii=False),
            "title": table.title,
            "description": table.description,
            "license": f"{licence['title']} ({licence['name']})",
        },
    )


def arrow_table(table: ExportTable, version: str) -> Any:
    import pyarrow as pa

    schema = arrow_schema(table, version)
    columns = [[row[i] for row in table.rows] for i in range(len(table.columns))]
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema, strict=True)], schema=schema)


def write(ds: Dataset, out: Path, progress: Progress) -> list[Path]:
    import pyarrow.parquet as pq

    def write_one(table: ExportTable, path: Path) -> None:
        pq.write_table(arrow_table(table, ds.version), path, compression="zstd")

    return write_per_table(ds, out, progress, fmt="parquet", suffix=".parquet", write_one=write_one)
