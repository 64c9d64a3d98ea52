"""Threads, processes and signals: one bounded pool, fork and spawn, Ctrl-C (issue 11 items 9, 13)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import vanban
from conftest import EXAMPLE, ROOT

TEXTS = [EXAMPLE] * 200


def os_threads() -> int:
    return len(os.listdir("/proc/self/task"))


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_threads_bounded_by_the_cores() -> None:
    # Run in a fresh interpreter so other tests' threads do not count.
    code = textwrap.dedent(
        """
        import os, vanban
        import pyarrow  # its own threads start at import: count from here
        before = len(os.listdir("/proc/self/task"))
        for n in range(1, 66):
            vanban.extract_citations_many(["Chỉ thị 05"] * 8, threads=n)
            vanban.parse_reports(["Chỉ thị 05"] * 8, threads=n)
        vanban.extract_citations_many(["Chỉ thị 05"] * 8, threads=None)
        vanban.extract_citations_arrow(["Chỉ thị 05"] * 8, threads=64)
        print(len(os.listdir("/proc/self/task")) - before, os.cpu_count())
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    added, cores = map(int, out.split())
    assert added <= len(os.sched_getaffinity(0)) <= (cores or 1), out


def test_threads_above_the_cores_give_the_same_result() -> None:
    assert vanban.extract_citations_many(TEXTS, threads=10_000) == vanban.extract_citations_many(TEXTS, threads=1)


def _work(_: int) -> int:
    return sum(len(cs) for cs in vanban.extract_citations_many(TEXTS, threads=2))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_pool_survives_multiprocessing(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    expected = _work(0)  # the parent's pool exists before the fork
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(2) as pool:
        result = pool.map_async(_work, range(4))
        assert result.get(timeout=120) == [expected] * 4


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_plain_fork_then_batch() -> None:
    vanban.extract_citations_many(TEXTS, threads=2)  # pool threads exist in the parent
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        try:
            n = _work(0)
            os.write(w, str(n).encode())
        finally:
            os._exit(0)
    os.close(w)
    _, status = os.waitpid(pid, 0)
    got = os.read(r, 100).decode()
    os.close(r)
    assert os.WIFEXITED(status) and got == str(_work(0))


INTERRUPT = """
import sys, time, vanban
big = "Nghị quyết số 04-NQ/TW ngày 30-10-2016 của Ban Chấp hành Trung ương khoá XII. " * {repeat}
t0 = time.monotonic()
{call}
print("ready", time.monotonic() - t0, flush=True)
t0 = time.monotonic()
try:
    while True:
        {call}
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    ("call", "repeat"),
    [
        ("vanban.extract_citations_many([big] * 40, threads=1)", 500),
        ("vanban.parse_reports([big] * 40, threads=2)", 500),
        ("vanban.extract_citations_arrow([big] * 40, threads=2)", 500),
        ("vanban.extract_citations(big)", 20_000),
        ("vanban.parse_report(big)", 20_000),
    ],
    ids=["many", "reports", "arrow", "single", "single-report"],
)
def test_ctrl_c_interrupts_promptly(call: str, repeat: int) -> None:
    """SIGINT in the middle of a long call raises KeyboardInterrupt well before the call ends.

    The child times one call, then repeats it; the signal lands mid-call and must be answered in
    under half a call (a batch waits for the texts in progress, 1/40 of it). With a release build
    a call is short and the bound falls back to one second.
    """
    code = INTERRUPT.format(call=call, repeat=repeat)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    ready, one_call = proc.stdout.readline().split()
    assert ready == "ready"
    time.sleep(min(float(one_call) / 2, 2.0))
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out = proc.stdout.read()
    proc.stdout.close()
    proc.wait(timeout=120)
    waited = time.monotonic() - sent
    assert out.strip() == "interrupted", out
    assert waited < max(float(one_call) / 2, 1.0), f"KeyboardInterrupt {waited:.2f} s after SIGINT; a call takes {one_call} s"
