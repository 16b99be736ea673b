"""Sphinx extension for this book: offline charts and a clean page.

* The Vega, Vega-Lite and vega-embed JavaScript comes from vl-convert-python, which carries it, and is
  written into the built book's ``_static`` folder, wrapped so its top-level names do not leak into the
  page. Altair's own HTML output, which loads these from a CDN, is never used.
* The bundle and the script that draws the charts are added only to pages that have a chart.
* sphinx-thebe (which Jupyter Book 1 always loads) is switched off: it adds an inline script twice to
  every page (a console error) and a script from a CDN, and this book has no live code.
"""

from __future__ import annotations

from pathlib import Path

BUNDLE = "vega-bundle.js"
CHART_SCRIPT = "vawg-charts.js"
CHART_MARKER = 'class="vawg-chart"'
SOURCE_MARKER = 'class="vawg-source"'
SOURCE_SCRIPT = "vawg-sources.js"


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
        shutil.copytree(source, Path(app.outdir) / "figures", dirs_exist_ok=True)


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
    metadata = (f"\\hypersetup{{pdftitle={{{config.project}}}, pdfauthor={{{config.author}}}, "
                f"pdfsubject={{{package['description']}}}, pdfkeywords={{Metropolitan Police, violence against women and girls}}}}")
    elements["preamble"] = elements.get("preamble", "") + "\n" + metadata + "\n"
    config.latex_elements = elements


def setup(app):
    switch_off_thebe(app)
    app.connect("config-inited", edition_from_data_package)
    app.add_css_file("vawg.css")
    app.connect("html-page-context", add_chart_scripts)
    app.connect("build-finished", write_vega_bundle)
    app.connect("build-finished", copy_figure_files)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
