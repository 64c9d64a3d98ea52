"""`vanban.dask` on a `distributed.LocalCluster` with 2 worker processes (issue 14 §3)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import vanban
from conftest import FIXTURES, read

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
import vanban.dask  # noqa: E402

TEXTS = [read(p) for p in FIXTURES]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as c:
        yield c


def local(table: Any, index: list[Any]) -> pd.DataFrame:
    frame = vanban.to_pandas(table)
    frame["doc"] = [index[d] for d in frame["doc"]]
    return frame


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain Python values: missing → None, arrays → lists, numpy scalars → Python."""

    def plain(v: Any) -> Any:
        if hasattr(v, "tolist"):
            return v.tolist()
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
            return None
        return v

    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.columns) == list(expected.columns)
    assert records(got) == records(expected)


def test_citations_on_two_workers(client: Any) -> None:
    index = [f"doc-{i:03}" for i in range(len(TEXTS))]
    series = dd.from_pandas(pd.Series(TEXTS, index=index), npartitions=4)
    result = vanban.dask.extract_citations(series)
    assert result.npartitions == 4
    got = result.compute()
    same(got, local(vanban.extract_citations_arrow(TEXTS), index))
    workers = client.run(lambda: 1)
    assert len(workers) == 2


def test_bag_index_is_the_position(client: Any) -> None:
    import dask.bag as db

    bag = db.from_sequence(TEXTS, npartitions=3)
    got = vanban.dask.extract_citations(bag).compute()
    same(got, local(vanban.extract_citations_arrow(TEXTS), list(range(len(TEXTS)))))


@pytest.mark.parametrize("table", vanban.dask.REPORT_TABLES)
def test_report_tables(client: Any, table: str) -> None:
    series = dd.from_pandas(pd.Series(TEXTS), npartitions=3)
    got = vanban.dask.parse_reports(series, table).compute()
    same(got, local(vanban.parse_reports_arrow(TEXTS)[table], list(range(len(TEXTS)))))


def test_unknown_table() -> None:
    series = dd.from_pandas(pd.Series(TEXTS[:2]), npartitions=1)
    with pytest.raises(ValueError, match="table must be one of"):
        vanban.dask.parse_reports(series, "nope")
