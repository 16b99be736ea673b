"""Inside the force: who speaks about the Met's own officers, and in what kind of row."""

from __future__ import annotations

import pandas as pd

from .. import schema
from ..labels import INWARD_CATEGORY
from ..store import Store
from .critics import criticisms
from .figures import figures
from .promises import counted_measures


def themes_of_the_force(store: Store) -> list[str]:
    """The themes that criticise the force itself (its culture, its priorities), as the data package declares them,
    each checked to be a theme."""
    declared = schema.themes_of_the_force(store)
    unknown = set(declared) - set(store.table("themes")["theme_id"])
    if unknown:
        raise ValueError(f"data/datapackage.json: themesOfTheForce names themes not in themes.csv: {', '.join(sorted(unknown))}")
    return declared


# The kinds of row that speak about the Met's own officers, in the order the chart shows them.
MEASURE_ROW, FIGURE_ROW, CRITICISM_ROW = "Inward measure reported", "Figure cited", "Criticism of culture or priorities"
MISCONDUCT_ROWS = (MEASURE_ROW, FIGURE_ROW, CRITICISM_ROW)


def misconduct_voices(store: Store) -> pd.DataFrame:
    """Who speaks about the Met's own officers: rows on police misconduct, by voice and by what kind of row."""
    figure_rows = figures(store)
    measure_rows = counted_measures(store)
    criticism_rows = criticisms(store)
    rows = pd.concat([
        pd.DataFrame({"voice": figure_rows.loc[figure_rows["topic"] == "police-misconduct", "cited_by"], "row": FIGURE_ROW}),
        pd.DataFrame({"voice": measure_rows.loc[measure_rows["category"] == INWARD_CATEGORY, "reported_by_name"],
                      "row": MEASURE_ROW}),
        pd.DataFrame({"voice": criticism_rows.loc[criticism_rows["theme"].isin(themes_of_the_force(store)), "critic_label"],
                      "row": CRITICISM_ROW}),
    ])
    return rows.groupby(["voice", "row"]).size().rename("rows").reset_index().sort_values(["voice", "row"]).reset_index(drop=True)
