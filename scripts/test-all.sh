#!/usr/bin/env bash
# Every test of vanban, Rust and Python, from a fresh clone.
# Needs only the Rust toolchain and Python >= 3.10; installs maturin and pytest into .venv itself.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Rust: cargo test --workspace"
INSTA_UPDATE=no cargo test --workspace --locked

if [ -f pyproject.toml ]; then
  echo "== Python: build the package into .venv and run pytest"
  bash scripts/test-python.sh
fi
