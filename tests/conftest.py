"""Shared helpers of the pytest suite: fixture files and the `vanban` command-line tool."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DIR = ROOT / "tests" / "fixtures"
FIXTURES = sorted(FIXTURE_DIR.glob("**/*.txt"))

# The canonical example of the README / issue.
EXAMPLE = "Nghị quyết số 04-NQ/TW ngày 30-10-2016"


def fixture_id(path: Path) -> str:
    return str(path.relative_to(FIXTURE_DIR))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def cli() -> list[str]:
    """The command that runs the `vanban` CLI, built from this checkout.

    `VANBAN_CLI` (set by scripts/test-python.sh) names a built binary; otherwise cargo builds it
    once per session so that the CLI and the Python module come from the same sources.
    """
    if exe := os.environ.get("VANBAN_CLI"):
        return [exe]
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.skip("needs cargo or VANBAN_CLI to run the vanban CLI")
    subprocess.run([cargo, "build", "-q", "-p", "vanban-cli"], cwd=ROOT, check=True)
    meta = subprocess.run(
        [cargo, "metadata", "--format-version", "1", "--no-deps"], cwd=ROOT, check=True, capture_output=True
    )
    return [str(Path(json.loads(meta.stdout)["target_directory"]) / "debug" / "vanban")]


def run_cli(cli: list[str], *args: str, stdin: str | None = None) -> str:
    proc = subprocess.run(
        [*cli, *args], input=stdin, capture_output=True, encoding="utf-8", check=False, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout
