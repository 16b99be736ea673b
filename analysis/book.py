"""What a chapter calls: the data, the facts and charts glued for its prose, and its tables.

A chapter's first cell calls :func:`setup_chapter` with the ids of the charts it shows: that glues every
fact its prose may paste and each of those charts; the Markdown then shows a chart with ``{chart} <id>``
(the book's extension, ``_ext/vawg_book.py``) and pastes a fact with ``{glue:md}``. Nothing is typed twice:
a chart's title, sources and text alternative come from its declaration in :mod:`analysis.charts`, a number
in a sentence from the data. How charts and tables are drawn for each builder: :mod:`analysis.outputs`.
"""

from __future__ import annotations

from IPython.display import Markdown, display
from myst_nb import glue

from .charts import CHARTS, Figure
from .escape import myst_text
from .outputs import ChartOutput, TableOutput, source_line
from .store import PublishedStore, Store


def setup_chapter(*chart_ids: str) -> PublishedStore:
    """What every chapter does first: glue every fact its prose may paste and each chart it shows, and hand it
    the published data (which the derived tables in :mod:`analysis.derived` and the charts take)."""
    from .facts import all_facts

    store = PublishedStore()
    glue_text(**all_facts(store))
    for chart_id in chart_ids:
        _glue_chart(CHARTS[chart_id].figure(store))
    return store


def figure_label(chart_id: str) -> str:
    """A chart's name in a chapter: its figure's ``{numref}`` target and the glue key of its drawing (the key
    with ``-title`` and ``-source`` holds its caption's two lines)."""
    return f"fig-{chart_id}"


def _glue_chart(figure: Figure) -> None:
    """Glue a chart for the ``{chart}`` directive: its drawing, and its title and source line for the caption."""
    label = figure_label(figure.id)
    glue(label, ChartOutput(figure), display=False)
    glue(f"{label}-title", Markdown(myst_text(figure.title)), display=False)
    glue(f"{label}-source", Markdown(source_line(figure)), display=False)


def glue_text(**values: str) -> None:
    """Glue each value for ``{glue:md}`name``` in the prose."""
    for name, value in values.items():
        glue(name, Markdown(str(value)), display=False)


def show_table(frame, link_columns: tuple[str, ...] = (), download: str | None = None,
               print_columns: list[str] | None = None, row_anchor: str | None = None, records: bool = False) -> None:
    """A table on the page, without the index. On the web: HTML (values escaped), column headers in words
    (:func:`analysis.outputs.heading`), URLs in ``link_columns`` as links, ``download`` naming a CSV of the table (with the
    data's own column names), and each row's id ``row_anchor`` + its first cell when given; ``records``
    sets each row as a block of its fields (for a few rows of long text, which as columns would be far
    wider than a screen). In print: a real table of ``print_columns`` (default: all) that fits the page."""
    display(TableOutput(frame, link_columns, download, print_columns, row_anchor, records))


def citation(store: Store) -> str:
    """How to cite the report and its data, from the data package's metadata."""
    package = store.package()
    year = package["created"][:4]
    return (f"{package['title']}. Edition {package['version']}, {package['created'][:10]}.\n\n"
            f"@misc{{met_vawg_{year},\n"
            f"  title   = {{{package['title']}}},\n"
            f"  year    = {{{year}}},\n"
            f"  version = {{{package['version']}}},\n"
            f"  note    = {{Report and data package (Frictionless): data/datapackage.json}}\n}}")
