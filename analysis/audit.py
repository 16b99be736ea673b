"""The coverage audit: no number in an article escapes the data.

Every numeric mention in the article text of every source (furniture left out) must be accounted for:
as the number of a figure row, the period of a figure, the date of an event or of the source itself, or
an exclusion with its reason. The audit lists what accounts for each mention and flags the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .number_words import Mention, find_mentions
from .store import Store


@dataclass(frozen=True)
class Account:
    """What accounts for a stretch of article text: one part of one data row."""

    kind: Literal["figure", "event", "source", "exclusion"]
    row_id: str
    part: str  # "number" or "period" of a figure, "date" of an event, "publication date", an exclusion's reason

    def __str__(self) -> str:
        return f"{self.kind} {self.row_id} ({self.part})"


@dataclass(frozen=True)
class Span:
    """A stretch of a source's text, by character offsets, and the data row part that accounts for numbers in it."""

    start: int
    end: int
    account: Account


@dataclass(frozen=True)
class AuditedMention:
    """A numeric mention in an article text, where it is, and what accounts for it."""

    source_id: str
    file: str
    line: int
    column: int
    mention: Mention
    accounts: tuple[Account, ...]  # empty: unaccounted

    def __str__(self) -> str:
        status = "; ".join(map(str, self.accounts)) or "UNACCOUNTED"
        return f"data/sources/{self.file}:{self.line}:{self.column}: {self.mention.text!r} ({self.mention.kind}) → {status}"


@dataclass(frozen=True)
class Audit:
    """The audit's result: every mention with its accounts, and the accounts that cover none."""

    mentions: list[AuditedMention]
    idle: list[Account]  # figure numbers and exclusions that account for no mention (stale, or a scanner gap)

    @property
    def unaccounted(self) -> list[AuditedMention]:
        """The mentions no row accounts for."""
        return [mention for mention in self.mentions if not mention.accounts]

    @property
    def ok(self) -> bool:
        """Whether every mention is accounted for and every accounting row accounts for one."""
        return not self.unaccounted and not self.idle


def _part_span(row, words: str, account: Account) -> Span | None:
    if not words:
        return None
    offset = row["quote"].find(words)
    return Span(row["start"] + offset, row["start"] + offset + len(words), account) if offset >= 0 else None


def accounting_spans(store: Store) -> dict[str, list[Span]]:
    """Every span of article text that accounts for numbers, by source."""
    spans: dict[str, list[Span]] = {}

    def add(source_id, span):
        if span is not None:
            spans.setdefault(source_id, []).append(span)

    for row in store.table("figures").to_dict("records"):
        add(row["source_id"], _part_span(row, row["number_text"], Account("figure", row["figure_id"], "number")))
        if isinstance(row["period_text"], str):
            add(row["source_id"], _part_span(row, row["period_text"], Account("figure", row["figure_id"], "period")))
    for row in store.table("events").to_dict("records"):
        if isinstance(row["date_text"], str):
            add(row["source_id"], _part_span(row, row["date_text"], Account("event", row["event_id"], "date")))
    for row in store.table("exclusions").to_dict("records"):
        add(row["source_id"], _part_span(row, row["mention"], Account("exclusion", row["exclusion_id"], row["reason"])))
    for row in store.table("sources").to_dict("records"):
        if isinstance(row["date_text"], str):
            add(row["source_id"], Span(row["date_start"], row["date_end"], Account("source", row["source_id"], "publication date")))
    return spans


def article_mentions(store: Store, source_id: str) -> list[Mention]:
    """Numeric mentions in the article text: web furniture is left out."""
    return [mention for offset, segment in store.article_segments(source_id) for mention in find_mentions(segment, offset)]


def _must_cover_a_mention(span: Span) -> bool:
    """Dates and periods may be written without digits ("in June"); a figure's number or an exclusion may not."""
    return span.account.kind == "exclusion" or span.account.part == "number"


def audit(store: Store | None = None) -> Audit:
    """Account for every numeric mention in every source's article text, and name the accounts that cover none."""
    store = store or Store()
    spans = accounting_spans(store)
    audited, used = [], set()
    for source in store.table("sources").to_dict("records"):
        text = store.source_text(source["source_id"])
        for mention in article_mentions(store, source["source_id"]):
            covering = [s for s in spans.get(source["source_id"], []) if s.start <= mention.start and mention.end <= s.end]
            used.update(covering)
            line = text.count("\n", 0, mention.start) + 1
            column = mention.start - (text.rfind("\n", 0, mention.start) + 1) + 1
            accounts = tuple(span.account for span in covering)
            audited.append(AuditedMention(source["source_id"], source["file"], line, column, mention, accounts))
    idle = [span.account for source_spans in spans.values() for span in source_spans
            if span not in used and _must_cover_a_mention(span)]
    return Audit(audited, idle)
