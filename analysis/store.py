"""Where the data lives, and the one place that reads it from disk.

Everything else (checks, audit, chapters, tests, the command line) asks this module for tables and texts,
so the layout of ``data/`` is known here only. The schema in ``data/datapackage.json`` drives the typing:
a column declared ``date`` loads as a date, a column with an enumeration loads as a categorical whose
categories are the enumeration in its declared order (so charts keep a stable order).
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import datetime as _dt
import functools
import hashlib
import io
import json
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a table is typed: validate runs without it, and starts faster
    import pandas as pd

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
PACKAGE_FILE = "datapackage.json"
SOURCES_DIR = "sources"

# Limits on what is read, checked on the file's size before a byte is read, each far above the real data
# (the package is 56 kB, the largest table 20 kB, the largest source 12 kB, the longest cell 489 characters).
# Whatever is over a limit is refused with the limit named, never read into memory.
MAX_PACKAGE_BYTES = 1_000_000  # data/datapackage.json
MAX_TABLE_BYTES = 5_000_000  # each CSV table
MAX_SOURCE_BYTES = 1_000_000  # each source text in data/sources/
MAX_CELL_CHARS = 10_000  # each cell of a table (checked by analysis.checks)
MAX_PACKAGE_DEPTH = 20  # nesting of objects and lists in datapackage.json (the real one nests 7 deep)
MAX_TABLE_ROWS = 100_000  # rows of each table (the real tables have fewer than 100), counted while reading
MAX_INTEGER_DIGITS = 15  # digits of an integer cell: more is refused as too large, before Python reads it
# Python's csv module refuses a cell over 131,072 characters with an exception; a table within its limit
# is read whole, and the cell limit above is reported as a problem with the cell's line and column.
csv.field_size_limit(MAX_TABLE_BYTES)

# Table Schema field types (Frictionless 5): a package declaring another is not one this project can read.
FIELD_TYPES = ("any", "array", "boolean", "date", "datetime", "duration", "geojson", "geopoint", "integer",
               "list", "number", "object", "string", "time", "year", "yearmonth")
# An integer is written in the digits 0-9 and nothing else; a number likewise, with a point and an exponent.
INTEGER_TEXT = re.compile(r"-?[0-9]+", re.ASCII)
NUMBER_TEXT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", re.ASCII)

# Characters that the sources write in typographic form and people type in plain form. Each maps to
# exactly one character, so offsets in the normalised text are offsets in the original.
_TYPED_FORMS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})
# How a table of quotes declares that the book shows them, and what a field may declare of itself besides
# Table Schema's properties (see analysis.schema).
QUOTE_USES = ("cited", "marked", "span")
FIELD_FLAGS = ("plainLabel", "inQuote")


def as_typed(text: str) -> str:
    """The text as people type it: straight quotes, hyphens for dashes, plain spaces; same length."""
    return text.translate(_TYPED_FORMS)


def sha256_hex(raw: bytes) -> str:
    """The SHA-256 of bytes, in hexadecimal: what ``sources.csv`` records of each source file."""
    return hashlib.sha256(raw).hexdigest()


class DataFileError(ValueError):
    """A data file cannot be read at all (missing, empty, not UTF-8, has a byte-order mark, too big, not a
    regular file, outside the data directory), or the data package is not one this project can read."""

    def __init__(self, path: Path, message: str, line: int | None = None, column: str | None = None):
        super().__init__(message)
        self.path, self.message, self.line, self.column = path, message, line, column

    def __str__(self) -> str:
        where = shown_path(self.path) + (f", line {self.line}" if self.line else "") + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class FileMissing(DataFileError):
    """The file a path names does not exist."""


def shown_path(path: Path | str) -> str:
    """A path as a person reads it: relative to the working directory where it is under it, symlinks kept."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


@dataclass(frozen=True)
class Store:
    """A data directory: the real one by default, or a copy that tests corrupt.

    Every read goes through :meth:`read_bytes`, the guard: the path must resolve inside the data directory
    (no symlink out, no ``..``, no absolute path), name a regular file (never a FIFO, a device or a
    directory, so nothing blocks or streams without end), and be within its size limit, checked before
    reading. What fails raises :class:`DataFileError`, naming the file and what is wrong.
    """

    root: Path = DATA_DIR
    # Parsed packages and typed tables, each kept with the stamp of the files it was read from, so a file
    # changed on disk (intake writes, then validates) is read again. Per instance: a store is one directory.
    _parsed: dict = dataclasses.field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    @property
    def package_path(self) -> Path:
        """The data package's file."""
        return self.root / PACKAGE_FILE

    # -- the guard -------------------------------------------------------------------------------

    def inside(self, path: Path) -> Path:
        """``path`` resolved, which must stand inside the resolved data directory."""
        root = Path(os.path.realpath(self.root))
        resolved = Path(os.path.realpath(path))
        if resolved != root and root not in resolved.parents:
            raise DataFileError(path, f"resolves to {resolved}, outside the data directory {root}: every file the data "
                                      "uses must be inside it (no symlink out of it, no '..', no absolute path)")
        return resolved

    def read_bytes(self, path: Path, limit: int, what: str) -> bytes:
        """A regular file's bytes, inside the data directory and at most ``limit`` bytes long."""
        resolved = self.inside(path)
        try:
            status = os.stat(resolved)
        except FileNotFoundError:
            raise FileMissing(path, "file does not exist") from None
        except OSError as error:
            raise DataFileError(path, f"cannot be read: {error.strerror}") from None
        _refuse_irregular(path, status, limit, what)
        try:
            descriptor = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError as error:
            raise DataFileError(path, f"cannot be read: {error.strerror}") from None
        with os.fdopen(descriptor, "rb") as handle:
            _refuse_irregular(path, os.fstat(handle.fileno()), limit, what)  # the file may have been swapped
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            raise DataFileError(path, f"{what} is over the limit of {limit:,} bytes; it is not read")
        return raw

    def read_text(self, path: Path, limit: int = MAX_SOURCE_BYTES, what: str = "a source text") -> str:
        """A file's text, refusing what would make offsets unreliable: no BOM, strict UTF-8, not empty, no NUL."""
        return decode_text(path, self.read_bytes(path, limit, what))

    # -- the package -----------------------------------------------------------------------------

    def _stamp(self, path: Path) -> tuple | None:
        """What tells a file's versions apart (inode, size, modification time), or None if it cannot be had."""
        try:
            status = os.stat(self.inside(path))
        except (OSError, DataFileError):
            return None
        return status.st_ino, status.st_size, status.st_mtime_ns

    def _memoised(self, key: tuple, stamps: tuple, read):
        """``read()``, kept for ``key`` while the files' ``stamps`` stay the same; a file without one is read every time."""
        kept = self._parsed.get(key)
        if kept is not None and None not in stamps and kept[0] == stamps:
            return kept[1]
        value = read()
        self._parsed[key] = (stamps, value)
        return value

    def package(self) -> dict:
        """The data package, refused (:class:`DataFileError`) unless it has the shape this project reads."""
        return copy.deepcopy(self._package())  # a copy: no caller can change what the next one reads

    def _package(self) -> dict:
        """The parsed package as kept, for reads inside this class that change nothing."""
        return self._memoised(("package",), (self._stamp(self.package_path),), self._read_package)

    def _read_package(self) -> dict:
        path = self.package_path
        text = decode_text(path, self.read_bytes(path, MAX_PACKAGE_BYTES, "the data package"))
        try:
            package = json.loads(text, object_pairs_hook=_unique_keys)
        except _DuplicateKey as error:
            raise DataFileError(path, f"the key {error.key!r} appears twice in one object (the second would silently "
                                      "replace the first); give each key once") from None
        except json.JSONDecodeError as error:
            raise DataFileError(path, f"not valid JSON: {error.msg} (line {error.lineno}, character {error.colno})",
                                line=error.lineno) from None
        except ValueError as error:  # an integer over Python's digit limit for int()
            raise DataFileError(path, f"holds a number too large to read ({error}); numbers in the package are "
                                      "limits and versions, a few digits long") from None
        except RecursionError:
            raise DataFileError(path, f"nested too deeply to read (at most {MAX_PACKAGE_DEPTH} levels of objects and lists)") from None
        check_package_shape(package, path)
        return package

    def resources(self) -> dict[str, dict]:
        """The package's resources by name, in declared order."""
        return {resource["name"]: copy.deepcopy(resource) for resource in self._package()["resources"]}

    def table_path(self, name: str) -> Path:
        """Where a table's file is; KeyError for a table the package does not declare."""
        return self.root / self._resource(name)["path"]

    def _resource(self, name: str) -> dict:
        for resource in self._package()["resources"]:
            if resource["name"] == name:
                return resource
        raise KeyError(name)

    def source_path(self, file: str) -> Path:
        """A source text's file, by its name in sources.csv."""
        if not isinstance(file, str) or not file or file in (".", "..") or "/" in file or "\\" in file or "\0" in file:
            raise DataFileError(self.root / SOURCES_DIR, f"{file!r} is not the name of a file in {SOURCES_DIR}/ "
                                                         "(a plain file name: not empty, no '/')")
        return self.root / SOURCES_DIR / file

    # -- tables ----------------------------------------------------------------------------------

    def read_cells(self, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
        """A table's header and its rows as read, each with the file line it starts on (quoted fields may
        span lines). Rows keep their own number of cells; :meth:`read_rows` fits them to the header."""
        path = self.table_path(name)
        text = decode_text(path, self.read_bytes(path, MAX_TABLE_BYTES, "a table"), allow_nul=True)
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        rows, line = [], 1
        try:
            for values in reader:
                if len(rows) > MAX_TABLE_ROWS:  # the header and MAX_TABLE_ROWS rows are in
                    raise DataFileError(path, f"the table has more than {MAX_TABLE_ROWS:,} rows (the limit for a table); "
                                              f"it is not read past line {line}", line=line)
                rows.append((line, values))
                line = reader.line_num + 1
        except csv.Error as error:
            header = rows[0][1] if rows else []
            opened = _runaway_quote(text, line, header)
            if opened is not None:
                quote_line, column = opened
                raise DataFileError(path, f"unterminated quoted field starting at line {quote_line}: the cell opens with "
                                          "a double quote that is never closed, so the rest of the file would be one cell. "
                                          "Close the quote (a quote inside a quoted cell is written twice: \"\")",
                                    line=quote_line, column=column) from None
            raise DataFileError(path, f"not readable as CSV: {error}; a cell holding a comma, a quote or a line break "
                                      "must be in double quotes, and a quote inside it written twice", line=reader.line_num) from None
        if not rows:
            raise DataFileError(path, "file has no header row")
        return rows[0][1], rows[1:]

    def read_rows(self, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
        """A table's header and its rows, each row with the file line it starts on (quoted fields may span lines)."""
        header, rows = self.read_cells(name)
        return header, [(line, dict(zip(header, values + [""] * (len(header) - len(values))))) for line, values in rows]

    def source_text(self, source_id: str) -> str:
        """A source's full text, exactly as in its file (offsets in the tables index into it)."""
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
        """A table as a typed DataFrame, typed by its Table Schema.

        A number written other than in the digits 0-9 (``3_118``, Arabic-Indic digits, a space) is refused
        with its line and column, never guessed at: :mod:`analysis.checks` reports it the same way. The
        typed table is kept until its file or the package changes; each caller gets its own copy."""
        stamps = (self._stamp(self.package_path), self._stamp(self.table_path(name)))
        return self._memoised(("table", name), stamps, lambda: self._typed_table(name)).copy(deep=True)

    def _typed_table(self, name: str) -> pd.DataFrame:
        import pandas as pd

        fields = self._resource(name)["schema"]["fields"]
        _, rows = self.read_rows(name)
        for field in fields:
            pattern = {"integer": INTEGER_TEXT, "number": NUMBER_TEXT}.get(field.get("type"))
            for line, row in rows if pattern else ():
                value = row.get(field["name"], "")
                if value and not pattern.fullmatch(value):
                    raise DataFileError(self.table_path(name), f"{value!r} is not a{'n' if field['type'] == 'integer' else ''} "
                                                               f"{field['type']} written in the digits 0-9", line=line, column=field["name"])
                if value and field["type"] == "integer" and len(value.lstrip("-")) > MAX_INTEGER_DIGITS:
                    raise DataFileError(self.table_path(name), f"{value[:20]!r}… is too large: an integer has at most "
                                                               f"{MAX_INTEGER_DIGITS} digits", line=line, column=field["name"])
                if value and field["type"] == "number" and not math.isfinite(float(value)):
                    raise DataFileError(self.table_path(name), f"{value[:20]!r} is too large a number to read",
                                        line=line, column=field["name"])
        frame = pd.DataFrame([row for _, row in rows], columns=[field["name"] for field in fields], dtype="string")
        for field in fields:
            frame[field["name"]] = _typed(frame[field["name"]], field)
        return frame


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object's keys and values, refusing a key given twice (json.loads would keep the last)."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _refuse_irregular(path: Path, status: os.stat_result, limit: int, what: str) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise DataFileError(path, "is a directory, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise DataFileError(path, "is not a regular file (a FIFO, a device or a socket): only regular files are read")
    if status.st_size > limit:
        raise DataFileError(path, f"file is {status.st_size:,} bytes, over the limit of {limit:,} bytes for {what}; "
                                  "it is not read")


def decode_text(path: Path, raw: bytes, allow_nul: bool = False) -> str:
    """A file's bytes as text, refusing (:class:`DataFileError`, with the line) what would make offsets
    unreliable: empty, a byte-order mark, not strict UTF-8, a NUL character unless ``allow_nul``."""
    if not raw:
        raise DataFileError(path, "file is empty")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataFileError(path, "file starts with a UTF-8 byte-order mark; save it without one", line=1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataFileError(path, f"file is not valid UTF-8 (byte {error.start}: {raw[error.start:error.start + 1]!r})", line=line) from None
    if "\0" in text and not allow_nul:  # in a table, the checks report the cell that holds it
        raise DataFileError(path, "file holds a NUL character (a zero byte): it is not a text file", line=text.count("\n", 0, text.index("\0")) + 1)
    return text


def _runaway_quote(text: str, line: int, header: list[str]) -> tuple[int, str | None] | None:
    """Where a quoted cell that should have closed opens: (line, column), or None.

    ``line`` is where the row the csv reader failed on starts. Reading that row as the reader does, the first
    quoted cell that runs over a line break is the suspect: an opening quote never closed swallows what
    follows, up to the end of the file or to a quote that then looks misplaced."""
    position = 0
    for _ in range(line - 1):
        position = text.find("\n", position) + 1
        if position == 0:
            return None
    state, field, current, opened = "start", 0, line, line
    for character in text[position:]:
        if state == "quoted":
            if character == '"':
                state = "closing"
            elif character == "\n":
                return opened, header[field] if field < len(header) else None
        elif character == "\n":
            return None  # the row ended with no quoted cell over a line break
        elif character == "," :
            field, state = field + 1, "start"
        elif state == "closing":
            state = "quoted" if character == '"' else "after"
        elif state == "start" and character == '"':
            state, opened = "quoted", current
        else:
            state = "after" if state == "after" else "plain"
    return None


def _typed(column: pd.Series, field: dict) -> pd.Series:
    import pandas as pd

    column = column.replace("", pd.NA)
    kind = field.get("type", "string")
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


# -- the shape of the data package -----------------------------------------------------------------

_PROFILES = {"package": ("data-package", "tabular-data-package"), "resource": ("data-resource", "tabular-data-resource")}


def check_package_shape(package, path: Path) -> None:
    """Refuse (:class:`DataFileError`) a ``datapackage.json`` that is JSON but not a package this project reads.

    Checked before anything else uses it, Frictionless included: an object whose ``resources`` is a
    non-empty list of tables, each an object with a unique ``name``, a ``path`` to a CSV file inside the
    data directory, an inline ``schema`` whose ``fields`` each have a string ``name`` and a Table Schema
    ``type``, and keys and constraints of the right kinds. Nothing is fetched or followed from elsewhere:
    no URL or outside path, no schema or dialect given as a path, no remote profile.
    """
    def refuse(where: str, message: str):
        raise DataFileError(path, f"{where} {message}" if where else message)

    depth = _depth(package)
    if depth > MAX_PACKAGE_DEPTH:
        refuse("", f"nested more than {MAX_PACKAGE_DEPTH} levels deep; at most {MAX_PACKAGE_DEPTH} levels of objects and lists are read")
    if not isinstance(package, dict):
        refuse("", f"the file holds {_kind(package)}, not an object with a 'resources' list")
    for key in ("name", "title", "description", "version", "created"):
        if key in package and not isinstance(package[key], str):
            refuse(key, f"must be a string, not {_kind(package[key])}")
    for key in ("title", "version", "created"):  # the book's title page and edition line print them
        if key not in package:
            refuse(key, "is missing (the book prints the edition's title, version and date from it)")
    if "profile" in package and package["profile"] not in _PROFILES["package"]:
        refuse("profile", f"{package['profile']!r} is not one of {', '.join(_PROFILES['package'])}")
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        refuse("resources", "is missing: the package must list its tables in 'resources'" if resources is None
               else f"must be a non-empty list of tables, not {_kind(resources)}{' (empty)' if resources == [] else ''}")
    names = []
    for index, resource in enumerate(resources):
        where = f"resources[{index}]"
        if not isinstance(resource, dict):
            refuse(where, f"must be an object, not {_kind(resource)}")
        name = resource.get("name")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", name):
            refuse(f"{where}.name", f"{name!r} is not a resource name (lower-case letters, digits, '-', '_', '.')")
        if name in names:
            refuse(f"{where}.name", f"{name!r} is the name of another resource too")
        names.append(name)
        where = f"{where} ({name})"
        for key in ("title", "description"):
            if key in resource and not isinstance(resource[key], str):
                refuse(f"{where}.{key}", f"must be a string, not {_kind(resource[key])}")
        for key in ("data", "dialect", "compression", "innerpath", "extrapaths", "$schema"):
            if key in resource:
                refuse(f"{where}.{key}", "is not supported: every table is a comma-separated UTF-8 CSV file given by 'path'")
        for key, allowed in (("format", ("csv",)), ("mediatype", ("text/csv",)), ("encoding", ("utf-8",)),
                             ("scheme", ("file",)), ("profile", _PROFILES["resource"]), ("quotes", QUOTE_USES)):
            if key in resource and resource[key] not in allowed:
                refuse(f"{where}.{key}", f"{resource[key]!r} is not supported (only {', '.join(allowed)})")
        table = resource.get("path")
        if not isinstance(table, str) or not table:
            refuse(f"{where}.path", f"must be the path of a CSV file in the data directory, not {_kind(table)}")
        parts = table.split("/")
        if (table.startswith("/") or "\\" in table or ":" in table or "\0" in table
                or any(part in ("", ".", "..") for part in parts)):
            refuse(f"{where}.path", f"{table!r} is not a path inside the data directory (relative, '/' between names, "
                                    "no '..', no URL)")
        _check_schema_shape(resource.get("schema"), f"{where}.schema", refuse)
    for index, resource in enumerate(resources):
        for number, key in enumerate(resource["schema"].get("foreignKeys", [])):
            target = key["reference"].get("resource", "")
            if target and target not in names:
                refuse(f"resources[{index}] ({resource['name']}).schema.foreignKeys[{number}].reference.resource",
                       f"{target!r} is not a resource of the package")


def _check_schema_shape(schema, where: str, refuse) -> None:
    if not isinstance(schema, dict):
        refuse(where, "is missing: every table needs its Table Schema" if schema is None
               else f"must be an object (a Table Schema written in the package, not a path to one), not {_kind(schema)}")
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        refuse(f"{where}.fields", "is missing" if fields is None else f"must be a non-empty list of fields, not {_kind(fields)}")
    names = []
    for index, field in enumerate(fields):
        at = f"{where}.fields[{index}]"
        if not isinstance(field, dict):
            refuse(at, f"must be an object, not {_kind(field)}")
        name = field.get("name")
        if not isinstance(name, str) or not name:
            refuse(f"{at}.name", f"must be a non-empty string, not {_kind(name)}")
        if name in names:
            refuse(f"{at}.name", f"{name!r} is the name of another field of the table too")
        names.append(name)
        at = f"{at} ({name})"
        kind = field.get("type", "string")
        if kind not in FIELD_TYPES:
            refuse(f"{at}.type", f"{kind!r} is not a Table Schema type (one of {', '.join(FIELD_TYPES)})")
        for key in ("format", "title", "description"):
            if key in field and not isinstance(field[key], str):
                refuse(f"{at}.{key}", f"must be a string, not {_kind(field[key])}")
        for key in FIELD_FLAGS:
            if key in field and not isinstance(field[key], bool):
                refuse(f"{at}.{key}", f"must be true or false, not {_kind(field[key])}")
        constraints = field.get("constraints", {})
        if not isinstance(constraints, dict):
            refuse(f"{at}.constraints", f"must be an object, not {_kind(constraints)}")
        _check_constraints(constraints, kind, f"{at}.constraints", refuse)
    missing = schema.get("missingValues", [""])
    if not isinstance(missing, list) or not all(isinstance(value, str) for value in missing):
        refuse(f"{where}.missingValues", "must be a list of strings")
    key = schema.get("primaryKey")
    if key is not None:
        for column in [key] if isinstance(key, str) else key if isinstance(key, list) and key else [None]:
            if not isinstance(column, str) or column not in names:
                refuse(f"{where}.primaryKey", f"{column!r} is not a field of the table")
    foreign = schema.get("foreignKeys", [])
    if not isinstance(foreign, list):
        refuse(f"{where}.foreignKeys", f"must be a list, not {_kind(foreign)}")
    for index, entry in enumerate(foreign):
        at = f"{where}.foreignKeys[{index}]"
        reference = entry.get("reference") if isinstance(entry, dict) else None
        if not isinstance(reference, dict) or not isinstance(reference.get("resource", ""), str):
            refuse(at, "must be an object with 'fields' and a 'reference' naming a resource and its fields")
        for key_at, columns in ((f"{at}.fields", entry.get("fields")), (f"{at}.reference.fields", reference.get("fields"))):
            listed = [columns] if isinstance(columns, str) else columns
            if not isinstance(listed, list) or not listed or not all(isinstance(column, str) for column in listed):
                refuse(key_at, "must name one field or a list of fields")
        local = entry["fields"]
        for column in [local] if isinstance(local, str) else local:
            if column not in names:
                refuse(f"{at}.fields", f"{column!r} is not a field of the table")


def _check_constraints(constraints: dict, kind: str, where: str, refuse) -> None:
    """Each constraint a value of the kind its field's type needs (Frictionless fails with a TypeError otherwise)."""
    def finite_number(value, integer: bool) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if isinstance(value, float):
            return math.isfinite(value) and (not integer or value.is_integer())
        return True

    for key in ("required", "unique"):
        if key in constraints and not isinstance(constraints[key], bool):
            refuse(f"{where}.{key}", f"must be true or false, not {_kind(constraints[key])}")
    for key in ("minLength", "maxLength"):
        if key in constraints and (isinstance(constraints[key], bool) or not isinstance(constraints[key], int) or constraints[key] < 0):
            refuse(f"{where}.{key}", f"must be a whole number, 0 or more, not {constraints[key]!r}")
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        if key not in constraints:
            continue
        value = constraints[key]
        if kind in ("integer", "number"):
            if not finite_number(value, kind == "integer") or abs(value) > 1e15:
                refuse(f"{where}.{key}", f"must be a{'n integer' if kind == 'integer' else ' finite number'} of at most 15 digits "
                                         f"for a field of type {kind}, not {_clip_repr(value)}")
        elif kind in ("date", "datetime", "time", "year", "yearmonth"):
            if kind == "year" and finite_number(value, True) and abs(value) < 10_000:
                continue
            valid = isinstance(value, str)
            if valid and kind == "date":
                try:
                    _dt.date.fromisoformat(value)
                except ValueError:
                    valid = False
            if not valid:
                refuse(f"{where}.{key}", f"must be a{'n ISO date (YYYY-MM-DD)' if kind == 'date' else ' ' + kind + ' written as a string'} "
                                         f"for a field of type {kind}, not {_clip_repr(value)}")
        else:
            refuse(f"{where}.{key}", f"does not apply to a field of type {kind} (only to numbers and dates)")
    if "enum" in constraints:
        enum = constraints["enum"]
        if kind in ("integer", "number"):
            valid = isinstance(enum, list) and enum and all(finite_number(value, kind == "integer") or isinstance(value, str) for value in enum)
        else:
            valid = isinstance(enum, list) and enum and all(isinstance(value, str) for value in enum)
        if not valid:
            refuse(f"{where}.enum", f"must be a non-empty list of {'numbers' if kind in ('integer', 'number') else 'strings'}")
    if "pattern" in constraints:
        pattern = constraints["pattern"]
        if not isinstance(pattern, str):
            refuse(f"{where}.pattern", f"must be a string, not {_kind(pattern)}")
        try:
            re.compile(pattern)
        except (re.error, RecursionError, OverflowError) as error:
            refuse(f"{where}.pattern", f"{pattern!r} is not a regular expression ({error})")


def _clip_repr(value) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else _kind(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _depth(value) -> int:
    """How deeply objects and lists nest, counted without recursion (so no nesting can exhaust the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level <= MAX_PACKAGE_DEPTH:
                stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "nothing (null)",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)

class QuoteNotFound(LookupError):
    """A quote that its source text does not contain."""
    pass


def locate_quote(text: str, quote: str) -> tuple[int, int]:
    """Offsets of the one place ``quote`` stands in ``text``, forgiving typed quotes, dashes and spaces.

    For people entering data: they type straight quotes and plain spaces, the sources have curly ones and
    non-breaking spaces. The match must be unique; the exact characters are then ``text[start:end]``.
    """
    haystack, needle = as_typed(text), as_typed(quote)
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

    @functools.cached_property
    def plain(self) -> Store:
        """The same data unredacted (kept, so its tables are read once): where the withheld words are found."""
        return Store(self.root)

    def table(self, name: str) -> pd.DataFrame:
        # The withheld words are found in the source texts: the redacted table is kept while none of the
        # files it is made from (the table, the package, withheld.csv, sources.csv, the texts) changes.
        plain = self.plain
        texts = [plain.source_path(file) for file in plain.table("sources")["file"]]
        stamps = tuple(self._stamp(path) for path in (self.package_path, *map(self.table_path, (name, "withheld", "sources")), *texts))
        return self._memoised(("published", name), stamps, lambda: self._redacted(name)).copy(deep=True)

    def _redacted(self, name: str) -> pd.DataFrame:
        from .naming import ALLEGATION_REASON, WITHHELD_DETAIL, redact_frame, withheld

        frame = redact_frame(self.plain.table(name), withheld(self.plain))
        if name == "exclusions":  # the excluded words of a withheld allegation are part of its detail
            frame.loc[frame["reason"] == ALLEGATION_REASON, ["quote", "mention"]] = WITHHELD_DETAIL
        return frame
