"""Reproducible figures: the same data and code give the same files, and a stale figure is never shown."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from analysis.charts import ALL
from analysis.export import FIGURES_DIR, SUFFIXES, export_figures
from analysis.store import PublishedStore
from analysis.store import PROJECT_ROOT

from .conftest import copy_project


def files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("figures")
    export_figures(directory)
    return directory


def test_every_chart_has_its_four_files_named_by_its_id(exported):
    ids = [build(PublishedStore()).id for build in ALL]
    assert len(set(ids)) == len(ids)
    assert sorted(files(exported)) == sorted(f"{chart_id}{suffix}" for chart_id in ids for suffix in SUFFIXES)


def test_exporting_again_gives_byte_identical_files(exported, tmp_path):
    assert export_figures(exported) == [], "a second export into the same folder rewrote files"
    export_figures(tmp_path)
    assert files(tmp_path) == files(exported)


def test_the_committed_figures_are_what_the_code_and_data_give_today(exported):
    # After any build (which runs the export) figures/ must not change: same bytes on this machine and
    # on CI. A failure here means the figures were not regenerated, or something in them is not fixed.
    assert files(exported) == files(FIGURES_DIR), "run: python -m analysis figures"


def test_files_carry_no_generated_id_and_name_their_font(exported):
    # Renderer-generated ids (gradients, clip paths) count up within a process, so a file's bytes would
    # depend on what was drawn before it.
    for path in exported.glob("*.svg"):
        text = path.read_text(encoding="utf-8")
        assert "DejaVu Sans" in text, f"{path.name}: charts must name their font"
        assert ' id="' not in text, f"{path.name}: generated id"


@pytest.fixture(scope="module")
def second_project(tmp_path_factory) -> Path:
    """A plain copy of the project (no git, no build outputs), to build a second time from nothing."""
    return copy_project(tmp_path_factory.mktemp("second") / "project")


def build_in(project: Path) -> str:
    """The README's build command run in ``project``; the timeline page it built."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "SOURCE_DATE_EPOCH")}
    done = subprocess.run(["bash", "scripts/build.sh"], cwd=project, capture_output=True, text=True, env=env,
                          timeout=1800)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    return (project / "_build" / "html" / "chapters" / "timeline.html").read_text(encoding="utf-8")


def test_two_builds_of_the_same_inputs_give_byte_identical_pdfs(built_book, second_project):
    # A second build, elsewhere, from nothing: every chart executed and drawn again, every page set again.
    build_in(second_project)
    pdf = Path("_build", "latex", "met-vawg-report.pdf")
    first, second = (PROJECT_ROOT / pdf).read_bytes(), (second_project / pdf).read_bytes()
    differ = next((index for index, (a, b) in enumerate(zip(first, second)) if a != b), min(len(first), len(second)))
    assert first == second, (f"the PDF's bytes differ between two builds of the same inputs ({len(first)} and "
                             f"{len(second)} bytes), first at byte {differ}: {first[differ - 80:differ + 80]!r} "
                             f"against {second[differ - 80:differ + 80]!r}")


def test_a_changed_chart_helper_shows_in_the_next_build_despite_the_cache(second_project):
    project = second_project
    assert "a triangle marks a day the source states" in build_in(project)
    charts = project / "analysis" / "charts.py"
    text = charts.read_text(encoding="utf-8")
    assert text.count("a triangle marks a day the source states") == 1
    charts.write_text(text.replace("a triangle marks a day the source states",
                                   "a triangle marks a day stated in its source"), encoding="utf-8")
    rebuilt = build_in(project)
    chart = rebuilt[rebuilt.index('id="chart-timeline"'):]
    chart = chart[: chart.index("</figure>")]
    assert "a triangle marks a day stated in its source" in chart, "the rebuilt book shows a stale chart"
    assert "a triangle marks a day the source states" not in chart
    exported = json.loads((project / "figures" / "timeline.vl.json").read_text(encoding="utf-8"))
    assert "a triangle marks a day stated in its source" in " ".join(exported["title"]["subtitle"])


def test_drawings_name_no_third_party_address(exported):
    for path in list(exported.glob("*.svg")):
        assert "://" not in path.read_text(encoding="utf-8").replace("http://www.w3.org/", ""), path.name
