"""vanban: citations of Vietnamese Communist Party and state documents, and the structure of reports.

>>> import vanban
>>> [c] = vanban.extract_citations("Nghị quyết số 04-NQ/TW ngày 30-10-2016")
>>> c.number, c.symbol, c.date
(4, 'NQ/TW', '2016-10-30')
"""

from __future__ import annotations

from vanban._pandas import to_pandas
from vanban._vanban import (
    Citation,
    DocNumber,
    Node,
    ParseError,
    Report,
    __version__,
    extract_citations,
    extract_citations_many,
    parse_citation,
    parse_number,
    parse_report,
    parse_reports,
)

__all__ = [
    "Citation",
    "DocNumber",
    "Node",
    "ParseError",
    "Report",
    "__version__",
    "extract_citations",
    "extract_citations_many",
    "parse_citation",
    "parse_number",
    "parse_report",
    "parse_reports",
    "to_pandas",
]
