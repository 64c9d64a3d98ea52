"""Arrow tables: `extract_citations_arrow`, `parse_reports_arrow`, `to_polars`, `to_pandas`."""

from __future__ import annotations

from typing import Any

import pytest

import vanban
from conftest import EXAMPLE, FIXTURES, read

pa = pytest.importorskip("pyarrow")

TEXTS = [read(p) for p in FIXTURES]


def rows_of_objects(texts: list[str]) -> list[dict[str, Any]]:
    return [{"doc": i, **c.to_dict()} for i, t in enumerate(texts) for c in vanban.extract_citations(t)]


def test_table_equals_object_api() -> None:
    table = vanban.extract_citations_arrow(TEXTS)
    assert isinstance(table, pa.Table)
    assert table.to_pylist() == rows_of_objects(TEXTS)
    assert table.num_rows > 100  # the fixtures hold many citations


def test_schema_is_the_model() -> None:
    table = vanban.extract_citations_arrow([EXAMPLE])
    [c] = vanban.extract_citations(EXAMPLE)
    assert table.column_names == ["doc", *c.to_dict()]
    for name in ("doc", "start", "end", "byte_start", "byte_end", "number", "year", "term", "plenum", "congress"):
        assert table.schema.field(name).type == pa.int64(), name  # Spark rejects unsigned
    assert table.schema.field("kind").type == pa.string()
    assert table.schema.field("short").type == pa.bool_()
    for field in table.schema:  # what Spark's Arrow reader takes
        assert not pa.types.is_large_list(field.type) and not pa.types.is_large_string(field.type), field
    assert vanban.extract_citations_arrow([]).schema == table.schema


@pytest.mark.parametrize(
    "make",
    [
        lambda ts: pa.array(ts, type=pa.string()),
        lambda ts: pa.array(ts, type=pa.large_string()),
        lambda ts: pa.array(ts, type=pa.string_view()),
        lambda ts: pa.chunked_array([ts[:3], ts[3:], []], type=pa.string()),
        tuple,
        iter,
    ],
    ids=["string", "large_string", "string_view", "chunked", "tuple", "iterator"],
)
def test_inputs(make: Any) -> None:
    expected = vanban.extract_citations_arrow(TEXTS)
    assert vanban.extract_citations_arrow(make(TEXTS)).equals(expected)


def test_polars_series_input_and_output() -> None:
    pl = pytest.importorskip("polars")
    series = pl.Series("text", TEXTS)  # exports string_view through the Arrow C stream
    table = vanban.extract_citations_arrow(series)
    assert table.equals(vanban.extract_citations_arrow(TEXTS))
    frame = vanban.to_polars(table)
    assert isinstance(frame, pl.DataFrame) and frame.height == table.num_rows
    objects = vanban.to_polars(vanban.extract_citations_many(TEXTS))
    assert objects.columns == frame.columns
    assert objects.to_dicts() == frame.to_dicts()


def test_nulls_are_empty_texts() -> None:
    table = vanban.extract_citations_arrow(pa.array([None, EXAMPLE, None]))
    assert table.column("doc").to_pylist() == [1]


def test_input_errors() -> None:
    with pytest.raises(TypeError, match="Arrow array of strings"):
        vanban.extract_citations_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match="single str"):
        vanban.extract_citations_arrow(EXAMPLE)
    with pytest.raises(TypeError, match=r"texts\[1\] must be str"):
        vanban.extract_citations_arrow([EXAMPLE, 3])
    with pytest.raises(ValueError, match="threads"):
        vanban.extract_citations_arrow([EXAMPLE], threads=0)


def test_offsets_slice_back_for_nfd_and_astral() -> None:
    import unicodedata

    texts = [unicodedata.normalize("NFD", t) for t in TEXTS] + ["😀 " + EXAMPLE]
    table = vanban.extract_citations_arrow(texts)
    for row in table.to_pylist():
        assert texts[row["doc"]][row["start"] : row["end"]] == row["text"]
        assert texts[row["doc"]].encode()[row["byte_start"] : row["byte_end"]].decode() == row["text"]


def test_many_texts_span_several_batches() -> None:
    texts = [EXAMPLE] * 5000
    table = vanban.extract_citations_arrow(texts, threads=2)
    assert len(table.to_batches()) > 1
    assert table.column("doc").to_pylist() == list(range(5000))


def test_report_tables_equal_reports() -> None:
    tables = vanban.parse_reports_arrow(TEXTS)
    assert list(tables) == ["reports", "citations", "paragraphs", "items", "people", "sections"]
    reports = [vanban.parse_report(t) for t in TEXTS]
    assert tables["reports"].column("doc").to_pylist() == list(range(len(TEXTS)))
    assert tables["reports"].column("kind").to_pylist() == [r.kind for r in reports]
    assert tables["reports"].column("title").to_pylist() == [r.title.text if r.title else None for r in reports]
    assert tables["citations"].equals(vanban.extract_citations_arrow(TEXTS))
    for part in ("paragraphs", "items", "people"):
        expected = [{"doc": i, **p} for i, r in enumerate(reports) for p in r.to_dict()[part]]
        assert tables[part].to_pylist() == expected, part


def test_section_table_is_the_outline() -> None:
    tables = vanban.parse_reports_arrow(TEXTS)
    rows = tables["sections"].to_pylist()
    assert rows, "the document fixtures have outlines"

    def walk(sections: list[dict[str, Any]], parent: int | None, out: list[tuple[Any, ...]]) -> None:
        for s in sections:
            out.append((parent, s["label"], s["level"], s["text"], s["start"], s["end"]))
            walk(s["children"], len(out) - 1, out)

    for i, text in enumerate(TEXTS):
        expected: list[tuple[Any, ...]] = []
        walk(vanban.parse_report(text).to_dict()["sections"], None, expected)
        mine = [r for r in rows if r["doc"] == i]
        assert [r["index"] for r in mine] == list(range(len(mine)))
        assert [(r["parent"], r["label"], r["level"], r["text"], r["start"], r["end"]) for r in mine] == expected


def test_duckdb_reads_the_table() -> None:
    duckdb = pytest.importorskip("duckdb")
    cites = vanban.extract_citations_arrow(TEXTS)  # noqa: F841 - read by name below
    [(n,)] = duckdb.sql("SELECT count(*) FROM cites").fetchall()
    assert n == len(rows_of_objects(TEXTS))


def test_to_pandas_of_table_and_of_objects() -> None:
    pd = pytest.importorskip("pandas")
    from_table = vanban.to_pandas(vanban.extract_citations_arrow(TEXTS))
    from_objects = vanban.to_pandas(vanban.extract_citations_many(TEXTS))
    assert list(from_table.columns) == list(from_objects.columns)
    assert len(from_table) == len(from_objects)
    assert from_table["number"].dtype == pd.Int64Dtype()


def test_to_pandas_rejects_a_report() -> None:
    pytest.importorskip("pandas")
    report = vanban.parse_report(TEXTS[0])
    for bad in (report, [report]):
        with pytest.raises(TypeError, match="Report"):
            vanban.to_pandas(bad)
        with pytest.raises(TypeError, match="Report"):
            vanban.to_polars(bad)
