"""The README is for a newcomer: its commands must be the ones that work, its dictionary the current one."""

from pathlib import Path

from analysis.dictionary import data_dictionary_markdown
from analysis.store import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_carries_the_current_data_dictionary():
    assert data_dictionary_markdown() in README, "regenerate it: python -m analysis dictionary"


def test_ci_runs_the_readme_test_command():
    assert "bash scripts/test.sh" in README
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec bash scripts/test.sh" in ci


def test_every_table_in_the_package_is_described_in_the_readme():
    for path in sorted(Path(PROJECT_ROOT / "data").glob("*.csv")):
        assert f"| `{path.name}` |" in README, path.name
