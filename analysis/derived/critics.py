"""The critics and the Met's replies: every criticism counted once, with the Met's words beside it."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from ..labels import OF_THE_MET, PAIRED_RELATIONS, RELATION_LABELS, TARGET_KIND_LABELS
from ..store import Store
from .lookups import attributed, met_voices, source_names, voice_names
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
    # A criticism is attributed when any of its fragments is: a fragment whose attribution is inferred is then
    # marked where the fragments are joined (an unattributed paragraph read as the same critic's).
    stated = grouped["attribution"].agg(lambda values: (values == "stated").any())
    first["attribution"] = stated.map({True: "stated", False: "inferred"})
    first["critic_label"] = attributed(first["critic_name"], first["attribution"]).where(~shared, first["critic_label"])
    fragments["shown"] = fragments["quote"].where(
        (fragments["attribution"] == "stated") | ~fragments["criticism"].map(stated),
        fragments["quote"] + " (attribution inferred)")
    first["quotes"] = fragments.groupby("criticism", sort=False)["shown"].agg(" … ".join)
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
    """The Met's stated aims and answers, each beside the criticism it stands with, with how it bears on it:
    ``paired`` when it is a reply (a stated aim, an answer, words on the same matter), not background."""
    replies = store.table("replies")
    replies["speaker_name"] = replies["speaker"].map(voice_names(store))
    replies["source_name"] = replies["source_id"].map(source_names(store))
    replies["relation_label"] = replies["relation"].astype(str).map(RELATION_LABELS)
    replies["paired"] = replies["relation"].isin(PAIRED_RELATIONS)
    return replies


def met_words_speakers(store: Store) -> set[str]:
    """Whose words in the replies are the Met's: its own voices, and a news outlet that reports its plan in its
    words (Sky News's list of the ten points), unless the outlet is itself a critic. A critic's description of
    what the Met said (EVAW's) is not the Met's words."""
    voices = store.table("voices")
    critics = set(store.table("critiques")["critic"])
    return met_voices(store) | (set(voices.loc[voices["kind"] == "outlet", "voice_id"]) - critics)


def pairs(store: Store, speakers: Collection[str]) -> pd.DataFrame:
    """The true pairs: replies that bear on their criticism's matter (not background), in these speakers' words."""
    reply_rows = replies(store)
    return reply_rows[reply_rows["paired"] & reply_rows["speaker"].isin(speakers)]


def criticisms_with_words_of(store: Store, speakers: Collection[str]) -> pd.DataFrame:
    """The criticisms of the Met that have words of one of these speakers beside them on the same matter (a stated
    aim, an answer or words on the same matter; background words do not count)."""
    answered = set(pairs(store, speakers)["criticism"])
    rows = criticisms_of_the_met(store)
    return rows[rows["criticism"].isin(answered)]


def criticisms_described_only(store: Store, speakers: Collection[str]) -> pd.DataFrame:
    """The criticisms of the Met whose only words on the same matter are another voice's (EVAW's description of a
    measure), none in the words of these speakers. Background words count for neither."""
    reply_rows = replies(store)
    described = set(reply_rows.loc[reply_rows["paired"], "criticism"]) - set(pairs(store, speakers)["criticism"])
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


AIMED_AT = {True: "Aimed at the Met", False: "At a law or policing in general"}


def criticisms_by_critic(store: Store) -> pd.DataFrame:
    """Criticisms counted by critic and by what they are aimed at (the Met, or a law or policing in general), each
    row with the grounds of its own criticisms (``grounds``), and the critic's total and grounds over all rows
    (``total``, ``all_grounds``), most criticisms first."""
    rows = criticisms(store)
    rows["aimed_at"] = rows["of_the_met"].map(AIMED_AT)

    def grounds(labels: pd.Series) -> str:
        return "; ".join(f"{label} ({n})" for label, n in labels.value_counts().items())

    grouped = rows.groupby(["critic_label", "aimed_at"])
    counts = grouped.size().rename("criticisms").reset_index()
    own = grouped["theme_label"].agg(grounds)
    counts["grounds"] = [own[(critic, aimed)] for critic, aimed in zip(counts["critic_label"], counts["aimed_at"])]
    counts["total"] = counts["critic_label"].map(counts.groupby("critic_label")["criticisms"].sum())
    counts["all_grounds"] = counts["critic_label"].map(rows.groupby("critic_label")["theme_label"].agg(grounds))
    return counts.sort_values(["total", "critic_label", "aimed_at"], ascending=[False, True, True]).reset_index(drop=True)


def right_of_reply(store: Store) -> pd.DataFrame:
    """Each criticism of the Met with the Met's words beside it where the sources give any on the same matter
    (blank otherwise). Words that are not a reply stand apart, labelled: the Met's background words, and a
    critic's own description of what the Met said (EVAW's), which are never in the Met's column."""
    rows = criticisms_of_the_met(store)
    reply_rows = replies(store)
    met = met_words_speakers(store)

    def said(quote: str, label: str, speaker: str, source: str) -> str:
        inner = quote.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
        who = speaker if speaker == source else f"{speaker}, {source}"
        return f"\u201c{inner}\u201d ({label}; {who})"

    def joined(chosen: pd.DataFrame, labels: pd.Series) -> pd.Series:
        texts = pd.Series([said(*row) for row in zip(chosen["quote"], labels, chosen["speaker_name"], chosen["source_name"])],
                          index=chosen.index, dtype=object)
        return texts.groupby(chosen["criticism"]).agg(" / ".join)

    is_met = reply_rows["speaker"].isin(met)
    paired = reply_rows[reply_rows["paired"] & is_met]
    apart = reply_rows[~(reply_rows["paired"] & is_met)]
    apart_labels = apart["relation_label"].where(apart["speaker"].isin(met), apart["speaker_name"] + "\u2019s description, not the Met\u2019s words")
    words = joined(paired, paired["relation_label"].str.lower())
    other = joined(apart, apart_labels)
    # An inferred critic says how the source names the words' author ("Her report": Sky credits Casey).
    named = rows["critic_as_named"].where((rows["attribution"] == "inferred") & rows["critic_as_named"].notna())
    critic = rows["critic_label"].where(named.isna(), rows["critic_label"] + "; in the source: " + named.fillna(""))
    return pd.DataFrame({
        "Criticism": rows["fragment_ids"].str.split().str[0], "Critic": critic,
        "Target": rows["target_label"], "Grounds": rows["theme_label"],
        "What the critic said": rows["quotes"],
        "The Met's words or aims, as the sources give them, beside it": rows["criticism"].map(words).fillna(""),
        "Not a reply: background, or a critic's description": rows["criticism"].map(other).fillna(""),
    }).reset_index(drop=True)
