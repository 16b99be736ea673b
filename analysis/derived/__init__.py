"""The derived tables: the counts and comparisons the chapters and charts show, one module per question.

Every public function takes the published data (a :class:`~analysis.store.PublishedStore`, which
``book.setup_chapter`` hands each chapter) and returns a plain DataFrame that a chart draws and a reader
can download. Labels come from the data (voice names, plan names, theme labels) or from
:mod:`analysis.labels`, so a new row in the data shows up here without code changes.

* :mod:`.lookups`: names by id, plans in order, dates as the book prints them;
* :mod:`.timeline`: when things happened and when the sources were published;
* :mod:`.figures`: what the numbers measure;
* :mod:`.promises`: the Met's measures, and how far each account of them looks inward;
* :mod:`.critics`: the criticisms and the Met's words beside them;
* :mod:`.inside`: who speaks about the Met's own officers;
* :mod:`.how_we_know`: the coverage audit, exclusions and inferred dates;
* :mod:`.appendix`: the reader's tables of the appendices.
"""

from . import appendix, critics, figures, how_we_know, inside, lookups, promises, timeline

__all__ = ["appendix", "critics", "figures", "how_we_know", "inside", "lookups", "promises", "timeline"]
