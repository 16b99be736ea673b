"""The critics and the Met's replies: every criticism counted once, with the Met's words beside it."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from ..labels import OF_THE_MET, TARGET_KIND_LABELS
from ..store import Store
from .lookups import attributed, source_names, voice_names
from .promises import measures


def critiques(store: Store) -> pd.DataFrame:
    """Every fragment, with labels: critics' criticisms and witnesses' accounts alike (see ``role``)."""
    critiques = store.table("critiques")
    themes = store.table("themes").set_index("theme_id")
    measure_rows = measures(store).set_index("measure_id")
    critiques["theme_label"] = critiques["theme"].map(themes["label"])
    critiques["critic_name"] = critiques["critic"].map(voice_names(store))
    critiques["critic_label"] = attributed(critiques["critic_name"], critiques["attribution"])
    critiques["target_label"] = critiques["target_measure"].map(measure_rows["measure"]).fillna(critiques["target"])
    critiques["target_initiative"] = critiques["target_measure"].map(measure_rows["initiative"])
    critiques["target_kind_label"] = critiques["target_kind"].map(TARGET_KIND_LABELS)
    critiques["of_the_met"] = critiques["target_kind"].isin(OF_THE_MET)
    return critiques


def criticisms(store: Store) -> pd.DataFrame:
    """One row per criticism (fragments that make one point counted once), witnesses' accounts left out."""
    fragments = critiques(store)
    # Fragments in the order the source gives them, so that joined quotations read as the source reads.
    fragments = fragments[fragments["role"] == "critic"].sort_values(["source_id", "start"])
    grouped = fragments.groupby("criticism", sort=False)
    first = grouped.head(1).set_index("criticism")
    # Where people of one organisation make the point together (EVAW and its deputy director), the
    # organisation is its critic.
    voices = store.table("voices").set_index("voice_id")
    speaks_for = voices["affiliation"].fillna(pd.Series(voices.index, index=voices.index))
    shared = grouped["critic"].nunique() > 1
    for criticism in shared[shared].index:
        organisation = speaks_for[first.at[criticism, "critic"]]
        first.loc[criticism, ["critic", "critic_name", "critic_label"]] = [organisation, voices.at[organisation, "label"],
                                                                            voices.at[organisation, "label"]]
    first["fragments"] = grouped.size()
    first["fragment_ids"] = grouped["critique_id"].agg(" ".join)
    first["quotes"] = grouped["quote"].agg(" … ".join)
    return first.reset_index()


def criticisms_of_the_met(store: Store) -> pd.DataFrame:
    """The criticisms aimed at the Met (a measure, a plan or the force itself), not at a law or policing in general."""
    rows = criticisms(store)
    return rows[rows["of_the_met"]]


def criticisms_by(store: Store, organisation: str) -> pd.DataFrame:
    """The criticisms of the Met made by an organisation or by people who speak for it."""
    voices = store.table("voices")
    members = {organisation} | set(voices.loc[voices["affiliation"] == organisation, "voice_id"])
    rows = criticisms_of_the_met(store)
    return rows[rows["critic"].isin(members)]


def criticisms_of_initiative(store: Store, initiative: str) -> pd.DataFrame:
    """The criticisms whose target is a measure of one initiative (``measures.initiative``)."""
    rows = criticisms(store)
    return rows[rows["target_initiative"] == initiative]


def witness_accounts(store: Store) -> pd.DataFrame:
    """Accounts of harm by the people it was done to: evidence, not criticism."""
    fragments = critiques(store)
    return fragments[fragments["role"] == "witness"].reset_index(drop=True)


def replies(store: Store) -> pd.DataFrame:
    """The Met's stated aims and answers, each beside the criticism it stands with."""
    replies = store.table("replies")
    replies["speaker_name"] = replies["speaker"].map(voice_names(store))
    replies["source_name"] = replies["source_id"].map(source_names(store))
    return replies


def criticisms_with_words_of(store: Store, speakers: Collection[str]) -> pd.DataFrame:
    """The criticisms of the Met that have words of one of these speakers beside them."""
    reply_rows = replies(store)
    answered = set(reply_rows.loc[reply_rows["speaker"].isin(speakers), "criticism"])
    rows = criticisms_of_the_met(store)
    return rows[rows["criticism"].isin(answered)]


def criticisms_described_only(store: Store, speakers: Collection[str]) -> pd.DataFrame:
    """The criticisms of the Met that have replies beside them, but none in the words of these speakers."""
    reply_rows = replies(store)
    described = set(reply_rows["criticism"]) - set(reply_rows.loc[reply_rows["speaker"].isin(speakers), "criticism"])
    rows = criticisms_of_the_met(store)
    return rows[rows["criticism"].isin(described)]


def themes(store: Store) -> pd.DataFrame:
    """The codebook, with how many criticisms use each theme, most used first."""
    themes = store.table("themes")
    counts = criticisms(store).groupby("theme").size()
    themes["criticisms"] = themes["theme_id"].map(counts).fillna(0).astype(int)
    return themes.sort_values(["criticisms", "theme_id"], ascending=[False, True]).reset_index(drop=True)


def themes_table(store: Store) -> pd.DataFrame:
    """The codebook as a reader's table."""
    rows = themes(store)
    return pd.DataFrame({"Theme": rows["label"], "Definition": rows["definition"], "Criticisms": rows["criticisms"]})


def criticism_matrix(store: Store) -> pd.DataFrame:
    """Criticisms of the Met counted by what they target (a measure by name, else the kind of target) and
    by grounds, with the critics who make them."""
    rows = criticisms_of_the_met(store).copy()
    rows["target_row"] = rows["target_label"].where(rows["target_kind"] == "measure", rows["target_kind_label"])
    grouped = rows.groupby(["target_row", "theme_label"])
    counts = grouped.size().rename("critiques").reset_index()
    critics = grouped["critic_name"].agg(lambda names: "; ".join(sorted(set(names))))
    counts["critics"] = [critics[(target, theme)] for target, theme in zip(counts["target_row"], counts["theme_label"])]
    return counts


def right_of_reply(store: Store) -> pd.DataFrame:
    """Each criticism of the Met with the Met's words beside it, where the sources give any (blank otherwise)."""
    rows = criticisms_of_the_met(store)

    def said(quote: str, relation: str, speaker: str, source: str) -> str:
        inner = quote.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
        who = speaker if speaker == source else f"{speaker}, {source}"
        return f"\u201c{inner}\u201d ({relation.replace('-', ' ')}; {who})"

    words = replies(store).groupby("criticism").apply(
        lambda g: " / ".join(said(*row) for row in zip(g["quote"], g["relation"], g["speaker_name"], g["source_name"])),
        include_groups=False)
    return pd.DataFrame({
        "Criticism": rows["fragment_ids"].str.split().str[0], "Critic": rows["critic_label"],
        "Target": rows["target_label"], "Grounds": rows["theme_label"],
        "What the critic said": rows["quotes"],
        "The Met's words or aims, as the sources give them, beside it": rows["criticism"].map(words).fillna(""),
    }).reset_index(drop=True)
