"""The row schemas of :mod:`numclaims.batch.records` in each engine's own types.

The columns are declared once, as ``(name, arrow type)`` pairs; this module only translates.
pyarrow and pandas are imported when asked for, so the core library does not need them.
"""

from __future__ import annotations

from typing import Any

from numclaims.batch.records import FINDING_COLUMNS, MENTION_COLUMNS

Columns = tuple[tuple[str, str], ...]


def arrow_schema(columns: Columns = MENTION_COLUMNS) -> Any:
    """A ``pyarrow.Schema`` for ``columns``.

    >>> arrow_schema(FINDING_COLUMNS).field("documents").type
    ListType(list<item: string>)
    """
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(),
             "float64": pa.float64(), "list<string>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def pandas_dtypes(columns: Columns = MENTION_COLUMNS) -> dict[str, str]:
    """pandas dtypes for ``columns``: nullable integers and strings, object for lists.

    >>> pandas_dtypes()["equivalent_of"], pandas_dtypes()["value"]
    ('Int32', 'float64')
    """
    types = {"string": "string", "int32": "Int32", "int64": "Int64", "float64": "float64",
             "list<string>": "object"}
    return {name: types[kind] for name, kind in columns}


def empty_frame(columns: Columns = MENTION_COLUMNS) -> Any:
    """An empty ``pandas.DataFrame`` with the schema's columns and dtypes (Dask's ``meta``)."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in pandas_dtypes(columns).items()})


def to_frame(rows: list[dict[str, Any]], columns: Columns = MENTION_COLUMNS) -> Any:
    """Rows as a ``pandas.DataFrame`` with exactly the schema's columns and dtypes."""
    import pandas as pd

    if not rows:
        return empty_frame(columns)
    frame = pd.DataFrame.from_records(rows, columns=[name for name, _ in columns])
    return frame.astype(pandas_dtypes(columns))


__all__ = ["FINDING_COLUMNS", "MENTION_COLUMNS", "arrow_schema", "empty_frame", "pandas_dtypes", "to_frame"]
