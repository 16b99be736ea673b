"""The naming policy, applied to everything the book publishes.

People accused of wrongdoing by an anonymous source, in an allegation the sources do not establish, are
not named in any output: chapters, tables, CSV downloads, figure files, source pages or the PDF. Nor is
the detail of such an allegation printed, since it would identify them. ``data/withheld.csv`` gives each
such span of a source by its offsets only, so no table repeats the words; :func:`redact` replaces them
wherever published text is made. The source files stay the texts received.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

WITHHELD = "[name withheld]"
WITHHELD_DETAIL = "[allegation withheld]"
# The exclusions' reason for words that are part of a withheld allegation: their quote and mention are its detail.
ALLEGATION_REASON = "unverified-allegation"
POLICY = ("We do not name anyone whom an anonymous source accuses of wrongdoing that the sources do not establish, "
          "and we do not repeat the detail. The name becomes \u201c[name withheld]\u201d and the detail "
          "\u201c[allegation withheld]\u201d, in every chapter, table, download, source page and the PDF. "
          "The project keeps the source texts as received, so every quote can be checked. "
          "The anonymous people the sources quote stay anonymous.")

Withheld = tuple[tuple[str, str], ...]  # (words as the sources print them, what is printed instead)


def withheld(store) -> Withheld:
    """Every name and allegation the policy withholds (read from the plain data), with what is printed
    instead, longest first."""
    spans = store.table("withheld")
    pairs = {(store.source_text(source_id)[start:end], WITHHELD if what == "name" else WITHHELD_DETAIL)
             for source_id, start, end, what in zip(spans["source_id"], spans["start"], spans["end"], spans["what"])}
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@functools.cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    # A phrase may be split by a line break or a non-breaking space in a source.
    parts = [r"[\s\u00a0]+".join(map(re.escape, phrase.split())) for phrase in phrases]
    return re.compile("|".join(parts)) if parts else None


def spans(text: str, policy: Withheld) -> list[tuple[int, int]]:
    """Where withheld words stand in ``text``."""
    pattern = _pattern(tuple(phrase for phrase, _ in policy))
    return [] if pattern is None else [(m.start(), m.end()) for m in pattern.finditer(text)]


def redact(text: str, policy: Withheld) -> str:
    """``text`` with every withheld name and allegation replaced."""
    pattern = _pattern(tuple(phrase for phrase, _ in policy))
    if pattern is None or not isinstance(text, str):
        return text
    replacements = {re.sub(r"[\s\u00a0]+", " ", phrase): instead for phrase, instead in policy}
    return pattern.sub(lambda m: replacements[re.sub(r"[\s\u00a0]+", " ", m.group())], text)


def redact_frame(frame: pd.DataFrame, policy: Withheld) -> pd.DataFrame:
    """A table with every withheld name and allegation replaced in its text columns."""
    if not policy:
        return frame
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(lambda value: redact(value, policy) if isinstance(value, str) else value)
    return frame


def redact_record(table: str, record: dict[str, str], policy: Withheld) -> dict[str, str]:
    """One row of a data table as text (a CSV row), as the book publishes it: the withheld words replaced, and an
    excluded mention that is part of a withheld allegation withheld whole (as :class:`analysis.store.PublishedStore`
    publishes the tables)."""
    record = {column: redact(value, policy) for column, value in record.items()}
    if table == "exclusions" and record.get("reason") == ALLEGATION_REASON:
        record.update(quote=WITHHELD_DETAIL, mention=WITHHELD_DETAIL)
    return record
