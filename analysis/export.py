"""The files the book serves besides its pages.

* The figure files: every chart as SVG, PNG, Vega-Lite JSON and the CSV of its data, under figures/.
  ``python -m analysis figures`` writes them (the build runs it, and the book's download links point at
  them). The same data and code give byte-identical files: nothing in them carries a time, a random id or
  a machine's default font (the charts name DejaVu Sans, registered here from Debian's fonts-dejavu-core).
* The data package: ``datapackage.json`` and every table it declares, as the book publishes them (the naming
  policy applied, no cell a spreadsheet reads as a formula), which the web book serves under ``data/``
  (:func:`data_package_files`).
"""

from __future__ import annotations

import json
from pathlib import Path

import vl_convert

from .charts import CHARTS, Figure
from .escape import csv_cell, csv_document, csv_frame
from .naming import redact_record, withheld
from .store import PROJECT_ROOT, PublishedStore, Store

FIGURES_DIR = PROJECT_ROOT / "figures"
FONT_DIRECTORY = Path("/usr/share/fonts/truetype/dejavu")
SUFFIXES = (".svg", ".png", ".vl.json", ".csv")

if FONT_DIRECTORY.is_dir():
    vl_convert.register_font_directory(str(FONT_DIRECTORY))


def spec_json(figure: Figure) -> str:
    """The figure file's Vega-Lite specification (title, subtitle and source inside) as stable JSON, keys sorted."""
    return json.dumps(figure.file_spec(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def figure_files(figure: Figure) -> dict[str, bytes]:
    """The four files of one figure, by suffix: the wide drawing, with its title, subtitle and source in it."""
    drawing = figure.file_spec()
    return {
        ".svg": vl_convert.vegalite_to_svg(drawing).encode("utf-8"),
        ".png": vl_convert.vegalite_to_png(drawing, scale=2),
        ".vl.json": spec_json(figure).encode("utf-8"),
        # A reader opens it in a spreadsheet: no cell is read as a formula (analysis.escape.csv_cell).
        ".csv": csv_frame(figure.data).to_csv(index=False, lineterminator="\n").encode("utf-8"),
    }


def export_figures(directory: Path = FIGURES_DIR, store: Store | None = None) -> list[Path]:
    """Write every figure's files; rewrite only those whose bytes changed; remove files of charts that no
    longer exist. Returns the paths written."""
    published = PublishedStore((store or Store()).root)
    directory.mkdir(parents=True, exist_ok=True)
    written, wanted = [], set()
    for chart in CHARTS.values():
        figure = chart.figure(published)
        for suffix, content in figure_files(figure).items():
            path = directory / f"{figure.id}{suffix}"
            wanted.add(path)
            if not path.exists() or path.read_bytes() != content:
                path.write_bytes(content)
                written.append(path)
    for path in directory.iterdir():
        if path.is_file() and path not in wanted:
            path.unlink()
    return written


def data_package_files(store: Store | None = None) -> dict[str, str]:
    """The data package as the web book serves it, by path inside ``data/``: ``datapackage.json`` as it is, and each
    table it declares with the naming policy applied (withheld words replaced, as in every table the book shows)
    and every cell a spreadsheet would read as a formula made text. Columns and rows are the data's own."""
    store = store or Store()
    policy = withheld(store)
    files = {store.package_path.name: store.package_path.read_text(encoding="utf-8")}
    for name, resource in store.resources().items():
        header, rows = store.read_rows(name)
        published = (redact_record(name, row, policy) for _, row in rows)
        files[resource["path"]] = csv_document([header, *([csv_cell(row[column]) for column in header] for row in published)])
    return files
