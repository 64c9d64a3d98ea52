"""The `vanban` command installed by pip and `python -m vanban`: the Rust CLI through the extension."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_DIR, ROOT

SCRIPT = Path(sys.executable).with_name("vanban")


def entry_points() -> list[list[str]]:
    out = [[sys.executable, "-m", "vanban"]]
    if SCRIPT.exists():
        out.append([str(SCRIPT)])
    return out


def run(cmd: list[str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, check=False)


def test_pip_installs_the_script() -> None:
    assert SCRIPT.exists() or shutil.which("vanban"), "pip install should create the vanban script"


@pytest.mark.parametrize("entry", entry_points(), ids=lambda c: " ".join(Path(p).name for p in c))
def test_same_output_as_the_binary(entry: list[str], cli: list[str]) -> None:
    for args in (
        ["cite", str(FIXTURE_DIR / "citations")],
        ["cite", "--format", "csv", str(FIXTURE_DIR / "citations" / "party_numbers.txt")],
        ["report", str(FIXTURE_DIR / "articles" / "seed_xaydungdang_2016.txt")],
        ["--version"],
    ):
        mine, native = run(entry, *args), run(cli, *args)
        assert (mine.returncode, mine.stdout) == (native.returncode, native.stdout), args
        assert mine.returncode == 0


@pytest.mark.parametrize("entry", entry_points(), ids=lambda c: " ".join(Path(p).name for p in c))
def test_stdin_and_exit_codes(entry: list[str]) -> None:
    ok = run(entry, "cite", "-", stdin="Chỉ thị 05")
    assert ok.returncode == 0 and '"number":5' in ok.stdout
    missing = run(entry, "cite", "/nonexistent/file.txt")
    assert missing.returncode == 2 and "vanban: /nonexistent/file.txt:" in missing.stderr
    usage = run(entry, "no-such-command")
    assert usage.returncode == 2 and usage.stderr
