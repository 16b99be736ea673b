"""`python -m analysis validate`: the real data passes; each kind of bad input is caught and located.

Each malformed case is a copy of data/ with one thing broken. The validator must exit 1, name the file,
the line and the column, say what is wrong, and leave every file as it was.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from analysis.checks import validate
from analysis.store import DATA_DIR, PROJECT_ROOT, Store

from .conftest import cell, digest, edit_cell, line_of, replace_once, run_analysis


def test_the_real_data_passes():
    before = digest(DATA_DIR)
    result = run_analysis("validate")
    assert result.code == 0, result.output
    assert "all checks pass" in result.output
    assert digest(DATA_DIR) == before


def test_frictionless_accepts_the_data_package():
    # The package is how another newsroom reuses the data: their tools must accept it too.
    done = subprocess.run([str(Path(sys.executable).parent / "frictionless"), "validate", "data/datapackage.json"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def expect_rejected(data_dir: Path, file: str, line: int | None, column: str | None, *fragments: str) -> str:
    """Run validate on a broken copy; check it fails, points at the place, says what is wrong and changes nothing."""
    before = digest(data_dir)
    result = run_analysis("validate", data_dir=data_dir)
    assert result.code == 1, result.output
    place = [reported for reported in result.output.splitlines()
             if file in reported
             and (line is None or f", line {line}," in reported or f", line {line}:" in reported)
             and (column is None or f", column {column}:" in reported)]
    assert place, f"no problem reported at {file}, line {line}, column {column}:\n{result.output}"
    for fragment in fragments:
        assert any(fragment in reported for reported in place), f"{fragment!r} not said there:\n{result.output}"
    assert digest(data_dir) == before, "validation wrote to the data directory"
    return result.output


def test_a_quote_not_in_its_source(data_copy):
    line = edit_cell(data_copy, "figures", "F022", "quote", "Public confidence has fallen below 50%")
    expect_rejected(data_copy, "figures.csv", line, "quote", "F022", "not in the source")


def test_a_quote_typed_with_a_straight_apostrophe(data_copy):
    quote = cell(data_copy, "figures", "F023", "quote")
    assert "\u2019" in quote
    line = edit_cell(data_copy, "figures", "F023", "quote", quote.replace("\u2019", "'"))
    expect_rejected(data_copy, "figures.csv", line, "quote", "F023", "not in the source as typed", "curly quotes")


def test_offsets_off_by_one(data_copy):
    start, end = int(cell(data_copy, "figures", "F025", "start")), int(cell(data_copy, "figures", "F025", "end"))
    edit_cell(data_copy, "figures", "F025", "start", str(start + 1))
    line = edit_cell(data_copy, "figures", "F025", "end", str(end + 1))
    expect_rejected(data_copy, "figures.csv", line, "quote", "F025", "off by -1")


def test_a_value_that_disagrees_with_its_quote(data_copy):
    line = edit_cell(data_copy, "figures", "F003", "value", "25000")
    expect_rejected(data_copy, "figures.csv", line, "value", "25000", "which is 2500")


def test_a_qualifier_that_disagrees_with_its_quote(data_copy):
    line = edit_cell(data_copy, "figures", "F022", "qualifier", "over")
    expect_rejected(data_copy, "figures.csv", line, "qualifier", "reads as 'below'")


def test_a_unit_that_disagrees_with_its_quote(data_copy):
    line = edit_cell(data_copy, "figures", "F012", "unit", "kilograms")
    expect_rejected(data_copy, "figures.csv", line, "unit", "is in GBP")


def test_a_duplicate_id(data_copy):
    first = line_of(data_copy / "measures.csv", "\nM001,") + 1
    line = edit_cell(data_copy, "measures", "M002", "measure_id", "M001")
    expect_rejected(data_copy, "measures.csv", line, "measure_id", f"M001 is already used on line {first}")


def test_an_unknown_source_id(data_copy):
    line = edit_cell(data_copy, "critiques", "C030", "source_id", "evaw-statement")
    expect_rejected(data_copy, "critiques.csv", line, "source_id", "'evaw-statement' is not a source_id in sources.csv")


def test_an_unknown_voice(data_copy):
    line = edit_cell(data_copy, "figures", "F025", "claimant", "alicia")
    expect_rejected(data_copy, "figures.csv", line, "claimant", "'alicia' is not a voice_id in voices.csv")


def test_an_impossible_date(data_copy):
    line = edit_cell(data_copy, "events", "E020", "date", "2022-02-30")
    expect_rejected(data_copy, "events.csv", line, "date", "'2022-02-30' is not a valid date")


def test_a_date_that_is_not_at_its_precision(data_copy):
    line = edit_cell(data_copy, "events", "E007", "date", "2022-01-07")
    expect_rejected(data_copy, "events.csv", line, "date", "not a month-precision date", "2022-01-01")


def test_a_stated_date_that_disagrees_with_its_words(data_copy):
    line = edit_cell(data_copy, "events", "E020", "date", "2022-03-08")
    expect_rejected(data_copy, "events.csv", line, "date", "'Wednesday, 9 March 2022'", "2022-03-09")


def test_a_relative_date_marked_as_stated(data_copy):
    line = edit_cell(data_copy, "events", "E033", "date_basis", "stated")
    expect_rejected(data_copy, "events.csv", line, "date_text", "'released on Friday' does not state a full date")


def test_a_missing_column(data_copy):
    figures = data_copy / "figures.csv"
    header = figures.read_text(encoding="utf-8").split("\n", 1)[0]
    replace_once(figures, header, header.replace(",unit,", ",units,"))
    expect_rejected(data_copy, "figures.csv", 1, "unit", "missing from the header")


def test_a_value_outside_its_enumeration(data_copy):
    line = edit_cell(data_copy, "measures", "M048", "category", "outreach")
    expect_rejected(data_copy, "measures.csv", line, "category", "'outreach'", "enum")


def test_an_empty_file(data_copy):
    (data_copy / "themes.csv").write_bytes(b"")
    expect_rejected(data_copy, "themes.csv", None, None, "file is empty")


def test_a_file_that_is_not_utf8(data_copy):
    voices = data_copy / "voices.csv"
    raw = voices.read_bytes()
    voices.write_bytes(raw.replace("Uğur".encode(), "Uğur".encode("cp1254"), 1))
    line = raw[: raw.index("Uğur".encode())].count(b"\n") + 1
    expect_rejected(data_copy, "voices.csv", line, None, "not valid UTF-8")


def test_a_byte_order_mark(data_copy):
    events = data_copy / "events.csv"
    events.write_bytes(b"\xef\xbb\xbf" + events.read_bytes())
    expect_rejected(data_copy, "events.csv", 1, None, "byte-order mark")


def test_a_source_whose_checksum_changed(data_copy):
    source = data_copy / "sources" / "003_07305fae31eacef4.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Alice", "Alicia", 1), encoding="utf-8")
    line = line_of(data_copy / "sources.csv", "casey-commentary,")
    output = expect_rejected(data_copy, "sources.csv", line, "sha256", "has changed")
    # The edit also moves every quote after it: those are reported too, not just the first problem.
    assert "off by +1" in output


def test_a_quote_inside_web_furniture(data_copy):
    # Point an exclusion at "six years" in Sky's 'Read more' teasers, which are web furniture.
    text = Store(data_copy).source_text("sky-ten-point-plan")
    start = text.index("missing for six years")
    for column, value in [("source_id", "sky-ten-point-plan"), ("quote", "missing for six years"),
                          ("start", str(start)), ("end", str(start + 21)), ("mention", "six")]:
        line = edit_cell(data_copy, "exclusions", "X013", column, value)
    expect_rejected(data_copy, "exclusions.csv", line, "quote", "web furniture W005")


def test_an_unregistered_source_file(data_copy):
    (data_copy / "sources" / "005_new.txt").write_text("A new article.\n", encoding="utf-8")
    expect_rejected(data_copy, "005_new.txt", None, None, "not registered in sources.csv")


def test_number_words_that_are_not_in_the_quote(data_copy):
    line = edit_cell(data_copy, "figures", "F025", "number_text", "two")
    output = expect_rejected(data_copy, "figures.csv", line, "number_text", "occurs 0 times")
    assert "value is 1 but the quote says 'two', which is 2" in output


def test_every_problem_is_reported_not_only_the_first(data_copy):
    edit_cell(data_copy, "figures", "F003", "value", "2600")
    edit_cell(data_copy, "figures", "F002", "value", "61")
    (data_copy / "themes.csv").write_bytes(b"")
    problems = validate(Store(data_copy))
    assert sum(p.column == "value" for p in problems) == 2
    assert any(p.file.endswith("themes.csv") and "empty" in p.message for p in problems)


def test_a_data_package_that_is_not_json(data_copy):
    (data_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    expect_rejected(data_copy, "datapackage.json", None, None, "cannot read the data package")


def test_two_measures_given_the_same_point_of_a_plan(data_copy):
    # Mutation testing found that disabling check_plans survived the whole suite: the ten-point plan's
    # points are counted one measure each, so a point given twice must fail validate.
    line = edit_cell(data_copy, "measures", "M028", "point", "1")
    first = line_of(data_copy / "measures.csv", "\nM027,") + 1
    expect_rejected(data_copy, "measures.csv", line, "point", "M028: point 1 of ten-point-plan-2023 is given to more than one measure")
    expect_rejected(data_copy, "measures.csv", first, "point", "M027: point 1 of ten-point-plan-2023 is given to more than one measure")


def test_a_point_is_the_same_point_however_it_is_written(data_copy):
    # "01" is point 1 too: the check compares numbers, not their spelling.
    edit_cell(data_copy, "measures", "M028", "point", "01")
    problems = validate(Store(data_copy))
    assert any(p.column == "point" and "point 1 of ten-point-plan-2023 is given to more than one measure" in p.message
               for p in problems), problems


def test_every_problem_is_collected_when_tables_break_in_new_ways(data_copy):
    # A table refused whole (outside data/), a cell with a control character and an offset in other digits:
    # each is reported, none stops the others, and Frictionless never opens the refused table.
    (data_copy / "themes.csv").rename(data_copy.parent / "themes.csv")
    (data_copy / "themes.csv").symlink_to(data_copy.parent / "themes.csv")
    edit_cell(data_copy, "figures", "F001", "notes", "bell\a")
    edit_cell(data_copy, "figures", "F003", "start", "\u0663\u0661\u0661\u0668")
    problems = validate(Store(data_copy))
    assert any(p.file.endswith("themes.csv") and "outside the data directory" in p.message for p in problems)
    assert any(p.column == "notes" and "control character" in p.message for p in problems)
    assert any(p.column == "start" and "digits 0-9" in p.message for p in problems)
    # critiques refer to themes: with themes unreadable, that reference is not reported as broken row by row
    assert not any(p.file.endswith("critiques.csv") and p.column == "theme" for p in problems)


def test_a_url_must_be_http_or_https(data_copy):
    line = edit_cell(data_copy, "sources", "evaw-action-plan-response", "url", "ftp://example.com/x")
    expect_rejected(data_copy, "sources.csv", line, "url", "a URL must be a web address starting with http:// or https://")


def test_an_unexpected_failure_of_the_schema_checker_is_one_problem(monkeypatch):
    """A package the shape check lets through but Frictionless fails on is reported, not a traceback."""
    import frictionless

    def fail(self, *args, **kwargs):
        raise TypeError("'<' not supported between instances of 'str' and 'int'")

    monkeypatch.setattr(frictionless.Package, "validate", fail)
    problems = validate(Store(DATA_DIR))
    assert [(p.file.endswith("datapackage.json"), p.line, p.column) for p in problems] == [(True, None, None)]
    assert problems[0].message.startswith("the schema checker could not check the package: TypeError: ")
