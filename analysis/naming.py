"""The naming policy, applied to everything the book publishes.

People accused of wrongdoing by an anonymous source, in an allegation the sources do not establish, are
not named in any output: chapters, tables, CSV downloads, figure files, source pages or the PDF. The
voices table records each such name (``withheld_name``); :func:`redact` replaces it wherever published
text is made. ``data/`` keeps the sources' exact words, so every quote can still be checked.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

WITHHELD = "[name withheld]"
POLICY = ("People accused of wrongdoing by an anonymous source, in an allegation the sources do not "
          "establish, are not named: their name is replaced by \u201c[name withheld]\u201d in every chapter, "
          "table, download, source page and in the PDF. The data files keep the source's exact words, so that "
          "the quote can be checked, and the anonymous people the sources quote stay anonymous.")


@functools.cache
def _pattern(names: tuple[str, ...]) -> re.Pattern | None:
    if not names:
        return None
    # A name may be split by a line break or a non-breaking space in a source.
    parts = [r"[\s\u00a0]+".join(map(re.escape, name.split())) for name in sorted(names, key=len, reverse=True)]
    return re.compile("|".join(parts))


def withheld_names(voices: pd.DataFrame) -> tuple[str, ...]:
    return tuple(sorted(voices["withheld_name"].dropna().astype(str)))


def redact(text: str, names: tuple[str, ...]) -> str:
    """``text`` with every withheld name replaced."""
    pattern = _pattern(names)
    return text if pattern is None or not isinstance(text, str) else pattern.sub(WITHHELD, text)


def redact_frame(frame: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    """A table with every withheld name replaced in its text columns."""
    if not names:
        return frame
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].map(lambda value: redact(value, names) if isinstance(value, str) else value)
    return frame
