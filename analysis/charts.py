"""The book's charts: each a function from the derived tables to a :class:`Figure`.

A Figure carries everything a reader needs beside the drawing, as Our World in Data does: a title, a
subtitle that says what it shows, the sources it draws on, a text alternative for screen readers, and the
table behind it (shown on the page and offered as CSV). Every mark has a tooltip; colours come from the
Okabe–Ito palette, which reads for the common forms of colour blindness, and no chart relies on colour
alone (facets, shapes, positions or direct labels carry the same distinction).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import altair as alt
import pandas as pd

from .report import CATEGORY_LABELS, KIND_LABELS, Report

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
WIDTH = 560
FONT = "DejaVu Sans, Verdana, sans-serif"


@dataclass
class Figure:
    """A chart with what a reader needs around it."""

    id: str
    title: str
    subtitle: str
    chart: alt.TopLevelMixin
    data: pd.DataFrame
    alt_text: str
    sources: list[str] = field(default_factory=list)

    def spec(self) -> dict:
        """The Vega-Lite specification, with the data inlined (the book loads nothing from elsewhere).

        The ``$schema`` address is dropped: a page must not name a third-party host.
        """
        spec = self.chart.to_dict()
        spec.pop("$schema", None)
        return spec

    def static_spec(self) -> dict:
        """The specification for drawings made without a browser (SVG, PNG, PDF): without the marks' links,
        which the converter would resolve against a third-party base address; in the web page the
        interactive chart keeps them, relative to the page."""
        return _without_links(self.spec())


def _without_links(spec):
    if isinstance(spec, dict):
        return {key: _without_links(value) for key, value in spec.items() if key != "href"}
    if isinstance(spec, list):
        return [_without_links(item) for item in spec]
    return spec


def _style(chart: alt.TopLevelMixin, title: str, subtitle: str) -> alt.TopLevelMixin:
    return (chart.properties(title=alt.TitleParams(text=title, subtitle=subtitle, anchor="start", fontSize=15,
                                                   subtitleFontSize=12, subtitleColor="#333333", offset=12))
            .configure(font=FONT, background="white")
            .configure_view(stroke=None)
            .configure_axis(labelFontSize=11, titleFontSize=11, labelColor="#222222", titleColor="#222222",
                            gridColor="#e6e6e6", domainColor="#888888", labelLimit=300)
            .configure_legend(labelFontSize=11, titleFontSize=11, orient="top", labelLimit=300)
            .configure_header(labelFontSize=11, titleFontSize=11, labelLimit=300))


def _sources_of(report: Report, source_ids) -> list[str]:
    names = report.outlets()
    return [names[source_id] for source_id in sorted(set(source_ids), key=list(names).index)]


def _quote_link(source_id: str, row_id: str) -> str:
    """A row's quote on its source page, from a chapter page: clicking a mark leads to the sentence."""
    return f"sources/{source_id}.html#quote-{row_id.lower()}"


# -- 1. the timeline -------------------------------------------------------------------------------

def timeline(report: Report) -> Figure:
    events = report.timeline()
    events["quote_page"] = [_quote_link(source, row) for source, row in
                            zip(report.store.table("events").set_index("event_id").loc[events["event_id"], "source_id"],
                                events["event_id"])]
    events["basis"] = events["date_basis"].map({"stated": "Date stated in the source", "inferred": "Date inferred"})
    events["subject"] = events["topic"].map({"vawg": "Violence against women and girls",
                                             "police-misconduct": "Police misconduct", "trust": "Trust"})
    subjects = list(dict.fromkeys(events.sort_values("topic")["subject"]))

    def panel(subject: str, colour: str):
        """One panel per subject (concatenated, so each lists only its own events); the panel title, not
        the colour, says which subject it is."""
        base = alt.Chart(events[events["subject"] == subject]).encode(
            y=alt.Y("what:N", sort=alt.EncodingSortField("date", op="min"), title=None, axis=alt.Axis(labelLimit=430)),
            tooltip=[alt.Tooltip("what:N", title="Event"), alt.Tooltip("when:N", title="When"),
                     alt.Tooltip("basis:N", title="How we know"), alt.Tooltip("subject:N", title="Subject"),
                     alt.Tooltip("mentioned_by:N", title="Mentioned by")],
        )
        span = base.mark_rule(strokeWidth=5, opacity=0.55, color=colour).encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year", labelOverlap=True)),
            x2="window_end:T")
        # A date known only to the month or year is drawn as its span, never as a point at its start.
        point = base.transform_filter(alt.datum.date_precision == "day").mark_point(size=70, filled=True, color=colour, cursor="pointer").encode(
            x="date:T", href="quote_page:N", shape=alt.Shape("basis:N", scale=alt.Scale(domain=["Date inferred", "Date stated in the source"],
                                                                    range=["circle", "triangle-up"]), title="Date"))
        return (span + point).properties(width=380, height=alt.Step(18),
                                         title=alt.TitleParams(subject, anchor="start", fontSize=12))

    chart = _style(alt.vconcat(*(panel(s, PALETTE[i]) for i, s in enumerate(subjects)), spacing=18)
                   .resolve_scale(x="shared"),
                   "What happened, and when",
                   "Events the sources mention, by subject; a date known only to the month or year is drawn as a bar across it")
    stated = int((events["date_basis"] == "stated").sum())
    alt_text = (f"Timeline of {len(events)} events the sources mention, from {events['when'].iloc[0]} to "
                f"{events['when'].iloc[-1]}. {stated} are dated by the sources' own words and the rest are inferred. "
                "In order: " + "; ".join(f"{w}: {what}" for w, what in zip(events["when"], events["what"])) + ".")
    table = events[["when", "what", "basis", "subject", "mentioned_by", "event_id"]]
    events = events.drop(columns=["date_note"])
    return Figure("timeline", "What happened, and when", "Events the sources mention, dated", chart, table, alt_text,
                  _sources_of(report, report.store.table("events")["source_id"]))


def sources_published(report: Report) -> Figure:
    sources = report.source_dates()
    sources["basis"] = sources["date_basis"].map({"stated": "Date stated in the text", "inferred": "Date inferred: the range the evidence allows"})
    # A bar spans the days the evidence allows (to the end of the last day); a dot marks a day that is known.
    sources["range_end"] = sources["published_latest"] + pd.Timedelta(days=1)
    sources = sources.drop(columns=["date_note"]).assign(date_note=report.source_dates()["date_note"])
    base = alt.Chart(sources.drop(columns=["date_note"])).encode(
        y=alt.Y("short_name:N", sort=list(sources["short_name"]), title=None),
        tooltip=[alt.Tooltip("short_name:N", title="Source"), alt.Tooltip("title:N", title="Title"),
                 alt.Tooltip("when_marked:N", title="Published"), alt.Tooltip("basis:N", title="How we know")])
    window = base.mark_bar(height=12, opacity=0.45, color=PALETTE[0]).encode(
        x=alt.X("published_earliest:T", title=None, axis=alt.Axis(format="%b %Y")), x2="range_end:T")
    point = base.transform_filter(alt.datum.date_basis == "stated").mark_point(size=90, filled=True, color=PALETTE[0]).encode(
        x="published_earliest:T", shape=alt.Shape("basis:N", scale=alt.Scale(range=["triangle-up"]), title=None))
    chart = _style((window + point).properties(width=WIDTH - 120, height=alt.Step(34)),
                   "When the sources were published",
                   "A triangle marks a date the text states; a bar spans the days an inferred date can fall on")
    inferred = sources[sources["date_basis"] == "inferred"]
    alt_text = (f"Chart of the publication dates of the {len(sources)} sources. "
                + "; ".join(f"{n}: {w}" for n, w in zip(sources["short_name"], sources["when_marked"]))
                + f". {len(inferred)} of the dates are inferred, each drawn as the range its evidence allows.")
    table = sources[["short_name", "title", "when_marked", "basis", "date_note"]].rename(columns={"when_marked": "published"})
    return Figure("sources-published", "When the sources were published", "", chart, table, alt_text,
                  list(sources["short_name"]))


# -- 2. the numbers --------------------------------------------------------------------------------

def figures_by_claimant(report: Report) -> Figure:
    counts = report.figures_by_claimant_and_kind()
    counts["kind_label"] = pd.Categorical(counts["kind_label"], categories=[KIND_LABELS[k] for k in KIND_LABELS])
    chart = alt.Chart(counts).mark_bar(color=PALETTE[0]).encode(
        x=alt.X("figures:Q", title="Figures cited", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("cited_by:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("cited_by:N", title="Who cites it"), alt.Tooltip("kind_label:N", title="What it measures"),
                 alt.Tooltip("figures:Q", title="Figures")],
    ).properties(width=WIDTH / 4 - 20, height=alt.Step(20)).facet(
        column=alt.Column("kind_label:N", title=None, sort=[KIND_LABELS[k] for k in KIND_LABELS],
                          header=alt.Header(labelAngle=0, labelAlign="center", labelFontWeight="bold")))
    chart = _style(chart.resolve_scale(y="independent"), "Who counts what",
                   "Figures on the report's subject, by who cites them and whether they measure police activity or harm and trust")
    by_kind = counts.groupby("kind_label", observed=True)["figures"].sum()
    alt_text = ("Bar charts, one for each kind of figure. " + " ".join(
        f"{kind}: " + "; ".join(f"{row.cited_by} {row.figures}" for row in counts[counts["kind_label"] == kind].itertuples()) + "."
        for kind in by_kind.index))
    table = counts[["cited_by", "kind_label", "figures"]]
    return Figure("figures-by-claimant", "Who counts what", "", chart, table, alt_text,
                  _sources_of(report, report.store.table("figures")["source_id"]))


def figures_units(report: Report) -> Figure:
    figures = report.figures()
    figures = figures.sort_values(["kind", "on_subject", "figure_id"], ascending=[True, False, True]).reset_index(drop=True)
    figures["slot"] = figures.groupby("kind", observed=True).cumcount()
    figures["subject"] = figures["on_subject"].map({True: "On the report's subject", False: "Other policing or workforce"})
    figures["says"] = figures["number_text"] + " (" + figures["what"] + ")"
    figures["quote_page"] = [_quote_link(source, row) for source, row in zip(figures["source_id"], figures["figure_id"])]
    chart = alt.Chart(figures).mark_point(size=220, filled=True, strokeWidth=1.5).encode(
        x=alt.X("slot:O", title=None, axis=None),
        y=alt.Y("kind_label:N", title=None, sort=[KIND_LABELS[k] for k in KIND_LABELS]),
        color=alt.Color("subject:N", scale=alt.Scale(range=[PALETTE[0], PALETTE[1]]), title=None),
        shape=alt.Shape("subject:N", scale=alt.Scale(range=["square", "diamond"]), title=None),
        href="quote_page:N",
        tooltip=[alt.Tooltip("says:N", title="Figure"), alt.Tooltip("cited_by:N", title="Cited by"),
                 alt.Tooltip("kind_label:N", title="Kind"), alt.Tooltip("subject:N", title="Subject"),
                 alt.Tooltip("figure_id:N", title="Row")],
    ).properties(width=WIDTH - 200, height=alt.Step(34))
    chart = _style(chart, "Every number in the sources",
                   "One mark per quantitative statement, by what it measures")
    composition = figures.groupby(["kind_label", "subject"], observed=True).size()
    alt_text = (f"Unit chart of all {len(figures)} figures in the sources, one mark each, grouped by kind. "
                + "; ".join(f"{kind}, {subject.lower()}: {n}" for (kind, subject), n in composition.items()) + ".")
    table = figures[["figure_id", "number_text", "unit", "what", "cited_by", "kind_label", "subject"]]
    return Figure("figures-units", "Every number in the sources", "", chart, table, alt_text,
                  _sources_of(report, figures["source_id"]))


# -- 3. the promises -------------------------------------------------------------------------------

def measures_matrix(report: Report) -> Figure:
    counts = report.measures_by_plan()
    plan_order = list(dict.fromkeys(counts["plan_name"]))
    category_order = list(CATEGORY_LABELS.values())
    base = alt.Chart(counts).encode(
        x=alt.X("category_label:N", title=None, sort=category_order,
              axis=alt.Axis(labelAngle=0, labelLimit=160, labelExpr="split(replace(datum.label, ' and ', ' and|'), '|')")),
        y=alt.Y("plan_name:N", title=None, sort=plan_order),
        tooltip=[alt.Tooltip("plan_name:N", title="Plan or announcement"), alt.Tooltip("category_label:N", title="Category"),
                 alt.Tooltip("measures:Q", title="Measures"), alt.Tooltip("share:Q", title="Share of the plan", format=".0%"),
                 alt.Tooltip("direction:N", title="Looks")],
    )
    # Colour repeats the column (the inward category stands out); the column itself carries the meaning.
    circles = base.mark_circle(opacity=0.8).encode(
        size=alt.Size("measures:Q", scale=alt.Scale(range=[120, 1800]), legend=None),
        color=alt.Color("category_label:N", legend=None, scale=alt.Scale(
            domain=category_order, range=[PALETTE[5], PALETTE[0], PALETTE[0], PALETTE[0]])))
    labels = base.mark_text(fontSize=12, fontWeight="bold", color="white").encode(text="measures:Q")
    chart = _style((circles + labels).properties(width=WIDTH - 150, height=alt.Step(46)),
                   "What the Met promised, plan by plan",
                   "Measures on the report's subject by category; the first column, internal culture, looks inward at the Met's own officers")
    alt_text = ("Matrix of measures by plan (rows) and category (columns), with the count in each cell. "
                + " ".join(f"{plan}: " + ", ".join(f"{row.category_label} {row.measures}" for row in counts[counts["plan_name"] == plan].itertuples()) + "."
                           for plan in plan_order))
    table = counts[["plan_name", "category_label", "direction", "measures", "share"]]
    return Figure("measures-matrix", "What the Met promised, plan by plan", "", chart, table, alt_text,
                  _sources_of(report, report.store.table("measures")["source_id"]))


def inward_share(report: Report) -> Figure:
    shares = report.inward_by_account()
    shares["label"] = [f"{row.inward} of {row.measures}" for row in shares.itertuples()]
    order = list(shares["account_name"])
    base = alt.Chart(shares).encode(
        y=alt.Y("account_name:N", title=None, sort=order, axis=alt.Axis(labelLimit=330)),
        tooltip=[alt.Tooltip("account_name:N", title="Plan or announcement"), alt.Tooltip("account:N", title="Kind of account"),
                 alt.Tooltip("inward:Q", title="Look inward"), alt.Tooltip("measures:Q", title="Measures, each counted once"),
                 alt.Tooltip("inward_share:Q", title="Share", format=".0%"), alt.Tooltip("reported_by:N", title="As reported by")])
    bars = base.mark_bar(color=PALETTE[5], height=16).encode(
        x=alt.X("inward_share:Q", title="Share of the account's measures that look inward", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])))
    labels = base.mark_text(align="left", dx=5, fontSize=11).encode(x="inward_share:Q", text="label:N")
    chart = _style((bars + labels).properties(width=WIDTH - 260, height=alt.Step(34)),
                   "How far each account of the Met's promises looks inward",
                   "Accounts of different kinds, side by side: a critic's selection, the Met's own messages, a news summary. Not a trend")
    alt_text = ("Bar chart, one bar per account of the Met's measures, not a series over time: "
                + "; ".join(f"{row.account_name} ({row.account.lower()}): {row.inward} of {row.measures} look inward ({row.inward_share:.0%})"
                            for row in shares.itertuples()) + ".")
    table = shares[["account_name", "account", "inward", "outward", "measures", "inward_share", "inward_rows", "reported_by"]]
    measures = report.store.table("measures")
    return Figure("inward-share", "How far each account of the Met's promises looks inward", "", chart, table, alt_text,
                  _sources_of(report, measures.loc[measures["plan_id"].isin(shares["plan_id"]), "source_id"]))


# -- 4. the critics --------------------------------------------------------------------------------

def critique_matrix(report: Report) -> Figure:
    critiques = report.criticisms()
    critiques = critiques[critiques["of_the_met"]]
    critiques["target_row"] = critiques["target_label"].where(critiques["target_kind"] == "measure", critiques["target_kind_label"])
    counts = critiques.groupby(["target_row", "theme_label"]).size().rename("critiques").reset_index()
    critics = critiques.groupby(["target_row", "theme_label"])["critic_name"].agg(lambda n: "; ".join(sorted(set(n))))
    counts["critics"] = [critics[(t, h)] for t, h in zip(counts["target_row"], counts["theme_label"])]
    theme_order = list(report.themes()["label"])
    row_order = list(counts.groupby("target_row")["critiques"].sum().sort_values(ascending=False).index)
    base = alt.Chart(counts).encode(
        x=alt.X("theme_label:N", title=None, sort=theme_order, axis=alt.Axis(labelAngle=-35, labelLimit=170)),
        y=alt.Y("target_row:N", title=None, sort=row_order, axis=alt.Axis(labelLimit=400)),
        tooltip=[alt.Tooltip("target_row:N", title="Criticised"), alt.Tooltip("theme_label:N", title="Grounds"),
                 alt.Tooltip("critiques:Q", title="Criticisms"), alt.Tooltip("critics:N", title="By")])
    cells = base.mark_rect(stroke="white").encode(
        # No colour legend: every cell prints its number, and a gradient legend would give the SVG a
        # renderer-generated id (not reproducible).
        color=alt.Color("critiques:Q", scale=alt.Scale(scheme="blues", domainMin=0), legend=None))
    labels = base.mark_text(fontSize=11).encode(
        text="critiques:Q",
        color=alt.condition(alt.datum.critiques >= 6, alt.value("white"), alt.value("black")))
    chart = _style((cells + labels).properties(width=alt.Step(40), height=alt.Step(26)),
                   "Which measures drew which criticism",
                   "Criticisms of the Met, each counted once however many quotations carry it, by target and grounds")
    alt_text = ("Matrix of criticisms of the Met, each counted once, by target (rows) and grounds (columns), with the count in each cell. "
                + " ".join(f"{row}: " + ", ".join(f"{r.theme_label} {r.critiques}" for r in counts[counts["target_row"] == row].itertuples()) + "."
                           for row in row_order))
    table = counts[["target_row", "theme_label", "critiques", "critics"]]
    return Figure("critique-matrix", "Which measures drew which criticism", "", chart, table, alt_text,
                  _sources_of(report, critiques["source_id"]))


def critics(report: Report) -> Figure:
    criticisms = report.criticisms()
    criticisms["aimed_at"] = criticisms["of_the_met"].map({True: "Aimed at the Met", False: "At a law or policing in general"})
    counts = criticisms.groupby(["critic_label", "aimed_at"]).size().rename("criticisms").reset_index()
    grounds = criticisms.groupby("critic_label")["theme_label"].agg(
        lambda labels: "; ".join(f"{label} ({n})" for label, n in labels.value_counts().items()))
    counts["grounds"] = counts["critic_label"].map(grounds)
    totals = counts.groupby("critic_label")["criticisms"].sum()
    counts["total"] = counts["critic_label"].map(totals)
    order = list(totals.sort_values(ascending=False, kind="stable").sort_index(key=lambda i: -totals[i], kind="stable").index)
    aimed_order = ["Aimed at the Met", "At a law or policing in general"]
    # What a criticism is aimed at is a panel of its own (not a colour): the Met, or a law or policing in general.
    chart = alt.Chart(counts).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y("critic_label:N", title=None, sort=order, axis=alt.Axis(labelLimit=300)),
        x=alt.X("criticisms:Q", title="Criticisms", axis=alt.Axis(tickMinStep=1, format="d")),
        tooltip=[alt.Tooltip("critic_label:N", title="Critic"), alt.Tooltip("aimed_at:N", title="Aimed at"),
                 alt.Tooltip("criticisms:Q", title="Criticisms"), alt.Tooltip("total:Q", title="All this critic's criticisms"),
                 alt.Tooltip("grounds:N", title="Grounds")],
    ).properties(width=170, height=alt.Step(22)).facet(
        column=alt.Column("aimed_at:N", title=None, sort=aimed_order, header=alt.Header(labelFontWeight="bold", labelLimit=220)))
    chart = _style(chart,
                   "Who criticised, and what",
                   "Criticisms in the sources, each counted once however many quotations carry it; witnesses' accounts of harm are not counted")
    alt_text = ("Bar chart of criticisms by critic, most first, each split by whether it is aimed at the Met or at a law or policing in general: "
                + "; ".join(f"{name} {totals[name]} ({grounds[name]})" for name in order) + ".")
    return Figure("critics", "Who criticised, and what", "", chart, counts.sort_values(["total", "critic_label"], ascending=[False, True]),
                  alt_text, _sources_of(report, report.store.table("critiques")["source_id"]))


# -- 5. inside the force ---------------------------------------------------------------------------

def misconduct_voices(report: Report) -> Figure:
    counts = report.misconduct_voices()
    order = ["Inward measure reported", "Figure cited", "Criticism of culture or priorities"]
    chart = alt.Chart(counts).mark_bar(color=PALETTE[5]).encode(
        x=alt.X("rows:Q", title="Rows in the data", axis=alt.Axis(tickMinStep=1, format="d")),
        y=alt.Y("voice:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("voice:N", title="Voice"), alt.Tooltip("row:N", title="What"), alt.Tooltip("rows:Q", title="Rows")],
    ).properties(width=WIDTH / 3 - 30, height=alt.Step(20)).facet(
        column=alt.Column("row:N", title=None, sort=order, header=alt.Header(labelFontWeight="bold", labelLimit=170)))
    chart = _style(chart.resolve_scale(y="independent"), "Who speaks about the Met's own officers",
                   "What each voice contributes on the force itself: promises that look inward, numbers, criticisms")
    alt_text = ("Bar charts, one per kind of contribution. " + " ".join(
        f"{what}: " + "; ".join(f"{r.voice} {r.rows}" for r in counts[counts["row"] == what].itertuples()) + "." for what in order))
    sources = pd.concat([report.store.table(table)["source_id"] for table in ("figures", "measures", "critiques")])
    return Figure("misconduct-voices", "Who speaks about the Met's own officers", "", chart, counts, alt_text,
                  _sources_of(report, sources))


# -- 6. how we know --------------------------------------------------------------------------------

def coverage(report: Report) -> Figure:
    counts = report.coverage_by_source()
    counts["group"] = counts["accounted_as"].map(
        lambda a: "Figure" if a.startswith("Figure") else "Date" if a.startswith("Date") else
        "Unaccounted" if a == "Unaccounted" else "Excluded")
    groups = [g for g in ["Figure", "Date", "Excluded", "Unaccounted"] if g in set(counts["group"])]
    outlets = sorted(set(counts["outlet"]))
    panels = [
        alt.Chart(counts[counts["group"] == group]).mark_bar(color=PALETTE[2]).encode(
            x=alt.X("sum(mentions):Q", title="Numeric mentions", axis=alt.Axis(tickMinStep=1, format="d"),
                    scale=alt.Scale(domain=[0, int(counts.groupby(["group", "outlet"])["mentions"].sum().max())])),
            y=alt.Y("outlet:N", title=None, sort=outlets, scale=alt.Scale(domain=outlets),
                    axis=alt.Axis(labels=index == 0)),
            tooltip=[alt.Tooltip("outlet:N", title="Source"), alt.Tooltip("accounted_as:N", title="Accounted for as"),
                     alt.Tooltip("mentions:Q", title="Mentions")],
            detail="accounted_as:N",
        ).properties(width=WIDTH / len(groups) - 50, height=alt.Step(22), title=alt.TitleParams(group, fontSize=11))
        for index, group in enumerate(groups)
    ]
    chart = alt.hconcat(*panels, spacing=12)
    chart = _style(chart, "Every number accounted for",
                   "The coverage audit: each numeric mention in the article texts, by what accounts for it")
    totals = counts.groupby("accounted_as")["mentions"].sum()
    alt_text = (f"Bar charts of the {int(counts['mentions'].sum())} numeric mentions in the article texts, by source and "
                "by what accounts for them: " + "; ".join(f"{k} {v}" for k, v in totals.items()) + ".")
    return Figure("coverage", "Every number accounted for", "", chart, counts, alt_text,
                  list(report.outlets().values()))


# Every chart in the book, in reading order: the figure files and the tests iterate over this.
ALL = [timeline, sources_published, figures_by_claimant, figures_units, measures_matrix, inward_share,
       critics, critique_matrix, misconduct_voices, coverage]
