"""Quotations for add-source: words in marks and reported speech, each with its speaker
(analysis.quotes.find_quotations, docs/intake-keys.md "Quotations"), and a quotation confirmed from the review
sheet into the critiques, replies and voices tables (analysis.intake.confirm)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.intake import REVIEW_COLUMNS, IntakeError, confirm
from analysis.intake_score import CORPUS_DIR, score_directory
from analysis.quotes import find_quotations
from analysis.store import Store

from .conftest import run_analysis


def quotes(text: str, segments=None) -> list[dict]:
    found = find_quotations(text, segments or [(0, text)])
    for row in found:  # every offset is exact
        assert text[row["mention_start"]:row["mention_end"]] == row["mention"]
        if row["speaker_start"] != "":
            assert row["speaker_end"] > row["speaker_start"]
    return found


def said(text: str, segments=None) -> list[tuple[str, str, str]]:
    """(found, mention, speaker) of each row."""
    return [(r["found"], r["mention"], r["speaker"]) for r in quotes(text, segments)]


def speaker_words(text: str, row: dict) -> str:
    return text[row["speaker_start"]:row["speaker_end"]]


# ---------------------------------------------------------------------------------------- marks


@pytest.mark.parametrize("opening, closing", [('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'")])
def test_each_kind_of_mark_opens_and_closes_a_quotation(opening, closing):
    text = f"Asha Varma, a nurse, said: {opening}We were never asked what we needed.{closing}"
    assert said(text) == [("quote", "We were never asked what we needed.", "Asha Varma")]


def test_apostrophes_inside_words_are_not_marks():
    text = "‘It’s the workers’ turn now and we won’t wait,’ said one of the shop stewards."
    assert said(text) == [("quote", "It’s the workers’ turn now and we won’t wait,", "one of the shop stewards")]
    text = "Priya Lal said: 'The council's plan isn't a plan at all.'"
    assert said(text) == [("quote", "The council's plan isn't a plan at all.", "Priya Lal")]


def test_a_quotation_broken_by_its_attribution_is_two_rows_with_one_speaker():
    text = ("Leila Haddad, who runs the shelter, was at the meeting.\n\n"
            "“We will act,” she said, “and we will act fast.” “Nobody else will,” she added.")
    rows = quotes(text)
    assert [(r["mention"], r["speaker"]) for r in rows] == [
        ("We will act,", "Leila Haddad"), ("and we will act fast.", "Leila Haddad"), ("Nobody else will,", "Leila Haddad")]
    assert speaker_words(text, rows[0]) == "she"
    assert "she = Leila Haddad, named at 0" in rows[0]["notes"]


def test_a_quotation_after_its_attribution_goes_on_with_the_same_speaker():
    text = '"It was chaos," Mr Brandt said. "Nobody knew who was in charge."'
    assert said(text) == [("quote", "It was chaos,", "Mr Brandt"), ("quote", "Nobody knew who was in charge.", "Mr Brandt")]


def test_a_quotation_over_several_paragraphs_is_one_row_a_paragraph():
    text = ('Tom Baker, a local resident, said:\n\n"I do not feel safe here. Nobody does.\n\n'
            '"We have asked for lights for two years.\n\n"Still nothing."\n\nThe council did not reply.')
    assert said(text) == [("quote", "I do not feel safe here. Nobody does.", "Tom Baker"),
                          ("quote", "We have asked for lights for two years.", "Tom Baker"),
                          ("quote", "Still nothing.", "Tom Baker")]


def test_a_nested_quotation_is_not_a_row_of_its_own():
    text = "The director said: \"We were told there would be a 'walk and talk' scheme. There was none.\""
    assert said(text) == [("quote", "We were told there would be a 'walk and talk' scheme. There was none.", "The director")]
    text = "Sam Okafor said: ‘They called it “a fresh start” and then did nothing.’"
    assert said(text) == [("quote", "They called it “a fresh start” and then did nothing.", "Sam Okafor")]


@pytest.mark.parametrize("text", [
    'The problem is a few "bad apples". The behaviour is "unacceptable".',
    "The council's \"week of action\" begins on Monday.",
    'She is the author of "Thin Blue Lines", a history of policing.',
    'Our report "Safe To Speak In Our Own Town" found that most women did not report.',
])
def test_scare_quotes_and_titles_are_not_quotations(text):
    assert said(text) == []


def test_a_short_phrase_someone_is_said_to_have_said_is_a_quotation():
    assert said('The Met says it has "learned the lessons".') == [("quote", "learned the lessons", "The Met")]
    assert said("Women 'still waiting' for change, charity says") == [("quote", "still waiting", "charity")]
    assert said('It was, a spokesperson said, "deeply regrettable".') == [("quote", "deeply regrettable", "a spokesperson")]


def test_words_in_marks_nobody_is_said_to_have_said_have_no_speaker():
    text = 'At the vigil, a hand-painted placard read: "You were meant to keep us safe."'
    assert said(text) == [("quote", "You were meant to keep us safe.", "")]


def test_a_headline_quotation_takes_the_speaker_of_the_same_words_below():
    text = ("'We will be judged on what we do'\n\nCommander Ian Pratt spoke to reporters.\n\n"
            "\"We will be judged on what we do,\" he said.")
    rows = quotes(text)
    assert [(r["mention"], r["speaker"]) for r in rows] == [
        ("We will be judged on what we do", "Commander Ian Pratt"), ("We will be judged on what we do,", "Commander Ian Pratt")]


# ------------------------------------------------------------------------------------- reported speech


@pytest.mark.parametrize("sentence, clause, speaker", [
    ("The Met said it had trained 1,000 officers.", "it had trained 1,000 officers", "The Met"),
    ("Mr Brown says the budget is far too small.", "the budget is far too small", "Mr Brown"),
    ("Residents say the lights have been off for a month.", "the lights have been off for a month", "Residents"),
    ("The mayor told reporters that the scheme would expand.", "the scheme would expand", "The mayor"),
    ("Prosecutor Ann Lee told the court the defendant had lied.", "the defendant had lied", "Prosecutor Ann Lee"),
    ("The union added that members would strike in May.", "members would strike in May", "The union"),
    ("The union agreed, adding that talks would continue.", "talks would continue", "The union"),
    ("A spokesperson said on Monday that all cases were under review.", "all cases were under review", "A spokesperson"),
    ("The council said yesterday it would fund 12 more places.", "it would fund 12 more places", "The council"),
    ("Funding will rise by a third, the Home Office said.", "Funding will rise by a third", "the Home Office"),
    ("According to the charity, 40 women were turned away.", "40 women were turned away", "the charity"),
    ("Forty women were turned away last year, according to the charity.", "Forty women were turned away last year", "the charity"),
    ("Campaigners say the rules are ignored, and dozens of women have written in.", "the rules are ignored", "Campaigners"),
])
def test_reported_speech_is_the_clause_after_its_verb(sentence, clause, speaker):
    assert said(sentence) == [("quote (reported)", clause, speaker)]


@pytest.mark.parametrize("sentence", [
    "The survey found that most women felt unsafe.",
    "A charity pointed out that the plan was late.",
    "Officers were told to wait outside.",
    "We are told the review is complete.",
    "He said so again on Thursday.",
    "The plan says very little about the officers themselves.",
])
def test_other_verbs_passives_and_no_clause_are_not_reported_speech(sentence):
    assert said(sentence) == []


def test_words_in_marks_inside_reported_speech_are_one_row_and_what_follows_and_is_another():
    text = 'A spokesperson said the force was "deeply sorry" for the harm done.'
    assert said(text) == [("quote", "deeply sorry", "A spokesperson")]
    text = 'A Met spokesperson said that the force was "listening to every voice" and would publish a plan in May.'
    assert said(text) == [("quote", "listening to every voice", "A Met spokesperson"),
                          ("quote (reported)", "would publish a plan in May", "A Met spokesperson")]
    text = 'The Met said it had reopened 300 cases, a process it described as "painful but necessary".'
    assert said(text) == [("quote (reported)", "it had reopened 300 cases", "The Met"),
                          ("quote", "painful but necessary", "The Met")]


# ----------------------------------------------------------------------------------------- speakers


def test_short_names_titles_and_pronouns_resolve_to_the_fullest_name():
    text = ("Councillor Nadia Rahman, cabinet member for safety, opened the meeting.\n\n"
            '"It is a start," Cllr Rahman said. Dr Ben Ode, a GP, spoke next. "It is not enough," he said.\n\n'
            "She added that the council would ask for quarterly figures.\n\n"
            'Dame Ruth Penrose chaired the inquiry. In her foreword, Dame Ruth writes: "Every woman described the same thing."')
    rows = quotes(text)
    assert [r["speaker"] for r in rows] == ["Councillor Nadia Rahman", "Dr Ben Ode", "Councillor Nadia Rahman", "Dame Ruth Penrose"]
    assert [speaker_words(text, r) for r in rows] == ["Cllr Rahman", "he", "She", "Dame Ruth"]
    assert "Cllr Rahman = Councillor Nadia Rahman" in rows[0]["notes"]


def test_pronouns_follow_gender_where_the_text_gives_it():
    text = 'Ms Jane Holt met Mr Omar Khan at the station. "This is a start," he said. "It is not enough," she said.'
    assert [r["speaker"] for r in quotes(text)] == ["Mr Omar Khan", "Ms Jane Holt"]


def test_it_resolves_to_the_body_named_before():
    text = 'The Met is launching its plan today. It said the plan was shaped by "hundreds of conversations" with women.'
    assert said(text) == [("quote", "hundreds of conversations", "The Met")]


@pytest.mark.parametrize("text, speaker, words", [
    ('Our director, Funmi Adeyemi, said: "The plan answers a different question."', "Funmi Adeyemi", "Funmi Adeyemi"),
    ('"The numbers have barely moved," said its chief executive, Sade Kaur.', "Sade Kaur", "Sade Kaur"),
    ('"It is the tenth report," said Kezia Barnes, the centre\'s director.', "Kezia Barnes", "Kezia Barnes"),
    ('Outside court, Priya Lal, director of the alliance, said the sentence "cannot be the end of the story".', "Priya Lal", "Priya Lal"),
    ('One of them, a constable with 20 years\' service, wrote to me: "Most of us are decent people."', "a constable", "a constable"),
    ("One of the volunteers, who asked not to be named, said: 'I cannot say that any more to anyone.'",
     "One of the volunteers", "One of the volunteers"),
    ('"We have to be honest about this," a senior officer told me in September.', "a senior officer", "a senior officer"),
    ('Asked about the case, a Met spokesperson said: "We cannot comment on that case."', "a Met spokesperson", "a Met spokesperson"),
])
def test_the_speaker_is_a_name_or_description_and_its_place(text, speaker, words):
    rows = quotes(text)
    assert len(rows) == 1 and rows[0]["speaker"] == speaker
    assert speaker_words(text, rows[0]) == words


def test_the_spokesperson_and_the_judge_are_the_ones_named_before():
    text = ("A Home Office spokesperson said the government would look at any lessons for vetting. "
            "The law already allows forces to dismiss officers, the spokesperson said.\n\n"
            "Judge Helen Carver passed sentence. The judge said she had considered his guilty plea.")
    assert [r["speaker"] for r in quotes(text)] == ["A Home Office spokesperson", "A Home Office spokesperson",
                                                  "Judge Helen Carver"]


def test_offsets_are_file_offsets_of_each_segment():
    furniture = "Skip to content\nHome | News\n"
    body = 'Ms Kaur said: "We will keep going." The trust said it would meet her on Friday.'
    text = furniture + body + "\nShare this\n"
    rows = quotes(text, [(len(furniture), body)])
    assert [(r["mention"], r["mention_start"]) for r in rows] == [
        ("We will keep going.", text.index("We will")), ("it would meet her on Friday", text.index("it would"))]
    assert (rows[0]["speaker_start"], rows[0]["speaker_end"]) == (len(furniture), len(furniture) + len("Ms Kaur"))


def test_a_long_article_is_read_in_linear_time():
    import time

    paragraph = ('Ms Lal said: "We will act." The council said it had trained 1,000 staff, according to Ms Lal. '
                 '"It is not enough," she said, "and it is late."\n\n')
    text = paragraph * (120_000 // len(paragraph))
    began = time.perf_counter()
    rows = quotes(text)
    assert len(rows) >= 4 * (120_000 // len(paragraph)) and time.perf_counter() - began < 3


def test_the_corpus_quotations_score_above_the_floor():
    """The annotated corpus, quotations alone: recall and precision over the floor of 85% (docs/intake-keys.md)."""
    score = score_directory(CORPUS_DIR, lambda text, published: find_quotations(text, [(0, text)]))
    tally = score.total["quote"]
    assert tally.recall >= 0.85 and tally.precision >= 0.85, (tally.missed, tally.wrong)


# ------------------------------------------------------------------------------------------ confirm

CONFIRM_ARTICLE = (
    "Campaigners question the Met's new patrols\n\n"
    "Priya Lal, director of the fictional Women's Safety Alliance, said the patrols were "
    '"a distraction from the officers who abuse their position".\n\n'
    '"Women do not need more officers on the street," she said. "They need to trust the ones they have."\n\n'
    'A Met spokesperson said: "Our patrols make streets safer for women and girls."\n')
CRITIQUE = dict(criticism="patrols-distraction", target_kind="plan", target="The Met's new patrols", theme="misdirected")


def added_source(data_copy, tmp_path) -> tuple[Store, str, str]:
    from analysis.intake import add_source

    article = tmp_path / "article.txt"
    article.write_text(CONFIRM_ARTICLE, encoding="utf-8")
    store = Store(data_copy)
    source_id, _, _ = add_source(store, article, "Borough Gazette", "Campaigners question patrols", "2024-03-14", "news",
                                 date_basis="inferred: the gazette's archive page gives the date", review_dir=tmp_path / "review")
    return store, source_id, store.source_text(source_id)


def quote_sheet(tmp_path, source_id: str, text: str, fill: dict[str, dict]) -> Path:
    """A review sheet of the article's quotations (quote/start/end = the quoted words), rows filled by their words."""
    rows = []
    for number, found in enumerate(find_quotations(text, [(0, text)]), 1):
        row = {column: "" for column in REVIEW_COLUMNS}
        row.update({k: str(v) for k, v in found.items()}, item=str(number), quote=found["mention"],
                   start=str(found["mention_start"]), end=str(found["mention_end"]))
        for words, values in fill.items():
            if found["mention"].startswith(words):
                row.update(values)
        rows.append(row)
    sheet = tmp_path / "sheets" / f"{source_id}.csv"
    sheet.parent.mkdir(exist_ok=True)
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REVIEW_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return sheet


def test_the_quotations_of_a_new_source_have_their_speakers(data_copy, tmp_path):
    _, _, text = added_source(data_copy, tmp_path)
    assert said(text) == [
        ("quote", "a distraction from the officers who abuse their position", "Priya Lal"),
        ("quote", "Women do not need more officers on the street,", "Priya Lal"),
        ("quote", "They need to trust the ones they have.", "Priya Lal"),
        ("quote", "Our patrols make streets safer for women and girls.", "A Met spokesperson")]


def test_a_quotation_confirmed_as_voice_critique_and_reply_lands_in_the_tables_and_validates(data_copy, tmp_path):
    from analysis.checks import validate

    store, source_id, text = added_source(data_copy, tmp_path)
    sheet = quote_sheet(tmp_path, source_id, text, {
        "a distraction": dict(confirm="voice+critique", voice_kind="person", anonymous="false",
                              voice_role="Director of the Women's Safety Alliance", **CRITIQUE),
        "Women do not need": dict(confirm="critique", **CRITIQUE),
        "Our patrols": dict(confirm="reply", voice_id="met-spokesperson", criticism="patrols-distraction",
                            relation="answer"),
    })
    result = confirm(store, sheet)
    assert set(result["added"]) == {"voices", "critiques", "replies"}
    assert result["added"]["voices"] == ["priya-lal"]
    assert not validate(store)
    voice = store.table("voices").set_index("voice_id").loc["priya-lal"]
    assert (voice["name"], voice["kind"], voice["source_id"], voice["quote"]) == ("Priya Lal", "person", source_id, "Priya Lal")
    assert text[int(voice["start"]):int(voice["end"])] == "Priya Lal"
    critiques = store.table("critiques")
    mine = critiques[critiques["source_id"] == source_id]
    assert list(mine["critic"]) == ["priya-lal", "priya-lal"] and list(mine["role"]) == ["critic", "critic"]
    assert list(mine["quote"]) == ["a distraction from the officers who abuse their position",
                                   "Women do not need more officers on the street,"]
    for _, row in mine.iterrows():
        assert text[int(row["start"]):int(row["end"])] == row["quote"]
    replies = store.table("replies")
    reply = replies[replies["source_id"] == source_id].iloc[0]
    assert (reply["speaker"], reply["relation"], reply["quote"]) == (
        "met-spokesperson", "answer", "Our patrols make streets safer for women and girls.")
    # Confirmed twice: nothing is added the second time.
    again = confirm(store, sheet)
    assert again["added"] == {} and sorted(again["already"]) == ["critiques", "replies", "voices"]


@pytest.mark.parametrize("fill, message", [
    ({"a distraction": dict(confirm="critique", **CRITIQUE)},
     "line 2, column speaker: no voice 'priya-lal' in voices.csv or confirmed in this sheet"),
    ({"a distraction": dict(confirm="critique", **{**CRITIQUE, "theme": "nonsense"})},
     "line 2, column theme: no theme_id 'nonsense' in themes.csv"),
    ({"a distraction": dict(confirm="critique", voice_id="met", **{**CRITIQUE, "target_kind": "the-plan"})},
     "line 2, column target_kind: 'the-plan' is not one of measure, plan, met, law, policing"),
    ({"a distraction": dict(confirm="critique", voice_id="met", **{**CRITIQUE, "criticism": ""})},
     "line 2, column criticism: a critique needs criticism (it is empty)"),
    ({"Women do not need": dict(confirm="voice", voice_kind="person", anonymous="false", voice_role="Director")},
     "line 3, column speaker_start: the words at"),
    ({"Our patrols": dict(confirm="reply", voice_id="met-spokesperson", criticism="x", relation="rebuttal")},
     "line 5, column relation: 'rebuttal' is not one of stated-aim, answer, related-statement"),
    ({"Our patrols": dict(confirm="voice", voice_kind="person", anonymous="maybe", voice_role="Spokesperson")},
     "line 5, column anonymous: 'maybe' is not true or false"),
    ({"Our patrols": dict(confirm="reply+quote")}, "line 5, column confirm: 'quote' is not one of"),
    ({"Our patrols": dict(confirm="reply", voice_id="met-spokesperson", criticism="x", relation="answer",
                          mention_start="oops")}, "line 5, column mention_start: 'oops' is not a whole number"),
])
def test_a_wrong_quotation_row_is_refused_with_its_place_and_nothing_written(data_copy, tmp_path, fill, message):
    from .conftest import digest

    store, source_id, text = added_source(data_copy, tmp_path)
    sheet = quote_sheet(tmp_path, source_id, text, fill)
    before = digest(data_copy)
    with pytest.raises(IntakeError) as refused:
        confirm(store, sheet)
    assert f"{sheet}, {message}" in str(refused.value), str(refused.value)
    assert digest(data_copy) == before


def test_the_command_confirms_a_quotation_without_a_traceback(data_copy, tmp_path):
    store, source_id, text = added_source(data_copy, tmp_path)
    sheet = quote_sheet(tmp_path, source_id, text, {"a distraction": dict(confirm="critique", **CRITIQUE)})
    refused = run_analysis("confirm", str(sheet), data_dir=data_copy)
    assert refused.code == 1 and "Traceback" not in refused.output and "column speaker: no voice 'priya-lal'" in refused.output
    sheet = quote_sheet(tmp_path, source_id, text, {"a distraction": dict(
        confirm="voice+critique", voice_kind="person", anonymous="false", voice_role="Campaigner", **CRITIQUE)})
    done = run_analysis("confirm", str(sheet), data_dir=data_copy)
    assert done.code == 0 and "1 row added to voices.csv: priya-lal" in done.output, done.output


# ------------------------------------------------------------------- attribution rules, second round


def test_called_it_before_the_marks_attributes_the_quotation():
    text = ("The new bus timetable was published in May; one of the tenants called it "
            "“a disgrace from start to finish”.")
    assert said(text) == [("quote", "a disgrace from start to finish", "one of the tenants")]


def test_a_noun_phrase_carrying_a_quoted_title_is_not_a_speaker():
    text = "The council’s “Walk Home Safe” scheme drew “more complaints than any scheme we ever ran”."
    assert said(text) == [("quote", "more complaints than any scheme we ever ran", "")]


@pytest.mark.parametrize("rank", ["DI", "Det Insp", "Insp"])
def test_an_abbreviated_rank_and_surname_is_the_full_name_met_before(rank):
    text = ("Detective Inspector Maria Okoro, who led the inquiry, spoke to reporters.\n\n"
            f"{rank} Okoro added that the suspect had been watched for over a month.")
    assert said(text) == [("quote (reported)", "the suspect had been watched for over a month", "Detective Inspector Maria Okoro")]


def test_a_speaker_after_the_quotation_may_carry_an_aside_before_the_verb():
    text = ("“I reported it three times,” the witness, who cannot be named for legal reasons, told the tribunal. "
            "“Nobody called me back.”")
    assert said(text) == [("quote", "I reported it three times,", "the witness"),
                          ("quote", "Nobody called me back.", "the witness")]
    text = "“We were ignored,” Hana Berg, a tenant on the estate, said."
    assert said(text) == [("quote", "We were ignored,", "Hana Berg")]


def test_went_on_attributes_the_first_half_of_a_broken_quotation():
    text = ("The chair, Rosa Field, gave the ruling.\n\n"
            "“Every officer knows the rules,” Ms Field went on, “and every officer knew them then.”")
    assert said(text) == [("quote", "Every officer knows the rules,", "Rosa Field"),
                          ("quote", "and every officer knew them then.", "Rosa Field")]
    text = "“I was lucky,” she said, and went on to describe the night in detail."
    assert [r[1] for r in said(text)] == ["I was lucky,"]


def test_the_force_is_the_police_force_last_named():
    text = ("Officers from Kent Police were called to the flat twice.\n\n"
            "The force said it had referred itself to the watchdog.")
    assert said(text) == [("quote (reported)", "it had referred itself to the watchdog", "Kent Police")]
    text = ("West Midlands Police opened 40 cases. The service said all 40 were still open.")
    assert said(text)[0][2] == "West Midlands Police"


def test_the_force_after_a_short_name_is_the_fuller_name_it_abbreviates():
    text = ("The Metropolitan Police received 900 complaints. Campaigners blamed the Met for the delays.\n\n"
            "The force said every complaint would be answered within a month.")
    assert said(text)[-1] == ("quote (reported)", "every complaint would be answered within a month", "Metropolitan Police")


def test_a_body_named_after_police_is_not_a_force():
    text = ("The Police Conduct Authority opened an inquiry into the case.\n\n"
            "The force said every officer involved had been interviewed.")
    assert said(text)[-1][2] == "The force"


@pytest.mark.parametrize("when", ["earlier today", "later today", "in a statement", "on Friday", "last night"])
def test_a_reported_clause_before_said_and_a_time_or_manner_phrase(when):
    text = f"Burglaries in the borough fell by a fifth last year, the council said {when}."
    assert said(text) == [("quote (reported)", "Burglaries in the borough fell by a fifth last year", "the council")]


@pytest.mark.parametrize("when", ["Three days ago", "Last week", "In 2019", "Yesterday", "Last March"])
def test_a_time_phrase_opening_the_speaker_phrase_is_not_the_speaker(when):
    text = f"{when} a group of parents said that the crossing outside the school was unsafe."
    assert said(text) == [("quote (reported)", "the crossing outside the school was unsafe", "a group of parents")]


def test_a_body_described_and_then_named_is_its_name():
    text = "A coalition of tenants’ groups, the Fair Rents Alliance, said that rents had doubled since 2020."
    assert said(text) == [("quote (reported)", "rents had doubled since 2020", "the Fair Rents Alliance")]


def test_a_person_described_before_a_named_body_stays_the_speaker():
    text = "A spokeswoman for the housing charity, the Fair Rents Alliance, said that rents had doubled."
    assert said(text)[0][2] == "A spokeswoman for the housing charity"


def test_the_group_and_it_later_resolve_to_the_name_of_the_body():
    text = ("Two weeks ago a group of local councillors, the Safer Roads Forum, said that speeding was common.\n\n"
            "The group said 30 drivers had been stopped. It said the police had not replied.")
    assert [r[2] for r in said(text)] == ["the Safer Roads Forum"] * 3
    text = ("A panel of local councillors, the Safer Roads Forum, said that speeding was common.\n\n"
            "The panel said 30 drivers had been stopped.")
    assert [r[2] for r in said(text)] == ["the Safer Roads Forum"] * 2


@pytest.mark.parametrize("label", ["regarded as", "thought of as", "passed off as", "considered"])
def test_a_short_phrase_after_regarded_as_is_a_scare_quote(label):
    text = (f"Joe Rimmer, for the club, said his members accepted that the chants had been “crude” "
            f"but that they had been what the fans {label} ‘harmless fun’.")
    assert [r[1] for r in said(text)] == ["crude"]


def test_the_speaker_is_the_subject_of_the_clause_a_conjunction_opens():
    text = "Bus fares to rise by 10% as campaigners say the service is “already too expensive for most families”"
    assert said(text) == [("quote", "already too expensive for most families", "campaigners")]
    text = "Knife crime fell last year while officers said that morale was at its lowest."
    assert said(text) == [("quote (reported)", "morale was at its lowest", "officers")]
    text = "Groups such as Safe Streets Now said that the lighting was poor."
    assert said(text)[0][2] == "Groups such as Safe Streets Now"


def test_a_comma_between_digits_does_not_break_the_speaker_phrase():
    text = "The poll of 1,200 residents found that most had “no faith at all” in the council."
    assert said(text) == [("quote", "no faith at all", "The poll of 1,200 residents")]
    text = "A count of 3,500 ballots, according to a study of 2,100 voters, showed turnout had fallen."
    assert said(text)[0][2] == "a study of 2,100 voters"


@pytest.mark.parametrize("opening", ["But ", "And ", "Yet ", ""])
def test_the_name_before_an_appositive_job_title_is_the_speaker(opening):
    text = (f"{opening}Prof Ola Bankole, head of the Clean Air Network, said the plan was “too little, too late”.\n\n"
            "“Children are breathing this air every day,” Bankole said. “Nobody is counting,” Prof Bankole added. "
            "“It has to stop,” she said.")
    assert [r[2] for r in said(text)] == ["Prof Ola Bankole"] * 4


def test_a_surname_after_the_full_name_resolves_to_it_with_a_note():
    text = ("Tomasz Wrobel, who chairs the residents' association, spoke at the meeting.\n\n"
            "“We were never consulted,” Wrobel said.")
    rows = quotes(text)
    assert [(r["mention"], r["speaker"]) for r in rows] == [("We were never consulted,", "Tomasz Wrobel")]
    assert "Wrobel = Tomasz Wrobel" in rows[0]["notes"]
    assert speaker_words(text, rows[0]) == "Wrobel"

