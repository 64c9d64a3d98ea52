"""`vanban.to_pandas` and `vanban.to_polars`: citations as data frames (imported only when called)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    import polars as pl  # type: ignore[import-not-found,unused-ignore]

# Columns of an empty result; otherwise the keys of `Citation.to_dict()` (the CLI's JSON) are used.
_COLUMNS = (
    "text", "start", "end", "byte_start", "byte_end", "kind", "doc_type", "number", "type_code",
    "issuer_code", "symbol", "year", "date", "issuer", "term", "plenum", "congress", "subject", "short",
    "title", "pinpoint", "relation",
    "doc_key", "doc_key_scope", "resolution", "candidates", "doc_title", "doc_date",
)  # fmt: skip


def _rows(citations: Any, what: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows and column names of a list of citations or of a list of lists of them."""
    from vanban._vanban import Citation, Report

    if isinstance(citations, Report):
        raise TypeError(
            f"{what} takes citations (extract_citations or extract_citations_many), not a "
            f"{type(citations).__name__}: use report.citations, or parse_reports_arrow for every part"
        )
    rows: list[dict[str, Any]] = []
    nested = False
    for i, item in enumerate(citations):
        if isinstance(item, Report):
            raise TypeError(f"{what} cannot tabulate a Report: pass report.citations, or use parse_reports_arrow")
        if isinstance(item, Citation):
            rows.append(item.to_dict())
        elif isinstance(item, Iterable) and not isinstance(item, (str, bytes)):
            nested = True
            rows.extend({"doc": i, **c.to_dict()} for c in item)
        else:
            raise TypeError(f"expected Citation objects or lists of them, got {type(item).__name__}")
    columns = list(rows[0]) if rows else (["doc"] if nested else []) + list(_COLUMNS)
    return rows, columns


def to_pandas(citations: Any) -> pd.DataFrame:
    """One row per citation, one column per `to_dict()` key.

    Accepts the result of `extract_citations` (a list of citations), of `extract_citations_many`
    (a list of lists; a leading `doc` column holds the index of the source text) or of
    `extract_citations_arrow` (a `pyarrow.Table`). A `Report` raises `TypeError` (tabulate
    `report.citations`, or use `parse_reports_arrow`). Raises `ImportError` when pandas is missing.
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised only without pandas
        raise ImportError("vanban.to_pandas needs pandas: pip install pandas") from e

    if _is_arrow_table(citations):
        import pyarrow as pa

        # Integer columns that may hold nulls stay integers (not float64 with NaN).
        return citations.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    rows, columns = _rows(citations, "to_pandas")
    frame = pd.DataFrame.from_records(rows, columns=columns)
    # Integers that may be missing stay integers (not float64 with NaN).
    for name in ("number", "year", "term", "plenum", "congress"):
        if name in frame.columns:
            frame[name] = frame[name].astype("Int64")
    return frame


def to_polars(citations: Any) -> pl.DataFrame:
    """`to_pandas` for polars: the same rows and columns as a `polars.DataFrame`.

    A `pyarrow.Table` from `extract_citations_arrow` is converted without copying strings.
    """
    try:
        import polars as pl
    except ImportError as e:  # pragma: no cover - exercised only without polars
        raise ImportError("vanban.to_polars needs polars: pip install polars") from e

    if _is_arrow_table(citations):
        return pl.from_arrow(citations)  # type: ignore[return-value]
    rows, columns = _rows(citations, "to_polars")
    # Types from the values, with every row seen (a column null in the first rows stays typed).
    frame = pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()
    missing = [c for c in columns if c not in frame.columns]
    return frame.with_columns(pl.lit(None).alias(c) for c in missing).select(columns)


def _is_arrow_table(obj: Any) -> bool:
    return type(obj).__module__.startswith("pyarrow") and type(obj).__name__ == "Table"
