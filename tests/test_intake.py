"""Adding a source: `add-source` then `confirm`, from a new article to the book, with every refusal.

Also the promises of issue 13: each command is all or nothing even when killed (SIGKILL at every step
boundary, through analysis.transaction's VAWG_CRASH_AT hook), never ends in a traceback, keeps normal file
permissions, is idempotent (confirm) and bounded (the article size limit)."""

from __future__ import annotations

import csv
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import transaction
from analysis.intake import MAX_ARTICLE_BYTES, IntakeError, _atomic_write, add_source
from analysis.store import PROJECT_ROOT, Store

from .conftest import copy_project, digest, run_analysis

ARTICLE = Path(__file__).parent / "fixtures" / "article.txt"
SEED = Path(__file__).resolve().parent.parent / "data" / "sources" / "000_0ce3b016bebba7c6.txt"
ADD = ["--outlet", "Borough Gazette", "--title", "Council funds new refuge places after police review",
       "--published", "2024-03-14", "--kind", "news"]


def add(data_dir: Path, file: Path, *extra: str, review: Path | None = None):
    args = ["add-source", str(file), *ADD, *extra]
    if review is not None:
        args += ["--review-dir", str(review)]
    return run_analysis(*args, data_dir=data_dir)


def sheet_rows(sheet: Path) -> list[dict]:
    with sheet.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_review_sheet_finds_every_number_and_date_with_its_value(data_copy, tmp_path):
    result = add(data_copy, ARTICLE, review=tmp_path)
    assert result.code == 0, result.output
    rows = sheet_rows(tmp_path / "borough-gazette-council-funds-new-refuge.csv")
    found = {(r["found"].split(" ")[0], r["mention"], r["value"], r["qualifier"], r["date"]) for r in rows}
    assert ("number", "12", "12", "exact", "") in found
    assert ("number", "more than 300", "300", "more-than", "") in found
    assert ("number", "over 1,200", "1200", "over", "") in found
    assert ("number", "a quarter", "0.25", "exact", "") in found
    assert ("number", "£1.5m", "1500000", "exact", "") in found
    assert ("number", "two years", "2", "exact", "") in found  # "£1.5m over two years": "over" is not its qualifier
    assert ("date", "14 March 2024", "", "", "2024-03-14") in found
    assert ("date", "2023", "", "", "2023-01-01") in found
    # Relative dates are resolved from --published, at the precision their words carry.
    assert ("date", "Thursday", "", "", "2024-03-14") in found
    assert ("date", "last year", "", "", "2023-01-01") in found
    assert {r["mention"]: r["date_precision"] for r in rows if r["date_basis"] == "inferred"} == {"Thursday": "day", "last year": "year"}
    furniture = [r["mention"] for r in rows if r["found"] == "furniture?"]
    assert furniture == ["Skip to content", "Back to top"]
    for row in rows:  # every row's sentence and mention stand at their offsets
        text = ARTICLE.read_text(encoding="utf-8")
        assert text[int(row["start"]):int(row["end"])] == row["quote"]
        assert text[int(row["mention_start"]):int(row["mention_end"])] == row["mention"]


def reporter_fills(sheet: Path) -> None:
    """What a reporter does with the sheet: confirm each item into a table, with the words only a person knows."""
    decisions = {
        "12": dict(confirm="figure", what="New refuge places the council will fund", claimant="borough-gazette",
                   kind="commitment", topic="vawg", unit="places"),
        "more than 300": dict(confirm="figure", what="Women turned away by refuges", claimant="borough-gazette",
                              kind="outcome", topic="vawg", unit="women", period="2023/2023", period_text="in 2023"),
        "over 1,200": dict(confirm="figure", what="Arrests for domestic abuse offences in the borough",
                           claimant="met-spokesperson", kind="output", topic="vawg", unit="arrests"),
        "a quarter": dict(confirm="figure", what="Share of those arrests that led to a charge", claimant="met-spokesperson",
                        kind="output", topic="vawg", unit="share"),
        "£1.5m": dict(confirm="figure", what="Funding for the refuge places", claimant="borough-gazette",
                      kind="commitment", topic="vawg"),
        "two years": dict(confirm="exclusion", reason="time-reference", notes="The funding's period, not a count"),
        "Thursday": dict(confirm="event", event="refuge-funding-announced", what="The council announces refuge funding",
                            topic="vawg", date="2024-03-14", date_basis="inferred",
                            date_note="The Thursday of the article's week: 14 March 2024 was a Thursday"),
        "Skip to content": dict(confirm="furniture"), "Back to top": dict(confirm="furniture"),
    }
    rows = sheet_rows(sheet)
    for row in rows:
        row["confirm"] = ""
        row.update(decisions.get(row["mention"], {}))
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_the_whole_flow_ends_in_the_book(tmp_path):
    project = copy_project(tmp_path / "project")
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"}, "PYTHONPATH": str(project)}

    def analysis(*args: str):
        return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=project, env=env, capture_output=True,
                              text=True, timeout=600)

    added = analysis("add-source", str(ARTICLE), *ADD)
    assert added.returncode == 0, added.stdout + added.stderr
    sheet = project / "review" / "borough-gazette-council-funds-new-refuge.csv"
    reporter_fills(sheet)
    confirmed = analysis("confirm", str(sheet))
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr
    assert "5 rows added to figures.csv" in confirmed.stdout and "1 row added to events.csv" in confirmed.stdout
    assert analysis("validate").returncode == 0
    audited = analysis("audit")
    assert audited.returncode == 0, audited.stdout
    built = subprocess.run(["bash", "scripts/build.sh"], cwd=project, env=env, capture_output=True, text=True, timeout=1800)
    assert built.returncode == 0, (built.stdout + built.stderr)[-3000:]
    html = project / "_build" / "html"
    page = (html / "chapters" / "sources" / "borough-gazette-council-funds-new-refuge.html").read_text(encoding="utf-8")
    assert 'data-rows="F026' in page and "more than 300" in page
    assert "Borough Gazette" in (html / "chapters" / "sources.html").read_text(encoding="utf-8")
    assert "The council announces refuge funding" in (html / "chapters" / "timeline.html").read_text(encoding="utf-8")
    assert "Women turned away by refuges" in (html / "chapters" / "numbers.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x00\x01binary\x00", "NUL character"),
    ("Caf\u00e9 council news".encode("latin-1"), "not valid UTF-8"),
    (b"\xef\xbb\xbfA text with a byte-order mark.\n", "byte-order mark"),
])
def test_refused_files(data_copy, tmp_path, content, message):
    file = tmp_path / "new.txt"
    file.write_bytes(content)
    before = digest(data_copy)
    result = add(data_copy, file, review=tmp_path / "review")
    assert result.code == 1 and "refused" in result.output and message in result.output, result.output
    assert digest(data_copy) == before


@pytest.mark.parametrize("extra, message", [
    (["--published", "14/03/2024"], "is not a date"),
    (["--published", "2024-02-30"], "is not a date"),
    (["--kind", "blog"], "is not one of"),
    (["--source-id", "evaw-action-plan-response"], "is taken"),
    (["--published", "9999-12", "--date-basis", "inferred from the archive"], "1900 to 2099"),
    (["--published", "0001"], "1900 to 2099"),
])
def test_refused_arguments(data_copy, tmp_path, extra, message):
    before = digest(data_copy)
    result = add(data_copy, ARTICLE, *extra, review=tmp_path)
    assert result.code == 1 and message in result.output, result.output
    assert digest(data_copy) == before


def test_a_file_already_in_the_corpus_is_refused(data_copy, tmp_path):
    before = digest(data_copy)
    result = add(data_copy, SEED, "--date-basis", "inferred from coverage", review=tmp_path)
    assert result.code == 1 and "already in the corpus as 'stylist-swab-backlash'" in result.output
    assert digest(data_copy) == before


def test_windows_line_endings_are_reported_and_kept(data_copy, tmp_path):
    file = tmp_path / "crlf.txt"
    file.write_bytes(ARTICLE.read_bytes().replace(b"\n", b"\r\n"))
    result = add(data_copy, file, review=tmp_path / "review")
    assert result.code == 0, result.output
    assert "Windows line endings" in result.output
    copied = next(p for p in (data_copy / "sources").iterdir() if p.read_bytes() == file.read_bytes())
    assert b"\r\n" in copied.read_bytes()


def test_a_confirmed_row_that_would_not_validate_writes_nothing(data_copy, tmp_path):
    assert add(data_copy, ARTICLE, review=tmp_path).code == 0
    sheet = tmp_path / "borough-gazette-council-funds-new-refuge.csv"
    reporter_fills(sheet)
    rows = sheet_rows(sheet)
    for row in rows:
        if row["mention"] == "12":
            row["claimant"] = "nobody-we-know"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    before = digest(data_copy)
    result = run_analysis("confirm", str(sheet), data_dir=data_copy)
    assert result.code == 1 and "would not validate" in result.output and "nobody-we-know" in result.output
    # The problem names the new row's id and the sheet line it came from, which is all the reporter can see.
    line = next(number for number, row in enumerate(rows, 2) if row["mention"] == "12")
    assert f"(the row confirmed at {sheet}, line {line})" in result.output, result.output
    assert digest(data_copy) == before


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "table.csv"
    target.write_text("old,whole\n", encoding="utf-8")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _atomic_write(target, b"new,partial")
    assert target.read_text(encoding="utf-8") == "old,whole\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"], "a temporary file was left behind"


def test_intake_error_is_a_value_error():
    assert issubclass(IntakeError, ValueError)


# -- issue 13: all or nothing, no tracebacks, bounded ------------------------------------------------------

SHEET_NAME = "borough-gazette-council-funds-new-refuge.csv"


def analysis(*args: str, env: dict | None = None, umask: int | None = None) -> subprocess.CompletedProcess:
    """``python -m analysis …`` from the project root, with extra environment (the crash hook) or a umask."""
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=PROJECT_ROOT, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=300,
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def write_sheet(sheet: Path, rows: list[dict]) -> None:
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def filled_sheet(data_dir: Path, review: Path) -> Path:
    """The fixture article added and its sheet filled in as a reporter would."""
    assert add(data_dir, ARTICLE, review=review).code == 0
    sheet = review / SHEET_NAME
    reporter_fills(sheet)
    return sheet


def leftovers(data_dir: Path, review: Path) -> list[str]:
    """Staging folders in data/ and staged files in the review folder that a finished command must not leave."""
    found = [p.name for p in data_dir.iterdir() if p.name in (".pending", ".done")]
    if review.exists():
        found += [p.name for p in review.iterdir() if p.name.startswith(".")]
    return found


def command_args(command: str, work: Path) -> list[str]:
    if command == "add-source":
        return ["add-source", str(ARTICLE), *ADD, "--review-dir", str(work / "review"), "--data-dir", str(work / "data")]
    return ["confirm", str(work / "review" / SHEET_NAME), "--data-dir", str(work / "data")]


@pytest.mark.parametrize("command", ["add-source", "confirm"])
def test_killed_at_every_step_the_data_is_wholly_old_or_wholly_new(tmp_path, command):
    base = tmp_path / "base"
    shutil.copytree(Store().root, base / "data")
    (base / "review").mkdir()
    if command == "confirm":
        filled_sheet(base / "data", base / "review")
    old_data, old_review = digest(base / "data"), digest(base / "review")
    # A run to the end, recording its step boundaries.
    reference = tmp_path / "reference"
    shutil.copytree(base, reference)
    steps_file = tmp_path / "steps.txt"
    done = analysis(*command_args(command, reference), env={"VAWG_STEPS": str(steps_file)})
    assert done.returncode == 0, done.stdout + done.stderr
    new_data, new_review = digest(reference / "data"), digest(reference / "review")
    assert new_data != old_data
    steps = steps_file.read_text(encoding="utf-8").split()
    assert steps[0] == "staging" and "committed" in steps and steps[-1] == "retired", steps
    assert sum(s.startswith("replace:") for s in steps) >= 3, steps
    for step in steps:
        work = tmp_path / f"killed-at-{step.replace(':', '-')}"
        shutil.copytree(base, work)
        scratch = tmp_path / f"tmp-{step.replace(':', '-')}"
        scratch.mkdir()
        killed = analysis(*command_args(command, work), env={"VAWG_CRASH_AT": step, "TMPDIR": str(scratch)})
        assert killed.returncode == -signal.SIGKILL, (step, killed.stdout + killed.stderr)
        checked = analysis("validate", "--data-dir", str(work / "data"))
        assert checked.returncode == 0, (step, checked.stdout)
        state = digest(work / "data"), digest(work / "review")
        committed = steps.index(step) >= steps.index("committed")
        if step != "retired":
            assert "recover: " + ("completed" if committed else "rolled back") in checked.stdout, (step, checked.stdout)
        assert state == ((new_data, new_review) if committed else (old_data, old_review)), step
        assert not leftovers(work / "data", work / "review"), step
        assert not list(scratch.iterdir()), f"{step}: a temporary file was left in TMPDIR"
        # And the command can be run again: it ends where an uninterrupted run ends.
        again = analysis(*command_args(command, work))
        if committed and command == "add-source":
            assert again.returncode == 1 and "already in the corpus" in again.stdout, (step, again.stdout)
        else:
            assert again.returncode == 0, (step, again.stdout + again.stderr)
        assert (digest(work / "data"), digest(work / "review")) == (new_data, new_review), step


def test_sigterm_while_staged_removes_the_staging_and_writes_nothing(data_copy, tmp_path):
    article = tmp_path / "long.txt"
    article.write_text(long_article(60_000), encoding="utf-8")
    before = digest(data_copy)
    process = subprocess.Popen([sys.executable, "-m", "analysis", "add-source", str(article), *ADD,
                                "--review-dir", str(tmp_path / "review"), "--data-dir", str(data_copy)],
                               cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while not (data_copy / ".pending").exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert (data_copy / ".pending").exists(), "the command never staged its change"
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=120)
    assert process.returncode != 0 and "Traceback" not in output, output
    assert digest(data_copy) == before
    assert not leftovers(data_copy, tmp_path / "review")


@pytest.mark.parametrize("where", ["a file", "a folder under a file"])
def test_a_review_folder_that_cannot_be_written_refuses_before_anything_is_written(data_copy, tmp_path, where):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the review folder should be\n", encoding="utf-8")
    review = blocker if where == "a file" else blocker / "review"
    before = digest(data_copy)
    result = add(data_copy, ARTICLE, review=review)
    assert result.code == 1 and "refused" in result.output and "review folder" in result.output, result.output
    assert "Traceback" not in result.output
    assert digest(data_copy) == before and not leftovers(data_copy, tmp_path / "none")
    # Nothing was committed, so the same command with a good folder goes through.
    result = add(data_copy, ARTICLE, review=tmp_path / "review")
    assert result.code == 0, result.output
    assert (tmp_path / "review" / SHEET_NAME).is_file()


def test_a_sheet_that_could_not_be_moved_in_is_written_by_a_rerun(data_copy, tmp_path, monkeypatch):
    review = tmp_path / "review"
    real_replace = os.replace

    def failing_for_the_sheet(source, target):
        if str(target).endswith(SHEET_NAME):
            raise PermissionError(13, "Permission denied", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(transaction.os, "replace", failing_for_the_sheet)
    with pytest.raises(IntakeError, match="run the same add-source command again"):
        add_source(Store(data_copy), ARTICLE, "Borough Gazette", ADD[3], "2024-03-14", "news", review_dir=review)
    monkeypatch.undo()
    assert not (review / SHEET_NAME).exists() and not leftovers(data_copy, review)
    assert run_analysis("validate", data_dir=data_copy).code == 0
    after_data = digest(data_copy)
    result = add(data_copy, ARTICLE, review=review)
    assert result.code == 0 and "only the sheet was written" in result.output, result.output
    assert (review / SHEET_NAME).is_file() and digest(data_copy) == after_data
    # With the sheet in place, the same command is refused as a duplicate, naming the sheet.
    result = add(data_copy, ARTICLE, review=review)
    assert result.code == 1 and "already in the corpus" in result.output and SHEET_NAME in result.output


def test_confirm_twice_adds_nothing_the_second_time(data_copy, tmp_path):
    sheet = filled_sheet(data_copy, tmp_path)
    first = run_analysis("confirm", str(sheet), data_dir=data_copy)
    assert first.code == 0 and "5 rows added to figures.csv" in first.output, first.output
    after = digest(data_copy)
    second = run_analysis("confirm", str(sheet), data_dir=data_copy)
    assert second.code == 0, second.output
    assert "already confirmed: 5 rows" in second.output and "added to" not in second.output, second.output
    assert "F026" in second.output and "data/ is unchanged" in second.output
    assert digest(data_copy) == after
    # A row confirmed later in the same sheet is added, the rest are not added again.
    rows = sheet_rows(sheet)
    for row in rows:
        if row["mention"] == "2023":
            row.update(confirm="exclusion", reason="time-reference", notes="The period of the turned-away count")
    write_sheet(sheet, rows)
    third = run_analysis("confirm", str(sheet), data_dir=data_copy)
    assert third.code == 0 and "1 row added to exclusions.csv" in third.output, third.output
    assert "already confirmed: 5 rows" in third.output
    assert run_analysis("validate", data_dir=data_copy).code == 0


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_written_files_keep_normal_permissions(data_copy, tmp_path, umask, mode):
    review = tmp_path / "review"
    added = analysis("add-source", str(ARTICLE), *ADD, "--review-dir", str(review), "--data-dir", str(data_copy), umask=umask)
    assert added.returncode == 0, added.stdout + added.stderr
    reporter_fills(review / SHEET_NAME)
    confirmed = analysis("confirm", str(review / SHEET_NAME), "--data-dir", str(data_copy), umask=umask)
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr
    written = [review / SHEET_NAME, data_copy / "sources.csv", data_copy / "voices.csv", data_copy / "figures.csv",
               data_copy / "events.csv", data_copy / "furniture.csv", data_copy / "exclusions.csv",
               *(p for p in (data_copy / "sources").iterdir() if p.name.startswith("005_"))]
    assert len(written) == 8
    for path in written:
        assert path.stat().st_mode & 0o777 == mode, f"{path}: {oct(path.stat().st_mode & 0o777)}"


def edit_rows(change):
    def edit(sheet: Path) -> int:
        rows = sheet_rows(sheet)
        index = next(i for i, row in enumerate(rows) if row["mention"] == "12")
        change(rows[index])
        write_sheet(sheet, rows)
        return index + 2  # the line of that row: the header is line 1
    return edit


def drop_column(sheet: Path) -> int:
    rows = sheet_rows(sheet)
    write_sheet(sheet, [{k: v for k, v in row.items() if k != "what"} for row in rows])
    return 1


def rewrite_bytes(change):
    def edit(sheet: Path) -> int:
        sheet.write_bytes(change(sheet.read_bytes()))
        return 0
    return edit


def unterminated(raw: bytes) -> bytes:
    lines = raw.split(b"\n")
    lines[3] = lines[3] + b',"an unterminated quote'
    return b"\n".join(lines)


@pytest.mark.parametrize("mistake, message", [
    (edit_rows(lambda row: row.update(start="abc")), "column start: 'abc' is not a whole number"),
    (edit_rows(lambda row: row.update(start="")), "column start: '' is not a whole number (it is empty)"),
    (edit_rows(lambda row: row.update(end="12.5")), "column end: '12.5' is not a whole number"),
    (edit_rows(lambda row: row.update(end="99999999")), "column end: 99999999 is past the end of the text"),
    (edit_rows(lambda row: row.update(confirm="figures")), "column confirm: 'figures' is not one of"),
    (drop_column, "line 1, column what: the column is missing from the header"),
    (rewrite_bytes(lambda raw: b"\xef\xbb\xbf" + raw), "line 1: file starts with a UTF-8 byte-order mark"),
    (rewrite_bytes(lambda raw: raw.replace(b"Back to top", b"Back to t\xf6p")), "is not valid UTF-8"),
    (rewrite_bytes(unterminated), "is not well-formed CSV"),
    (rewrite_bytes(lambda raw: raw + b"1,figure\n"), "the row has 2 cells"),
    (rewrite_bytes(lambda raw: b""), "file is empty"),
])
def test_review_sheet_mistakes_are_refused_with_their_place(data_copy, tmp_path, mistake, message):
    sheet = filled_sheet(data_copy, tmp_path)
    line = mistake(sheet)
    before = digest(data_copy)
    result = run_analysis("confirm", str(sheet), data_dir=data_copy)
    assert result.code == 1 and "refused" in result.output and message in result.output, result.output
    assert "Traceback" not in result.output
    if line:
        assert f"{sheet}, line {line}" in result.output, result.output
    assert digest(data_copy) == before and not leftovers(data_copy, tmp_path / "none")


@pytest.mark.parametrize("make, message", [
    (lambda path: None, "cannot be read (No such file or directory)"),
    (lambda path: path.mkdir(), "not a file"),
])
def test_a_missing_sheet_or_a_folder_is_refused(data_copy, tmp_path, make, message):
    sheet = tmp_path / SHEET_NAME
    make(sheet)
    before = digest(data_copy)
    result = run_analysis("confirm", str(sheet), data_dir=data_copy)
    assert result.code == 1 and message in result.output and "Traceback" not in result.output, result.output
    assert digest(data_copy) == before


@pytest.mark.parametrize("mention", ["12", "Skip to content"])
def test_confirm_checks_each_quote_itself(data_copy, tmp_path, mention):
    """Kills the mutant that drops confirm's own quote check: a furniture row's table row does not carry the
    sheet's quote, so only that check sees it edited; for a figure it names the sheet's line, not the table's."""
    sheet = filled_sheet(data_copy, tmp_path)
    rows = sheet_rows(sheet)
    index = next(i for i, row in enumerate(rows) if row["mention"] == mention)
    rows[index]["quote"] = rows[index]["quote"].replace("e", "E", 1)
    write_sheet(sheet, rows)
    before = digest(data_copy)
    result = run_analysis("confirm", str(sheet), data_dir=data_copy)
    assert result.code == 1, result.output
    assert f"{sheet}, line {index + 2}, column quote: the quote is not the text at" in result.output, result.output
    assert digest(data_copy) == before


def test_an_outlet_without_latin_letters_asks_for_a_source_id(data_copy, tmp_path):
    before = digest(data_copy)
    arabic = ["--outlet", "\u0627\u0644\u062c\u0632\u064a\u0631\u0629", "--title", "\u062a\u0645\u0648\u064a\u0644",
              "--published", "2024-03-14", "--kind", "news", "--review-dir", str(tmp_path)]
    refused = run_analysis("add-source", str(ARTICLE), *arabic, data_dir=data_copy)
    assert refused.code == 1 and "Give one with --source-id" in refused.output, refused.output
    assert "--source-id ''" not in refused.output and digest(data_copy) == before
    accepted = run_analysis("add-source", str(ARTICLE), *arabic, "--source-id", "aljazeera-refuge-funding", data_dir=data_copy)
    assert accepted.code == 0, accepted.output
    voices = Store(data_copy).table("voices")
    assert "outlet-aljazeera-refuge-funding" in set(voices["voice_id"])
    assert run_analysis("validate", data_dir=data_copy).code == 0


def test_accented_outlets_give_a_readable_slug(data_copy, tmp_path):
    result = run_analysis("add-source", str(ARTICLE), "--outlet", "Le Monde", "--title", "F\u00e9minicides : l'\u00e9tat des lieux",
                          "--published", "2024-03-14", "--kind", "news", "--review-dir", str(tmp_path), data_dir=data_copy)
    assert result.code == 0 and "'le-monde-feminicides-l-etat-des-lieux'" in result.output, result.output


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
                                 "ftp://example.org/a.txt", "https://", "example.org/article", "http://[::1",
                                 "https://a@", "https://:80", "http://example.org:99999/", "https://\u202eexample.org",
                                 "https://exa\u200bmple.org", 'https://x.org/"onmouseover=alert(1)'])
def test_only_web_addresses_are_accepted_as_urls(data_copy, tmp_path, url):
    before = digest(data_copy)
    result = add(data_copy, ARTICLE, "--url", url, review=tmp_path)
    assert result.code == 1 and "is not a web address" in result.output, result.output
    assert digest(data_copy) == before
    assert add(data_copy, ARTICLE, "--url", "https://example.org/news/refuges", review=tmp_path).code == 0


PARAGRAPHS = [
    "The council said on {day} that it would fund {n} new refuge places, after a review found that more than {m} "
    "women had been turned away in {year}.",
    "Residents told a meeting at the library that buses after 11pm ran only every {n} minutes, and that {p}% of "
    "those who answered a survey felt unsafe walking home from the station.",
    "A councillor said the lighting on {n} streets near the park would be replaced by the spring, at a cost of "
    "\u00a3{m},000, and that the work would be checked by the residents' association.",
    "The charity said its helpline had taken {m} calls in the last month, {n} of them from women who had been "
    "refused a place because the refuge was full.",
]


def long_article(size: int) -> str:
    """A long article of plausible local-news prose, exactly ``size`` bytes of UTF-8."""
    text, number = "Published 14 March 2024\n", 0
    while len(text.encode("utf-8")) < size:
        number += 1
        text += "\n" + PARAGRAPHS[number % len(PARAGRAPHS)].format(
            day=("Monday", "Thursday", "Friday")[number % 3], n=number % 90 + 2, m=number % 800 + 100,
            year=2015 + number % 9, p=number % 70 + 5) + "\n"
    raw = text.encode("utf-8")[:size]
    return raw.decode("utf-8", errors="ignore").rstrip("\ufffd") + " " * (size - len(raw.decode("utf-8", errors="ignore").encode("utf-8")))


def test_an_article_over_the_size_limit_is_refused_before_it_is_read(data_copy, tmp_path):
    article = tmp_path / "huge.txt"
    with article.open("wb") as out:  # sparse: 5 MB of NUL bytes that are never read (reading would call it binary)
        out.truncate(5 * 1024 * 1024)
    before = digest(data_copy)
    result = add(data_copy, article, review=tmp_path / "review")
    assert result.code == 1 and f"at most {MAX_ARTICLE_BYTES:,} bytes" in result.output, result.output
    assert digest(data_copy) == before
    just_over = tmp_path / "over.txt"
    just_over.write_text(long_article(MAX_ARTICLE_BYTES + 1), encoding="utf-8")
    assert just_over.stat().st_size == MAX_ARTICLE_BYTES + 1
    result = add(data_copy, just_over, review=tmp_path / "review")
    assert result.code == 1 and f"is {MAX_ARTICLE_BYTES + 1:,} bytes" in result.output, result.output
    assert digest(data_copy) == before and not (tmp_path / "review").exists()


def test_an_article_at_the_size_limit_is_added_within_bounds(data_copy, tmp_path):
    article = tmp_path / "long.txt"
    article.write_text(long_article(MAX_ARTICLE_BYTES), encoding="utf-8")
    assert article.stat().st_size == MAX_ARTICLE_BYTES
    started = time.monotonic()
    result = add(data_copy, article, review=tmp_path / "review")
    seconds = time.monotonic() - started
    assert result.code == 0, result.output
    print(f"add-source of a {MAX_ARTICLE_BYTES:,}-byte article: {seconds:.1f} s")  # recorded, not asserted: machines are noisy
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # Linux reports kilobytes
    assert peak < 1024 ** 3, f"a child process peaked at {peak / 1024 ** 2:.0f} MB"
    rows = sheet_rows(tmp_path / "review" / SHEET_NAME)
    assert len(rows) > 1000 and all(len(row["quote"]) <= 600 for row in rows)
    assert run_analysis("validate", data_dir=data_copy).code == 0


def test_a_review_folder_inside_the_data_is_refused(data_copy):
    before = digest(data_copy)
    for inside in (data_copy / "sources", data_copy / ".pending", data_copy):
        result = add(data_copy, ARTICLE, review=inside)
        assert result.code == 1 and "is inside the data directory" in result.output, result.output
        assert digest(data_copy) == before


def planted(data_copy: Path, name: str, content: str) -> None:
    (data_copy / ".pending").mkdir(exist_ok=True)
    (data_copy / ".pending" / name).write_text(content, encoding="utf-8")


def test_a_planted_manifest_moves_nothing(data_copy, tmp_path):
    # Recovery runs at every command; what it finishes must be a change this program staged, in the data.
    victim, evil = tmp_path / "victim.txt", tmp_path / "evil.txt"
    victim.write_text("victim", encoding="utf-8")
    evil.write_text("evil", encoding="utf-8")
    for files in ([{"staged": str(evil), "target": str(victim)}],
                  [{"staged": ".pending/tree/../../evil.txt", "target": "../victim.txt"}],
                  [{"staged": str(evil), "target": str(victim), "inside": False}],
                  [{"staged": str(tmp_path / ".victim.txt.0123abcd.pending"), "target": str(victim), "inside": False}]):
        planted(data_copy, "manifest.json", json.dumps({"what": "planted", "files": files}))
        result = run_analysis("validate", data_dir=data_copy)
        assert result.code == 1 and "this is not a change this program staged" in result.output, result.output
        assert "Traceback" not in result.output
        assert victim.read_text(encoding="utf-8") == "victim" and evil.exists()


def test_a_planted_list_of_staged_sheets_deletes_nothing(data_copy, tmp_path):
    precious = tmp_path / "precious.csv"
    precious.write_text("keep", encoding="utf-8")
    planted(data_copy, "outside.json", json.dumps([str(precious)]))
    result = run_analysis("validate", data_dir=data_copy)
    assert result.code == 0 and "rolled back" in result.output, result.output
    assert precious.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("manifest", ["{bad", "[]", '{"what": "x"}', '{"what": "x", "files": [{"staged": 1}]}'])
def test_a_broken_manifest_is_named_not_a_traceback(data_copy, manifest):
    planted(data_copy, "manifest.json", manifest)
    result = run_analysis("validate", data_dir=data_copy)
    assert result.code == 1 and "manifest.json" in result.output and "Traceback" not in result.output, result.output


def test_a_staging_folder_that_is_a_file_is_named(data_copy, tmp_path):
    (data_copy / ".pending").write_text("hi", encoding="utf-8")
    for command in (["validate"], ["add-source", str(ARTICLE), *ADD, "--review-dir", str(tmp_path)]):
        result = run_analysis(*command, data_dir=data_copy)
        assert result.code == 1 and "is not a staging folder" in result.output and "Traceback" not in result.output, result.output


def test_a_stated_publication_date_is_a_day(data_copy, tmp_path):
    result = add(data_copy, ARTICLE, "--published", "2024", review=tmp_path)
    assert result.code == 1 and "a date stated in the text is a day" in result.output, result.output


def test_the_sheet_as_a_reporter_meets_it(tmp_path):
    """A newcomer's findings (issue 15): furniture lines, a number twice in its sentence, durations, notes kept apart."""
    import datetime as dt

    from analysis.intake import review_rows

    text = ("Home | News | London | Crime\n\nThe helpline is open 24 hours a day on 0808 2000 247. He served for 30 years.\n\n"
            "Read more: Vigil planned for Friday\n\n© 2024 The London Ledger. All rights reserved.\n")
    rows = review_rows(text, [(0, text)], (dt.date(2024, 3, 14), "day"))
    furniture = [r["mention"] for r in rows if r["found"] == "furniture?"]
    assert furniture == ["Home | News | London | Crime", "Read more: Vigil planned for Friday",
                         "© 2024 The London Ledger. All rights reserved."]
    hours = next(r for r in rows if r["mention"].startswith("24"))
    assert hours["quote"].count(hours["mention"]) == 1  # the validator's rule for a row's words
    years = next(r for r in rows if r["mention"] == "30 years")
    assert (years["value"], years["unit"]) == ("30", "years")
    assert all(not r.get("notes") and r["found_note"] for r in rows if r["found"] != "furniture?" and not r["found"].startswith("number"))


def test_a_voice_must_stand_on_words_that_name_its_speaker(data_copy, tmp_path):
    from analysis.intake import confirm

    from .conftest import digest
    from .test_quotations import added_source, quote_sheet

    store, source_id, text = added_source(data_copy, tmp_path)
    voice = dict(confirm="voice", voice_kind="person", anonymous="false", voice_role="Director")
    start = text.index("Priya Lal")
    for wrong, message in [({"speaker_start": str(start + 1)}, "which do not name the speaker 'Priya Lal'"),
                           ({"speaker_start": "", "speaker_end": ""}, "column confirm: this row (quote) names no speaker"),
                           ({"speaker_start": str(text.index("a distraction")), "speaker_end": str(text.index("a distraction") + 13)},
                            "which do not name the speaker")]:
        sheet = quote_sheet(tmp_path, source_id, text, {"a distraction": {**voice, **wrong}})
        before = digest(data_copy)
        with pytest.raises(IntakeError, match=re.escape(message)):
            confirm(store, sheet)
        assert digest(data_copy) == before
    sheet = quote_sheet(tmp_path, source_id, text, {"a distraction": dict(confirm="critique", voice_id="met", criticism="x",
                                                                          target_kind="plan", target="The plan", theme="nonsense")})
    with pytest.raises(IntakeError, match=r"no theme_id 'nonsense' in themes.csv \(one of: "):
        confirm(store, sheet)
