"""Pickle: one compact state per object, and crafted data that raises instead of crashing
(issue 11 item 8)."""

from __future__ import annotations

import pickle
import random
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


def test_state_is_compact_binary() -> None:
    [c] = vanban.extract_citations(EXAMPLE)
    restore, (name, state) = c.__reduce__()
    assert restore is _restore and name == "Citation" and isinstance(state, bytes)
    assert len(state) < 0.7 * len(c.to_json().encode())  # positions instead of key names
    assert _restore(name, state) == c


def test_list_pickle_keeps_order_and_types() -> None:
    cites = vanban.extract_citations_many([read(p) for p in FIXTURES])
    blob = pickle.dumps(cites, protocol=pickle.HIGHEST_PROTOCOL)
    assert pickle.loads(blob) == cites
    flat = [c for cs in cites for c in cs]
    assert len(flat) > 100 and blob.count(b"Citation") == 1  # one interned type name, memoised by pickle


# The binary state by hand (crates/vanban-python/src/state.rs): tags and short lengths.
NONE, UINT, STR, SEQ, MAP, STRUCT = b"\x00", b"\x03", b"\x06", b"\x08", b"\x09", b"\x0c"


def text(s: bytes) -> bytes:
    assert len(s) < 128  # a one-byte length
    return STR + bytes([len(s)]) + s


def nested(depth: int) -> bytes:
    """A node state with a `Span` inside a `Span` … `depth` times."""
    return (MAP + b"\x02" + text(b"\x00vanban-type") + text(b"Span") + text(b"x")) * depth + UINT + b"\x01"


@pytest.mark.parametrize("depth", [200, 100_000])
def test_deep_node_state_raises(depth: int) -> None:
    with pytest.raises(ValueError, match="invalid Span state"):
        _restore("Span", nested(depth))


@pytest.mark.parametrize("depth", [200, 100_000])
def test_deep_report_state_raises(depth: int) -> None:
    deep = (SEQ + b"\x01") * depth + NONE
    with pytest.raises(ValueError, match="invalid Report state"):
        _restore("Report", deep)


def test_moderately_deep_node_raises_not_crashes() -> None:
    # Within the decoder's limit (128) but beyond the conversion's own bound (64).
    with pytest.raises(ValueError, match="deeper than"):
        _restore("Span", nested(90))


def crafted(payload: bytes) -> bytes:
    """A pickle calling `_restore("Span", <payload>)`, written opcode by opcode (protocol 2)."""
    return b"\x80\x02cvanban._vanban\n_restore\nX\x04\x00\x00\x00Span" + payload + b"\x86R."


CRAFTED = {
    "self-referential list": b"]q\x00h\x00a",  # EMPTY_LIST, memo it, APPEND it to itself
    "100 000-deep list": b"]" * 100_000 + b"a" * 99_999,
    "self-referential dict": b"}q\x00X\x01\x00\x00\x00ah\x00s",
    "deep state bytes": b"B" + (200_001).to_bytes(4, "little") + (SEQ + b"\x01") * 100_000 + NONE,
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


def citation_state() -> bytes:
    [c] = vanban.extract_citations(EXAMPLE)
    return c.__reduce__()[1][1]


def test_truncated_states_raise() -> None:
    state = citation_state()
    for cut in range(len(state)):
        with pytest.raises(ValueError, match="invalid Citation state"):
            _restore("Citation", state[:cut])
    with pytest.raises(ValueError, match="trailing bytes"):
        _restore("Citation", state + NONE)


def test_random_states_raise() -> None:
    rng = random.Random(14)
    state = citation_state()
    for _ in range(3000):
        junk = rng.randbytes(rng.randrange(0, 300))
        with pytest.raises(ValueError):
            _restore(rng.choice(["Citation", "DocNumber", "Report", "Span"]), junk)
        # A real state with one byte changed: an error or another valid citation, never a crash.
        at = rng.randrange(len(state))
        flipped = state[:at] + bytes([rng.randrange(256)]) + state[at + 1 :]
        try:
            assert isinstance(_restore("Citation", flipped), vanban.Citation)
        except ValueError:
            pass


@pytest.mark.parametrize("prefix", [b"\xff" * 9 + b"\x7f", b"\xff\xff\xff\xff\x0f", b"\x80" * 11])
def test_huge_lengths_raise_at_once(prefix: bytes) -> None:
    # A forged length or count never allocates: it is checked against the bytes left.
    for tag in (STR, SEQ, MAP, STRUCT, b"\x07"):
        for type_name in ("Citation", "Report", "Span"):
            with pytest.raises(ValueError, match=f"invalid {type_name} state"):
                _restore(type_name, tag + prefix + b"\x00" * 8)
    inside = STRUCT + b"\x01" + b"\x00" + STR + prefix  # field 0 (`text`) with a forged length
    with pytest.raises(ValueError, match="invalid Citation state"):
        _restore("Citation", inside)


@pytest.mark.parametrize("depth", [129, 100_000])
def test_deep_citation_state_raises(depth: int) -> None:
    # Nesting inside a field of a citation (its `candidates`): rejected by the field's type.
    deep = STRUCT + b"\x01" + bytes([25]) + (SEQ + b"\x01") * depth + NONE
    with pytest.raises(ValueError, match="invalid Citation state"):
        _restore("Citation", deep)
    # A node's data takes any nesting: bounded by the decoder before any recursion.
    with pytest.raises(ValueError, match="nested too deep"):
        _restore("Span", (SEQ + b"\x01") * depth + NONE)


def test_every_fixture_citation_round_trips_positionally() -> None:
    # The positional layout relies on Citation's derived serde impls: every field of every
    # fixture citation (with and without references) must come back.
    for p in FIXTURES:
        for c in vanban.extract_citations(read(p), references=True):
            _, (name, state) = c.__reduce__()
            back = _restore(name, state)
            assert back == c and back.to_dict() == c.to_dict()
