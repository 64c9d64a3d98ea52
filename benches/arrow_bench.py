"""Arrow path, batch scaling, pickle and Dask benchmarks of the Python package (issue 14).

Run on an optimised build, from the repository root:

    VANBAN_RELEASE=1 bash scripts/test-python.sh
    cargo build --release -p vanban-resolve --example timing      # the Rust core alone
    .venv/bin/python benches/arrow_bench.py [--repeat 7] [--dask]

Texts: every `*.txt` under $VANBAN_CORPUS or ../shared/corpus (when present), else tests/fixtures. Prints MB/s of
the Rust core alone (grammar, and grammar + document keys; one core), of `extract_citations_arrow` on one core
and of the object API, the 2-core / 1-core ratios (median of paired runs), and
with `--dask` the time of `vanban.dask.extract_citations` on a 2-worker `distributed.LocalCluster`.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import vanban

ROOT = Path(__file__).resolve().parent.parent


def corpus() -> tuple[str, list[Path]]:
    shared = Path(os.environ.get("VANBAN_CORPUS") or ROOT.parent / "shared" / "corpus")
    files = sorted(shared.glob("**/*.txt")) if shared.is_dir() else []
    if files:
        return str(shared), files
    return "tests/fixtures", sorted((ROOT / "tests" / "fixtures").glob("**/*.txt"))


def cpu_of(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    """Median CPU seconds of this process (all its threads) over `repeat` calls: on a busy shared
    machine a one-thread figure in CPU time is inflated far less than in wall time."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.process_time()
        result = func()
        times.append(time.process_time() - t0)
    return statistics.median(times), result


def paired(repeat: int, a: Callable[[], Any], b: Callable[[], Any]) -> tuple[float, float, float, float]:
    """`a` and `b` in turn (A B A B …): the median of the pair ratios a/b of wall time (which holds
    when the machine's speed drifts between pairs), of CPU time, and the median walls of a and b."""
    wall: list[tuple[float, float]] = []
    cpu: list[tuple[float, float]] = []
    for _ in range(repeat):
        w, c = [], []
        for func in (a, b):
            t0, c0 = time.perf_counter(), time.process_time()
            func()
            w.append(time.perf_counter() - t0)
            c.append(time.process_time() - c0)
        wall.append((w[0], w[1]))
        cpu.append((c[0], c[1]))
    return (statistics.median(x / y for x, y in wall), statistics.median(x / y for x, y in cpu),
            statistics.median(x for x, _ in wall), statistics.median(y for _, y in wall))


def thread_cpu() -> dict[str, tuple[str, float]]:
    """CPU seconds so far of every thread of this process, by thread id: `(name, seconds)` (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for tid in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{tid}/stat") as f:
            stat = f.read()
        fields = stat[stat.rindex(")") + 2 :].split()
        out[tid] = (stat[stat.index("(") + 1 : stat.rindex(")")], (int(fields[11]) + int(fields[12])) / tick)
    return out


def critical_path(repeat: int, func: Callable[[], Any]) -> tuple[float, float]:
    """Total CPU seconds of `repeat` calls, and their critical path: the calling thread's CPU plus
    that of the busiest pool thread (`vanban-N`). On an idle machine the wall time of the calls
    is about the critical path; on a busy one the kernel shares CPU between sessions, not threads
    (autogroup), so a wall-clock speed-up of threads cannot show."""
    before, cpu0 = thread_cpu(), time.process_time()
    for _ in range(repeat):
        func()
    after, cpu = thread_cpu(), time.process_time() - cpu0  # process time counts exited threads too
    delta = {tid: (name, sec - before.get(tid, (name, 0.0))[1]) for tid, (name, sec) in after.items()}
    me = str(threading.get_native_id())
    pool = [sec for name, sec in delta.values() if name.startswith("vanban-") and name[7:].isdigit()]
    return cpu, delta[me][1] + max(pool, default=0.0)


def rust_core(files: list[Path]) -> tuple[float | None, float | None]:
    """MB per CPU second of the Rust core on one thread, from `vanban-resolve`'s `timing` example:
    the grammar alone, and the grammar plus document keys (the work every Python call does). The
    example times the two phases apart; the child's CPU time is split in that proportion."""
    exe = ROOT / "target" / "release" / "examples" / "timing"
    if not exe.exists():
        return None, None
    mb = sum(f.stat().st_size for f in files) / 1e6
    passes = 20
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([str(exe), *map(str, files)], env={**os.environ, "PASSES": str(passes)},
                         capture_output=True, text=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    words = out.stdout.split()  # "extract X ms, resolve Y ms per pass: …"
    if words[0] != "extract":
        raise SystemExit("target/release/examples/timing is the grammar's: build vanban-resolve's (see above)")
    extract, resolve = float(words[1]), float(words[4])
    return passes * mb / (cpu * extract / (extract + resolve)), passes * mb / cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--dask", action="store_true", help="also time vanban.dask on a LocalCluster")
    args = parser.parse_args()

    where, files = corpus()
    texts = [f.read_text(encoding="utf-8") for f in files]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"vanban {vanban.__version__}: {len(texts)} texts, {mb:.2f} MB from {where}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()}")

    def rate(s: float) -> str:
        return f"{mb / s:7.1f} MB/s ({s * 1e3:7.1f} ms)"

    print("One thread, MB per CPU second:")
    grammar, core = rust_core(files)
    print(f"  Rust grammar alone                         {grammar:7.1f} MB/s" if grammar else "  build the timing example")
    print(f"  Rust grammar + document keys               {core:7.1f} MB/s" if core else "")
    s_arrow, table = cpu_of(args.repeat, lambda: vanban.extract_citations_arrow(texts, threads=1))
    assert vanban.extract_citations_arrow(texts, threads=2).equals(table)
    print(f"  extract_citations_arrow(threads=1)         {rate(s_arrow)}, {table.num_rows} rows"
          + (f" = {mb / s_arrow / core:.0%} of grammar + keys" if core else ""))
    s_obj, _ = cpu_of(args.repeat, lambda: [vanban.extract_citations(t) for t in texts])
    print(f"  object API: [extract_citations(t) ...]     {rate(s_obj)}")
    s_many, _ = cpu_of(args.repeat, lambda: vanban.extract_citations_many(texts, threads=1))
    print(f"  extract_citations_many(threads=1)          {rate(s_many)}")
    s_tab, _ = cpu_of(args.repeat, lambda: vanban.to_pandas(vanban.extract_citations_many(texts, threads=1)))
    print(f"  to_pandas(extract_citations_many)          {rate(s_tab)}")
    s_tab_arrow, _ = cpu_of(args.repeat, lambda: vanban.to_pandas(vanban.extract_citations_arrow(texts, threads=1)))
    print(f"  to_pandas(extract_citations_arrow)         {rate(s_tab_arrow)}  x{s_tab / s_tab_arrow:.1f} faster")

    print("threads=2 against threads=1, paired runs (wall ratio, CPU ratio 2/1, median walls):")
    for name, func in (("extract_citations_arrow", vanban.extract_citations_arrow),
                       ("extract_citations_many", vanban.extract_citations_many),
                       ("parse_reports", vanban.parse_reports), ("parse_reports_arrow", vanban.parse_reports_arrow)):
        wall, cpu, w1, w2 = paired(args.repeat, lambda: func(texts, threads=1), lambda: func(texts, threads=2))
        print(f"  {name:40} x{wall:.2f} wall, CPU x{1 / cpu:.2f}; {w1 * 1e3:.0f} / {w2 * 1e3:.0f} ms")

    if Path("/proc/self/task").is_dir():
        print("threads=2 on an idle machine, estimated from CPU per thread (corpus x5, total CPU of threads=1 /"
              " critical path of threads=2):")
        big = texts * 5
        for name, func in (("extract_citations_arrow", vanban.extract_citations_arrow),
                           ("extract_citations_many", vanban.extract_citations_many),
                           ("parse_reports", vanban.parse_reports), ("parse_reports_arrow", vanban.parse_reports_arrow)):
            one, _ = critical_path(args.repeat, lambda: func(big, threads=1))
            total, path = critical_path(args.repeat, lambda: func(big, threads=2))
            print(f"  {name:40} x{one / path:.2f} (CPU {one:.2f} s on one thread; {total:.2f} s in all, "
                  f"critical path {path:.2f} s on two)")

    if args.dask:
        import dask.dataframe as dd
        import distributed
        import pandas as pd

        from vanban import dask as vanban_dask

        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
                distributed.Client(cluster):
            series = dd.from_pandas(pd.Series(texts), npartitions=8).persist()
            vanban_dask.extract_citations(series).compute()  # warm the workers

            def wall_of(func: Callable[[], Any]) -> tuple[float, Any]:
                times, result = [], None
                for _ in range(args.repeat):
                    t0 = time.perf_counter()
                    result = func()
                    times.append(time.perf_counter() - t0)
                return statistics.median(times), result

            s_dask, got = wall_of(lambda: vanban_dask.extract_citations(series).compute())
            print(f"vanban.dask.extract_citations, 2 workers, wall {rate(s_dask)}, {len(got)} rows")
            s_rep, _ = wall_of(lambda: vanban_dask.parse_reports(series, "people").compute())
            print(f"vanban.dask.parse_reports(people), 2 workers, wall {rate(s_rep)}")
    print(f"load {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
