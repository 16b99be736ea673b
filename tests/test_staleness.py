"""Staleness is the build's own concern (_ext/vawg_stale.py): what the digest sees, when the cache is cleared and
pages re-read, and a plain `jupyter-book build .` showing a changed data value and nested module."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from analysis.store import PROJECT_ROOT, Store

from .conftest import copy_project, edit_cell, replace_once

sys.path.insert(0, str(PROJECT_ROOT / "_ext"))
import vawg_stale  # noqa: E402  (a Sphinx extension, loaded from _ext as the book loads it)

UNCOPIED = shutil.ignore_patterns("__pycache__", "*.pyc")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A copy of what the digest reads, with a nested analysis package (analysis/probe/marker.py)."""
    for folder in vawg_stale.INPUT_FOLDERS:
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / folder, ignore=UNCOPIED)
    for name in vawg_stale.INPUT_FILES:
        shutil.copy2(PROJECT_ROOT / name, tmp_path / name)
    (tmp_path / "analysis" / "probe").mkdir()
    (tmp_path / "analysis" / "probe" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "analysis" / "probe" / "marker.py").write_text('MARKER = "first"\n', encoding="utf-8")
    return tmp_path


def _rename_data_file(root: Path) -> None:
    (root / "data" / "warnings.csv").rename(root / "data" / "warnings-2.csv")


def _add_empty_source(root: Path) -> None:
    (root / "data" / "sources" / "005_0000000000000000.txt").touch()


CHANGES = {
    "a data value": lambda root: edit_cell(root / "data", "themes", "ineffective", "label", "Will not help"),
    "a renamed data file": _rename_data_file,
    "a new empty file under data/sources": _add_empty_source,
    "a nested analysis module": lambda root: replace_once(root / "analysis" / "probe" / "marker.py", "first", "second"),
    "requirements.txt": lambda root: replace_once(root / "requirements.txt", "altair==6.3.0", "altair==6.3.1"),
    "_toc.yml": lambda root: replace_once(root / "_toc.yml", "chapters/cite\n", "chapters/cite\n      - file: chapters/new\n"),
    "an extension": lambda root: (root / "_ext" / "vawg_new.py").write_text("", encoding="utf-8"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_digest_changes_with(inputs, change):
    before = vawg_stale.inputs_digest(inputs)
    CHANGES[change](inputs)
    assert vawg_stale.inputs_digest(inputs) != before


def test_the_digest_sees_where_a_linked_folder_points(inputs):
    for name in ("texts-a", "texts-b"):
        (inputs / name).mkdir()
    link = inputs / "data" / "linked"
    link.symlink_to(inputs / "texts-a", target_is_directory=True)
    before = vawg_stale.inputs_digest(inputs)
    link.unlink()
    link.symlink_to(inputs / "texts-b", target_is_directory=True)
    assert vawg_stale.inputs_digest(inputs) != before


def test_the_digest_changes_with_an_installed_library(inputs, monkeypatch):
    before = vawg_stale.inputs_digest(inputs)
    upgraded = SimpleNamespace(metadata={"Name": "numpy"}, version="99.0")
    monkeypatch.setattr(vawg_stale.importlib.metadata, "distributions",
                        lambda real=vawg_stale.importlib.metadata.distributions: [*real(), upgraded])
    assert vawg_stale.inputs_digest(inputs) != before


def test_the_digest_ignores_a_staged_change_and_compiled_code(inputs):
    before = vawg_stale.inputs_digest(inputs)
    # A change staged as analysis/transaction.py stages it: a full trial copy of the data, changed.
    shutil.copytree(PROJECT_ROOT / "data", inputs / "data" / ".pending" / "tree")
    edit_cell(inputs / "data" / ".pending" / "tree", "themes", "ineffective", "label", "Will not help")
    (inputs / "data" / ".pending" / "manifest.json").write_text("{}", encoding="utf-8")
    for transient in ("data/.done", "analysis/__pycache__", "analysis/probe/__pycache__"):
        (inputs / transient).mkdir(parents=True)
    (inputs / "data" / ".done" / "manifest.json").write_text("{}", encoding="utf-8")
    (inputs / "analysis" / "probe" / "__pycache__" / "marker.cpython-311.pyc").write_bytes(b"\0")
    assert vawg_stale.inputs_digest(inputs) == before


def test_the_digest_does_not_open_a_fifo(inputs):
    before = vawg_stale.inputs_digest(inputs)
    os.mkfifo(inputs / "data" / "themes.fifo")
    assert vawg_stale.inputs_digest(inputs) != before  # returns: a FIFO opened for reading would block


class FakeBuild:
    """The three events the extension handles, run against a fake Sphinx application for one builder."""

    def __init__(self, root: Path, builder: str) -> None:
        self.handlers = {}
        self.app = SimpleNamespace(
            srcdir=str(root), doctreedir=str(root / "_build" / ".doctrees"), builder=SimpleNamespace(name=builder),
            env=SimpleNamespace(mystnb_config=SimpleNamespace(execution_cache_path=str(root / "_build" / ".jupyter_cache"))),
            keep_going=True, _warncount=0, connect=lambda event, handler, priority=500: self.handlers.setdefault(event, handler))
        vawg_stale.setup(self.app)

    def run(self, warnings: int = 0) -> set[str]:
        """Build: the pages re-read beyond what Sphinx found changed itself."""
        self.handlers["builder-inited"](self.app)
        env = SimpleNamespace(found_docs={"index", "chapters/critics"})
        reread = self.handlers["env-get-outdated"](self.app, env, set(), set(), set())
        self.app._warncount = warnings
        self.handlers["build-finished"](self.app, None)
        return reread


def executed(root: Path) -> Path:
    """Stand in for a chapter executed into the cache."""
    entry = root / "_build" / ".jupyter_cache" / "executed"
    entry.mkdir(parents=True, exist_ok=True)
    return entry


def test_the_pdf_build_after_an_html_build_keeps_the_cache_and_rereads_only_when_it_must(inputs):
    html, pdf = FakeBuild(inputs, "html"), FakeBuild(inputs, "latex")
    assert html.run() == {"index", "chapters/critics"}
    cached = executed(inputs)
    assert pdf.run() == {"index", "chapters/critics"}, "the PDF has not been built from these inputs"
    assert cached.exists(), "the PDF build cleared the cache the HTML build had just filled"
    assert html.run() == pdf.run() == set()
    assert cached.exists()

    CHANGES["a data value"](inputs)
    assert html.run() == {"index", "chapters/critics"}
    assert not cached.exists(), "the cache was kept though the data changed"
    cached = executed(inputs)
    assert pdf.run() == {"index", "chapters/critics"}
    assert cached.exists()


def test_a_builder_rereads_pages_another_builder_read_from_other_inputs(inputs):
    html, pdf = FakeBuild(inputs, "html"), FakeBuild(inputs, "latex")
    html.run(), pdf.run()
    original = (inputs / "data" / "themes.csv").read_bytes()
    CHANGES["a data value"](inputs)
    html.run()  # the shared doctrees now hold the changed value; the PDF was not rebuilt
    (inputs / "data" / "themes.csv").write_bytes(original)
    assert pdf.run() == {"index", "chapters/critics"}, "the PDF would be written from pages read from other data"
    assert html.run() == {"index", "chapters/critics"}, "the HTML would keep pages read from other data"


def test_a_failed_build_records_nothing(inputs):
    html = FakeBuild(inputs, "html")
    html.run()
    CHANGES["a data value"](inputs)
    html.run(warnings=1)  # -W --keep-going: Sphinx fails the build after its last event
    executed(inputs)
    assert html.run() == {"index", "chapters/critics"}
    assert not (inputs / "_build" / ".jupyter_cache" / "executed").exists()


MARKER_CELL = """
```{code-cell} ipython3
from analysis.probe.marker import MARKER

print(MARKER)
```
"""
OLD_DEFINITION = "The critic says the measure will not reduce violence or make women safer."
NEW_DEFINITION = "The critic says the measure will not reduce violence or make anyone safer."
OLD_LABEL, NEW_LABEL = "Will not work", "Would not work"


def test_a_plain_jupyter_book_build_shows_a_changed_value_and_nested_module(tmp_path):
    project = copy_project(tmp_path / "project")
    marker = project / "analysis" / "probe" / "marker.py"
    marker.parent.mkdir()
    (marker.parent / "__init__.py").write_text("", encoding="utf-8")
    marker.write_text('MARKER = "probe-marker-before"\n', encoding="utf-8")
    chapter = project / "chapters" / "critics.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + MARKER_CELL, encoding="utf-8")
    # No PYTHONPATH: the copy shares the project's .venv, whose path file names the project, and the book's
    # extension must make the build and its kernels import the copy's analysis package all the same.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}

    def build() -> str:
        done = subprocess.run([str(project / ".venv" / "bin" / "jupyter-book"), "build", "."], cwd=project, env=env,
                              capture_output=True, text=True, timeout=1200)
        assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
        return (project / "_build" / "html" / "chapters" / "critics.html").read_text(encoding="utf-8")

    for page in (project / "chapters" / "sources").glob("*.md"):  # the build writes them from the data
        page.unlink()
    first = build()
    assert "probe-marker-before" in first and OLD_DEFINITION in first
    html = project / "_build" / "html"
    assert {page.stem for page in (html / "chapters" / "sources").glob("*.html")} == set(Store(project / "data").table("sources")["source_id"])
    assert OLD_LABEL in (html / "figures" / "critique-matrix.csv").read_text(encoding="utf-8")

    replace_once(marker, "probe-marker-before", "probe-marker-after")
    edit_cell(project / "data", "themes", "ineffective", "definition", NEW_DEFINITION)
    edit_cell(project / "data", "themes", "ineffective", "label", NEW_LABEL)
    second = build()
    assert "probe-marker-after" in second and NEW_DEFINITION in second, "the rebuilt chapter shows stale outputs"
    assert "probe-marker-before" not in second and OLD_DEFINITION not in second
    served = (html / "figures" / "critique-matrix.csv").read_text(encoding="utf-8")  # a chart's download, rewritten
    assert NEW_LABEL in served and OLD_LABEL not in served
