"""`vanban.to_pandas`: citations as a pandas DataFrame (pandas is imported only when called)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    from vanban._vanban import Citation

# Column order of an empty frame; otherwise the keys of `Citation.to_dict()` (the CLI's JSON) are used.
_COLUMNS = (
    "text", "start", "end", "byte_start", "byte_end", "kind", "doc_type", "number", "type_code",
    "issuer_code", "symbol", "year", "date", "issuer", "term", "plenum", "congress", "subject", "short",
    "title", "pinpoint", "relation",
    "doc_key", "doc_key_scope", "resolution", "candidates", "doc_title", "doc_date",
)  # fmt: skip


def to_pandas(citations: Iterable[Citation] | Iterable[Iterable[Citation]]) -> pd.DataFrame:
    """One row per citation, one column per `to_dict()` key.

    Accepts the result of `extract_citations` (a list of citations) or of `extract_citations_many`
    (a list of lists); for the latter a leading `doc` column holds the index of the source text.
    Raises `ImportError` with an install hint when pandas is missing.
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised only without pandas
        raise ImportError("vanban.to_pandas needs pandas: pip install pandas") from e

    rows: list[dict[str, Any]] = []
    nested = False
    for i, item in enumerate(citations):
        if hasattr(item, "to_dict"):
            rows.append(item.to_dict())
        elif isinstance(item, Iterable) and not isinstance(item, (str, bytes)):
            nested = True
            rows.extend({"doc": i, **c.to_dict()} for c in item)
        else:
            raise TypeError(f"expected Citation objects or lists of them, got {type(item).__name__}")
    columns = list(rows[0]) if rows else (["doc"] if nested else []) + list(_COLUMNS)
    frame = pd.DataFrame.from_records(rows, columns=columns)
    # Integers that may be missing stay integers (not float64 with NaN).
    for name in ("number", "year", "term", "plenum", "congress"):
        if name in frame.columns:
            frame[name] = frame[name].astype("Int64")
    return frame
