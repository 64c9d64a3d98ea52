"""Hostile input at the Python boundary, beyond `test_errors.py`: huge strings through every entry
point (single and batch, citations and reports), surrogate escapes from real decoding, wrong types
inside batches and as options, iterables that fail half-way, `str` subclasses. Errors must be
ordinary exceptions; nothing may crash the interpreter or raise `PanicException`.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import vanban
from conftest import EXAMPLE

SINGLE: list[Callable[[Any], Any]] = [
    vanban.extract_citations,
    vanban.parse_citation,
    vanban.parse_number,
    vanban.parse_report,
]
BATCH: list[Callable[..., Any]] = [vanban.extract_citations_many, vanban.parse_reports]


def is_panic(e: BaseException) -> bool:
    return type(e).__name__ == "PanicException"


def call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call `func`; a ParseError is a fine answer, a PanicException never is."""
    try:
        return func(*args, **kwargs)
    except vanban.ParseError:
        return None
    except BaseException as e:  # PanicException is a BaseException
        assert not is_panic(e), f"{func.__name__} panicked: {e}"
        raise


# ---------------------------------------------------------------- huge strings


HUGE = {
    "numbers-20MB": "1-1/" * 5_000_000,
    "citations-2MB": (EXAMPLE + " của Ban Chấp hành Trung ương khoá XII; ") * 24_000,
    "one-line-no-space-5MB": "Nghịquyếtsố04-NQ/TWngày30-10-2016" * 140_000,
    "keywords-100k": "Nghị quyết " * 100_000,
    "outline-10k-levels": "\n".join(["Phần I", "Chương I", "Điều 1.", "I.", "1.", "1.1.", "a)", "- x"] * 1_250),
    "astral-5MB": "🎉" * 1_250_000 + EXAMPLE,
}


@pytest.mark.parametrize("name", HUGE)
def test_huge_strings_every_entry_point(name: str) -> None:
    text = HUGE[name]
    cites = call(vanban.extract_citations, text)
    for c in cites[:50] + cites[-50:]:
        assert text[c.start : c.end] == c.text
    report = call(vanban.parse_report, text)
    assert report.source is text or report.source == text
    assert len(report.citations) == len(cites)
    call(vanban.parse_citation, text)
    call(vanban.parse_number, text)


def test_huge_batch() -> None:
    texts = [HUGE["citations-2MB"][: 300_000 + k] for k in range(6)]
    many = call(vanban.extract_citations_many, texts, threads=2)
    assert [len(m) for m in many] == [len(vanban.extract_citations(t)) for t in texts]
    reports = call(vanban.parse_reports, texts[:2], threads=2)
    assert [len(r.citations) for r in reports] == [len(m) for m in many[:2]]


def test_many_tiny_texts() -> None:
    texts = ["", " ", "04-NQ/TW", EXAMPLE, "\x00"] * 20_000
    many = call(vanban.extract_citations_many, texts)
    assert len(many) == len(texts)
    assert sum(map(len, many)) == 40_000


def test_deep_report_converts_without_recursion_errors() -> None:
    text = "TỈNH ỦY LONG GIANG\nSố 01-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nKẾ HOẠCH\n" + HUGE["outline-10k-levels"]
    report = vanban.parse_report(text)
    d = report.to_dict()
    assert isinstance(d, dict)
    assert len(report.to_json()) > 10_000
    assert pickle.loads(pickle.dumps(report)) == report
    assert report._repr_html_().count("<details") >= 1
    repr(report)


# ---------------------------------------------------------------- surrogates and odd code points


def surrogate_escaped() -> str:
    """What `open(..., errors="surrogateescape")` gives for a Latin-1 byte inside UTF-8 text."""
    raw = EXAMPLE.encode("utf-8") + b" \xff\xfe " + "khoá XII".encode("utf-8")
    return raw.decode("utf-8", errors="surrogateescape")


@pytest.mark.parametrize("func", SINGLE)
@pytest.mark.parametrize(
    "text",
    [surrogate_escaped(), "\udcff", "\ud800\udc00", EXAMPLE + "\udfff" * 10_000],
    ids=["surrogateescape", "lone-low", "reversed-pair", "many"],
)
def test_surrogates_raise_unicode_error(func: Callable[[str], Any], text: str) -> None:
    with pytest.raises(UnicodeEncodeError):
        call(func, text)


@pytest.mark.parametrize("func", BATCH)
def test_surrogates_in_batch_raise_unicode_error(func: Callable[..., Any]) -> None:
    with pytest.raises(UnicodeEncodeError):
        call(func, [EXAMPLE, surrogate_escaped(), EXAMPLE])


def test_odd_code_points_are_fine() -> None:
    for text in ["\U0010ffff" * 1000, "\ufffe\uffff", "\u0000" * 1000 + EXAMPLE, "\u2028\u2029\x85" + EXAMPLE]:
        for func in SINGLE:
            call(func, text)
        assert vanban.extract_citations(text) == vanban.extract_citations_many([text])[0]


# ---------------------------------------------------------------- wrong types


WRONG = [None, b"04-NQ/TW", bytearray(b"04-NQ/TW"), memoryview(b"x"), 4, 4.5, ["04-NQ/TW"], object()]


@pytest.mark.parametrize("func", [vanban.parse_report])
@pytest.mark.parametrize("bad", WRONG, ids=lambda b: type(b).__name__)
def test_parse_report_non_str_raises_type_error(func: Callable[[Any], Any], bad: object) -> None:
    with pytest.raises(TypeError):
        call(func, bad)


@pytest.mark.parametrize("func", BATCH)
@pytest.mark.parametrize("bad", WRONG, ids=lambda b: type(b).__name__)
def test_batch_items_non_str_raise_type_error(func: Callable[..., Any], bad: object) -> None:
    with pytest.raises(TypeError):
        call(func, [EXAMPLE, bad])


@pytest.mark.parametrize("func", BATCH)
@pytest.mark.parametrize("bad", [None, 4, EXAMPLE, b"abc", object()], ids=["None", "int", "str", "bytes", "object"])
def test_batch_argument_not_an_iterable_of_str(func: Callable[..., Any], bad: object) -> None:
    with pytest.raises(TypeError):
        call(func, bad)


@pytest.mark.parametrize("func", BATCH)
@pytest.mark.parametrize("threads", [0, -1, -(2**70)])
def test_bad_thread_counts_are_value_errors(func: Callable[..., Any], threads: int) -> None:
    with pytest.raises((ValueError, OverflowError)):
        call(func, [EXAMPLE], threads=threads)


@pytest.mark.parametrize("func", BATCH)
@pytest.mark.parametrize("threads", ["2", 2.0, [2]])
def test_thread_count_of_wrong_type(func: Callable[..., Any], threads: object) -> None:
    with pytest.raises(TypeError):
        call(func, [EXAMPLE], threads=threads)


@pytest.mark.parametrize("func", BATCH)
def test_huge_thread_count_is_capped(func: Callable[..., Any]) -> None:
    assert len(call(func, [EXAMPLE] * 3, threads=2**40)) == 3


class Boom(Exception):
    pass


def failing_iterable() -> Iterator[str]:
    yield EXAMPLE
    yield EXAMPLE
    raise Boom("half-way")


@pytest.mark.parametrize("func", BATCH)
def test_iterable_failing_half_way_propagates(func: Callable[..., Any]) -> None:
    with pytest.raises(Boom):
        call(func, failing_iterable())


@pytest.mark.parametrize("func", BATCH)
def test_generators_and_empty_batches(func: Callable[..., Any]) -> None:
    assert call(func, iter([])) == []
    assert call(func, ()) == []
    assert len(call(func, (t for t in [EXAMPLE, ""]))) == 2


# ---------------------------------------------------------------- subclasses of str


class Text(str):
    """A str subclass that lies about itself: the parser must read the characters."""

    def __str__(self) -> str:
        return "nothing here"

    def __len__(self) -> int:
        return 0

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def encode(self, *args: Any, **kwargs: Any) -> bytes:  # type: ignore[override]
        raise AssertionError("must not be called")


def test_str_subclass_reads_the_characters() -> None:
    text = "Thực hiện " + EXAMPLE
    sub = Text(text)
    assert vanban.extract_citations(sub) == vanban.extract_citations(text)
    assert vanban.parse_citation(Text(EXAMPLE)) == vanban.parse_citation(EXAMPLE)
    assert vanban.parse_number(Text("04-NQ/TW")) == vanban.parse_number("04-NQ/TW")
    assert vanban.parse_report(sub).to_dict() == vanban.parse_report(text).to_dict()
    assert vanban.extract_citations_many([sub, text]) == [vanban.extract_citations(text)] * 2
    assert [r.to_dict() for r in vanban.parse_reports([sub])] == [vanban.parse_report(text).to_dict()]
    with pytest.raises(vanban.ParseError):
        vanban.parse_number(Text("03-XX/TU"))


def test_str_subclass_as_batch_argument_is_rejected() -> None:
    # A single str, even a subclass, is not a batch (it would iterate characters).
    with pytest.raises(TypeError):
        vanban.extract_citations_many(Text(EXAMPLE))


# ---------------------------------------------------------------- the interpreter survives


def test_interpreter_survives_everything_in_a_subprocess() -> None:
    """Every entry point on every hostile input, in a fresh interpreter: exit code 0, no panic
    message (a Rust panic turned abort or a stack overflow would kill the process)."""
    code = textwrap.dedent(
        """
        import vanban
        texts = ["\\x00" * 10, "(" * 100_000, "1." * 100_000, "\\u0323" * 100_000,
                 "Nghị quyết số " * 50_000, "-/" * 500_000, "\\n" * 1_000_000, "a\\u0301" * 100_000]
        funcs = [vanban.extract_citations, vanban.parse_citation, vanban.parse_number, vanban.parse_report]
        for t in texts:
            for f in funcs:
                try:
                    f(t)
                except vanban.ParseError:
                    pass
            vanban.extract_citations_many([t, t], threads=2)
            vanban.parse_reports([t], threads=1)
        for bad in [None, b"x", 1, "\\udcff"]:
            for f in funcs:
                try:
                    f(bad)
                except (TypeError, UnicodeEncodeError):
                    pass
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-X", "faulthandler", "-c", code], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"
    assert "panicked" not in out.stderr and "PanicException" not in out.stderr
