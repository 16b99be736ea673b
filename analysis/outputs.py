"""Charts and tables as notebook outputs, each in the formats the builders pick from
(``nb_mime_priority_overrides``).

A chart's output:

* ``text/html`` for the web: the chart drawn as SVG (so it shows without JavaScript), its Vega-Lite
  specification for ``_static/vawg-charts.js`` to make it interactive with the Vega bundle the book
  serves itself (never a CDN), the text alternative, the data as a table, and links to the figure's
  files (``figures/<id>.csv``, ``.svg``, ``.png``, ``.vl.json``, written by :mod:`analysis.export`);
* ``image/svg+xml`` for notebook viewers;
* ``application/pdf`` for the PDF edition: the same chart as vector graphics, drawn without a browser.

A table's output carries ``text/html`` for the web and ``text/markdown`` (a MyST list-table, which Sphinx sets
as a real LaTeX table) for print.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import urllib.parse

import vl_convert

from .charts import LAYOUTS, Figure, drawing
from .escape import csv_frame, html_attr, html_text, myst_text, safe_url
from .labels import INFERRED_MARK
from .stable_pdf import stable_pdf
from .store import Store

# Where the reasons for inferred dates are listed, from a chapter page.
INFERRED_REASONS = "how-we-know.html#inferred-dates"


def rebased_to_root(html: str) -> str:
    """A chart or table written for a chapter page (its links relative to ``chapters/``) as the home page, at the
    book's root, shows it: the same links, one folder up."""
    return (html.replace('href="../figures/', 'href="figures/').replace('href="sources/', 'href="chapters/sources/')
            .replace('"quote_page": "sources/', '"quote_page": "chapters/sources/')
            .replace(f'href="{INFERRED_REASONS}', f'href="chapters/{INFERRED_REASONS}'))


def mark_inferred_html(escaped: str) -> str:
    """In escaped HTML, every date printed with the inferred mark becomes ``span.vawg-inferred`` and a link
    to the reasons."""
    mark = html_text(INFERRED_MARK)
    return re.sub(r"([^<>]*?)" + re.escape(mark) + r"(?=<|$)",
                  lambda m: (f'<span class="vawg-inferred">{m.group(1)}</span> '
                             f'<a class="vawg-inferred__why" href="{INFERRED_REASONS}">(inferred)</a>'), escaped)


def svg_of(figure: Figure, layout: str = "wide") -> str:
    """One layout of a chart as static SVG."""
    return drawing(figure.static_spec(layout))


def source_line(figure: Figure) -> str:
    """The caption's second line, on the web and in print: what the chart shows, then where it comes from."""
    return (f"{myst_text(figure.subtitle)}. Source: " + "; ".join(map(myst_text, figure.sources)) + ". The data behind every "
            "chart, row by row, are in the appendix \u201cthe data in full\u201d and the project's data files.")


class ChartOutput:
    """A Figure as a notebook output (see the module docstring for its formats)."""

    def __init__(self, figure: Figure):
        self.figure = figure

    def _repr_mimebundle_(self, include=None, exclude=None):
        svg = svg_of(self.figure)
        pdf = base64.b64encode(stable_pdf(vl_convert.vegalite_to_pdf(self.figure.static_spec()))).decode("ascii")
        return {"text/html": self.html(), "image/svg+xml": svg, "application/pdf": pdf}

    def html(self) -> str:
        """Each layout drawn (the page's style shows the one that fits its column, without JavaScript) and
        specified (the script draws the same one interactively), then the description, files and data."""
        figure = self.figure
        drawings, specs = [], []
        for layout, width in LAYOUTS.items():
            # The static drawing is decorative for assistive technology: the container's label says it all.
            svg = svg_of(figure, layout).replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
            drawings.append(f'<div class="vawg-chart__layout vawg-chart__layout--{layout}" data-layout="{layout}" '
                            f'data-width="{width}">{svg}</div>')
            # Inside <script>, no "<" may start a tag or a comment: JSON writes it as \u003c (and > and & alike).
            spec = (json.dumps(figure.spec(layout), ensure_ascii=False, sort_keys=True)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
            specs.append(f'<script type="application/json" class="vawg-chart__spec" data-layout="{layout}" '
                         f'data-width="{width}">{spec}</script>')
        table = mark_inferred_html(figure.data.rename(columns=heading).to_html(index=False, border=0, classes="vawg-chart__table", na_rep=""))
        alt_text = html_attr(figure.alt_text)
        return (
            f'<div class="vawg-chart" id="chart-{html_attr(figure.id)}" data-chart-id="{html_attr(figure.id)}">'
            f'<div class="vawg-chart__view" role="img" aria-label="{alt_text}">{"".join(drawings)}</div>'
            f'{"".join(specs)}'
            f'<details class="vawg-chart__description"><summary>Describe this chart</summary>'
            f"<p>{html_text(figure.alt_text)}</p></details>"
            f'<p class="vawg-chart__downloads">Download: '
            f'<a class="vawg-chart__download" href="../figures/{figure.id}.csv" download>the data (CSV)</a> · '
            f'<a href="../figures/{figure.id}.svg" download>SVG</a> · '
            f'<a href="../figures/{figure.id}.png" download>PNG</a> · '
            f'<a href="../figures/{figure.id}.vl.json" download>Vega-Lite specification</a></p>'
            f'<details class="vawg-chart__data"><summary>Data behind this chart</summary>{table}</details>'
            f"</div>"
        )


# An empty field of a record, which a reader should see is empty.
EMPTY_FIELD = "\u2014"
# Words that are abbreviations, as a heading writes them.
_HEADING_WORDS = {"id": "ID", "url": "URL", "sha256": "SHA-256", "vawg": "VAWG"}


def heading(column) -> str:
    """A column's header in words: a data field name (``figure_id``, ``corroboration_url``) becomes "Figure
    ID", "Corroboration URL"; a header already in words is kept. Any table on the page can use it
    (``frame.rename(columns=heading)``)."""
    text = str(column)
    if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", text):
        return text
    words = [_HEADING_WORDS.get(word, word) for word in text.split("_")]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


@functools.cache
def quote_hrefs() -> dict[str, str]:
    """Row id -> its quote on its source page, from a chapter page (chapters/…)."""
    from .pages import quote_href, quotes_by_source

    return {quote.row_id: quote_href(source_id, quote.row_id)
            for source_id, quotes in quotes_by_source(Store()).items() for quote in quotes}


def _cell(value) -> str:
    if hasattr(value, "date") and hasattr(value, "hour"):  # a date column: the date, without a time of day
        return "" if str(value) == "NaT" else value.date().isoformat()
    if isinstance(value, float) and value.is_integer():  # a whole number read as a float: 160, not 160.0
        return str(int(value))
    return "" if value is None or str(value) in ("<NA>", "NaT", "nan") else str(value)


class TableOutput:
    """A table as a notebook output: HTML for the web, a MyST list-table for print (see :func:`analysis.book.show_table`)."""
    def __init__(self, frame, link_columns, download, print_columns, row_anchor=None, records=False):
        self.frame, self.link_columns, self.download, self.row_anchor = frame, link_columns, download, row_anchor
        self.print_columns = print_columns or list(frame.columns)
        self.records = records

    def _repr_html_(self):
        hrefs = quote_hrefs()
        headers = [html_text(heading(column)) for column in self.frame.columns]
        rows = []  # (row id attribute, the cells' HTML)
        for values in self.frame.itertuples(index=False):
            first = _cell(values[0])
            cells = []
            for column, value in zip(self.frame.columns, values):
                text = _cell(value)
                if column in self.link_columns and safe_url(text):  # only http(s) becomes a link; anything else is text
                    cells.append(f'<a href="{html_attr(safe_url(text))}">{html_text(text)}</a>')
                elif column == self.frame.columns[0] and text in hrefs:
                    cells.append(f'<a href="{html_attr(hrefs[text])}" title="The quote in its source">{html_text(text)}</a>')
                else:
                    cells.append(mark_inferred_html(html_text(text)))
            anchor = f"{self.row_anchor}{first.lower()}" if self.row_anchor else f"row-{first}" if first in hrefs else None
            rows.append((f' id="{html_attr(anchor)}"' if anchor else "", cells))
        if self.records:
            blocks = "".join(
                f'<div class="vawg-record"{row_id}><p class="vawg-record__title">{cells[0]}</p><dl class="vawg-record__fields">'
                + "".join(f"<dt>{words}</dt><dd>{cell or EMPTY_FIELD}</dd>" for words, cell in zip(headers[1:], cells[1:]))
                + "</dl></div>" for row_id, cells in rows)
            return f'<div class="vawg-records">{blocks}</div>{self._download_link()}'
        # Printed from the browser, the table keeps the print columns, as the PDF edition does, so that it fits
        # the paper; where the header words a field name, the name itself shows on hover.
        classes = ['' if column in self.print_columns else ' class="vawg-noprint"' for column in self.frame.columns]
        head = "".join(f'<th scope="col"{css} title="{html_attr(column)}">{words}</th>' if words != html_text(column)
                       else f'<th scope="col"{css}>{words}</th>' for column, words, css in zip(self.frame.columns, headers, classes))
        body = "".join(f"<tr{row_id}>" + "".join(f"<td{css}>{cell}</td>" for cell, css in zip(cells, classes)) + "</tr>"
                       for row_id, cells in rows)
        table = f'<table class="vawg-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        # The wrapper scrolls sideways on a narrow screen; keyboard users reach it by Tab (axe: scrollable-region-focusable).
        return (f'<div class="vawg-table-wrap" tabindex="0" role="region" aria-label="Table (scrolls sideways on a narrow screen)">'
                f'{table}</div>{self._download_link()}')

    def _download_link(self) -> str:
        """The table as CSV, inline so that the notebook stands alone (the web book serves it as a file)."""
        if not self.download:
            return ""
        csv = csv_frame(self.frame).to_csv(index=False)  # no cell a spreadsheet would run as a formula
        return (f'<p><a class="vawg-table__download" download="{html_attr(self.download)}" '
                f'href="data:text/csv;charset=utf-8,{urllib.parse.quote(csv)}">Download {html_text(self.download)}</a></p>')

    def _repr_markdown_(self):
        """A MyST list-table set as a longtable (it breaks across pages) whose columns fit the page: see
        :func:`print_widths`. Field names print as words, so a header wraps between them."""
        def escape(value) -> str:
            return myst_text(re.sub(r"\s+", " ", _cell(value)).strip()) or " "

        columns = self.print_columns
        headers = [str(column).replace("_", " ") for column in columns]
        cells = [[re.sub(r"\s+", " ", _cell(value)).strip() for value in self.frame[column]] for column in columns]
        widths, size = print_widths(headers, cells)
        # A table too crowded for 9 pt is set at 8 pt: \vawgdensetable (_ext/vawg_print.py) sizes the next table.
        lines = ["```{raw} latex", r"\vawgdensetable", "```", ""] if size < _SIZES[0] else []
        lines += [":::{list-table}", ":header-rows: 1", ":class: longtable", ":widths: " + " ".join(map(str, widths)), ""]
        for row in [headers, *zip(*cells)]:
            lines.append("* - " + escape(row[0]))
            lines += ["  - " + escape(value) for value in row[1:]]
        lines.append(":::")
        return "\n".join(lines)


# The print table's measures, in points, for the font _ext/vawg_print.py sets tables in (Lato, 9 pt or 8 pt)
# and its 4 pt \tabcolsep: the text is 470 pt wide. A character's width at 9 pt is reckoned on the generous
# side by its kind. A line may break after a hyphen, and a word of letters longer than 8 may hyphenate, the
# parts of a hyphenated word too (a header word never does); numbers and ids may not. A table whose
# unbreakable words take more than three quarters of the line at 9 pt is set at 8 pt, so its text has room.
_LINE, _PAD, _HYPHENATES, _LONGEST_PIECE, _LONGEST_CELL, _BOLD, _SIZES, _CRAMPED = 470, 8, 8, 14, 40, 1.08, (9, 8), 0.75


def _points(text: str, size: float) -> float:
    return sum(6.4 if c.isupper() else 5.3 if c.isdigit() else 5.0 if c.isalpha() else 3.6 for c in text) * size / 9


def print_widths(headers: list[str], cells: list[list[str]]) -> tuple[list[int], int]:
    """Column widths for print, in points (each with its padding), and the type size, so that every header
    word and every unbreakable piece of a cell (a number or an id whole, a word up to its hyphens, and of a
    long word of letters the 8 that TeX may keep before hyphenating it) fits its column; the room left goes
    to the columns with the most text."""
    def pieces(text: str) -> list[str]:
        return [piece[:_HYPHENATES if re.fullmatch(r"\W*[^\W\d_]+\W*", piece) else _LONGEST_PIECE]
                for word in text.split() for piece in re.split(r"(?<=-)", word) if piece]

    room = _LINE - _PAD * len(headers)
    for size in _SIZES:
        floors = [max([_points(word, size) * _BOLD for word in header.split()] +
                      [_points(piece, size) for cell in column for piece in pieces(cell)])
                  for header, column in zip(headers, cells)]
        if sum(floors) <= room * _CRAMPED:
            break
    natural = [max(floor, max((_points(cell[:_LONGEST_CELL], size) for cell in column), default=0))
               for floor, column in zip(floors, cells)]
    if sum(natural) <= room:
        widths = natural
    elif sum(floors) < room:  # the room left goes by each column's amount of text, so rows are no taller than they need be
        amounts = [sum(_points(cell, size) for cell in column) for column in cells]
        widths = [f + (room - sum(floors)) * amount / sum(amounts) for f, amount in zip(floors, amounts)]
    else:  # too many columns for the page even at 8 pt: the floors, shrunk alike
        widths = [f * room / sum(floors) for f in floors]
    return [round(width + _PAD) for width in widths], size
