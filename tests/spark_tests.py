"""`vanban.spark` on a local Spark session; run by `VANBAN_SPARK=1 bash scripts/test-spark.sh`
(the file name keeps it out of the default pytest run)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import vanban
import vanban.spark
from conftest import FIXTURES, read

pyspark = pytest.importorskip("pyspark")
# pyspark warns about pandas versions it has not certified; vanban's path does not use pandas.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
TEXTS = [read(p) for p in FIXTURES]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("vanban-test")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


def expected(ids: list[Any]) -> list[dict[str, Any]]:
    rows = vanban.extract_citations_arrow(TEXTS).to_pylist()
    return [{**r, "doc": ids[r["doc"]]} for r in rows]


def test_citations_with_a_doc_column(spark: Any) -> None:
    ids = [f"f{i:03}" for i in range(len(TEXTS))]
    df = spark.createDataFrame(list(zip(ids, TEXTS)), ["id", "text"]).repartition(3)
    out = vanban.spark.extract_citations(df, column="text", doc="id")
    assert out.columns == vanban.extract_citations_arrow([]).column_names
    got = sorted((r.asDict(recursive=True) for r in out.collect()), key=lambda r: (r["doc"], r["start"]))
    assert got == expected(ids)


def test_citations_default_doc_is_a_row_id(spark: Any) -> None:
    df = spark.createDataFrame([(t,) for t in TEXTS], ["body"])
    out = vanban.spark.extract_citations(df, column="body")
    rows = out.collect()
    assert len(rows) == len(expected(list(range(len(TEXTS)))))
    assert dict(out.dtypes)["doc"] == "bigint" and dict(out.dtypes)["start"] == "bigint"
