"""The appendices' reader's tables: the sources in full and the corrections."""

from __future__ import annotations

import pandas as pd

from ..store import Store
from .timeline import source_dates


def sources_table(store: Store) -> pd.DataFrame:
    """The sources as a reader's table."""
    sources = store.table("sources")
    dates = source_dates(store).set_index("source_id")
    return pd.DataFrame({
        "Source": sources["short_name"], "Outlet": sources["outlet"], "Kind": sources["kind"],
        "Title": sources["title"], "Published": sources["source_id"].map(dates["when_marked"]),
        "Date": sources["date_basis"], "How the date is known": sources["date_note"],
        "Corroboration": sources["corroboration_url"], "Address": sources["url"], "Notes": sources["notes"],
        "File": sources["file"], "SHA-256": sources["sha256"],
    })


def corrections_table(store: Store) -> pd.DataFrame:
    """Corrections to published statements, latest edition first."""
    corrections = store.table("corrections").iloc[::-1]
    return pd.DataFrame({"Edition": corrections["edition"], "Where": corrections["where"], "It said": corrections["said"],
                         "It says now": corrections["says_now"], "Why": corrections["why"]}).reset_index(drop=True)
