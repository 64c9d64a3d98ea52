"""Native module of vanban (built from crates/vanban-python). Import from `vanban`, not from here."""

from collections.abc import Iterable
from typing import Any, Final, Literal, TypedDict, final, overload

__version__: Final[str]
__all__ = [
    "Citation",
    "DocNumber",
    "Node",
    "ParseError",
    "Report",
    "_Graph",
    "__version__",
    "_from_input",
    "annotate",
    "decode",
    "_resolve_many",
    "_restore",
    "cli_main",
    "extract_citations",
    "extract_citations_arrow",
    "extract_citations_many",
    "parse_citation",
    "parse_number",
    "parse_report",
    "parse_reports",
    "parse_reports_arrow",
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

class _Model:
    """Stub-only base: what every model class (`Citation`, `DocNumber`, `Node`, `Report`) has,
    as the extension gives each the same methods (crates/vanban-python/src/model.rs)."""

    @property
    def _fields(self) -> tuple[str, ...]:
        """The attribute names (JSON keys), in order."""
    def __getattr__(self, name: str) -> Any: ...
    def __dir__(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]:
        """Plain data with the JSON keys: for a citation one element of `vanban cite --format
        json`, for a report `vanban report --format json` (nested objects as dicts, sequences
        as lists)."""
    def to_json(self) -> str:
        """Compact JSON of `to_dict()`: for a citation one line of `vanban cite`."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]: ...

@final
class Citation(_Model):
    """One document citation found in a text. Frozen, hashable, picklable.

    Its attributes are the keys of `to_dict()` (the CLI's JSON); `text[c.start:c.end] == c.text`
    holds for the text the citation was found in.
    """

    text: str
    """The cited text exactly as in the input."""
    start: int
    """Python string index of the first character."""
    end: int
    """Python string index one past the last character."""
    byte_start: int
    """UTF-8 byte offset of the first byte."""
    byte_end: int
    """UTF-8 byte offset one past the last byte."""
    kind: _CitationKind
    """`party`, `state`, `plenum`, `congress`, `reference` or `act`."""
    doc_type: str | None
    """The type word in modern NFC spelling (`Nghị quyết`, `Chỉ thị`, `Luật`)."""
    number: int | None
    """The serial number (`4` for `04-NQ/TW`)."""
    type_code: str | None
    """Canonical type code (`NQ`, `QĐi`, `CTr`, `NĐ`, `L`)."""
    issuer_code: str | None
    """Canonical issuer code (`TW`, `TU`, `CP`, `TTg`, `QH13`)."""
    symbol: str | None
    """Canonical symbol (`NQ/TW`, `NĐ-CP`, `QH13`)."""
    year: int | None
    """Year of the document."""
    date: str | None
    """Full date, ISO `YYYY-MM-DD`."""
    issuer: str | None
    """The issuing body (`Bộ Chính trị`)."""
    term: int | None
    """Term (khoá) of the issuing committee (`khoá XII` → 12)."""
    plenum: int | None
    """Central Committee plenum number."""
    congress: int | None
    """Party congress number."""
    subject: str | None
    """Subject (trích yếu) as written."""
    short: bool
    """True for a short form without a symbol (`Chỉ thị 05`)."""
    title: str | None
    """The name of an act cited by name (`Đất đai`)."""
    pinpoint: _Pinpoint | None
    """The article, clause, point and section cited, as written."""
    relation: _Relation | None
    """What the citing text does with the document (`basis` for `Căn cứ …`)."""
    doc_key: str | None
    """The cited document's key (docs/resolution.md): equal keys, same document."""
    doc_key_scope: Literal["global", "text"] | None
    """`global`: the key holds across texts; `text`: only inside this text."""
    resolution: Literal["full", "text", "catalog", "ambiguous"] | None
    """How `doc_key` was found."""
    candidates: tuple[str, ...]
    """The keys an ambiguous citation may name."""
    doc_title: str | None
    """The catalog's title of the cited document."""
    doc_date: str | None
    """The catalog's date of the cited document (ISO)."""
    src_start: int | None
    """Start in the object read with `input=`/`encoding=`: a bytes index, or a str index."""
    src_end: int | None
    """End in the object read with `input=`/`encoding=`."""
    encoding: str | None
    """The encoding the object was read in, with `src_start`."""

    @property
    def span(self) -> tuple[int, int]:
        """`(start, end)`."""

@final
class DocNumber(_Model):
    """A document number and symbol on its own (`04-NQ/TW`, `30/2020/NĐ-CP`). Frozen, hashable, picklable."""

    kind: Literal["party", "state"]
    """Party or state numbering."""
    number: int
    """The serial number."""
    type_code: str | None
    """Canonical type code; absent in old state numbers such as `100/TTg`."""
    issuer_code: str
    """Canonical issuer code."""
    symbol: str
    """Canonical symbol (`NQ/TW`, `NĐ-CP`)."""
    year: int | None
    """The year inside a state number."""

def extract_citations(text: str, *, references: bool = False) -> list[Citation]:
    """Every citation in `text`, in order of position, with its document key (`doc_key`).

    `references=True` also reports `Nghị quyết này`, `Chỉ thị trên`, `văn bản này` (kind
    `reference`) with the key of the document they name.
    """

_Texts = Iterable[str] | Any  # or an Arrow string array / chunked array / polars Series

def extract_citations_arrow(texts: _Texts, *, threads: int | None = None) -> Any:
    """Every citation of every text as one `pyarrow.Table`: a `doc` column (the text's index),
    then one column per `Citation.to_dict()` key; integers are int64. Built in Rust, with no
    Python object per citation. `texts`: a list of str, or an Arrow array of strings (pyarrow,
    polars, anything with `__arrow_c_stream__` / `__arrow_c_array__`; nulls read as empty)."""

def parse_reports_arrow(texts: _Texts, *, threads: int | None = None) -> dict[str, Any]:
    """`parse_report` over every text as `pyarrow.Table`s, each led by `doc`: `reports` (one row
    per text), `citations`, `paragraphs`, `items`, `people` and `sections` (with `index` and
    `parent` giving the outline tree)."""

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
class Node(_Model):
    """A nested object of a report (a span of text, a section, a person, …). Frozen, hashable, picklable.

    Attributes are the JSON keys of the object (`node.text`, `node.start`, …; also `node["text"]`);
    nested objects are `Node`s or `Citation`s and sequences are tuples.
    """

    @property
    def _type(self) -> str:
        """The model type (`Span`, `Section`, `Person`, `Header`, …)."""
    def __getitem__(self, key: str, /) -> Any: ...

@final
class Report(_Model):
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
    text: str | None
    """The text the offsets refer to, when it is not the input itself (a page's text; docs/input.md)."""
    encoding: str | None
    """The encoding the input was read in, with `text`."""

    @property
    def source(self) -> str:
        """The text this report was parsed from."""
    def _repr_html_(self) -> str:
        """HTML for notebooks: citations highlighted, outline collapsible."""

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

@overload
def _from_input(
    what: Literal["citations"], data: str | bytes, input: str = "text", encoding: str = "auto"
) -> list[Citation]: ...
@overload
def _from_input(what: Literal["report"], data: str | bytes, input: str = "text", encoding: str = "auto") -> Report: ...
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
def cli_main(argv: list[str]) -> int:
    """Run the `vanban` command line on `argv` (program name first); return its exit code."""

def _restore(type_name: str, state: bytes) -> Any:
    """Rebuild a pickled object (the reconstructor of every `__reduce__`)."""
