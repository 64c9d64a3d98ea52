"""vanban's Python API against a careful plain-`re` extractor (benches/re_extractor.py), in one run.

Run on an optimised build, from the repository root:

    VANBAN_RELEASE=1 bash scripts/test-python.sh     # or: . .venv/bin/activate && maturin develop --release
    .venv/bin/python benches/compare.py [--repeat 5] [--threads 2] [--no-eval] [--no-batch]

Over the same texts (every `*.txt` under ../shared/corpus when present, else tests/fixtures), prints:
- MB/s of `vanban.extract_citations` and of the `re` extractor (best of `--repeat` passes, one
  core, each building one result object per citation), their ratio, and the citations each finds;
- recall, precision and field accuracy of both on ../shared/corpus/gold_dev.jsonl, by
  ../shared/tools/eval_citations.py through the shim `benches/re_extractor.py [--vanban] PATH`;
- the batch API's speed-up over a Python loop (benches/compare_batch.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

import vanban

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare_batch  # noqa: E402
import re_extractor  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def evaluate(cmd: str) -> str:
    gold = SHARED / "corpus" / "gold_dev.jsonl"
    tool = SHARED / "tools" / "eval_citations.py"
    if not gold.is_file() or not tool.is_file():
        return "(no gold file)"
    out = subprocess.run(
        [sys.executable, str(tool), str(gold), "--cmd", cmd], capture_output=True, text=True, check=True
    ).stdout
    m = re.search(r"recall=\S+ precision=\S+ fields=\S+", out)
    return m.group(0) if m else out.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--no-eval", action="store_true")
    parser.add_argument("--no-batch", action="store_true")
    args = parser.parse_args()

    where, texts = compare_batch.corpus()
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"vanban {vanban.__version__}, Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    print(f"{len(texts)} texts, {size / 1e6:.2f} MB from {where}\n")

    def run_vanban() -> int:
        return sum(len(vanban.extract_citations(t)) for t in texts)

    def run_re() -> int:
        return sum(len(re_extractor.extract(t)) for t in texts)

    v_s, v_n = compare_batch.best_of(args.repeat, run_vanban)
    r_s, r_n = compare_batch.best_of(args.repeat, run_re)
    print("citation extraction, one core, Python loop over texts (best of %d)" % args.repeat)
    print(f"  vanban.extract_citations   {size / v_s / 1e6:8.1f} MB/s  {v_n / v_s:10.0f} citations/s  {v_n:6d} citations")
    print(f"  re extractor               {size / r_s / 1e6:8.1f} MB/s  {r_n / r_s:10.0f} citations/s  {r_n:6d} citations")
    print(f"  vanban is x{r_s / v_s:.1f} the speed of re, and finds {v_n - r_n:+d} citations")

    if not args.no_eval:
        shim = f"{sys.executable} {ROOT / 'benches' / 're_extractor.py'}"
        print("\naccuracy on gold_dev.jsonl (eval_citations.py)")
        print(f"  vanban        {evaluate(shim + ' --vanban')}")
        print(f"  re extractor  {evaluate(shim)}")

    if not args.no_batch:
        print("\nbatch API vs a Python loop")
        compare_batch.bench("citations", vanban.extract_citations, vanban.extract_citations_many, texts, args)
        compare_batch.bench("reports  ", vanban.parse_report, vanban.parse_reports, texts, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
