"""vanban on Dask: citations and report parts of a Dask Series (or Bag) of texts, partition by
partition on the workers, as Dask DataFrames in the long format of `extract_citations_arrow`.

>>> import dask.dataframe as dd, pandas as pd, vanban.dask
>>> texts = dd.from_pandas(pd.Series(["Nghị quyết số 04-NQ/TW", "Chỉ thị 05"]), npartitions=2)
>>> vanban.dask.extract_citations(texts).compute()[["doc", "symbol"]].values.tolist()
[[0, 'NQ/TW'], [1, None]]

`doc` is the value of the series' index for the text (for a Bag, the text's position). Needs
`dask[dataframe]` (and pyarrow); import this module explicitly (`import vanban.dask`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vanban._vanban import extract_citations_arrow, parse_reports_arrow

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag as db  # type: ignore[import-not-found,unused-ignore]
    import dask.dataframe as dd  # type: ignore[import-not-found,unused-ignore]
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

__all__ = ["REPORT_TABLES", "extract_citations", "parse_reports"]

#: The tables `parse_reports` can return (the keys of `vanban.parse_reports_arrow`).
REPORT_TABLES = ("reports", "citations", "paragraphs", "items", "people", "sections")


def _frame(table: Any, index: Any) -> pd.DataFrame:
    """A pyarrow table of one partition as pandas, `doc` mapped to the partition's index values."""
    import pandas as pd
    import pyarrow as pa

    frame = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    frame["doc"] = index.take(table.column("doc").to_numpy())
    return frame


def _texts(part: pd.Series) -> list[str]:
    # A list, not the partition's Arrow buffers: distributed hands workers zero-copy frames whose
    # offsets need not be 8-byte aligned, which arrow-rs's C-data import does not accept.
    return ["" if t is None or t != t else t for t in part.tolist()]  # None / NaN: empty texts


def _citations_partition(part: pd.Series, threads: int | None) -> pd.DataFrame:
    return _frame(extract_citations_arrow(_texts(part), threads=threads), part.index)


def _reports_partition(part: pd.Series, table: str, threads: int | None) -> pd.DataFrame:
    return _frame(parse_reports_arrow(_texts(part), threads=threads)[table], part.index)


def _series(texts: dd.Series | db.Bag) -> dd.Series:
    """A Bag as a Series indexed by position (its partition lengths are computed first)."""
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from dask import delayed

    if not isinstance(texts, db.Bag):
        return texts
    lengths = texts.map_partitions(lambda p: [sum(1 for _ in p)]).compute()
    starts = [sum(lengths[:i]) for i in range(len(lengths))]

    def part(items: list[str], start: int) -> pd.Series:
        items = list(items)
        return pd.Series(items, index=pd.RangeIndex(start, start + len(items)), dtype=object)

    parts = [delayed(part)(p, s) for p, s in zip(texts.to_delayed(), starts)]
    return dd.from_delayed(parts, meta=pd.Series([], dtype=object), verify_meta=False)


def extract_citations(texts: dd.Series | db.Bag, *, threads: int | None = 1) -> dd.DataFrame:
    """Every citation of every text: `doc` (the text's index) and the citation's keys.

    Each partition runs `vanban.extract_citations_arrow` on its worker; `threads` is per worker
    (1 by default: Dask already runs a task per core).
    """
    series = _series(texts)
    meta = _citations_partition(series._meta, threads)
    return series.map_partitions(_citations_partition, threads, meta=meta)


def parse_reports(texts: dd.Series | db.Bag, table: str = "reports", *, threads: int | None = 1) -> dd.DataFrame:
    """One table of `vanban.parse_reports_arrow` (`reports`, `citations`, `paragraphs`, `items`,
    `people` or `sections`) over every text, computed partition by partition on the workers."""
    if table not in REPORT_TABLES:
        raise ValueError(f"table must be one of {', '.join(REPORT_TABLES)}, not {table!r}")
    series = _series(texts)
    meta = _reports_partition(series._meta, table, threads)
    return series.map_partitions(_reports_partition, table, threads, meta=meta)
