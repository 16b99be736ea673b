"""Adding a source: from a new article to rows in the tables, with nothing typed twice and nothing lost.

Two steps, each a command:

1. ``python -m analysis add-source FILE --outlet … --title … --published … --kind …`` checks the file,
   copies it unchanged into ``data/sources/``, registers it in ``sources.csv`` with its sha256, and writes a
   review sheet (``review/<source_id>.csv``): every numeric mention and every date expression in the
   article text, each with its sentence, offsets and a parsed guess (value, unit, qualifier; date and
   precision), and the web furniture it can detect.
2. The reporter fills in the sheet (``confirm`` = ``figure``, ``event``, ``exclusion`` or ``furniture``,
   plus the columns that table needs), then ``python -m analysis confirm review/<source_id>.csv`` moves the
   confirmed rows into the tables with new ids, quotes and offsets checked against the file.

Every write goes to a temporary file that is then renamed over the old one, and nothing is written at all
unless the whole change validates. Problems are refused with a message saying what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import tempfile
from pathlib import Path

from dateparser.search import search_dates

from .checks import validate
from .numbers import QuantityError, find_mentions, parse_quantity
from .dates import last_day, parse_date_expression
from .store import PROJECT_ROOT, Store

REVIEW_DIR = PROJECT_ROOT / "review"
KINDS = ("news", "police-statement", "advocacy", "commentary")
REVIEW_COLUMNS = [
    "item", "confirm", "found", "mention", "mention_start", "mention_end", "quote", "start", "end",
    "value", "unit", "qualifier", "date", "date_end", "date_precision",
    "what", "claimant", "kind", "topic", "period", "period_text", "event", "date_basis", "date_note", "reason", "notes",
]
# Lines that web pages carry around an article; proposed as furniture, for the reporter to confirm.
FURNITURE_PATTERNS = [
    r"skip to (main )?content", r"back to top( button)?", r"read more( from .*)?:?", r"related (articles|stories)",
    r"leave a (reply|comment)", r"(no comments|post a comment).*", r"source( link)?:?.*", r"share (this|on) .*",
    r"sign up .*", r"subscribe.*", r"advertisement", r"images?: .*", r"top stories", r"media contact",
    r"tel(ephone)?: .*", r"your email address will not be published.*", r"note: only a member of this blog.*",
]
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+|\n+")


class IntakeError(ValueError):
    """A refusal: what is wrong and what to do, with nothing written."""


def _read_new_text(path: Path) -> tuple[bytes, str, list[str]]:
    """The file's bytes and text, refusing what cannot be a source, and the warnings a reporter should see."""
    if not path.is_file():
        raise IntakeError(f"{path}: no such file")
    raw = path.read_bytes()
    if not raw.strip():
        raise IntakeError(f"{path}: the file is empty")
    if b"\x00" in raw:
        raise IntakeError(f"{path}: the file is binary (it contains NUL bytes), not text")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise IntakeError(f"{path}: the file starts with a byte-order mark. Offsets count characters from the "
                          "first byte, so the file is not changed here: save it as UTF-8 without a BOM and add it again")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise IntakeError(f"{path}: the file is not UTF-8 text (line {line}, byte {error.start}); "
                          "convert it to UTF-8 and add it again") from None
    warnings = []
    if "\r\n" in text:
        warnings.append(f"{path}: the file has Windows line endings (CRLF). They are kept as they are, since "
                        "offsets depend on the bytes; every quote must include the \\r where a line ends")
    return raw, text, warnings


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")


def _published(value: str) -> tuple[str, str]:
    """An ISO date at its precision: 2023, 2023-12 or 2023-12-15."""
    for pattern, precision, suffix in ((r"\d{4}", "year", "-01-01"), (r"\d{4}-\d{2}", "month", "-01"), (r"\d{4}-\d{2}-\d{2}", "day", "")):
        if re.fullmatch(pattern, value or ""):
            try:
                date = dt.date.fromisoformat(value + suffix)
            except ValueError:
                break
            return date.isoformat(), precision
    raise IntakeError(f"--published {value!r} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY")


def _sentences(text: str, spans: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Sentence spans (file offsets) of the article text."""
    found = []
    for offset, segment in spans:
        position = 0
        for match in list(_SENTENCE_END.finditer(segment)) + [None]:
            end = match.start() if match else len(segment)
            piece = segment[position:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                found.append((offset + position + lead, offset + position + lead + len(piece.strip())))
            position = match.end() if match else len(segment)
    return found


def _sentence_of(sentences, start: int, end: int) -> tuple[int, int]:
    return next(((a, b) for a, b in sentences if a <= start and end <= b), (start, end))


def _qualified_words(text: str, mention_start: int, mention_end: int) -> tuple[int, str]:
    """The mention with a qualifier just before it ('over 2,500'), as parse_quantity wants it."""
    before = text[max(0, mention_start - 20):mention_start]
    found = re.search(r"(more than|fewer than|less than|at least|up to|over|above|below|under|about|around|"
                      r"approximately|almost|nearly)[\s\u00a0\u202f]+$", before, re.IGNORECASE)
    if found and re.search(r"[\d£$%]\w*\s*$", before[:found.start()]):
        found = None  # "£1.5m over two years": the qualifier belongs to a period, not to this number
    start = mention_start - (len(before) - found.start()) if found else mention_start
    return start, text[start:mention_end]


def review_rows(text: str, segments: list[tuple[int, str]]) -> list[dict]:
    """Every numeric mention and date expression in the article text, and the furniture lines, as review rows."""
    sentences = _sentences(text, segments)
    rows = []
    for offset, segment in segments:
        for mention in find_mentions(segment, offset):
            start, words = _qualified_words(text, mention.start, mention.end)
            row = {"found": f"number ({mention.kind})", "mention": words, "mention_start": start, "mention_end": mention.end}
            try:
                quantity = parse_quantity(words)
                row.update(value=f"{quantity.value:g}", unit=quantity.unit or "", qualifier=quantity.qualifier)
            except QuantityError:
                row.update(value="", unit="", qualifier="")
            rows.append(row)
        for words, when in search_dates(segment, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first",
                                                                             "RETURN_AS_TIMEZONE_AWARE": False}) or []:
            position = segment.find(words)
            while position >= 0:
                stated = parse_date_expression(words)
                row = {"found": "date", "mention": words, "mention_start": offset + position,
                       "mention_end": offset + position + len(words)}
                if stated:
                    row.update(date=stated[0][0].isoformat(), date_precision=stated[0][1],
                               date_end=stated[1][0].isoformat() if len(stated) > 1 else "", date_basis="stated")
                else:
                    row.update(date=when.date().isoformat(), date_precision="day", date_basis="inferred",
                               date_note="relative expression: work out the date from the source's own date")
                rows.append(row)
                position = segment.find(words, position + 1)
    # A stated date ("in 2023") absorbs the numbers inside it; a relative one ("two years") does not.
    unique = {}
    for row in sorted(rows, key=lambda r: (r["mention_start"], r["found"] != "date")):
        key = (row["mention_start"], row["mention_end"])
        covered = any(a <= row["mention_start"] and row["mention_end"] <= b and other.get("date_basis") == "stated"
                      for (a, b), other in unique.items())
        if not covered and key not in unique:
            unique[key] = row
    for row in unique.values():
        start, end = _sentence_of(sentences, row["mention_start"], row["mention_end"])
        row.update(quote=text[start:end], start=start, end=end)
    items = sorted(unique.values(), key=lambda r: r["mention_start"])
    for match in re.finditer(r"^[ \t]*(.+?)[ \t]*\r?$", text, re.M):
        if any(re.fullmatch(pattern, match.group(1), re.IGNORECASE) for pattern in FURNITURE_PATTERNS):
            items.append({"found": "furniture?", "mention": match.group(1), "mention_start": match.start(1),
                          "mention_end": match.end(1), "quote": match.group(1), "start": match.start(1),
                          "end": match.end(1), "confirm": "furniture", "kind": "navigation",
                          "notes": "proposed: a line web pages carry around articles"})
    for number, row in enumerate(items, 1):
        row["item"] = number
    return items


def _csv_text(header: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return buffer.getvalue()


def _atomic_write(path: Path, content: bytes) -> None:
    """Write to a temporary file beside the target, then rename it over: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _commit(store: Store, changes: dict[Path, bytes]) -> None:
    """Apply changes to the data only if the whole changed data validates; each file replaced atomically."""
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / "data"
        shutil.copytree(store.root, trial)
        for path, content in changes.items():
            target = trial / path.relative_to(store.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        problems = validate(Store(trial))
        if problems:
            raise IntakeError("the change would not validate, so nothing was written:\n" +
                              "\n".join(f"  {str(p).replace(str(trial), 'data')}" for p in problems))
    # Source texts first, tables after: each file is whole at every moment.
    for path in sorted(changes, key=lambda p: p.suffix == ".csv"):
        _atomic_write(path, changes[path])


def add_source(store: Store, file: Path, outlet: str, title: str, published: str, kind: str,
               date_basis: str | None = None, url: str | None = None, source_id: str | None = None,
               short_name: str | None = None, review_dir: Path = REVIEW_DIR) -> tuple[str, Path, list[str]]:
    """Register a new source and write its review sheet. Returns (source_id, review sheet, warnings)."""
    if kind not in KINDS:
        raise IntakeError(f"--kind {kind!r} is not one of: {', '.join(KINDS)}")
    date, precision = _published(published)
    raw, text, warnings = _read_new_text(Path(file))
    sources = store.table("sources")
    digest = hashlib.sha256(raw).hexdigest()
    if digest in set(sources["sha256"]):
        existing = sources.loc[sources["sha256"] == digest, "source_id"].iloc[0]
        raise IntakeError(f"{file}: this text is already in the corpus as {existing!r} (same sha256)")
    source_id = source_id or _slug(f"{outlet} {title}")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", source_id):
        raise IntakeError(f"--source-id {source_id!r} must be lowercase letters, digits and single hyphens")
    if source_id in set(sources["source_id"]):
        raise IntakeError(f"source id {source_id!r} is taken; choose another with --source-id")
    name = f"{len(sources):03d}_{digest[:16]}.txt"
    stated = date_basis is None or date_basis.strip().lower() == "stated"
    header, rows = store.read_rows("sources")
    row = {column: "" for column in header}
    row.update(source_id=source_id, file=name, outlet=outlet, short_name=short_name or outlet, kind=kind, title=title,
               published=date, published_earliest=date, published_latest=last_day(dt.date.fromisoformat(date), precision).isoformat(),
               date_precision=precision, date_basis="stated" if stated else "inferred",
               date_note=("The text states its date." if stated else date_basis), url=url or "", sha256=digest)
    if stated:
        found = _stated_date_in(text, date, precision)
        if found is None:
            raise IntakeError(f"--published {published} is marked stated, but the text does not state that date; "
                              "give --date-basis with how the date is known")
        row.update(date_text=text[found[0]:found[1]], date_start=found[0], date_end=found[1])
    changes = {store.source_path(name): raw,
               store.table_path("sources"): _csv_text(header, [r for _, r in rows] + [row]).encode("utf-8")}
    # The outlet becomes a voice (an author of a source), so the reporter can name it as a claimant or critic.
    outlet_id = _slug(short_name or outlet)
    voice_header, voices = store.read_rows("voices")
    if outlet_id not in {r["voice_id"] for _, r in voices}:
        voice = {column: "" for column in voice_header}
        voice.update(voice_id=outlet_id, name=outlet, label=short_name or outlet, kind="outlet",
                     role="Publisher of one source", anonymous="false", notes=f"Author of source {source_id}.")
        changes[store.table_path("voices")] = _csv_text(voice_header, [r for _, r in voices] + [voice]).encode("utf-8")
    _commit(store, changes)
    review = review_dir / f"{source_id}.csv"
    sheet = review_rows(text, Store(store.root).article_segments(source_id))
    _atomic_write(review, _csv_text(REVIEW_COLUMNS, sheet).encode("utf-8"))
    return source_id, review, warnings


def _stated_date_in(text: str, date: str, precision: str) -> tuple[int, int] | None:
    for words, _ in search_dates(text, languages=["en"]) or []:
        parsed = parse_date_expression(words)
        if parsed and parsed[0][0].isoformat() == date and parsed[0][1] == precision:
            start = text.find(words)
            return start, start + len(words)
    return None


TARGETS = {"figure": ("figures", "figure_id", "F"), "event": ("events", "event_id", "E"),
           "exclusion": ("exclusions", "exclusion_id", "X"), "furniture": ("furniture", "furniture_id", "W")}


def confirm(store: Store, sheet: Path) -> dict[str, list[str]]:
    """Move the confirmed rows of a review sheet into the tables. Returns the new ids by table."""
    source_id = sheet.stem
    if source_id not in set(store.table("sources")["source_id"]):
        raise IntakeError(f"{sheet}: no source {source_id!r} in sources.csv (the sheet is named after its source)")
    text = store.source_text(source_id)
    with sheet.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        items = [(reader.line_num, row) for row in reader]
    additions: dict[str, list[dict]] = {}
    problems = []
    for line, item in items:
        choice = (item.get("confirm") or "").strip().lower()
        if not choice:
            continue
        if choice not in TARGETS:
            problems.append(f"{sheet}, line {line}, column confirm: {choice!r} is not one of {', '.join(TARGETS)}")
            continue
        start, end = int(item["start"]), int(item["end"])
        if text[start:end] != item["quote"]:
            problems.append(f"{sheet}, line {line}, column quote: the quote is not the text at {start}–{end}; "
                            "do not edit quote, start or end (delete the row and ask for a new sheet instead)")
            continue
        additions.setdefault(choice, []).append(_table_row(choice, source_id, item))
    if problems:
        raise IntakeError("nothing was written:\n" + "\n".join(f"  {p}" for p in problems))
    changes, new_ids = {}, {}
    for choice, rows in additions.items():
        table, id_column, prefix = TARGETS[choice]
        header, existing = store.read_rows(table)
        numbers = [int(r[id_column][1:]) for _, r in existing if re.fullmatch(prefix + r"\d{3}", r[id_column])]
        next_number = max(numbers, default=0) + 1
        for offset, row in enumerate(rows):
            row[id_column] = f"{prefix}{next_number + offset:03d}"
        new_ids[table] = [row[id_column] for row in rows]
        changes[store.table_path(table)] = _csv_text(header, [r for _, r in existing] + rows).encode("utf-8")
    _commit(store, changes)
    return new_ids


def _table_row(choice: str, source_id: str, item: dict) -> dict:
    anchor = {"source_id": source_id, "quote": item["quote"], "start": item["start"], "end": item["end"]}
    if choice == "figure":
        return {**anchor, "number_text": item["mention"], "value": item["value"], "unit": item["unit"],
                "qualifier": item["qualifier"], "what": item["what"], "period": item["period"],
                "period_text": item.get("period_text", ""),
                "claimant": item["claimant"], "attribution": item.get("attribution") or "stated", "kind": item["kind"], "topic": item["topic"], "notes": item["notes"]}
    if choice == "event":
        return {**anchor, "event": item["event"], "what": item["what"], "date": item["date"], "date_end": item["date_end"],
                "date_precision": item["date_precision"], "date_basis": item["date_basis"], "date_text": item["mention"],
                "date_note": item["date_note"], "corroboration_url": "", "topic": item["topic"], "notes": item["notes"]}
    if choice == "exclusion":
        return {**anchor, "mention": item["mention"], "reason": item["reason"], "notes": item["notes"]}
    # Furniture covers the line it was found on: the span, not the sentence.
    return {"source_id": source_id, "quote": item["mention"], "start": item["mention_start"], "end": item["mention_end"],
            "kind": item["kind"] or "navigation", "notes": item["notes"]}
