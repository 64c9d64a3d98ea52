"""Pickle: one compact state per object, and crafted data that raises instead of crashing
(issue 11 item 8)."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

import vanban
from conftest import EXAMPLE, FIXTURES, read
from vanban._vanban import _restore


def parts(report: vanban.Report) -> list[object]:
    out: list[object] = []
    for name in report._fields:
        value = getattr(report, name)
        out.extend(value if isinstance(value, tuple) else [value])
    return [v for v in out if isinstance(v, (vanban.Node, vanban.Citation))]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_object_round_trips(path) -> None:  # type: ignore[no-untyped-def]
    report = vanban.parse_report(read(path))
    back = pickle.loads(pickle.dumps(report))
    assert back == report and back.source == report.source and back.to_dict() == report.to_dict()
    for part in parts(report):
        again = pickle.loads(pickle.dumps(part))
        assert again == part and type(again) is type(part)
        assert again.to_dict() == part.to_dict()  # type: ignore[attr-defined]
        if isinstance(part, vanban.Node):
            assert again._type == part._type and repr(again) == repr(part)


def test_state_is_compact_json() -> None:
    [c] = vanban.extract_citations(EXAMPLE)
    restore, (name, state) = c.__reduce__()
    assert restore is _restore and name == "Citation" and state == c.to_json().encode()


def test_list_pickle_keeps_order_and_types() -> None:
    cites = vanban.extract_citations_many([read(p) for p in FIXTURES])
    blob = pickle.dumps(cites, protocol=pickle.HIGHEST_PROTOCOL)
    assert pickle.loads(blob) == cites
    flat = [c for cs in cites for c in cs]
    assert len(flat) > 100 and blob.count(b"Citation") == 1  # one interned type name, memoised by pickle


def nested(depth: int) -> bytes:
    return b'{"\\u0000vanban-type":"Span","x":' * depth + b"1" + b"}" * depth


@pytest.mark.parametrize("depth", [200, 100_000])
def test_deep_node_state_raises(depth: int) -> None:
    with pytest.raises(ValueError, match="invalid Span state"):
        _restore("Span", nested(depth))


@pytest.mark.parametrize("depth", [200, 100_000])
def test_deep_report_state_raises(depth: int) -> None:
    deep = b"[" * depth + b"]" * depth
    with pytest.raises(ValueError, match="invalid Report state"):
        _restore("Report", deep)


def test_moderately_deep_node_raises_not_crashes() -> None:
    # Within serde_json's limit (128) but beyond the conversion's own bound (64).
    with pytest.raises(ValueError, match="deeper than"):
        _restore("Span", nested(90))


def crafted(payload: bytes) -> bytes:
    """A pickle calling `_restore("Span", <payload>)`, written opcode by opcode (protocol 2)."""
    return b"\x80\x02cvanban._vanban\n_restore\nX\x04\x00\x00\x00Span" + payload + b"\x86R."


CRAFTED = {
    "self-referential list": b"]q\x00h\x00a",  # EMPTY_LIST, memo it, APPEND it to itself
    "100 000-deep list": b"]" * 100_000 + b"a" * 99_999,
    "self-referential dict": b"}q\x00X\x01\x00\x00\x00ah\x00s",
    "deep JSON bytes": b"B" + (200_000).to_bytes(4, "little") + b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("payload", CRAFTED.values(), ids=CRAFTED.keys())
def test_crafted_pickles_raise(payload: bytes) -> None:
    # In a subprocess: a crash would be a signal, not an exception.
    code = f"import pickle, vanban\ntry:\n    pickle.loads({crafted(payload)!r})\nexcept (TypeError, ValueError) as e:\n    print(type(e).__name__)\n"
    proc = subprocess.run([sys.executable, "-"], input=code, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]  # a segfault is -11
    assert proc.stdout.strip() in ("TypeError", "ValueError"), proc.stdout


def test_old_reconstructors_are_gone() -> None:
    # Only `_restore` rebuilds objects, from bytes.
    assert not hasattr(vanban.Node, "_new")
    assert not hasattr(vanban.Citation, "_from_state")
    assert not hasattr(vanban.Report, "_from_state")
