"""The report's analysis package: the one place that reads data/.

Chapters, tests and the command line load everything through here::

    import analysis
    figures = analysis.table("figures")          # typed by data/datapackage.json
    text = analysis.source_text("sky-ten-point-plan")

Modules: ``store`` (files and typed tables), ``numbers`` and ``dates`` (reading the sources' words),
``checks`` (validate), ``audit`` (coverage), ``dictionary`` (the data dictionary).
"""

from .store import Store

_DEFAULT = Store()


def table(name: str):
    """A table of data/ as a typed DataFrame: dates as datetimes, enumerations as ordered categories."""
    return _DEFAULT.table(name)


def source_text(source_id: str) -> str:
    """A source's full text, exactly as in its file (offsets in the tables index into it)."""
    return _DEFAULT.source_text(source_id)


def article_segments(source_id: str) -> list[tuple[int, str]]:
    """A source's article text as (offset, text) pieces, web furniture cut out."""
    return _DEFAULT.article_segments(source_id)
