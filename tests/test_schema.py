"""The code and the data package agree on the tables (in the manner of datasette's tests/test_docs.py).

The package declares the tables, their ids, their quotes and their values (:mod:`analysis.schema`); code
asks it. These tests fail if code reads a table the package does not declare, if a module types a
registry of tables again, or if what the package declares of its own properties does not hold.
"""

import ast
from pathlib import Path

import pytest

from analysis import labels, schema
from analysis.dates import PRECISIONS
from analysis.intake import SAME_ROW, targets
from analysis.schema import enum
from analysis.store import PROJECT_ROOT, Store

MODULES = sorted((PROJECT_ROOT / "analysis").rglob("*.py"))
# Store methods whose first argument is a table's name.
READS_A_TABLE = {"table", "read_rows", "read_cells", "table_path"}
DECLARED = schema.tables()


def _syntax(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _named_tables(tree: ast.AST) -> set[str]:
    """The tables code reads by a typed name: ``store.table("figures")``, ``self.tables.get("voices")``."""
    named = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        method, owner = node.func.attr, node.func.value
        if method in READS_A_TABLE or (method == "get" and isinstance(owner, ast.Attribute) and owner.attr == "tables"):
            named.add(first.value)
    return named


def test_code_reads_only_tables_the_package_declares():
    named = {path.name: _named_tables(_syntax(path)) for path in MODULES}
    assert set().union(*named.values()) >= {"sources", "furniture", "withheld"}, "the scan finds no table reads"
    for module, tables in named.items():
        assert tables <= set(DECLARED), f"{module} reads tables the package does not declare: {tables - set(DECLARED)}"


def _typed_registries(tree: ast.Module) -> list[tuple[int, list[str]]]:
    """Registries of tables typed by hand: a module-level list, tuple, set or dict keyed by two or more
    declared tables, or anywhere a table paired with its id column (``("figures", "figure_id")``).

    A function may still name the tables it draws on (a chart of figures, measures and critiques): that is
    what it is about, not a registry."""
    found = []
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            for node in ast.walk(statement.value):
                items = node.keys if isinstance(node, ast.Dict) else node.elts if isinstance(node, (ast.List, ast.Tuple, ast.Set)) else []
                names = [item.value for item in items if isinstance(item, ast.Constant) and item.value in DECLARED]
                if len(names) >= 2:
                    found.append((node.lineno, names))
    for node in ast.walk(tree):
        pairs = (zip(node.keys, node.values) if isinstance(node, ast.Dict)
                 else [tuple(node.elts)] if isinstance(node, ast.Tuple) and len(node.elts) == 2 else [])
        for table, column in pairs:
            if (isinstance(table, ast.Constant) and table.value in DECLARED and isinstance(column, ast.Constant)
                    and column.value == DECLARED[table.value].key):
                found.append((node.lineno, [table.value]))
    return found


def test_no_module_types_a_list_of_tables():
    for path in MODULES:
        assert not _typed_registries(_syntax(path)), f"{path.name} types tables by hand; ask analysis.schema"


def test_the_registry_scan_finds_a_typed_list():
    assert _typed_registries(ast.parse('ANCHORED = {"figures": "figure_id", "events": "event_id"}'))
    assert _typed_registries(ast.parse('TABLES = ["furniture", "voices"]'))
    assert _typed_registries(ast.parse('def f():\n    for table, key in (("figures", "figure_id"),): pass'))
    assert not _typed_registries(ast.parse('def f():\n    return [table for table in ("figures", "measures")]'))


def test_every_table_of_quotes_declares_how_they_are_shown_and_only_those():
    for name, table in DECLARED.items():
        assert (table.quotes is not None) == table.holds_quotes, f"{name}: quotes declared {table.quotes!r}"


def test_ids_are_numbered_as_their_pattern_says():
    figures = DECLARED["figures"]
    assert (figures.key, figures.row, figures.row_id(7), figures.id_number("F007")) == ("figure_id", "figure", "F007", 7)
    assert DECLARED["warnings"].row_id(12) == "CW012" and DECLARED["voices"].id_prefix is None
    for name, table in DECLARED.items():
        ids = Store().table(name)[table.key]
        if table.id_prefix:
            assert all(table.id_number(row_id) is not None for row_id in ids), name


def test_declared_columns_exist_and_quote_parts_are_in_quoted_tables():
    for name, table in DECLARED.items():
        assert set(table.labels) | set(table.quote_parts) | set(table.enums) <= set(table.fields), name
        assert not table.quote_parts or table.holds_quotes, name
    assert DECLARED["sources"].labels == ("outlet", "short_name", "title")


@pytest.mark.parametrize("choice", SAME_ROW)
def test_every_intake_target_is_a_declared_table_with_numbered_ids(choice):
    table = targets(Store())[choice]
    # A voice's id is a slug the reporter gives (or the speaker's), not a number.
    assert table.row == choice and table.holds_quotes and (table.id_prefix is not None) == (choice != "voice")


def test_enumerations_are_the_package_s_in_declared_order():
    assert schema.enum("sources", "kind") == ("news", "police-statement", "advocacy", "commentary")
    assert list(Store().table("sources")["kind"].cat.categories) == list(schema.enum("sources", "kind"))


# Each label table of analysis.labels, with the enumeration whose values it names.
LABELLED = {"CATEGORY_LABELS": ("measures", "category"), "KIND_LABELS": ("figures", "kind"),
            "TARGET_KIND_LABELS": ("critiques", "target_kind"), "DATE_BASIS_LABELS": ("events", "date_basis"),
            "RELATION_LABELS": ("replies", "relation"), "STATUS_LABELS": ("measures", "status")}


@pytest.mark.parametrize("name", LABELLED)
def test_every_value_of_an_enumeration_has_its_label(name):
    table, column = LABELLED[name]
    assert set(getattr(labels, name)) == set(enum(table, column)), f"labels.{name} and {table}.{column} differ"


def test_the_editorial_classes_name_declared_values():
    assert labels.INWARD_CATEGORY in enum("measures", "category")
    assert set(labels.OF_THE_MET) <= set(enum("critiques", "target_kind"))
    assert set(labels.PAIRED_RELATIONS) < set(enum("replies", "relation"))
    assert labels.PROMISE_STATUS in enum("measures", "status")
    for table in ("figures", "events", "measures"):
        assert set(labels.SUBJECT_LABELS) <= set(enum(table, "topic")), table
    assert enum("sources", "date_basis") == enum("events", "date_basis")
    assert PRECISIONS == enum("events", "date_precision") == enum("sources", "date_precision")
