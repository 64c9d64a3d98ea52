#!/usr/bin/env bash
# Build the Python package `vanban` into .venv and run its tests (pytest + stubtest).
# Called by scripts/test-all.sh; needs only the Rust toolchain and Python >= 3.10.
#   PYTHON=python3.12 bash scripts/test-python.sh   # another interpreter for a new .venv
#   VANBAN_RELEASE=1  bash scripts/test-python.sh   # optimised build (for the benches/*.py)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv with $("$PYTHON" --version 2>&1)"
  "$PYTHON" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
export PIP_DISABLE_PIP_VERSION_CHECK=1

echo "== installing build and test tools"
# Everything the tests import: the optional integrations (pyarrow, polars, pandas, dask with
# distributed) are tested here too. pyspark is not: scripts/test-spark.sh.
python -m pip install -q "maturin>=1.9.4,<2" "pytest>=8" mypy pandas "pyarrow>=14" polars duckdb \
  "dask[dataframe,distributed]"

# A stale extension module in the source tree would shadow the new build.
rm -f python/vanban/*.so python/vanban/*.pyd

echo "== building vanban into .venv (maturin develop)"
if [ "${VANBAN_RELEASE:-0}" = 1 ]; then
  maturin develop --locked --profile wheel   # the wheel's optimised build
  profile=release
else
  # pyproject.toml builds wheels with the `wheel` profile; tests build the quick `dev` one.
  maturin develop --locked --profile dev
  profile=debug
fi

# The CLI from the same sources: pytest compares to_dict() with its JSON.
echo "== building the vanban CLI"
if [ "$profile" = release ]; then cargo build -q --locked --release -p vanban-cli; else cargo build -q --locked -p vanban-cli; fi
target_dir="$(cargo metadata --format-version 1 --no-deps | python -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
export VANBAN_CLI="$target_dir/$profile/vanban"

echo "== pytest"
python -m pytest -q tests

echo "== stubtest"
python -m mypy.stubtest vanban._vanban --allowlist python/stubtest-allowlist.txt
