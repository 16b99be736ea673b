"""The report's derived tables: the counts and comparisons the chapters and charts show.

Each function answers one question the book asks, from the tables in ``data/`` (through
:mod:`analysis.store`), and returns a plain DataFrame that a chart draws and a reader can download.
Labels come from the data (voice names, plan names, theme labels), so a new row in the data shows up
here without code changes.
"""

from __future__ import annotations

import pandas as pd

from .audit import audit
from .dates import format_date
from .store import Store

ON_SUBJECT = ("vawg", "police-misconduct", "trust")
INWARD = "internal-culture"
CATEGORY_LABELS = {
    "internal-culture": "Internal culture and standards",
    "enforcement-presence": "Enforcement and presence",
    "victim-support": "Victim support and justice",
    "prevention-engagement": "Prevention and engagement",
}
KIND_LABELS = {"output": "Output: police activity", "outcome": "Outcome: harm, misconduct, trust",
               "commitment": "Commitment or target", "context": "Context"}
PRECISION_LABELS = {"day": "day", "month": "month", "year": "year"}


def period_end(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day a date can mean: a month-precision date covers its whole month, and so on."""
    last = end if pd.notna(end) else start
    if precision == "year":
        return last + pd.offsets.YearEnd(0)
    if precision == "month":
        return last + pd.offsets.MonthEnd(0)
    return last


def format_span(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """A date or span as the book prints it, at its precision: '6 December 2021 to 12 December 2021'."""
    first = format_date(start.date(), precision)
    return first if pd.isna(end) else f"{first} to {format_date(end.date(), precision)}"


class Report:
    """The derived tables, computed from one data directory (the project's, or a test's copy)."""

    def __init__(self, store: Store | None = None):
        self.store = store or Store()

    # -- lookups ---------------------------------------------------------------------------------

    def voice_names(self) -> dict[str, str]:
        """Voices by id, as their short labels (for charts and tables)."""
        voices = self.store.table("voices")
        return dict(zip(voices["voice_id"], voices["label"]))

    def outlets(self) -> dict[str, str]:
        """Sources by id, as their short names."""
        sources = self.store.table("sources")
        return dict(zip(sources["source_id"], sources["short_name"]))

    def plans(self) -> pd.DataFrame:
        """Plans in chronological order, each with the date of its launch event (if any)."""
        plans = self.store.table("plans").sort_values("order")
        events = self.store.table("events").set_index("event_id")
        plans["launch_date"] = plans["launch_event"].map(events["date"])
        plans["launch_precision"] = plans["launch_event"].map(events["date_precision"].astype("string"))
        return plans.reset_index(drop=True)

    # -- the timeline ----------------------------------------------------------------------------

    def timeline(self) -> pd.DataFrame:
        """One row per real-world event on the report's subject, dated by its most precise mention.

        Several sources may date the same event; the row keeps the finest precision (a stated date
        wins a tie) and counts how many sources mention it.
        """
        events = self.store.table("events")
        events = events[events["topic"].isin(ON_SUBJECT)].copy()
        events["precision_rank"] = events["date_precision"].cat.codes  # day < month < year
        events["basis_rank"] = (events["date_basis"] != "stated").astype(int)
        best = events.sort_values(["precision_rank", "basis_rank", "event_id"]).groupby("event", sort=False).head(1)
        mentions = events.groupby("event")["source_id"].nunique().rename("sources")
        outlets = self.outlets()
        timeline = best.set_index("event").join(mentions).reset_index()
        timeline["mentioned_by"] = timeline["event"].map(
            events.groupby("event")["source_id"].agg(lambda ids: "; ".join(sorted({outlets[i] for i in ids}))))
        timeline["window_end"] = [period_end(start, end, precision) for start, end, precision
                                  in zip(timeline["date"], timeline["date_end"], timeline["date_precision"])]
        timeline["when"] = [format_span(start, end, precision) for start, end, precision
                            in zip(timeline["date"], timeline["date_end"], timeline["date_precision"])]
        columns = ["event", "event_id", "what", "when", "date", "date_end", "window_end", "date_precision", "date_basis",
                   "topic", "sources", "mentioned_by", "date_note"]
        return timeline[columns].sort_values(["date", "event"]).reset_index(drop=True)

    def source_dates(self) -> pd.DataFrame:
        """Each source's publication date, precision and basis, in date order."""
        sources = self.store.table("sources")
        sources["window_end"] = [period_end(date, pd.NaT, precision) for date, precision
                                 in zip(sources["published"], sources["date_precision"])]
        sources["when"] = [format_span(date, pd.NaT, precision) for date, precision
                           in zip(sources["published"], sources["date_precision"])]
        columns = ["when", "window_end", "source_id", "short_name", "outlet", "kind", "title", "published", "date_precision", "date_basis", "date_note",
                   "corroboration_url", "url"]
        return sources[columns].sort_values("published").reset_index(drop=True)

    def sources_table(self) -> pd.DataFrame:
        """The sources as a reader's table."""
        sources = self.store.table("sources")
        dates = self.source_dates().set_index("source_id")
        return pd.DataFrame({
            "Source": sources["short_name"], "Outlet": sources["outlet"], "Kind": sources["kind"],
            "Title": sources["title"], "Published": sources["source_id"].map(dates["when"]),
            "Date": sources["date_basis"], "How the date is known": sources["date_note"],
            "Corroboration": sources["corroboration_url"], "Address": sources["url"], "Notes": sources["notes"],
            "File": sources["file"], "SHA-256": sources["sha256"],
        })

    # -- the numbers -----------------------------------------------------------------------------

    def figures(self) -> pd.DataFrame:
        """All figures with the claimant's name and whether they are on the report's subject."""
        figures = self.store.table("figures")
        figures["claimant_name"] = figures["claimant"].map(self.voice_names())
        figures["on_subject"] = figures["topic"].isin(ON_SUBJECT)
        figures["kind_label"] = figures["kind"].map(KIND_LABELS)
        return figures

    def figures_table(self, on_subject: bool | None = None) -> pd.DataFrame:
        """Figures as a reader's table: the number in its source's words, what it counts, who says so, the quote."""
        figures = self.figures()
        if on_subject is not None:
            figures = figures[figures["on_subject"] == on_subject]
        table = pd.DataFrame({
            "Row": figures["figure_id"], "Figure": figures["number_text"], "What it counts": figures["what"],
            "Cited by": figures["claimant_name"], "Kind": figures["kind_label"],
            "Source": figures["source_id"].map(self.outlets()), "Quote": figures["quote"], "Notes": figures["notes"],
        })
        return table.reset_index(drop=True)

    def figures_by_claimant_and_kind(self) -> pd.DataFrame:
        """How many on-subject figures each voice cites, by what they measure."""
        figures = self.figures()
        figures = figures[figures["on_subject"]]
        counts = (figures.groupby(["claimant_name", "kind"], observed=True).size().rename("figures").reset_index())
        counts["kind_label"] = counts["kind"].map(KIND_LABELS)
        return counts.sort_values(["claimant_name", "kind"]).reset_index(drop=True)

    def figures_by_kind_and_subject(self) -> pd.DataFrame:
        """Every figure, on the subject or not, by kind: the composition of what the sources count."""
        figures = self.figures()
        figures["subject"] = figures["on_subject"].map({True: "On the report's subject", False: "Other policing and workforce"})
        counts = figures.groupby(["kind", "subject"], observed=True).size().rename("figures").reset_index()
        counts["kind_label"] = counts["kind"].map(KIND_LABELS)
        return counts

    # -- the promises ----------------------------------------------------------------------------

    def measures(self) -> pd.DataFrame:
        """Measures with their plan name, category label and direction (inward or outward)."""
        measures = self.store.table("measures")
        plans = self.plans().set_index("plan_id")
        measures["plan_name"] = measures["plan_id"].map(plans["name"])
        measures["plan_order"] = measures["plan_id"].map(plans["order"])
        measures["category_label"] = measures["category"].map(CATEGORY_LABELS)
        measures["direction"] = measures["category"].map(lambda c: "Inward" if c == INWARD else "Outward")
        measures["reported_by_name"] = measures["reported_by"].map(self.voice_names())
        return measures

    def measures_table(self, plan_id: str | None = None) -> pd.DataFrame:
        """Measures as a reader's table, in plan order then point order then id."""
        measures = self.measures()
        if plan_id is not None:
            measures = measures[measures["plan_id"] == plan_id]
        measures = measures.sort_values(["plan_order", "point", "measure_id"], na_position="last")
        table = pd.DataFrame({
            "Row": measures["measure_id"], "Point": measures["point"], "Measure": measures["measure"],
            "Category": measures["category_label"], "Plan or announcement": measures["plan_name"],
            "Reported by": measures["reported_by_name"], "Quote": measures["quote"],
        })
        if plan_id is not None and table["Point"].isna().all():
            table = table.drop(columns="Point")
        return table.reset_index(drop=True)

    def measures_by_plan(self) -> pd.DataFrame:
        """On-subject measures counted by plan and category, with each category's share of its plan."""
        measures = self.measures()
        measures = measures[measures["topic"].isin(ON_SUBJECT)]
        counts = (measures.groupby(["plan_order", "plan_name", "category"], observed=True).size()
                  .rename("measures").reset_index())
        counts["share"] = counts["measures"] / counts.groupby("plan_name")["measures"].transform("sum")
        counts["category_label"] = counts["category"].map(CATEGORY_LABELS)
        counts["direction"] = counts["category"].map(lambda c: "Inward" if c == INWARD else "Outward")
        return counts.sort_values(["plan_order", "category"]).reset_index(drop=True)

    def inward_share_by_plan(self) -> pd.DataFrame:
        """For each plan or announcement: how many measures look inward, how many outward, the inward share.

        Operations and one-off statements are left out: the comparison is between sets of promises.
        """
        compared = self.plans()
        compared = compared[compared["kind"].isin(["plan", "announcement"])]
        counts = self.measures_by_plan()
        counts = counts[counts["plan_name"].isin(compared["name"])]
        totals = counts.groupby(["plan_order", "plan_name"])["measures"].sum().rename("measures")
        inward = counts[counts["direction"] == "Inward"].groupby(["plan_order", "plan_name"])["measures"].sum().rename("inward")
        table = pd.concat([totals, inward], axis=1).fillna(0).reset_index()
        table["inward"] = table["inward"].astype(int)
        table["outward"] = table["measures"] - table["inward"]
        table["inward_share"] = table["inward"] / table["measures"]
        plans = self.plans().set_index("name")
        table["launch_date"] = table["plan_name"].map(plans["launch_date"])
        table["reported_by"] = table["plan_name"].map(
            self.measures().groupby("plan_name")["reported_by_name"].agg(lambda names: "; ".join(sorted(set(names)))))
        return table.sort_values("plan_order").reset_index(drop=True)

    # -- the critics -----------------------------------------------------------------------------

    def critiques(self) -> pd.DataFrame:
        critiques = self.store.table("critiques")
        themes = self.store.table("themes").set_index("theme_id")
        measures = self.measures().set_index("measure_id")
        critiques["theme_label"] = critiques["theme"].map(themes["label"])
        critiques["critic_name"] = critiques["critic"].map(self.voice_names())
        critiques["target_label"] = critiques["target_measure"].map(measures["measure"]).fillna("General: " + critiques["target"])
        critiques["target_initiative"] = critiques["target_measure"].map(measures["initiative"])
        return critiques

    def themes_table(self) -> pd.DataFrame:
        """The codebook as a reader's table."""
        themes = self.themes()
        return pd.DataFrame({"Theme": themes["label"], "Definition": themes["definition"], "Criticisms": themes["critiques"]})

    def critiques_table(self) -> pd.DataFrame:
        """Critiques as a reader's table."""
        critiques = self.critiques()
        return pd.DataFrame({
            "Row": critiques["critique_id"], "Critic": critiques["critic_as_named"], "Target": critiques["target_label"],
            "Grounds": critiques["theme_label"], "Source": critiques["source_id"].map(self.outlets()),
            "Quote": critiques["quote"],
        }).reset_index(drop=True)

    def critique_matrix(self) -> pd.DataFrame:
        """Critiques of specific measures, counted by the measure criticised and the theme of the criticism."""
        critiques = self.critiques()
        targeted = critiques[critiques["target_measure"].notna()]
        return (targeted.groupby(["target_label", "theme_label"]).size().rename("critiques").reset_index()
                .sort_values(["target_label", "theme_label"]).reset_index(drop=True))

    def critiques_by_critic(self) -> pd.DataFrame:
        """Critiques counted by critic and theme."""
        critiques = self.critiques()
        return (critiques.groupby(["critic_name", "theme_label"]).size().rename("critiques").reset_index()
                .sort_values(["critic_name", "theme_label"]).reset_index(drop=True))

    def themes(self) -> pd.DataFrame:
        """The codebook, with how often each theme is used."""
        themes = self.store.table("themes")
        counts = self.critiques().groupby("theme").size()
        themes["critiques"] = themes["theme_id"].map(counts).fillna(0).astype(int)
        return themes.sort_values("critiques", ascending=False).reset_index(drop=True)

    # -- inside the force ------------------------------------------------------------------------

    def misconduct_voices(self) -> pd.DataFrame:
        """Who speaks about the Met's own officers: rows on police misconduct, by voice and by what kind of row."""
        names = self.voice_names()
        figures = self.store.table("figures")
        measures = self.store.table("measures")
        critiques = self.critiques()
        rows = pd.concat([
            pd.DataFrame({"voice": figures.loc[figures["topic"] == "police-misconduct", "claimant"].map(names), "row": "Figure cited"}),
            pd.DataFrame({"voice": measures.loc[measures["category"] == INWARD, "reported_by"].map(names), "row": "Inward measure reported"}),
            pd.DataFrame({"voice": critiques.loc[critiques["theme"].isin(["internal-first", "culture"]), "critic_name"], "row": "Criticism of culture or priorities"}),
        ])
        return rows.groupby(["voice", "row"]).size().rename("rows").reset_index().sort_values(["voice", "row"]).reset_index(drop=True)

    # -- how we know -----------------------------------------------------------------------------

    def coverage_by_source(self) -> pd.DataFrame:
        """The coverage audit: numeric mentions in each source's article text, by what accounts for them."""
        result = audit(self.store)
        outlets = self.outlets()
        rows = []
        for mention in result.mentions:
            account = mention.account or "UNACCOUNTED"
            kind = ("Unaccounted" if account == "UNACCOUNTED" else
                    "Figure (number)" if "(number)" in account else
                    "Figure (period)" if "(period)" in account else
                    "Date of an event or source" if account.startswith(("event", "source")) else
                    "Excluded: " + account.rsplit("(", 1)[1].rstrip(")"))
            rows.append({"source_id": mention.source_id, "outlet": outlets[mention.source_id], "accounted_as": kind})
        table = pd.DataFrame(rows, columns=["source_id", "outlet", "accounted_as"])
        return table.groupby(["outlet", "accounted_as"]).size().rename("mentions").reset_index()

    def exclusions_table(self) -> pd.DataFrame:
        exclusions = self.store.table("exclusions")
        return pd.DataFrame({"Row": exclusions["exclusion_id"], "Words": exclusions["mention"],
                             "In": exclusions["quote"], "Source": exclusions["source_id"].map(self.outlets()),
                             "Reason": exclusions["reason"], "Notes": exclusions["notes"]})

    def inferred_dates_table(self) -> pd.DataFrame:
        """Every inferred date in the data (sources and events) with how it was inferred."""
        sources = self.source_dates()
        sources = sources[sources["date_basis"] == "inferred"]
        events = self.store.table("events")
        events = events[events["date_basis"] == "inferred"]
        return pd.concat([
            pd.DataFrame({"Row": sources["source_id"], "What": "Publication of " + sources["short_name"],
                          "Date": sources["when"], "How it is known": sources["date_note"],
                          "Corroboration": sources["corroboration_url"]}),
            pd.DataFrame({"Row": events["event_id"], "What": events["what"],
                          "Date": [format_span(a, b, p) for a, b, p in zip(events["date"], events["date_end"], events["date_precision"])],
                          "How it is known": events["date_note"], "Corroboration": events["corroboration_url"]}),
        ]).reset_index(drop=True)

    def date_basis(self) -> pd.DataFrame:
        """Event-date mentions and source dates, stated or inferred, by source."""
        outlets = self.outlets()
        events = self.store.table("events")
        sources = self.store.table("sources")
        rows = pd.concat([
            pd.DataFrame({"outlet": events["source_id"].map(outlets), "basis": events["date_basis"].astype(str), "what": "Event dates"}),
            pd.DataFrame({"outlet": sources["source_id"].map(outlets), "basis": sources["date_basis"].astype(str), "what": "Publication date"}),
        ])
        return rows.groupby(["outlet", "what", "basis"]).size().rename("dates").reset_index()
