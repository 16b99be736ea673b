"""Every number and date the prose states, computed from the data and named.

Chapters glue these (``{glue:md}`name```) instead of typing them, so that a change in the data changes
the prose. Names are of three kinds:

* one per data row, by its id: ``F003`` is figure F003's number in its source's words ("over 2,500"),
  ``E021`` is event E021's date at its precision ("21 March 2023"), ``evaw-action-plan-response-date`` is a
  source's publication date;
* counts and shares the chapters discuss, named for what they count (``critiques_total``);
* the content note, with the support lines, pasted where the chapters need it.

Small counts are written as words in newsroom style ("five sources"), by num2words.
"""

from __future__ import annotations

import re

from num2words import num2words

from .report import Report, format_span

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
    return f"{share:.0%}"


def content_note() -> str:
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
    return f"\u201c{_escape_markdown(inner) if escape else inner}\u201d"


def _escape_markdown(text: str) -> str:
    """Glued text is parsed as Markdown: a source's asterisk or bracket must stay a character."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def linked(words: str, row_id: str) -> str:
    """Words that link to their row's quote on its source page (``analysis.pages`` puts the label there):
    on the web and in the PDF, a reader goes from the number to the sentence it came from."""
    title = re.sub(r"[<>`]", "", words)
    return f"{{ref}}`{title} <quote-{row_id}>`"


def row_facts(report: Report) -> dict[str, str]:
    facts = {}
    for row in report.figures().itertuples():
        facts[row.figure_id] = linked(_spoken(row.number_text), row.figure_id)
    for row in report.store.table("events").itertuples():
        facts[row.event_id] = linked(format_span(row.date, row.date_end, row.date_precision), row.event_id)
    for row in report.source_dates().itertuples():
        facts[f"{row.source_id}-date"] = row.when
    for table, id_column in (("figures", "figure_id"), ("events", "event_id"), ("measures", "measure_id"),
                             ("critiques", "critique_id")):
        for row_id, quote in zip(*(report.store.table(table)[column] for column in (id_column, "quote"))):
            facts[f"{row_id}-quote"] = linked(quoted(quote, escape=False), row_id)
    addresses = []
    for row in report.source_dates().itertuples():
        parts = [f"**{row.short_name}**"]
        if isinstance(row.url, str):
            parts.append(f"published at <{row.url}>")
        if isinstance(row.corroboration_url, str):
            parts.append(f"date corroborated by <{row.corroboration_url}>")
        addresses.append(f"- {parts[0]}: " + ("; ".join(parts[1:]) or "no public address known"))
    facts["sources-addresses"] = "\n".join(addresses)
    for row in report.plans().itertuples():
        facts[f"{row.plan_id}-short"] = row.short_name
        facts[f"{row.plan_id}-name"] = row.name
    return facts


def summary_facts(report: Report) -> dict[str, str]:
    sources = report.source_dates()
    figures = report.figures()
    on_subject = figures[figures["on_subject"]]
    met_voices = set(report.store.table("voices").query("voice_id == 'met' or affiliation == 'met'")["voice_id"])
    met_figures = on_subject[on_subject["claimant"].isin(met_voices)]
    other_outcomes = on_subject[(~on_subject["claimant"].isin(met_voices)) & (on_subject["kind"] == "outcome")]
    measures = report.measures()
    shares = report.inward_share_by_plan().set_index("plan_name")
    plans = report.plans().set_index("plan_id")
    critiques = report.critiques()
    themes = report.themes()
    timeline = report.timeline()
    events = report.store.table("events")
    coverage = report.coverage_by_source()
    exclusions = report.store.table("exclusions")

    def plan_share(plan_id: str) -> dict[str, str]:
        row = shares.loc[plans.at[plan_id, "name"]]
        return {f"{plan_id}-inward": count_words(row["inward"]), f"{plan_id}-measures": count_words(row["measures"]),
                f"{plan_id}-inward-share": percent(row["inward_share"])}

    swab = critiques[critiques["target_initiative"] == "drug-swabbing"]
    targeted = critiques[critiques["target_measure"].notna()]
    facts = {
        "sources_total": count_words(len(sources)),
        "sources_inferred": count_words((sources["date_basis"] == "inferred").sum()),
        "sources_stated": count_words((sources["date_basis"] == "stated").sum()),
        "figures_total": count_words(len(figures)),
        "figures_on_subject": count_words(len(on_subject)),
        "figures_met": count_words(len(met_figures)),
        "figures_met_outputs": count_words((met_figures["kind"] == "output").sum()),
        "figures_met_outcomes": count_words((met_figures["kind"] == "outcome").sum()),
        "figures_outcomes_others": count_words(len(other_outcomes)),
        "figures_other_policing": count_words((~figures["on_subject"]).sum()),
        "measures_total": count_words(len(measures)),
        "measures_on_subject": count_words(measures["topic"].isin(["vawg", "police-misconduct", "trust"]).sum()),
        "critiques_total": count_words(len(critiques)),
        "critics_total": count_words(critiques["critic"].nunique()),
        "critiques_targeted": count_words(len(targeted)),
        "critiques_general": count_words(len(critiques) - len(targeted)),
        "critiques_swab": count_words(len(swab)),
        "critiques_evaw": count_words(critiques["critic"].isin(["evaw", "deniz-ugur"]).sum()),
        "theme_top": themes.iloc[0]["label"],
        "theme_top_count": count_words(themes.iloc[0]["critiques"]),
        "theme_second": themes.iloc[1]["label"],
        "theme_second_count": count_words(themes.iloc[1]["critiques"]),
        "themes_total": count_words(len(themes)),
        "events_total": count_words(len(events)),
        "events_inferred": count_words((events["date_basis"] == "inferred").sum()),
        "events_stated": count_words((events["date_basis"] == "stated").sum()),
        "timeline_events": count_words(len(timeline)),
        "mentions_total": count_words(coverage["mentions"].sum()),
        "mentions_unaccounted": count_words(coverage.loc[coverage["accounted_as"] == "Unaccounted", "mentions"].sum()),
        "exclusions_total": count_words(len(exclusions)),
        "voices_anonymous": count_words(report.store.table("voices")["anonymous"].sum()),
    }
    for plan_id in ("action-plan-2021", "messages-2022-03", "ten-point-plan-2023"):
        facts.update(plan_share(plan_id))
    return facts


def edition_facts(report: Report) -> dict[str, str]:
    """The edition: its version and date, from the data package (never the build clock)."""
    from .dates import format_date
    from .dictionary import data_dictionary_markdown
    import datetime as dt

    package = report.store.package()
    created = dt.date.fromisoformat(package["created"][:10])
    return {"edition_version": package["version"], "edition_date": format_date(created, "day"),
            "edition_year": str(created.year), "book_title": package["title"],
            "data-dictionary": data_dictionary_markdown(report.store, heading=None)}


def all_facts(report: Report | None = None) -> dict[str, str]:
    report = report or Report()
    return {**row_facts(report), **summary_facts(report), **edition_facts(report), "content-note": content_note()}
