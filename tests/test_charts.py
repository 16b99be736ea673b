"""Each chart, as a specification: tooltips on every mark, a colour-blind-safe palette, a text alternative."""

from __future__ import annotations

import inspect

import pytest

from analysis import charts
from analysis.report import Report

BUILDERS = [f for name, f in inspect.getmembers(charts, inspect.isfunction)
            if f.__module__ == charts.__name__ and not name.startswith("_")]
ALLOWED_COLOURS = {c.lower() for c in charts.PALETTE} | {"white", "black", "#333333", "#222222", "#e6e6e6", "#888888"}


@pytest.fixture(scope="module")
def report():
    return Report()


def units(spec, inherited=None):
    """(mark, encoding) for every mark in a spec, with encodings inherited from enclosing layers."""
    if isinstance(spec, dict):
        encoding = {**(inherited or {}), **spec.get("encoding", {})}
        if "mark" in spec:
            yield spec["mark"], encoding
        for key, value in spec.items():
            if key in ("layer", "hconcat", "vconcat", "concat", "spec"):
                for child in value if isinstance(value, list) else [value]:
                    yield from units(child, encoding)


def colours(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("color", "fill", "stroke", "subtitleColor", "labelColor", "titleColor", "gridColor",
                       "domainColor", "background", "range", "value") and isinstance(item, str) and item.startswith("#"):
                yield item.lower()
            elif key == "range" and isinstance(item, list):
                yield from (c.lower() for c in item if isinstance(c, str) and c.startswith("#"))
            else:
                yield from colours(item)
    elif isinstance(value, list):
        for item in value:
            yield from colours(item)


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda f: f.__name__)
def test_every_mark_has_a_tooltip(report, builder):
    figure = builder(report)
    found = list(units(figure.spec()))
    assert found, "no marks"
    for mark, encoding in found:
        assert "tooltip" in encoding, f"{figure.id}: a {mark} mark has no tooltip"


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda f: f.__name__)
def test_colours_come_from_the_colour_blind_safe_palette(report, builder):
    spec = builder(report).spec()
    assert set(colours(spec)) <= ALLOWED_COLOURS


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda f: f.__name__)
def test_every_chart_says_what_it_shows_and_where_it_comes_from(report, builder):
    figure = builder(report)
    spec = figure.spec()
    assert spec["title"]["text"] and spec["title"]["subtitle"], "title and subtitle"
    assert figure.sources and set(figure.sources) <= set(report.outlets().values())
    assert len(figure.alt_text) > 60 and len(figure.data) > 0
    assert "$schema" not in spec, "the spec must not name a third-party host"


def test_colour_is_never_the_only_encoding_of_a_category(report):
    # Where colour encodes a field, the same field is also shown by shape, position, facet or a label.
    for builder in BUILDERS:
        for mark, encoding in units(builder(report).spec()):
            colour = encoding.get("color", {})
            if "field" in colour and colour.get("type") == "nominal":
                others = [channel for channel, enc in encoding.items()
                          if channel in ("shape", "x", "y", "row", "column", "text") and enc.get("field") == colour["field"]]
                facets = [spec.get("facet", {}) for spec in [builder(report).spec()]]
                faceted = any(enc.get("field") == colour["field"] for f in facets for enc in f.values() if isinstance(enc, dict))
                assert others or faceted, f"{builder.__name__}: colour alone encodes {colour['field']}"
