"""Each escaper of analysis.escape, on its own: what comes out is read back as the same text, never as markup."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from analysis.escape import csv_cell, csv_frame, csv_text, html_attr, html_text, latex_text, myst_text, myst_url, role_words, safe_url

# Every MyST construct a line of article text (or a name typed at the command line) could hold.
MYST_LINES = [
    "(quote-F003)=", "% a comment", "+++", "+++ {\"meta\": 1}", "# heading", "## heading ##", "> quoted", "- item",
    "* item", "+ item", "1. first", "12) twelfth", ":::{note}", "::: note", "```python", "~~~", "---", "***", "___",
    "===", "| a | b |", "|---|---|", "$$", "$x^2$", "<div>raw</div>", "<script>window.__pwned=1</script>",
    "{directive}", "```{eval-rst}", "(label)=", "[^1]: a footnote", "[x]: https://example.org", "[link](https://e.org)",
    "![img](x.png)", "    four spaces", "\tindented by a tab", "trailing two spaces  ", "backslash at the end\\",
    "{{ 7*7 }}", "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{sub}`x`", "{ref}`quote-F003`",
    "<https://example.org>", "&amp; &copy; &#60;", "*em* **strong** _u_ __uu__", "`code` ``two``", "~~strike~~",
    "a\\*b", ": a definition", "Term", "<!-- comment -->", "\\", "=cmd|' /C calc'!A0", "@SUM(1+1)", "  ", "-",
    "C:\\path\\ then", "50% of $5 & #3", "x]: y", "\u00a0non-breaking\u00a0",
]


def parse(markdown: str, extensions=("colon_fence", "deflist", "substitution", "dollarmath")):
    return publish_doctree(markdown, parser=Parser(), settings_overrides={
        "myst_enable_extensions": list(extensions), "report_level": 2, "halt_level": 2, "myst_footnote_transition": False})


@pytest.mark.parametrize("line", MYST_LINES)
def test_myst_text_reads_back_as_the_same_characters_in_one_paragraph(line):
    # With every extension that could read it as markup switched on, substitutions (Jinja) included.
    document = parse(myst_text(line))
    assert [type(child) for child in document.children] == [nodes.paragraph], (line, document.pformat())
    paragraph = document[0]
    assert all(isinstance(node, nodes.Text) for node in paragraph.children), (line, paragraph.pformat())
    assert paragraph.astext() == line.strip(" \t") or paragraph.astext() == line, (line, paragraph.astext())


@pytest.mark.parametrize("line", MYST_LINES)
def test_myst_text_stays_text_after_a_list_marker_a_heading_and_inside_emphasis(line):
    for template, node_type in (("- Published by: {}", nodes.bullet_list), ("**{}**", nodes.paragraph)):
        document = parse(template.format(myst_text(line)))
        assert [type(child) for child in document.children] == [node_type], (template, line, document.pformat())
        assert line.strip(" \t") in document.astext() or line in document.astext(), (template, line, document.astext())
        assert not list(document.findall(nodes.raw)) and not list(document.findall(nodes.target))


def test_myst_text_makes_a_line_break_a_space_so_one_value_is_one_line():
    assert myst_text("a\n# b\r\n- c\rd") == "a \\# b - c d"  # "-" is no longer at a line start


def test_myst_text_keeps_plain_words_as_they_are():
    assert myst_text("Over 2,500 officers, the Met's plan (2021): “quoted” – done.") == \
        "Over 2,500 officers, the Met's plan (2021): “quoted” – done."


def test_myst_url_links_only_http():
    assert myst_url("https://example.org/a_b") == "<https://example.org/a_b>"
    assert myst_url("javascript:alert(1)") == "javascript:alert(1)"
    document = parse("Address: " + myst_url("https://example.org/x><img/src=x/onerror=alert(1)>"))
    assert not list(document.findall(nodes.raw))
    [reference] = document.findall(nodes.reference)
    assert reference["refuri"].startswith("https://example.org/x%3E%3Cimg")
    # With spaces it is no address at all: text.
    document = parse("Address: " + myst_url("https://example.org/x><img src=x onerror=alert(1)>"))
    assert not list(document.findall(nodes.raw)) and not list(document.findall(nodes.reference))
    for url in ("javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "vbscript:x"):
        document = parse("Address: " + myst_url(url))
        assert not list(document.findall(nodes.reference)) and document.astext() == "Address: " + url


@pytest.mark.parametrize("url", [
    "javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "\x01javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox", "file:///etc/passwd",
    "//evil.example/x", "/relative", "http:/missing-slash", "https://", "mailto:a@b.c", "", None, 3.0, "http:\\\\evil.example",
])
def test_safe_url_refuses_everything_but_http_and_https(url):
    assert safe_url(url) is None


def test_safe_url_keeps_a_real_address_and_encodes_what_would_end_its_markup():
    assert safe_url("https://www.evaw.org.uk/2021/response?a=1&b=2#top") == "https://www.evaw.org.uk/2021/response?a=1&b=2#top"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    assert safe_url("https://e.org/a\"c'd<e>f`g{h}") == "https://e.org/a%22c%27d%3Ce%3Ef%60g%7Bh%7D"
    assert safe_url("https://e.org/a b") is None  # a space, a control or a format character: no address


def test_html_text_and_attr():
    assert html_text('<img src=x onerror="alert(1)"> & \'') == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; '"
    assert html_attr('" onmouseover=\'x\' <') == "&quot; onmouseover=&#x27;x&#x27; &lt;"


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://e.org\",\"x\")", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+SUM(1,1)",
                                  "-2+3", "\t=1+1", "\r=1+1", "=1", "-", "+", "@", "-cmd", "- 3", "--3", "-3-", " =1",
                                  "  @SUM(1)"])
def test_csv_cell_neutralises_formulas(cell):
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-3", "-0.5", "+3", "-.5", "-1e5", "3", "Over 2,500", "'=already", "a=b", " -3", "", None, -3, -0.5])
def test_csv_cell_keeps_numbers_and_plain_text(cell):
    assert csv_cell(cell) == cell


def test_csv_frame_and_csv_text_agree_and_keep_numbers():
    frame = pd.DataFrame({"what": ["=cmd|' /C calc'!A0", "-3", "ok", None], "n": [-3, -1, 2, 4], "x": [-0.5, 1.0, None, 2.5]})
    written = csv_frame(frame).to_csv(index=False, lineterminator="\n")
    rows = list(csv.reader(io.StringIO(written)))
    assert rows[1] == ["'=cmd|' /C calc'!A0", "-3", "-0.5"] and rows[2][:2] == ["-3", "-1"]
    assert csv_text(frame.to_csv(index=False, lineterminator="\n")) == written
    assert csv_text(written) == written  # idempotent: a neutralised file is left byte for byte
    assert frame.loc[0, "what"] == "=cmd|' /C calc'!A0"  # the data themselves are not rewritten


def test_latex_text_escapes_the_ten_specials():
    assert latex_text(r"\ { } $ & # ^ _ % ~") == r"\textbackslash{} \{ \} \$ \& \# \^{} \_ \% \textasciitilde{}"
    assert latex_text("a\nb") == "a b"


def test_role_words_encode_only_what_ends_the_role_and_the_escape():
    assert role_words("50% `x` {{ y }}") == "50%25 %60x%60 {{ y }}"


def test_the_data_dictionary_prints_the_package_s_words_as_text(data_copy):
    # The dictionary page is made from datapackage.json, a data file like any other: never markup.
    import json

    from analysis.dictionary import data_dictionary_markdown
    from analysis.store import Store

    package_path = data_copy / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["resources"][0]["description"] = 'Sources <img src=x onerror="window.__pwned=1"> {eval-rst}`x` with `code`'
    package["resources"][0]["schema"]["fields"][0]["description"] = "<script>window.__pwned=1</script> | {{ 7*7 }}"
    package_path.write_text(json.dumps(package), encoding="utf-8")
    text = data_dictionary_markdown(Store(data_copy))
    import re

    assert not re.search(r"(?<!\\)(<img|<script|\{eval-rst\}|\{\{)", text)
    assert "\\<img src=x onerror=\"window.\\_\\_pwned=1\"\\>" in text and "with `code`" in text
    assert "\\<script\\>window.\\_\\_pwned=1\\</script\\> \\| \\{\\{ 7\\*7 \\}\\}" in text
