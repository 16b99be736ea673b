"""Scoring the add-source scanner against hand-made answer keys: recall and precision by kind.

A directory holds articles ``<name>.txt`` and their keys ``<name>.key.csv``, in the form
``docs/intake-keys.md`` sets out. :func:`score_directory` runs the scanner that writes the review sheet
(:func:`analysis.intake.review_rows`, with the key's published date as the article's date) on each
article and matches what it finds against the key: spans that overlap and agree on what is scored.
A key that cannot be read is refused with its file, line and column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .dates import PRECISIONS
from .intake import IntakeError, parse_published, review_rows
from .schema import enum
from .store import PROJECT_ROOT, DataFileError, decode_text

CORPUS_DIR = PROJECT_ROOT / "tests" / "intake_corpus"
KINDS = ("number", "date", "exclusion", "quote")
KEY_COLUMNS = ["kind", "text", "nth", "value", "date", "date_end", "precision", "basis", "reason", "speaker", "note"]
BASES = ("stated", "inferred")
# How close a found value must be to the key's: "a third" keyed as 0.3333 is the scanner's 1/3.
VALUE_TOLERANCE = 0.005
MAX_KEY_BYTES = 1024 * 1024


class AnswerKeyError(ValueError):
    """A key that cannot be scored against: where and why."""


@dataclass(frozen=True)
class KeyRow:
    """One thing a key says the article holds: its kind, where it stands, and what is scored."""

    kind: str
    start: int
    end: int
    text: str
    line: int
    value: float | None = None
    date: str = ""
    date_end: str = ""
    precision: str = ""
    basis: str = ""
    reason: str = ""
    speaker: str = ""


@dataclass
class Tally:
    """Matches of one kind: key rows found, found rows right, and what was missed or wrong."""

    key: int = 0
    found: int = 0
    matched: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.key if self.key else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    def add(self, other: Tally) -> None:
        self.key += other.key
        self.found += other.found
        self.matched += other.matched
        self.missed += other.missed
        self.wrong += other.wrong


def _kind_of(row: dict) -> str | None:
    """Which kind a review-sheet row is scored as (None for furniture)."""
    found = row.get("found", "")
    if found.startswith("number"):
        return "number"
    if found == "date":
        return "date"
    if found == "exclusion?":
        return "exclusion"
    if found.startswith("quote"):
        return "quote"
    return None


def speaker_words(name: str) -> set[str]:
    """A speaker's words for comparing: lowercase, without punctuation or a leading article."""
    words = re.findall(r"[\w’']+", name.lower().replace("’", "'"))
    words = [w.strip("'") for w in words]
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return {w for w in words if w}


def same_speaker(key: str, found: str) -> bool:
    """Whether the found speaker names the key's: one's words all among the other's; empty only with empty."""
    key_words, found_words = speaker_words(key), speaker_words(found)
    if not key_words or not found_words:
        return not key_words and not found_words
    return key_words <= found_words or found_words <= key_words


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def agrees(key: KeyRow, row: dict) -> bool:
    """Whether a found row of the key row's kind says what the key says."""
    if key.kind == "number":
        value = _float(row.get("value", ""))
        return value is not None and abs(value - key.value) <= VALUE_TOLERANCE * abs(key.value)
    if key.kind == "date":
        return ((row.get("date") or "", row.get("date_end") or "", row.get("date_precision") or "", row.get("date_basis") or "")
                == (key.date, key.date_end, key.precision, key.basis))
    if key.kind == "exclusion":
        return (row.get("reason") or "") == key.reason
    return same_speaker(key.speaker, row.get("speaker") or "")


def _overlap(key: KeyRow, row: dict) -> int:
    return min(key.end, int(row["mention_end"])) - max(key.start, int(row["mention_start"]))


def _describe(row: dict) -> str:
    said = {"number": row.get("value"), "date": f"{row.get('date')} {row.get('date_end') or ''} {row.get('date_precision')} "
                                               f"{row.get('date_basis')}".replace("  ", " "),
            "exclusion": row.get("reason"), "quote": f"speaker {row.get('speaker')!r}"}[_kind_of(row)]
    return f"{row['mention']!r} at {row['mention_start']} → {said}"


def _key_said(key: KeyRow) -> str:
    said = {"number": f"{key.value:g}" if key.value is not None else "", "exclusion": key.reason,
            "date": f"{key.date} {key.date_end} {key.precision} {key.basis}".replace("  ", " "),
            "quote": f"speaker {key.speaker!r}"}[key.kind]
    return f"{key.text!r} at {key.start} (key line {key.line}) → {said}"


def score_article(keys: list[KeyRow], rows: list[dict]) -> dict[str, Tally]:
    """Match one article's found rows against its key, kind by kind."""
    tallies = {kind: Tally() for kind in KINDS}
    found = [row for row in rows if _kind_of(row)]
    used: set[int] = set()
    for key in keys:
        tallies[key.kind].key += 1
        candidates = [(i, row) for i, row in enumerate(found)
                      if i not in used and _kind_of(row) == key.kind and _overlap(key, row) > 0 and agrees(key, row)]
        if candidates:
            index, _ = max(candidates, key=lambda pair: _overlap(key, pair[1]))
            used.add(index)
            tallies[key.kind].matched += 1
        else:
            near = [row for row in found if _overlap(key, row) > 0]
            tallies[key.kind].missed.append(_key_said(key) + (f"; found {'; '.join(_describe(r) for r in near)}" if near else "; not found"))
    for index, row in enumerate(found):
        tallies[_kind_of(row)].found += 1
        if index not in used:
            tallies[_kind_of(row)].wrong.append(_describe(row))
    return tallies


def _locate(text: str, words: str, nth: int) -> int | None:
    """Where the nth occurrence of words starts in text, or None."""
    position = -1
    for _ in range(nth):
        position = text.find(words, position + 1)
        if position < 0:
            return None
    return position


def _check(path: Path, line: int, column: str, ok: bool, message: str) -> None:
    if not ok:
        raise AnswerKeyError(f"{path}, line {line}, column {column}: {message}")


def _date(path: Path, line: int, column: str, value: str, required: bool) -> str:
    if not value and not required:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise AnswerKeyError(f"{path}, line {line}, column {column}: {value!r} is not a date (YYYY-MM-DD)") from None


def _key_row(path: Path, line: int, cells: dict, text: str) -> KeyRow:
    """One key line as a KeyRow, refusing what the format does not allow."""
    kind = cells["kind"]
    _check(path, line, "kind", kind in KINDS, f"{kind!r} is not one of published, {', '.join(KINDS)}")
    words = cells["text"]
    _check(path, line, "text", bool(words), "the words are empty")
    nth = cells["nth"].strip() or "1"
    _check(path, line, "nth", nth.isdigit() and int(nth) >= 1, f"{cells['nth']!r} is not a whole number from 1")
    start = _locate(text, words, int(nth))
    _check(path, line, "text", start is not None, f"{words!r} does not occur {nth} time{'s' if nth != '1' else ''} in the article")
    fields = {"kind": kind, "start": start, "end": start + len(words), "text": words, "line": line}
    if kind == "number":
        value = _float(cells["value"])
        _check(path, line, "value", value is not None, f"{cells['value']!r} is not a number")
        fields["value"] = value
    elif kind == "date":
        fields["date"] = _date(path, line, "date", cells["date"], True)
        fields["date_end"] = _date(path, line, "date_end", cells["date_end"], False)
        _check(path, line, "precision", cells["precision"] in PRECISIONS, f"{cells['precision']!r} is not one of {', '.join(PRECISIONS)}")
        _check(path, line, "basis", cells["basis"] in BASES, f"{cells['basis']!r} is not one of {', '.join(BASES)}")
        fields.update(precision=cells["precision"], basis=cells["basis"])
    elif kind == "exclusion":
        reasons = enum("exclusions", "reason")
        _check(path, line, "reason", cells["reason"] in reasons, f"{cells['reason']!r} is not one of {', '.join(reasons)}")
        fields["reason"] = cells["reason"]
    else:
        fields["speaker"] = cells["speaker"]
    return KeyRow(**fields)


def read_key(path: Path, text: str) -> tuple[tuple[dt.date, str], list[KeyRow]]:
    """An answer key: the article's published date (date, precision) and its rows, located in the text."""
    raw = _read_bytes(path, MAX_KEY_BYTES)
    try:
        content = decode_text(path, raw)
    except DataFileError as error:
        raise AnswerKeyError(str(error)) from None
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        header = next(reader, None)
        _check(path, 1, "kind", header == KEY_COLUMNS, f"the header must be {','.join(KEY_COLUMNS)}")
        published, rows = None, []
        for values in reader:
            line = reader.line_num
            if not any(values):
                continue
            _check(path, line, header[min(len(values), len(header)) - 1], len(values) == len(header),
                   f"the row has {len(values)} cells, the header {len(header)}")
            cells = dict(zip(header, values))
            if cells["kind"] == "published":
                _check(path, line, "kind", published is None and not rows, "the published row must come first, once")
                try:
                    iso, precision = parse_published(cells["date"])
                except IntakeError as error:
                    raise AnswerKeyError(f"{path}, line {line}, column date: {error}") from None
                published = (dt.date.fromisoformat(iso), precision)
                continue
            _check(path, line, "kind", published is not None, "the first row must be kind=published, with the article's date")
            rows.append(_key_row(path, line, cells, text))
    except csv.Error as error:
        raise AnswerKeyError(f"{path}, line {reader.line_num}: not well-formed CSV ({error})") from None
    _check(path, 1, "kind", published is not None, "no published row: the first row gives the article's date")
    return published, rows


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise AnswerKeyError(f"{path}: {size:,} bytes is over the limit of {limit:,}")
        return path.read_bytes()
    except OSError as error:
        raise AnswerKeyError(f"{path}: cannot be read ({error.strerror or error})") from None


@dataclass
class Score:
    """A directory's scores: the tallies by kind, in total and by article."""

    total: dict[str, Tally]
    articles: dict[str, dict[str, Tally]]


def score_directory(directory: Path, scan: Callable[[str, tuple[dt.date, str]], list[dict]] | None = None) -> Score:
    """Score the scanner on every article of a directory that has a key."""
    directory = Path(directory)
    scan = scan or (lambda text, published: review_rows(text, [(0, text)], published))
    articles = sorted(directory.glob("*.txt"))
    if not articles:
        raise AnswerKeyError(f"{directory}: no articles (*.txt) to score")
    total = {kind: Tally() for kind in KINDS}
    by_article = {}
    for article in articles:
        key_path = article.with_suffix(".key.csv")
        if not key_path.is_file():
            raise AnswerKeyError(f"{article}: no answer key {key_path.name} beside it")
        try:
            text = decode_text(article, _read_bytes(article, 1024 * 1024))
        except DataFileError as error:
            raise AnswerKeyError(str(error)) from None
        published, keys = read_key(key_path, text)
        tallies = score_article(keys, scan(text, published))
        by_article[article.stem] = tallies
        for kind in KINDS:
            total[kind].add(tallies[kind])
    return Score(total, by_article)


def score_table(score: Score) -> str:
    """The scores as a small text table: kind, key rows, found rows, matched, recall, precision."""
    lines = [f"{'kind':<10} {'key':>5} {'found':>5} {'right':>5} {'recall':>7} {'precision':>9}"]
    for kind in KINDS:
        t = score.total[kind]
        lines.append(f"{kind:<10} {t.key:>5} {t.found:>5} {t.matched:>5} {t.recall:>7.1%} {t.precision:>9.1%}")
    return "\n".join(lines)
