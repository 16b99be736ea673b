"""Shared fixtures: a disposable copy of the data, and the command line run as a user runs it."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.escape import csv_document
from analysis.store import DATA_DIR, PROJECT_ROOT, Store


@dataclass
class Result:
    code: int
    output: str


def run_analysis(*args: str, data_dir: Path | None = None) -> Result:
    """``python -m analysis …`` from the project root, as the README tells a user to run it."""
    command = [sys.executable, "-m", "analysis", *args]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    return Result(done.returncode, done.stdout + done.stderr)


def digest(directory: Path) -> dict[str, str]:
    """Every entry under ``directory`` and what it is (a file by the hash of its bytes), to prove nothing was
    written; a symlink is not followed and a special file not opened (one to /dev/zero would never end)."""
    found = {}
    for folder, folders, files in os.walk(directory):
        for name in sorted(folders + files):
            path = Path(folder) / name
            status = path.lstat()
            key = str(path.relative_to(directory))
            if stat.S_ISLNK(status.st_mode):
                found[key] = "symlink to " + os.readlink(path)
            elif stat.S_ISREG(status.st_mode):
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif not stat.S_ISDIR(status.st_mode):
                found[key] = f"special file {stat.S_IFMT(status.st_mode):o}"
    return found


@pytest.fixture(scope="session")
def built_book() -> subprocess.CompletedProcess:
    """The README's build command, run once: validate, audit, the HTML book and the PDF edition
    (`jupyter-book build . -W -n --keep-going`, so any Sphinx warning fails it)."""
    done = subprocess.run(["bash", "scripts/build.sh"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=2400)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    sphinx_warnings = [line for line in done.stderr.splitlines() if re.search(r"(^|: )(\x1b\[\d+m)?(WARNING|ERROR|CRITICAL):", line)]
    assert not sphinx_warnings, "\n".join(sphinx_warnings)
    return done


@pytest.fixture(scope="session")
def book(built_book) -> Path:
    return PROJECT_ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def site(book):
    """The built book served on 127.0.0.1."""
    from .browser import serve

    with serve(book) as root:
        yield root


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    from .browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def replace_once(path: Path, old: str, new: str) -> None:
    """Edit a file's text, insisting the edit lands exactly once (so a test cannot silently test nothing)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The line of ``path`` on which ``needle`` first appears."""
    text = path.read_text(encoding="utf-8")
    assert needle in text, f"{needle!r} not in {path}"
    return text[: text.index(needle)].count("\n") + 1


def edit_cell(data_dir: Path, table: str, row_id: str, column: str, value: str) -> int:
    """Set one cell in a copy of the data (the row named by its id); return the line the row starts on."""
    header, rows = Store(data_dir).read_rows(table)
    matching = [(line, row) for line, row in rows if row[header[0]] == row_id]
    assert len(matching) == 1, f"no single row {row_id} in {table}"
    line, row = matching[0]
    row[column] = value
    path = Store(data_dir).table_path(table)
    path.write_text(csv_document([header, *([r[c] for c in header] for _, r in rows)]), encoding="utf-8", newline="")
    return line


def cell(data_dir: Path, table: str, row_id: str, column: str) -> str:
    header, rows = Store(data_dir).read_rows(table)
    return next(row[column] for _, row in rows if row[header[0]] == row_id)


# What a working copy leaves out: what the build, setup and tests make, and what git ignores.
NOT_COPIED = {".git", ".venv", "_build", "__pycache__", ".pytest_cache", "review"}
NOT_COPIED_PATHS = {Path("chapters/sources")}


def project_files(root: Path = PROJECT_ROOT) -> list[Path]:
    """The project's own files, relative to its root: found by walking the tree, so that the tests run the
    same from a git checkout and from a plain copy (an unpacked release)."""
    found = []
    for folder, subfolders, files in os.walk(root):
        relative = Path(folder).relative_to(root)
        subfolders[:] = sorted(name for name in subfolders
                               if name not in NOT_COPIED and relative / name not in NOT_COPIED_PATHS)
        found += [relative / name for name in sorted(files) if not name.endswith(".pyc")]
    return found


def copy_project(target: Path) -> Path:
    """A working copy of the project's own files, sharing the .venv, for a build that edits code."""
    for name in project_files():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, destination)
    os.symlink(PROJECT_ROOT / ".venv", target / ".venv")
    return target
