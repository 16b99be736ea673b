"""What the numbers measure: the figures the sources cite, who cites them, and what kind of thing they count."""

from __future__ import annotations

import pandas as pd

from ..labels import KIND_LABELS
from ..store import Store
from .lookups import ON_SUBJECT, attributed, source_names, voice_names


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
