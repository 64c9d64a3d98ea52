"""The package surface: exports, version, typing marker, lazy pandas."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import vanban
from conftest import EXAMPLE, ROOT


def test_all_is_complete() -> None:
    for name in vanban.__all__:
        assert hasattr(vanban, name), name
    # Optional integrations are submodules imported explicitly (`import vanban.dask`).
    public = {n for n in dir(vanban) if not n.startswith("_")} - {"annotations", "dask", "spark"}
    assert public <= set(vanban.__all__)


def test_version_matches_cargo() -> None:
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    assert f'version = "{vanban.__version__}"' in cargo


def test_typed() -> None:
    pkg = Path(vanban.__file__).parent
    assert (pkg / "py.typed").exists()
    assert (pkg / "_vanban.pyi").exists()


def test_classes_live_in_vanban() -> None:
    for cls in (vanban.Citation, vanban.DocNumber, vanban.ParseError):
        assert cls.__module__ == "vanban"
        assert getattr(vanban, cls.__name__) is cls


def test_stub_model_base_is_on_every_model_class() -> None:
    """`_vanban.pyi` declares the methods all model classes share once, on a stub-only `_Model`
    base; stubtest checks their signatures class by class but not that each name exists."""
    stub = ast.parse((Path(vanban.__file__).parent / "_vanban.pyi").read_text(encoding="utf-8"))
    classes = {c.name: c for c in stub.body if isinstance(c, ast.ClassDef)}
    shared = {f.name for f in classes["_Model"].body if isinstance(f, ast.FunctionDef)}
    assert {"_fields", "to_dict", "to_json", "__reduce__"} <= shared
    models = {n for n, c in classes.items() if any(getattr(b, "id", None) == "_Model" for b in c.bases)}
    assert models == {"Citation", "DocNumber", "Node", "Report"}
    assert not hasattr(vanban._vanban, "_Model")
    for name in sorted(models):
        cls = getattr(vanban, name)
        # pyo3 puts `__getattr__` in the tp_getattro slot, where `hasattr` does not see it.
        for method in shared - {"__getattr__"}:
            assert hasattr(cls, method), (name, method)


def test_import_does_not_import_optional_dependencies() -> None:
    # pandas, pyarrow, polars and dask are optional: imported only by the calls that return them.
    code = (
        "import sys, vanban; vanban.extract_citations_many(['Chỉ thị 05']); vanban.parse_report('x'); "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'polars', 'dask', 'distributed') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    code = "import sys, vanban; vanban.extract_citations_arrow(['Chỉ thị 05']); print('pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"  # the check above can fail: the Arrow call does import it


def test_to_pandas() -> None:
    pd = pytest.importorskip("pandas")
    text = EXAMPLE + " và Nghị định số 30/2020/NĐ-CP"
    cites = vanban.extract_citations(text)
    frame = vanban.to_pandas(cites)
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(cites) == 2
    assert list(frame.columns) == list(cites[0].to_dict())
    assert frame["number"].tolist() == [4, 30]
    assert str(frame["number"].dtype) == "Int64"
    assert frame["symbol"].tolist() == ["NQ/TW", "NĐ-CP"]
    assert (frame["text"] == [text[s:e] for s, e in zip(frame["start"], frame["end"])]).all()


def test_to_pandas_batch_and_empty() -> None:
    pytest.importorskip("pandas")
    frame = vanban.to_pandas(vanban.extract_citations_many([EXAMPLE, "", EXAMPLE]))
    assert frame["doc"].tolist() == [0, 2]
    assert list(frame.columns)[0] == "doc"
    empty = vanban.to_pandas([])
    assert len(empty) == 0
    assert list(empty.columns) == list(vanban.extract_citations(EXAMPLE)[0].to_dict())
    with pytest.raises(TypeError):
        vanban.to_pandas([1, 2])  # type: ignore[list-item]
