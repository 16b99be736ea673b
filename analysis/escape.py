"""Data is never markup: every value that comes from outside (an article's text, a command-line argument, a
cell of a review sheet) is escaped for the place it lands, by one of these functions and nowhere else.

* :func:`myst_text`: inline text inside MyST Markdown (a page, a glued fact, a print table's cell);
* :func:`myst_url`: an address in MyST, a link only if it is http(s), text otherwise;
* :func:`html_text` and :func:`html_attr`: text and attribute values in HTML;
* :func:`safe_url`: the only addresses that may become links (http and https);
* :func:`csv_cell` and :func:`csv_frame`: cells of a CSV the book serves, never read as a spreadsheet formula;
* :func:`csv_document`: rows as CSV, every line break inside a cell quoted;
* :func:`latex_text`: text inside raw LaTeX;
* :func:`role_words`: words inside the book's ``quote`` role, which takes them literally.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
import urllib.parse

# Characters MyST reads as markup anywhere in a line: emphasis, code, links, HTML, headings, tables, maths,
# roles and substitutions ({ }), character references (&). Each is backslash-escaped; a backslash itself
# becomes a character reference, so that a role written right after it still starts a role.
_MYST_ANYWHERE = re.compile(r"[\\`*_\[\]<>#|$~{}&]")
# What MyST reads as markup only at the start of a line: lists (- + * 1. 1)), thematic breaks and setext
# underlines (- = _), block breaks (+++), comments (%), targets ((label)=), definition lists and colon
# fences (:), images (!).
_MYST_LINE_START = re.compile(r"^([ \t]*)([-+=:(%!]|\d{1,9}(?=[.)]))")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85|\x0b|\x0c")


def myst_text(text) -> str:
    """Text as inline MyST that renders as exactly these characters (a line break becomes a space)."""
    text = _LINE_BREAK.sub(" ", str(text))
    text = _MYST_ANYWHERE.sub(lambda m: "&#92;" if m.group() == "\\" else "\\" + m.group(), text)
    text = _MYST_LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), text)
    # Whitespace at either end, written as a character reference: leading spaces would indent a code block,
    # trailing ones make a hard line break, and the parser would strip either (a non-breaking space too).
    if text[:1].isspace():
        text = f"&#{ord(text[0])};" + text[1:]
    if len(text) > 1 and text[-1].isspace():
        text = text[:-1] + f"&#{ord(text[-1])};"
    return text


def myst_url(url) -> str:
    """An address in MyST: an autolink if it is http(s), otherwise the address as text."""
    safe = safe_url(url)
    return f"<{safe}>" if safe else myst_text(url)


def html_text(text) -> str:
    """Text inside an HTML element: ``& < > "`` as character references, as Sphinx writes text."""
    return html.escape(str(text), quote=False).replace('"', "&quot;")


def html_attr(text) -> str:
    """A value inside a quoted HTML attribute: ``& < > " '`` as character references."""
    return html.escape(str(text), quote=True)


# Browsers ignore these around and inside a scheme; a check must too.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")
# Characters that would end an autolink, an attribute or a LaTeX argument, percent-encoded in a safe address.
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f<>\"'`\\{}|^]")


def safe_url(url) -> str | None:
    """The address if it is http(s) with a host (characters that could end its markup percent-encoded), else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    scheme = _URL_IGNORED.sub("", url).split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https") or not re.match(r"(?i)https?://[^/?#\s]", url):
        return None
    if any(character.isspace() or unicodedata.category(character).startswith("C") for character in url):
        return None  # a control, format (bidi, zero-width) or unassigned character: a spoofed or broken address
    try:
        parts = urllib.parse.urlsplit(url)
        if not parts.hostname or parts.hostname.strip(".") == "":
            return None
        _ = parts.port  # raises ValueError on a port out of range
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)


# A cell that a spreadsheet would read as a formula (OWASP's list), unless it is a plain number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value):
    """A CSV cell a spreadsheet takes as text: one starting with = + - @ tab or CR gets a leading ``'`` (numbers kept)."""
    # Leading spaces are looked through: some spreadsheets drop them and then read the formula.
    if isinstance(value, str) and value.lstrip(" ").startswith(_FORMULA_START) and not _NUMBER.fullmatch(value.strip(" ")):
        return "'" + value
    return value


def csv_frame(frame):
    """A copy of a DataFrame whose text cells are :func:`csv_cell`'s, for writing as CSV."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype.kind not in "biufcmM":
            frame[column] = frame[column].map(csv_cell)
    return frame


_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "^": r"\^{}",
          "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}", "\n": " ", "\r": " "}


def latex_text(text) -> str:
    """Text inside raw LaTeX: its ten special characters escaped, line breaks as spaces."""
    return re.sub(r"[\\{}$&#^_%~\r\n]", lambda m: _LATEX[m.group()], str(text))


def role_words(text) -> str:
    """Words inside the ``quote`` role, taken literally: ``%`` and the backtick percent-encoded (the role decodes them)."""
    return str(text).replace("%", "%25").replace("`", "%60")


def csv_text(text: str) -> str:
    """A CSV document with every cell :func:`csv_cell`'s; returned unchanged if no cell needed it."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(csv_cell(cell) != cell for row in rows for cell in row):
        return text
    return csv_document([[csv_cell(cell) for cell in row] for row in rows], "\r\n" if "\r\n" in text else "\n")


def csv_document(rows, terminator: str = "\n") -> str:
    """Rows as a CSV document, a cell quoted whenever it holds a line break of any kind.

    The csv module quotes only the characters of its own line terminator, so with ``\n`` it would write a
    carriage return bare, and a reader would end the row there."""
    lines = []
    for row in rows:
        line = io.StringIO(newline="")
        csv.writer(line, lineterminator="\r\n").writerow(["" if cell is None else cell for cell in row])
        lines.append(line.getvalue()[:-2] + terminator)
    return "".join(lines)
