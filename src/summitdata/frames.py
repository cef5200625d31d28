"""Typed pandas DataFrames of every table (the ``pandas`` extra): ``summitdata.frames()`` / ``ds.to_pandas()``.

Dtypes come from the Table Schemas (themselves generated from the models), so no column is
guessed from its values: text is pandas' ``string`` dtype even in a column with no value
(where ``read_csv`` would guess float64), a column limited to codes is a categorical with
every allowed code as a category, integers are nullable ``Int64``, and the typed date bounds
are ``datetime64[s]`` (pandas' date type) beside the partial-date text they are derived
from. pandas is imported only here, only when called: ``import summitdata`` never loads it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from summitdata.dataset import Dataset

if TYPE_CHECKING:
    import pandas as pd

    from summitdata.export._tables import ExportTable

#: What pandas needs, for the error message when the extra is missing.
EXTRA = "pip install 'summitdata[pandas]'"


def _midnight(value: object) -> dt.datetime | None:
    """A date bound as the datetime pandas stores for a date (its midnight)."""
    if value is None:
        return None
    if not isinstance(value, dt.date):
        raise TypeError(f"a date column holds {value!r}")
    return dt.datetime.combine(value, dt.time())


def _series(table: ExportTable, index: int, field: dict[str, Any]) -> pd.Series:
    import pandas as pd

    values = [row[index] for row in table.rows]
    name = field["name"]
    enum = field.get("constraints", {}).get("enum")
    if field["type"] == "date":
        days = [_midnight(value) for value in values]
        return pd.Series(pd.array(days, dtype="datetime64[s]"), name=name)
    if enum is not None:
        return pd.Series(pd.Categorical(values, categories=[str(code) for code in enum]), name=name)
    if field["type"] == "integer":
        return pd.Series(pd.array(values, dtype="Int64"), name=name)
    if field["type"] == "boolean":
        return pd.Series(pd.array(values, dtype="boolean"), name=name)
    return pd.Series(pd.array(values, dtype=pd.StringDtype()), name=name)


def frames(ds: Dataset | None = None) -> dict[str, pd.DataFrame]:
    """Every table as a typed DataFrame, in package order, keyed by resource name.

    ``ds`` defaults to the data shipped with the package (:func:`summitdata.load`).
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(f"summitdata.frames() needs pandas: {EXTRA}") from None
    if ds is None:
        from summitdata.loader import load

        ds = load()
    # Imported here: `import summitdata` imports this module for its one name, and the export
    # tables bring the descriptor and Table Schema builders, which loading never needs.
    from summitdata.export._tables import export_tables

    result: dict[str, pd.DataFrame] = {}
    for table in export_tables(ds):
        columns = [_series(table, index, field) for index, field in enumerate(table.fields)]
        frame = pd.concat(columns, axis=1) if columns else pd.DataFrame()
        frame.attrs["title"] = table.title
        frame.attrs["description"] = table.description
        frame.attrs["descriptions"] = {field["name"]: field["description"] for field in table.fields}
        result[table.name] = frame
    return result
