"""`vanban.resolve_many` and `Corpus`: a whole archive's cited documents and citation edges.

The graph is built in Rust (`vanban_resolve::Graph`); this module turns it into pandas
DataFrames and a notebook view. Keys follow docs/resolution.md: text-scoped keys end in the
citing text's fingerprint, so they never merge documents of two texts.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from vanban._vanban import _resolve_many

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    from vanban._vanban import _Graph

_DOC_COLUMNS = ("key", "scope", "title", "doc_type", "issuer", "date", "mentions", "files", "citing_files")
_EDGE_COLUMNS = ("file", "key", "scope", "relation", "mentions", "first_start", "published")


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised only without pandas
        raise ImportError("Corpus DataFrames need pandas: pip install pandas") from e
    return pd.DataFrame.from_records(rows, columns=list(columns))


class Corpus:
    """The documents a set of texts cites, and which text cites which.

    Made by `resolve_many`. `documents()` and `edges()` are pandas DataFrames; in a notebook the
    corpus shows its most-cited documents and a timeline of mentions per year of the citing texts.
    """

    __slots__ = ("_graph",)

    def __init__(self, graph: _Graph) -> None:
        self._graph = graph

    def documents(self) -> pd.DataFrame:
        """One row per cited document, most cited first: key, scope, title, doc_type, issuer,
        date, mentions, files (texts citing it) and citing_files (their names)."""
        return _frame(self._graph.documents(), _DOC_COLUMNS)

    def edges(self) -> pd.DataFrame:
        """One row per citing text and cited document: file, key, scope, relation, mentions,
        first_start (character offset of the first mention) and published (the text's date)."""
        return _frame(self._graph.edges(), _EDGE_COLUMNS)

    def mentions_per_year(self, key: str | None = None) -> dict[int, int]:
        """Mentions per year of the citing texts (texts without a date left out), for one
        document or for all."""
        return dict(self._graph.mentions_per_year(key))

    @property
    def unresolved(self) -> int:
        """Citations that got no key (ambiguous, or nothing identified them)."""
        return self._graph.unresolved

    def __len__(self) -> int:
        return len(self._graph.documents())

    def __repr__(self) -> str:
        docs = self._graph.documents()
        mentions = sum(d["mentions"] for d in docs)
        return f"Corpus({len(docs)} documents, {mentions} mentions, {self.unresolved} unresolved)"

    def _repr_html_(self, top: int = 12) -> str:
        docs = self._graph.documents()
        if not docs:
            return "<div class='vanban-corpus'><em>No cited documents.</em></div>"
        most = max(d["mentions"] for d in docs[:top])
        rows = []
        for d in docs[:top]:
            width = max(2, round(160 * d["mentions"] / most))
            title = html.escape((d["title"] or "")[:90])
            key = html.escape(d["key"].split("#")[0] + (" (this text)" if d["scope"] == "text" else ""))
            rows.append(
                "<tr>"
                f"<td style='text-align:right;padding-right:6px'>{d['mentions']}</td>"
                f"<td><div style='background:#4a78b5;height:10px;width:{width}px'></div></td>"
                f"<td style='padding-left:6px;white-space:nowrap'><code>{key}</code></td>"
                f"<td style='padding-left:6px;color:#555'>{title}</td>"
                "</tr>"
            )
        return (
            "<div class='vanban-corpus'>"
            f"<p><b>{len(docs)}</b> documents, <b>{sum(d['mentions'] for d in docs)}</b> mentions"
            f" ({self.unresolved} without a key)</p>"
            "<table style='border-collapse:collapse;font-size:90%'>" + "".join(rows) + "</table>"
            + _timeline(self.mentions_per_year())
            + "</div>"
        )


def _timeline(per_year: dict[int, int]) -> str:
    """A small inline SVG bar chart of mentions per year."""
    if not per_year:
        return "<p style='color:#777'>No dated texts: no timeline.</p>"
    years = list(range(min(per_year), max(per_year) + 1))
    most = max(per_year.values())
    bar, gap, height = 18, 4, 60
    width = len(years) * (bar + gap)
    parts = []
    for i, y in enumerate(years):
        n = per_year.get(y, 0)
        h = round(height * n / most)
        x = i * (bar + gap)
        parts.append(
            f"<rect x='{x}' y='{height - h}' width='{bar}' height='{h}' fill='#4a78b5'>"
            f"<title>{y}: {n} mentions</title></rect>"
            f"<text x='{x + bar / 2}' y='{height + 12}' font-size='9' text-anchor='middle'>{y % 100:02d}</text>"
        )
    return (
        "<p style='margin-bottom:2px'>Mentions per year of the citing texts</p>"
        f"<svg width='{width}' height='{height + 16}' role='img' aria-label='mentions per year'>"
        + "".join(parts)
        + "</svg>"
    )


def resolve_many(
    texts: Iterable[str],
    *,
    names: Sequence[str] | None = None,
    dates: Sequence[str | None] | None = None,
    threads: int | None = None,
    references: bool = False,
) -> Corpus:
    """Resolve every text's citations and gather them into a `Corpus`.

    `names` label the texts (default: their indexes as strings); `dates` are their ISO
    publication dates (default: each text's own timestamp or header date, read with
    `parse_report`). Runs in parallel with the interpreter released (`threads` as in
    `extract_citations_many`).
    """
    graph = _resolve_many(
        texts,
        names=list(names) if names is not None else None,
        dates=list(dates) if dates is not None else None,
        threads=threads,
        references=references,
    )
    return Corpus(graph)
