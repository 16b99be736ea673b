"""The promises: the Met's measures, by plan and category, and how far each account of them looks inward."""

from __future__ import annotations

import pandas as pd

from ..labels import CATEGORY_LABELS, DIRECTION_LABELS, INWARD_CATEGORY, PROMISE_STATUS, STATUS_LABELS
from ..store import Store
from .lookups import ON_SUBJECT, plans, voice_names


def measures(store: Store) -> pd.DataFrame:
    """Measures with their plan name, category label and direction (inward or outward)."""
    measures = store.table("measures")
    plan_rows = plans(store).set_index("plan_id")
    measures["plan_name"] = measures["plan_id"].map(plan_rows["name"])
    measures["plan_order"] = measures["plan_id"].map(plan_rows["order"])
    measures["category_label"] = measures["category"].map(CATEGORY_LABELS)
    measures["direction"] = (measures["category"] == INWARD_CATEGORY).map(DIRECTION_LABELS)
    measures["reported_by_name"] = measures["reported_by"].map(voice_names(store))
    measures["counted"] = measures["counted_under"].isna()
    measures["status_label"] = measures["status"].astype(str).map(STATUS_LABELS)
    measures["promise"] = measures["status"] == PROMISE_STATUS
    return measures


def counted(measure_rows: pd.DataFrame) -> pd.DataFrame:
    """Of :func:`measures`, the promises on the report's subject, each counted once (a measure described twice in
    one account counts under the first description). An existing practice or a result is not a promise."""
    return measure_rows[measure_rows["topic"].isin(ON_SUBJECT) & measure_rows["counted"] & measure_rows["promise"]]


def counted_measures(store: Store) -> pd.DataFrame:
    """The promises on the report's subject, each counted once."""
    return counted(measures(store))


def measures_table(store: Store, plan_id: str | None = None) -> pd.DataFrame:
    """Measures as a reader's table, in plan order then point order then id."""
    rows = measures(store)
    if plan_id is not None:
        rows = rows[rows["plan_id"] == plan_id]
    rows = rows.sort_values(["plan_order", "point", "measure_id"], na_position="last")
    table = pd.DataFrame({
        "Row": rows["measure_id"], "Point": rows["point"], "Measure": rows["measure"],
        "Category": rows["category_label"], "Plan or announcement": rows["plan_name"],
        "Reported by": rows["reported_by_name"], "Counted under": rows["counted_under"], "Status": rows["status_label"],
        "Quote": rows["quote"],
    })
    if plan_id is not None and table["Point"].isna().all():
        table = table.drop(columns="Point")
    if table["Counted under"].isna().all():
        table = table.drop(columns="Counted under")
    if (rows["status"] == PROMISE_STATUS).all():
        table = table.drop(columns="Status")
    return table.reset_index(drop=True)


def measures_by_plan(store: Store) -> pd.DataFrame:
    """On-subject promises counted by plan and category, with each category's share of its plan."""
    counts = (counted_measures(store).groupby(["plan_order", "plan_name", "category"], observed=True).size()
              .rename("measures").reset_index())
    counts["share"] = counts["measures"] / counts.groupby("plan_name")["measures"].transform("sum")
    counts["category_label"] = counts["category"].map(CATEGORY_LABELS)
    counts["direction"] = (counts["category"] == INWARD_CATEGORY).map(DIRECTION_LABELS)
    return counts.sort_values(["plan_order", "category"]).reset_index(drop=True)


def inward_by_account(store: Store) -> pd.DataFrame:
    """For each account of a plan or announcement: how many of its measures look inward, counted once each.

    The accounts differ in kind (a critic's selection, the Met's own messages, a news summary), which the
    ``account`` column says; they are compared side by side, never as a series. A plan with numbered
    points gets a second row for the points alone. Operations and one-off statements are left out.
    """
    plan_rows = plans(store)
    plan_rows = plan_rows[plan_rows["kind"].isin(["plan", "announcement"])]
    counted = counted_measures(store)
    rows = []
    for plan in plan_rows.itertuples():
        own = counted[counted["plan_id"] == plan.plan_id]
        groups = [(plan.name, plan.account, own)]
        if own["point"].notna().any():
            points = own[own["point"].notna()]
            groups.append((f"{plan.name}: the {len(points)} points alone", "The plan's own list, as the news summary gives it", points))
        for name, account, rows_of in groups:
            inward = rows_of[rows_of["direction"] == DIRECTION_LABELS[True]]
            rows.append({"plan_id": plan.plan_id, "account_name": name, "account": account, "plan_order": plan.order,
                         "measures": len(rows_of), "inward": len(inward), "outward": len(rows_of) - len(inward),
                         "inward_share": len(inward) / len(rows_of) if len(rows_of) else 0.0,
                         "inward_rows": " ".join(inward["measure_id"]), "measure_rows": " ".join(rows_of["measure_id"]),
                         "reported_by": "; ".join(sorted(set(rows_of["reported_by_name"])))})
    return pd.DataFrame(rows)
