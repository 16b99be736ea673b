"""Issue 22, the data layer: the standards check's findings fixed at their root (in the data, the schema and the
derived tables), each held here by a test that recomputes from the CSV files where it can."""

from __future__ import annotations

import csv
import json
import re

from analysis import schema
from analysis.derived import critics, figures, lookups, promises
from analysis.escape import csv_cell
from analysis.export import data_package_files
from analysis.facts import all_facts
from analysis.labels import PAIRED_RELATIONS, PROMISE_STATUS
from analysis.naming import withheld
from analysis.store import DATA_DIR, PublishedStore, Store

from .conftest import edit_cell
from .test_validate import expect_rejected


def rows(table: str) -> dict[str, dict[str, str]]:
    with (DATA_DIR / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return {row[next(iter(row))]: row for row in csv.DictReader(handle)}


def met_words() -> set[str]:
    """The Met's voices and Sky's list of its plan: the speakers the home page's key finding counts."""
    return lookups.met_voices(PublishedStore()) | {"sky-news"}


# -- 1. replies only on the same matter --------------------------------------------------------------

def test_background_is_a_declared_relation_with_its_meaning():
    assert "background" in schema.enum("replies", "relation")
    assert set(PAIRED_RELATIONS) < set(schema.enum("replies", "relation"))
    replies = Store().resources()["replies"]["schema"]["fields"]
    relation = next(field for field in replies if field["name"] == "relation")
    assert "background:" in relation["description"]


def test_the_met_s_words_that_do_not_answer_the_matter_are_background():
    replies = rows("replies")
    # The standards check's pairs, and the rows whose own notes say they are not the same matter.
    for reply_id in ("R044", "R034", "R040", "R030", "R008", "R012", "R022", "R041"):
        assert replies[reply_id]["relation"] == "background", reply_id
        assert "background" in replies[reply_id]["notes"].lower(), reply_id
    # A note that says the words are not on the critic's matter goes with a background relation.
    for reply_id, row in replies.items():
        if re.search(r"does not speak of|do not speak of the same|not the 2021 plan", row["notes"]):
            assert row["relation"] == "background", reply_id


def test_the_key_finding_counts_only_true_pairs_in_the_met_s_words():
    replies = rows("replies").values()
    of_met = {row["criticism"] for row in rows("critiques").values()
              if row["role"] == "critic" and row["target_kind"] in ("measure", "plan", "met")}
    speakers = met_words()
    paired = {row["criticism"] for row in replies if row["relation"] != "background" and row["speaker"] in speakers}
    counted = critics.criticisms_with_words_of(PublishedStore(), speakers)
    assert set(counted["criticism"]) == paired & of_met
    assert not {"evaw-migrant-women", "ugur-burden", "evaw-no-ppa-data", "charing-cross-findings"} & set(counted["criticism"])
    # EVAW's descriptions are not the Met's words: the criticisms they alone stand beside are "described only".
    described = critics.criticisms_described_only(PublishedStore(), speakers)
    assert set(described["criticism"]) == {"evaw-safe-connection", "evaw-streetsafe"}
    # Background words make neither kind of pair.
    background_only = {row["criticism"] for row in replies} - {row["criticism"] for row in replies if row["relation"] != "background"}
    assert background_only and not background_only & (set(counted["criticism"]) | set(described["criticism"]))


def test_a_reply_re_coded_as_on_the_same_matter_is_counted(data_copy):
    """The count follows the data: the relation, not the code, decides what is a pair."""
    before = len(critics.criticisms_with_words_of(PublishedStore(data_copy), met_words()))
    edit_cell(data_copy, "replies", "R044", "relation", "related-statement")
    assert len(critics.criticisms_with_words_of(PublishedStore(data_copy), met_words())) == before + 1


def test_evaw_s_descriptions_never_stand_in_the_met_s_column():
    table = critics.right_of_reply(PublishedStore()).set_index("Criticism")
    met_column = "The Met's words or aims, as the sources give them, beside it"
    apart = "Not a reply: background, or a critic's description"
    evaw_said = [row["quote"] for row in rows("replies").values() if row["speaker"] == "evaw"]
    assert len(evaw_said) == 3
    for quote in evaw_said:
        assert not table[met_column].str.contains(quote, regex=False).any(), quote
        assert table[apart].str.contains(quote, regex=False).any(), quote
    for criticism in ("C031", "C034"):  # StreetSafe, Safe Connection: only EVAW's description
        assert table.at[criticism, met_column] == ""
        assert "EVAW\u2019s description, not the Met\u2019s words" in table.at[criticism, apart]
    # Background words are labelled as such, and never in the Met's column.
    assert table.at["C035", met_column] == "" and "(Background; " in table.at["C035", apart]
    assert "(Background; " not in " ".join(table[met_column])


def test_validate_rejects_a_relation_the_package_does_not_declare(data_copy):
    line = edit_cell(data_copy, "replies", "R044", "relation", "loosely-related")
    expect_rejected(data_copy, "replies.csv", line, "relation", "'loosely-related'")


# -- 2, 3. the Commissioner's figures -----------------------------------------------------------------

def test_the_commissioner_s_figures_are_marked_inferred_wherever_shown():
    data = rows("figures")
    table = figures.figures_table(PublishedStore()).set_index("Row")
    for figure_id in ("F007", "F008", "F009"):
        assert data[figure_id]["claimant"] == "cressida-dick" and data[figure_id]["attribution"] == "inferred"
        assert "the Commissioner" in data[figure_id]["notes"]
        assert table.at[figure_id, "Cited by"] == "Cressida Dick (attribution inferred)"
    counts = figures.figures(PublishedStore())
    assert not (counts["cited_by"] == "Cressida Dick").any()


def test_f008_counts_those_the_scheme_attracts_not_entrants():
    f008 = rows("figures")["F008"]
    assert "attracts" in f008["quote"] and "attracts" in f008["what"]
    assert "entrant" not in f008["what"].lower()


# -- 4, 8. dates as far as the evidence allows ---------------------------------------------------------

def test_the_earlier_message_is_dated_to_the_range_its_evidence_allows():
    events = rows("events")
    e019 = events["E019"]
    assert (e019["date"], e019["date_end"], e019["date_basis"]) == ("2022-02-25", "2022-03-06", "inferred")
    assert "25 February 2022" in e019["date_note"] and e019["corroboration_url"].startswith("https://")
    assert all_facts()["E019"].startswith("{inferred}`25 February \u2013 6 March 2022")
    for event_id in ("E007", "E008", "E009"):  # they refer to E019's range in words that still hold
        assert "late February or early March 2022, see E019" in events[event_id]["date_note"]


def test_carrick_s_unmasking_is_dated_by_the_public_record_not_by_sky_s_month():
    e025 = rows("events")["E025"]
    assert (e025["date"], e025["date_precision"], e025["date_basis"]) == ("2023-01-16", "day", "inferred")
    assert e025["corroboration_url"].startswith("https://") and "16 January 2023" in e025["date_note"]
    assert "February 2023" in e025["date_note"] and "sentencing" in e025["date_note"]
    assert all_facts()["E025"].startswith("{inferred}`16 January 2023")


# -- 5. the unattributed paragraph ---------------------------------------------------------------------

def test_the_unattributed_paragraph_is_alice_s_only_by_inference():
    critiques = rows("critiques")
    text = Store().source_text("casey-commentary")
    for critique_id in ("C017", "C018", "C056"):
        row = critiques[critique_id]
        assert row["attribution"] == "inferred", critique_id
        # The three stand in one paragraph in quotation marks, with no speaker named in it.
        start = text.rfind("\n", 0, int(row["start"]))
        paragraph = text[start:text.index("\n", int(row["end"]))]
        assert "Alice" not in paragraph and paragraph.strip().startswith("\u201c"), critique_id
    assert "does not say whose words" in critiques["C017"]["notes"]
    # The bracket says nothing the data repeats about who Alice is.
    assert not re.search(r"Alice (was|is|trained|served)|former officer", critiques["C056"]["notes"])
    assert "assumes nothing" in rows("voices")["alice"]["notes"] or "Nothing more about Alice" in rows("voices")["alice"]["notes"]


def test_an_inferred_fragment_is_marked_where_a_criticism_s_fragments_are_joined():
    table = critics.criticisms(PublishedStore()).set_index("criticism")
    # Alice's criticism stands (another fragment is attributed in the text); the inferred fragments are marked.
    assert table.at["alice-dangerous-men", "attribution"] == "stated"
    assert "flourish, within the ranks of the Met. (attribution inferred)" in table.at["alice-dangerous-men", "quotes"]
    assert table.at["alice-defensive-leaders", "quotes"].count("(attribution inferred)") == 2
    assert table.at["alice-patriarchal", "quotes"].count("(attribution inferred)") == 0
    # A criticism none of whose fragments is attributed in the text is marked on its critic.
    assert table.at["quoted-misogyny", "critic_label"] == "Casey review (attribution inferred)"


# -- 6. promises, existing practice, results ------------------------------------------------------------

def test_every_measure_says_whether_it_is_a_promise():
    measures = rows("measures")
    assert set(schema.enum("measures", "status")) == {"promise", "existing-practice", "result"}
    assert PROMISE_STATUS in schema.enum("measures", "status")
    assert {measures[m]["status"] for m in ("M002", "M003")} == {"existing-practice"}
    assert measures["M026"]["status"] == "result"


def test_the_promise_counts_count_promises_only():
    measures = rows("measures")
    counted = promises.counted_measures(PublishedStore())
    assert set(counted["status"]) == {PROMISE_STATUS}
    assert not {"M002", "M003", "M026"} & set(counted["measure_id"])
    by_plan = promises.measures_by_plan(PublishedStore())
    expected = {}
    for row in measures.values():
        if row["status"] == "promise" and not row["counted_under"] and row["topic"] in ("vawg", "police-misconduct", "trust"):
            expected[row["plan_id"]] = expected.get(row["plan_id"], 0) + 1
    plan_names = {row["name"]: plan_id for plan_id, row in rows("plans").items()}
    got = by_plan.groupby("plan_name")["measures"].sum()
    assert {plan_names[name]: n for name, n in got.items()} == expected
    assert "met-statement-misconduct" not in expected and "operations-2022-03" not in expected


def test_validate_rejects_a_measure_with_no_status(data_copy):
    line = edit_cell(data_copy, "measures", "M026", "status", "")
    expect_rejected(data_copy, "measures.csv", line, "status")
    line = edit_cell(data_copy, "measures", "M026", "status", "hope")
    expect_rejected(data_copy, "measures.csv", line, "status", "'hope'")


# -- 9. Figure 4.1's grounds -----------------------------------------------------------------------------

def test_each_row_of_the_critics_frame_carries_its_own_grounds():
    frame = critics.criticisms_by_critic(PublishedStore())
    for row in frame.itertuples():
        counts = [int(n) for n in re.findall(r"\((\d+)\)", row.grounds)]
        assert sum(counts) == row.criticisms, row
    both = frame[frame.duplicated("critic_label", keep=False)]
    assert len(both) >= 2, "a critic with criticisms of the Met and of something else"
    for _, group in both.groupby("critic_label"):
        assert group["criticisms"].sum() == group["total"].iloc[0]
        assert sum(int(n) for n in re.findall(r"\((\d+)\)", group["all_grounds"].iloc[0])) == group["total"].iloc[0]
    ugur = frame[frame["critic_label"] == "Deniz U\u011fur"].set_index("aimed_at")
    assert ugur.at["Aimed at the Met", "grounds"] != ugur.at["At a law or policing in general", "grounds"]


# -- 7. the data package, served -------------------------------------------------------------------------

def test_the_served_data_package_is_every_declared_table_as_published():
    files = data_package_files()
    package = json.loads(files["datapackage.json"])
    assert set(files) == {"datapackage.json", *(resource["path"] for resource in package["resources"])}
    assert {"withheld.csv", "warnings.csv"} <= set(files)
    names = [words for words, _ in withheld(Store())]
    for name, text in files.items():
        for words in names:
            assert words not in text, (name, words)
        if name.endswith(".csv"):
            for row in csv.reader(text.splitlines()):
                assert all(csv_cell(cell) == cell for cell in row if not cell.startswith("'")), (name, row)
    exclusions = {row[0]: row for row in csv.reader(files["exclusions.csv"].splitlines())}
    assert exclusions["X015"][2] == "[allegation withheld]"


def test_the_web_book_serves_the_data_package(book):
    """Needs the built book (scripts/build.sh)."""
    for name, text in data_package_files().items():
        served = book / "data" / name
        assert served.is_file(), name
        assert served.read_text(encoding="utf-8") == text, name


# -- 10. corrections -------------------------------------------------------------------------------------

def test_each_changed_statement_has_its_correction_in_edition_2():
    corrections = [row for row in rows("corrections").values() if row["edition"] == "2.0.0"]
    said = " ".join(row["said"] for row in corrections)
    for words in ("30 of the 33", "28 February", "Dangerous men", "Cressida Dick", "entrants", "promises", "February 2023",
                  "grounds", "withheld.csv"):
        assert words in said, words
    assert Store().package()["version"] == "2.0.0"
