"""Citation objects: attributes, types, offsets, and `to_dict()` against the CLI."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import vanban
from conftest import EXAMPLE, FIXTURES, fixture_id, read, run_cli

ATTRS: dict[str, type | tuple[type, ...]] = {
    "text": str,
    "start": int,
    "end": int,
    "byte_start": int,
    "byte_end": int,
    "kind": str,
    "doc_type": (str, type(None)),
    "number": (int, type(None)),
    "type_code": (str, type(None)),
    "issuer_code": (str, type(None)),
    "symbol": (str, type(None)),
    "year": (int, type(None)),
    "date": (str, type(None)),
    "issuer": (str, type(None)),
    "term": (int, type(None)),
    "plenum": (int, type(None)),
    "congress": (int, type(None)),
    "subject": (str, type(None)),
    "short": bool,
    "title": (str, type(None)),
    "pinpoint": (dict, type(None)),
    "relation": (str, type(None)),
    "doc_key": (str, type(None)),
    "doc_key_scope": (str, type(None)),
    "resolution": (str, type(None)),
    "candidates": tuple,
    "doc_title": (str, type(None)),
    "doc_date": (str, type(None)),
}


def check_offsets(text: str, cites: list[vanban.Citation]) -> None:
    """Every citation slices the input to its own text, in characters and in UTF-8 bytes."""
    data = text.encode("utf-8")
    last = 0
    for c in cites:
        assert text[c.start : c.end] == c.text
        assert data[c.byte_start : c.byte_end].decode("utf-8") == c.text
        assert c.span == (c.start, c.end)
        assert last <= c.start < c.end <= len(text)
        last = c.start


def test_canonical_example() -> None:
    [c] = vanban.extract_citations(EXAMPLE)
    assert isinstance(c, vanban.Citation)
    assert (c.kind, c.number, c.type_code, c.issuer_code) == ("party", 4, "NQ", "TW")
    assert c.symbol == "NQ/TW"
    assert c.date == "2016-10-30"
    assert c.year == 2016
    assert c.doc_type == "Nghị quyết"
    assert c.short is False
    assert c.start == 0
    assert c.text.startswith("Nghị quyết số 04-NQ/TW")
    check_offsets(EXAMPLE, [c])


def test_state_number() -> None:
    text = "Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ"
    [c] = vanban.extract_citations(text)
    assert (c.kind, c.number, c.year, c.type_code, c.issuer_code, c.symbol) == (
        "state",
        30,
        2020,
        "NĐ",
        "CP",
        "NĐ-CP",
    )
    check_offsets(text, [c])


def test_attribute_types() -> None:
    [c] = vanban.extract_citations(EXAMPLE)
    for name, typ in ATTRS.items():
        assert isinstance(getattr(c, name), typ), name
    assert c.kind in {"party", "state", "plenum", "congress", "act"}  # `reference` only when asked
    assert list(c.to_dict()) == list(ATTRS)


def test_frozen() -> None:
    [c] = vanban.extract_citations(EXAMPLE)
    with pytest.raises(AttributeError):
        c.number = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        c.extra = 1  # type: ignore[attr-defined]


def test_no_citation() -> None:
    assert vanban.extract_citations("") == []
    assert vanban.extract_citations("Hôm nay trời đẹp.") == []


def test_repr_shows_text() -> None:
    [c] = vanban.extract_citations(EXAMPLE)
    r = repr(c)
    assert r.startswith("Citation('Nghị quyết số 04-NQ/TW")
    assert "kind='party'" in r and "symbol='NQ/TW'" in r


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_offsets_normalization_forms(form: str) -> None:
    text = unicodedata.normalize(form, "Trước đó, Bộ Chính trị ban hành " + EXAMPLE + " về xây dựng Đảng.")
    [c] = vanban.extract_citations(text)
    check_offsets(text, [c])
    assert c.number == 4 and c.symbol == "NQ/TW"
    assert c.start == len(unicodedata.normalize(form, "Trước đó, Bộ Chính trị ban hành "))


def test_offsets_mixed_forms_and_emoji() -> None:
    prefix = "🇻🇳👍🏽 " + unicodedata.normalize("NFD", "Đảng bộ tỉnh thực hiện ") + "𝐀 "
    text = prefix + EXAMPLE + " và " + unicodedata.normalize("NFD", "Chỉ thị số 05-CT/TW ngày 15-5-2016") + " 🎉"
    cites = vanban.extract_citations(text)
    assert [c.number for c in cites] == [4, 5]
    assert cites[0].start == len(prefix)
    assert cites[0].byte_start == len(prefix.encode("utf-8"))
    check_offsets(text, cites)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("path", FIXTURES, ids=fixture_id)
def test_fixture_offsets(path: Path, form: str) -> None:
    text = unicodedata.normalize(form, read(path))
    check_offsets(text, vanban.extract_citations(text))


@pytest.mark.parametrize("path", FIXTURES, ids=fixture_id)
def test_to_dict_equals_cli_json(cli: list[str], path: Path) -> None:
    cites = vanban.extract_citations(read(path))
    expected = json.loads(run_cli(cli, "cite", "--format", "json", str(path)))
    assert [c.to_dict() for c in cites] == expected


@pytest.mark.parametrize("path", FIXTURES, ids=fixture_id)
def test_to_json_equals_cli_jsonl(cli: list[str], path: Path) -> None:
    cites = vanban.extract_citations(read(path))
    assert [c.to_json() for c in cites] == run_cli(cli, "cite", str(path)).splitlines()


def test_cli_json_on_example(cli: list[str]) -> None:
    # Not only fixtures: stdin, and a text whose offsets differ in bytes and characters.
    [c] = vanban.extract_citations("Đảng " + EXAMPLE)
    [line] = run_cli(cli, "cite", "-", stdin="Đảng " + EXAMPLE).splitlines()
    assert json.loads(line) == c.to_dict()
    assert json.loads(c.to_json()) == c.to_dict()


def test_parse_citation() -> None:
    c = vanban.parse_citation(EXAMPLE)
    assert isinstance(c, vanban.Citation)
    assert (c.number, c.symbol, c.date) == (4, "NQ/TW", "2016-10-30")
    assert c == vanban.extract_citations(EXAMPLE)[0]


def test_parse_number() -> None:
    party = vanban.parse_number("04-NQ/TW")
    assert isinstance(party, vanban.DocNumber)
    assert (party.kind, party.number, party.type_code, party.issuer_code, party.symbol, party.year) == (
        "party",
        4,
        "NQ",
        "TW",
        "NQ/TW",
        None,
    )
    state = vanban.parse_number("30/2020/NĐ-CP")
    assert (state.kind, state.number, state.year, state.symbol) == ("state", 30, 2020, "NĐ-CP")
    assert state.to_dict() == json.loads(state.to_json())
    assert list(state.to_dict()) == ["kind", "number", "type_code", "issuer_code", "symbol", "year"]
    assert repr(party) == "DocNumber(kind='party', number=4, type_code='NQ', issuer_code='TW', symbol='NQ/TW', year=None)"


def test_str_subclass_is_accepted() -> None:
    class Text(str):
        pass

    assert vanban.extract_citations(Text(EXAMPLE)) == vanban.extract_citations(EXAMPLE)
