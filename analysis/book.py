"""Putting the analysis on the page: charts as notebook outputs, and numbers glued into prose.

A chapter calls :func:`show` for each chart and :func:`glue_text` for the numbers its prose needs; the
Markdown then pastes them with ``{glue:figure}`` and ``{glue:md}``. Nothing is typed twice: a chart's
title, sources and text alternative come from its :class:`~analysis.charts.Figure`, a number in a
sentence from the data.

A chart's output carries several formats and the builder picks one (``nb_mime_priority_overrides``):

* ``text/html`` for the web: the chart drawn as SVG (so it shows without JavaScript), its Vega-Lite
  specification for ``_static/vawg-charts.js`` to make it interactive with the Vega bundle the book
  serves itself (never a CDN), the text alternative, and the data as a table and a CSV download;
* ``image/svg+xml`` for notebook viewers.
"""

from __future__ import annotations

import html
import json
import urllib.parse

import vl_convert
from IPython.display import Markdown, display
from myst_nb import glue

from .charts import Figure
from .report import Report


def report() -> Report:
    return Report()


def setup_chapter() -> Report:
    """What every chapter does first: load the data and glue every fact its prose may paste."""
    from .facts import all_facts

    chapter_report = Report()
    glue_text(**all_facts(chapter_report))
    return chapter_report


def svg_of(figure: Figure) -> str:
    return vl_convert.vegalite_to_svg(figure.spec())


def source_line(figure: Figure) -> str:
    return "Source: " + "; ".join(figure.sources) + ". Data and method: see the chart's data below and the appendices."


class ChartOutput:
    """A Figure as a notebook output (see the module docstring for its formats)."""

    def __init__(self, figure: Figure):
        self.figure = figure

    def _repr_mimebundle_(self, include=None, exclude=None):
        svg = svg_of(self.figure)
        return {"text/html": self.html(svg), "image/svg+xml": svg}

    def html(self, svg: str) -> str:
        figure = self.figure
        spec = json.dumps(figure.spec(), ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
        csv = figure.data.to_csv(index=False)
        table = figure.data.to_html(index=False, border=0, classes="vawg-chart__table", na_rep="")
        # The static drawing is decorative for assistive technology: the container's label says it all.
        drawing = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
        alt_text = html.escape(figure.alt_text, quote=True)
        return (
            f'<div class="vawg-chart" id="chart-{figure.id}" data-chart-id="{figure.id}">'
            f'<div class="vawg-chart__view" role="img" aria-label="{alt_text}">{drawing}</div>'
            f'<script type="application/json" class="vawg-chart__spec">{spec}</script>'
            f'<details class="vawg-chart__description"><summary>Describe this chart</summary>'
            f"<p>{html.escape(figure.alt_text)}</p></details>"
            f'<details class="vawg-chart__data"><summary>Data behind this chart</summary>{table}'
            f'<p><a class="vawg-chart__download" download="{figure.id}.csv" '
            f'href="data:text/csv;charset=utf-8,{urllib.parse.quote(csv)}">Download the data (CSV)</a></p>'
            f"</details></div>"
        )


def show(figure: Figure) -> None:
    """Glue a chart for ``{glue:figure} fig-<id>``, with its title and source line for the caption."""
    glue(f"fig-{figure.id}", ChartOutput(figure), display=False)
    glue(f"fig-{figure.id}-title", Markdown(figure.title), display=False)
    glue(f"fig-{figure.id}-source", Markdown(source_line(figure)), display=False)


def glue_text(**values: str) -> None:
    """Glue each value for ``{glue:md}`name``` in the prose."""
    for name, value in values.items():
        glue(name, Markdown(str(value)), display=False)


def show_table(frame, link_columns: tuple[str, ...] = (), download: str | None = None) -> None:
    """A table on the page as HTML (values escaped), without the index; URLs in ``link_columns`` become
    links, and ``download`` names a CSV of the table offered beneath it."""
    display(_HtmlTable(frame, link_columns, download))


class _HtmlTable:
    def __init__(self, frame, link_columns, download):
        self.frame, self.link_columns, self.download = frame, link_columns, download

    def _repr_html_(self):
        frame = self.frame.copy()
        for column in frame.columns:
            if column in self.link_columns:
                frame[column] = [f'<a href="{html.escape(v, quote=True)}">{html.escape(v)}</a>' if isinstance(v, str) and v else ""
                                 for v in frame[column]]
            else:
                frame[column] = [html.escape(str(v)) if v is not None and str(v) not in ("<NA>", "NaT", "nan") else ""
                                 for v in frame[column]]
        table = frame.to_html(index=False, border=0, classes="vawg-table", escape=False, na_rep="")
        link = ""
        if self.download:
            csv = self.frame.to_csv(index=False)
            link = (f'<p><a class="vawg-table__download" download="{self.download}" '
                    f'href="data:text/csv;charset=utf-8,{urllib.parse.quote(csv)}">Download {html.escape(self.download)}</a></p>')
        return f'<div class="vawg-table-wrap">{table}</div>{link}'


def citation(report: Report) -> str:
    """How to cite the report and its data, from the data package's metadata."""
    package = report.store.package()
    year = package["created"][:4]
    return (f"{package['title']}. Edition {package['version']}, {package['created'][:10]}.\n\n"
            f"@misc{{met_vawg_{year},\n"
            f"  title   = {{{package['title']}}},\n"
            f"  year    = {{{year}}},\n"
            f"  version = {{{package['version']}}},\n"
            f"  note    = {{Report and data package (Frictionless): data/datapackage.json}}\n}}")
