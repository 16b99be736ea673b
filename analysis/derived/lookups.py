"""Lookups the other derived tables share: names by id, plans in order, dates as the book prints them."""

from __future__ import annotations

import pandas as pd

from ..dates import format_date
from ..labels import INFERRED_MARK, SUBJECT_LABELS
from ..store import Store

# The topics on the report's subject: those the book labels (the rest is context).
ON_SUBJECT = tuple(SUBJECT_LABELS)


def voice_names(store: Store) -> dict[str, str]:
    """Voices by id, as their short labels (for charts and tables)."""
    voices = store.table("voices")
    return dict(zip(voices["voice_id"], voices["label"]))


def source_names(store: Store) -> dict[str, str]:
    """Sources by id, as their short names."""
    sources = store.table("sources")
    return dict(zip(sources["source_id"], sources["short_name"]))


def met_voices(store: Store) -> set[str]:
    """The Met and the voices that speak for it (its teams, its officers)."""
    voices = store.table("voices")
    return set(voices.loc[(voices["voice_id"] == "met") | (voices["affiliation"] == "met"), "voice_id"])


def plans(store: Store) -> pd.DataFrame:
    """Plans in chronological order, each with the date of its launch event (if any)."""
    plans = store.table("plans").sort_values("order")
    events = store.table("events").set_index("event_id")
    plans["launch_date"] = plans["launch_event"].map(events["date"])
    plans["launch_precision"] = plans["launch_event"].map(events["date_precision"].astype("string"))
    return plans.reset_index(drop=True)


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
