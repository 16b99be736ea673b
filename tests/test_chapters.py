"""Chapters as notebooks: their prose types no numbers, quotes its sources exactly, and each runs on its own."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from analysis import toc
from analysis.charts import without_links
from analysis.export import FIGURES_DIR
from analysis.notebooks import run_chapter
from analysis.prose_lint import typed_numbers, typed_quotations
from analysis.store import Store

CHAPTER_FILES = toc.chapters()
BOOK_TITLE = "# The Met and violence against women and girls, 2021–2023"


@pytest.mark.parametrize("chapter", CHAPTER_FILES, ids=lambda p: p.stem)
def test_prose_types_no_numbers(chapter):
    typed = typed_numbers(chapter, allowed=(BOOK_TITLE,))
    assert not typed, "numbers typed into prose (glue them from the data):\n" + "\n".join(map(str, typed))


@pytest.mark.parametrize("chapter", CHAPTER_FILES, ids=lambda p: p.stem)
def test_quotations_typed_into_prose_are_in_a_source(chapter):
    store = Store()
    texts = [store.source_text(source_id) for source_id in store.table("sources")["source_id"]]
    misquoted = typed_quotations(chapter, texts)
    assert not misquoted, "\n".join(map(str, misquoted))


def test_the_typed_number_check_bites(tmp_path):
    chapter = tmp_path / "bad.md"
    chapter.write_text("# A chapter\n\nThe Met arrested over 2,500 suspects, {glue:md}`F003` in the data.\n"
                       "```{code-cell} ipython3\nx = 2500\n```\n", encoding="utf-8")
    typed = typed_numbers(chapter)
    assert [t.text for t in typed] == ["2,500"]
    assert typed[0].line == 3


@pytest.mark.parametrize("chapter", CHAPTER_FILES, ids=lambda p: p.stem)
def test_each_chapter_runs_on_its_own_as_a_notebook(chapter):
    """As a reader rerunning it would: jupytext to a notebook, executed top to bottom by nbclient."""
    notebook = run_chapter(chapter)
    errors = [output for cell in notebook.cells if cell.cell_type == "code"
              for output in cell.get("outputs", []) if output.get("output_type") == "error"]
    assert not errors
    glued = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
             if output.get("metadata", {}).get("scrapbook")]
    assert glued, "the chapter glued nothing"
    nbformat.validate(notebook)
    # The charts it draws are the build's: the wide layout is the figure file's specification, which adds
    # the title and drops the links into the book.
    for output in glued:
        page = output.get("data", {}).get("text/html", "")
        found = re.search(r'<script type="application/json" class="vawg-chart__spec" data-layout="wide"[^>]*>(.*?)</script>', page, re.S)
        if found:
            chart_id = re.search(r'data-chart-id="([\w-]+)"', page).group(1)
            spec = without_links(json.loads(found.group(1).replace("<\\/", "</")))
            exported = json.loads((FIGURES_DIR / f"{chart_id}.vl.json").read_text(encoding="utf-8"))
            assert exported.pop("title")["text"]
            assert spec == exported, chart_id


def test_the_readme_command_reruns_a_chapter_and_saves_it(tmp_path):
    from .conftest import run_analysis

    output = tmp_path / "cite.ipynb"
    result = run_analysis("run-chapter", "chapters/cite.md", "--output", str(output))
    assert result.code == 0, result.output
    notebook = nbformat.read(output, as_version=4)
    printed = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "@misc{" in printed
