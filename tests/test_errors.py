"""Errors at the boundary: ParseError, TypeError, hostile input (never a PanicException)."""

from __future__ import annotations

import pickle
import random

import pytest

import vanban
from conftest import EXAMPLE


def test_parse_error_is_value_error() -> None:
    assert issubclass(vanban.ParseError, ValueError)
    assert vanban.ParseError.__module__ == "vanban"


def test_parse_number_error_attributes() -> None:
    with pytest.raises(vanban.ParseError) as info:
        vanban.parse_number("03-XX/TU")
    e = info.value
    assert (e.offset, e.line, e.column) == (3, 1, 4)
    assert e.expected == ["a document type code"]
    assert str(e) == "expected a document type code at line 1 column 4\n  |\n1 | 03-XX/TU\n  |    ^"


def test_columns_count_characters() -> None:
    text = "Nghị quyết số 03-XX/TU"
    with pytest.raises(vanban.ParseError) as info:
        vanban.parse_citation(text)
    e = info.value
    assert e.offset == text.index("XX") == 17
    assert (e.line, e.column) == (1, 18)
    lines = str(e).splitlines()
    assert lines[0] == f"expected {' or '.join(e.expected)} at line 1 column 18"
    assert lines[2] == "1 | " + text
    assert lines[3].index("^") == lines[2].index("XX")


def test_parse_error_on_second_line() -> None:
    text = "Nghị quyết số\n03-XX/TU"
    with pytest.raises(vanban.ParseError) as info:
        vanban.parse_citation(text)
    e = info.value
    assert e.line == 2
    assert e.offset == text.index("XX")
    assert e.column == e.offset - text.index("\n")


@pytest.mark.parametrize("func", [vanban.parse_citation, vanban.parse_number])
@pytest.mark.parametrize("text", ["", "   ", "xyz", "04-NQ/TW rác", "Nghị quyết"])
def test_parse_error_general(func, text: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(vanban.ParseError) as info:
        func(text)
    e = info.value
    assert isinstance(e, ValueError)
    assert 0 <= e.offset <= len(text)
    assert e.line >= 1 and e.column >= 1
    assert e.expected and all(isinstance(x, str) for x in e.expected)
    assert str(e).startswith("expected ")


def test_parse_error_pickles() -> None:
    with pytest.raises(vanban.ParseError) as info:
        vanban.parse_number("03-XX/TU")
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is vanban.ParseError
    assert (back.offset, back.line, back.column, back.expected) == (3, 1, 4, ["a document type code"])
    assert str(back) == str(info.value)


FUNCS = [vanban.extract_citations, vanban.parse_citation, vanban.parse_number]


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("bad", [None, b"04-NQ/TW", 4, ["04-NQ/TW"], bytearray(b"x")])
def test_non_str_raises_type_error(func, bad: object) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError):
        func(bad)


@pytest.mark.parametrize("func", FUNCS)
def test_lone_surrogate_is_a_clear_error(func) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnicodeEncodeError):
        func("Nghị quyết số 04-NQ/TW \ud800")


def call_safely(text: str) -> None:
    """Run every entry point; only a citation, an empty result or a ParseError are acceptable."""
    cites = vanban.extract_citations(text)
    for c in cites:
        assert text[c.start : c.end] == c.text
    for func in (vanban.parse_citation, vanban.parse_number):
        try:
            func(text)
        except vanban.ParseError:
            pass


HOSTILE = {
    "nul": "\x00" * 100,
    "controls": "".join(map(chr, range(32))) * 10,
    "bom": "\ufeffNghị quyết số 04-NQ/TW",
    "nbsp": "Nghị\u00a0quyết\u00a0số\u00a004-NQ/TW",
    "combining-only": "\u0323\u0301" * 1000,
    "digits": "1" * 100_000,
    "dashes": "-/" * 50_000,
    "numbers": "04-NQ/TW, " * 20_000,
    "keywords": "Nghị quyết số " * 20_000,
    "nested-brackets": "(" * 50_000 + ")" * 50_000,
    "outline": "\n".join(["I.", "1.", "a)", "-"] * 5_000),
    "huge-plain": "a " * 1_000_000,
    "max-int": "99999999999999999999999-NQ/TW ngày 99-99-99999",
    "emoji": "🎉" * 10_000 + EXAMPLE,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input(text: str) -> None:
    call_safely(text)


def test_random_input() -> None:
    rng = random.Random(20161030)
    alphabet = list("0123456789-/., \n()NQTWCĐKLHUDBPXIVtuvnghịqyếsốàáảãạđưởơ") + ["\u0323", "\u00a0", "🎉"]
    pieces = ["Nghị quyết", "số", "04-NQ/TW", "ngày", "30-10-2016", "khoá XII", "Trung ương 4", "Đại hội"]
    for _ in range(300):
        if rng.random() < 0.5:
            text = "".join(rng.choices(alphabet, k=rng.randint(0, 60)))
        else:
            text = " ".join(rng.choices(pieces + alphabet, k=rng.randint(1, 12)))
        call_safely(text)
