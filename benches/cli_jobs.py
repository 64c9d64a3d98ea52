"""`vanban cite DIR --jobs 2` against `--jobs 1`: paired runs, the ratio taken pair by pair.

    cargo build --release -p vanban-cli
    python3 benches/cli_jobs.py [--runs 11] [--copies 20] [CORPUS_DIR]

The corpus folder (default $VANBAN_CORPUS or ../shared/corpus, else tests/fixtures) is passed `--copies` times on
one command line, so a run reads the archive that many times and process start-up does not
dominate. The two commands alternate (A B A B …) after a warm-up of each, and each pair's wall
time ratio is kept: on a shared machine whose speed drifts, the median of the pair ratios is the
figure to quote, together with the load average printed before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + sys) seconds of one run; the output is discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--runs", type=int, default=11, help="pairs counted")
    parser.add_argument("--copies", type=int, default=20, help="times the folder is named")
    parser.add_argument("--exe", default=str(ROOT / "target" / "release" / "vanban"))
    args = parser.parse_args()

    shared = Path(os.environ.get("VANBAN_CORPUS") or ROOT.parent / "shared" / "corpus")
    folder = args.corpus or (str(shared) if shared.is_dir() else str(ROOT / "tests" / "fixtures"))
    files = [p for p in Path(folder).rglob("*.txt")]
    mb = sum(p.stat().st_size for p in files) * args.copies / 1e6
    base = [args.exe, "cite", "--quiet", "--glob", "*.txt"]
    one = [*base, "--jobs", "1", *[folder] * args.copies]
    two = [*base, "--jobs", "2", *[folder] * args.copies]
    print(f"{len(files)} files × {args.copies} = {mb:.1f} MB; {os.cpu_count()} cores; load {os.getloadavg()}")
    run(one), run(two)  # warm-up: page cache, CPU frequency
    pairs = []
    for _ in range(args.runs):
        pairs.append((run(one), run(two)))
    ratios = [a[0] / b[0] for a, b in pairs]
    wall1 = statistics.median(a[0] for a, _ in pairs)
    wall2 = statistics.median(b[0] for _, b in pairs)
    cpu1 = statistics.median(a[1] for a, _ in pairs)
    cpu2 = statistics.median(b[1] for _, b in pairs)
    print(f"--jobs 1: median {wall1:.3f} s wall ({mb / wall1:.0f} MB/s), {cpu1:.3f} s CPU")
    print(f"--jobs 2: median {wall2:.3f} s wall ({mb / wall2:.0f} MB/s), {cpu2:.3f} s CPU")
    print(f"speed-up, median of {len(ratios)} pair ratios: ×{statistics.median(ratios):.2f} "
          f"(min ×{min(ratios):.2f}, max ×{max(ratios):.2f}); load after {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
