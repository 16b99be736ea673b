"""Bad data is refused, not crashed on: every case of ``tests/malformed/`` through the real command line.

Each case is one JSON file: what it breaks (``description``), the edits that break a fresh copy of data/
(``edits``), what ``python -m analysis validate`` must say (``expect``: fragments of its output, where
``{line}`` is the line of the last cell edited), and the other commands that must refuse it too (``also``:
audit, pages, dictionary, figures). For every case, each command must exit 1, print no traceback, say what
is expected, and write nothing in the data copy.

The edits (``op``):

* ``cell``: set one cell of a table, by the row's id (``table``, ``id``, ``column``, ``value``);
* ``replace``: replace text that occurs exactly once in a file (``file``, ``old``, ``new``);
* ``write``: write a file's text (``file``, ``text``), or its bytes from ``hex``; ``append``: add ``text``;
* ``json``: set (``set``: [path, value]) or delete (``delete``: path) a key of a JSON file; a path is a list
  of keys and list indexes;
* ``reencode``: write a file's text in another encoding (``file``, ``encoding``);
* ``symlink``: replace a file by a symlink to ``target``;
* ``move-out``: move a file or folder out of the data copy, leaving a symlink to it in its place;
* ``fifo``, ``mkdir``, ``remove``: replace a file by a FIFO, by a directory, or remove it;
* ``grow``: append ``line`` to a file until it is at least ``bytes`` long (a big file made in the temp
  directory, never committed).

Texts may hold ``{{repeat:TEXT:N}}`` (TEXT N times) and ``{{sha256:PATH}}`` (the hash of a file of the copy,
followed through symlinks).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from analysis.store import DATA_DIR, PROJECT_ROOT

from .conftest import digest, edit_cell, replace_once, run_analysis

CASES = sorted((Path(__file__).parent / "malformed").glob("*.json"))
COMMANDS = ("validate", "audit", "pages", "dictionary", "figures")


def expand(text: str, data: Path) -> str:
    text = re.sub(r"\{\{repeat:(.*?):(\d+)\}\}", lambda m: m.group(1) * int(m.group(2)), text, flags=re.S)
    return re.sub(r"\{\{sha256:(.*?)\}\}", lambda m: hashlib.sha256((data / m.group(1)).read_bytes()).hexdigest(), text)


def apply(edit: dict, data: Path, outside: Path) -> int | None:
    """Make one edit to the data copy; return the line of an edited cell."""
    op, path = edit["op"], data / edit.get("file", "")
    if op == "cell":
        return edit_cell(data, edit["table"], edit["id"], edit["column"], expand(edit["value"], data))
    if op == "replace":
        replace_once(path, edit["old"], expand(edit["new"], data))
    elif op == "write":
        path.write_bytes(bytes.fromhex(edit["hex"]) if "hex" in edit else expand(edit["text"], data).encode("utf-8"))
    elif op == "json":
        package = json.loads(path.read_text(encoding="utf-8"))
        keys, value = (edit["set"][0], edit["set"][1]) if "set" in edit else (edit["delete"], None)
        target = package
        for key in keys[:-1]:
            target = target[key]
        if "set" in edit:
            target[keys[-1]] = value
        else:
            del target[keys[-1]]
        path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    elif op == "reencode":
        path.write_bytes(path.read_text(encoding="utf-8").encode(edit["encoding"]))
    elif op == "symlink":
        path.unlink()
        path.symlink_to(edit["target"])
    elif op == "move-out":
        outside.mkdir(exist_ok=True)
        shutil.move(path, outside / path.name)
        path.symlink_to(outside / path.name)
    elif op == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif op == "mkdir":
        path.unlink()
        path.mkdir()
    elif op == "remove":
        path.unlink()
    elif op == "append":
        with path.open("a", encoding="utf-8", newline="") as out:
            out.write(expand(edit["text"], data))
    elif op == "grow":
        line = expand(edit["line"], data).encode("utf-8")
        with path.open("ab") as out:
            chunk = line * max(1, 1_000_000 // len(line))
            while out.tell() < edit["bytes"]:
                out.write(chunk)
    else:
        raise AssertionError(f"unknown edit {op!r}")
    return None


def broken_copy(case: dict, tmp_path: Path) -> tuple[Path, int | None]:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    line = None
    for edit in case["edits"]:
        line = apply(edit, data, tmp_path / "outside") or line
    return data, line


def refusal(command: str, data: Path) -> tuple[str, int, str, bool]:
    """Run one command on a broken copy: (command, exit code, output, whether the copy is unchanged)."""
    before = digest(data)
    result = run_analysis(command, data_dir=data)
    return command, result.code, result.output, digest(data) == before


def run_case(path: Path, tmp_path: Path) -> tuple[list[str], list[tuple[str, int, str, bool]]]:
    """Break a copy as the case says, then run validate and the case's other commands on it."""
    case = json.loads(path.read_text(encoding="utf-8"))
    data, line = broken_copy(case, tmp_path)
    expected = [fragment.replace("{line}", str(line)) for fragment in case["expect"]]
    return expected, [refusal(command, data) for command in ("validate", *case.get("also", []))]


@pytest.fixture(scope="module")
def refusals(request, tmp_path_factory):
    """Every selected case, run on a pool of threads (each command is its own process), so the corpus takes
    the time of its slowest cases rather than of all of them in a row."""
    selected = [item.callspec.params["path"] for item in request.session.items
                if item.originalname == "test_bad_data_is_refused_cleanly" and hasattr(item, "callspec")]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        yield {path: pool.submit(run_case, path, tmp_path_factory.mktemp(path.stem)) for path in selected}


def test_the_corpus_is_there():
    assert len(CASES) >= 40
    for path in CASES:
        case = json.loads(path.read_text(encoding="utf-8"))
        assert set(case) <= {"description", "edits", "expect", "also"}, path.name
        assert case["description"] and case["edits"] and case["expect"], path.name
        assert set(case.get("also", [])) <= set(COMMANDS) - {"validate"}, path.name


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_bad_data_is_refused_cleanly(path: Path, refusals):
    expected, results = refusals[path].result(timeout=300)
    for command, code, output, unchanged in results:
        assert code == 1, f"{command} exited {code}:\n{output[-3000:]}"
        assert "Traceback" not in output, output[-3000:]
        # validate says what the case expects; audit, pages and figures refuse with validate's problems, and
        # dictionary with what is wrong with the package.
        for fragment in expected if command == "validate" else [
                "cannot read the data" if command == "dictionary" else "does not validate"]:
            assert fragment in output, f"{command} does not say {fragment!r}:\n{output[-3000:]}"
        assert unchanged, f"{command} wrote to the data directory"


def test_a_50_mb_table_is_refused_in_bounded_memory(tmp_path: Path):
    """The table's size is checked before a byte is read: memory stays that of the program itself."""
    case = json.loads((Path(__file__).parent / "malformed" / "table-50-mb.json").read_text(encoding="utf-8"))
    data, _ = broken_copy(case, tmp_path)
    assert (data / "figures.csv").stat().st_size >= 50_000_000
    # A fresh parent measures the peak of its own one child: RUSAGE_CHILDREN keeps the largest child ever waited for.
    probe = ("import resource, subprocess, sys; "
             "done = subprocess.run([sys.executable, '-m', 'analysis', 'validate', '--data-dir', sys.argv[1]], capture_output=True, text=True); "
             "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(done.stdout + done.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, str(data)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    code, peak_kb = map(int, done.stdout.split("\n", 1)[0].split())
    assert code == 1 and "over the limit of 5,000,000 bytes" in done.stdout, done.stdout + done.stderr
    assert peak_kb < 250_000, f"peak memory {peak_kb} kB for a 50 MB table"
    print(f"validate on a 50 MB table: refused, peak memory {peak_kb / 1000:.0f} MB")


def test_a_table_just_under_the_limit_validates_in_bounded_memory(tmp_path: Path):
    """A table within the limit is read whole, by the checks and by Frictionless: 500 corrections of 9,000
    characters each make a 4.5 MB table that passes, and the memory it takes is bounded by the limit."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "corrections.csv").open("a", encoding="utf-8") as out:
        for n in range(500, 1000):
            out.write(f"K{n},1.0.0,where,said,says now,{'why ' * 2250}\n")
    assert 4_500_000 < (data / "corrections.csv").stat().st_size < 5_000_000
    probe = ("import resource, subprocess, sys; "
             "done = subprocess.run([sys.executable, '-m', 'analysis', 'validate', '--data-dir', sys.argv[1]], capture_output=True, text=True); "
             "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(done.stdout[-2000:] + done.stderr[-2000:])")
    done = subprocess.run([sys.executable, "-c", probe, str(data)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    code, peak_kb = map(int, done.stdout.split("\n", 1)[0].split())
    assert code == 0 and "all checks pass" in done.stdout, done.stdout
    assert peak_kb < 500_000, f"peak memory {peak_kb} kB for a 4.5 MB table"
    print(f"validate on a 4.5 MB table: passes, peak memory {peak_kb / 1000:.0f} MB")


def test_two_million_tiny_rows_are_refused_quickly_in_bounded_memory(tmp_path: Path):
    """A 4 MB table of 2,000,000 one-letter rows is under the size limit; the row limit stops it while it is read,
    so validate ends in seconds and small memory (it took 300 s and 1.6 GB before the limit)."""
    case = json.loads((Path(__file__).parent / "malformed" / "table-two-million-rows.json").read_text(encoding="utf-8"))
    data, _ = broken_copy(case, tmp_path)
    probe = ("import resource, subprocess, sys; "
             "done = subprocess.run([sys.executable, '-m', 'analysis', 'validate', '--data-dir', sys.argv[1]], capture_output=True, text=True); "
             "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(done.stdout + done.stderr)")
    done = subprocess.run([sys.executable, "-c", probe, str(data)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    code, peak_kb = map(int, done.stdout.split("\n", 1)[0].split())
    assert code == 1 and "more than 100,000 rows" in done.stdout, done.stdout + done.stderr
    assert peak_kb < 250_000, f"peak memory {peak_kb} kB for 2,000,000 tiny rows"
