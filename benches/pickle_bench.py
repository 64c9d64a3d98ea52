"""Pickle of a large list of citations (and of reports): dumps and loads times.

    VANBAN_RELEASE=1 bash scripts/test-python.sh
    .venv/bin/python benches/pickle_bench.py [--citations 193000] [--repeat 5]

Times are CPU seconds of this process (pickle is single-threaded), so a busy machine inflates
them less than wall time. Uses only `extract_citations`, `parse_reports` and `pickle`, so the same script measures any
version of the package (install an older one into another virtual environment to compare).
Citations: every citation of the corpus ($VANBAN_CORPUS or ../shared/corpus, else tests/fixtures), repeated to
`--citations` objects; reports: one per corpus text.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import time
from pathlib import Path

import vanban

ROOT = Path(__file__).resolve().parent.parent


def timed(repeat: int, func):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        t0 = time.process_time()  # CPU seconds: pickle runs on one thread; robust on a busy machine
        result = func()
        times.append(time.process_time() - t0)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citations", type=int, default=193_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    shared = Path(os.environ.get("VANBAN_CORPUS") or ROOT.parent / "shared" / "corpus")
    files = sorted(shared.rglob("*.txt")) if shared.is_dir() else sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    many: list[vanban.Citation] = []
    while len(many) < args.citations:  # distinct objects (pickle would store a repeated one once)
        many.extend(c for t in texts for c in vanban.extract_citations(t))
    del many[args.citations :]
    print(f"vanban {vanban.__version__}, load {os.getloadavg()}")
    p = pickle.HIGHEST_PROTOCOL
    dump, blob = timed(args.repeat, lambda: pickle.dumps(many, protocol=p))
    load, back = timed(args.repeat, lambda: pickle.loads(blob))
    assert back == many
    print(f"{len(many)} citations: dumps {dump:.3f} s, loads {load:.3f} s, "
          f"round trip {dump + load:.3f} s, {len(blob) / 1e6:.1f} MB (CPU, median of {args.repeat})")
    reports = vanban.parse_reports(texts)
    dump, blob = timed(args.repeat, lambda: pickle.dumps(reports, protocol=p))
    load, back = timed(args.repeat, lambda: pickle.loads(blob))
    assert [r.to_dict() for r in back] == [r.to_dict() for r in reports]
    print(f"{len(reports)} reports: dumps {dump:.3f} s, loads {load:.3f} s, "
          f"round trip {dump + load:.3f} s, {len(blob) / 1e6:.1f} MB; load {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
