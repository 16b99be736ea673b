"""What the numbers measure: the figures the sources cite, who cites them, and what kind of thing they count."""

from __future__ import annotations

import pandas as pd

from ..labels import KIND_LABELS
from ..store import Store
from .lookups import ON_SUBJECT, attributed, source_names, voice_names
from .timeline import source_dates


def figures(store: Store) -> pd.DataFrame:
    """All figures with the claimant's name and whether they are on the report's subject."""
    figures = store.table("figures")
    figures["claimant_name"] = figures["claimant"].map(voice_names(store))
    figures["cited_by"] = attributed(figures["claimant_name"], figures["attribution"])
    figures["on_subject"] = figures["topic"].isin(ON_SUBJECT)
    figures["kind_label"] = figures["kind"].map(KIND_LABELS)
    return figures


def figures_table(store: Store, on_subject: bool | None = None) -> pd.DataFrame:
    """Figures as a reader's table: the number in its source's words, what it counts, who says so, the quote."""
    rows = figures(store)
    if on_subject is not None:
        rows = rows[rows["on_subject"] == on_subject]
    table = pd.DataFrame({
        "Row": rows["figure_id"], "Figure": rows["number_text"], "Unit": rows["unit"], "What it counts": rows["what"],
        "Cited by": rows["cited_by"], "Kind": rows["kind_label"],
        "Source": rows["source_id"].map(source_names(store)), "Quote": rows["quote"], "Notes": rows["notes"],
    })
    return table.reset_index(drop=True)


def figures_by_claimant_and_kind(store: Store) -> pd.DataFrame:
    """How many on-subject figures each voice cites, by what they measure."""
    rows = figures(store)
    rows = rows[rows["on_subject"]]
    counts = rows.groupby(["cited_by", "kind"], observed=True).size().rename("figures").reset_index()
    counts["kind_label"] = counts["kind"].map(KIND_LABELS)
    return counts.sort_values(["cited_by", "kind"]).reset_index(drop=True)


# The two sides of the lede chart: figures that count police activity, and figures that count harm or trust.
STATED_SIDES = {"output": "The Met's messages counted its own activity",
                "outcome": "Others cited misconduct, abuse and lost trust"}


def figures_stated(store: Store) -> pd.DataFrame:
    """The on-subject figures that count police activity (outputs) or harm, misconduct and trust (outcomes),
    each in its source's words, with what it counts, over what period, who states it and where; a share
    carries its bound as a part of one whole (``share``), so "over half" and "below 50%" are never exact."""
    rows = figures(store)
    rows = rows[rows["on_subject"] & rows["kind"].isin(list(STATED_SIDES))].copy()
    # The period in its source's words, quoted ("since “last November”" is the source's, not a date of ours).
    period = rows["period_text"].fillna("").map(lambda text: f", \u201c{text[:1].lower()}{text[1:]}\u201d" if text else "")
    per = rows["unit"].map(lambda unit: unit.split(" per ", 1)[1] if " per " in unit else "")
    rate = [f", per {each}" if each and f"a {each}" not in what else "" for each, what in zip(per, rows["what"])]
    rows["counts"] = rows["what"] + period + rate
    rows["side"] = rows["kind"].astype(str).map(STATED_SIDES)
    voices = store.table("voices").set_index("voice_id")
    rows["source"] = rows["source_id"].map(source_names(store))
    # A source's own author (an organisation or outlet anchored in it) is named by the source alone.
    author = (rows["claimant"].map(voices["kind"]).isin(["organisation", "outlet"])
              & (rows["claimant"].map(voices["source_id"]) == rows["source_id"])).fillna(False).astype(bool)
    rows["stated_by"] = attributed(rows["claimant"].map(voices["name"]), rows["attribution"]).where(~author, rows["source"])
    # When each account was published, so a reader sees they are of different years (inferred dates marked).
    dates = source_dates(store).set_index("source_id")
    rows["published"] = [dates.loc[source, "when"] + (" (inferred)" if dates.loc[source, "date_basis"] == "inferred" else "")
                         for source in rows["source_id"]]
    rows["share"] = rows["value"].where(rows["unit"] == "share", rows["value"] / 100).where(rows["unit"].isin(["share", "percent"]))
    rows["order"] = rows["kind"].astype(str).map({kind: order for order, kind in enumerate(STATED_SIDES)})
    rows = rows.sort_values(["order", "figure_id"], kind="stable")
    return rows[["figure_id", "source_id", "number_text", "qualifier", "counts", "stated_by", "source", "published", "side", "kind",
                 "share"]].reset_index(drop=True)
