"""Native module of vanban (built from crates/vanban-python). Import from `vanban`, not from here."""

from collections.abc import Iterable
from typing import Any, Final, Literal, TypedDict, final

__version__: Final[str]
__all__ = [
    "Citation",
    "DocNumber",
    "Node",
    "ParseError",
    "Report",
    "_Graph",
    "__version__",
    "_extract_citations_input",
    "_parse_report_input",
    "annotate",
    "decode",
    "_resolve_many",
    "extract_citations",
    "extract_citations_many",
    "parse_citation",
    "parse_number",
    "parse_report",
    "parse_reports",
]

_CitationKind = Literal["party", "state", "plenum", "congress", "act", "reference"]
_Relation = Literal["basis", "implements", "deploys", "disseminates", "reviews", "guides", "amends", "replaces", "repeals"]

class _Pinpoint(TypedDict):
    article: str | None
    clause: str | None
    point: str | None
    section: str | None

class ParseError(ValueError):
    """The input is not a valid citation or document number.

    `str(err)` is the message followed by the offending line and a caret under the failure.
    """

    offset: int
    """Character (Python string) index of the failure."""
    line: int
    """Line of the failure, from 1."""
    column: int
    """Column of the failure in characters, from 1."""
    expected: list[str]
    """What the grammar expected there, most specific first."""

@final
class Citation:
    """One document citation found in a text. Frozen, hashable, picklable.

    `text[c.start:c.end] == c.text` holds for the text the citation was found in.
    """

    @property
    def text(self) -> str:
        """The cited text exactly as in the input."""
    @property
    def start(self) -> int:
        """Python string index of the first character."""
    @property
    def end(self) -> int:
        """Python string index one past the last character."""
    @property
    def byte_start(self) -> int:
        """UTF-8 byte offset of the first byte."""
    @property
    def byte_end(self) -> int:
        """UTF-8 byte offset one past the last byte."""
    @property
    def span(self) -> tuple[int, int]:
        """`(start, end)`."""
    @property
    def kind(self) -> _CitationKind:
        """`party`, `state`, `plenum`, `congress`, `reference` or `act`."""
    @property
    def doc_type(self) -> str | None:
        """The type word in modern NFC spelling (`Nghị quyết`, `Chỉ thị`, `Luật`)."""
    @property
    def number(self) -> int | None:
        """The serial number (`4` for `04-NQ/TW`)."""
    @property
    def type_code(self) -> str | None:
        """Canonical type code (`NQ`, `QĐi`, `CTr`, `NĐ`, `L`)."""
    @property
    def issuer_code(self) -> str | None:
        """Canonical issuer code (`TW`, `TU`, `CP`, `TTg`, `QH13`)."""
    @property
    def symbol(self) -> str | None:
        """Canonical symbol (`NQ/TW`, `NĐ-CP`, `QH13`)."""
    @property
    def year(self) -> int | None:
        """Year of the document."""
    @property
    def date(self) -> str | None:
        """Full date, ISO `YYYY-MM-DD`."""
    @property
    def issuer(self) -> str | None:
        """The issuing body (`Bộ Chính trị`)."""
    @property
    def term(self) -> int | None:
        """Term (khoá) of the issuing committee (`khoá XII` → 12)."""
    @property
    def plenum(self) -> int | None:
        """Central Committee plenum number."""
    @property
    def congress(self) -> int | None:
        """Party congress number."""
    @property
    def subject(self) -> str | None:
        """Subject (trích yếu) as written."""
    @property
    def short(self) -> bool:
        """True for a short form without a symbol (`Chỉ thị 05`)."""
    @property
    def title(self) -> str | None:
        """The name of an act cited by name (`Đất đai`)."""
    @property
    def pinpoint(self) -> _Pinpoint | None:
        """The article, clause, point and section cited, as written."""
    @property
    def relation(self) -> _Relation | None:
        """What the citing text does with the document (`basis` for `Căn cứ …`)."""
    @property
    def doc_key(self) -> str | None:
        """The cited document's key (docs/resolution.md): equal keys, same document."""
    @property
    def doc_key_scope(self) -> Literal["global", "text"] | None:
        """`global`: the key holds across texts; `text`: only inside this text."""
    @property
    def resolution(self) -> Literal["full", "text", "catalog", "ambiguous"] | None:
        """How `doc_key` was found."""
    @property
    def candidates(self) -> list[str]:
        """The keys an ambiguous citation may name."""
    @property
    def doc_title(self) -> str | None:
        """The catalog's title of the cited document."""
    @property
    def doc_date(self) -> str | None:
        """The catalog's date of the cited document (ISO)."""
    @property
    def src_start(self) -> int | None:
        """Start in the object read with `input=`/`encoding=`: a bytes index, or a str index."""
    @property
    def src_end(self) -> int | None:
        """End in the object read with `input=`/`encoding=`."""
    @property
    def encoding(self) -> str | None:
        """The encoding the object was read in, with `src_start`."""
    def to_dict(self) -> dict[str, Any]:
        """A dict identical to one element of `vanban cite --format json`."""
    def to_json(self) -> str:
        """Compact JSON, identical to one line of `vanban cite`."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]: ...
    @staticmethod
    def _from_state(state: dict[str, Any]) -> Citation: ...

@final
class DocNumber:
    """A document number and symbol on its own (`04-NQ/TW`, `30/2020/NĐ-CP`). Frozen, hashable, picklable."""

    @property
    def kind(self) -> Literal["party", "state"]:
        """Party or state numbering."""
    @property
    def number(self) -> int:
        """The serial number."""
    @property
    def type_code(self) -> str | None:
        """Canonical type code; absent in old state numbers such as `100/TTg`."""
    @property
    def issuer_code(self) -> str:
        """Canonical issuer code."""
    @property
    def symbol(self) -> str:
        """Canonical symbol (`NQ/TW`, `NĐ-CP`)."""
    @property
    def year(self) -> int | None:
        """The year inside a state number."""
    def to_dict(self) -> dict[str, Any]:
        """A dict with the JSON keys of the number."""
    def to_json(self) -> str:
        """Compact JSON."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]: ...
    @staticmethod
    def _from_state(state: dict[str, Any]) -> DocNumber: ...

def extract_citations(text: str, *, references: bool = False) -> list[Citation]:
    """Every citation in `text`, in order of position, with its document key (`doc_key`).

    `references=True` also reports `Nghị quyết này`, `Chỉ thị trên`, `văn bản này` (kind
    `reference`) with the key of the document they name.
    """

def parse_citation(text: str) -> Citation:
    """Parse `text` as exactly one citation; raises `ParseError` otherwise."""

def parse_number(text: str) -> DocNumber:
    """Parse `text` as exactly one document number; raises `ParseError` otherwise."""

def extract_citations_many(
    texts: Iterable[str], *, threads: int | None = None, references: bool = False
) -> list[list[Citation]]:
    """`[extract_citations(t) for t in texts]`, computed in parallel without holding the interpreter.

    `threads=None` uses every core; `threads=1` runs on the calling thread.
    """

@final
class Node:
    """A nested object of a report (a span of text, a section, a person, …). Frozen, hashable, picklable.

    Attributes are the JSON keys of the object (`node.text`, `node.start`, …; also `node["text"]`);
    nested objects are `Node`s or `Citation`s and sequences are tuples.
    """

    @property
    def _type(self) -> str:
        """The model type (`Span`, `Section`, `Person`, `Header`, …)."""
    @property
    def _fields(self) -> tuple[str, ...]:
        """The attribute names (JSON keys), in order."""
    def __getattr__(self, name: str) -> Any: ...
    def __getitem__(self, key: str, /) -> Any: ...
    def __dir__(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """Plain data with the JSON keys (nested objects as dicts, sequences as lists)."""
    def to_json(self) -> str:
        """Compact JSON of `to_dict()`."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[str, dict[str, Any]]]: ...
    @staticmethod
    def _new(type_name: str, attrs: dict[str, Any]) -> Node: ...

@final
class Report:
    """The structure of one text: a news article or a formal document. Frozen, hashable, picklable.

    One attribute per key of `vanban report --format json` (keys added to the model later are
    attributes too); text pieces are `Node`s with `text`, `start`, `end` (Python string indices
    into `source`).
    """

    kind: Literal["article", "document"]
    category: Node | None
    title: Node | None
    published: str | None
    timestamp: Node | None
    author: Node | None
    caption: Node | None
    agency: Node | None
    lead: Node | None
    paragraphs: tuple[Node, ...]
    items: tuple[Node, ...]
    people: tuple[Node, ...]
    boilerplate: tuple[Node, ...]
    header: Node | None
    basis: tuple[Node, ...]
    sections: tuple[Node, ...]
    signature: Node | None
    recipients: tuple[Node, ...]
    citations: tuple[Citation, ...]

    @property
    def source(self) -> str:
        """The text this report was parsed from."""
    @property
    def _fields(self) -> tuple[str, ...]:
        """The attribute names (JSON keys), in order."""
    def __getattr__(self, name: str) -> Any: ...
    def __dir__(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """A dict identical to `vanban report --format json`."""
    def to_json(self) -> str:
        """Compact JSON of the report."""
    def _repr_html_(self) -> str:
        """HTML for notebooks: citations highlighted, outline collapsible."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any], str]]: ...
    @staticmethod
    def _from_state(state: dict[str, Any], source: str) -> Report: ...

def parse_report(text: str) -> Report:
    """Parse the structure of one text (news article or formal document)."""

def parse_reports(texts: Iterable[str], *, threads: int | None = None) -> list[Report]:
    """`[parse_report(t) for t in texts]`, computed in parallel without holding the interpreter."""

def decode(data: bytes, encoding: str = "auto") -> tuple[str, str]:
    """`(text, encoding used)`: `data` in UTF-8, UTF-16, TCVN3, VNI, VISCII or CP1258 (`auto` detects it)."""

def annotate(
    text: str | bytes, *, input: str = "text", link: str | None = None, format: str = "html", encoding: str = "auto"
) -> str | bytes:
    """The input with its citations marked (`bytes` in and HTML out: the page byte for byte outside the markup)."""

def _extract_citations_input(data: str | bytes, input: str = "text", encoding: str = "auto") -> list[Citation]: ...
def _parse_report_input(data: str | bytes, input: str = "text", encoding: str = "auto") -> Report: ...
@final
class _Graph:
    """The citation graph of many texts (wrapped by `vanban.Corpus`)."""
    def documents(self) -> list[dict[str, Any]]: ...
    def edges(self) -> list[dict[str, Any]]: ...
    def mentions_per_year(self, key: str | None = None) -> list[tuple[int, int]]: ...
    @property
    def unresolved(self) -> int: ...

def _resolve_many(
    texts: Iterable[str],
    *,
    names: list[str] | None = None,
    dates: list[str | None] | None = None,
    threads: int | None = None,
    references: bool = False,
) -> _Graph: ...
