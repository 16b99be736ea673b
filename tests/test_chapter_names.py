"""The names the chapters use, tied to the code (as datasette's tests/test_docs.py ties its docs to its
settings): every declared chart is shown once, by a chapter that glues it, and every fact a chapter pastes
is glued. Fast: the chapters are read as text and their code parsed, not run or built."""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass

import pytest

from analysis import toc
from analysis.book import figure_label
from analysis.charts import CHARTS
from analysis.facts import all_facts
from analysis.store import PROJECT_ROOT

# A directive opens with three or more backticks or, as colon_fence allows, colons (```{chart} id, :::{chart} id).
FENCE = r"^[ \t]*(?:`{3,}|:{3,})"
CHART = re.compile(FENCE + r"\{chart\}[ \t]+(\S+)[ \t]*$", re.M)
# A paste by role ({glue:md}`name:myst`) or by directive (```{glue:md} name); a name holds no colon.
PASTE = re.compile(r"\{glue(?::\w+)?\}`([^`:]+)|" + FENCE + r"\{glue(?::\w+)?\}[ \t]+(\S+)", re.M)
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
CAPTION_LINES = ("-title", "-source")


@dataclass
class Chapter:
    """What a chapter's Markdown shows and pastes, and what its code glues."""

    shown: list[str]  # chart ids, one per {chart} directive
    setup_charts: list[str]  # chart ids given to book.setup_chapter(...)
    pasted: set[str]  # names pasted with {glue:…}
    glued: set[str]  # names the chapter's own code glues (book.glue_text(name=…), glue("name", …))


def read_chapter(text: str) -> Chapter:
    """A chapter's names, from its text."""
    code = "\n".join(re.sub(r"\A(?::[^\n]*\n)+", "", cell) for cell in CODE_CELL.findall(text))
    setup_charts, glued = [], set()
    for call in (node for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Call)):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        if name == "setup_chapter":
            setup_charts += [ast.literal_eval(argument) for argument in call.args]
        elif name == "glue_text":
            glued |= {keyword.arg for keyword in call.keywords}
        elif name == "glue" and call.args and isinstance(call.args[0], ast.Constant):
            glued.add(call.args[0].value)
    for chart_id in setup_charts:
        glued |= {figure_label(chart_id) + suffix for suffix in ("", *CAPTION_LINES)}
    pasted = {role or directive for role, directive in PASTE.findall(text)}
    return Chapter(CHART.findall(text), setup_charts, pasted, glued)


CHAPTERS = {path.relative_to(PROJECT_ROOT).as_posix(): read_chapter(path.read_text(encoding="utf-8"))
            for path in toc.chapters()}


@pytest.fixture(scope="module")
def facts() -> set[str]:
    """Every name book.setup_chapter glues for every chapter."""
    return set(all_facts())


def test_the_reader_finds_charts_setup_glue_and_pastes():
    chapter = read_chapter(
        "```{code-cell} ipython3\n:tags: [remove-cell]\n\nfrom analysis import book\n\n"
        'report = book.setup_chapter("timeline", "coverage")\nbook.glue_text(plan_name="x")\n```\n\n'
        "Prose pasting {glue:md}`plan_name:myst` and {glue:md}`E001`.\n\n```{chart} timeline\n```\n\n"
        "```{glue:md} content-note\n:format: myst\n```\n")
    assert chapter.shown == ["timeline"]
    assert chapter.setup_charts == ["timeline", "coverage"]
    assert chapter.pasted == {"plan_name", "E001", "content-note"}
    assert {"plan_name", "fig-coverage", "fig-coverage-title", "fig-coverage-source"} <= chapter.glued


def test_every_declared_chart_is_shown_in_a_chapter():
    shown = {chart_id for chapter in CHAPTERS.values() for chart_id in chapter.shown}
    assert not set(CHARTS) - shown, "declared in analysis/charts.py but shown in no chapter (add ```{chart} <id>```)"


def test_no_chart_is_shown_twice_but_the_lede_opening_its_chapter():
    """A chart belongs to one chapter; the home page's lede chart also opens the chapter it belongs to."""
    shown = Counter(chart_id for name, chapter in CHAPTERS.items() if name != "index.md" for chart_id in chapter.shown)
    assert not [chart_id for chart_id, times in shown.items() if times > 1], "a chart is shown more than once"
    assert set(CHAPTERS["index.md"].shown) <= set(shown), "the home page's chart is not in its chapter"


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chart_a_chapter_shows_is_declared(name):
    undeclared = set(CHAPTERS[name].shown + CHAPTERS[name].setup_charts) - set(CHARTS)
    assert not undeclared, f"not declared with @chart in analysis/charts.py: {sorted(undeclared)}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_a_chapter_glues_exactly_the_charts_it_shows(name):
    chapter = CHAPTERS[name]
    assert sorted(chapter.setup_charts) == sorted(chapter.shown), (
        "the ids given to book.setup_chapter(...) and the chapter's ```{chart}``` directives differ")


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_fact_a_chapter_pastes_is_glued(name, facts):
    missing = CHAPTERS[name].pasted - facts - CHAPTERS[name].glued
    assert not missing, f"pasted but glued neither by the facts nor by the chapter's code: {sorted(missing)}"
