"""Chart PDFs with the same bytes for the same drawing.

vl-convert numbers a PDF's objects and orders its dictionaries' entries by hash maps that change from one
process to the next, so the same chart gave different bytes and the book's PDF differed between two builds
of the same inputs. qpdf (through pikepdf) rewrites the file canonically: objects numbered in the order they
are reached from the document's root, dictionary keys sorted, and an identifier computed from the content.
"""

from __future__ import annotations

import io

import pikepdf


def stable_pdf(data: bytes) -> bytes:
    """The same PDF written canonically, so that the same drawing always gives the same bytes."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable,
                 fix_metadata_version=False)
    return out.getvalue()
