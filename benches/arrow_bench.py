"""Arrow path, batch scaling, pickle and Dask benchmarks of the Python package (issue 14).

Run on an optimised build, from the repository root:

    VANBAN_RELEASE=1 bash scripts/test-python.sh
    cargo build --release -p vanban-grammar --example timing      # the Rust core alone
    .venv/bin/python benches/arrow_bench.py [--repeat 5] [--pickle 193000] [--dask]

Texts: every `*.txt` under ../shared/corpus (when present), else tests/fixtures. Prints MB/s of
the Rust core alone (the `timing` example, one core), of `extract_citations_arrow` on one core
and of the object API, the 2-core / 1-core ratios, pickle times for `--pickle` citations, and
with `--dask` the time of `vanban.dask.extract_citations` on a 2-worker `distributed.LocalCluster`.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import vanban

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> tuple[str, list[Path]]:
    shared = ROOT.parent / "shared" / "corpus"
    files = sorted(shared.glob("**/*.txt")) if shared.is_dir() else []
    if files:
        return str(shared), files
    return "tests/fixtures", sorted((ROOT / "tests" / "fixtures").glob("**/*.txt"))


def best_of(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t0)
    return best, result


def rust_core(files: list[Path]) -> float | None:
    exe = ROOT / "target" / "release" / "examples" / "timing"
    if not exe.exists():
        return None
    out = subprocess.run([str(exe), *map(str, files)], env={**os.environ, "PASSES": "20"}, capture_output=True, text=True)
    return float(out.stdout.split()[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pickle", type=int, default=193_000, help="citations to pickle")
    parser.add_argument("--dask", action="store_true", help="also time vanban.dask on a LocalCluster")
    args = parser.parse_args()

    where, files = corpus()
    texts = [f.read_text(encoding="utf-8") for f in files]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"vanban {vanban.__version__}: {len(texts)} texts, {mb:.2f} MB from {where}, {os.cpu_count()} cores")

    def rate(s: float) -> str:
        return f"{mb / s:7.1f} MB/s ({s * 1e3:7.1f} ms)"

    core = rust_core(files)
    print(f"Rust core alone, one core (timing example)   {core:7.1f} MB/s" if core else "Rust core: build the timing example")
    s_arrow1, table = best_of(args.repeat, lambda: vanban.extract_citations_arrow(texts, threads=1))
    s_arrow2, table2 = best_of(args.repeat, lambda: vanban.extract_citations_arrow(texts, threads=2))
    assert table2.equals(table)
    print(f"extract_citations_arrow, threads=1           {rate(s_arrow1)}, {table.num_rows} rows"
          + (f"  = {mb / s_arrow1 / core:.0%} of the core" if core else ""))
    print(f"extract_citations_arrow, threads=2           {rate(s_arrow2)}  x{s_arrow1 / s_arrow2:.2f}")
    s_obj, cites = best_of(args.repeat, lambda: [vanban.extract_citations(t) for t in texts])
    print(f"object API: extract_citations loop           {rate(s_obj)}")
    s_tab, _ = best_of(args.repeat, lambda: vanban.to_pandas(vanban.extract_citations_many(texts, threads=1)))
    print(f"object API to a table: to_pandas(many, 1)    {rate(s_tab)}")
    s_tab_arrow, _ = best_of(args.repeat, lambda: vanban.to_pandas(vanban.extract_citations_arrow(texts, threads=1)))
    print(f"Arrow to a table: to_pandas(arrow, 1)        {rate(s_tab_arrow)}  x{s_tab / s_tab_arrow:.1f} faster")
    for name, func in (("extract_citations_many", vanban.extract_citations_many), ("parse_reports", vanban.parse_reports),
                       ("parse_reports_arrow", vanban.parse_reports_arrow)):
        s1, _ = best_of(args.repeat, lambda: func(texts, threads=1))
        s2, _ = best_of(args.repeat, lambda: func(texts, threads=2))
        print(f"{name + ', threads=1 / 2':44} {rate(s1)} / {rate(s2)}  x{s1 / s2:.2f}")

    flat = [c for cs in cites for c in cs]
    many = (flat * (args.pickle // len(flat) + 1))[: args.pickle]
    s_dump, blob = best_of(3, lambda: pickle.dumps(many, protocol=pickle.HIGHEST_PROTOCOL))
    s_load, back = best_of(3, lambda: pickle.loads(blob))
    assert back == many
    print(f"pickle {len(many)} citations: dumps {s_dump:.3f} s, loads {s_load:.3f} s, {len(blob) / 1e6:.0f} MB")
    if args.dask:
        import dask.dataframe as dd
        import distributed
        import pandas as pd

        import vanban.dask

        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
                distributed.Client(cluster):
            series = dd.from_pandas(pd.Series(texts), npartitions=8).persist()
            vanban.dask.extract_citations(series).compute()  # warm the workers
            s_dask, got = best_of(args.repeat, lambda: vanban.dask.extract_citations(series).compute())
            print(f"vanban.dask.extract_citations, 2 workers     {rate(s_dask)}, {len(got)} rows")
            s_rep, _ = best_of(args.repeat, lambda: vanban.dask.parse_reports(series, "people").compute())
            print(f"vanban.dask.parse_reports(people), 2 workers {rate(s_rep)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
