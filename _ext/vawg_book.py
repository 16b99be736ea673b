"""Sphinx extension for this book: offline charts and a clean page.

* The Vega, Vega-Lite and vega-embed JavaScript comes from vl-convert-python, which carries it, and is
  written into the built book's ``_static`` folder, wrapped so its top-level names do not leak into the
  page. Altair's own HTML output, which loads these from a CDN, is never used.
* The bundle and the script that draws the charts are added only to pages that have a chart.
* sphinx-thebe (which Jupyter Book 1 always loads) is switched off: it adds an inline script twice to
  every page (a console error) and a script from a CDN, and this book has no live code.
* Care on every page: the content note and support lines are the theme's announcement on every web page
  and open every chapter of the PDF, from the one list in ``analysis.facts``.
* Light pages: Font Awesome's 1.5 MB script (which redraws as SVG the icons the theme's web font already
  draws) and the search index (used only by search-as-you-type, which is off; search.html loads it) are
  left out of every page by ``_templates/layout.html``; the assets of sphinx-design, sphinx-togglebutton and
  sphinx-copybutton load only on pages that use them; a table's CSV download is served as a file, not
  repeated inside the page as a data: URI.
* Every box that scrolls a wide table sideways is a named tab stop (the theme's Markdown tables too).
* Each chapter offers itself as a notebook: the executed .ipynb (outputs from the execution cache) is
  written to ``_sources/`` and the theme's download button links it.
* Data is never markup (``analysis.escape``): the theme's print heading gets the page title escaped, the
  search index's titles are escaped as its page titles are, and every CSV the web book serves (the tables',
  the figures' and the data package's) has no cell a spreadsheet would read as a formula.
* The data package (``datapackage.json`` and every table it declares, the naming policy applied) is served
  under ``data/``, so the pages that point at it (the data dictionary, how to cite) point at files that exist.
* Before any page is read, the source pages and (when the inputs changed) the figure files are written from
  the data, so a plain ``jupyter-book build .`` is complete and current (:func:`write_generated_sources`).
* The ``chart`` directive shows a chart declared in ``analysis.charts``: ``{chart} figures-by-claimant`` is the
  numbered figure ``fig-figures-by-claimant`` (the ``{numref}`` target), its drawing glued by the chapter's
  ``book.setup_chapter(...)``, its caption the chart's title and its source line.
* A chapter's "How this was counted" note is a footnote in its source: a footnote in the PDF, and on the web
  a disclosure after the paragraph that refers to it, which sits open in the margin on a desktop (``vawg.css``,
  ``vawg-page.js``) and closed in the column on a phone (:func:`counted_notes_on_the_web`).
* The ``inferred`` role prints an inferred date with its mark: ``{inferred}`3 November 2021 <E010>```
  links the date to its quote, wraps it in ``span.vawg-inferred`` and adds "(inferred)", which links to
  the reason on the web (and shows it on hover) and becomes a footnote with the reason in the PDF.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.statemachine import StringList
from myst_nb.ext.glue.directives import PasteFigureDirective
from sphinx import addnodes

BUNDLE = "vega-bundle.js"
CHART_SCRIPT = "vawg-charts.js"
CHART_MARKER = 'class="vawg-chart"'
SOURCE_MARKER = 'class="vawg-source"'
SOURCE_SCRIPT = "vawg-sources.js"


def import_this_checkout(srcdir: str) -> None:
    """The build and the chapters' kernels import the ``analysis`` package of the book being built, whatever the
    environment's path file names (a second checkout or a copy sharing one .venv): its folder leads this
    process's path and the PYTHONPATH the kernels inherit. ``_ext/vawg_stale.py`` digests this same folder."""
    srcdir = str(Path(srcdir).resolve())
    paths = [path for path in os.environ.get("PYTHONPATH", "").split(os.pathsep) if path and path != srcdir]
    os.environ["PYTHONPATH"] = os.pathsep.join([srcdir, *paths])
    if srcdir in sys.path:
        sys.path.remove(srcdir)
    sys.path.insert(0, srcdir)


def write_vega_bundle(app, exception) -> None:
    """Write the wrapped Vega bundle into the built book's _static folder (HTML builders only)."""
    if exception is not None or app.builder.format != "html":
        return
    import vl_convert

    target = Path(app.outdir) / "_static" / BUNDLE
    wrapped = (f"/* Vega {vl_convert.get_vega_version()}, Vega-Lite, vega-embed {vl_convert.get_vega_embed_version()}: "
               "bundled by vl-convert-python, wrapped so that only vega, vegaLite and vegaEmbed are global. */\n"
               "(function () {\n" + vl_convert.javascript_bundle() + "\n})();\n")
    if not target.exists() or target.read_text(encoding="utf-8") != wrapped:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(wrapped, encoding="utf-8")


def copy_figure_files(app, exception) -> None:
    """The figure files (figures/, written by `python -m analysis figures`) go with the web book, so each
    chart's download links work offline."""
    if exception is not None or app.builder.format != "html":
        return
    import shutil

    source = Path(app.srcdir) / "figures"
    if source.is_dir():
        target = Path(app.outdir) / "figures"
        shutil.copytree(source, target, dirs_exist_ok=True)
        csv_text = _escape().csv_text
        for path in target.glob("*.csv"):  # written neutralised by analysis.export; checked again as served
            text = path.read_text(encoding="utf-8")
            if csv_text(text) != text:
                path.write_text(csv_text(text), encoding="utf-8")


def copy_data_package(app, exception) -> None:
    """The data package goes with the web book under data/ (``datapackage.json`` and every table it declares, as
    the book publishes them: ``analysis.export.data_package_files``), so the dictionary's and how-to-cite's
    files are there to download, offline too."""
    if exception is not None or app.builder.format != "html":
        return
    analysis = _analysis()
    target = Path(app.outdir) / "data"
    for name, text in analysis.export.data_package_files(analysis.store.Store(Path(app.srcdir) / "data")).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def charts_at_the_root(app, pagename, templatename, context, doctree) -> None:
    """A page at the book's root (the home page) shows charts written for a chapter page: their links are rebased."""
    if "/" not in pagename and CHART_MARKER in context.get("body", ""):
        context["body"] = _analysis().outputs.rebased_to_root(context["body"])


def add_chart_scripts(app, pagename, templatename, context, doctree) -> None:
    """Only pages that show a chart load the 0.9 MB bundle; no inline script appears twice."""
    if CHART_MARKER in context.get("body", ""):
        app.add_js_file(BUNDLE, loading_method="defer")
        app.add_js_file(CHART_SCRIPT, loading_method="defer")
    if SOURCE_MARKER in context.get("body", ""):
        app.add_js_file(SOURCE_SCRIPT, loading_method="defer")
    seen, scripts = set(), []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {})
        key = ("body", attributes["body"]) if attributes.get("body") else ("file", getattr(script, "filename", str(script)))
        if key not in seen:
            seen.add(key)
            scripts.append(script)
    context["script_files"] = scripts


# Assets of extensions Jupyter Book always loads, and what in a page's body shows the page uses them.
EXTENSION_ASSETS = {
    "sphinx-design": (re.compile(r'class="[^"]*\bsd-'), ("sphinx-design.min.css", "design-tabs.js")),
    "togglebutton": (re.compile(r'class="(?:[^"]*\s)?(?:toggle|dropdown)[\s"]'), ("togglebutton.css", "togglebutton.js")),
    "copybutton": (re.compile(r'class="highlight'), ("copybutton.css", "copybutton.js", "clipboard.min.js")),
}
# show_table's CSV download, inline in the notebook output so that the notebook stands alone.
INLINE_CSV = re.compile(r'download="([A-Za-z0-9._-]+\.csv)" href="data:text/csv;charset=utf-8,([^"]*)"')


def without_scripts(markup: str, *names: str):
    """A template filter: the markup without the <script src=…> tags whose address contains one of ``names``."""
    from markupsafe import Markup

    for name in names:
        markup = re.sub(r'\s*<script[^>]*\ssrc="[^"]*' + re.escape(name) + r'[^"]*"[^>]*></script>', "", str(markup))
    return Markup(markup)


def add_template_filter(app) -> None:
    app.vawg_table_files = {}  # CSV name -> (page, text), written this build
    if hasattr(app.builder, "templates"):
        app.builder.templates.environment.filters["without_scripts"] = without_scripts


def drop_unused_assets(app, pagename, templatename, context, doctree) -> None:
    """A page loads an extension's CSS and JavaScript only if its body uses the extension."""
    body = context.get("body", "")
    unused = {name for pattern, names in EXTENSION_ASSETS.values() if not pattern.search(body) for name in names}

    def used(asset) -> bool:
        filename = getattr(asset, "filename", str(asset)) or ""  # an inline script has none
        return filename.split("?")[0].rsplit("/", 1)[-1] not in unused

    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if used(asset)]


def serve_table_downloads(app, pagename, templatename, context, doctree) -> None:
    """Each table's CSV, inline in the page as a data: URI, becomes a file under tables/ that the link points at."""
    import urllib.parse

    def to_file(match) -> str:
        name, text = match.group(1), _escape().csv_text(urllib.parse.unquote(match.group(2)))
        if app.vawg_table_files.setdefault(name, (pagename, text)) != (pagename, text):
            raise ValueError(f"{pagename}: {name} is already the name of a table on {app.vawg_table_files[name][0]}")
        target = Path(app.outdir) / "tables" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return f'download="{name}" href="{context["pathto"]("tables/" + name, 1)}"'

    if "body" in context:
        context["body"] = INLINE_CSV.sub(to_file, context["body"])


def name_table_scrollers(app, pagename, templatename, context, doctree) -> None:
    """The theme wraps each Markdown table in a box that scrolls sideways on a narrow screen (and makes it a
    tab stop only from JavaScript); like show_table's, the box is a tab stop with a name from the start."""
    if "body" in context:
        context["body"] = context["body"].replace(
            '<div class="pst-scrollable-table-container">',
            '<div class="pst-scrollable-table-container" tabindex="0" role="region" aria-label="Table (scrolls sideways on a narrow screen)">')


def offer_notebook(app, pagename, templatename, context, doctree) -> None:
    """A chapter's executed notebook (its outputs merged from the execution cache) goes to _sources/, where
    the theme's download button links it (``ipynb_source``). myst-nb's own copy in jupyter_execute/ has no
    outputs when they come from the cache."""
    source = Path(app.srcdir) / f"{pagename}.md"
    if not source.exists() or "kernelspec:" not in source.read_text(encoding="utf-8")[:1000]:
        return
    import jupytext
    import nbformat
    from jupyter_cache import get_cache
    from sphinx.util import logging

    try:
        _, notebook = get_cache(app.env.mystnb_config.execution_cache_path).merge_match_into_notebook(jupytext.read(source))
    except KeyError:
        logging.getLogger(__name__).warning(f"{pagename}: no executed notebook in the cache to offer for download")
        return
    notebook.metadata.pop("source_map", None)
    _show_glued_charts(notebook, nbformat)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def _show_glued_charts(notebook, nbformat) -> None:
    """A glued chart is a record for the book, which Jupyter does not display: the offered notebook shows
    each chart's drawing after its record, so a reader sees the charts before rerunning anything."""
    record = "application/papermill.record/"
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.outputs:
            outputs.append(output)
            svg = output.get("data", {}).get(record + "image/svg+xml")
            if svg:
                name = output["metadata"]["scrapbook"]["name"]
                outputs.append(nbformat.v4.new_output("display_data", data={"image/svg+xml": svg, "text/plain": f"Chart {name}"}))
        cell["outputs"] = outputs


def switch_off_thebe(app) -> None:
    for listeners in app.events.listeners.values():
        listeners[:] = [listener for listener in listeners if getattr(listener.handler, "__module__", "") != "sphinx_thebe"]
    app.registry.css_files[:] = [(name, attrs) for name, attrs in app.registry.css_files if name != "sphinx-thebe.css"]


def edition_from_data_package(app, config) -> None:
    """The edition's date and the PDF's metadata come from the data package, never the build clock, so
    two builds of the same edition are the same."""
    import datetime as dt
    import json

    package = json.loads((Path(app.srcdir) / "data" / "datapackage.json").read_text(encoding="utf-8"))
    created = dt.date.fromisoformat(package["created"][:10])
    config.today = f"Edition {package['version']}, {created.day} {created:%B %Y}"
    elements = dict(config.latex_elements or {})
    # The title and author are set with the title page (_ext/vawg_print.py).
    metadata = (f"\\hypersetup{{pdfsubject={{{_escape().latex_text(package['description'])}}}, "
                "pdfkeywords={Metropolitan Police, violence against women and girls}}")
    elements["preamble"] = elements.get("preamble", "") + "\n" + metadata + "\n"
    config.latex_elements = elements


def figures_leave_room_for_captions(app, config) -> None:
    """In print a tall chart is scaled to leave room on its page for its caption (title, subtitle, source),
    not to the whole text height, which would push the caption into the footer."""
    elements = dict(config.latex_elements or {})
    elements["preamble"] = elements.get("preamble", "") + (
        "\n\\makeatletter\\AtBeginDocument{\\spx@image@maxheight=0.86\\textheight}\\makeatother\n")
    config.latex_elements = elements


def _escape():
    """The book's escapers (analysis.escape), from the book's own source tree (:func:`import_this_checkout`)."""
    import analysis.escape

    return analysis.escape


def escape_print_heading(app, pagename, templatename, context, doctree) -> None:
    """sphinx-book-theme puts the page title, as plain text, into the page's print heading (``{{ pagetitle }}``,
    which its templates do not escape): it must arrive escaped, like every other title on the page."""
    if isinstance(context.get("pagetitle"), str):
        context["pagetitle"] = _escape().html_text(context["pagetitle"])


def escape_search_titles(app, exception) -> None:
    """Sphinx's search page sets each result's title as HTML; the index holds page titles escaped but section
    titles ("alltitles") as plain text. Escape those too, so a title is text in the search results."""
    if exception is not None or app.builder.format != "html":
        return
    import json

    path = Path(app.outdir) / "searchindex.js"
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    prefix, suffix = "Search.setIndex(", ")"
    if not (text.startswith(prefix) and text.rstrip().endswith(suffix)):
        return
    index = json.loads(text[len(prefix):text.rstrip().rindex(suffix)])
    html_text = _escape().html_text
    escaped = {}
    for title, found in index.get("alltitles", {}).items():
        escaped.setdefault(html_text(title), []).extend(found)
    if escaped != index.get("alltitles", {}):
        index["alltitles"] = escaped
        path.write_text(prefix + json.dumps(index, separators=(",", ":"), ensure_ascii=False) + suffix, encoding="utf-8")


def _analysis():
    """The book's analysis package, from its own source tree (:func:`import_this_checkout`)."""
    import analysis.book
    import analysis.derived
    import analysis.export
    import analysis.facts
    import analysis.outputs
    import analysis.pages

    return analysis


def write_generated_sources(app) -> None:
    """Before any page is read, what the book builds from the data besides the chapters: the source pages
    (``chapters/sources/``, as ``python -m analysis pages`` writes them; a second, rewriting only what changed)
    and, when the inputs (``_ext/vawg_stale.py``) changed since they were last written or one is missing, the
    figure files (``figures/``, as ``python -m analysis figures``; half a minute). So a plain ``jupyter-book
    build .`` serves neither a stale quote page nor a stale chart download."""
    from vawg_stale import RECORD

    root, analysis = Path(app.srcdir), _analysis()
    store = analysis.store.Store(root / "data")
    analysis.pages.write_source_pages(store, root / "chapters" / "sources")
    record, digest = Path(app.doctreedir) / RECORD.format("figures"), app.vawg_inputs_digest  # vawg_stale's, this build
    missing = any(not (root / "figures" / f"{chart_id}{suffix}").is_file()
                  for chart_id in analysis.charts.CHARTS for suffix in analysis.export.SUFFIXES)
    if missing or not record.is_file() or record.read_text(encoding="utf-8") != digest:
        analysis.export.export_figures(root / "figures", store)
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(digest, encoding="utf-8")


@functools.cache
def inferred_notes(srcdir: str) -> dict[str, str]:
    """Row id -> how its inferred date is known (events and sources), from the data."""
    analysis = _analysis()
    table = analysis.derived.how_we_know.inferred_dates_table(analysis.store.PublishedStore())
    return dict(zip(table["Row"], table["How it is known"]))


class ChartDirective(PasteFigureDirective):
    """``{chart} <id>``: what ``{glue:figure} fig-<id>`` with ``:name: fig-<id>`` and the chart's glued title and
    source line as its two caption paragraphs gives, from the chart's id alone."""

    has_content = False
    # A chart shown on two pages (the lede chart: the home page and its chapter) takes another target on one.
    option_spec = {"name": directives.unchanged}

    def run(self):
        label = _analysis().book.figure_label(self.arguments[0])
        self.arguments = [label]
        self.options = {"name": self.options.get("name", label)}
        self.content = StringList([f"{{glue:md}}`{label}-title:myst`", "", f"{{glue:md}}`{label}-source:myst`"],
                                  source=self.state.document.current_source)
        return super().run()


class PullQuoteDirective(Directive):
    """``{pullquote} C044``: a row's words set large, linked to their sentence, with who says them, from the
    data (:func:`analysis.facts.pull_quote`). Not running prose: the readability measure leaves it out."""

    required_arguments = 1
    has_content = False

    def run(self):
        analysis = _analysis()
        try:
            words, who = analysis.facts.pull_quote(analysis.store.PublishedStore(), self.arguments[0])
        except KeyError as error:
            raise self.error(f"pullquote: {error.args[0]}") from None
        quote = nodes.block_quote(classes=["pull-quote", "vawg-pullquote"])
        self.state.nested_parse(StringList([words], source=self.state.document.current_source), self.content_offset, quote)
        quote += nodes.attribution(who, who)
        return [quote]


COUNTED = "How this was counted"


class counted_note(nodes.General, nodes.Element):
    """A "How this was counted" footnote as the web shows it: a disclosure after its paragraph."""


def visit_counted_note_html(self, node):
    self.body.append(f'<details class="vawg-counted sidenote"><summary>{COUNTED}</summary>')


def depart_counted_note_html(self, node):
    self.body.append("</details>")


def counted_notes_on_the_web(app, doctree, docname) -> None:
    """On the web, each footnote that begins "How this was counted" leaves the footnotes for a disclosure right
    after the paragraph that refers to it (its lead-in words become the disclosure's summary); print keeps it as
    a footnote. Other footnotes are left as they are."""
    if app.builder.format != "html":
        return
    notes = {name: note for note in doctree.findall(nodes.footnote) for name in note["ids"]}
    for reference in list(doctree.findall(nodes.footnote_reference)):
        note = notes.get(reference.get("refid"))
        paragraphs = [child for child in note.children if not isinstance(child, nodes.label)] if note else []
        if not paragraphs or not paragraphs[0].astext().startswith(COUNTED):
            continue
        disclosure = counted_note()
        disclosure.extend(child.deepcopy() for child in paragraphs)
        first = disclosure.children[0]
        lead = next(iter(first.findall(nodes.strong)), None)
        if lead is not None and lead.astext().startswith(COUNTED):  # the summary says it
            lead.parent.remove(lead)
            text = next(iter(first.findall(nodes.Text)), None)
            if text is not None:
                text.parent.replace(text, nodes.Text(text.astext().lstrip()))
        paragraph = reference.parent
        while not isinstance(paragraph, nodes.paragraph):
            paragraph = paragraph.parent
        paragraph.parent.insert(paragraph.parent.index(paragraph) + 1, disclosure)
        reference.parent.remove(reference)
        note.parent.remove(note)


class data_file(nodes.literal):
    """A file of the published data package (``{data-file}`datapackage.json```): on the web a link to the copy the
    book serves under ``data/`` (naming policy applied, cells formula-safe), in print its name."""


def data_file_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    file = text.strip()
    if not re.fullmatch(r"[a-z0-9_-]+\.(csv|json)", file):
        message = inliner.reporter.error(f"data-file: name a file of the data package, not {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [data_file(f"data/{file}", f"data/{file}", file=file)], []


def visit_data_file_html(self, node):
    href = self.builder.get_relative_uri(self.builder.current_docname, "index").rsplit("index", 1)[0] + f"data/{node['file']}"
    self.body.append(f'<a class="reference external vawg-data-file" href="{self.attval(href)}">')
    self.visit_literal(node)


def depart_data_file_html(self, node):
    self.depart_literal(node)
    self.body.append("</a>")


class inferred_date(nodes.inline):
    """An inferred date: its text (linked to its quote) and the mark, which carries the reason."""


class inferred_why(nodes.inline):
    """The "(inferred)" mark after an inferred date."""


def inferred_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    match = re.fullmatch(r"\s*(.+?)\s*<([A-Za-z0-9-]+)>\s*", text)
    if not match:
        message = inliner.reporter.error(f"inferred: write the date and its row, as `3 November 2021 <E010>`, not {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    words, row = match.groups()
    srcdir = inliner.document.settings.env.srcdir
    note = inferred_notes(str(srcdir)).get(row)
    if note is None:
        message = inliner.reporter.error(f"inferred: {row} has no inferred date in the data", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    date = nodes.inline(words, words)
    analysis = _analysis()
    if row in analysis.outputs.quote_hrefs():  # a row with a quote (an event, not a source): the date links to it
        date = addnodes.pending_xref("", date, refdomain="std", reftype="ref", reftarget=analysis.pages.quote_label(row),
                                     refexplicit=True, refwarn=True)
    # (rawsource, text, *children): the date node is a child, never the text, or it would print as markup.
    node = inferred_date("", "", date, classes=["vawg-inferred"], row=row, note=note)
    node += inferred_why("", " (inferred)", row=row, note=note)
    return [node], []


def visit_inferred_date_html(self, node):
    self.body.append(f'<span class="vawg-inferred" data-row="{self.attval(node["row"])}">')


def depart_inferred_date_html(self, node):
    self.body.append("</span>")


def visit_inferred_why_html(self, node):
    href = self.builder.get_relative_uri(self.builder.current_docname, "chapters/how-we-know") + f"#inferred-{node['row'].lower()}"
    self.body.append(f' <a class="vawg-inferred__why" href="{self.attval(href)}" title="Inferred: {self.attval(node["note"])}">(inferred)</a>')
    raise nodes.SkipNode


def visit_inferred_date_latex(self, node):
    """In print the date is plain text (its quote is a page away) followed by the mark and its footnote."""
    date = node.astext().removesuffix(" (inferred)")
    self.body.append(self.encode(date) + r" (inferred)\footnote{Inferred: " + self.encode(node["note"]) + "}")
    raise nodes.SkipNode


def visit_inferred_why_latex(self, node):
    self.body.append(r" (inferred)\footnote{Inferred: " + self.encode(node["note"]) + "}")
    raise nodes.SkipNode


def visit_inferred_why_text(self, node):
    self.add_text(" (inferred)")
    raise nodes.SkipNode


def _pass(self, node):
    pass


def care_on_every_page(app, config) -> None:
    """The support lines: the announcement on every web page, and at the start of every PDF chapter."""
    support = _analysis().facts.SUPPORT_LINES
    escape = _escape()
    # One compact line on every page (two at most on a phone): the note and the first helpline; the full list
    # opens from it with a tap, with no script and no other page to load.
    (first, first_number, _), web = support[0], "".join(
        f"<li>{escape.html_text(name)}: <strong>{escape.html_text(number)}</strong> ({escape.html_text(when)})</li>"
        for name, number, when in support)
    options = dict(config.html_theme_options or {})
    options["announcement"] = (
        '<details class="vawg-support"><summary>Content note: rape, domestic abuse, murder, suicide. '
        f"{escape.html_text(first)} <strong>{escape.html_text(first_number)}</strong> · "
        f'<span class="vawg-support__more">all helplines</span></summary><ul>{web}</ul></details>')
    config.html_theme_options = options

    print_lines = "; ".join(f"{escape.latex_text(name)} \\textbf{{{escape.latex_text(number).replace(' ', '~')}}}"
                            for name, number, _ in support)
    elements = dict(config.latex_elements or {})
    elements["preamble"] = elements.get("preamble", "") + (
        "\n\\usepackage{etoolbox}\n"
        "\\newcommand{\\vawgsupport}{\\par\\noindent{\\small\\itshape Content note: this report discusses rape, domestic abuse, "
        f"murder and suicide. Support: {print_lines}.}}\\par\\bigskip}}\n"
        "\\makeatletter\\apptocmd{\\@makechapterhead}{\\vawgsupport}{}{}\\makeatother\n")
    config.latex_elements = elements


def setup(app):
    import_this_checkout(app.srcdir)  # first: vawg_print, loaded next, imports analysis
    switch_off_thebe(app)
    app.connect("config-inited", edition_from_data_package)
    app.connect("config-inited", care_on_every_page)
    app.connect("config-inited", figures_leave_room_for_captions)
    app.add_role("inferred", inferred_role)
    app.add_role("data-file", data_file_role)
    app.add_node(data_file, html=(visit_data_file_html, depart_data_file_html),
                 latex=(lambda self, node: self.visit_literal(node), lambda self, node: self.depart_literal(node)),
                 text=(_pass, _pass), man=(_pass, _pass), texinfo=(_pass, _pass))
    app.add_directive("chart", ChartDirective)
    app.add_directive("pullquote", PullQuoteDirective)
    app.add_node(counted_note, html=(visit_counted_note_html, depart_counted_note_html), latex=(_pass, _pass),
                 text=(_pass, _pass), man=(_pass, _pass), texinfo=(_pass, _pass))
    app.connect("doctree-resolved", counted_notes_on_the_web)
    app.add_node(inferred_date, html=(visit_inferred_date_html, depart_inferred_date_html), latex=(visit_inferred_date_latex, None),
                 text=(_pass, _pass), man=(_pass, _pass), texinfo=(_pass, _pass))
    app.add_node(inferred_why, html=(visit_inferred_why_html, None), latex=(visit_inferred_why_latex, None),
                 text=(visit_inferred_why_text, None), man=(visit_inferred_why_text, None), texinfo=(visit_inferred_why_text, None))
    app.add_css_file("vawg.css")
    app.add_js_file("vawg-page.js", loading_method="defer")
    app.connect("builder-inited", add_template_filter)
    app.connect("builder-inited", write_generated_sources, priority=700)  # after vawg_stale (600)
    app.connect("html-page-context", charts_at_the_root)
    app.connect("html-page-context", add_chart_scripts)
    app.connect("html-page-context", drop_unused_assets)
    app.connect("html-page-context", serve_table_downloads)
    app.connect("html-page-context", name_table_scrollers)
    # After sphinx-book-theme sets pagetitle (priority 500).
    app.connect("html-page-context", escape_print_heading, priority=520)
    # Before sphinx-book-theme's header buttons (priority 501) read ipynb_source.
    app.connect("html-page-context", offer_notebook, priority=450)
    app.connect("build-finished", write_vega_bundle)
    app.connect("build-finished", copy_figure_files)
    app.connect("build-finished", copy_data_package)
    app.connect("build-finished", escape_search_titles)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
