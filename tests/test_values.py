"""Value semantics: equality, hashing, pickling, copying."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

import vanban
from conftest import EXAMPLE


@pytest.fixture
def citation() -> vanban.Citation:
    [c] = vanban.extract_citations(EXAMPLE)
    return c


def test_equality_and_hash(citation: vanban.Citation) -> None:
    [again] = vanban.extract_citations(EXAMPLE)
    assert citation == again and citation is not again
    assert hash(citation) == hash(again)
    assert len({citation, again}) == 1
    [shifted] = vanban.extract_citations("x " + EXAMPLE)
    assert shifted != citation  # same document, other offsets
    assert citation != citation.to_dict()
    assert citation != "Nghị quyết"
    assert {citation: 1}[again] == 1


def test_docnumber_equality_and_hash() -> None:
    a, b = vanban.parse_number("04-NQ/TW"), vanban.parse_number("04-NQ/TW")
    assert a == b and hash(a) == hash(b)
    assert a != vanban.parse_number("05-NQ/TW")


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(citation: vanban.Citation, protocol: int) -> None:
    back = pickle.loads(pickle.dumps(citation, protocol=protocol))
    assert back == citation
    assert type(back) is vanban.Citation
    assert back.to_dict() == citation.to_dict()
    number = vanban.parse_number("30/2020/NĐ-CP")
    assert pickle.loads(pickle.dumps(number, protocol=protocol)) == number


def test_pickle_list(citation: vanban.Citation) -> None:
    cites = vanban.extract_citations_many([EXAMPLE, "", EXAMPLE])
    assert pickle.loads(pickle.dumps(cites)) == cites


def test_copy(citation: vanban.Citation) -> None:
    assert copy.copy(citation) == citation
    assert copy.deepcopy(citation) == citation


def test_restore_rejects_garbage() -> None:
    for type_name in ("Citation", "DocNumber", "Report", "Span"):
        for state in (b"", b"{", b'{"text": 1}', b"[]", b"null", "\u00e9".encode()):
            with pytest.raises(ValueError, match=f"invalid {type_name} state"):
                vanban._vanban._restore(type_name, state)


def _numbers(texts: list[str]) -> list[list[vanban.Citation]]:
    return [vanban.extract_citations(t) for t in texts]


def test_crosses_processes(citation: vanban.Citation) -> None:
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        [result] = list(pool.map(_numbers, [[EXAMPLE]]))
    assert result == [[citation]]
