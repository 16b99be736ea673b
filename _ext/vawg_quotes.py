"""The ``quote`` role: a passage of a source text that the data rest on, marked on the web and in print.

The source pages (``python -m analysis pages``) write each marked stretch as
``{quote}`F003 (figure); M010 (measure)|the words``` : the rows it carries, as the reader's hover title
gives them, then ``|`` and the article's words. The words are data, never markup: the role takes them as
they stand, and only ``%`` and the backtick (which would end the role) arrive percent-encoded
(``analysis.escape.role_words``); the writers escape them for HTML (``attval``, text nodes) and LaTeX (``encode``).

* HTML: ``<mark class="vawg-quote" data-rows="F003 M010" title="…">``, which the source page's script
  highlights when a reader arrives at ``#quote-f003``.
* LaTeX: a highlighter's band behind the words that breaks across lines and pages like ordinary text,
  followed by the rows in small type, so a printed table's row id leads to its passage.
"""

from __future__ import annotations

import re
import urllib.parse

from docutils import nodes

TITLE = re.compile(r"(\S+) \((\w+)\)")


class quote_mark(nodes.inline):
    """A stretch of source text covered by one or more quotes (``rows``), with its hover ``title``."""


def quote_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    title, bar, words = text.partition("|")
    rows = TITLE.findall(title)
    if not bar or not words or not rows or "; ".join(f"{row} ({kind})" for row, kind in rows) != title:
        message = inliner.reporter.error(f"quote: write the rows and the words, as `F003 (figure)|the words`, not {text!r}",
                                         line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    words = urllib.parse.unquote(words)
    return [quote_mark(words, words, rows=[row for row, _ in rows], title=title)], []


def visit_quote_html(self, node):
    self.body.append(f'<mark class="vawg-quote" data-rows="{self.attval(" ".join(node["rows"]))}" '
                     f'title="{self.attval(node["title"])}">')


def depart_quote_html(self, node):
    self.body.append("</mark>")


def visit_quote_latex(self, node):
    r"""Each word in its own highlighted box and each space a highlighted, stretchable, breakable glue
    (``\vawgquote``, ``\vawgword`` and ``\vawgspace`` in the print preamble): a line may break at any space,
    and after a hyphen or a dash, as in the text around it."""
    words = node.astext()
    pieces = []
    for word in re.split(r"[ \t]+", words.strip(" \t")):
        parts = re.split(r"(?<=[-\u2010\u2013\u2014/])(?=.)", word)
        pieces.append(r"\allowbreak".join(r"\vawgword{" + self.encode(part) + "}" for part in parts))
    # A space at either end stays an ordinary space outside the band, so the words around keep their gap.
    self.body.append((" " if words[:1] in " \t" else "") + r"\vawgquote{" + r"\vawgspace ".join(pieces) + "}{"
                     + self.encode(" ".join(node["rows"])) + "}" + (" " if words[-1:] in " \t" else ""))
    raise nodes.SkipNode


def _pass(self, node):
    pass


def setup(app):
    app.add_role("quote", quote_role)
    app.add_node(quote_mark, html=(visit_quote_html, depart_quote_html), latex=(visit_quote_latex, None),
                 text=(_pass, _pass), man=(_pass, _pass), texinfo=(_pass, _pass))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
