"""Command line: ``python -m analysis validate``, ``audit`` and ``dictionary``.

validate and audit exit 0 when all holds and 1 otherwise, printing what a person needs to fix it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .audit import audit
from .checks import validate
from .dictionary import data_dictionary_markdown
from .pages import write_source_pages
from .store import DATA_DIR, Store


def run_validate(store: Store) -> int:
    problems = validate(store)
    if problems:
        print(f"validate: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {store.root}:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    tables = store.resources()
    rows = sum(len(store.read_rows(name)[1]) for name in tables)
    print(f"validate: all checks pass ({len(tables)} tables, {rows} rows, "
          f"{len(store.table('sources'))} sources; every quote found at its offsets)")
    return 0


def run_audit(store: Store, show_all: bool) -> int:
    problems = validate(store)
    if problems:
        print(f"audit: the data does not validate ({len(problems)} problems); run `python -m analysis validate` and fix them first")
        return 1
    result = audit(store)
    for mention in result.mentions if show_all else result.unaccounted:
        print(f"  {mention}")
    for account in result.idle:
        print(f"  {account} accounts for no numeric mention: remove it or fix its words")
    kinds = Counter(m.account.split(" ")[0] for m in result.mentions if m.account)
    summary = ", ".join(f"{count} by {kind}s" for kind, count in sorted(kinds.items()))
    print(f"audit: {len(result.mentions)} numeric mentions in the article texts; {summary}; "
          f"{len(result.unaccounted)} unaccounted")
    if not result.ok:
        print("audit: FAILED. Add a figures row for each unaccounted quantity, or an exclusions row saying why it is not one.")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=DATA_DIR, help="data directory (default: the project's data/)")
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Check the report's data against its sources.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", parents=[common], help="check every table against the schema and every quote against its source")
    audit_parser = commands.add_parser("audit", parents=[common], help="account for every number in the article texts")
    audit_parser.add_argument("--all", action="store_true", help="list every mention and what accounts for it")
    commands.add_parser("dictionary", parents=[common], help="print the data dictionary (Markdown) from the data package")
    commands.add_parser("pages", parents=[common], help="write the book's source pages (chapters/sources/) from the data")
    figures_parser = commands.add_parser("figures", parents=[common],
                                         help="write every chart as SVG, PNG, Vega-Lite JSON and CSV under figures/")
    figures_parser.add_argument("--out", type=Path, default=None, help="directory to write to (default: figures/)")
    args = parser.parse_args(argv)
    store = Store(args.data_dir.resolve())
    if not store.package_path.exists():
        print(f"{args.command}: no data package at {store.package_path}")
        return 1
    if args.command == "validate":
        return run_validate(store)
    if args.command == "figures":
        from .export import FIGURES_DIR, export_figures
        from .report import Report

        written = export_figures(args.out or FIGURES_DIR, Report(store))
        print(f"figures: {len(written)} file{'s' if len(written) != 1 else ''} written" if written else "figures: up to date")
        return 0
    if args.command == "pages":
        written = write_source_pages(store)
        print(f"pages: {len(written)} source page{'s' if len(written) != 1 else ''} written" if written else "pages: up to date")
        return 0
    if args.command == "dictionary":
        print(data_dictionary_markdown(store))
        return 0
    return run_audit(store, args.all)


if __name__ == "__main__":
    sys.exit(main())
