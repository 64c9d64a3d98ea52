"""Batch speed-up of the Python package: `extract_citations_many` vs a Python loop over `extract_citations`.

Run on an optimised build, from the repository root:

    VANBAN_RELEASE=1 bash scripts/test-python.sh     # or: . .venv/bin/activate && maturin develop --release
    .venv/bin/python benches/compare_batch.py [--repeat 5] [--threads 2]

Texts: every `*.txt` under ../shared/corpus (when present), else tests/fixtures. Reports the best of
`--repeat` runs of each variant, and checks that the batch result equals the loop result.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import vanban

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> tuple[str, list[str]]:
    shared = ROOT.parent / "shared" / "corpus"
    files = sorted(shared.glob("**/*.txt")) if shared.is_dir() else []
    where = str(shared)
    if not files:
        files = sorted((ROOT / "tests" / "fixtures").glob("**/*.txt"))
        where = "tests/fixtures"
    return where, [f.read_text(encoding="utf-8") for f in files]


def best_of(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t0)
    return best, result


def bench(name: str, single: Callable[[str], Any], batch: Callable[..., Any], texts: list[str], args: Any) -> None:
    loop_s, expected = best_of(args.repeat, lambda: [single(t) for t in texts])
    print(f"{name}: Python loop                     {loop_s * 1e3:9.1f} ms")
    for threads in sorted({1, args.threads}):
        s, got = best_of(args.repeat, lambda: batch(texts, threads=threads))
        assert got == expected, "batch result differs from the loop"
        print(f"{name}: batch, threads={threads:<2}              {s * 1e3:9.1f} ms   speed-up x{loop_s / s:.2f}")
    s, got = best_of(args.repeat, lambda: batch(texts))
    assert got == expected
    print(f"{name}: batch, threads=None (all cores) {s * 1e3:9.1f} ms   speed-up x{loop_s / s:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    where, texts = corpus()
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"vanban {vanban.__version__}: {len(texts)} texts, {size / 1e6:.1f} MB from {where}, {os.cpu_count()} cores")
    n = sum(len(c) for c in vanban.extract_citations_many(texts))
    print(f"{n} citations")
    bench("citations", vanban.extract_citations, vanban.extract_citations_many, texts, args)
    if hasattr(vanban, "parse_reports"):
        bench("reports  ", vanban.parse_report, vanban.parse_reports, texts, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
