"""Document keys from Python: `extract_citations` carries them; references are opt-in."""

from __future__ import annotations

import pytest

import vanban
from conftest import FIXTURE_DIR, read

SEED = read(FIXTURE_DIR / "articles" / "seed_xaydungdang_2016.txt")


def test_seed_article_names_ten_documents() -> None:
    cites = vanban.extract_citations(SEED)
    assert len(cites) == 17
    keys = {c.doc_key for c in cites}
    assert None not in keys
    assert len(keys) == 10
    assert "4-NQ/TW@XII" in keys
    plenum = [c for c in cites if c.kind == "plenum" and c.term == 12]
    assert {c.doc_key for c in plenum} == {"4-NQ/TW@XII"}
    ct = next(c for c in cites if c.symbol == "CT/TW" and c.date)
    assert (ct.doc_key, ct.doc_key_scope, ct.resolution) == ("5-CT/TW@XII", "global", "full")
    assert ct.doc_date == "2016-05-15"
    assert ct.doc_title and "Hồ Chí Minh" in ct.doc_title


def test_fields_are_in_to_dict_and_text_keys_are_scoped() -> None:
    [c] = vanban.extract_citations("Kế hoạch số 04-KH/TW của Bộ Chính trị")
    d = c.to_dict()
    assert d["doc_key"] == c.doc_key and c.doc_key is not None and "#" in c.doc_key
    assert (d["doc_key_scope"], d["resolution"], d["candidates"]) == ("text", "full", [])


def test_ambiguous_short_form_lists_candidates() -> None:
    text = (
        "Nghị quyết số 23-NQ/TW ngày 12-3-2003 của Ban Chấp hành Trung ương và "
        "Nghị quyết số 23-NQ/TW ngày 16-6-2008 của Bộ Chính trị. Nghị quyết 23 được quán triệt."
    )
    last = vanban.extract_citations(text)[-1]
    assert last.doc_key is None
    assert last.resolution == "ambiguous"
    assert last.candidates == ("23-NQ/TW@IX", "23-NQ/TW@X")  # sequences are tuples (frozen objects)
    assert last.to_dict()["candidates"] == ["23-NQ/TW@IX", "23-NQ/TW@X"]  # to_dict(): the JSON


def test_references_are_opt_in() -> None:
    text = "Nghị quyết số 04-NQ/TW ngày 30-10-2016. Nghị quyết này đã đi vào cuộc sống."
    assert [c.kind for c in vanban.extract_citations(text)] == ["party"]
    cites = vanban.extract_citations(text, references=True)
    assert [c.kind for c in cites] == ["party", "reference"]
    assert cites[1].doc_key == "4-NQ/TW@XII"
    assert text[cites[1].start : cites[1].end] == "Nghị quyết này"
    many = vanban.extract_citations_many([text, text], references=True, threads=1)
    assert [[c.kind for c in cs] for cs in many] == [["party", "reference"]] * 2


def test_parse_citation_and_reports_carry_keys() -> None:
    c = vanban.parse_citation("Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị")
    assert c.doc_key == "5-CT/TW@XII"
    report = vanban.parse_report(SEED)
    assert [c.doc_key for c in report.citations] == [c.doc_key for c in vanban.extract_citations(SEED)]


def test_corpus_documents_edges_and_view() -> None:
    pd = pytest.importorskip("pandas")
    a = "Chỉ thị số 05-CT/TW ngày 15-5-2016 của Bộ Chính trị; Kế hoạch số 04-KH/TW của Bộ Chính trị; Chỉ thị 05."
    b = "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị khoá XII và Kế hoạch số 04-KH/TW của Bộ Chính trị."
    corpus = vanban.resolve_many([a, b], names=["a.txt", "b.txt"], dates=["2017-03-01", None], threads=1)
    docs = corpus.documents()
    assert isinstance(docs, pd.DataFrame)
    top = docs.iloc[0]
    assert (top["key"], top["mentions"], top["files"]) == ("5-CT/TW@XII", 3, 2)
    assert list(top["citing_files"]) == ["a.txt", "b.txt"]
    assert top["date"] == "2016-05-15"
    # Two texts' 04-KH/TW without term stay apart.
    assert (docs["key"].str.startswith("4-KH/TW#")).sum() == 2
    edges = corpus.edges()
    assert list(edges.columns)[:3] == ["file", "key", "scope"]
    assert len(edges) == 4
    assert corpus.mentions_per_year() == {2017: 3}
    assert len(corpus) == 3
    view = corpus._repr_html_()
    assert "<svg" in view and "5-CT/TW@XII" in view and "Hồ Chí Minh" in view
    assert "Corpus(3 documents" in repr(corpus)


def test_corpus_reads_dates_from_the_texts_and_checks_lengths() -> None:
    corpus = vanban.resolve_many([SEED])
    assert corpus.mentions_per_year() == {2016: 17}
    empty = vanban.resolve_many([])
    assert len(empty) == 0 and "No cited documents" in empty._repr_html_()
    with pytest.raises(ValueError):
        vanban.resolve_many(["a", "b"], names=["only one"])
    with pytest.raises(TypeError):
        vanban.resolve_many([1])  # type: ignore[list-item]
