#!/usr/bin/env bash
# vanban.spark on a local Spark session (pyspark is large, so it is not in scripts/test-python.sh).
# Needs Java 17+ on PATH and the .venv of scripts/test-python.sh (built first if missing):
#   VANBAN_SPARK=1 bash scripts/test-spark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${VANBAN_SPARK:-0}" != 1 ]; then
  echo "set VANBAN_SPARK=1 to run the Spark tests (they install pyspark and start a JVM)" >&2
  exit 0
fi
command -v java >/dev/null || { echo "scripts/test-spark.sh: needs java (17+) on PATH" >&2; exit 2; }
[ -x .venv/bin/python ] || bash scripts/test-python.sh
# shellcheck disable=SC1091
. .venv/bin/activate
export PIP_DISABLE_PIP_VERSION_CHECK=1
python -m pip install -q "pyspark>=3.5"
python -m pytest -q tests/spark_tests.py
