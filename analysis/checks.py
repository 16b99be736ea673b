"""The fact-checker's rules, applied to every row of the data.

The schema (``data/datapackage.json``) says what each column may hold; Frictionless checks that: types,
enumerations, required cells, patterns, unique ids and references between tables. On top of it, this
module checks what a schema cannot say:

* each quote stands in its source, character for character, at its offsets, and outside web furniture;
* each figure's value, qualifier and unit are what its number words say;
* each stated date is what its words say, and every date sits at its precision (month: day 01);
* each source file is the one the offsets were taken from (its sha256);
* each source's publication date lies within the range its evidence allows;
* the units of count hold: the fragments of one criticism agree on who, what and why, a reply stands
  beside a criticism that exists, and a measure counted under another is counted under one that is.

Every problem is collected, none stops the others, and each names the file, the line, the column and
what is wrong. Nothing here writes anything.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .dates import PRECISIONS, parse_date_expression, truncate
from .number_words import QuantityError, parse_quantity
from .schema import Table, tables
from .store import (
    INTEGER_TEXT,
    MAX_CELL_CHARS,
    MAX_INTEGER_DIGITS,
    MAX_SOURCE_BYTES,
    NUMBER_TEXT,
    SOURCES_DIR,
    DataFileError,
    FileMissing,
    QuoteNotFound,
    Store,
    decode_text,
    locate_quote,
    sha256_hex,
    shown_path,
)

# Control characters no cell holds: C0 other than tab and line feed; DEL; C1; and a carriage return other
# than in a Windows line break (a quote from a source with CRLF line ends).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# Characters a label or name may not hold besides '<', '>' and line breaks: they break or reorder the printed
# line invisibly (line and paragraph separators, bidirectional controls, zero-width characters).
INVISIBLE = re.compile("[\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")
# Our own problems are collected up to this many; past it, validate stops collecting and says so.
MAX_PROBLEMS = 1000
# Frictionless's schema check stops at this many problems in one table, and the report says so.
LIMIT_ERRORS = 1000
# What a schema pattern means, for the person who broke it.
PATTERN_MEANINGS = {"https?://[^\\s<>\"]+": "a URL must be a web address starting with http:// or https://"}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, where a person can find it."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "") + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class Rows:
    """A table's raw rows (strings, as in the file) with the line each starts on, for reporting."""

    def __init__(self, name: str, path: Path, header: list[str], rows: list[tuple[int, dict[str, str]]]):
        self.name, self.path, self.header, self.rows = name, path, header, rows

    def __iter__(self):
        return iter(self.rows)

    def line_of_row_number(self, row_number: int) -> int | None:
        """Frictionless counts the header as row 1."""
        index = row_number - 2
        return self.rows[index][0] if 0 <= index < len(self.rows) else None


class Checker:
    """One validation run over a data directory: the checks, run in order, collect every problem located."""
    def __init__(self, store: Store):
        self.store = store
        self.problems: list[Problem] = []
        self.tables: dict[str, Rows] = {}
        self.texts: dict[str, str] = {}
        self.overflowed: Problem | None = None  # the first problem not collected, past MAX_PROBLEMS
        self.declared: dict[str, Table] = {}  # what the package declares (analysis.schema), once it is read

    def problem(self, path: Path | str, line: int | None, column: str | None, message: str, always: bool = False) -> None:
        """Collect a problem; past MAX_PROBLEMS, only note the first one dropped (``always``: a message saying a check
        stopped at its own limit, which is kept so the report says so)."""
        problem = Problem(shown_path(path), line, column, message)
        if len(self.problems) >= MAX_PROBLEMS and not always:
            self.overflowed = self.overflowed or problem
            return
        self.problems.append(problem)

    # -- reading ---------------------------------------------------------------------------------

    def read_tables(self, resources: dict[str, dict]) -> None:
        """Read every declared table strictly, cell by cell, noting what cannot be read."""
        self.declared = tables(self.store)
        for name, resource in resources.items():
            path = self.store.root / resource["path"]
            try:
                header, cells = self.store.read_cells(name)
            except FileMissing:
                self.problem(path, None, None, f"file is missing (the data package lists table '{name}')")
                continue
            except DataFileError as error:
                self.problem(error.path, error.line, error.column, error.message)
                continue
            expected = [field["name"] for field in resource["schema"]["fields"]]
            seen: dict[str, int] = {}
            for position, column in enumerate(header, 1):
                if column in seen:
                    self.problem(path, 1, column, f"column appears twice in the header (columns {seen[column]} and {position}); "
                                                 "each column is named once")
                seen.setdefault(column, position)
            missing = [column for column in expected if column not in header]
            extra = [column for column in dict.fromkeys(header) if column not in expected]
            for column in missing:
                self.problem(path, 1, column, "column is missing from the header")
            for column in extra:
                self.problem(path, 1, column or None, "column is not in the schema (data/datapackage.json)"
                            if column else f"a column has no name (column {header.index(column) + 1} of the header)")
            if missing or extra or len(seen) != len(header):
                continue
            if header != expected:
                self.problem(path, 1, None, f"columns are out of order; the schema's order is: {', '.join(expected)}")
                continue
            if not cells:
                self.problem(path, 2, None, "table has a header but no rows")
            rows = []
            for line, values in cells:
                if len(values) > len(header):
                    self.problem(path, line, None, f"the row has {len(values)} cells but the header has {len(header)} columns: "
                                f"after the last column, {header[-1]}, the row goes on with {_clip(','.join(values[len(header):]))!r}. "
                                "A cell holding a comma must be in double quotes")
                elif 0 < len(values) < len(header):
                    self.problem(path, line, header[len(values)], f"the row has {len(values)} cells but the header has "
                                f"{len(header)} columns: no cell for {', '.join(header[len(values):])}")
                row = dict(zip(header, values + [""] * (len(header) - len(values))))
                self.check_cells(path, name, line, row)
                rows.append((line, row))
            self.tables[name] = Rows(name, path, header, rows)

    def check_cells(self, path: Path, name: str, line: int, row: dict[str, str]) -> None:
        """What no cell may hold: more than the cell limit, control characters, markup in a label."""
        labels = self.declared[name].labels if name in self.declared else ()
        for column, value in row.items():
            if len(value) > MAX_CELL_CHARS:
                self.problem(path, line, column, f"the cell holds {len(value):,} characters, over the limit of "
                                                f"{MAX_CELL_CHARS:,} characters for a cell")
                row[column] = ""  # not checked further: the cell is the problem
                continue
            control = CONTROL.search(value)
            if control:
                self.problem(path, line, column, f"the cell holds a control character ({control.group()!r}, character "
                                                f"{control.start() + 1} of the cell); only text, tabs and line breaks are allowed")
            if column in labels and ("<" in value or ">" in value or "\n" in value or "\r" in value):
                self.problem(path, line, column, f"{_clip(value)!r}: a {column} is printed as plain text on one line; "
                                                "markup ('<' or '>') and line breaks are not allowed in it")
            invisible = INVISIBLE.search(value) if column in labels else None
            if invisible:
                self.problem(path, line, column, f"{_clip(value)!r}: a {column} is printed as plain text on one line; it holds "
                                                f"U+{ord(invisible.group()):04X} (character {invisible.start() + 1}), a line or "
                                                "paragraph separator, direction control or zero-width character, which is not allowed in it")

    def read_sources(self) -> None:
        """Read every source text, checking it is the file its offsets were taken from (sha256)."""
        sources = self.tables.get("sources")
        if sources is None:
            return
        registered = set()
        for line, row in sources:
            registered.add(row["file"])
            try:
                path = self.store.source_path(row["file"])
                raw = self.store.read_bytes(path, MAX_SOURCE_BYTES, "a source text")
            except FileMissing as error:
                self.problem(sources.path, line, "file", f"source file {shown_path(error.path)} does not exist")
                continue
            except DataFileError as error:
                self.problem(sources.path, line, "file", f"{shown_path(error.path)} {error.message}")
                continue
            try:
                self.texts[row["source_id"]] = decode_text(path, raw)
            except DataFileError as error:
                self.problem(error.path, error.line, None, error.message)
            actual = sha256_hex(raw)
            if row["sha256"] != actual:
                self.problem(sources.path, line, "sha256",
                            f"{shown_path(path)} has changed since its offsets were taken: sha256 is {actual}, "
                            f"the table records {row['sha256']}. Restore the file, or re-extract its rows and update sha256.")
        folder = self.store.root / SOURCES_DIR
        try:
            self.store.inside(folder)
        except DataFileError as error:
            self.problem(folder, None, None, error.message)
            return
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.name not in registered:
                self.problem(path, None, None, "file is in data/sources/ but not registered in sources.csv")

    def check_numbers(self, resources: dict[str, dict]) -> None:
        """Integers and numbers in the digits 0-9: Frictionless (and Python) also take '3_118', ' 3118' and other
        scripts' digits, which the rest of the project would then read differently or not at all."""
        for name, rows in self.tables.items():
            for field in resources[name]["schema"]["fields"]:
                pattern = {"integer": INTEGER_TEXT, "number": NUMBER_TEXT}.get(field.get("type"))
                if pattern is None:
                    continue
                for line, row in rows:
                    value = row[field["name"]]
                    if value and pattern.fullmatch(value):
                        if field["type"] == "integer" and len(value.lstrip("-")) > MAX_INTEGER_DIGITS:
                            self.problem(rows.path, line, field["name"], f"{_clip(value, 20)!r} is too large: an integer here has at most "
                                        f"{MAX_INTEGER_DIGITS} digits (it has {len(value.lstrip('-')):,})")
                        elif field["type"] == "number" and not _finite(value):
                            self.problem(rows.path, line, field["name"], f"{_clip(value, 20)!r} is too large a number to read "
                                        f"(more than a floating-point number holds, about 1.8e308)")
                        continue
                    if value and _frictionless_reads_as_number(value):
                        self.problem(rows.path, line, field["name"], f"{value!r} is not a{'n' if field['type'] == 'integer' else ''} "
                                    f"{field['type']} written in the digits 0-9 (no spaces, '_' or other scripts' digits)")

    # -- schema ----------------------------------------------------------------------------------

    def check_schema(self, package: dict) -> None:
        """Frictionless's checks, on the tables that could be read, reported in the same form as ours.

        Frictionless is given the package already checked by the store (its shape, every path inside the data
        directory), with only the tables that were read: a table refused above is never opened by it, and a
        key that refers to one is left out (its problem is reported already)."""
        readable = set(self.tables)
        descriptor = copy.deepcopy(package)
        descriptor["resources"] = [resource for resource in descriptor["resources"] if resource["name"] in readable]
        for resource in descriptor["resources"]:
            schema = resource["schema"]
            if "foreignKeys" in schema:
                schema["foreignKeys"] = [key for key in schema["foreignKeys"]
                                         if (key["reference"].get("resource") or resource["name"]) in readable]
        if not descriptor["resources"]:
            return
        from frictionless import FrictionlessException, Package  # imported here: a package refused above never needs it

        try:
            package = Package(descriptor, basepath=str(self.store.root))
            report = package.validate(limit_errors=LIMIT_ERRORS)
        except FrictionlessException as error:
            self.problem(self.store.package_path, None, None, f"Frictionless cannot read the data package: {error.error.message}")
            return
        except Exception as error:  # a package the shape check let through but Frictionless fails on: said, not a traceback
            self.problem(self.store.package_path, None, None, f"the schema checker could not check the package: "
                        f"{type(error).__name__}: {_clip(str(error), 200)}")
            return
        for error in report.errors:
            self.problem(self.store.package_path, None, None, f"the data package breaks the Data Package standard: {error.message}")
        for task in report.tasks:
            if task.name not in readable:
                continue
            rows = self.tables[task.name]
            last_line = None
            for error in task.errors:
                if error.type in ("extra-cell", "missing-cell"):
                    continue  # reported when the table was read, with its columns
                if error.type == "foreign-key" and (error.reference_name or task.name) not in readable:
                    continue  # the referenced table could not be read: that is the problem, reported already
                row_number = getattr(error, "row_number", None)
                line = rows.line_of_row_number(row_number) if row_number else None
                last_line = line or last_line
                column = getattr(error, "field_name", None)
                if error.type == "primary-key":
                    column = ", ".join(_as_list(package.get_resource(task.name).schema.primary_key))
                elif error.type == "foreign-key":
                    column = ", ".join(error.field_names)
                field = package.get_resource(task.name).schema.get_field(column) if error.type == "constraint-error" else None
                self.problem(rows.path, line, column, _frictionless_message(error, rows, field.description if field else None))
            if any("error limit" in warning for warning in task.warnings):
                self.problem(rows.path, None, None, f"the schema check stopped at {LIMIT_ERRORS} problems in this table "
                            f"(the limit): rows after line {last_line} were not checked against the schema, nor were its "
                            "unique ids and references; fix these and run validate again", always=True)

    # -- our rules -------------------------------------------------------------------------------

    def check_quotes(self) -> None:
        """Every quote stands in its source at its offsets."""
        furniture = self.furniture_spans()
        for name, table in self.declared.items():
            rows = self.tables.get(name) if table.holds_quotes else None
            if rows is None:
                continue
            for line, row in rows:
                if name == "voices" and not row["source_id"]:
                    if row["kind"] != "outlet" or row["quote"]:
                        self.problem(rows.path, line, "source_id",
                                     "only an outlet may have no introducing quote; give source_id, quote, start and end")
                    continue
                text = self.texts.get(row["source_id"])
                start, end = _int(row["start"]), _int(row["end"])
                if text is None or start is None or end is None:
                    continue  # reported already: unknown source, unreadable file or a non-integer offset
                if not row["quote"]:
                    continue  # a required cell: Frictionless reports it
                message = quote_mismatch(text, row["quote"], start, end)
                if message:
                    self.problem(rows.path, line, "quote", f"{row[table.key]}: {message}")
                    continue
                if name != "furniture":
                    for furniture_id, (f_start, f_end) in furniture.get(row["source_id"], []):
                        if start < f_end and f_start < end:
                            self.problem(rows.path, line, "quote", f"{row[table.key]}: quote overlaps web furniture {furniture_id} "
                                        f"(characters {f_start}–{f_end}), which is not article text")

    def furniture_spans(self) -> dict[str, list[tuple[str, tuple[int, int]]]]:
        """Each source's web furniture, as (row id, span) pairs."""
        spans = defaultdict(list)
        for _, row in self.tables.get("furniture", []):
            start, end = _int(row["start"]), _int(row["end"])
            if start is not None and end is not None:
                spans[row["source_id"]].append((row["furniture_id"], (start, end)))
        return spans

    def check_quote_parts(self) -> None:
        """The fields declared inQuote stand exactly once in their row's quote."""
        for name, column in ((name, column) for name, table in self.declared.items() for column in table.quote_parts):
            rows = self.tables.get(name)
            for line, row in rows or []:
                words = row[column]
                if words and row["quote"].count(words) != 1:
                    found = row["quote"].count(words)
                    self.problem(rows.path, line, column, f"{_clip(words)!r} must occur exactly once in the row's quote; it occurs {found} times")

    def check_figures(self) -> None:
        """Each figure's value, unit and qualifier are what its number words say."""
        rows = self.tables.get("figures")
        for line, row in rows or []:
            try:
                said = parse_quantity(row["number_text"])
                if not math.isfinite(said.value):
                    raise OverflowError
            except QuantityError as error:
                self.problem(rows.path, line, "number_text", f"{row['figure_id']}: {error}")
                continue
            except (OverflowError, ValueError):
                self.problem(rows.path, line, "number_text", f"{row['figure_id']}: {_clip(row['number_text'])!r} is too large a number to read")
                continue
            value = _float(row["value"])
            if value is not None and not math.isclose(value, said.value, rel_tol=1e-9):
                self.problem(rows.path, line, "value", f"{row['figure_id']}: value is {row['value']} but the quote says "
                            f"{row['number_text']!r}, which is {_number(said.value)}")
            if row["qualifier"] and row["qualifier"] != said.qualifier:
                self.problem(rows.path, line, "qualifier", f"{row['figure_id']}: qualifier is {row['qualifier']!r} but "
                            f"{row['number_text']!r} reads as {said.qualifier!r}")
            if said.unit and row["unit"] != said.unit:
                self.problem(rows.path, line, "unit", f"{row['figure_id']}: unit is {row['unit']!r} but {row['number_text']!r} is in {said.unit}")

    def check_dates(self) -> None:
        """Dates agree with their precision, their basis and the words that state them."""
        sources = self.tables.get("sources")
        for line, row in sources or []:
            self.check_precision(sources, line, row, "published", row["published"], row["date_precision"])
            self.check_publication_range(sources, line, row)
            self.check_stated(sources, line, row, row["date_text"], row["published"], "", row["date_precision"], "published")
            text = self.texts.get(row["source_id"])
            start, end = _int(row["date_start"]), _int(row["date_end"])
            if row["date_text"] and (start is None or end is None):
                self.problem(sources.path, line, "date_start", "date_text is given, so date_start and date_end are required")
            elif text is not None and start is not None and end is not None:
                message = quote_mismatch(text, row["date_text"], start, end)
                if message:
                    self.problem(sources.path, line, "date_text", message)
        events = self.tables.get("events")
        for line, row in events or []:
            for column in ("date", "date_end"):
                self.check_precision(events, line, row, column, row[column], row["date_precision"])
            begin, finish = _date(row["date"]), _date(row["date_end"])
            if begin and finish and finish < begin:
                self.problem(events.path, line, "date_end", f"{row['event_id']}: ends ({row['date_end']}) before it begins ({row['date']})")
            self.check_stated(events, line, row, row["date_text"], row["date"], row["date_end"], row["date_precision"], "date")
            if row["date_basis"] == "inferred" and not row["date_note"]:
                self.problem(events.path, line, "date_note", f"{row['event_id']}: an inferred date needs a note saying how it was inferred")

    def check_publication_range(self, rows: Rows, line: int, row: dict) -> None:
        """earliest <= latest, and the published date, at its precision, lies between them."""
        published, earliest, latest = (_date(row[c]) for c in ("published", "published_earliest", "published_latest"))
        precision = row["date_precision"]
        if not (published and earliest and latest) or precision not in PRECISIONS:
            return  # a missing or impossible date: reported by the schema check
        if latest < earliest:
            self.problem(rows.path, line, "published_latest",
                         f"{row['source_id']}: published_latest ({latest}) is before published_earliest ({earliest})")
            return
        if not truncate(earliest, precision) <= published <= truncate(latest, precision):
            self.problem(rows.path, line, "published", f"{row['source_id']}: {published} at {precision} precision is outside the range "
                        f"{earliest} to {latest} that published_earliest and published_latest allow")
        if row["date_basis"] == "stated" and not (earliest == latest == published and precision == "day"):
            self.problem(rows.path, line, "published_earliest", f"{row['source_id']}: a stated day is known exactly: published_earliest "
                        f"and published_latest must both be {published}")

    def check_units(self) -> None:
        """One criticism, one critic, role, target and theme; replies and counted_under point at what exists.

        Attribution is a fragment's own: a criticism the source attributes to its critic in one fragment may hold
        another fragment whose attribution is inferred (an unattributed paragraph read as the same critic's)."""
        critiques = self.tables.get("critiques")
        agreed = ("critic", "role", "target_kind", "target_measure", "theme")
        # A critic speaks for an organisation where the voice has an affiliation: EVAW and its deputy director
        # making one point make one criticism.
        affiliation = {row["voice_id"]: row["affiliation"] for _, row in self.tables.get("voices", [])}

        def value(row: dict, column: str) -> str:
            return (affiliation.get(row[column]) or row[column]) if column == "critic" else row[column]

        first: dict[str, tuple[str, dict]] = {}
        for line, row in critiques or []:
            if (row["target_kind"] == "measure") != bool(row["target_measure"]):
                self.problem(critiques.path, line, "target_measure",
                             f"{row['critique_id']}: target_measure is given exactly when target_kind is 'measure'")
            if row["criticism"] not in first:
                first[row["criticism"]] = (row["critique_id"], row)
                continue
            leader_id, leader = first[row["criticism"]]
            for column in agreed:
                if value(row, column) != value(leader, column):
                    self.problem(critiques.path, line, column, f"{row['critique_id']}: {column} is {row[column]!r}, but {leader_id}, a fragment of "
                                f"the same criticism {row['criticism']!r}, has {leader[column]!r}; one criticism has one {column}"
                                + (" (or voices of one organisation)" if column == "critic" else ""))
        replies = self.tables.get("replies")
        for line, row in replies or []:
            if critiques is not None and row["criticism"] not in first:
                self.problem(replies.path, line, "criticism", f"{row['reply_id']}: {row['criticism']!r} is not a criticism in critiques.csv")
            elif critiques is not None and first[row["criticism"]][1]["role"] != "critic":
                self.problem(replies.path, line, "criticism",
                             f"{row['reply_id']}: {row['criticism']!r} is a witness's account, not a criticism to reply to")
        measures = self.tables.get("measures")
        by_id = {row["measure_id"]: row for _, row in measures or []}
        for line, row in measures or []:
            under = by_id.get(row["counted_under"])
            if not row["counted_under"] or under is None:
                continue  # empty, or an unknown id: the schema's foreign key reports it
            if under["counted_under"]:
                self.problem(measures.path, line, "counted_under", f"{row['measure_id']}: counted under {under['measure_id']}, which is itself "
                            f"counted under {under['counted_under']}; name the measure that is counted")
            if (under["source_id"], under["plan_id"]) != (row["source_id"], row["plan_id"]):
                self.problem(measures.path, line, "counted_under", f"{row['measure_id']}: counted under {under['measure_id']}, which is in another "
                            "source or plan; only a measure described twice in one account is counted once")

    def check_withheld(self) -> None:
        """Withheld words are given by offsets alone: they must stand inside their source's article text."""
        rows = self.tables.get("withheld")
        furniture = self.furniture_spans()
        for line, row in rows or []:
            text, start, end = self.texts.get(row["source_id"]), _int(row["start"]), _int(row["end"])
            if text is None or start is None or end is None:
                continue  # an unknown source or a non-integer offset: reported already
            if not 0 <= start < end <= len(text):
                self.problem(rows.path, line, "end", f"{row['withheld_id']}: {start}–{end} is not a span of the source's {len(text)} characters")
            elif any(start < f_end and f_start < end for _, (f_start, f_end) in furniture.get(row["source_id"], [])):
                self.problem(rows.path, line, "start", f"{row['withheld_id']}: the span overlaps web furniture, which is not article text")

    def check_precision(self, rows: Rows, line: int, row: dict, column: str, value: str, precision: str) -> None:
        """A date at month or year precision is written as the first day of its month or year."""
        date = _date(value)
        if date is None or precision not in PRECISIONS:
            return  # an impossible date or precision: reported by the schema check
        if truncate(date, precision) != date:
            self.problem(rows.path, line, column, f"{value} is not a {precision}-precision date: at {precision} precision it is written "
                        f"{truncate(date, precision).isoformat()}")

    def check_stated(self, rows: Rows, line: int, row: dict, words: str, begin: str, finish: str, precision: str, column: str) -> None:
        """A stated date is the date its words say, at their precision."""
        if row["date_basis"] != "stated":
            return
        if not words:
            self.problem(rows.path, line, "date_text", "a stated date needs date_text: the words that state it")
            return
        parsed = parse_date_expression(words)
        if not parsed:
            self.problem(rows.path, line, "date_text", f"{words!r} does not state a full date by itself; mark the date inferred and say how")
            return
        expected = [value for value in (begin, finish) if value]
        got = [(date.isoformat(), period) for date, period in parsed]
        if [date for date, _ in got] != expected or any(period != precision for _, period in got):
            said = " and ".join(f"{date} ({period})" for date, period in got)
            self.problem(rows.path, line, column, f"{' to '.join(expected)} at {precision} precision disagrees with "
                        f"{words!r}, which says {said}")

    def check_plans(self) -> None:
        """No two measures of a plan share a point number."""
        measures = self.tables.get("measures")
        points = defaultdict(Counter)
        for _line, row in measures or []:
            if _int(row["point"]) is not None:
                points[row["plan_id"]][_int(row["point"])] += 1
        for line, row in measures or []:
            if _int(row["point"]) is not None and points[row["plan_id"]][_int(row["point"])] > 1:
                self.problem(measures.path, line, "point",
                             f"{row['measure_id']}: point {row['point']} of {row['plan_id']} is given to more than one measure")


def validate(store: Store | None = None) -> list[Problem]:
    """Every problem in the data, in file and line order; an empty list when all holds."""
    store = store or Store()
    checker = Checker(store)
    try:
        package = store.package()
    except DataFileError as error:  # not a package at all: nothing else can be checked
        return [Problem(shown_path(error.path), error.line, error.column, f"cannot read the data package: {error.message}")]
    resources = {resource["name"]: resource for resource in package["resources"]}
    checker.read_tables(resources)
    checker.read_sources()
    checker.check_numbers(resources)
    checker.check_schema(package)
    checker.check_quotes()
    checker.check_quote_parts()
    checker.check_figures()
    checker.check_dates()
    checker.check_plans()
    checker.check_units()
    checker.check_withheld()
    problems = sorted(set(checker.problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.message))
    if checker.overflowed:
        first = checker.overflowed
        problems.append(Problem(first.file, first.line, first.column, f"validate stopped collecting problems at {MAX_PROBLEMS:,} "
                                "(the limit) here: this and later problems, in this file and others, are not listed; "
                                "fix these and run validate again"))
    return problems


def quote_mismatch(text: str, quote: str, start: int, end: int) -> str | None:
    """None when ``text[start:end] == quote``; otherwise what is wrong, as helpfully as can be said."""
    if text[start:end] == quote:
        return None
    found = [index for index in _find_all(text, quote)]
    if not found:
        try:
            typed_start, typed_end = locate_quote(text, quote)
        except QuoteNotFound:
            return (f"quote is not in the source; characters {start}–{end} read {_clip(text[start:end])!r}. "
                    "Check curly quotes, dashes and non-breaking spaces: they must be copied exactly")
        return (f"quote is not in the source as typed: it differs from the words at {typed_start}–{typed_end}, "
                f"{_clip(text[typed_start:typed_end])!r}, in curly quotes, dashes or spaces; copy them exactly")
    nearest = min(found, key=lambda index: abs(index - start))
    shift = nearest - start
    return (f"quote stands at {nearest}–{nearest + len(quote)}, not at {start}–{end} "
            f"(start is off by {shift:+d}{'' if end - start == len(quote) else ', and end does not match the quote length'})")


def _find_all(text: str, quote: str):
    index = text.find(quote)
    while index >= 0:
        yield index
        index = text.find(quote, index + 1)


def _frictionless_message(error, rows: Rows, description: str | None = None) -> str:
    """Frictionless's finding, said the way the rest of the report says things (a broken rule by what the column holds)."""
    cell = getattr(error, "cell", None)
    if error.type == "primary-key":
        first = re.search(r"position (\d+)", error.note)
        line = rows.line_of_row_number(int(first.group(1))) if first else None
        return f"duplicate id: {', '.join(error.cells[:1])} is already used on line {line}"
    if error.type == "foreign-key":
        values = ", ".join(repr(cell) for cell in error.field_cells)
        target = f"{error.reference_name or rows.name}.csv"
        return f"{values} is not a {', '.join(error.reference_field_names)} in {target}"
    if error.type == "type-error":
        expected = re.search(r'type is "(\w+)', error.note)
        return f"{cell!r} is not a valid {expected.group(1) if expected else 'value'} ({error.note})"
    if error.type == "constraint-error":
        meaning = next((meaning for pattern, meaning in PATTERN_MEANINGS.items() if f'"{pattern}"' in error.note), None)
        if meaning is None and description and "pattern" in error.note:
            meaning = f"the column holds {description[0].lower()}{description[1:]}"
        return f"{_clip(str(cell))!r} breaks a rule of the schema: {meaning or error.note}"
    note = error.note[0].upper() + error.note[1:] if error.note else ""
    return f"{error.title.lower()}{': ' + note if note else ''}" + (f" (the cell holds {cell!r})" if cell not in (None, "") else "")


def _as_list(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _int(value: str) -> int | None:
    """An integer written in the digits 0-9 and at most MAX_INTEGER_DIGITS long, or None (Python's int() also takes
    '3_118', ' 3' and other scripts' digits, and fails on over 4,300 digits). A longer one is reported by check_numbers."""
    if not isinstance(value, str) or len(value.lstrip("-")) > MAX_INTEGER_DIGITS or not INTEGER_TEXT.fullmatch(value):
        return None
    return int(value)


def _finite(value: str) -> bool:
    try:
        return math.isfinite(float(value))
    except (ValueError, OverflowError):
        return False


def _float(value: str) -> float | None:
    """A finite number written in the digits 0-9, or None."""
    if not isinstance(value, str) or not NUMBER_TEXT.fullmatch(value):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _frictionless_reads_as_number(value: str) -> bool:
    """Whether Frictionless would take the cell as a number (so reports nothing about it)."""
    for read in (int, float, Decimal):
        try:
            read(value.strip())
            return True
        except (ValueError, ArithmeticError):
            continue
    return False


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _number(value: float) -> str:
    return f"{value:g}" if not math.isfinite(value) or value != int(value) else f"{int(value)}"


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
