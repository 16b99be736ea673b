"""The one module that knows the files: typed tables, source texts, and finding a quote."""

import pandas as pd
import pytest

from analysis.store import QuoteNotFound, Store, locate_quote

ANCHORED = ["furniture", "voices", "figures", "events", "measures", "critiques", "replies", "exclusions", "warnings"]


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


@pytest.mark.parametrize("name", ANCHORED)
def test_every_loaded_quote_is_its_source_text_at_its_offsets(store, name):
    table = store.table(name).dropna(subset=["quote"])
    assert len(table) > 0
    for row in table.itertuples():
        assert store.source_text(row.source_id)[row.start:row.end] == row.quote


def test_sources_are_byte_identical_to_what_was_extracted(store):
    # The seeds are read-only and outside the project; the recorded sha256 is what ties the offsets down.
    from analysis.store import sha256_of
    for row in store.table("sources").itertuples():
        assert sha256_of(store.source_path(row.file)) == row.sha256


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
