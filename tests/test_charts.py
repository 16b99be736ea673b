"""Each chart, as a specification: tooltips on every mark, a colour-blind-safe palette, a text alternative."""

from __future__ import annotations

import inspect

import pytest

from analysis import charts
from analysis.derived.lookups import source_names
from analysis.store import PublishedStore

# Every function of the module that draws a chart, whether or not it was declared with @chart.
DRAWERS = [f for name, f in inspect.getmembers(charts, inspect.isfunction)
           if f.__module__ == charts.__name__ and inspect.signature(f).return_annotation in (charts.Drawing, "Drawing")]
CHART_IDS = list(charts.CHARTS)
ALLOWED_COLOURS = {c.lower() for c in charts.PALETTE} | {"white", "black", "#333333", "#222222", "#e6e6e6", "#888888"}


@pytest.fixture(scope="module")
def store():
    return PublishedStore()


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


@pytest.fixture(scope="module")
def figures(store):
    return {chart_id: chart.figure(store) for chart_id, chart in charts.CHARTS.items()}


def specs_of(figure):
    return [figure.spec(layout) for layout in charts.LAYOUTS]


def test_every_function_that_draws_a_chart_is_declared():
    assert {chart.draw for chart in charts.CHARTS.values()} == set(DRAWERS)


def test_a_chart_id_is_declared_once():
    with pytest.raises(ValueError, match="timeline"):
        charts.chart("timeline", "Another timeline", "A second chart under the same id")(charts.timeline)
    assert charts.CHARTS["timeline"].title == "What happened, and when"


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_mark_has_a_tooltip(figures, chart_id):
    figure = figures[chart_id]
    for spec in specs_of(figure):
        found = list(units(spec))
        assert found, "no marks"
        for mark, encoding in found:
            assert "tooltip" in encoding, f"{figure.id}: a {mark} mark has no tooltip"


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_colours_come_from_the_colour_blind_safe_palette(figures, chart_id):
    for spec in specs_of(figures[chart_id]):
        assert set(colours(spec)) <= ALLOWED_COLOURS


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_chart_says_what_it_shows_and_where_it_comes_from(store, figures, chart_id):
    figure = figures[chart_id]
    assert figure.title and figure.subtitle, "title and subtitle"
    taken_away = figure.file_spec()
    assert taken_away["title"]["text"] and taken_away["title"]["subtitle"][-1].rstrip(".").endswith(figure.sources[-1])
    assert figure.sources and set(figure.sources) <= set(source_names(store).values())
    assert len(figure.alt_text) > 60 and len(figure.data) > 0
    for spec in specs_of(figure):
        assert "$schema" not in spec, "the spec must not name a third-party host"


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_layout_is_drawn_to_its_width_with_legible_text(figures, chart_id):
    """Each drawing fits the width it is made for, so the page never shrinks it, and no text in it is set
    under the smallest size."""
    import re

    import vl_convert

    figure = figures[chart_id]
    for layout, width in charts.LAYOUTS.items():
        svg = vl_convert.vegalite_to_svg(figure.static_spec(layout))
        drawn = float(re.search(r'width="([\d.]+)"', svg).group(1))
        assert width - 40 <= drawn <= width, f"{figure.id} {layout}: drawn {drawn}px for {width}px"
        sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)px"', svg)] + \
                [float(size) for size in re.findall(r"font-size:\s*([\d.]+)px", svg)]
        assert sizes and min(sizes) >= charts.SMALLEST_TEXT, f"{figure.id} {layout}: text at {min(sizes)}px"


def test_colour_is_never_the_only_encoding_of_a_category(figures):
    # Where colour encodes a field, the same field is also shown by shape, position, facet or a label.
    for name, figure in figures.items():
        for spec in specs_of(figure):
            for _mark, encoding in units(spec):
                colour = encoding.get("color", {})
                if "field" in colour and colour.get("type") == "nominal":
                    others = [channel for channel, enc in encoding.items()
                              if channel in ("shape", "x", "y", "row", "column", "text") and enc.get("field") == colour["field"]]
                    faceted = any(enc.get("field") == colour["field"] for enc in spec.get("facet", {}).values() if isinstance(enc, dict))
                    assert others or faceted, f"{name}: colour alone encodes {colour['field']}"
