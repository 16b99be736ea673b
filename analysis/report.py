"""The report's derived tables: the counts and comparisons the chapters and charts show.

Each function answers one question the book asks, from the tables in ``data/`` (through
:mod:`analysis.store`), and returns a plain DataFrame that a chart draws and a reader can download.
Labels come from the data (voice names, plan names, theme labels), so a new row in the data shows up
here without code changes.
"""

from __future__ import annotations

import pandas as pd

from .audit import audit
from .dates import format_date, format_range
from .store import PublishedStore, Store

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
# How every inferred date is marked where the book prints it as text (tables, tooltips, CSV); the web
# book's tables turn the mark into a styled note, and prose uses the ``inferred`` role instead.
INFERRED_MARK = " (inferred)"
# What a criticism targets, and which targets count as criticisms of the Met.
TARGET_KIND_LABELS = {"measure": "A Met measure", "plan": "A Met plan as a whole", "met": "The Met itself",
                      "law": "A law", "policing": "Policing in general"}
OF_THE_MET = ("measure", "plan", "met")


def marked(text: str, basis: str) -> str:
    """A date's text with the inferred mark when it is inferred."""
    return f"{text}{INFERRED_MARK}" if basis == "inferred" else text


def attributed(names: pd.Series, attribution: pd.Series) -> pd.Series:
    """Who is credited with words or a figure, marked where the source does not say so itself."""
    return names.where(attribution == "stated", names + " (attribution inferred)")


def period_end(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> pd.Timestamp:
    """The last day a date can mean: a month-precision date covers its whole month, and so on."""
    last = end if pd.notna(end) else start
    if precision == "year":
        return last + pd.offsets.YearEnd(0)
    if precision == "month":
        return last + pd.offsets.MonthEnd(0)
    return last


def format_span(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """A date or span as the book prints it, at its precision: '6–12 December 2021', '28 February – 6 March
    2022', '2016–2018'."""
    first = format_date(start.date(), precision)
    if pd.isna(end):
        return first
    last = format_date(end.date(), precision)
    if precision == "day" and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{last}"
    if precision == "day" and start.year == end.year:
        return f"{start.day} {start:%B} \u2013 {last}"
    if precision == "month" and start.year == end.year:
        return f"{start:%B}\u2013{last}"
    return f"{first}\u2013{last}" if precision == "year" else f"{first} \u2013 {last}"


class Report:
    """The derived tables, computed from one data directory (the project's, or a test's copy)."""

    def __init__(self, store: Store | None = None):
        self.store = PublishedStore((store or Store()).root)

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
        timeline["when"] = [marked(format_span(start, end, precision), basis) for start, end, precision, basis
                            in zip(timeline["date"], timeline["date_end"], timeline["date_precision"], timeline["date_basis"])]
        columns = ["event", "event_id", "what", "when", "date", "date_end", "window_end", "date_precision", "date_basis",
                   "topic", "sources", "mentioned_by", "date_note"]
        return timeline[columns].sort_values(["date", "event"]).reset_index(drop=True)

    def source_dates(self) -> pd.DataFrame:
        """Each source's publication date, precision and basis, in date order."""
        sources = self.store.table("sources")
        sources["window_end"] = sources["published_latest"]
        sources["when"] = [format_range(first.date(), last.date()) for first, last
                           in zip(sources["published_earliest"], sources["published_latest"])]
        sources["when_marked"] = [marked(when, basis) for when, basis in zip(sources["when"], sources["date_basis"])]
        columns = ["when", "when_marked", "window_end", "source_id", "short_name", "outlet", "kind", "title", "published",
                   "published_earliest", "published_latest", "date_precision", "date_basis", "date_note", "corroboration_url", "url"]
        return sources[columns].sort_values("published").reset_index(drop=True)

    def sources_table(self) -> pd.DataFrame:
        """The sources as a reader's table."""
        sources = self.store.table("sources")
        dates = self.source_dates().set_index("source_id")
        return pd.DataFrame({
            "Source": sources["short_name"], "Outlet": sources["outlet"], "Kind": sources["kind"],
            "Title": sources["title"], "Published": sources["source_id"].map(dates["when_marked"]),
            "Date": sources["date_basis"], "How the date is known": sources["date_note"],
            "Corroboration": sources["corroboration_url"], "Address": sources["url"], "Notes": sources["notes"],
            "File": sources["file"], "SHA-256": sources["sha256"],
        })

    # -- the numbers -----------------------------------------------------------------------------

    def figures(self) -> pd.DataFrame:
        """All figures with the claimant's name and whether they are on the report's subject."""
        figures = self.store.table("figures")
        figures["claimant_name"] = figures["claimant"].map(self.voice_names())
        figures["cited_by"] = attributed(figures["claimant_name"], figures["attribution"])
        figures["on_subject"] = figures["topic"].isin(ON_SUBJECT)
        figures["kind_label"] = figures["kind"].map(KIND_LABELS)
        return figures

    def figures_table(self, on_subject: bool | None = None) -> pd.DataFrame:
        """Figures as a reader's table: the number in its source's words, what it counts, who says so, the quote."""
        figures = self.figures()
        if on_subject is not None:
            figures = figures[figures["on_subject"] == on_subject]
        table = pd.DataFrame({
            "Row": figures["figure_id"], "Figure": figures["number_text"], "Unit": figures["unit"], "What it counts": figures["what"],
            "Cited by": figures["cited_by"], "Kind": figures["kind_label"],
            "Source": figures["source_id"].map(self.outlets()), "Quote": figures["quote"], "Notes": figures["notes"],
        })
        return table.reset_index(drop=True)

    def figures_by_claimant_and_kind(self) -> pd.DataFrame:
        """How many on-subject figures each voice cites, by what they measure."""
        figures = self.figures()
        figures = figures[figures["on_subject"]]
        counts = (figures.groupby(["cited_by", "kind"], observed=True).size().rename("figures").reset_index())
        counts["kind_label"] = counts["kind"].map(KIND_LABELS)
        return counts.sort_values(["cited_by", "kind"]).reset_index(drop=True)

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
        measures["counted"] = measures["counted_under"].isna()
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
            "Reported by": measures["reported_by_name"], "Counted under": measures["counted_under"], "Quote": measures["quote"],
        })
        if plan_id is not None and table["Point"].isna().all():
            table = table.drop(columns="Point")
        if table["Counted under"].isna().all():
            table = table.drop(columns="Counted under")
        return table.reset_index(drop=True)

    def measures_by_plan(self) -> pd.DataFrame:
        """On-subject measures counted by plan and category, with each category's share of its plan."""
        measures = self.measures()
        measures = measures[measures["topic"].isin(ON_SUBJECT) & measures["counted"]]
        counts = (measures.groupby(["plan_order", "plan_name", "category"], observed=True).size()
                  .rename("measures").reset_index())
        counts["share"] = counts["measures"] / counts.groupby("plan_name")["measures"].transform("sum")
        counts["category_label"] = counts["category"].map(CATEGORY_LABELS)
        counts["direction"] = counts["category"].map(lambda c: "Inward" if c == INWARD else "Outward")
        return counts.sort_values(["plan_order", "category"]).reset_index(drop=True)

    def inward_by_account(self) -> pd.DataFrame:
        """For each account of a plan or announcement: how many of its measures look inward, counted once each.

        The accounts differ in kind (a critic's selection, the Met's own messages, a news summary), which the
        ``account`` column says; they are compared side by side, never as a series. A plan with numbered
        points gets a second row for the points alone. Operations and one-off statements are left out.
        """
        plans = self.plans()
        plans = plans[plans["kind"].isin(["plan", "announcement"])]
        measures = self.measures()
        measures = measures[measures["topic"].isin(ON_SUBJECT) & measures["counted"]]
        rows = []
        for plan in plans.itertuples():
            own = measures[measures["plan_id"] == plan.plan_id]
            groups = [(plan.name, plan.account, own)]
            if own["point"].notna().any():
                points = own[own["point"].notna()]
                groups.append((f"{plan.name}: the {len(points)} points alone", "The plan's own list, as the news summary gives it", points))
            for name, account, rows_of in groups:
                inward = rows_of[rows_of["direction"] == "Inward"]
                rows.append({"plan_id": plan.plan_id, "account_name": name, "account": account, "plan_order": plan.order,
                             "measures": len(rows_of), "inward": len(inward), "outward": len(rows_of) - len(inward),
                             "inward_share": len(inward) / len(rows_of) if len(rows_of) else 0.0,
                             "inward_rows": " ".join(inward["measure_id"]), "measure_rows": " ".join(rows_of["measure_id"]),
                             "reported_by": "; ".join(sorted(set(rows_of["reported_by_name"])))})
        return pd.DataFrame(rows)

    # -- the critics -----------------------------------------------------------------------------

    def critiques(self) -> pd.DataFrame:
        """Every fragment, with labels: critics' criticisms and witnesses' accounts alike (see ``role``)."""
        critiques = self.store.table("critiques")
        themes = self.store.table("themes").set_index("theme_id")
        measures = self.measures().set_index("measure_id")
        critiques["theme_label"] = critiques["theme"].map(themes["label"])
        critiques["critic_name"] = critiques["critic"].map(self.voice_names())
        critiques["critic_label"] = attributed(critiques["critic_name"], critiques["attribution"])
        critiques["target_label"] = critiques["target_measure"].map(measures["measure"]).fillna(critiques["target"])
        critiques["target_initiative"] = critiques["target_measure"].map(measures["initiative"])
        critiques["target_kind_label"] = critiques["target_kind"].map(TARGET_KIND_LABELS)
        critiques["of_the_met"] = critiques["target_kind"].isin(OF_THE_MET)
        return critiques

    def criticisms(self) -> pd.DataFrame:
        """One row per criticism (fragments that make one point counted once), witnesses' accounts left out."""
        fragments = self.critiques()
        # Fragments in the order the source gives them, so that joined quotations read as the source reads.
        fragments = fragments[fragments["role"] == "critic"].sort_values(["source_id", "start"])
        grouped = fragments.groupby("criticism", sort=False)
        first = grouped.head(1).set_index("criticism")
        # Where people of one organisation make the point together (EVAW and its deputy director), the
        # organisation is its critic.
        voices = self.store.table("voices").set_index("voice_id")
        speaks_for = voices["affiliation"].fillna(pd.Series(voices.index, index=voices.index))
        shared = grouped["critic"].nunique() > 1
        for criticism in shared[shared].index:
            organisation = speaks_for[first.at[criticism, "critic"]]
            first.loc[criticism, ["critic", "critic_name", "critic_label"]] = [organisation, voices.at[organisation, "label"],
                                                                                voices.at[organisation, "label"]]
        first["fragments"] = grouped.size()
        first["fragment_ids"] = grouped["critique_id"].agg(" ".join)
        first["quotes"] = grouped["quote"].agg(" … ".join)
        return first.reset_index()

    def witness_accounts(self) -> pd.DataFrame:
        """Accounts of harm by the people it was done to: evidence, not criticism."""
        fragments = self.critiques()
        return fragments[fragments["role"] == "witness"].reset_index(drop=True)

    def replies(self) -> pd.DataFrame:
        """The Met's stated aims and answers, each beside the criticism it stands with."""
        replies = self.store.table("replies")
        replies["speaker_name"] = replies["speaker"].map(self.voice_names())
        replies["source_name"] = replies["source_id"].map(self.outlets())
        return replies

    def themes_table(self) -> pd.DataFrame:
        """The codebook as a reader's table."""
        themes = self.themes()
        return pd.DataFrame({"Theme": themes["label"], "Definition": themes["definition"], "Criticisms": themes["criticisms"]})

    def critiques_table(self) -> pd.DataFrame:
        """Every fragment as a reader's table, with the criticism it belongs to."""
        critiques = self.critiques()
        return pd.DataFrame({
            "Row": critiques["critique_id"], "Criticism": critiques["criticism"], "Role": critiques["role"],
            "Critic": critiques["critic_label"], "As the source names them": critiques["critic_as_named"], "Target": critiques["target_label"], "Grounds": critiques["theme_label"],
            "Source": critiques["source_id"].map(self.outlets()), "Quote": critiques["quote"],
        }).reset_index(drop=True)

    def right_of_reply(self) -> pd.DataFrame:
        """Each criticism of the Met with the Met's words beside it, where the sources give any (blank otherwise)."""
        criticisms = self.criticisms()
        criticisms = criticisms[criticisms["of_the_met"]]
        replies = self.replies()
        def said(quote: str, relation: str, speaker: str, source: str) -> str:
            inner = quote.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
            who = speaker if speaker == source else f"{speaker}, {source}"
            return f"\u201c{inner}\u201d ({relation.replace('-', ' ')}; {who})"

        words = replies.groupby("criticism").apply(
            lambda g: " / ".join(said(*row) for row in zip(g["quote"], g["relation"], g["speaker_name"], g["source_name"])),
            include_groups=False)
        return pd.DataFrame({
            "Criticism": criticisms["fragment_ids"].str.split().str[0], "Critic": criticisms["critic_label"],
            "Target": criticisms["target_label"], "Grounds": criticisms["theme_label"],
            "What the critic said": criticisms["quotes"],
            "The Met's words or aims, as the sources give them, beside it": criticisms["criticism"].map(words).fillna(""),
        }).reset_index(drop=True)

    def critiques_by_critic(self) -> pd.DataFrame:
        """Criticisms counted by critic and theme."""
        criticisms = self.criticisms()
        return (criticisms.groupby(["critic_name", "theme_label"]).size().rename("criticisms").reset_index()
                .sort_values(["critic_name", "theme_label"]).reset_index(drop=True))

    def themes(self) -> pd.DataFrame:
        """The codebook, with how many criticisms use each theme."""
        themes = self.store.table("themes")
        counts = self.criticisms().groupby("theme").size()
        themes["criticisms"] = themes["theme_id"].map(counts).fillna(0).astype(int)
        return themes.sort_values(["criticisms", "theme_id"], ascending=[False, True]).reset_index(drop=True)

    # -- inside the force ------------------------------------------------------------------------

    def misconduct_voices(self) -> pd.DataFrame:
        """Who speaks about the Met's own officers: rows on police misconduct, by voice and by what kind of row."""
        figures = self.figures()
        measures = self.measures()
        criticisms = self.criticisms()
        rows = pd.concat([
            pd.DataFrame({"voice": figures.loc[figures["topic"] == "police-misconduct", "cited_by"], "row": "Figure cited"}),
            pd.DataFrame({"voice": measures.loc[(measures["category"] == INWARD) & measures["counted"] & measures["topic"].isin(ON_SUBJECT),
                                                "reported_by_name"], "row": "Inward measure reported"}),
            pd.DataFrame({"voice": criticisms.loc[criticisms["theme"].isin(["internal-first", "culture"]), "critic_label"],
                          "row": "Criticism of culture or priorities"}),
        ])
        return rows.groupby(["voice", "row"]).size().rename("rows").reset_index().sort_values(["voice", "row"]).reset_index(drop=True)

    # -- how we know -----------------------------------------------------------------------------

    def coverage_by_source(self) -> pd.DataFrame:
        """The coverage audit: numeric mentions in each source's article text, by what accounts for them."""
        result = audit(Store(self.store.root))
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
                          "Date": sources["when_marked"], "How it is known": sources["date_note"],
                          "Corroboration": sources["corroboration_url"]}),
            pd.DataFrame({"Row": events["event_id"], "What": events["what"],
                          "Date": [marked(format_span(a, b, p), "inferred") for a, b, p in zip(events["date"], events["date_end"], events["date_precision"])],
                          "How it is known": events["date_note"], "Corroboration": events["corroboration_url"]}),
        ]).reset_index(drop=True)

    def corrections_table(self) -> pd.DataFrame:
        """Corrections to published statements, latest edition first."""
        corrections = self.store.table("corrections").iloc[::-1]
        return pd.DataFrame({"Edition": corrections["edition"], "Where": corrections["where"], "It said": corrections["said"],
                             "It says now": corrections["says_now"], "Why": corrections["why"]}).reset_index(drop=True)

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
