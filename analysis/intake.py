"""Adding a source: from a new article to rows in the tables, with nothing typed twice and nothing lost.

Two steps, each a command:

1. ``python -m analysis add-source FILE --outlet … --title … --published … --kind …`` checks the file,
   copies it unchanged into ``data/sources/``, registers it in ``sources.csv`` with its sha256, and writes a
   review sheet (``review/<source_id>.csv``): every number, date and proposed exclusion the scanner
   (:mod:`analysis.scan`) finds in the article text, each with its sentence, offsets and reading (value,
   unit, qualifier; date, precision and basis, relative dates resolved from ``--published``; the reason
   a number is not a quantity), and the web furniture it can detect.
2. The reporter fills in the sheet (``confirm`` = ``figure``, ``event``, ``exclusion`` or ``furniture``,
   plus the columns that table needs), then ``python -m analysis confirm review/<source_id>.csv`` moves the
   confirmed rows into the tables with new ids, quotes and offsets checked against the file.

Each command is all or nothing (see :mod:`analysis.transaction`): the change to ``data/`` and the review sheet
are staged and validated first, committed by one rename, then applied; a command killed at any point leaves
the data wholly old or wholly new once the next command has recovered it. Running ``confirm`` twice adds
nothing the second time. Problems are refused with a message saying what to do and where, with nothing
written. An article is at most ``MAX_ARTICLE_BYTES`` long, a review sheet at most ``MAX_SHEET_BYTES``.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import datetime as dt
import io
import os
import re
import secrets
import unicodedata
from pathlib import Path

from .checks import validate
from .dates import last_day
from .escape import csv_document, safe_url
from .quotes import find_quotations
from .scan import scan
from .schema import Table, enum, table_of_row, tables
from .store import PROJECT_ROOT, DataFileError, Store, decode_text, sha256_hex, shown_path
from .transaction import Transaction, write_file

REVIEW_DIR = PROJECT_ROOT / "review"
REVIEW_COLUMNS = [
    "item", "confirm", "found", "found_note", "mention", "mention_start", "mention_end", "quote", "start", "end",
    "value", "unit", "qualifier", "date", "date_end", "date_precision",
    "what", "claimant", "kind", "topic", "period", "period_text", "event", "date_basis", "date_note", "reason", "notes",
    # A quotation's speaker, as found (analysis.quotes), and what a critique, reply or voice needs besides.
    "speaker", "speaker_start", "speaker_end", "voice_id", "criticism", "attribution", "role", "target_kind",
    "target_measure", "target", "theme", "relation", "voice_kind", "voice_role", "label", "anonymous", "affiliation",
]
# Lines that web pages carry around an article; proposed as furniture, for the reporter to confirm.
FURNITURE_PATTERNS = [
    r"skip to (main )?content", r"back to top( button)?", r"related (articles|stories)",
    r"leave a (reply|comment)", r"(no comments|post a comment).*", r"source( link)?:?.*", r"share (this|on) .*",
    r"sign up .*", r"subscribe.*", r"advertisement", r"images?: .*", r"top stories", r"media contact",
    r"tel(ephone)?: .*", r"your email address will not be published.*", r"note: only a member of this blog.*",
    r"read more(:? .*|:)?", r"related topics:? .*", r"(©|copyright\b).*", r"[^|]+( \| [^|]+){2,}",
]
# Far above a real article (the corpus's five run from 3.6 to 12 KB); the scanner reads this much in about a second.
MAX_ARTICLE_BYTES = 128 * 1024
MAX_SHEET_BYTES = 16 * 1024 * 1024
# A quote longer than this is not a sentence (a page without full stops): the review sheet quotes a window.
MAX_QUOTE_CHARS = 600
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+|\n+")


class IntakeError(ValueError):
    """A refusal: what is wrong and what to do, with nothing written."""


def _read_new_text(path: Path) -> tuple[bytes, str, list[str]]:
    """The file's bytes and text, refusing what cannot be a source, and the warnings a reporter should see."""
    try:
        info = path.stat()
    except OSError as error:
        raise IntakeError(f"{path}: cannot be read ({error.strerror or error})") from None
    if not path.is_file():
        raise IntakeError(f"{path}: not a file")
    if info.st_size > MAX_ARTICLE_BYTES:
        raise IntakeError(f"{path}: the file is {info.st_size:,} bytes; an article may be at most "
                          f"{MAX_ARTICLE_BYTES:,} bytes ({MAX_ARTICLE_BYTES // 1024} KB). Real articles are far smaller: "
                          "check that this is one article's text")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise IntakeError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(raw) > MAX_ARTICLE_BYTES:  # it grew after the check
        raise IntakeError(f"{path}: the file is over the limit of {MAX_ARTICLE_BYTES:,} bytes for an article")
    try:
        text = decode_text(path, raw)
    except DataFileError as error:
        # Offsets count characters from the first byte, so the file is never converted here.
        raise IntakeError(f"{error}; save the article as UTF-8 text (without a byte-order mark) and add it again") from None
    if not text.strip():
        raise IntakeError(f"{path}: the file is empty (it holds only spaces and line breaks)")
    warnings = []
    if "\r\n" in text:
        warnings.append(f"{path}: the file has Windows line endings (CRLF). They are kept as they are, since "
                        "offsets depend on the bytes; every quote must include the \\r where a line ends")
    return raw, text, warnings


def _slug(text: str) -> str:
    """A lowercase ASCII slug; accents are dropped (Café → cafe), letters without a Latin form are left out."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")


def parse_published(value: str) -> tuple[str, str]:
    """An ISO date at its precision: 2023, 2023-12 or 2023-12-15."""
    for pattern, precision, suffix in ((r"\d{4}", "year", "-01-01"), (r"\d{4}-\d{2}", "month", "-01"), (r"\d{4}-\d{2}-\d{2}", "day", "")):
        if re.fullmatch(pattern, value or ""):
            try:
                date = dt.date.fromisoformat(value + suffix)
            except ValueError:
                break
            if not 1900 <= date.year <= 2099:
                raise IntakeError(f"--published {value!r} is not a year this report's sources can have (1900 to 2099)")
            return date.isoformat(), precision
    raise IntakeError(f"--published {value!r} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY")


def _url(value: str | None) -> str:
    """A web address, http or https only: one the book will show as a link exactly as given."""
    if not value:
        return ""
    if safe_url(value) != value.strip():
        raise IntakeError(f"--url {value!r} is not a web address: give the http:// or https:// address the article "
                          "was published at, with its host, and no spaces, quotes or angle brackets (other schemes, "
                          "such as javascript:, data: or file:, are refused)")
    return value.strip()


def _sentences(text: str, spans: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Sentence spans (file offsets) of the article text, in order and not overlapping."""
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
    return sorted(found)


def _sentence_of(sentences, starts, start: int, end: int) -> tuple[int, int]:
    """The sentence holding the span (by bisection), or the span itself; a window of it if it is too long."""
    index = bisect.bisect_right(starts, start) - 1
    a, b = sentences[index] if index >= 0 and sentences[index][1] >= end else (start, end)
    if b - a > MAX_QUOTE_CHARS:
        room = max(0, (MAX_QUOTE_CHARS - (end - start)) // 2)
        a, b = max(a, start - room), min(b, end + room)
    return a, b


def review_rows(text: str, segments: list[tuple[int, str]], published: tuple[dt.date, str],
                found: list[dict] | None = None) -> list[dict]:
    """The review sheet's rows: numbers, dates, exclusions and quotations with their sentences, and the furniture lines.

    ``published`` is the article's date and precision: every relative date is resolved from it. ``found`` is
    the scanner's rows if they were already made (add-source reads the published date's place from them).
    """
    items = scan(text, segments, published) if found is None else [dict(row) for row in found]
    # How the finder read a quotation goes beside "found"; notes are the reporter's, for the table.
    items += [{**row, "found_note": row.pop("notes", "")} for row in find_quotations(text, segments)]
    sentences = _sentences(text, segments)
    starts = [a for a, _ in sentences]
    for row in items:
        start, end = _quote_once(text, _sentence_of(sentences, starts, row["mention_start"], row["mention_end"]),
                                 row["mention_start"], row["mention_end"])
        row.update(quote=text[start:end], start=start, end=end)
    items.sort(key=lambda r: r["mention_start"])
    for match in re.finditer(r"^[ \t]*(.+?)[ \t]*\r?$", text, re.M):
        if len(match.group(1)) <= 200 and any(re.fullmatch(pattern, match.group(1), re.IGNORECASE) for pattern in FURNITURE_PATTERNS):
            items.append({"found": "furniture?", "mention": match.group(1), "mention_start": match.start(1),
                          "mention_end": match.end(1), "quote": match.group(1), "start": match.start(1),
                          "end": match.end(1), "confirm": "furniture", "kind": "navigation",
                          "found_note": "a line web pages carry around articles"})
    for number, row in enumerate(items, 1):
        row["item"] = number
    return items


def _quote_once(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The sentence, or the part of it from or to the mention, in which the mention's words stand once.

    A row's words must occur exactly once in its quote ("24" in "open 24 hours a day on 0808 2000 247" does not).
    """
    words = text[start:end]
    for a, b in (sentence, (start, sentence[1]), (sentence[0], end)):
        if a <= start and end <= b and text[a:b].count(words) == 1:
            return a, b
    return start, end


def _csv_text(header: list[str], rows: list[dict]) -> str:
    return csv_document([header, *([row.get(column) for column in header] for row in rows)])


def _atomic_write(path: Path, content: bytes) -> None:
    """Write to a new file beside the target (normal permissions), then rename it over: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        write_file(temporary, content)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _validated(store: Store, tx: Transaction, origins: dict[str, str] | None = None) -> None:
    """Refuse the change unless the whole staged data validates; a new row's problem says where it came from."""
    problems = validate(Store(tx.tree))
    if problems:
        # Named as the files will be once the change is made: data/sources.csv, not the staged copy's path.
        staged, real = shown_path(tx.tree), shown_path(store.root)
        problems = [dataclasses.replace(p, file=real + p.file[len(staged):]) if p.file.startswith(staged) else p
                    for p in problems]
        # A staged row's problem is named by its table line, which the reporter cannot see: add the sheet line.
        staged_store, came_from = Store(tx.tree), {}
        for table in tables(store).values() if origins else ():
            if Path(staged_store.table_path(table.name)).exists():
                for line, row in staged_store.read_rows(table.name)[1]:
                    if row.get(table.key) in origins:
                        came_from[(shown_path(store.table_path(table.name)), line)] = origins[row[table.key]]
        raise IntakeError("the change would not validate, so nothing was written:\n" + "\n".join(
            f"  {p}" + (f" (the row confirmed at {came_from[(p.file, p.line)]})" if (p.file, p.line) in came_from else "")
            for p in problems))


def _review_target(review_dir: Path, source_id: str, data_root: Path) -> Path:
    """The review sheet's path, its folder made; refused if the folder cannot hold it or is inside the data."""
    review = Path(review_dir) / f"{source_id}.csv"
    if Path(os.path.realpath(review_dir)).is_relative_to(os.path.realpath(data_root)):
        raise IntakeError(f"the review folder {review_dir} is inside the data directory {data_root}, where every file "
                          "is part of the data package; give another folder with --review-dir")
    try:
        Path(review_dir).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise IntakeError(f"the review folder {review_dir} cannot be made ({error.strerror or error}), so nothing was "
                          "written; give a folder that can be written with --review-dir") from None
    if not os.access(review_dir, os.W_OK | os.X_OK):
        raise IntakeError(f"the review folder {review_dir} cannot be written, so nothing was written; "
                          "give a folder that can be written with --review-dir")
    if os.path.lexists(review) and not review.is_file():
        raise IntakeError(f"{review} is in the way of the review sheet (it is not a file), so nothing was written; "
                          "move it away and add the source again")
    return review


def add_source(store: Store, file: Path, outlet: str, title: str, published: str, kind: str,
               date_basis: str | None = None, url: str | None = None, source_id: str | None = None,
               short_name: str | None = None, review_dir: Path = REVIEW_DIR) -> tuple[str, Path, list[str]]:
    """Register a new source and write its review sheet, all or nothing. Returns (source_id, review sheet, warnings)."""
    kinds = enum("sources", "kind", store)
    if kind not in kinds:
        raise IntakeError(f"--kind {kind!r} is not one of: {', '.join(kinds)}")
    for option, value in (("--outlet", outlet), ("--title", title)):
        if not (value or "").strip():
            raise IntakeError(f"{option} is empty: say who published the article and its headline")
    date, precision = parse_published(published)
    article_date = (dt.date.fromisoformat(date), precision)
    url = _url(url)
    if source_id is None:
        source_id = _slug(f"{outlet} {title}")
        if not source_id:
            raise IntakeError(f"cannot make a source id from --outlet {outlet!r} and --title {title!r}: they have no "
                              "Latin letters or digits. Give one with --source-id (lowercase letters, digits and single "
                              "hyphens, e.g. --source-id outlet-refuge-funding)")
    elif not re.fullmatch(tables(store)["sources"].patterns["source_id"], source_id):
        raise IntakeError(f"--source-id {source_id!r} must be lowercase letters, digits and single hyphens")
    stated = date_basis is None or date_basis.strip().lower() == "stated"
    if stated and precision != "day":
        raise IntakeError(f"--published {published} is a {precision}, but a date stated in the text is a day: give the day "
                          f"the text states (YYYY-MM-DD), or give --date-basis saying how the {precision} is known")
    raw, text, warnings = _read_new_text(Path(file))
    digest = sha256_hex(raw)
    with Transaction(store.root, f"add-source {source_id}") as tx:
        sources = store.table("sources")
        if digest in set(sources["sha256"]):
            existing = sources.loc[sources["sha256"] == digest, "source_id"].iloc[0]
            review = Path(review_dir) / f"{existing}.csv"
            if existing == source_id and not os.path.lexists(review):
                # Added before, but its sheet was never written (the review folder failed): write it now.
                review = _review_target(review_dir, existing, store.root)
                known = next(r for _, r in store.read_rows("sources")[1] if r["source_id"] == existing)
                sheet = review_rows(text, store.article_segments(existing),
                                    (dt.date.fromisoformat(known["published"]), known["date_precision"]))
                try:
                    _atomic_write(review, _csv_text(REVIEW_COLUMNS, sheet).encode("utf-8"))
                except OSError as error:
                    raise IntakeError(f"{review}: the review sheet cannot be written ({error.strerror or error})") from None
                warnings.append(f"{file}: already in the corpus as {existing!r}, without a review sheet: only the sheet "
                                "was written now (data/ is unchanged)")
                return existing, review, warnings
            raise IntakeError(f"{file}: this text is already in the corpus as {existing!r} (same sha256)"
                              + (f"; its review sheet is {review}" if existing == source_id else ""))
        if source_id in set(sources["source_id"]):
            raise IntakeError(f"source id {source_id!r} is taken; choose another with --source-id")
        review = _review_target(review_dir, source_id, store.root)
        if review.exists():
            raise IntakeError(f"{review} already exists (a sheet from an earlier attempt?), so nothing was written; "
                              "move it away or choose another --source-id")
        found = scan(text, [(0, text)], article_date)
        name = f"{len(sources):03d}_{digest[:16]}.txt"
        header, rows = store.read_rows("sources")
        row = {column: "" for column in header}
        row.update(source_id=source_id, file=name, outlet=outlet, short_name=short_name or outlet, kind=kind, title=title,
                   published=date, published_earliest=date, published_latest=last_day(dt.date.fromisoformat(date), precision).isoformat(),
                   date_precision=precision, date_basis="stated" if stated else "inferred",
                   date_note=("The text states its date." if stated else date_basis), url=url, sha256=digest)
        if stated:
            place = next(((r["mention_start"], r["mention_end"]) for r in found if r["found"] == "date"
                          and r.get("date_basis") == "stated" and r["date"] == date and r["date_precision"] == precision), None)
            if place is None:
                raise IntakeError(f"--published {published} is marked stated, but the text does not state that date; "
                                  "give --date-basis with how the date is known")
            row.update(date_text=text[place[0]:place[1]], date_start=place[0], date_end=place[1])
        tx.stage(store.source_path(name), raw)
        tx.stage(store.table_path("sources"), _csv_text(header, [r for _, r in rows] + [row]).encode("utf-8"))
        # The outlet becomes a voice (an author of a source), so the reporter can name it as a claimant or critic.
        outlet_id = _slug(short_name or outlet) or f"outlet-{source_id}"
        voice_header, voices = store.read_rows("voices")
        if outlet_id not in {r["voice_id"] for _, r in voices}:
            voice = {column: "" for column in voice_header}
            voice.update(voice_id=outlet_id, name=outlet, label=short_name or outlet, kind="outlet",
                         role="Publisher of one source", anonymous="false", notes=f"Author of source {source_id}.")
            tx.stage(store.table_path("voices"), _csv_text(voice_header, [r for _, r in voices] + [voice]).encode("utf-8"))
        _validated(store, tx)
        segments = Store(tx.tree).article_segments(source_id)
        sheet = review_rows(text, segments, article_date, found if segments == [(0, text)] else None)
        try:
            tx.stage_outside(review, _csv_text(REVIEW_COLUMNS, sheet).encode("utf-8"))
        except OSError as error:
            raise IntakeError(f"the review sheet {review} cannot be written ({error.strerror or error}), so nothing was "
                              "written; give a folder that can be written with --review-dir") from None
        problems = tx.commit()
    if problems:
        raise IntakeError(f"{source_id!r} was added to data/, but its review sheet could not be moved into place "
                          f"({'; '.join(problems)}). Make {review_dir} writable and run the same add-source command "
                          "again: it writes only the sheet")
    return source_id, review, warnings


# What a review sheet's row may be confirmed as (what a row of its table is called: figure, of figures.csv),
# each with what makes a confirmed row the same as one already in its table: the words it points at and
# what it says. _table_row builds each one's row.
SAME_ROW = {"figure": ("number_text", "what"), "event": ("date_text", "what"), "exclusion": ("mention",),
            "critique": ("criticism", "critic"), "reply": ("criticism", "speaker"), "voice": ("voice_id",), "furniture": ()}
# The rows a quotation confirms into: each table column and the sheet column it is taken from. A critique and a
# reply stand on the quoted words (mention), a voice on the words naming its speaker (speaker_start, speaker_end);
# the voice a critique or reply names is voice_id, or else the slug of the speaker.
QUOTE_COLUMNS = {
    "critique": {"criticism": "criticism", "critic": "voice_id", "critic_as_named": "speaker", "attribution": "attribution",
                 "role": "role", "target_measure": "target_measure", "target_kind": "target_kind", "target": "target",
                 "theme": "theme", "notes": "notes"},
    "reply": {"criticism": "criticism", "speaker": "voice_id", "relation": "relation", "notes": "notes"},
    "voice": {"voice_id": "voice_id", "name": "speaker", "label": "label", "kind": "voice_kind", "role": "voice_role",
              "anonymous": "anonymous", "affiliation": "affiliation", "notes": "notes"},
}
# What the reporter must fill for each (sheet columns); the rest have defaults (attribution stated, role critic,
# label the speaker, voice_id the speaker's slug).
QUOTE_REQUIRED = {"critique": ("criticism", "speaker", "target_kind", "target", "theme"),
                  "reply": ("criticism", "relation"), "voice": ("speaker", "voice_kind", "voice_role", "anonymous")}
QUOTE_DEFAULTS = {"critique": {"attribution": "stated", "role": "critic"}, "reply": {}, "voice": {}}
_NOT_A_NAME = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "you", "its", "their"}


def targets(store: Store) -> dict[str, Table]:
    """The tables a review sheet's rows can be confirmed into, by the word the confirm column takes."""
    return {choice: table_of_row(choice, store) for choice in SAME_ROW}


def read_sheet(sheet: Path) -> list[tuple[int, dict]]:
    """A review sheet's rows with the line each starts on, refusing a sheet that cannot be read as one."""
    sheet = Path(sheet)
    try:
        info = sheet.stat()
    except OSError as error:
        raise IntakeError(f"{sheet}: cannot be read ({error.strerror or error}); give the sheet add-source wrote, "
                          "review/<source_id>.csv") from None
    if not sheet.is_file():
        raise IntakeError(f"{sheet}: not a file; give the sheet add-source wrote, review/<source_id>.csv")
    if info.st_size > MAX_SHEET_BYTES:
        raise IntakeError(f"{sheet}: the file is {info.st_size:,} bytes; a review sheet may be at most {MAX_SHEET_BYTES:,}")
    try:
        raw = sheet.read_bytes()
    except OSError as error:
        raise IntakeError(f"{sheet}: cannot be read ({error.strerror or error})") from None
    try:
        text = decode_text(sheet, raw, allow_nul=True)
    except DataFileError as error:  # a byte-order mark: a spreadsheet saved it as "UTF-8 with BOM"
        raise IntakeError(f"{error} (a review sheet is plain UTF-8 CSV, as add-source wrote it)") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, line = [], 1
    try:
        header = next(reader, None)
        if header is None:
            raise IntakeError(f"{sheet}: the file is empty; give the sheet add-source wrote")
        line = reader.line_num + 1
        missing = [column for column in REVIEW_COLUMNS if column not in header]
        if missing:
            raise IntakeError(f"{sheet}, line 1, column {missing[0]}: the column is missing from the header "
                              f"(missing: {', '.join(missing)}); keep every column add-source wrote")
        duplicated = sorted({column for column in header if header.count(column) > 1})
        if duplicated:
            raise IntakeError(f"{sheet}, line 1, column {duplicated[0]}: the column appears more than once")
        csv.field_size_limit(max(csv.field_size_limit(), MAX_SHEET_BYTES))
        for values in reader:
            if values and len(values) != len(header):
                raise IntakeError(f"{sheet}, line {line}: the row has {len(values)} cells, the header {len(header)}; "
                                  "a cell holding a comma must be in double quotes")
            if values:
                rows.append((line, dict(zip(header, values))))
            line = reader.line_num + 1
    except csv.Error as error:
        raise IntakeError(f"{sheet}, line {line}: the file is not well-formed CSV ({error}); an unterminated "
                          "double quote is the usual cause") from None
    return rows


def _whole_number(sheet: Path, line: int, item: dict, column: str, limit: int) -> int:
    """An offset from the sheet: a whole number from 0 to the length of the text."""
    value = item[column].strip()
    if not re.fullmatch(r"\d+", value):
        raise IntakeError(f"{sheet}, line {line}, column {column}: {item[column]!r} is not a whole number"
                          + (" (it is empty)" if not value else "") + "; do not edit quote, start or end")
    if int(value) > limit:
        raise IntakeError(f"{sheet}, line {line}, column {column}: {value} is past the end of the text ({limit} characters)")
    return int(value)


def _same_key(choice: str, row: dict) -> tuple:
    """What identifies a confirmed row in its table (see SAME_ROW)."""
    return (row["source_id"], str(row["start"]), str(row["end"])) + tuple(str(row[c]) for c in SAME_ROW[choice])


def confirm(store: Store, sheet: Path) -> dict[str, dict[str, list[str]]]:
    """Move the confirmed rows of a review sheet into the tables, all or nothing, each row once.

    Returns {"added": new ids by table, "already": ids by table of rows that were confirmed before}.
    """
    sheet = Path(sheet)
    items = read_sheet(sheet)
    source_id = sheet.stem
    with Transaction(store.root, f"confirm {sheet.name}") as tx:
        if source_id not in set(store.table("sources")["source_id"]):
            raise IntakeError(f"{sheet}: no source {source_id!r} in sources.csv (the sheet is named after its source)")
        text = store.source_text(source_id)
        tables = targets(store)
        additions: dict[str, list[tuple[int, dict]]] = {}  # by choice: (sheet line, table row)
        problems = []
        quoted: list[tuple[int, str, dict]] = []  # critiques, replies and voices, checked once all are known
        for line, item in items:
            # One row may be confirmed as several things at once: "voice+critique".
            choices = [c.strip() for c in (item.get("confirm") or "").strip().lower().split("+")]
            if choices == [""]:
                continue
            unknown = [c for c in choices if c not in tables]
            if unknown:
                problems.append(f"{sheet}, line {line}, column confirm: {unknown[0]!r} is not one of {', '.join(tables)}"
                                + (" (join several with +, e.g. voice+critique)" if len(choices) > 1 else ""))
                continue
            if "voice" in choices and not (item.get("speaker_start") or "").strip():
                problems.append(f"{sheet}, line {line}, column confirm: this row ({item.get('found') or 'a row'}) names no "
                                "speaker; confirm a voice on a quotation row whose speaker the text names")
                continue
            columns = ["start", "end"]
            if "furniture" in choices or {"critique", "reply"} & set(choices):
                columns += ["mention_start", "mention_end"]
            if "voice" in choices:
                columns += ["speaker_start", "speaker_end"]
            try:
                offsets = dict(zip(columns, (_whole_number(sheet, line, item, column, len(text)) for column in columns)))
            except IntakeError as error:
                problems.append(str(error))
                continue
            start, end = offsets["start"], offsets["end"]
            item = {**item, **{column: str(value) for column, value in offsets.items()}}
            if start > end:
                problems.append(f"{sheet}, line {line}, column start: {start} is after end ({end})")
                continue
            if text[start:end] != item["quote"]:
                problems.append(f"{sheet}, line {line}, column quote: the quote is not the text at {start}–{end}; "
                                "do not edit quote, start or end (delete the row and ask for a new sheet instead)")
                continue
            for choice in choices:
                if choice in QUOTE_COLUMNS:
                    quoted.append((line, choice, item))
                else:
                    additions.setdefault(choice, []).append((line, _table_row(choice, source_id, item)))
        voice_ids = {row["voice_id"] for _, row in store.read_rows("voices")[1]}
        voice_ids |= {_voice_id(item) for _, choice, item in quoted if choice == "voice"}
        for line, choice, item in quoted:
            found = _quote_problems(store, sheet, line, choice, item, text, voice_ids, tables[choice])
            if found:
                problems += found
            else:
                additions.setdefault(choice, []).append((line, _table_row(choice, source_id, {**item, "text": text})))
        if problems:
            raise IntakeError("nothing was written:\n" + "\n".join(f"  {p}" for p in problems))
        new_ids: dict[str, list[str]] = {}
        already: dict[str, list[str]] = {}
        sheet_lines: dict[str, int] = {}  # a new row's id: the sheet line it was confirmed on
        for choice, rows in additions.items():
            target = tables[choice]
            table, id_column = target.name, target.key
            header, existing = store.read_rows(table)
            known = {_row_key(choice, r): r[id_column] for _, r in existing}
            fresh, lines = [], []
            for line, row in rows:
                key = _row_key(choice, row)
                if key in known:
                    if known[key] is not None:
                        already.setdefault(table, []).append(known[key])
                else:
                    known[key] = None  # the same row twice in one sheet is added once
                    fresh.append(row)
                    lines.append(line)
            if not fresh:
                continue
            if target.id_prefix is not None:  # numbered ids (F001); a voice's id is its slug, given
                numbers = [target.id_number(r[id_column]) for _, r in existing]
                next_number = max((n for n in numbers if n is not None), default=0) + 1
                for offset, row in enumerate(fresh):
                    row[id_column] = target.row_id(next_number + offset)
            new_ids[table] = [row[id_column] for row in fresh]
            sheet_lines.update({row[id_column]: line for row, line in zip(fresh, lines)})
            tx.stage(store.table_path(table), _csv_text(header, [r for _, r in existing] + fresh).encode("utf-8"))
        if new_ids:
            _validated(store, tx, {row_id: f"{sheet}, line {line}" for row_id, line in sheet_lines.items()})
            tx.commit()
    return {"added": new_ids, "already": already}


def _table_row(choice: str, source_id: str, item: dict) -> dict:
    anchor = {"source_id": source_id, "quote": item["quote"], "start": item["start"], "end": item["end"]}
    if choice == "figure":
        return {**anchor, "number_text": item["mention"], "value": item["value"], "unit": item["unit"],
                "qualifier": item["qualifier"], "what": item["what"], "period": item["period"],
                "period_text": item.get("period_text", ""),
                "claimant": item["claimant"], "attribution": item.get("attribution") or "stated", "kind": item["kind"],
                "topic": item["topic"], "notes": item["notes"]}
    if choice == "event":
        return {**anchor, "event": item["event"], "what": item["what"], "date": item["date"], "date_end": item["date_end"],
                "date_precision": item["date_precision"], "date_basis": item["date_basis"], "date_text": item["mention"],
                "date_note": item["date_note"], "corroboration_url": "", "topic": item["topic"], "notes": item["notes"]}
    if choice == "exclusion":
        return {**anchor, "mention": item["mention"], "reason": item["reason"], "notes": item["notes"]}
    if choice in QUOTE_COLUMNS:
        values = _quote_values(choice, item)
        if choice == "voice":  # anchored on the words naming the speaker
            start, end = int(item["speaker_start"]), int(item["speaker_end"])
            return {**values, "source_id": source_id, "quote": item["text"][start:end], "start": str(start), "end": str(end)}
        # A critique or reply stands on the quoted words themselves.
        return {**values, "source_id": source_id, "quote": item["mention"], "start": item["mention_start"],
                "end": item["mention_end"]}
    # Furniture covers the line it was found on: the span, not the sentence.
    return {"source_id": source_id, "quote": item["mention"], "start": item["mention_start"], "end": item["mention_end"],
            "kind": item["kind"] or "navigation", "notes": item["notes"]}


def _name_words(words: str) -> set[str]:
    """A name's words for comparing: lowercase, without punctuation."""
    return set(re.findall(r"\w+", words.lower().replace("’", "'")))


def _voice_id(item: dict) -> str:
    """The voice a quotation row names: the voice_id the reporter gave, or the slug of its speaker."""
    return (item.get("voice_id") or "").strip() or _slug(item.get("speaker") or "")


def _quote_values(choice: str, item: dict) -> dict:
    """A critique's, reply's or voice's own columns from the sheet row, with their defaults."""
    values = {column: (item.get(source) or "").strip() for column, source in QUOTE_COLUMNS[choice].items()}
    for column, default in QUOTE_DEFAULTS[choice].items():
        values[column] = values[column] or default
    key = {"critique": "critic", "reply": "speaker", "voice": "voice_id"}[choice]
    values[key] = _voice_id(item)
    if choice == "voice":
        values["label"] = values["label"] or values["name"]
        values["anonymous"] = values["anonymous"].lower()
    return values


def _quote_problems(store: Store, sheet: Path, line: int, choice: str, item: dict, text: str, voice_ids: set[str],
                    target: Table) -> list[str]:
    """What is wrong with a quotation row confirmed as a critique, reply or voice, each with its place."""
    place = f"{sheet}, line {line}, column"
    problems = [f"{place} {column}: a {choice} needs {column} (it is empty)" for column in QUOTE_REQUIRED[choice]
                if not (item.get(column) or "").strip()]
    if problems:
        return problems
    if choice == "voice":
        start, end = int(item["speaker_start"]), int(item["speaker_end"])
        words = text[start:end]
        if start >= end or not words.strip():
            return [f"{place} speaker_start: no words name the speaker at {start}–{end}; a voice stands on the words "
                    "that name it"]
        if words.strip().lower() in _NOT_A_NAME:
            return [f"{place} speaker_start: the words at {start}–{end} are {words!r}, which name nobody; confirm the "
                    "voice on a row where the text names the speaker, or give speaker_start and speaker_end of those words"]
        named, said = _name_words(words), _name_words(item["speaker"])
        whole = (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
        if not whole or not (named <= said or said <= named):
            return [f"{place} speaker_start: the words at {start}–{end} are {words!r}, which do not name the speaker "
                    f"{item['speaker']!r}; speaker_start and speaker_end must stand on whole words that name them"]
    else:
        start, end = int(item["mention_start"]), int(item["mention_end"])
        if start >= end or text[start:end] != item["mention"]:
            return [f"{place} mention: the mention is not the text at {start}–{end}; do not edit mention, mention_start "
                    "or mention_end"]
    values = _quote_values(choice, item)
    for column, source in QUOTE_COLUMNS[choice].items():
        value = values[column]
        shown = source if (item.get(source) or "").strip() or column not in ("critic", "speaker", "voice_id") else "speaker"
        if not value:
            if column in ("critic", "speaker", "voice_id"):
                problems.append(f"{place} voice_id: no voice id can be made from the speaker {item.get('speaker')!r}; "
                                "give one in voice_id (lowercase letters, digits and single hyphens)")
            continue
        if column in target.enums and value not in target.enums[column]:
            problems.append(f"{place} {shown}: {value!r} is not one of {', '.join(target.enums[column])}")
        elif column in target.patterns and not re.fullmatch(target.patterns[column], value):
            problems.append(f"{place} {shown}: {value!r} must be lowercase letters, digits and single hyphens")
        elif column == "anonymous" and value not in ("true", "false"):
            problems.append(f"{place} anonymous: {value!r} is not true or false")
        elif column in ("critic", "speaker", "affiliation") and value not in voice_ids:
            problems.append(f"{place} {shown}: no voice {value!r} in voices.csv or confirmed in this sheet; confirm the "
                            "speaker as a voice too (confirm voice+" + choice + ") or give a known voice id in voice_id"
                            if column != "affiliation" else f"{place} affiliation: no voice {value!r} in voices.csv")
    if choice == "critique":
        for column, table, key in (("theme", "themes", "theme_id"), ("target_measure", "measures", "measure_id")):
            if values[column] and values[column] not in set(store.table(table)[key]):
                known = sorted(store.table(table)[key])
                problems.append(f"{place} {column}: no {key} {values[column]!r} in {table}.csv"
                                + (f" (one of: {', '.join(known)})" if len(known) <= 30 else ""))
    return problems


def _row_key(choice: str, row: dict) -> tuple:
    """What makes a confirmed row one already in its table: a voice is its id; the rest, see SAME_ROW."""
    if choice == "voice":
        return (row["voice_id"],)
    return _same_key(choice, row)
