"""Bytes, legacy encodings, HTML pages and annotation from Python (docs/input.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import vanban

FIXTURES = Path(__file__).resolve().parent.parent / "crates" / "vanban-input" / "tests" / "fixtures"
ARTICLE = (FIXTURES / "legacy" / "article.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii", "cp1258"])
def test_legacy_bytes_decode_and_cite_like_the_utf8_text(encoding: str) -> None:
    data = (FIXTURES / "legacy" / f"article.{encoding}.txt").read_bytes()
    assert vanban.decode(data) == (ARTICLE, encoding)
    assert vanban.decode(data, encoding)[0] == ARTICLE
    want = [c.text for c in vanban.extract_citations(ARTICLE)]
    for enc in ("auto", encoding):
        cites = vanban.extract_citations(data, encoding=enc)
        assert [c.text for c in cites] == want
        for c in cites:
            assert c.encoding == encoding
            assert c.src_start is not None and c.src_end is not None
            assert vanban.decode(data[c.src_start : c.src_end], encoding)[0] == c.text


def test_utf8_text_keeps_its_dict() -> None:
    [c, *_] = vanban.extract_citations(ARTICLE)
    assert "src_start" not in c.to_dict()
    assert c.src_start is None and c.encoding is None


def test_html_str_offsets_index_the_page() -> None:
    page = (FIXTURES / "html" / "tccs_article.html").read_text(encoding="utf-8")
    cites = vanban.extract_citations(page, input="html")
    assert not any("99-NQ/TW" in c.text for c in cites)
    c = cites[0]
    assert c.src_start is not None and c.src_end is not None
    assert page[c.src_start : c.src_end] == "Nghị quyết số 18&#8209;NQ/TW"
    report = vanban.parse_report(page, input="html")
    assert report.title is not None
    assert report.title.text.startswith("Đổi mới, sắp xếp tổ chức bộ máy")
    assert report.source[report.title.start : report.title.end] == report.title.text
    assert any(b.text.startswith("Tin liên quan") for b in report.boilerplate)


def test_bytes_need_an_encoding_and_bad_bytes_raise() -> None:
    with pytest.raises(TypeError):
        vanban.extract_citations(b"Ngh\xe1\xbb\x8b")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="invalid UTF-8 at byte offset 3"):
        vanban.extract_citations(b"Ngh\xff\xe1\xbb\x8b quy\xe1\xba\xbft", encoding="auto")
    with pytest.raises(ValueError, match="unknown encoding"):
        vanban.decode(b"x", "koi8")
    with pytest.raises(ValueError, match="already decoded"):
        vanban.extract_citations("x", encoding="tcvn3")


def test_one_native_entry_for_both_readings() -> None:
    """`extract_citations` and `parse_report` read bytes and pages through `_from_input`."""
    page = "<p>Nghị quyết số 04-NQ/TW ngày 30-10-2016</p>"
    cites = vanban._vanban._from_input("citations", page, "html")
    report = vanban._vanban._from_input("report", page, "html")
    assert cites == vanban.extract_citations(page, input="html")
    assert report == vanban.parse_report(page, input="html")
    assert list(report.citations) == cites and report.source.startswith("Nghị quyết")
    with pytest.raises(ValueError, match="what must be 'citations' or 'report'"):
        vanban._vanban._from_input("people", page)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="format must be 'html' or 'markdown', not \"pdf\""):
        vanban.annotate(page, format="pdf")


def test_annotate_text_html_and_markdown() -> None:
    out = vanban.annotate(ARTICLE)
    assert isinstance(out, str) and out.startswith("<!DOCTYPE html>")
    assert out.count('class="vanban-cite"') == len(vanban.extract_citations(ARTICLE))
    page = (FIXTURES / "html" / "dangcongsan_document.html").read_bytes()
    marked = vanban.annotate(page, input="html", link="https://example.org/{doc_key}", encoding="auto")
    assert isinstance(marked, bytes)
    assert b'<a class="vanban-cite" data-vanban-id="0"' in marked
    md = vanban.annotate(ARTICLE, format="markdown", link="https://example.org/{symbol}")
    assert "[Chỉ thị 05-CT/TW](https://example.org/CT%2FTW)" in md
    with pytest.raises(ValueError, match="unknown field"):
        vanban.annotate(ARTICLE, link="{nope}")
