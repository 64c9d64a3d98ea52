"""Batch calls and threads."""

from __future__ import annotations

import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

import vanban
from conftest import EXAMPLE, FIXTURES, read

TEXTS = [read(p) for p in FIXTURES] + [EXAMPLE, "", "không có gì", unicodedata.normalize("NFD", EXAMPLE)] * 3


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_batch_equals_loop(threads: int | None) -> None:
    assert vanban.extract_citations_many(TEXTS, threads=threads) == [vanban.extract_citations(t) for t in TEXTS]


def test_batch_accepts_any_iterable() -> None:
    expected = [vanban.extract_citations(t) for t in TEXTS]
    assert vanban.extract_citations_many(t for t in TEXTS) == expected
    assert vanban.extract_citations_many(tuple(TEXTS)) == expected
    assert vanban.extract_citations_many([]) == []


def test_batch_type_errors() -> None:
    with pytest.raises(TypeError, match="not a single str"):
        vanban.extract_citations_many(EXAMPLE)
    with pytest.raises(TypeError, match=r"texts\[1\] must be str, not bytes"):
        vanban.extract_citations_many([EXAMPLE, b"x"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        vanban.extract_citations_many(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        vanban.extract_citations_many(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        vanban.extract_citations_many([EXAMPLE], 2)  # type: ignore[misc]  # threads is keyword-only
    with pytest.raises(UnicodeEncodeError):
        vanban.extract_citations_many([EXAMPLE, "\ud800"])


@pytest.mark.parametrize("threads", [0, -1])
def test_batch_threads_must_be_positive(threads: int) -> None:
    with pytest.raises(ValueError, match="threads"):
        vanban.extract_citations_many(TEXTS, threads=threads)


def test_thread_pool_over_single_calls() -> None:
    texts = TEXTS * 4
    expected = [vanban.extract_citations(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(vanban.extract_citations, texts)) == expected
        assert list(pool.map(lambda t: vanban.extract_citations_many([t, t], threads=2), texts)) == [
            [e, e] for e in expected
        ]
