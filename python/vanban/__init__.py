"""vanban: citations of Vietnamese Communist Party and state documents, and the structure of reports.

>>> import vanban
>>> [c] = vanban.extract_citations("Nghị quyết số 04-NQ/TW ngày 30-10-2016")
>>> c.number, c.symbol, c.date
(4, 'NQ/TW', '2016-10-30')
"""

from __future__ import annotations

from vanban._corpus import Corpus, resolve_many
from vanban._pandas import to_pandas, to_polars
from vanban import _vanban
from vanban._vanban import (
    Citation,
    DocNumber,
    Node,
    ParseError,
    Report,
    __version__,
    annotate,
    decode,
    extract_citations_arrow,
    extract_citations_many,
    parse_citation,
    parse_number,
    parse_reports,
    parse_reports_arrow,
)


def extract_citations(
    text: str | bytes, *, input: str = "text", encoding: str | None = None, references: bool = False
) -> list[Citation]:
    """Every citation in `text`, in order of position.

    `input="html"` reads a web page (its text in reading order); bytes need `encoding=` (`"auto"`
    detects UTF-8, UTF-16, TCVN3, VNI, VISCII or CP1258). Citations read that way carry
    `src_start`/`src_end` (indices into the object passed) and `encoding` (docs/input.md).
    Every citation carries its document key (`doc_key`, docs/resolution.md); `references=True`
    (plain text only) also reports `Nghị quyết này`, `Chỉ thị trên`, `văn bản này`.
    """
    if input == "text" and encoding is None:
        return _vanban.extract_citations(text, references=references)  # type: ignore[arg-type]
    if references:
        raise ValueError("references=True reads plain text only (input='text', no encoding)")
    return _vanban._from_input("citations", text, input, encoding or "auto")


def parse_report(text: str | bytes, *, input: str = "text", encoding: str | None = None) -> Report:
    """Parse the structure of one text (news article or formal document); `input=` and `encoding=`
    as for `extract_citations`. A page's report has the page's text as `source`."""
    if input == "text" and encoding is None:
        return _vanban.parse_report(text)  # type: ignore[arg-type]
    return _vanban._from_input("report", text, input, encoding or "auto")

__all__ = [
    "Citation",
    "Corpus",
    "DocNumber",
    "Node",
    "ParseError",
    "Report",
    "__version__",
    "annotate",
    "decode",
    "extract_citations",
    "extract_citations_arrow",
    "extract_citations_many",
    "parse_citation",
    "parse_number",
    "parse_report",
    "parse_reports",
    "parse_reports_arrow",
    "resolve_many",
    "to_pandas",
    "to_polars",
]
