"""Report objects: attributes, offsets, `to_dict()` against the CLI, values, batch, HTML."""

from __future__ import annotations

import json
import pickle
import subprocess
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import vanban
from conftest import EXAMPLE, FIXTURE_DIR, FIXTURES, fixture_id, read, run_cli
from test_errors import HOSTILE

SEED = FIXTURE_DIR / "articles" / "seed_xaydungdang_2016.txt"


def nodes(value: Any) -> Iterator[Any]:
    """Every Node and Citation reachable from a report or node."""
    if isinstance(value, (vanban.Report, vanban.Node)):
        if isinstance(value, vanban.Node):
            yield value
        for name in value._fields:
            yield from nodes(getattr(value, name))
    elif isinstance(value, vanban.Citation):
        yield value
    elif isinstance(value, tuple):
        for v in value:
            yield from nodes(v)


def check_offsets(report: vanban.Report) -> None:
    src = report.source
    for n in nodes(report):
        fields = n._fields if isinstance(n, vanban.Node) else ("text", "start", "end")
        if {"text", "start", "end"} <= set(fields):
            assert src[n.start : n.end] == n.text, n


@pytest.fixture(scope="module")
def seed() -> vanban.Report:
    return vanban.parse_report(read(SEED))


def test_seed_article(seed: vanban.Report) -> None:
    assert isinstance(seed, vanban.Report)
    assert seed.kind == "article"
    assert seed.source == read(SEED)
    assert seed.category is not None and seed.category.text == "Thời sự - Chính trị"
    assert seed.title is not None and seed.title.text.startswith("Ban Tổ chức Tỉnh uỷ Đồng Tháp tổng kết")
    assert seed.published == "2016-12-23T18:34"
    assert seed.paragraphs and all(isinstance(p, vanban.Node) for p in seed.paragraphs)
    assert list(seed.citations) == vanban.extract_citations(read(SEED))
    check_offsets(seed)


def test_attributes_are_the_json_keys(seed: vanban.Report) -> None:
    data = seed.to_dict()
    assert list(seed._fields) == list(data)
    for key in data:
        assert key in dir(seed)
        value = getattr(seed, key)
        if isinstance(data[key], list):
            assert isinstance(value, tuple) and len(value) == len(data[key])
        elif isinstance(data[key], dict):
            assert isinstance(value, vanban.Node)
            assert value.to_dict() == data[key]
        else:
            assert value == data[key]
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        seed.nope  # noqa: B018


def test_frozen(seed: vanban.Report) -> None:
    with pytest.raises(AttributeError):
        seed.kind = "document"  # type: ignore[misc]
    node = seed.paragraphs[0]
    with pytest.raises(AttributeError):
        node.text = "x"
    assert node["text"] == node.text
    with pytest.raises(KeyError):
        node["nope"]


def test_repr(seed: vanban.Report) -> None:
    r = repr(seed)
    assert r.startswith("Report(kind='article'")
    assert f"citations=[{len(seed.citations)}]" in r
    assert repr(seed.paragraphs[0]).startswith(seed.paragraphs[0]._type + "(")


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("path", FIXTURES, ids=fixture_id)
def test_fixture_offsets(path: Path, form: str) -> None:
    report = vanban.parse_report(unicodedata.normalize(form, read(path)))
    check_offsets(report)


@pytest.fixture(scope="module")
def cli_report(cli: list[str]) -> list[str]:
    probe = subprocess.run([*cli, "report", "--help"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("the vanban CLI has no `report` subcommand yet")
    return cli


@pytest.mark.parametrize("path", FIXTURES, ids=fixture_id)
def test_to_dict_equals_cli_json(cli_report: list[str], path: Path) -> None:
    report = vanban.parse_report(read(path))
    assert report.to_dict() == json.loads(run_cli(cli_report, "report", "--format", "json", str(path)))


@pytest.mark.parametrize("path", FIXTURES, ids=fixture_id)
def test_to_json(path: Path) -> None:
    report = vanban.parse_report(read(path))
    assert json.loads(report.to_json()) == report.to_dict()
    for n in nodes(report):
        assert json.loads(n.to_json()) == n.to_dict()


def test_values(seed: vanban.Report) -> None:
    again = vanban.parse_report(read(SEED))
    assert again == seed and hash(again) == hash(seed)
    assert len({seed, again}) == 1
    other = vanban.parse_report(read(SEED) + "\n")
    assert other != seed
    assert seed != seed.to_dict()
    for a, b in zip(nodes(seed), nodes(again)):
        assert a == b and hash(a) == hash(b)


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle(seed: vanban.Report, protocol: int) -> None:
    back = pickle.loads(pickle.dumps(seed, protocol=protocol))
    assert back == seed and back.to_dict() == seed.to_dict() and back.source == seed.source
    for n in nodes(seed):
        assert pickle.loads(pickle.dumps(n, protocol=protocol)) == n


@pytest.mark.parametrize("threads", [None, 1, 2])
def test_batch_equals_loop(threads: int | None) -> None:
    texts = [read(p) for p in FIXTURES] + [EXAMPLE, "", unicodedata.normalize("NFD", read(SEED))]
    assert vanban.parse_reports(texts, threads=threads) == [vanban.parse_report(t) for t in texts]


def test_errors() -> None:
    with pytest.raises(TypeError):
        vanban.parse_report(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        vanban.parse_report(b"x")  # type: ignore[arg-type]
    with pytest.raises(UnicodeEncodeError):
        vanban.parse_report("x\ud800")
    with pytest.raises(TypeError, match="not a single str"):
        vanban.parse_reports("abc")
    with pytest.raises(ValueError, match="threads"):
        vanban.parse_reports(["abc"], threads=0)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input(text: str) -> None:
    report = vanban.parse_report(text)
    check_offsets(report)
    report._repr_html_()


class TagChecker(HTMLParser):
    """Fails on unbalanced tags; counts tags and collects the text."""

    VOID = {"br", "hr", "img", "meta", "wbr", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.counts: dict[str, int] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(html: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    assert checker.stack == [], f"unclosed: {checker.stack}"
    return checker


@pytest.mark.parametrize("path", FIXTURES, ids=fixture_id)
def test_html_is_well_formed(path: Path) -> None:
    report = vanban.parse_report(read(path))
    checker = check_html(report._repr_html_())
    assert checker.counts.get("mark", 0) == len(report.citations)
    with_children = sum(1 for n in nodes(report) if getattr(n, "_type", "") == "Section" and n.children)
    assert checker.counts.get("details", 0) >= with_children


def test_html_escapes_text() -> None:
    text = '<script>alert("x")</script> & ' + EXAMPLE + " <b>"
    report = vanban.parse_report(text)
    html = report._repr_html_()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    checker = check_html(html)
    assert checker.counts.get("mark") == len(report.citations) == 1
    assert text in "".join(checker.text)
