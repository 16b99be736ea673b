"""The one module that knows the files: typed tables, source texts, and finding a quote."""

import json
import os
import shutil

import pandas as pd
import pytest

from analysis.schema import tables
from analysis.store import (
    DATA_DIR,
    MAX_SOURCE_BYTES,
    MAX_TABLE_BYTES,
    MAX_TABLE_ROWS,
    DataFileError,
    QuoteNotFound,
    Store,
    check_package_shape,
    locate_quote,
    sha256_hex,
)

from .conftest import edit_cell


@pytest.fixture(scope="module")
def store():
    return Store()


def test_tables_load_typed_by_their_schema(store):
    events = store.table("events")
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert isinstance(events["date_precision"].dtype, pd.CategoricalDtype)
    assert list(events["date_precision"].cat.categories) == ["day", "month", "year"]
    figures = store.table("figures")
    assert figures["start"].dtype == "Int64" and figures["value"].dtype == "Float64"
    assert list(figures["kind"].cat.categories) == ["output", "outcome", "commitment", "context"]
    assert store.table("voices")["anonymous"].dtype == "boolean"


@pytest.mark.parametrize("name", [name for name, table in tables().items() if table.holds_quotes])
def test_every_loaded_quote_is_its_source_text_at_its_offsets(store, name):
    table = store.table(name).dropna(subset=["quote"])
    assert len(table) > 0
    for row in table.itertuples():
        assert store.source_text(row.source_id)[row.start:row.end] == row.quote


def test_sources_are_byte_identical_to_what_was_extracted(store):
    # The seeds are read-only and outside the project; the recorded sha256 is what ties the offsets down.
    for row in store.table("sources").itertuples():
        assert sha256_hex(store.read_bytes(store.source_path(row.file), MAX_SOURCE_BYTES, "a source text")) == row.sha256


def test_anonymous_people_keep_only_the_label_their_source_gives(store):
    # Care: nothing is added that could identify them. Every capitalised word of an anonymous voice's
    # name (after the first word) must be in the source's own words that introduce them.
    voices = store.table("voices")
    anonymous = voices[voices["anonymous"].fillna(False) & voices["quote"].notna()]
    assert {"Alice", "Officer A", "Officer X"} <= set(anonymous["name"])
    for voice in anonymous.itertuples():
        for word in voice.name.split()[1:]:
            if word[:1].isupper():
                assert word in voice.quote, f"{voice.voice_id}: {word!r} is not in the source's words"


def test_locate_quote_forgives_typed_punctuation_but_returns_exact_offsets():
    text = "The Met\u2019s \u201cweek of action\u201d \u2013 a\u00a0start"
    start, end = locate_quote(text, 'Met\'s "week of action" - a start')
    assert text[start:end] == "Met\u2019s \u201cweek of action\u201d \u2013 a\u00a0start"


def test_locate_quote_refuses_an_ambiguous_or_missing_quote():
    with pytest.raises(QuoteNotFound, match="more than once"):
        locate_quote("one and one", "one")
    with pytest.raises(QuoteNotFound, match="not found"):
        locate_quote("one and one", "two")


def test_article_text_leaves_out_the_furniture_and_keeps_file_offsets(store):
    text = store.source_text("sky-ten-point-plan")
    segments = store.article_segments("sky-ten-point-plan")
    article = "".join(piece for _, piece in segments)
    assert "Read more from Sky News" not in article and "Leave a Reply" not in article and "Top Stories" not in article
    assert "10-point plan to tackle violence against women and girls" in article
    for offset, piece in segments:
        assert text[offset:offset + len(piece)] == piece


def test_the_package_level_loaders_read_the_project_data():
    import analysis
    assert len(analysis.table("sources")) == 5
    assert analysis.source_text("evaw-action-plan-response").startswith("Skip to content")


# -- the guard: nothing read from outside data/, nothing but regular files, nothing over its limit -------


@pytest.fixture
def copy(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return Store(tmp_path / "data")


def test_a_source_outside_the_data_directory_is_not_read(copy, tmp_path):
    (tmp_path / "secret.txt").write_text("not data\n", encoding="utf-8")
    source = copy.root / "sources" / "000_0ce3b016bebba7c6.txt"
    source.unlink()
    source.symlink_to(tmp_path / "secret.txt")
    with pytest.raises(DataFileError, match="outside the data directory"):
        copy.source_text("stylist-swab-backlash")


def test_a_fifo_is_refused_without_opening_it(copy):
    table = copy.root / "themes.csv"
    table.unlink()
    os.mkfifo(table)
    with pytest.raises(DataFileError, match="not a regular file"):
        copy.table("themes")  # would block for ever if it were opened for reading


def test_a_table_over_its_limit_is_refused_before_it_is_read(copy):
    with (copy.root / "themes.csv").open("r+b") as table:
        table.truncate(MAX_TABLE_BYTES + 1)  # sparse: no memory, no disk
    with pytest.raises(DataFileError, match="over the limit of 5,000,000 bytes"):
        copy.read_rows("themes")


def test_numbers_in_other_forms_are_refused_when_a_table_is_typed(copy):
    line = edit_cell(copy.root, "figures", "F003", "start", "3_118")
    with pytest.raises(DataFileError) as refused:
        copy.table("figures")
    assert (refused.value.line, refused.value.column) == (line, "start")


@pytest.mark.parametrize("package, message", [
    ([], "the file holds a list"),
    ({"title": "t", "version": "1", "created": "c"}, "resources is missing"),
    ({"title": "t", "version": "1", "created": "c", "resources": {}}, "resources must be a non-empty list of tables, not an object"),
    ({"title": "t", "version": {"a": 1}, "created": "c", "resources": []}, "version must be a string, not an object"),
])
def test_a_package_of_the_wrong_shape_is_refused_with_where(package, message):
    with pytest.raises(DataFileError, match=message):
        check_package_shape(package, "datapackage.json")


def test_a_table_of_quotes_declares_how_the_book_shows_them_in_words_the_project_knows():
    package = _with_field({"name": "n", "type": "string"})
    package["resources"][0]["quotes"] = "highlighted"
    with pytest.raises(DataFileError, match=r"resources\[0\] \(t\)\.quotes 'highlighted' is not supported \(only cited, marked, span\)"):
        check_package_shape(package, "datapackage.json")


def test_a_table_is_read_once_and_again_when_its_file_changes(copy):
    first = copy.table("figures")
    assert copy.table("figures").equals(first)
    edit_cell(copy.root, "figures", "F003", "notes", "changed on disk")
    assert copy.table("figures").set_index("figure_id").at["F003", "notes"] == "changed on disk"


def test_what_a_caller_changes_in_a_table_or_the_package_is_its_own(store):
    themes = store.table("themes")
    themes.loc[0, "label"] = "changed by a caller"
    assert store.table("themes").loc[0, "label"] != "changed by a caller"
    store.package()["resources"].clear()
    assert store.package()["resources"]


def test_the_real_package_has_the_shape():
    package = json.loads(Store().package_path.read_text(encoding="utf-8"))
    check_package_shape(package, Store().package_path)


def _with_field(field: dict) -> dict:
    return {"title": "t", "version": "1", "created": "c",
            "resources": [{"name": "t", "path": "t.csv", "schema": {"fields": [field]}}]}


@pytest.mark.parametrize("field, message", [
    ({"name": "n", "type": "integer", "constraints": {"minimum": float("nan")}}, "minimum must be an integer"),
    ({"name": "n", "type": "integer", "constraints": {"minimum": float("inf")}}, "minimum must be an integer"),
    ({"name": "n", "type": "integer", "constraints": {"minimum": "abc"}}, "minimum must be an integer"),
    ({"name": "n", "type": "integer", "constraints": {"maximum": 1.5}}, "maximum must be an integer"),
    ({"name": "n", "type": "number", "constraints": {"maximum": float("-inf")}}, "maximum must be a finite number"),
    ({"name": "n", "type": "date", "constraints": {"minimum": "2021-13-01"}}, "minimum must be an ISO date"),
    ({"name": "n", "type": "date", "constraints": {"minimum": 0}}, "minimum must be an ISO date"),
    ({"name": "n", "type": "string", "constraints": {"minimum": 0}}, "minimum does not apply to a field of type string"),
    ({"name": "n", "type": "string", "constraints": {"minLength": -1}}, "minLength must be a whole number, 0 or more"),
    ({"name": "n", "type": "string", "constraints": {"maxLength": True}}, "maxLength must be a whole number"),
    ({"name": "n", "type": "string", "constraints": {"pattern": "("}}, "is not a regular expression"),
    ({"name": "n", "type": "string", "constraints": {"enum": []}}, "enum must be a non-empty list of strings"),
    ({"name": "n", "type": "string", "constraints": {"unique": "yes"}}, "unique must be true or false"),
])
def test_constraints_of_the_wrong_kind_are_refused(field, message):
    with pytest.raises(DataFileError, match=message):
        check_package_shape(_with_field(field), "datapackage.json")


def test_constraints_of_the_right_kind_pass():
    check_package_shape(_with_field({"name": "n", "type": "number", "constraints": {"minimum": 0, "maximum": 2.5}}), "p")
    check_package_shape(_with_field({"name": "n", "type": "date", "constraints": {"minimum": "2020-01-01"}}), "p")


def test_a_duplicated_key_in_the_package_is_refused(copy):
    path = copy.package_path
    path.write_text(path.read_text(encoding="utf-8").replace('"title":', '"title": "x", "title":', 1), encoding="utf-8")
    with pytest.raises(DataFileError, match="the key 'title' appears twice"):
        copy.package()


def test_a_table_over_the_row_limit_is_refused_at_the_line_it_passes_it(copy):
    with (copy.root / "themes.csv").open("a", encoding="utf-8") as table:
        table.write("a\n" * (MAX_TABLE_ROWS + 10))
    with pytest.raises(DataFileError, match=f"more than {MAX_TABLE_ROWS:,} rows") as refused:
        copy.read_rows("themes")
    assert refused.value.line == MAX_TABLE_ROWS + 2


def test_an_integer_too_long_is_refused_when_a_table_is_typed(copy):
    line = edit_cell(copy.root, "figures", "F003", "start", "9" * 5000)
    with pytest.raises(DataFileError, match="too large") as refused:
        copy.table("figures")
    assert (refused.value.line, refused.value.column) == (line, "start")
