"""The quote role that marks a source page's quotes: article text is data, never markup, on the way
through MyST and into HTML and LaTeX."""

from __future__ import annotations

import re
import sys

from docutils.core import publish_doctree
from docutils.parsers.rst import roles
from myst_parser.parsers.docutils_ import Parser
from sphinx.util import texescape

from analysis.pages import Quote, _marked
from analysis.store import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "_ext"))
import vawg_quotes  # noqa: E402  (a Sphinx extension, loaded from _ext as the book loads it)

# Everything MyST or LaTeX could read as markup: backticks (one, two, and one at a quote's end), braces and
# substitutions, a backslash right before a quote, dollars, percent signs, emphasis, links, HTML, entities.
TEXT = r"Odd: `tick`, ``two``, C:\ {{ sub }} $5 & 50% *em* _u_ [a](b) <b>x</b> | pipe ~x~ #h &amp; end\ "


def parse(markdown: str):
    roles.register_local_role("quote", vawg_quotes.quote_role)
    document = publish_doctree(markdown, parser=Parser(),
                               settings_overrides={"myst_enable_extensions": ["substitution"], "report_level": 2,
                                                   "halt_level": 2})
    return document[0]


def test_a_marked_paragraph_reads_back_as_the_source_text_with_marks_where_the_data_put_them():
    quotes = [Quote("F003", "figures", "figure", 0, 12), Quote("M010", "measures", "measure", 6, 40),
              Quote("V001", "voices", "voice", 60, len(TEXT))]
    paragraph = parse(_marked(TEXT, 0, len(TEXT), quotes))
    assert paragraph.astext() == TEXT
    marks = [(node["rows"], node.astext()) for node in paragraph.findall(vawg_quotes.quote_mark)]
    assert marks == [(["F003"], TEXT[0:6]), (["F003", "M010"], TEXT[6:12]), (["M010"], TEXT[12:40]),
                     (["V001"], TEXT[60:])]


def test_a_quote_right_after_a_backslash_is_still_a_quote():
    paragraph = parse(_marked("path C:\\ then the quote", 0, 23, [Quote("F001", "figures", "figure", 8, 23)]))
    assert paragraph.astext() == "path C:\\ then the quote"
    assert [node.astext() for node in paragraph.findall(vawg_quotes.quote_mark)] == [" then the quote"]


class Writer:
    """The two writers' methods that the role's visitors use."""

    def __init__(self):
        self.body = []

    def attval(self, text):
        return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")

    def encode(self, text):
        texescape.init()
        return texescape.escape(text, "xelatex")


def test_html_keeps_the_mark_the_source_page_script_and_the_links_use():
    node = parse(_marked(TEXT, 0, len(TEXT), [Quote("F003", "figures", "figure", 6, 12), Quote("M010", "measures", "measure", 6, 40)]))
    writer = Writer()
    vawg_quotes.visit_quote_html(writer, next(node.findall(vawg_quotes.quote_mark)))
    assert writer.body == ['<mark class="vawg-quote" data-rows="F003 M010" title="F003 (figure); M010 (measure)">']


def test_latex_bands_every_word_and_escapes_the_text():
    writer = Writer()
    node = vawg_quotes.quote_mark(TEXT, TEXT, rows=["F003"], title="F003 (figure)")
    try:
        vawg_quotes.visit_quote_latex(writer, node)
    except vawg_quotes.nodes.SkipNode:
        pass
    latex = "".join(writer.body)
    assert latex.startswith(r"\vawgquote{\vawgword{Odd:}\vawgspace \vawgword{`tick`,}")
    assert latex.endswith(r"\vawgword{end\textbackslash{}}}{F003} ")  # the trailing space stays outside the band
    for escaped in (r"\$5", r"50\%", r"\&", r"\{\{", r"\}\}", r"\#h", r"\textasciitilde{}x\textasciitilde{}", r"\_u\_", r"C:\textbackslash{}"):
        assert escaped in latex, escaped
    assert not re.search(r"(?<!\\)[$%#&_^]", latex), "a character LaTeX would read as markup"
    assert latex.count(r"\vawgspace") == len(TEXT.split()) - 1  # every space inside the quote is banded too
