"""How we know: the coverage audit, the numbers left out and why, and every inferred date."""

from __future__ import annotations

import pandas as pd

from ..audit import Account, audit
from ..store import Store
from .lookups import format_span, marked, source_names
from .timeline import source_dates

# The coverage chart's panels, in order: what kind of row accounts for a mention.
COVERAGE_GROUPS = ("Figure", "Date", "Excluded", "Unaccounted")


def accounted_as(accounts: tuple[Account, ...]) -> tuple[str, str]:
    """What accounts for a mention, as its group (:data:`COVERAGE_GROUPS`) and in words: a figure's number
    before its period, then a date, then an exclusion with its reason."""
    if not accounts:
        return "Unaccounted", "Unaccounted"
    for part in ("number", "period"):
        if any(account.kind == "figure" and account.part == part for account in accounts):
            return "Figure", f"Figure ({part})"
    if accounts[0].kind in ("event", "source"):
        return "Date", "Date of an event or source"
    return "Excluded", f"Excluded: {accounts[-1].part}"


def coverage_by_source(store: Store) -> pd.DataFrame:
    """The coverage audit: numeric mentions in each source's article text, by what accounts for them."""
    names = source_names(store)
    # The audit reads the plain data, whose quotes are exact (the published data withhold some words).
    rows = [(names[mention.source_id], *accounted_as(mention.accounts)) for mention in audit(Store(store.root)).mentions]
    table = pd.DataFrame(rows, columns=["outlet", "group", "accounted_as"])
    counts = table.groupby(["outlet", "accounted_as"]).size().rename("mentions").reset_index()
    counts["group"] = counts["accounted_as"].map(dict(zip(table["accounted_as"], table["group"])))
    return counts


def exclusions_table(store: Store) -> pd.DataFrame:
    """The numeric mentions that are not figures, with the reason each is left out."""
    exclusions = store.table("exclusions")
    return pd.DataFrame({"Row": exclusions["exclusion_id"], "Words": exclusions["mention"],
                         "In": exclusions["quote"], "Source": exclusions["source_id"].map(source_names(store)),
                         "Reason": exclusions["reason"], "Notes": exclusions["notes"]})


def inferred_dates_table(store: Store) -> pd.DataFrame:
    """Every inferred date in the data (sources and events) with how it was inferred."""
    sources = source_dates(store)
    sources = sources[sources["date_basis"] == "inferred"]
    events = store.table("events")
    events = events[events["date_basis"] == "inferred"]
    return pd.concat([
        pd.DataFrame({"Row": sources["source_id"], "What": "Publication of " + sources["short_name"],
                      "Date": sources["when_marked"], "How it is known": sources["date_note"],
                      "Corroboration": sources["corroboration_url"]}),
        pd.DataFrame({"Row": events["event_id"], "What": events["what"],
                      "Date": [marked(format_span(a, b, p), "inferred")
                               for a, b, p in zip(events["date"], events["date_end"], events["date_precision"])],
                      "How it is known": events["date_note"], "Corroboration": events["corroboration_url"]}),
    ]).reset_index(drop=True)
