"""The book's charts: each a function from the derived tables to a :class:`Drawing`, declared by :func:`chart`.

A chart is declared once, where it is written: ``@chart(id, title, subtitle)`` above the function that draws
it registers it in :data:`CHARTS`, which the chapters (``book.setup_chapter``, the ``{chart}`` directive), the
figure files and the tests read. The registry joins the declaration and the drawing into a :class:`Figure`.

A Figure carries everything a reader needs beside the drawing, as Our World in Data does: a title, a
subtitle that says what it shows, the sources it draws on, a text alternative for screen readers, and the
table behind it (shown on the page and offered as CSV). Every mark has a tooltip; colours come from the
Okabe–Ito palette, which reads for the common forms of colour blindness, and no chart relies on colour
alone (facets, shapes, positions or direct labels carry the same distinction).

Each chart is drawn twice, for the two widths it is read at: ``wide`` for a desktop column and the printed
page, ``narrow`` for a phone. Each drawing is fitted to its width (see :func:`_fit`) and never scaled down
by the page, so its text is seen at the size it is set, 12 px and never under :data:`SMALLEST_TEXT`.
Where one layout cannot be legible at phone width, the narrow drawing is a different design (stacked
panels, a vertical timeline).
"""

from __future__ import annotations

import functools
import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import pandas as pd
import vl_convert

from . import derived
from .labels import CATEGORY_LABELS, DATE_BASIS_LABELS, KIND_LABELS, ON_SUBJECT_LABELS, SUBJECT_LABELS
from .pages import quote_href
from .store import Store

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
FONT = "DejaVu Sans, Verdana, sans-serif"
# The widths, in CSS px, each drawing is made for: a desktop column (and the printed page, where 640 px
# set in the 16.6 cm text width keeps 12 px text at 8.8 pt) and a phone's column at 390 px.
LAYOUTS = {"wide": 640, "narrow": 340}
TEXT = 12
SMALLEST_TEXT = 11
# DejaVu Sans at 12 px averages about 7 px a character: labels are wrapped by characters to fit a width.
CHAR_PX = 7.0
# A source's short name is a chart label: one longer than this (none of the corpus's is) is cut with "…", so the chart
# still fits its width; the full name is in the tooltip and the table.
SOURCE_LABEL_PX = 150
LINES = "split(datum.label, '|')"


@dataclass
class Drawing:
    """What a chart function draws: every layout, the table behind it, its text alternative and its sources."""

    layouts: dict[str, alt.TopLevelMixin]
    data: pd.DataFrame
    alt_text: str
    sources: list[str]


@dataclass
class Figure:
    """A chart, in each of its layouts, with what a reader needs around it."""

    id: str
    title: str
    subtitle: str
    layouts: dict[str, alt.TopLevelMixin]
    data: pd.DataFrame
    alt_text: str
    sources: list[str]

    def spec(self, layout: str = "wide") -> dict:
        """The Vega-Lite specification of one layout, with the data inlined (the book loads nothing from
        elsewhere). The ``$schema`` address is dropped: a page must not name a third-party host."""
        spec = self.layouts[layout].to_dict()
        spec.pop("$schema", None)
        return spec

    def static_spec(self, layout: str = "wide") -> dict:
        """The specification for drawings made without a browser (SVG, PNG, PDF): without the marks' links,
        which the converter would resolve against a third-party base address; in the web page the
        interactive chart keeps them, relative to the page."""
        return without_links(self.spec(layout))

    def file_spec(self) -> dict:
        """The wide drawing as a figure file a reader takes away: its title, subtitle and source inside it,
        as on the page around it."""
        width = LAYOUTS["wide"]
        spec = self.static_spec("wide")
        lines = textwrap.wrap(self.subtitle + ".", int(width / CHAR_PX)) + textwrap.wrap(
            "Source: " + "; ".join(self.sources) + ".", int(width / CHAR_PX))
        spec["title"] = {"text": textwrap.wrap(self.title, int(width / 10)), "subtitle": lines, "anchor": "start",
                         "fontSize": 16, "subtitleFontSize": TEXT, "subtitleColor": "#333333", "offset": 14}
        return spec


@dataclass(frozen=True)
class Chart:
    """A declared chart: its id (its figure files' name, ``fig-<id>`` in the chapters), title and subtitle,
    and the function that draws it."""

    id: str
    title: str
    subtitle: str
    draw: Callable[[Store], Drawing]

    def figure(self, store: Store) -> Figure:
        """The chart drawn from the data, with its title and subtitle."""
        drawn = self.draw(store)
        return Figure(self.id, self.title, self.subtitle, drawn.layouts, drawn.data, drawn.alt_text, drawn.sources)


# Every chart in the book, by id, in the order declared below.
CHARTS: dict[str, Chart] = {}


def chart(chart_id: str, title: str, subtitle: str) -> Callable:
    """Declare the decorated function as the chart ``chart_id``, with its title and subtitle, in :data:`CHARTS`."""
    def declare(draw: Callable[[Store], Drawing]) -> Callable[[Store], Drawing]:
        if chart_id in CHARTS:
            raise ValueError(f"two charts are declared as {chart_id!r}")
        CHARTS[chart_id] = Chart(chart_id, title, subtitle, draw)
        return draw
    return declare


def without_links(spec):
    """A specification without its marks' links (``href``)."""
    if isinstance(spec, dict):
        return {key: without_links(value) for key, value in spec.items() if key != "href"}
    if isinstance(spec, list):
        return [without_links(item) for item in spec]
    return spec


def _style(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (chart.configure(font=FONT, background="white")
            .configure_view(stroke=None)
            .configure_axis(labelFontSize=TEXT, titleFontSize=TEXT, labelColor="#222222", titleColor="#222222",
                            gridColor="#e6e6e6", domainColor="#888888", labelLimit=0, titleFontWeight="normal")
            .configure_legend(labelFontSize=TEXT, titleFontSize=TEXT, orient="top", labelLimit=0)
            .configure_header(labelFontSize=TEXT, titleFontSize=TEXT, labelLimit=0)
            .configure_title(fontSize=TEXT + 1, anchor="start", offset=8))


@functools.lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    return vl_convert.vegalite_to_svg(json.loads(spec_json))


def drawing(spec: dict) -> str:
    """A specification drawn as SVG without a browser, once: fitting a chart draws it, and the page reuses that."""
    spec = dict(spec)
    spec.pop("$schema", None)
    return _svg(json.dumps(spec, sort_keys=True))


def _drawn_width(chart: alt.TopLevelMixin) -> float:
    svg = drawing(without_links(chart.to_dict()))
    return float(svg.split('width="', 1)[1].split('"', 1)[0])


def _fit(draw: Callable[[float], alt.TopLevelMixin], width: int) -> alt.TopLevelMixin:
    """``draw(budget)`` fitted to ``width`` px in all: the drawing is measured (labels, legends, padding)
    and the budget corrected until it fills the width without passing it (or, for a drawing that grows
    in steps, comes closest under it)."""
    budget, best = float(width), None
    for _ in range(6):
        chart = _style(draw(budget))
        drawn = _drawn_width(chart)
        if drawn <= width and (best is None or drawn > best[0]):
            best = (drawn, chart)
        if width - 6 <= drawn <= width:
            break
        budget -= drawn - width + (2 if drawn > width else -2)
    if best is None:
        raise ValueError(f"the chart cannot be fitted to {width}px (drawn {drawn}px)")
    return best[1]


def _layouts(draw: Callable[[str, float], alt.TopLevelMixin]) -> dict[str, alt.TopLevelMixin]:
    """Every layout of a chart, each fitted to its width: ``draw(layout, budget)``."""
    return {layout: _fit(lambda budget, layout=layout: draw(layout, budget), width) for layout, width in LAYOUTS.items()}


def _designs(wide: Callable[[float], alt.TopLevelMixin], narrow: Callable[[float], alt.TopLevelMixin]) -> dict[str, alt.TopLevelMixin]:
    """A chart drawn by one design for the wide layout and another for the narrow one, each fitted to its width."""
    return _layouts(lambda layout, budget: wide(budget) if layout == "wide" else narrow(budget))


def _wrap(text: str, px: float) -> str:
    """Text wrapped to lines of about ``px`` wide, joined by ``|`` for :data:`LINES` to split."""
    return "|".join(textwrap.wrap(str(text), max(8, int(px / CHAR_PX)), break_on_hyphens=False))


def _lines(text: str, px: float) -> list[str]:
    return textwrap.wrap(str(text), max(8, int(px / CHAR_PX)), break_on_hyphens=False)


def _step(labels, base: int = 22) -> alt.Step:
    """A band tall enough for the longest wrapped label."""
    most = max((str(label).count("|") + 1 for label in labels), default=1)
    return alt.Step(max(base, 14 * most + 8))


def _stacked(frame: pd.DataFrame, by: str, order: list, panel: Callable[[pd.DataFrame], alt.TopLevelMixin],
             title_px: float, spacing: int = 14) -> alt.VConcatChart:
    """Panels stacked one above the other, one per value of ``by`` in ``order``, each titled above it,
    from the left edge, wrapped to the width: they read on any screen."""
    return alt.vconcat(*(panel(frame[frame[by] == value]).properties(
        title=alt.TitleParams(_lines(value, title_px), anchor="start", fontWeight="bold", fontSize=TEXT))
        for value in order if (frame[by] == value).any()), spacing=spacing)


def _sources_of(store: Store, source_ids) -> list[str]:
    names = derived.lookups.source_names(store)
    return [names[source_id] for source_id in sorted(set(source_ids), key=list(names).index)]



# -- 1. the timeline -------------------------------------------------------------------------------

# The wide timeline's time axis gives the years before 2020, context only, a fifth of its width, and
# 2020 to 2024, where most events fall, the rest: a position from 0 to 1 along the axis.
CONTEXT_FROM, FOCUS_FROM, AXIS_END, CONTEXT_SHARE = 2016, 2020, 2025, 0.2
YEAR_LABEL = (f"'' + round(datum.value < {CONTEXT_SHARE} ? {CONTEXT_FROM} + datum.value / {CONTEXT_SHARE} * {FOCUS_FROM - CONTEXT_FROM}"
              f" : {FOCUS_FROM} + (datum.value - {CONTEXT_SHARE}) / {1 - CONTEXT_SHARE} * {AXIS_END - FOCUS_FROM})")


def _year_position(moment: pd.Timestamp) -> float:
    """Where a moment stands on the wide timeline's axis (0 to 1)."""
    year = moment.year + (moment.day_of_year - 1) / (366 if moment.is_leap_year else 365)
    if year < FOCUS_FROM:
        return CONTEXT_SHARE * (year - CONTEXT_FROM) / (FOCUS_FROM - CONTEXT_FROM)
    return CONTEXT_SHARE + (1 - CONTEXT_SHARE) * (year - FOCUS_FROM) / (AXIS_END - FOCUS_FROM)


@chart("timeline", "What happened, and when",
       "Events the sources mention, by subject, in date order. A date known only to the month or year is "
       "shown as that span, never as a single day; a triangle marks a day the source states")
def timeline(store: Store) -> Drawing:
    """Each event as a mark on a time axis, one row per subject; on a phone, a dated list."""
    events = derived.timeline.timeline(store)
    source_of = store.table("events").set_index("event_id")["source_id"]
    events["quote_page"] = [quote_href(source_of[row], row) for row in events["event_id"]]
    events["basis"] = events["date_basis"].map(DATE_BASIS_LABELS)
    events["subject"] = events["topic"].map(SUBJECT_LABELS)
    # A date known only to the month or year is drawn across it, to the end of its last day.
    events["range_end"] = events["window_end"] + pd.Timedelta(days=1)
    events["start"] = events["date"].map(_year_position)
    events["end"] = events["range_end"].map(_year_position)
    events = events.drop(columns=["date_note"])
    # What a screen reader announces for each mark: the event and its date, not the chart's positions.
    events["about"] = events["when"] + ": " + events["what"]
    subjects = [SUBJECT_LABELS[topic] for topic in SUBJECT_LABELS if topic in set(events["topic"])]
    colours = dict(zip(subjects, PALETTE))
    tooltip = [alt.Tooltip("what:N", title="Event"), alt.Tooltip("when:N", title="When"),
               alt.Tooltip("basis:N", title="How we know"), alt.Tooltip("subject:N", title="Subject"),
               alt.Tooltip("mentioned_by:N", title="Mentioned by")]
    described = {"tooltip": tooltip, "description": alt.Description("about:N")}
    shape = alt.Shape("basis:N", title="Date", scale=alt.Scale(domain=list(DATE_BASIS_LABELS.values()), range=["triangle-up", "circle"]))

    def wide(budget: float):
        # Each event's words to the left of the time axis, wrapped, each row as tall as its words need.
        label_px = 350
        plot = budget - label_px - 14
        ticks = [_year_position(pd.Timestamp(year=y, month=1, day=1)) for y in (2016, 2020, 2021, 2022, 2023, 2024, 2025)]
        position = alt.Scale(domain=[0, 1], nice=False, zero=False)
        rows, heights = [], {}
        for subject in subjects:
            top = 4
            for event in events[events["subject"] == subject].itertuples():
                lines = _lines(event.what, label_px)
                rows.append({**event._asdict(), "top": top, "middle": top + 7.5 * len(lines), "lines": lines})
                top += 15 * len(lines) + 7
            heights[subject] = top
        listed = pd.DataFrame(rows).drop(columns=["Index"])

        def panel(subject: str, last: bool):
            height = heights[subject]
            y = alt.Y("middle:Q", scale=alt.Scale(domain=[0, height], range=[0, height], nice=False, zero=False), axis=None)
            base = alt.Chart(listed[listed["subject"] == subject]).encode(**described)
            axis = alt.Axis(values=ticks, labelExpr=YEAR_LABEL, labelOverlap=False, grid=True, ticks=False, domain=False,
                            title="Year (2016 to 2019 drawn narrower)" if last else None)
            span = base.mark_bar(height=8, opacity=0.5, color=colours[subject]).encode(
                x=alt.X("start:Q", scale=position, axis=axis), x2="end:Q", y=y)
            point = base.transform_filter(alt.datum.date_precision == "day").mark_point(
                size=80, filled=True, color=colours[subject], cursor="pointer").encode(
                # The shapes mark single days; a span (a month, a year) is a bar whether stated or inferred.
                x="start:Q", y=y, href="quote_page:N", shape=shape.title("A single day's date"))
            words = base.mark_text(align="right", baseline="top", fontSize=TEXT, lineHeight=15).encode(
                x=alt.value(-10), y=alt.Y("top:Q", scale=y.to_dict()["scale"], axis=None), text="lines:N")
            return (span + point + words).properties(width=plot, height=height, title=alt.TitleParams(subject, offset=10))

        return alt.vconcat(*(panel(s, s == subjects[-1]) for s in subjects), spacing=16).resolve_scale(x="shared")

    def narrow(budget: float):
        # A vertical list, as news timelines are on a phone: every event in order, its date above its words.
        text_px, rows, heights = budget - 22, [], {}
        for subject in subjects:
            top = 0
            for event in events[events["subject"] == subject].itertuples():
                lines = _lines(event.what, text_px)
                rows.append({**event._asdict(), "top": top, "text_top": top + 17, "lines": lines, "dot": top + 8})
                top += 17 + 15 * len(lines) + 12
            heights[subject] = top
        listed = pd.DataFrame(rows).drop(columns=["Index"])

        def panel(subject: str):
            height = heights[subject]
            y = alt.Scale(domain=[0, height], range=[0, height], zero=False, nice=False)
            x = alt.Scale(domain=[0, budget], range=[0, budget], nice=False)
            base = alt.Chart(listed[listed["subject"] == subject]).encode(**described)
            dot = base.mark_point(size=70, filled=True, color=colours[subject], cursor="pointer").encode(
                x=alt.X("dot_x:Q", scale=x, axis=None), y=alt.Y("dot:Q", scale=y, axis=None), href="quote_page:N",
                shape=shape).transform_calculate(dot_x="6")
            when = base.mark_text(align="left", baseline="top", fontWeight="bold", fontSize=TEXT).encode(
                x=alt.X("text_x:Q", scale=x, axis=None), y=alt.Y("top:Q", scale=y, axis=None), text="when:N"
            ).transform_calculate(text_x="18")
            what = base.mark_text(align="left", baseline="top", fontSize=TEXT, lineHeight=15).encode(
                x=alt.X("text_x:Q", scale=x, axis=None), y=alt.Y("text_top:Q", scale=y, axis=None), text="lines:N"
            ).transform_calculate(text_x="18")
            return (dot + when + what).properties(width=budget, height=height, title=subject)

        return alt.vconcat(*(panel(s) for s in subjects), spacing=14)

    stated = int((events["date_basis"] == "stated").sum())
    alt_text = (f"Timeline of {len(events)} events the sources mention, from {events['when'].iloc[0]} to "
                f"{events['when'].iloc[-1]}. {stated} are dated by the sources' own words and the rest are inferred. "
                "In order: " + "; ".join(f"{w}: {what}" for w, what in zip(events["when"], events["what"])) + ".")
    table = events[["when", "what", "basis", "subject", "mentioned_by", "event_id"]]
    return Drawing(_designs(wide, narrow), table, alt_text, _sources_of(store, store.table("events")["source_id"]))


@chart("sources-published", "When the sources were published",
       "A triangle marks a date the text states; a bar spans the days an inferred date can fall on")
def sources_published(store: Store) -> Drawing:
    """Each source's publication date, or the range of days an inferred date allows."""
    sources = derived.timeline.source_dates(store)
    notes = sources["date_note"]
    sources = sources.drop(columns=["date_note"])
    sources["basis"] = sources["date_basis"].map({"stated": "Date stated in the text", "inferred": "Date inferred: the range the evidence allows"})
    # A bar spans the days the evidence allows (to the end of the last day); a triangle marks a day that is known.
    sources["range_end"] = sources["published_latest"] + pd.Timedelta(days=1)

    def draw(layout: str, budget: float):
        ticks = ([alt.DateTime(year=y, month=m, date=1) for y in (2022, 2023) for m in (1, 7)] + [alt.DateTime(year=2024, month=1, date=1)]
                 if layout == "wide" else [alt.DateTime(year=y, month=1, date=1) for y in (2022, 2023, 2024)])
        base = alt.Chart(sources).encode(
            y=alt.Y("short_name:N", sort=list(sources["short_name"]), title=None, axis=alt.Axis(labelLimit=SOURCE_LABEL_PX)),
            tooltip=[alt.Tooltip("short_name:N", title="Source"), alt.Tooltip("title:N", title="Title"),
                     alt.Tooltip("when_marked:N", title="Published"), alt.Tooltip("basis:N", title="How we know")])
        x = alt.X("published_earliest:T", title=None,
                  # Room at the ends for the marks (an explicit domain makes Vega-Lite's layers disagree).
                  scale=alt.Scale(padding=14),
                  axis=alt.Axis(values=ticks, format="%b %Y" if layout == "wide" else "%Y", labelOverlap=False))
        window = base.mark_bar(height=12, opacity=0.45, color=PALETTE[0]).encode(x=x, x2="range_end:T")
        point = base.transform_filter(alt.datum.date_basis == "stated").mark_point(size=90, filled=True, color=PALETTE[0]).encode(
            x=x, shape=alt.Shape("basis:N", scale=alt.Scale(range=["triangle-up"]), title=None))
        return (window + point).properties(width=budget - 110, height=alt.Step(34))

    inferred = sources[sources["date_basis"] == "inferred"]
    alt_text = (f"Chart of the publication dates of the {len(sources)} sources. "
                + "; ".join(f"{n}: {w}" for n, w in zip(sources["short_name"], sources["when_marked"]))
                + f". {len(inferred)} of the dates are inferred, each drawn as the range its evidence allows.")
    table = sources.assign(date_note=notes)[["short_name", "title", "when_marked", "basis", "date_note"]].rename(columns={"when_marked": "published"})
    return Drawing(_layouts(draw), table, alt_text, list(sources["short_name"]))


# -- 2. the numbers --------------------------------------------------------------------------------

# The lede chart's type: a figure's number as stated, large; what it counts and who states it below.
NUMBER_TEXT, NUMBER_LINE, LINE, ROW_GAP, BAR_HEIGHT = 22, 28, 16, 16, 12


def _stated_panel(rows: pd.DataFrame, width: float, colour: str, tooltip: list) -> alt.LayerChart:
    """One side of the lede chart: each figure's words large, a share drawn as a part of one whole beside
    them (to its bound, with "over" or "below" in the words), then what it counts and who states it, wrapped
    to ``width``. Positions are laid out here in pixels, so no number shares an axis with another."""
    placed, y = [], 0
    for row in rows.itertuples():
        counts, who = _lines(row.counts, width), _lines(row.who, width)
        number_px = len(row.number_text) * NUMBER_TEXT * 0.7
        placed.append({**row._asdict(), "y_number": y, "y_counts": y + NUMBER_LINE, "counts_lines": "|".join(counts),
                       "y_who": y + NUMBER_LINE + LINE * len(counts), "who_lines": "|".join(who),
                       "bar_from": number_px + 16, "bar_to": width, "bar_y": y + (NUMBER_LINE - BAR_HEIGHT) / 2 - 2,
                       "bar_fill": number_px + 16 + (width - number_px - 16) * (row.share if pd.notna(row.share) else 0),
                       "bound": {"over": "triangle-right", "below": "triangle-left"}.get(row.qualifier, "diamond")})
        y += NUMBER_LINE + LINE * (len(counts) + len(who)) + ROW_GAP
    frame = pd.DataFrame(placed).drop(columns=["Index"])
    base = alt.Chart(frame).encode(x=alt.value(0), href="quote_page:N", tooltip=tooltip)
    number = base.mark_text(align="left", baseline="top", fontSize=NUMBER_TEXT, fontWeight="bold", color=colour,
                            cursor="pointer").encode(y=alt.Y("y_number:Q", scale=None, axis=None), text="number_text:N")
    counts = base.mark_text(align="left", baseline="top", fontSize=TEXT, lineBreak="|", lineHeight=LINE, color="#222222",
                            cursor="pointer").encode(y=alt.Y("y_counts:Q", scale=None), text="counts_lines:N")
    who = base.mark_text(align="left", baseline="top", fontSize=TEXT, lineBreak="|", lineHeight=LINE, color="#222222",
                         fontStyle="italic").encode(y=alt.Y("y_who:Q", scale=None), text="who_lines:N")
    shares = frame[frame["share"].notna()]
    whole = alt.Chart(shares).mark_rect(color="#e6e6e6").encode(
        x=alt.X("bar_from:Q", scale=None, axis=None), x2="bar_to:Q", y=alt.Y("bar_y:Q", scale=None), y2=alt.Y2("bar_bottom:Q"),
        tooltip=tooltip, href="quote_page:N")
    part = alt.Chart(shares).mark_rect(color=colour).encode(
        x=alt.X("bar_from:Q", scale=None, axis=None), x2="bar_fill:Q", y=alt.Y("bar_y:Q", scale=None), y2=alt.Y2("bar_bottom:Q"),
        tooltip=tooltip, href="quote_page:N")
    # The bound's mark points the way the words go: past it for "over", short of it for "below".
    bound = alt.Chart(shares).mark_point(filled=True, size=90, color="#222222").encode(
        x=alt.X("bar_fill:Q", scale=None, axis=None), y=alt.Y("bar_middle:Q", scale=None),
        shape=alt.Shape("bound:N", scale=None), tooltip=tooltip, href="quote_page:N")
    bar_rows = {"bar_bottom": f"datum.bar_y + {BAR_HEIGHT}", "bar_middle": f"datum.bar_y + {BAR_HEIGHT / 2}"}
    layers = [number, counts, who] + ([layer.transform_calculate(**bar_rows) for layer in (whole, part, bound)] if len(shares) else [])
    return alt.layer(*layers).properties(width=width, height=max(y - ROW_GAP, 1))


@chart("figures-stated", "The Met's messages counted its own activity; others cited misconduct, abuse and lost trust",
       "Each figure in its source's words, with who states it and when the account was published. They come from different kinds of account "
       "and different years, so they stand side by side, not compared. A bar shows a share of a whole")
def figures_stated(store: Store) -> Drawing:
    """The figures themselves: what the Met's messages counted beside what others cited, each as stated."""
    rows = derived.figures.figures_stated(store)
    rows["who"] = [(stated if stated == source else f"{stated} · {source}") + f", published {published}"
                   for stated, source, published in zip(rows["stated_by"], rows["source"], rows["published"])]
    rows["quote_page"] = [quote_href(source, row) for source, row in zip(rows["source_id"], rows["figure_id"])]
    sides = list(dict.fromkeys(rows["side"]))
    colours = dict(zip(sides, [PALETTE[0], PALETTE[5]]))
    tooltip = [alt.Tooltip("number_text:N", title="Figure"), alt.Tooltip("counts:N", title="What it counts"),
               alt.Tooltip("stated_by:N", title="Who states it"), alt.Tooltip("source:N", title="Source"),
               alt.Tooltip("figure_id:N", title="Row")]

    def panel(side: str, width: float, title_px: float):
        return _stated_panel(rows[rows["side"] == side], width, colours[side], tooltip).properties(
            title=alt.TitleParams(_lines(side, title_px), anchor="start", fontWeight="bold", fontSize=TEXT + 1, color=colours[side]))

    def wide(budget: float):
        half = (budget - 40) / 2
        return alt.hconcat(*(panel(side, half, half) for side in sides), spacing=40)

    def narrow(budget: float):
        return alt.vconcat(*(panel(side, budget - 10, budget - 10) for side in sides), spacing=24)

    alt_text = ("Two lists of figures as the sources state them. " + " ".join(
        f"{side}: " + "; ".join(f"{row.number_text}: {row.counts} ({row.who})" for row in rows[rows["side"] == side].itertuples()) + "."
        for side in sides))
    table = rows[["figure_id", "number_text", "counts", "stated_by", "source", "published", "side"]]
    return Drawing(_designs(wide, narrow), table, alt_text, _sources_of(store, rows["source_id"]))


def _count_bars(frame: pd.DataFrame, label: str, count: str, colour: str | dict[str, str], label_px: float, plot: float,
                tooltip: list, top: float, sort: list | None = None, base_step: int = 24):
    """Horizontal bars with their counts written at their ends, and wrapped labels in a column of
    ``label_px`` beside them (the same in every panel, so stacked panels line up). ``colour`` is one
    colour, or one per label (the label, beside the bar, says what the colour does)."""
    frame = frame.assign(_label=[_wrap(value, label_px) for value in frame[label]])
    # An explicit order (most first unless given): a sort by the x channel conflicts between the layers.
    if sort is None:
        sort = list(frame.sort_values(count, ascending=False, kind="stable")[label])
    order = [_wrap(value, label_px) for value in sort]
    base = alt.Chart(frame).encode(
        y=alt.Y("_label:N", title=None, sort=order, scale=alt.Scale(paddingOuter=0.25),
                axis=alt.Axis(labelExpr=LINES, ticks=False, domain=False, minExtent=label_px)),
        tooltip=tooltip)
    x = alt.X(f"{count}:Q", title=None, scale=alt.Scale(domain=[0, top * 1.15 + 0.5]), axis=None)
    if isinstance(colour, dict):
        bars = base.mark_bar(height=14).encode(x=x, color=alt.Color("_label:N", legend=None, scale=alt.Scale(
            domain=[_wrap(key, label_px) for key in colour], range=list(colour.values()))))
    else:
        bars = base.mark_bar(height=14, color=colour).encode(x=x)
    counts = base.mark_text(align="left", dx=4, fontSize=TEXT).encode(x=f"{count}:Q", text=f"{count}:Q")
    return (bars + counts).properties(width=plot, height=_step(frame["_label"], base_step))


@chart("figures-by-claimant", "Who counts what",
       "Figures on the report's subject, by who cites them and whether they measure police activity or harm and trust")
def figures_by_claimant(store: Store) -> Drawing:
    """Bars of on-subject figures by who cites them, one panel per kind of figure."""
    counts = derived.figures.figures_by_claimant_and_kind(store)
    kinds = [KIND_LABELS[k] for k in KIND_LABELS]
    tooltip = [alt.Tooltip("cited_by:N", title="Who cites it"), alt.Tooltip("kind_label:N", title="What it measures"),
               alt.Tooltip("figures:Q", title="Figures")]

    def draw(layout: str, budget: float):
        label_px = 230 if layout == "wide" else 130
        return _stacked(counts, "kind_label", kinds, lambda rows: _count_bars(
            rows, "cited_by", "figures", PALETTE[0], label_px, budget - label_px - 30, tooltip, counts["figures"].max()), budget)

    by_kind = counts.groupby("kind_label", observed=True)["figures"].sum()
    alt_text = ("Bar charts, one for each kind of figure. " + " ".join(
        f"{kind}: " + "; ".join(f"{row.cited_by} {row.figures}" for row in counts[counts["kind_label"] == kind].itertuples()) + "."
        for kind in kinds if kind in by_kind.index))
    table = counts[["cited_by", "kind_label", "figures"]]
    return Drawing(_layouts(draw), table, alt_text, _sources_of(store, store.table("figures")["source_id"]))


@chart("figures-units", "Every number in the sources",
       "One mark per quantitative statement, by what it measures")
def figures_units(store: Store) -> Drawing:
    """Every figure as one mark, grouped by kind, on the subject or not."""
    figures = derived.figures.figures(store)
    figures = figures.sort_values(["kind", "on_subject", "figure_id"], ascending=[True, False, True]).reset_index(drop=True)
    figures["slot"] = figures.groupby("kind", observed=True).cumcount()
    figures["subject"] = figures["on_subject"].map(ON_SUBJECT_LABELS)
    figures["says"] = figures["number_text"] + " (" + figures["what"] + ")"
    figures["quote_page"] = [quote_href(source, row) for source, row in zip(figures["source_id"], figures["figure_id"])]
    kinds = [KIND_LABELS[k] for k in KIND_LABELS]

    def draw(layout: str, budget: float):
        # One mark per figure, in rows of as many as the width holds.
        per_row = max(4, int((budget - 10) // 32))
        frame = figures.assign(column=figures["slot"] % per_row, line=figures["slot"] // per_row)
        legend = alt.Legend(direction="horizontal" if layout == "wide" else "vertical")
        marks = alt.Chart(frame).mark_point(size=200, filled=True, strokeWidth=1.5, cursor="pointer").encode(
            x=alt.X("column:O", title=None, axis=None, scale=alt.Scale(domain=list(range(per_row)))),
            y=alt.Y("line:O", title=None, axis=None),
            color=alt.Color("subject:N", scale=alt.Scale(range=[PALETTE[0], PALETTE[1]]), title=None, legend=legend),
            shape=alt.Shape("subject:N", scale=alt.Scale(range=["square", "diamond"]), title=None, legend=legend),
            href="quote_page:N",
            tooltip=[alt.Tooltip("says:N", title="Figure"), alt.Tooltip("cited_by:N", title="Cited by"),
                     alt.Tooltip("kind_label:N", title="Kind"), alt.Tooltip("subject:N", title="Subject"),
                     alt.Tooltip("figure_id:N", title="Row")],
        ).properties(width=alt.Step(32), height=alt.Step(30))
        return _stacked(frame, "kind_label", kinds, lambda rows: marks.properties(data=rows), budget).resolve_legend(
            color="shared", shape="shared")

    composition = figures.groupby(["kind_label", "subject"], observed=True).size()
    alt_text = (f"Unit chart of all {len(figures)} figures in the sources, one mark each, grouped by kind. "
                + "; ".join(f"{kind}, {subject.lower()}: {n}" for (kind, subject), n in composition.items()) + ".")
    table = figures[["figure_id", "number_text", "unit", "what", "cited_by", "kind_label", "subject"]]
    return Drawing(_layouts(draw), table, alt_text, _sources_of(store, figures["source_id"]))


# -- 3. the promises -------------------------------------------------------------------------------

@chart("measures-matrix", "What the Met promised, account by account",
       "Measures on the report's subject by category; internal culture, in orange, looks inward at the Met's own officers")
def measures_matrix(store: Store) -> Drawing:
    """A matrix of counted measures, plans by category; stacked panels on a phone."""
    counts = derived.promises.measures_by_plan(store)
    plan_order = list(dict.fromkeys(counts["plan_name"]))
    category_order = list(CATEGORY_LABELS.values())
    tooltip = [alt.Tooltip("plan_name:N", title="Plan or announcement"), alt.Tooltip("category_label:N", title="Category"),
               alt.Tooltip("measures:Q", title="Measures"), alt.Tooltip("share:Q", title="Share of the plan", format=".0%"),
               alt.Tooltip("direction:N", title="Looks")]
    # Colour repeats the category (the inward one stands out); the category's place carries the meaning.
    colours = dict(zip(category_order, [PALETTE[5], PALETTE[0], PALETTE[0], PALETTE[0]]))

    def wide(budget: float):
        label_px = 210
        column_px = (budget - label_px - 16) / len(category_order)
        frame = counts.assign(plan=[_wrap(p, label_px) for p in counts["plan_name"]],
                              category=[_wrap(c, column_px - 8) for c in counts["category_label"]])
        base = alt.Chart(frame).encode(
            x=alt.X("category:N", title=None, sort=[_wrap(c, column_px - 8) for c in category_order],
                    axis=alt.Axis(labelAngle=0, orient="top", labelExpr=LINES, ticks=False, domain=False, labelPadding=8,
                                  labelBaseline="bottom")),
            y=alt.Y("plan:N", title=None, sort=[_wrap(p, label_px) for p in plan_order], scale=alt.Scale(padding=1.1),
                    axis=alt.Axis(labelExpr=LINES, ticks=False, domain=False)),
            tooltip=tooltip)
        colour = alt.Color("category:N", legend=None, scale=alt.Scale(
            domain=[_wrap(c, column_px - 8) for c in colours], range=list(colours.values())))
        circles = base.mark_circle(opacity=0.8).encode(size=alt.Size("measures:Q", scale=alt.Scale(range=[150, 1600]), legend=None),
                                                       color=colour)
        labels = base.mark_text(fontSize=TEXT, fontWeight="bold", color="white").encode(text="measures:Q")
        return (circles + labels).properties(width=budget - label_px - 16, height=alt.Step(54))

    def narrow(budget: float):
        # Stacked panels, one per plan: the categories as labelled bars, read down a phone's screen.
        label_px = 130
        return _stacked(counts, "plan_name", plan_order, lambda rows: _count_bars(
            rows, "category_label", "measures", colours, label_px, budget - label_px - 30, tooltip,
            counts["measures"].max(), sort=category_order), budget)

    alt_text = ("Matrix of measures by plan (rows) and category (columns), with the count in each cell. "
                + " ".join(f"{plan}: " + ", ".join(f"{row.category_label} {row.measures}"
                                                   for row in counts[counts["plan_name"] == plan].itertuples()) + "."
                           for plan in plan_order))
    table = counts[["plan_name", "category_label", "direction", "measures", "share"]]
    return Drawing(_designs(wide, narrow), table, alt_text, _sources_of(store, store.table("measures")["source_id"]))


@chart("inward-share", "How far each account of the Met's promises looks inward",
       "Accounts of different kinds, side by side: a critic's selection, the Met's own messages, a news summary. Not a trend")
def inward_share(store: Store) -> Drawing:
    """For each account of a plan, the share of its measures that look inward."""
    shares = derived.promises.inward_by_account(store)
    shares["label"] = [f"{row.inward} of {row.measures}" for row in shares.itertuples()]
    tooltip = [alt.Tooltip("account_name:N", title="Plan or announcement"), alt.Tooltip("account:N", title="Kind of account"),
               alt.Tooltip("inward:Q", title="Look inward"), alt.Tooltip("measures:Q", title="Measures, each counted once"),
               alt.Tooltip("inward_share:Q", title="Share", format=".0%"), alt.Tooltip("reported_by:N", title="As reported by")]

    def draw(layout: str, budget: float):
        label_px = 260 if layout == "wide" else 150
        frame = shares.assign(name=[_wrap(a, label_px) for a in shares["account_name"]])
        base = alt.Chart(frame).encode(
            y=alt.Y("name:N", title=None, sort=list(frame["name"]), scale=alt.Scale(paddingOuter=0.4),
                    axis=alt.Axis(labelExpr=LINES, ticks=False, domain=False)),
            tooltip=tooltip)
        plot = budget - label_px - 20
        # The axis title wrapped to the plot, the same in both layers (different titles would be joined).
        x = alt.X("inward_share:Q", title=_lines("Share of the account's measures that look inward", plot),
                  axis=alt.Axis(format="%", values=[0, 0.5, 1]), scale=alt.Scale(domain=[0, 1]))
        bars = base.mark_bar(color=PALETTE[5], height=16).encode(x=x)
        labels = base.mark_text(align="left", dx=5, fontSize=TEXT).encode(x=x, text="label:N")
        return (bars + labels).properties(width=plot, height=_step(frame["name"], 34))

    alt_text = ("Bar chart, one bar per account of the Met's measures, not a series over time: "
                + "; ".join(f"{row.account_name} ({row.account.lower()}): {row.inward} of {row.measures} look inward ({row.inward_share:.0%})"
                            for row in shares.itertuples()) + ".")
    table = shares[["account_name", "account", "inward", "outward", "measures", "inward_share", "inward_rows", "reported_by"]]
    measures = store.table("measures")
    return Drawing(_layouts(draw), table, alt_text,
                   _sources_of(store, measures.loc[measures["plan_id"].isin(shares["plan_id"]), "source_id"]))


# -- 4. the critics --------------------------------------------------------------------------------

@chart("critique-matrix", "Which measures drew which criticism",
       "Criticisms of the Met, each counted once however many quotations carry it, by target and grounds")
def critique_matrix(store: Store) -> Drawing:
    """A matrix of criticisms of the Met, targets by grounds; stacked panels on a phone."""
    counts = derived.critics.criticism_matrix(store)
    theme_order = [theme for theme in derived.critics.themes(store)["label"] if theme in set(counts["theme_label"])]
    row_order = list(counts.groupby("target_row")["critiques"].sum().sort_values(ascending=False, kind="stable").index)
    tooltip = [alt.Tooltip("target_row:N", title="Criticised"), alt.Tooltip("theme_label:N", title="Grounds"),
               alt.Tooltip("critiques:Q", title="Criticisms"), alt.Tooltip("critics:N", title="By")]

    def wide(budget: float):
        label_px = 260
        frame = counts.assign(target=[_wrap(t, label_px) for t in counts["target_row"]])
        # The grounds run up the columns, each label clear of the next, read by tilting the head as on a book's spine.
        base = alt.Chart(frame).encode(
            x=alt.X("theme_label:N", title=None, sort=theme_order,
                    axis=alt.Axis(labelAngle=-90, orient="top", ticks=False, domain=False, labelPadding=6,
                                  labelBaseline="middle", labelAlign="left")),
            y=alt.Y("target:N", title=None, sort=[_wrap(t, label_px) for t in row_order],
                    axis=alt.Axis(labelExpr=LINES, ticks=False, domain=False)),
            tooltip=tooltip)
        cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
            # No colour legend: every cell prints its number, and a gradient legend would give the SVG a
            # renderer-generated id (not reproducible).
            color=alt.Color("critiques:Q", scale=alt.Scale(scheme="blues", domainMin=0), legend=None))
        labels = base.mark_text(fontSize=TEXT).encode(
            text="critiques:Q", color=alt.condition(alt.datum.critiques >= 4, alt.value("white"), alt.value("black")))
        return (cells + labels).properties(width=budget - label_px - 12, height=_step(frame["target"], 30))

    def narrow(budget: float):
        # Stacked panels, one per target, each listing the grounds it drew with their counts.
        label_px = 150
        return _stacked(counts, "target_row", row_order, lambda rows: _count_bars(
            rows, "theme_label", "critiques", PALETTE[0], label_px, budget - label_px - 30, tooltip,
            counts["critiques"].max(), sort=theme_order), budget)

    alt_text = ("Matrix of criticisms of the Met, each counted once, by target (rows) and grounds (columns), with the count in each cell. "
                + " ".join(f"{row}: " + ", ".join(f"{r.theme_label} {r.critiques}" for r in counts[counts["target_row"] == row].itertuples()) + "."
                           for row in row_order))
    table = counts[["target_row", "theme_label", "critiques", "critics"]]
    return Drawing(_designs(wide, narrow), table, alt_text, _sources_of(store, derived.critics.criticisms_of_the_met(store)["source_id"]))


@chart("critics", "Who criticised, and what",
       "Criticisms in the sources, each counted once however many quotations carry it; witnesses' accounts of harm are not counted")
def critics(store: Store) -> Drawing:
    """Bars of criticisms by critic, split by whether they are aimed at the Met."""
    counts = derived.critics.criticisms_by_critic(store)
    first = counts.drop_duplicates("critic_label").set_index("critic_label")
    totals, grounds, order = first["total"], first["all_grounds"], list(first.index)
    aimed_order = ["Aimed at the Met", "At a law or policing in general"]
    tooltip = [alt.Tooltip("critic_label:N", title="Critic"), alt.Tooltip("aimed_at:N", title="Aimed at"),
               alt.Tooltip("criticisms:Q", title="Criticisms"), alt.Tooltip("total:Q", title="All this critic's criticisms"),
               alt.Tooltip("grounds:N", title="Grounds")]

    def draw(layout: str, budget: float):
        # What a criticism is aimed at is a panel of its own (not a colour): the Met, or a law or policing in general.
        label_px = 220 if layout == "wide" else 150
        return _stacked(counts, "aimed_at", aimed_order, lambda rows: _count_bars(
            rows, "critic_label", "criticisms", PALETTE[0], label_px, budget - label_px - 30, tooltip,
            counts["criticisms"].max(), sort=[c for c in order if c in set(rows["critic_label"])]), budget)

    alt_text = ("Bar chart of criticisms by critic, most first, each split by whether it is aimed at the Met or at a law or policing in general: "
                + "; ".join(f"{name} {totals[name]} ({grounds[name]})" for name in order) + ".")
    return Drawing(_layouts(draw), counts.sort_values(["total", "critic_label"], ascending=[False, True]),
                   alt_text, _sources_of(store, store.table("critiques")["source_id"]))


# -- 5. inside the force ---------------------------------------------------------------------------

@chart("misconduct-voices", "Who speaks about the Met's own officers",
       "What each voice contributes on the force itself: promises that look inward, numbers, criticisms")
def misconduct_voices(store: Store) -> Drawing:
    """Bars of who speaks about the Met's own officers, by kind of row."""
    counts = derived.inside.misconduct_voices(store)
    order = derived.inside.MISCONDUCT_ROWS
    tooltip = [alt.Tooltip("voice:N", title="Voice"), alt.Tooltip("row:N", title="What"), alt.Tooltip("rows:Q", title="Rows")]

    def draw(layout: str, budget: float):
        label_px = 220 if layout == "wide" else 130
        return _stacked(counts, "row", order, lambda rows: _count_bars(
            rows, "voice", "rows", PALETTE[5], label_px, budget - label_px - 30, tooltip, counts["rows"].max()), budget)

    alt_text = ("Bar charts, one per kind of contribution. " + " ".join(
        f"{what}: " + "; ".join(f"{r.voice} {r.rows}" for r in counts[counts["row"] == what].itertuples()) + "." for what in order))
    sources = pd.concat([store.table(table)["source_id"] for table in ("figures", "measures", "critiques")])
    return Drawing(_layouts(draw), counts, alt_text, _sources_of(store, sources))


# -- 6. how we know --------------------------------------------------------------------------------

@chart("coverage", "Every number accounted for",
       "The coverage audit: each numeric mention in the article texts, by source and by what accounts for it")
def coverage(store: Store) -> Drawing:
    """Bars of the numeric mentions in each source, by what accounts for them."""
    counts = derived.how_we_know.coverage_by_source(store)
    groups = [g for g in derived.how_we_know.COVERAGE_GROUPS if g in set(counts["group"])]
    outlets = sorted(set(counts["outlet"]))
    top = int(counts.groupby(["group", "outlet"])["mentions"].sum().max())
    tooltip = [alt.Tooltip("outlet:N", title="Source"), alt.Tooltip("accounted_as:N", title="Accounted for as"),
               alt.Tooltip("mentions:Q", title="Mentions")]

    def panel(rows: pd.DataFrame, plot: float, labels: bool):
        # Each bar is the sum of what accounts for the mentions; white gaps part its pieces.
        return alt.Chart(rows).mark_bar(color=PALETTE[2], stroke="white", strokeWidth=1, height=14).encode(
            x=alt.X("sum(mentions):Q", title=None, axis=alt.Axis(tickMinStep=1, format="d", values=list(range(0, top + 1, 5))),
                    scale=alt.Scale(domain=[0, top])),
            y=alt.Y("outlet:N", title=None, sort=outlets, scale=alt.Scale(domain=outlets),
                    axis=alt.Axis(labels=labels, ticks=False, domain=False, labelLimit=SOURCE_LABEL_PX)),
            tooltip=tooltip, detail="accounted_as:N").properties(width=plot, height=alt.Step(24))

    def draw(layout: str, budget: float):
        label_px = 100
        if layout == "wide":
            plot = (budget - label_px - 14 * len(groups)) / len(groups)
            return alt.hconcat(*(panel(counts[counts["group"] == g], plot, i == 0).properties(
                title=alt.TitleParams(g, anchor="start", fontWeight="bold", fontSize=TEXT)) for i, g in enumerate(groups)), spacing=12)
        return _stacked(counts, "group", groups, lambda rows: panel(rows, budget - label_px - 20, True), budget)

    totals = counts.groupby("accounted_as")["mentions"].sum()
    alt_text = (f"Bar charts of the {int(counts['mentions'].sum())} numeric mentions in the article texts, by source and "
                "by what accounts for them: " + "; ".join(f"{k} {v}" for k, v in totals.items()) + ".")
    return Drawing(_layouts(draw), counts, alt_text, list(derived.lookups.source_names(store).values()))
