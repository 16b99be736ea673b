"""When things happened: the events on the report's subject, and when each source was published."""

from __future__ import annotations

import pandas as pd

from ..dates import format_range
from ..store import Store
from .lookups import ON_SUBJECT, format_span, marked, period_end, source_names


def timeline(store: Store) -> pd.DataFrame:
    """One row per real-world event on the report's subject, dated by its most precise mention.

    Several sources may date the same event; the row keeps the finest precision (a stated date wins a
    tie) and counts how many sources mention it.
    """
    events = store.table("events")
    events = events[events["topic"].isin(ON_SUBJECT)].copy()
    events["precision_rank"] = events["date_precision"].cat.codes  # day < month < year
    events["basis_rank"] = (events["date_basis"] != "stated").astype(int)
    best = events.sort_values(["precision_rank", "basis_rank", "event_id"]).groupby("event", sort=False).head(1)
    mentions = events.groupby("event")["source_id"].nunique().rename("sources")
    names = source_names(store)
    timeline = best.set_index("event").join(mentions).reset_index()
    timeline["mentioned_by"] = timeline["event"].map(
        events.groupby("event")["source_id"].agg(lambda ids: "; ".join(sorted({names[i] for i in ids}))))
    timeline["window_end"] = [period_end(start, end, precision) for start, end, precision
                              in zip(timeline["date"], timeline["date_end"], timeline["date_precision"])]
    timeline["when"] = [marked(format_span(start, end, precision), basis) for start, end, precision, basis
                        in zip(timeline["date"], timeline["date_end"], timeline["date_precision"], timeline["date_basis"])]
    columns = ["event", "event_id", "what", "when", "date", "date_end", "window_end", "date_precision", "date_basis",
               "topic", "sources", "mentioned_by", "date_note"]
    return timeline[columns].sort_values(["date", "event"]).reset_index(drop=True)


def source_dates(store: Store) -> pd.DataFrame:
    """Each source's publication date, precision and basis, in date order."""
    sources = store.table("sources")
    sources["window_end"] = sources["published_latest"]
    sources["when"] = [format_range(first.date(), last.date()) for first, last
                       in zip(sources["published_earliest"], sources["published_latest"])]
    sources["when_marked"] = [marked(when, basis) for when, basis in zip(sources["when"], sources["date_basis"])]
    columns = ["when", "when_marked", "window_end", "source_id", "short_name", "outlet", "kind", "title", "published",
               "published_earliest", "published_latest", "date_precision", "date_basis", "date_note", "corroboration_url", "url"]
    return sources[columns].sort_values("published").reset_index(drop=True)
