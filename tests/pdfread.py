"""Reading the PDF's drawing as a printer draws it: text sizes inside the embedded charts, and filled rectangles
of a colour (the quote marks).

Each chart is an imported PDF page, which the PDF carries as a form XObject, drawn with the transformation
that \\includegraphics gave it. A glyph's printed size is its font size (Tf) scaled by the text matrix (Tm),
the current transformation matrix (cm) of every enclosing level and the form's own /Matrix: the length of
the image of the text space's unit vertical vector, so rotated text (a y-axis title) is measured the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m, n):
    """m then n (PDF's row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


@dataclass(frozen=True)
class Chart:
    page: int  # 1-based
    sizes: tuple[float, ...]  # printed size in pt of every text-showing operation inside it

    @property
    def smallest(self) -> float:
        return min(self.sizes)


def _walk(reader, stream, resources, ctm, shown: list[float], on_form) -> None:
    """Interpret one content stream: track the graphics state, record the printed size of each text shown,
    and call ``on_form(form, ctm)`` for each form XObject drawn."""
    saved, tm, tlm, size, leading = [], IDENTITY, IDENTITY, 0.0, 0.0
    xobjects = (resources or {}).get("/XObject") or {}
    for operands, operator in ContentStream(stream, reader).operations:
        if operator == b"q":
            saved.append(ctm)
        elif operator == b"Q":
            ctm = saved.pop()
        elif operator == b"cm":
            ctm = multiply(tuple(map(float, operands)), ctm)
        elif operator == b"BT":
            tm = tlm = IDENTITY
        elif operator == b"Tf":
            size = float(operands[1])
        elif operator == b"TL":
            leading = float(operands[0])
        elif operator == b"Tm":
            tm = tlm = tuple(map(float, operands))
        elif operator in (b"Td", b"TD"):
            if operator == b"TD":
                leading = -float(operands[1])
            tm = tlm = multiply((1, 0, 0, 1, float(operands[0]), float(operands[1])), tlm)
        elif operator in (b"T*", b"'", b'"'):
            tm = tlm = multiply((1, 0, 0, 1, 0, -leading), tlm)
        if operator in (b"Tj", b"TJ", b"'", b'"'):
            a, b, c, d, _, _ = multiply(tm, ctm)
            shown.append(size * math.hypot(c, d))
        elif operator == b"Do":
            xobject = xobjects[operands[0]].get_object()
            if xobject.get("/Subtype") == "/Form":
                matrix = tuple(map(float, xobject.get("/Matrix", IDENTITY)))
                on_form(xobject, multiply(matrix, ctm))


def chart_text(pdf: Path) -> list[Chart]:
    """Every form XObject drawn on a page that shows text (the charts, in the order drawn), with the printed
    size of all the text inside it, forms nested in it included."""
    reader = PdfReader(pdf)
    charts = []
    for number, page in enumerate(reader.pages, start=1):
        def chart(form, ctm, number=number):
            shown: list[float] = []

            def nested(inner, inner_ctm):
                _walk(reader, inner, inner.get("/Resources"), inner_ctm, shown, nested)

            nested(form, ctm)
            if shown:
                charts.append(Chart(number, tuple(shown)))

        _walk(reader, page.get_contents(), page.get("/Resources"), IDENTITY, [], chart)
    return charts


def filled_rectangles(pdf: Path, rgb: tuple[int, int, int]) -> dict[int, int]:
    """Page (1-based) -> how many rectangles are filled in the colour ``rgb`` (0–255) on it, at page level."""
    wanted = tuple(value / 255 for value in rgb)
    reader = PdfReader(pdf)
    found = {}
    for number, page in enumerate(reader.pages, start=1):
        fill, saved, pending, count = None, [], False, 0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"rg":
                fill = tuple(float(value) for value in operands)
            elif operator == b"q":
                saved.append(fill)
            elif operator == b"Q":
                fill = saved.pop()
            elif operator == b"re":
                pending = True
            elif operator in (b"f", b"F", b"f*"):
                if pending and fill and all(abs(x - y) < 0.01 for x, y in zip(fill, wanted)):
                    count += 1
                pending = False
            elif operator == b"n" or operator == b"S":
                pending = False
        if count:
            found[number] = count
    return found
