"""Command line: ``python -m analysis <command>``, the commands being :data:`COMMANDS`.

validate and audit exit 0 when all holds and 1 otherwise, printing what a person needs to fix it. Bad data
never ends in a traceback: audit, pages and figures refuse data that does not validate, with validate's
problems, and every command reports a file it cannot read (:class:`~analysis.store.DataFileError`) by its
name, line and column, and exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .audit import audit
from .checks import validate
from .dictionary import data_dictionary_markdown
from .store import DATA_DIR, DataFileError, Store
from .transaction import recover


def _print_problems(problems: list) -> None:
    for problem in problems:
        print(f"  {problem}")


def run_validate(store: Store) -> int:
    """Check every table against its schema and every quote against its source; 0 when all holds."""
    problems = validate(store)
    if problems:
        print(f"validate: {len(problems)} problem{'s' if len(problems) != 1 else ''} in {store.root}:")
        _print_problems(problems)
        return 1
    tables = store.resources()
    rows = sum(len(store.read_rows(name)[1]) for name in tables)
    print(f"validate: all checks pass ({len(tables)} tables, {rows} rows, "
          f"{len(store.table('sources'))} sources; every quote found at its offsets)")
    return 0


def refused(command: str, store: Store) -> bool:
    """Whether the data fail validation, which then says why: audit, pages and figures read only valid data."""
    problems = validate(store)
    if problems:
        print(f"{command}: the data does not validate ({len(problems)} problem{'s' if len(problems) != 1 else ''}); "
              "run `python -m analysis validate` and fix them first:")
        _print_problems(problems)
    return bool(problems)


def run_audit(store: Store, show_all: bool) -> int:
    """Account for every number in the article texts; 0 when none is unaccounted."""
    if refused("audit", store):
        return 1
    result = audit(store)
    for mention in result.mentions if show_all else result.unaccounted:
        print(f"  {mention}")
    for account in result.idle:
        print(f"  {account} accounts for no numeric mention: remove it or fix its words")
    kinds = Counter(m.accounts[0].kind for m in result.mentions if m.accounts)
    summary = ", ".join(f"{count} by {kind}s" for kind, count in sorted(kinds.items()))
    print(f"audit: {len(result.mentions)} numeric mentions in the article texts; {summary}; "
          f"{len(result.unaccounted)} unaccounted")
    if not result.ok:
        print("audit: FAILED. Add a figures row for each unaccounted quantity, or an exclusions row saying why it is not one.")
        return 1
    return 0


def run_intake(store: Store, args) -> int:
    """add-source or confirm: a new article, or its reviewed rows, into the data, all or nothing."""
    from .intake import REVIEW_DIR, SAME_ROW, IntakeError, add_source, confirm

    try:
        if args.command == "add-source":
            source_id, sheet, warnings = add_source(
                store, args.file, args.outlet, args.title, args.published, args.kind, args.date_basis, args.url,
                args.source_id, args.short_name, args.review_dir or REVIEW_DIR)
            for warning in warnings:
                print(f"add-source: warning: {warning}")
            choices = list(SAME_ROW)
            print(f"add-source: {source_id!r} is in data/sources.csv and data/sources/.")
            print(f"add-source: review sheet: {sheet}. In its confirm column write {', '.join(choices[:-1])} or "
                  f"{choices[-1]} for each row to keep, joining several with + (voice+critique), and fill the columns its "
                  "table needs (README, 'Adding a source', step 2), then run:")
            print(f"  .venv/bin/python -m analysis confirm {sheet}")
        else:
            result = confirm(store, args.sheet)
            for table, ids in result["added"].items():
                print(f"confirm: {len(ids)} row{'s' if len(ids) != 1 else ''} added to {table}.csv: {', '.join(ids)}")
            for table, ids in result["already"].items():
                print(f"confirm: already confirmed: {len(ids)} row{'s' if len(ids) != 1 else ''} of the sheet "
                      f"{'are' if len(ids) != 1 else 'is'} in {table}.csv as {', '.join(ids)}; not added again")
            if not result["added"] and not result["already"]:
                print("confirm: no row of the sheet is confirmed; nothing to add")
            elif not result["added"]:
                print("confirm: nothing new to add; data/ is unchanged")
            print("confirm: now run `python -m analysis audit`, then build the book")
    except IntakeError as error:
        print(f"{args.command}: refused: {error}")
        return 1
    except DataFileError as error:
        where = f"{error.path}" + (f", line {error.line}" if error.line else "")
        print(f"{args.command}: refused, the data cannot be read: {where}: {error.message}; run `python -m analysis validate`")
        return 1
    except OSError as error:
        print(f"{args.command}: failed: {error}. If a change to data/ was under way, the next command completes or undoes it")
        return 1
    return 0


def run_dictionary(store: Store, args) -> int:
    """Print the data dictionary, from the data package."""
    store.package()  # refused, with what is wrong, unless it is a package this project reads
    print(data_dictionary_markdown(store))
    return 0


def run_figures(store: Store, args) -> int:
    """Write every chart's figure files (rewriting only those that changed)."""
    if refused("figures", store):
        return 1
    from .export import FIGURES_DIR, export_figures

    written = export_figures(args.out or FIGURES_DIR, store)
    print(f"figures: {len(written)} file{'s' if len(written) != 1 else ''} written" if written else "figures: up to date")
    return 0


def run_pages(store: Store, args) -> int:
    """Write the source pages (rewriting only those that changed)."""
    if refused("pages", store):
        return 1
    from .pages import write_source_pages

    written = write_source_pages(store)
    print(f"pages: {len(written)} source page{'s' if len(written) != 1 else ''} written" if written else "pages: up to date")
    return 0


def run_chapter(args) -> int:
    """Execute one chapter as a notebook and save it under _build/notebooks/."""
    from .notebooks import run_chapter as execute
    from .store import PROJECT_ROOT

    output = args.output or PROJECT_ROOT / "_build" / "notebooks" / f"{args.chapter.stem}.ipynb"
    notebook = execute(args.chapter, output)
    outputs = sum(len(cell.get("outputs", [])) for cell in notebook.cells if cell.cell_type == "code")
    print(f"run-chapter: {args.chapter} executed ({outputs} outputs); saved as {output}")
    return 0


def run_score_intake(args) -> int:
    """Score the add-source scanner against a directory of articles with answer keys (docs/intake-keys.md)."""
    from .intake_score import KINDS, AnswerKeyError, score_directory, score_table

    try:
        score = score_directory(args.directory)
    except AnswerKeyError as error:
        print(f"score-intake: refused: {error}")
        return 1
    print(f"score-intake: {len(score.articles)} article{'s' if len(score.articles) != 1 else ''} in {args.directory}")
    print(score_table(score))
    if args.details:
        for name, tallies in score.articles.items():
            for kind in KINDS:
                for missed in tallies[kind].missed:
                    print(f"  {name}: missed {kind}: {missed}")
                for wrong in tallies[kind].wrong:
                    print(f"  {name}: wrong {kind}: {wrong}")
    return 0


def _score_intake_arguments(parser: argparse.ArgumentParser) -> None:
    from .intake_score import CORPUS_DIR

    parser.add_argument("directory", type=Path, nargs="?", default=CORPUS_DIR,
                        help="articles NAME.txt with answer keys NAME.key.csv (default: tests/intake_corpus/)")
    parser.add_argument("--details", action="store_true", help="list every key row missed and every found row that is wrong")


def _audit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--all", action="store_true", help="list every mention and what accounts for it")


def _figures_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=None, help="directory to write to (default: figures/)")


def _add_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the article as a UTF-8 text file")
    parser.add_argument("--outlet", required=True, help="who published it")
    parser.add_argument("--title", required=True, help="its headline")
    parser.add_argument("--published", required=True, help="its date: YYYY-MM-DD, YYYY-MM or YYYY")
    parser.add_argument("--kind", required=True, help="what sort of text it is: one of the values of sources.kind in the data package")
    parser.add_argument("--date-basis", help="'stated' (the default: the text gives the date) or how the date is known")
    parser.add_argument("--url", help="where it was published")
    parser.add_argument("--source-id", help="a short slug (default: from the outlet and title)")
    parser.add_argument("--short-name", help="a short name for charts (default: the outlet)")
    parser.add_argument("--review-dir", type=Path, default=None, help="where to write the review sheet (default: review/)")


def _run_chapter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("chapter", type=Path, help="a chapter file, e.g. chapters/promises.md")
    parser.add_argument("--output", type=Path, default=None, help="where to save the executed notebook")


def _confirm_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sheet", type=Path, help="the review sheet, review/<source_id>.csv")


@dataclass(frozen=True)
class Command:
    """A command of ``python -m analysis``: its help, its own arguments, and what runs it.

    A command on the data takes ``--data-dir`` and runs as ``run(store, args)`` once an interrupted change
    to the data is recovered; one that is not (``uses_data=False``) runs as ``run(args)``."""

    help: str
    run: Callable[..., int]
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    uses_data: bool = True


COMMANDS = {
    "validate": Command("check every table against the schema and every quote against its source",
                        lambda store, args: run_validate(store)),
    "audit": Command("account for every number in the article texts", lambda store, args: run_audit(store, args.all),
                     _audit_arguments),
    "dictionary": Command("print the data dictionary (Markdown) from the data package", run_dictionary),
    "pages": Command("write the book's source pages (chapters/sources/) from the data", run_pages),
    "figures": Command("write every chart as SVG, PNG, Vega-Lite JSON and CSV under figures/", run_figures, _figures_arguments),
    "add-source": Command("add a new source text and write its review sheet", run_intake, _add_source_arguments),
    "run-chapter": Command("execute a chapter as a notebook and save it (_build/notebooks/)", run_chapter,
                           _run_chapter_arguments, uses_data=False),
    "confirm": Command("move the confirmed rows of a review sheet into the tables", run_intake, _confirm_arguments),
    "score-intake": Command("score add-source's review sheet against hand-made answer keys (recall, precision)",
                            run_score_intake, _score_intake_arguments, uses_data=False),
}


def main(argv: list[str] | None = None) -> int:
    """Run the command named on the command line, after recovering any change a killed command left."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=DATA_DIR, help="data directory (default: the project's data/)")
    parser = argparse.ArgumentParser(prog="python -m analysis", description="Check the report's data against its sources.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        subparser = subparsers.add_parser(name, parents=[common] if command.uses_data else [], help=command.help)
        if command.arguments:
            command.arguments(subparser)
    args = parser.parse_args(argv)
    command = COMMANDS[args.command]
    if not command.uses_data:
        return command.run(args)
    store = Store(args.data_dir.resolve())
    try:
        recover(store)  # finish or undo a change that a killed add-source or confirm left (analysis.transaction)
    except DataFileError as error:
        print(f"{args.command}: {error.path}: {error.message}")
        return 1
    if not store.package_path.exists():
        print(f"{args.command}: no data package at {store.package_path}")
        return 1
    try:
        return command.run(store, args)
    except DataFileError as error:  # the data changed under us, or a file validate does not read: still no traceback
        print(f"{args.command}: cannot read the data: {error}")
        return 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # a change to data/ under way is completed or undone by the next command
        print("interrupted; if a change to data/ was under way, the next command completes or undoes it")
        sys.exit(130)
    except BrokenPipeError:  # the output was piped into a reader that stopped (`validate | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
