"""Every number and date the prose states, computed from the data and named.

Chapters glue these (``{glue:md}`name```) instead of typing them, so that a change in the data changes
the prose. Names are of three kinds:

* one per data row, by its id: ``F003`` is figure F003's number in its source's words ("over 2,500"),
  ``E021`` is event E021's date at its precision ("21 March 2023"), ``evaw-action-plan-response-date`` is a
  source's publication date (the range its evidence allows). An inferred date is pasted with the
  ``inferred`` role, which marks it and puts the reason one click (web) or one footnote (PDF) away;
* counts and shares the chapters discuss, named for what they count (``critiques_total``);
* the content note, with the support lines, pasted where the chapters need it.

Small counts are written as words in newsroom style ("five sources"), by num2words.
"""

from __future__ import annotations

import re

from num2words import num2words

from .derived import appendix, critics, figures, how_we_know, promises, timeline
from .derived.lookups import format_span, met_voices, plans
from .escape import myst_text, myst_url
from .naming import POLICY
from .pages import quote_label
from .schema import cited_tables
from .store import PublishedStore, Store

SUPPORT_LINES = [
    ("Samaritans", "116 123", "any time, day or night"),
    ("Rape Crisis England & Wales 24/7 Support Line", "0808 500 2222", "for anyone affected by sexual violence"),
    ("National Domestic Abuse Helpline", "0808 2000 247", "free, 24 hours a day"),
]


def count_words(n: int) -> str:
    """Newsroom style: none, one to nine in words, larger numbers in figures with thousands separators."""
    n = int(n)
    if n == 0:
        return "none"
    return num2words(n) if 0 < n < 10 else f"{n:,}"


def percent(share: float) -> str:
    """A share as a whole percentage: '20%'."""
    return f"{share:.0%}"


def content_note() -> str:
    """The content note with the support lines, as a MyST admonition."""
    lines = "\n".join(f"- {name}: **{number}** ({when})" for name, number, when in SUPPORT_LINES)
    return (":::{admonition} Content note\n:class: content-note\n"
            "This report discusses violence against women and girls, including rape, domestic abuse, murder and "
            "suicide, and abuse by police officers. If it raises anything for you, support is available:\n\n"
            f"{lines}\n:::\n")


def _spoken(words: str) -> str:
    """A source's number words for the book's prose: the source's spacing normalised."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", words).strip()


def quoted(words: str, escape: bool = True) -> str:
    """A source's words as the book quotes them: in double quotes, inner double quotes made single, and
    without a closing full stop or comma, which the sentence around them supplies."""
    inner = _spoken(words).rstrip(".,;:").replace("\u201c", "\u2018").replace("\u201d", "\u2019").replace('"', "\u2019")
    return f"\u201c{myst_text(inner) if escape else inner}\u201d"


def linked(words: str, row_id: str) -> str:
    """Words that link to their row's quote on its source page (``analysis.pages`` puts the label there):
    on the web and in the PDF, a reader goes from the number to the sentence it came from."""
    title = re.sub(r"[<>`]", "", words)
    return f"{{ref}}`{title} <{quote_label(row_id)}>`"


def inferred(words: str, row_id: str) -> str:
    """An inferred date: marked, linked to its row's quote, with the reason a click or a footnote away
    (the ``inferred`` role of ``_ext/vawg_book.py``)."""
    title = re.sub(r"[<>`]", "", words)
    return f"{{inferred}}`{title} <{row_id}>`"


def pull_quote(store: Store, row_id: str) -> tuple[str, str]:
    """A row's words set as a pull quote: the quotation linked to its sentence (MyST), and who says them, where
    (plain text): "Deniz Uğur, Deputy Director of …, in EVAW's response …", with "(attribution inferred)" where
    the data infers the speaker. A KeyError names a row that no cited table has."""
    for name, table in cited_tables(store).items():
        rows = store.table(name).set_index(table.key)
        if row_id in rows.index:
            row = rows.loc[row_id]
            break
    else:
        raise KeyError(f"{row_id} is not a row with a quote")
    voices = store.table("voices").set_index("voice_id")
    speaker = row.get(table.speaker) if table.speaker else None  # an event's words are its source's
    sources = store.table("sources").set_index("source_id")
    where = sources.loc[row["source_id"], "short_name"]
    if isinstance(speaker, str) and speaker in voices.index:
        voice = voices.loc[speaker]
        who = f"{voice['name']}, {voice['role']}" if voice["kind"] == "person" and not voice["anonymous"] else voice["name"]
    else:
        who = where
    if row.get("attribution") == "inferred":
        who += " (attribution inferred)"
    return linked(quoted(row["quote"], escape=False), row_id), f"{who}, in {where}" if who != where else where


def row_facts(store: Store) -> dict[str, str]:
    """One fact per data row, by its id: a figure's number, an event's or a source's date, a row's quote, a plan's names."""
    facts = {}
    sources = timeline.source_dates(store)
    for row in figures.figures(store).itertuples():
        facts[row.figure_id] = linked(_spoken(row.number_text), row.figure_id)
    for row in store.table("events").itertuples():
        when = format_span(row.date, row.date_end, row.date_precision)
        facts[row.event_id] = inferred(when, row.event_id) if row.date_basis == "inferred" else linked(when, row.event_id)
    for row in sources.itertuples():
        facts[f"{row.source_id}-date"] = inferred(row.when, row.source_id) if row.date_basis == "inferred" else row.when
    for name, table in cited_tables(store).items():
        for row_id, quote in zip(*(store.table(name)[column] for column in (table.key, "quote"))):
            facts[f"{row_id}-quote"] = linked(quoted(quote, escape=False), row_id)
    addresses = []
    for row in sources.itertuples():
        parts = [f"**{myst_text(row.short_name)}**"]
        if isinstance(row.url, str):
            parts.append(f"published at {myst_url(row.url)}")
        if isinstance(row.corroboration_url, str):
            parts.append(f"date corroborated by {myst_url(row.corroboration_url)}")
        addresses.append(f"- {parts[0]}: " + ("; ".join(parts[1:]) or "no public address known"))
    facts["sources-addresses"] = "\n".join(addresses)
    for row in plans(store).itertuples():
        facts[f"{row.plan_id}-short"] = myst_text(row.short_name)
        facts[f"{row.plan_id}-name"] = myst_text(row.name)
    return facts


def summary_facts(store: Store) -> dict[str, str]:
    """The counts the prose states, each computed here from named rows (``tests/test_editorial.py``
    recomputes the key findings' numbers from the CSV files on its own). Counts that rest on an editorial
    choice of rows (one critic, one initiative) are glued by the chapter that makes the choice."""
    sources = timeline.source_dates(store)
    figure_rows = figures.figures(store)
    on_subject = figure_rows[figure_rows["on_subject"]]
    voices = store.table("voices")
    met_figures = on_subject[on_subject["claimant"].isin(met_voices(store))]
    measures = promises.measures(store)
    counted = promises.counted(measures)
    accounts = promises.inward_by_account(store).set_index("account_name")
    critiques = critics.critiques(store)
    criticisms = critics.criticisms(store)
    of_met = criticisms[criticisms["of_the_met"]]
    witnesses = critics.witness_accounts(store)
    replies = critics.replies(store)
    themes = critics.themes(store)
    events = store.table("events")
    coverage = how_we_know.coverage_by_source(store)
    exclusions = store.table("exclusions")
    facts = {}
    for plan in plans(store).itertuples():
        own = accounts[accounts["plan_id"] == plan.plan_id]
        for position, (_, row) in enumerate(own.iterrows()):
            key = plan.plan_id if position == 0 else f"{plan.plan_id}-points"
            facts.update({f"{key}-inward": count_words(row["inward"]), f"{key}-measures": count_words(row["measures"]),
                          f"{key}-inward-share": percent(row["inward_share"])})
    facts.update({
        "sources_total": count_words(len(sources)),
        "sources_inferred": count_words((sources["date_basis"] == "inferred").sum()),
        "sources_stated": count_words((sources["date_basis"] == "stated").sum()),
        "figures_total": count_words(len(figure_rows)),
        "figures_on_subject": count_words(len(on_subject)),
        "figures_met": count_words(len(met_figures)),
        "figures_met_outputs": count_words((met_figures["kind"] == "output").sum()),
        "figures_other_policing": count_words((~figure_rows["on_subject"]).sum()),
        "measures_total": count_words(len(measures)),
        "measures_counted": count_words(len(counted)),
        "measures_counted_under": count_words(measures["counted_under"].notna().sum()),
        "fragments_total": count_words((critiques["role"] == "critic").sum()),
        "criticisms_total": count_words(len(criticisms)),
        "criticisms_of_met": count_words(len(of_met)),
        "criticisms_other": count_words(len(criticisms) - len(of_met)),
        "criticisms_law": count_words((criticisms["target_kind"] == "law").sum()),
        "criticisms_policing": count_words((criticisms["target_kind"] == "policing").sum()),
        "critics_total": count_words(criticisms["critic"].nunique()),
        "critics_of_met": count_words(of_met["critic"].nunique()),
        "criticisms_of_measures": count_words((of_met["target_kind"] == "measure").sum()),
        "criticisms_of_plans": count_words((of_met["target_kind"] == "plan").sum()),
        "criticisms_of_the_met_itself": count_words((of_met["target_kind"] == "met").sum()),
        "criticisms_inferred_attribution": count_words((criticisms["attribution"] == "inferred").sum()),
        "witness_accounts": count_words(witnesses["criticism"].nunique()),
        "replies_total": count_words(len(replies)),
        "theme_top": myst_text(themes.iloc[0]["label"]),
        "theme_top_count": count_words(themes.iloc[0]["criticisms"]),
        "theme_second": myst_text(themes.iloc[1]["label"]),
        "theme_second_count": count_words(themes.iloc[1]["criticisms"]),
        "themes_total": count_words(len(themes)),
        "events_total": count_words(len(events)),
        "events_inferred": count_words((events["date_basis"] == "inferred").sum()),
        "events_stated": count_words((events["date_basis"] == "stated").sum()),
        "timeline_events": count_words(len(timeline.timeline(store))),
        "mentions_total": count_words(coverage["mentions"].sum()),
        "mentions_unaccounted": count_words(coverage.loc[coverage["accounted_as"] == "Unaccounted", "mentions"].sum()),
        "exclusions_total": count_words(len(exclusions)),
        "voices_anonymous": count_words(voices["anonymous"].sum()),
        "naming-policy": POLICY,
    })
    return facts


def edition_facts(store: Store) -> dict[str, str]:
    """The edition: its version and date, from the data package (never the build clock)."""
    import datetime as dt

    from .dates import format_date
    from .dictionary import data_dictionary_markdown

    package = store.package()
    created = dt.date.fromisoformat(package["created"][:10])
    return {"edition_version": myst_text(package["version"]), "edition_date": format_date(created, "day"),
            "edition_year": str(created.year), "book_title": myst_text(package["title"]),
            "data-dictionary": data_dictionary_markdown(store, heading=None)}


def corrections_markdown(store: Store) -> str:
    """The corrections appendix as a list (it reads on a phone and prints whole): where, what it said, what it
    says now, and why."""
    items = []
    for row in appendix.corrections_table(store).itertuples():
        items.append(f"- **{myst_text(row.Where)}** (edition {myst_text(row.Edition)}). "
                     f"*It said:* {myst_text(row._3)} *It says now:* {myst_text(row._4)} "
                     f"*Why:* {myst_text(row.Why)}")
    return "\n".join(items)


def all_facts(store: Store | None = None) -> dict[str, str]:
    """Every fact the chapters may paste, from the published data."""
    store = store or PublishedStore()
    return {**row_facts(store), **summary_facts(store), **edition_facts(store), "content-note": content_note(),
            "corrections-list": corrections_markdown(store)}
