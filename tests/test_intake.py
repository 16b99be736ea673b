"""Adding a source: `add-source` then `confirm`, from a new article to the book, with every refusal."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.intake import IntakeError, _atomic_write

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
    assert ("number", "quarter", "0.25", "exact", "") in found
    assert ("number", "£1.5m", "1.5e+06", "exact", "") in found
    assert ("number", "two", "2", "exact", "") in found  # "£1.5m over two years": "over" is not its qualifier
    assert ("date", "14 March 2024", "", "", "2024-03-14") in found
    assert ("date", "in 2023", "", "", "2023-01-01") in found
    assert any(r["found"] == "date" and r["mention"] == "on Thursday" and r["date_basis"] == "inferred" for r in rows)
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
        "quarter": dict(confirm="figure", what="Share of those arrests that led to a charge", claimant="met-spokesperson",
                        kind="output", topic="vawg", unit="share"),
        "£1.5m": dict(confirm="figure", what="Funding for the refuge places", claimant="borough-gazette",
                      kind="commitment", topic="vawg"),
        "two": dict(confirm="exclusion", reason="time-reference", notes="The funding's period, not a count"),
        "on Thursday": dict(confirm="event", event="refuge-funding-announced", what="The council announces refuge funding",
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
    (b"\x00\x01binary\x00", "binary"),
    ("Caf\u00e9 council news".encode("latin-1"), "not UTF-8"),
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
