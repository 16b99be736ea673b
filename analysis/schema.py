"""What ``data/datapackage.json`` declares, read in one place: the tables, their ids, their quotes, their values.

Modules that need to know which tables exist, which column is a table's id, which tables hold quotes from
the sources or which values a column may take ask here, so that a table added to the package is known to
the checks, the source pages, the facts and the intake with no code change. Read through
:class:`analysis.store.Store`, the one guarded reader.

Besides Table Schema's own properties, the package declares

* of a table of quotes, ``quotes``: how the book shows them, ``cited`` (the prose pastes them, and the
  source pages mark them), ``marked`` (the source pages mark them) or ``span`` (they delimit a stretch of
  the text that is handled whole: web furniture left out, a content warning put before);
* of a field, ``plainLabel``: the book prints it as it is (headings, chart labels, table cells), so it is
  one line of text, never markup; ``inQuote``: its words are words of the row's quote, singled out; and
  ``speaker``: the voice (``voices.voice_id``) whose words, or whose claim, the row's quote carries;
* of the themes table, ``themesOfTheForce``: the themes that criticise the force itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .store import Store

# A key pattern that is a fixed prefix and a fixed number of digits: "F[0-9]{3}" is F001, F002, …
_NUMBERED_ID = re.compile(r"([A-Z]+)\[0-9\]\{([1-9])\}")


@dataclass(frozen=True)
class Table:
    """One table as the package declares it."""

    name: str
    key: str | None  # the id column: the primary key, when it is one column
    fields: tuple[str, ...]
    enums: dict[str, tuple[str, ...]]  # column -> the values it may take, in declared order
    patterns: dict[str, str]  # column -> the pattern its values match whole
    labels: tuple[str, ...]  # the columns declared plainLabel
    quote_parts: tuple[str, ...]  # the columns declared inQuote
    quotes: str | None  # how the book shows the table's quotes (cited, marked, span); None if it has none
    speaker: str | None  # the column naming who says or claims the quoted words; None if the source itself
    id_prefix: str | None  # "F" when the key's pattern is F[0-9]{3}; None when ids are not numbered
    id_digits: int | None

    @property
    def row(self) -> str:
        """What one row is called: its id column without ``_id`` (``figure`` for ``figure_id``)."""
        return self.key.removesuffix("_id")

    @property
    def holds_quotes(self) -> bool:
        """Whether each row stands on a quote from a source: it has ``quote`` and ``source_id`` columns."""
        return "quote" in self.fields and "source_id" in self.fields

    def row_id(self, number: int) -> str:
        """The id of the ``number``-th row of a table with numbered ids: ``F007``."""
        return f"{self.id_prefix}{number:0{self.id_digits}d}"

    def id_number(self, row_id: str) -> int | None:
        """The number in a numbered id (7 for ``F007``), or None for an id not of this table's form."""
        found = re.fullmatch(re.escape(self.id_prefix) + r"([0-9]+)", row_id)
        return int(found.group(1)) if found else None


def tables(store: Store | None = None) -> dict[str, Table]:
    """Every table of the package by name, in declared order."""
    found = {}
    for name, resource in (store or Store()).resources().items():
        schema = resource["schema"]
        key = schema.get("primaryKey")
        key = [key] if isinstance(key, str) else key or []
        fields = {field["name"]: field for field in schema["fields"]}
        key_pattern = fields[key[0]].get("constraints", {}).get("pattern", "") if len(key) == 1 else ""
        numbered = _NUMBERED_ID.fullmatch(key_pattern)
        found[name] = Table(
            name=name, key=key[0] if len(key) == 1 else None, fields=tuple(fields),
            enums={column: tuple(field["constraints"]["enum"]) for column, field in fields.items()
                   if "enum" in field.get("constraints", {})},
            patterns={column: field["constraints"]["pattern"] for column, field in fields.items()
                      if "pattern" in field.get("constraints", {})},
            labels=tuple(column for column, field in fields.items() if field.get("plainLabel")),
            quote_parts=tuple(column for column, field in fields.items() if field.get("inQuote")),
            quotes=resource.get("quotes"),
            speaker=next((column for column, field in fields.items() if field.get("speaker")), None),
            id_prefix=numbered.group(1) if numbered else None, id_digits=int(numbered.group(2)) if numbered else None)
    return found


def marked_tables(store: Store | None = None) -> dict[str, Table]:
    """The tables whose quotes the source pages mark and label, so that the book can link to them: the
    cited ones first (a passage quoted by several rows names the cited rows first)."""
    marked = [table for table in tables(store).values() if table.quotes in ("cited", "marked")]
    return {table.name: table for table in sorted(marked, key=lambda table: table.quotes != "cited")}


def cited_tables(store: Store | None = None) -> dict[str, Table]:
    """The tables whose quotes the book's prose pastes (as the fact ``<id>-quote``)."""
    return {name: table for name, table in tables(store).items() if table.quotes == "cited"}


def enum(table: str, column: str, store: Store | None = None) -> tuple[str, ...]:
    """The values a column may take, in declared order."""
    return tables(store)[table].enums[column]


def table_of_row(row: str, store: Store | None = None) -> Table:
    """The table whose rows are called ``row`` (``figure`` -> the figures table); KeyError if none."""
    for table in tables(store).values():
        if table.key and table.row == row:
            return table
    raise KeyError(row)


def themes_of_the_force(store: Store | None = None) -> list[str]:
    """The themes the package declares as criticising the force itself (``themesOfTheForce`` on the themes table)."""
    return list((store or Store()).resources()["themes"].get("themesOfTheForce", []))
