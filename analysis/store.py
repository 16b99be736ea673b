"""Where the data lives, and the one place that reads it from disk.

Everything else (checks, audit, chapters, tests, the command line) asks this module for tables and texts,
so the layout of ``data/`` is known here only. The schema in ``data/datapackage.json`` drives the typing:
a column declared ``date`` loads as a date, a column with an enumeration loads as a categorical whose
categories are the enumeration in its declared order (so charts keep a stable order).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
PACKAGE_FILE = "datapackage.json"
SOURCES_DIR = "sources"

# Characters that the sources write in typographic form and people type in plain form. Each maps to
# exactly one character, so offsets in the normalised text are offsets in the original.
_TYPED_FORMS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})


class DataFileError(ValueError):
    """A data file cannot be read at all (missing, empty, not UTF-8, has a byte-order mark)."""

    def __init__(self, path: Path, message: str, line: int | None = None):
        super().__init__(message)
        self.path, self.message, self.line = path, message, line


@dataclass(frozen=True)
class Store:
    """A data directory: the real one by default, or a copy that tests corrupt."""

    root: Path = DATA_DIR

    @property
    def package_path(self) -> Path:
        return self.root / PACKAGE_FILE

    def package(self) -> dict:
        return json.loads(self.package_path.read_text(encoding="utf-8"))

    def resources(self) -> dict[str, dict]:
        """The package's resources by name, in declared order."""
        return {resource["name"]: resource for resource in self.package()["resources"]}

    def table_path(self, name: str) -> Path:
        return self.root / self.resources()[name]["path"]

    def source_path(self, file: str) -> Path:
        return self.root / SOURCES_DIR / file

    def read_text(self, path: Path) -> str:
        """A file's text, refusing what would make offsets unreliable: no BOM, strict UTF-8, not empty."""
        raw = path.read_bytes()
        if not raw:
            raise DataFileError(path, "file is empty")
        if raw.startswith(b"\xef\xbb\xbf"):
            raise DataFileError(path, "file starts with a UTF-8 byte-order mark; save it without one", line=1)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise DataFileError(path, f"file is not valid UTF-8 (byte {error.start}: {raw[error.start:error.start + 1]!r})", line=line) from None

    def read_rows(self, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
        """A table's header and its rows, each row with the file line it starts on (quoted fields may span lines)."""
        path = self.table_path(name)
        reader = csv.reader(io.StringIO(self.read_text(path), newline=""))
        try:
            header = next(reader)
        except StopIteration:
            raise DataFileError(path, "file has no header row") from None
        rows, line = [], reader.line_num + 1
        for values in reader:
            rows.append((line, dict(zip(header, values + [""] * (len(header) - len(values))))))
            line = reader.line_num + 1
        return header, rows

    def source_text(self, source_id: str) -> str:
        return self.read_text(self.source_path(self.table("sources").set_index("source_id").at[source_id, "file"]))

    def article_segments(self, source_id: str) -> list[tuple[int, str]]:
        """The source's article text as (offset, text) pieces: the file with its web furniture cut out.

        Offsets stay those of the file, so anything found in a piece points back to the source.
        """
        text = self.source_text(source_id)
        furniture = self.table("furniture")
        spans = sorted(zip(furniture.loc[furniture["source_id"] == source_id, "start"],
                           furniture.loc[furniture["source_id"] == source_id, "end"]))
        segments, position = [], 0
        for start, end in spans:
            if start > position:
                segments.append((position, text[position:start]))
            position = max(position, end)
        if position < len(text):
            segments.append((position, text[position:]))
        return segments

    def table(self, name: str) -> pd.DataFrame:
        """A table as a typed DataFrame, typed by its Table Schema."""
        fields = self.resources()[name]["schema"]["fields"]
        _, rows = self.read_rows(name)
        frame = pd.DataFrame([row for _, row in rows], columns=[field["name"] for field in fields], dtype="string")
        for field in fields:
            frame[field["name"]] = _typed(frame[field["name"]], field)
        return frame


def _typed(column: pd.Series, field: dict) -> pd.Series:
    column = column.replace("", pd.NA)
    kind = field["type"]
    if kind == "integer":
        return pd.to_numeric(column).astype("Int64")
    if kind == "number":
        return pd.to_numeric(column).astype("Float64")
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d")
    if kind == "boolean":
        return column.map({"true": True, "false": False}).astype("boolean")
    enum = field.get("constraints", {}).get("enum")
    if enum:
        return pd.Categorical(column, categories=enum)
    return column


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class QuoteNotFound(LookupError):
    pass


def locate_quote(text: str, quote: str) -> tuple[int, int]:
    """Offsets of the one place ``quote`` stands in ``text``, forgiving typed quotes, dashes and spaces.

    For people entering data: they type straight quotes and plain spaces, the sources have curly ones and
    non-breaking spaces. The match must be unique; the exact characters are then ``text[start:end]``.
    """
    haystack, needle = text.translate(_TYPED_FORMS), quote.translate(_TYPED_FORMS)
    first = haystack.find(needle)
    if first < 0:
        raise QuoteNotFound(f"not found: {quote!r}")
    if haystack.find(needle, first + 1) >= 0:
        raise QuoteNotFound(f"occurs more than once, quote more of the sentence: {quote!r}")
    return first, first + len(needle)


@dataclass(frozen=True)
class PublishedStore(Store):
    """The data as the book publishes it: every table with the naming policy applied (see
    :mod:`analysis.naming`). Checks and the audit read the plain :class:`Store`, whose quotes are exact."""

    def table(self, name: str) -> pd.DataFrame:
        from .naming import WITHHELD_DETAIL, redact_frame, withheld

        frame = redact_frame(super().table(name), withheld(Store(self.root)))
        if name == "exclusions":  # the excluded words of a withheld allegation are part of its detail
            frame.loc[frame["reason"] == "unverified-allegation", ["quote", "mention"]] = WITHHELD_DETAIL
        return frame
