"""Quotations in an article: words in quotation marks and reported speech, each with who said it.

:func:`find_quotations` reads the article text (the segments add-source keeps, furniture cut out) and
returns one row per quotation, as ``docs/intake-keys.md`` ("Quotations") sets out what a reporter marks:

- words in quotation marks (straight ``"…"``, curly ``“…”``, single ``‘…’`` or ``'…'`` where they open and
  close a quotation rather than stand for an apostrophe), ``found = "quote"``; a quotation broken by its
  attribution is two rows with the same speaker, a quotation running over several paragraphs is one row a
  paragraph, a nested quotation is not a row of its own, and a scare-quoted phrase of one to three words
  (nobody is said to have said it, or it follows *regarded as*, *seen as*, *so-called* …) or a quoted title
  is not a quotation;
- reported speech after *said*, *says*, *say*, *told*, *added*, *adding* or *according to*,
  ``found = "quote (reported)"``: the reported clause (``it had trained 1,000 officers`` in "The Met said it
  had trained 1,000 officers.").

The speaker is the fullest name the text gives (``Ms Lal`` and ``she`` are ``Priya Lal`` once the text has
named her, ``DCS Hale`` is ``Detective Chief Superintendent Ann Hale``, ``the force`` is the police force last
named, ``the panel`` and ``it`` are the name a body was given in apposition), a description for someone
unnamed (``a Met spokesperson``), or empty. ``speaker_start`` and
``speaker_end`` are where the speaker's own words in the attribution stand (``she`` in "she said"), and
``notes`` says how the speaker was found. Pure: the standard library's ``re`` only, and linear in the text
but for a look-back over the names met so far.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Words that stand before a name as a title or rank ("Deputy Assistant Commissioner Claire Hollis").
TITLES = {
    "ms", "mr", "mrs", "miss", "mx", "dr", "cllr", "councillor", "commissioner", "sir", "dame", "lord", "lady",
    "baroness", "baron", "professor", "prof", "judge", "justice", "prosecutor", "sergeant", "sgt", "constable", "pc",
    "inspector", "chief", "detective", "superintendent", "supt", "deputy", "assistant", "commander", "dci", "di", "ds",
    "dc", "rev", "reverend", "mayor", "minister", "secretary", "director", "president", "officer", "captain", "general",
    "recorder", "coroner", "bishop", "canon", "mp", "msp", "chair", "chairman", "chairwoman", "king", "queen", "prince",
    "princess", "senator", "governor", "alderman", "ald", "barrister", "solicitor", "nurse",
    # Police ranks as a reporter abbreviates them ("DCS Calloway" after "Detective Chief Superintendent …").
    "dcs", "dsupt", "dsu", "det", "insp", "ch", "cmdr", "acc", "dcc", "dac", "pcso", "ps", "dsgt",
}
FEMALE_TITLES = {"ms", "mrs", "miss", "dame", "lady", "baroness", "queen", "princess", "chairwoman"}
MALE_TITLES = {"mr", "sir", "lord", "baron", "king", "prince", "chairman"}
FEMALE_WORDS = {"woman", "women", "mother", "daughter", "girl", "spokeswoman", "sister", "wife", "grandmother", "widow",
                "aunt", "niece", "policewoman", "businesswoman", "chairwoman", "her"}
MALE_WORDS = {"man", "father", "son", "boy", "spokesman", "brother", "husband", "grandfather", "widower", "uncle",
              "nephew", "policeman", "businessman", "chairman", "his"}
# Capitalised words that make a run of capitals an organisation or a place, not a person.
NOT_NAME_WORDS = {
    "police", "metropolitan", "met", "project", "network", "alliance", "council", "centre", "center", "court", "courts",
    "common", "hall", "office", "yard", "london", "group", "committee", "service", "services", "act", "review", "street",
    "road", "home", "women", "women's", "action", "justice", "commission", "party", "bailey", "news", "forum", "trust",
    "foundation", "charity", "coalition", "union", "federation", "college", "university", "school", "hospital",
    "department", "ministry", "government", "parliament", "assembly", "authority", "board", "agency", "inspectorate",
    "bbc", "itv", "sky", "the", "a", "an", "and", "of", "for", "in", "on", "at", "to", "by", "with", "from", "our", "its",
    "their", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "but", "if", "when", "after",
    "before", "since", "as", "so", "not", "no", "yes", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "england", "wales", "scotland", "britain", "uk", "now",
    "safety", "support", "helpline", "crisis", "victim", "victims", "survivors", "survivors'", "chiefs'",
    "national", "independent", "conduct", "regulations", "standards", "professional", "directorate", "read", "more",
    "share", "sign", "skip", "menu", "about", "contact", "town", "city", "borough", "county", "square", "park",
    "bridge", "station", "prison", "barracks", "hq", "house", "lane", "avenue", "place", "green", "crown", "magistrates'",
    "tribunal", "inquiry", "report", "plan", "strategy", "briefing", "summary", "opinion", "policing", "crime", "crimes",
    "samaritans", "refuge", "aid", "unit", "team", "branch", "division", "company", "ltd", "plc", "inc", "bank",
    "fund", "institute", "society", "association", "club", "church", "mosque", "temple", "cathedral", "abuse",
    "domestic", "violence", "against", "girls", "men", "rape", "sexual",
}
PRONOUNS = {"he": "m", "she": "f", "it": "it", "they": "they", "we": "we", "i": "i"}
# Nouns that make a description a person ("a Met spokesperson", "the second woman", "one of the volunteers").
PERSON_NOUNS = {
    "spokesperson", "spokesman", "spokeswoman", "woman", "man", "officer", "constable", "commissioner", "judge",
    "director", "volunteer", "volunteers", "prosecutor", "executive", "founder", "organiser", "organizer", "councillor",
    "sergeant", "criminologist", "minister", "secretary", "chair", "chairman", "chairwoman", "inspector",
    "superintendent", "mayor", "survivor", "victim", "mother", "father", "resident", "witness", "campaigner", "member",
    "lawyer", "barrister", "solicitor", "professor", "doctor", "nurse", "teacher", "student", "reporter", "source",
    "commander", "leader", "head", "detective", "manager", "worker", "adviser", "advisor", "officers", "women", "men",
    "girl", "boy", "daughter", "son", "sister", "brother", "wife", "husband", "partner", "friend", "neighbour",
    "colleague", "academic", "researcher", "expert", "analyst", "activist", "mp", "peer", "recorder", "coroner",
    "counsel", "defendant", "complainant", "spokespeople", "spokespersons", "one",
}
# Words that end the subject of a sentence: it has reached its verb.
# (A string, not a set of literals: some of these words are also the names of tables.)
VERBISH = set((
    "is are was were has have had will would can could should may might must did does do said says say told tells "
    "added adds adding wrote writes also then promises promised published publishes welcomes welcomed announced "
    "announces found finds spoke speaks runs ran plans planned made makes accepted accepts showed shows show "
    "suggests suggested met read reads commits committed agreed agrees admitted admits called calls described "
    "describes heard received receives launched launches gave gives asked asks believes believed warned warns "
    "explained explains claimed claims insisted insists argued argues continued continues replied replies noted "
    "notes recalled recalls stated states according who which whose "
).split())
# A first word that makes a comma-separated piece an adverbial ("Outside court", "Asked about …", "Earlier this month").
ADVERBIAL_STARTS = {
    "in", "on", "at", "outside", "inside", "after", "before", "during", "since", "from", "for", "with", "by", "under",
    "over", "speaking", "asked", "earlier", "later", "last", "this", "yesterday", "today", "tonight", "meanwhile",
    "however", "separately", "also", "then", "now", "previously", "between", "until", "when", "while", "as", "if",
    "although", "though", "but", "and", "so", "yet", "still", "instead", "elsewhere", "overall", "finally", "first",
    "second", "third", "next", "again", "once", "sentencing", "responding", "writing", "commenting", "interviewed",
    "approached", "contacted", "addressing", "following", "despite", "amid", "among", "without", "within", "near",
    "across", "through", "throughout", "around", "about", "according",
}
RELATIVE_STARTS = {"who", "whom", "whose", "which", "that", "where", "now", "aged", "herself", "himself", "itself",
                   "themselves", "also", "too", "both", "speaking"}

# Verbs that attribute words in marks to a speaker; reported speech is keyed after a narrower set.
SPEECH_VERBS = (r"said|says|say|told|tells|added|adds|adding|wrote|writes|write|continued|explained|insisted|warned|"
                r"replied|argued|asked|admitted|recalled|claimed|stated|acknowledged|conceded|remarked|observed|"
                r"declared|urged|pleaded|tweeted|posted|commented|announced|promised|"
                r"went\s+on(?!\s+to\b)|goes\s+on(?!\s+to\b)")
_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b|\baccording to\b|\bdescribed (?:\w+ )?as\b|\bcalled (?:\w+ )?(?=[\"“‘'])",
                     re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:(?P<acc>[Aa]ccording to)|(?P<verb>said|says|say|told|added|adding))\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|am|to|would|could|will|can|cannot|can't|should|"
                             r"must|might|may|not|never|didn't|don't|doesn't)\s+$", re.IGNORECASE)
_TOLD_OBJECT = re.compile(r"\s+(?:us|me|him|her|them|you|reporters|journalists|MPs|the\s+(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*"
                          r"|(?:the|a|an|his|her|their|its|our|my)\s+(?:[a-z]+\s+(?!(?:the|a|an|this|that|these|those|it|he|she|they"
                          r"|we|i|there|her|his|its|their|our|all|most|some|no|every)\b))?[a-z]+|(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*)\b")
_TIME_ADVERBIAL = re.compile(
    r"\s+(?:on\s+\w+day|on\s+\d{1,2}\s+[A-Z]\w+|yesterday|today|tonight|this\s+(?:morning|afternoon|evening|week|month|year)"
    r"|last\s+(?:night|week|month|year|\w+day|[A-Z]\w+)|earlier(?:\s+this\s+(?:week|month|year))?|later|afterwards"
    r"|in\s+(?:a\s+statement|[A-Z][a-z]+(?:\s+\d{4})?|\d{4})|after\s+the\s+\w+|outside\s+\w+|again|also|previously)\b")
# A comma that breaks a clause: not one between digits ("2,400").
_COMMA = r"(?:(?<!\d),|,(?!\d))"
_NOT_COMMA = r"(?:[^,]|(?<=\d),(?=\d))"
_CLAUSE_END = re.compile(r";|,\s+(?:and|but|or|adding|saying|although|while|whereas)\b|\s[–—-]\s|:\s")
_OPENERS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
_MASK = "·"
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "prof", "rev", "sgt", "insp", "cllr", "supt", "co", "ltd",
                  "inc", "vs", "etc", "gen", "col", "capt", "lt", "det", "ch", "jr", "sr", "jan", "feb", "mar", "apr",
                  "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "fig", "govt"}
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[A-Z0-9£$•])")
_WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")
_CAP_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|de|van|von|der|bin|al|la|le|du|da))*(?:\s+[A-Z][\w'’-]*)?")
TITLE_NOUNS = re.compile(r"\b(?:report|book|novel|author of|titled|entitled|film|documentary|briefing|album|song|play|"
                         r"series|programme|program|campaign|strategy|review|study|paper|podcast|headline|scheme|"
                         r"exhibition|poem|article|column|essay|called|named|dubbed|known as)\s*$", re.IGNORECASE)


# A police force's name in a run of capitals: "London’s Metropolitan Police", "Kent Police", "the Met".
_FORCE = re.compile(r"^(?:(?:The|A|An)\s+)?(?P<force>(?:[A-Z][\w'’-]*\s+)+?(?:Police(?:\s+Service)?|Constabulary)|Met)"
                    r"(?:['’]s)?(?:\s+(?P<next>\S+))?")
# Definite descriptions that stand for the police force last named ("the force said").
FORCE_WORDS = {"force", "service", "constabulary"}


# Words before a short quoted phrase that make it a label someone holds, not words they said.
SCARE_BEFORE = re.compile(r"\b(?:(?:regarded|seen|viewed|thought\s+of|treated|known|passed\s+off)\s+as|considered|"
                          r"so-called)\s+$", re.IGNORECASE)


@dataclass
class _Mark:
    """Words in quotation marks: the mark's place, the words' span and the closing mark (None: runs on)."""

    open: int
    start: int
    end: int
    close: int | None
    line: int
    continues: bool = False  # opens a paragraph of a quotation begun in the paragraph before


@dataclass
class _Mention:
    """Somebody or something the text names or describes, as a possible antecedent for he, she or it."""

    position: int
    text: str
    kind: str  # person, group or thing
    gender: str = ""


@dataclass
class _Row:
    found: str
    start: int
    end: int
    who: tuple[int, int] | None = None
    how: str = ""
    speaker: str = ""
    notes: list[str] = field(default_factory=list)
    inherit: object | None = None  # another _Row whose speaker this one takes


def find_quotations(text: str, segments: list[tuple[int, str]]) -> list[dict]:
    """Every quotation and piece of reported speech in the segments, in order, with its speaker."""
    marks = _find_marks(text, segments)
    masked = _masked(text, marks)
    sentences = _sentences(masked, segments)
    starts = [a for a, _ in sentences]
    mentions = _mentions(masked, sentences)
    rows: list[_Row] = []
    marked_rows: list[tuple[_Mark, _Row]] = []
    closes = [m.close for m in marks if m.close is not None]
    previous: _Mark | None = None
    previous_row: _Row | None = None
    for mark in marks:
        sentence = _sentence_at(sentences, starts, mark.open)
        row = _attribute_mark(text, masked, mark, sentence, sentences, starts, closes)
        # Words in marks after a quotation in the same paragraph, opening a sentence or in the same sentence
        # ('"…," she said. "…"' and '"…," she said, "…"'), go on with it.
        same = (previous is not None and previous.line == mark.line and previous_row is not None
                and (mark.open == sentence[0] or previous.open >= sentence[0]))
        if row is None and (mark.continues or same):
            if previous_row is not None:
                row = _Row("quote", mark.start, mark.end, inherit=previous_row,
                           how="the same speaker as the quotation before it" + (
                               " (a quotation running over paragraphs)" if mark.continues else " in this paragraph"))
        if row is None:
            row = _Row("quote", mark.start, mark.end, how="unattributed")
        if _scare_or_title(text, masked, mark, sentence, row.how == "unattributed"):
            previous, previous_row = mark, None
            continue
        previous, previous_row = mark, row
        marked_rows.append((mark, row))
        rows.append(row)
    rows += _reported(text, masked, sentences, marks)
    rows.sort(key=lambda r: r.start)
    # Register each row's own speaker words as a mention (one named only in an attribution, "the Met's commissioner");
    # a surname alone after the full name ("Adeyemi said") is that person.
    named = _Names(mentions)
    for row in rows:
        if row.who and row.how != "unattributed":
            words = text[row.who[0]:row.who[1]]
            if words.lower() not in PRONOUNS:
                kind = "person" if _surname_alone(words, row.who[0], named) else _kind_of(words)
                mentions.append(_Mention(row.who[0], words, kind, _gender_of(words)))
    names = _Names(mentions)
    genders: dict[str, str] = {}
    for row in rows:
        _resolve(text, row, names, genders)
    # A quotation nobody is said to have said, whose words someone says elsewhere (a headline): theirs.
    for mark, row in marked_rows:
        if row.how == "unattributed" and not row.speaker:
            words = text[mark.start:mark.end].strip(" ,.;:!?")
            for other in rows:
                if other is not row and other.speaker and other.found == "quote" and words and words in text[other.start:other.end]:
                    row.speaker, row.who = other.speaker, other.who
                    row.notes = [f"the same words are quoted at {other.start}, said by {other.speaker}"]
                    break
        if row.how == "unattributed" and not row.speaker:
            sentence = _sentence_at(sentences, starts, mark.open)
            words = len(_WORD.findall(text[mark.start:mark.end]))
            if mark.open > sentence[0] and re.search(r"\w\s*$", masked[sentence[0]:mark.open]) and words >= 4:
                subject = _subject(masked, sentence[0], mark.open)
                # A subject carrying a quoted title ('Its “Believe Her” campaign') is a thing, not a speaker.
                if subject and _MASK not in masked[subject[0]:subject[1]]:
                    row.who = subject
                    row.how = "the subject of the sentence the quotation stands in"
                    _resolve(text, row, names, genders)
    found = []
    for row in rows:
        if row.end <= row.start:
            continue
        who = row.who if row.speaker and row.who else None
        found.append({
            "found": row.found, "mention": text[row.start:row.end], "mention_start": row.start, "mention_end": row.end,
            "speaker": row.speaker, "speaker_start": who[0] if who else "", "speaker_end": who[1] if who else "",
            "notes": "; ".join([row.how] + row.notes) if row.how else "; ".join(row.notes),
        })
    return found


# ---------------------------------------------------------------------------------------------- marks


def _lines(segments: list[tuple[int, str]]) -> list[tuple[int, str]]:
    lines = []
    for offset, segment in segments:
        for match in re.finditer(r"[^\n]+", segment):
            if match.group().strip():
                lines.append((offset + match.start(), match.group().rstrip("\r")))
    return lines


def _opens(line: str, i: int) -> bool:
    """Whether the mark at i opens a quotation (an apostrophe inside a word does not)."""
    char, before = line[i], line[i - 1] if i else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    if char == "“":
        return not after.isspace()
    if char in "\"'‘":
        return (before.isspace() or before in "([{—–-/:;,") and (after.isalnum() or after in "£$€…(“\"'‘")
    return False


def _closes(line: str, opener: str, start: int) -> int | None:
    """Where the quotation opened just before start closes on this line, or None."""
    closer = _OPENERS[opener]
    if opener in "“\"":
        position = line.find(closer, start)
        return position if position >= 0 else None
    fallback = None
    for match in re.finditer(re.escape(closer), line[start:]):
        j = start + match.start()
        following = line[j + 1] if j + 1 < len(line) else " "
        if j > start and not line[j - 1].isspace() and not following.isalnum():
            # "the workers’ turn": a plural's apostrophe closes nothing if a mark after punctuation follows.
            if line[j - 1] in ",.!?;:…—–" or following in ",.;:!?)" or not line[j + 1:].strip():
                return j
            fallback = j if fallback is None else fallback
    return fallback


def _find_marks(text: str, segments: list[tuple[int, str]]) -> list[_Mark]:
    """Top-level quotations in marks; marks inside a quotation are its own (nested) and not rows."""
    lines = _lines(segments)
    marks: list[_Mark] = []
    running: str | None = None  # the opener of a quotation left open at the end of the last paragraph
    for number, (offset, line) in enumerate(lines):
        continuing, running = running, None
        i = 0
        while i < len(line):
            char = line[i]
            if char not in _OPENERS or not _opens(line, i):
                i += 1
                continue
            close = _closes(line, char, i + 1)
            continues = bool(continuing) and i == len(line) - len(line.lstrip()) and char == continuing
            if close is None:
                # A quotation over paragraphs: open at the end of this one, and the next one opens again.
                following = lines[number + 1][1].lstrip() if number + 1 < len(lines) else ""
                if char in "“\"" and following.startswith(char):
                    end = len(line.rstrip())
                    if re.search(r"\w", line[i + 1:end]):
                        marks.append(_Mark(offset + i, offset + i + 1, offset + end, None, number, continues))
                    running = char
                    break
                i += 1
                continue
            if re.search(r"\w", line[i + 1:close]):
                marks.append(_Mark(offset + i, offset + i + 1, offset + close, offset + close, number, continues))
            i = close + 1
    return marks


def _masked(text: str, marks: list[_Mark]) -> str:
    """The text with the words inside marks blanked (their last full stop kept), so they are not read as prose."""
    chars = list(text)
    for mark in marks:
        end = mark.end - 1 if text[mark.end - 1:mark.end] in (".", "!", "?") else mark.end
        for i in range(mark.start, end):
            if chars[i] not in "\r\n":
                chars[i] = _MASK
    return "".join(chars)


# ------------------------------------------------------------------------------------------ sentences


def _sentences(masked: str, segments: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """Sentence spans (file offsets): lines, split after a full stop that is not an abbreviation's."""
    found = []
    for offset, line in _lines([(o, masked[o:o + len(s)]) for o, s in segments]):
        position = 0
        for match in _SENTENCE_BREAK.finditer(line):
            word = re.search(r"(\w+)[.!?]?$", line[:match.start() + 1])
            if line[match.start()] == "." and word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
            end = match.end() - len(match.group()) + len(match.group().rstrip())
            found.append((offset + position, offset + end))
            position = match.end()
        if line[position:].strip():
            found.append((offset + position, offset + len(line.rstrip())))
    return found


def _sentence_at(sentences, starts, position: int) -> tuple[int, int]:
    index = bisect.bisect_right(starts, position) - 1
    return sentences[index] if index >= 0 else (position, position)


# ------------------------------------------------------------------------------------ who said it


# A time phrase opening a piece without a comma: "Three weeks ago a group of councillors", "Last year the Met".
_LEADING_TIME = re.compile(
    r"(?i:(?:\w+|a|\d+)\s+(?:days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|later)"
    r"|(?:last|this|next)\s+(?:night|morning|week|month|year|summer|winter|spring|autumn)"
    r"|earlier\s+this\s+(?:week|month|year)|yesterday|today|on\s+\w+day|in\s+\d{4}"
    r"|(?:last|in|on)\s+(?=[A-Z])(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{4})?)\s+(?=\S)")


def _parts(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated pieces of masked[start:end] as spans, stripped of spaces, bullets and a leading time phrase."""
    pieces, position = [], start
    for match in list(re.finditer(rf"{_COMMA}|;|\s[–—]\s", masked[start:end])) + [None]:
        stop = start + match.start() if match else end
        piece = masked[position:stop]
        lead = len(piece) - len(piece.lstrip(" \t•*-–—("))
        time = _LEADING_TIME.match(piece, lead)
        if time and piece[time.end():].strip(" \t)"):
            lead = time.end()
        trail = len(piece) - len(piece.rstrip(" \t)"))
        if piece.strip(" \t•*-–—()"):
            pieces.append((position + lead, stop - trail))
        position = start + match.end() if match else end
    return pieces


def _first_word(words: str) -> str:
    found = _WORD.search(words)
    return found.group().lower().rstrip(".") if found else ""


def _is_adverbial(words: str) -> bool:
    first = _first_word(words)
    return first in ADVERBIAL_STARTS or (first.endswith("ing") and first not in {"king", "ring"}) or bool(
        re.fullmatch(r"\d.*", first))


def _cut_at_verb(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """The words of a piece before its verb or relative clause ("Campaigners have pointed" → "Campaigners")."""
    cut = end
    for index, match in enumerate(re.finditer(r"[\w'’.-]+", masked[start:end])):
        word = match.group().lower().strip(".")
        if index > 0 and match.group()[:1].islower() and (word in VERBISH or word in {"that", "with", "who", "which", "whose"}):
            cut = start + match.start()
            break
    span = (start, start + len(masked[start:cut].rstrip()))
    return span if span[1] > span[0] and re.search(r"[A-Za-z]", masked[span[0]:span[1]]) else None


def _is_person_name(words: str) -> bool:
    """A person's name: a title and capitalised words, or two or three capitalised words that name no organisation."""
    tokens = words.split()
    if not tokens or not all(t[:1].isupper() for t in tokens):
        return False
    plain = [t.lower().strip(".,") for t in tokens]
    if plain[0] in TITLES and len(tokens) >= 2 and plain[-1] not in TITLES:
        return not any(p in NOT_NAME_WORDS for p in plain)
    return 2 <= len(tokens) <= 3 and not any(p in NOT_NAME_WORDS or p in TITLES for p in plain)


def _name_in(masked: str, start: int, end: int, prefix: bool = False) -> tuple[int, int] | None:
    """A person's name filling the piece (a trailing age aside), or starting it if prefix."""
    for match in _CAP_RUN.finditer(masked[start:end]):
        words = match.group()
        rest = masked[start + match.end():end]
        if (_is_person_name(words) and not words.endswith(("'s", "’s", "s'", "s’")) and not masked[start:start + match.start()].strip(" ")
                and (prefix or re.fullmatch(r"[\s\d]*", rest))):
            return start + match.start(), start + match.end()
    return None


def _kind_of(words: str) -> str:
    plain = [w.lower().strip(".,'’") for w in words.split()]
    if not plain:
        return "thing"
    if _is_person_name(words) or plain[0] in TITLES and len(plain) > 1 and words.split()[1][:1].isupper():
        return "person"
    head = plain[-1]
    if plain[:2] == ["one", "of"] or head in {"spokesperson", "spokesman", "spokeswoman"}:
        return "person"
    if head in PERSON_NOUNS:
        return "group" if head.endswith(("s", "men")) and head not in {"woman", "man"} else "person"
    if head.endswith("s") and not words.split()[-1][:1].isupper():
        return "group"
    return "thing"


def _gender_of(words: str) -> str:
    plain = {w.lower().strip(".,'’") for w in words.split()}
    first = words.split()[0].lower().strip(".") if words.split() else ""
    if first in FEMALE_TITLES or plain & (FEMALE_WORDS - {"her"}):
        return "f"
    if first in MALE_TITLES or plain & (MALE_WORDS - {"his"}):
        return "m"
    return ""


_BODY_NAME = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|on|against|&)\s+)?[A-Z][\w'’-]*)*")


def _head_noun(words: str) -> str:
    """The head noun of a description: its last word before of, for, at …  ('a group of councillors' → group)."""
    found = re.match(r"(.*?)(?:\s+(?:of|for|at|from|in|on|with|to)\b|$)", words)
    tokens = found.group(1).split() if found else []
    return tokens[-1].lower().strip(".,'’") if tokens else ""


def _choose(masked: str, pieces: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Who a chain of pieces names ("Our director, Funmi Adeyemi, 52" → Funmi Adeyemi)."""
    pieces = [p for p in pieces if _first_word(masked[p[0]:p[1]]) not in RELATIVE_STARTS
              and not re.fullmatch(r"[\d\s]+", masked[p[0]:p[1]])]
    # A name after a conjunction opening the chain ("But Dr Funmi Adeyemi, director of …,"): the name, not the
    # job title in apposition after it.
    conjunction = _LEADING_CONJUNCTION.match(masked, pieces[0][0], pieces[0][1]) if pieces else None
    if conjunction:
        name = _name_in(masked, conjunction.end(), pieces[0][1])
        if name:
            return name
    while len(pieces) > 1 and _is_adverbial(masked[pieces[0][0]:pieces[0][1]]):
        pieces = pieces[1:]
    if not pieces:
        return None
    for start, end in pieces:
        name = _name_in(masked, start, end)
        if name:
            return name
    # A body described and then named ("a group of councillors, the Safer Streets Panel,"): its name, unless
    # the description is a person ("a spokesperson for the charity, Women First," is the spokesperson).
    first = masked[pieces[0][0]:pieces[0][1]]
    if _head_noun(first) not in PERSON_NOUNS and not re.match(r"(?i:one)\b", first):
        for start, end in pieces[1:]:
            if _BODY_NAME.fullmatch(masked[start:end]) and masked[start:end].lower() not in PRONOUNS:
                return start, end
    for start, end in pieces:
        words = masked[start:end]
        if re.search(r"\b(?:them|us|these|those)\b", words, re.IGNORECASE) and len(pieces) > 1:
            continue  # "One of them, a constable with 20 years' service": the description says who
        return _cut_at_verb(masked, start, end)
    return None


_LEADING_CONJUNCTION = re.compile(r"(?:[Bb]ut|[Aa]nd|[Yy]et|[Oo]r|[Ss]o)\s+(?=\S)")


def _who_before(masked: str, clause_start: int, verb_start: int) -> tuple[int, int] | None:
    """The speaker's words before a verb of saying in the sentence starting at clause_start."""
    clause_start = max(clause_start, masked.rfind(";", clause_start, verb_start) + 1)
    before = masked[clause_start:verb_start]
    if not before.strip(" ,"):
        return None
    pieces = _parts(masked, clause_start, verb_start)
    if not pieces:
        return None
    if before.rstrip().endswith(","):
        return _choose(masked, pieces)  # an appositive chain: "Priya Lal, director of …, said"
    last = pieces[-1]
    words = masked[last[0]:last[1]]
    tokens = list(re.finditer(r"[\w'’]+", words))
    if tokens and tokens[-1].group().lower() in ("and", "but", "or", "then", "also"):
        return _subject(masked, clause_start, verb_start)  # "Campaigners have pointed to …, and said"
    if tokens and tokens[-1].group().lower() in PRONOUNS and (len(tokens) > 1 or len(pieces) > 1):
        if tokens[-1].group().lower() != "i":
            return last[0] + tokens[-1].start(), last[0] + tokens[-1].end()  # "a process it described as"
    if tokens and tokens[-1].group().lower() in ("has", "have", "had", "also", "already", "previously", "later"):
        trimmed = last[0] + tokens[-1].start()
        last = (last[0], trimmed - (len(masked[last[0]:trimmed]) - len(masked[last[0]:trimmed].rstrip())))
    # The subject of a clause opened by a conjunction: "Reports rise by 40% as campaigners say" → campaigners.
    conjunctions = list(re.finditer(r"(?<!\bsuch )(?<!\bwell )(?<!\bsame )\b(?:as|while|because|although|though|whereas)\s+",
                                    masked[last[0]:last[1]]))
    if conjunctions and len(masked[last[0]:last[0] + conjunctions[-1].start()].split()) >= 3:
        last = (last[0] + conjunctions[-1].end(), last[1])
    name = _name_in(masked, *last)
    if name and (name[1] - name[0]) >= (last[1] - last[0]) - 1:
        return name
    return _cut_head(masked, *last)


def _cut_head(masked: str, start: int, end: int) -> tuple[int, int] | None:
    """A noun phrase's words before a relative clause ('a charity that brought …' → 'a charity')."""
    words = masked[start:end]
    cut = re.search(r"\s(?:who|whom|whose|which|that|with|now|aged)\b", words)
    if cut:
        end = start + cut.start()
    # A leading adverbial without a comma: "In June last year the Met" is rare; "Last June's report" is a name.
    span = (start, start + len(masked[start:end].rstrip()))
    return span if re.search(r"[A-Za-z]", masked[span[0]:span[1]]) else None


def _subject(masked: str, sentence_start: int, limit: int) -> tuple[int, int] | None:
    """The subject of the sentence: its first piece that is not an adverbial, up to the verb."""
    pieces = _parts(masked, sentence_start, limit)
    pieces = [p for p in pieces if not _is_adverbial(masked[p[0]:p[1]])] or []
    if not pieces:
        return None
    name = _name_in(masked, *pieces[0], prefix=True)
    if name:
        return name
    return _cut_at_verb(masked, *pieces[0])


def _attribute_mark(text: str, masked: str, mark: _Mark, sentence, sentences, starts, closes) -> _Row | None:
    """Who the quotation in marks is attributed to in its own sentence or the one introducing it, or None."""
    row = _Row("quote", mark.start, mark.end)
    words = text[mark.start:mark.end].rstrip()
    after_start = mark.close + 1 if mark.close is not None else mark.end
    after = masked[after_start:sentence[1]]
    runs_on = words.endswith(",") or re.match(r"\s*[,a-z]", after) or (words.endswith(("?", "!", "—", "–", "-", "…"))
                                                                       and re.match(r"\s*[a-z]", after))
    if mark.close is not None and runs_on:
        verb_first = re.match(rf"\s*,?\s*(?P<verb>{SPEECH_VERBS})\s+(?P<who>[^.;:!?{_MASK}\"“”‘]+)", after)
        verb_after = re.match(rf"\s*,?\s*(?P<who>[^.;:!?{_MASK}\"“”‘’,]{{1,80}}?)\s+(?:has\s+|had\s+|have\s+)?"
                              rf"(?P<verb>{SPEECH_VERBS})\b", after)
        if verb_first and not re.match(r"(?:him|her|them|me|us|you|so)\b", verb_first.group("who")):
            start = after_start + verb_first.start("who")
            who = _choose(masked, _parts(masked, start, after_start + verb_first.end("who")))
            if who:
                row.who, row.how = who, f"speaker after the quote: '{verb_first.group('verb')} {text[who[0]:who[1]]}'"
                return row
        if verb_after and len(verb_after.group("who").split()) <= 8:
            start = after_start + verb_after.start("who")
            who = _cut_head(masked, start, after_start + verb_after.end("who"))
            if who:
                row.who, row.how = who, f"speaker after the quote: '{text[who[0]:who[1]]} {verb_after.group('verb')}'"
                return row
        # The speaker with an aside before the verb: '"…," the officer, who cannot be named, told the panel.'
        aside = re.match(rf"\s*,?\s*(?P<who>[^.;:!?{_MASK}\"“”‘’,]{{1,80}}?,[^.;:!?{_MASK}\"“”‘’,]{{1,80}}?),"
                         rf"\s+(?:has\s+|had\s+|have\s+)?(?P<verb>{SPEECH_VERBS})\b", after)
        if aside and len(aside.group("who").split()) <= 14:
            who = _choose(masked, _parts(masked, after_start + aside.start("who"), after_start + aside.end("who")))
            if who:
                row.who, row.how = who, f"speaker after the quote: '{text[after_start + aside.start('who'):after_start + aside.end('verb')]}'"
                return row
    before = masked[:mark.open]
    stripped = before.rstrip()
    if stripped.endswith(":") and not mark.continues:
        colon = len(stripped) - 1
        intro = _sentence_at(sentences, starts, colon)
        verbs = list(_SPEECH.finditer(masked[intro[0]:colon]))
        if verbs:
            verb = verbs[-1]
            who = _who_before(masked, intro[0], intro[0] + verb.start())
            if who:
                row.who, row.how = who, f"speaker before the quote: '{text[who[0]:colon + 1]}'"
                return row
        return None
    if mark.open > sentence[0]:
        # Only words after any earlier quotation in the sentence: '"…," she said, "and …"' continues it.
        region = max([sentence[0]] + [c + 1 for c in closes if sentence[0] <= c < mark.open])
        # The opening mark itself is in view: "called it “…”" looks ahead to it.
        verbs = [v for v in _SPEECH.finditer(masked[sentence[0]:mark.open + 1])
                 if sentence[0] + v.start() >= region and sentence[0] + v.start() < mark.open]
        if verbs:
            verb = verbs[-1]
            if verb.group().lower() == "according to":
                tail = re.match(rf"\s*({_NOT_COMMA}+)", masked[sentence[0] + verb.end():mark.open])
                if tail:
                    who = _cut_head(masked, sentence[0] + verb.end() + tail.start(1), sentence[0] + verb.end() + tail.end(1))
                    if who:
                        row.who, row.how = who, f"'according to {text[who[0]:who[1]]}'"
                        return row
            who = _who_before(masked, region, sentence[0] + verb.start())
            if who:
                row.who, row.how = who, f"speaker of the sentence: '{text[who[0]:sentence[0] + verb.end()]}'"
                return row
    tail = _tail_attribution(masked, sentence)
    if tail and tail[0] > mark.end:
        row.who, row.how = tail[1], f"speaker at the end of the sentence: '{text[tail[1][0]:tail[2]]}'"
        return row
    return None


def _tail_attribution(masked: str, sentence) -> tuple[int, tuple[int, int], int] | None:
    """A sentence ending '…, the Met said.' or '…, according to City Hall.': (comma, speaker span, verb end)."""
    words = masked[sentence[0]:sentence[1]]
    found = re.search(rf"{_COMMA}\s+(?P<who>(?:[^,{_MASK}]|(?<=\d),(?=\d)){{1,120}}?)\s+(?:has\s+|have\s+|had\s+)?(?P<verb>said|says|say|added|adds)"
                      rf"(?:\s+(?:on\s+\w+day|yesterday|today|tonight|last\s+\w+|this\s+\w+|earlier(?:\s+this\s+\w+|\s+today)?"
                      rf"|later(?:\s+today)?|in\s+a\s+statement|in\s+[A-Z]\w+)){{0,2}}"
                      rf"\s*[.!?]?$", words)
    if found and not re.search(r"[\"“”‘]", found.group("who")):
        who = _cut_head(masked, sentence[0] + found.start("who"), sentence[0] + found.end("who"))
        if who:
            return sentence[0] + found.start(), who, sentence[0] + found.end("verb")
    found = re.search(rf"{_COMMA}\s+according to\s+(?P<who>(?:[^,{_MASK}]|(?<=\d),(?=\d)){{1,120}}?)\s*[.!?]?$", words)
    if found:
        who = _cut_head(masked, sentence[0] + found.start("who"), sentence[0] + found.end("who"))
        if who:
            return sentence[0] + found.start(), who, sentence[0] + found.end("who")
    return None


def _scare_or_title(text: str, masked: str, mark: _Mark, sentence, unattributed: bool) -> bool:
    """A quoted title, or a word or phrase of one to three words in marks that nobody is said to have said."""
    words = _WORD.findall(text[mark.start:mark.end])
    if unattributed and len(words) <= 3 and not mark.continues:
        return True
    before = masked[max(sentence[0], mark.open - 40):mark.open]
    if len(words) <= 3 and SCARE_BEFORE.search(before):
        return True  # "what the officers regarded as ‘banter’": a label held, not words said
    capitals = [w for w in words if len(w) > 3]
    return bool(capitals) and all(w[:1].isupper() for w in capitals) and len(words) <= 8 and bool(TITLE_NOUNS.search(before))


# -------------------------------------------------------------------------------------- reported speech


def _reported(text: str, masked: str, sentences, marks: list[_Mark]) -> list[_Row]:
    """Reported speech: the clause after said, says, told, added, adding or according to."""
    rows: list[_Row] = []
    opens = sorted(m.open for m in marks)
    for s, e in sentences:
        sentence = masked[s:e]
        tail = _tail_attribution(masked, (s, e))
        for match in _REPORTED.finditer(sentence):
            verb_start, verb_end = s + match.start(), s + match.end()
            if match.group("verb"):
                if _PASSIVE_BEFORE.search(masked[s:verb_start]):
                    continue  # "we are told", "to be told", "would say"
                before = masked[s:verb_start]
                # The attribution of words in marks ("…," she said): not reported speech.
                closing = max(before.rfind("”"), before.rfind('"'), before.rfind("’"), before.rfind("'"))
                if closing >= 0 and _MASK in before[:closing] and len(before[closing + 1:].split()) <= 8 and (
                        not re.search(r"[.;:]", before[closing + 1:])):
                    continue
            clause = None
            who = None
            how = ""
            if match.group("acc"):
                rest = re.match(rf"\s+(?P<who>(?:[^,.;:]|(?<=\d)[,.](?=\d))+?)\s*(?P<stop>{_COMMA}|[.!?;:]|$)", masked[verb_end:e])
                if not rest:
                    continue
                who = _cut_head(masked, verb_end + rest.start("who"), verb_end + rest.end("who"))
                if rest.group("stop") == "," and masked[verb_end + rest.end():e].strip():
                    clause = (verb_end + rest.end(), e)
                    if not re.search(r"(?:^|,)\s*$", masked[s:verb_start]):
                        continue
                else:
                    comma = masked.rfind(",", s, verb_start)
                    if comma < 0:
                        continue
                    clause = (s, comma)
                how = f"'according to {text[who[0]:who[1]]}'" if who else ""
            elif tail and tail[0] < verb_start and verb_end >= tail[2] - 1:
                clause = (s, tail[0])
                who = tail[1]
                how = f"speaker after the reported words: '{text[who[0]:tail[2]]}'"
            else:
                clause_start = _clause_after(masked, match.group("verb"), verb_end, e)
                if clause_start is None:
                    continue
                clause = (clause_start, e)
                who = _who_before(masked, s, verb_start)
                how = f"speaker of the sentence: '{text[who[0]:verb_end]}'" if who else "no speaker given"
            for row in _clauses(text, masked, clause, opens, marks):
                row.who, row.how = who, how
                rows.append(row)
    # Reported speech inside other reported speech ("…, which it said reflected …") is part of it.
    rows.sort(key=lambda r: (r.start, -r.end))
    kept: list[_Row] = []
    for row in rows:
        if kept and row.start < kept[-1].end:
            continue
        kept.append(row)
    return kept


def _clause_after(masked: str, verb: str, verb_end: int, sentence_end: int) -> int | None:
    """Where the reported clause after 'said'/'told X'/'added' starts, or None if the verb reports no clause."""
    position = verb_end
    if verb == "told":
        obj = _TOLD_OBJECT.match(masked, position, sentence_end)
        if not obj:
            return None
        position = obj.end()
    rest = masked[position:sentence_end]
    if re.match(r"\s*(?:[:,;.!?]|[\"“‘']|$)", rest):
        return None  # "said:", "said, …" or the end: words in marks or nothing reported
    that = re.match(r"((?:\s+[^\s:;\"“‘]+){0,8}?)\s+that\s+", rest)
    if that and not re.search(r"[,.]", that.group(1)):
        return position + that.end()
    while True:
        adverbial = _TIME_ADVERBIAL.match(masked, position, sentence_end)
        if not adverbial:
            break
        position = adverbial.end()
    rest = masked[position:sentence_end]
    if re.match(r"\s*[:\"“‘]", rest):
        return None
    first = re.match(r"\s+([\w'’£$]+)", rest)
    if re.match(r"\s+(?:(?:very|so|too)\s+)?(?:little|much|nothing|something|anything|everything|more|less|a lot)"
                r"\s+(?:about|to|of|on|in|for|else)\b", rest):
        return None  # "says very little about …": no clause reported
    if not first or first.group(1).lower() in {"so", "nothing", "something", "anything", "everything", "no", "yes",
                                                "sorry", "goodbye", "hello", "very", "thanks", "too", "as",
                                                "to", "of", "about", "in", "on", "at", "for", "by", "with", "from"}:
        return None
    return position + first.start(1)


def _clauses(text: str, masked: str, clause: tuple[int, int], opens: list[int], marks: list[_Mark]) -> list[_Row]:
    """The reported clause as rows: cut at its end, without words in marks (they are their own row)."""
    start, end = clause
    while start < end and masked[start].isspace():
        start += 1
    stop = _CLAUSE_END.search(masked, start, end)
    if stop:
        end = stop.start()
    while end > start and masked[end - 1] in " .!?,\t":
        end -= 1
    inside = [m for m in marks if start <= m.open < end]
    if inside:
        first = inside[0]
        comma = masked.rfind(",", start, first.open)
        rows = []
        if comma > start and len(masked[start:comma].split()) >= 4:
            rows.append(_Row("quote (reported)", start, comma))  # "…, a process it described as "…""
        last = inside[-1]
        if last.close is not None:
            joined = re.match(r"[\"”’']?\s+and\s+(?:that\s+)?", masked[last.close:end])
            if joined and last.close + joined.end() < end:
                rows.append(_Row("quote (reported)", last.close + joined.end(), end))  # "… "…" and would publish …"
        return rows
    if len(_WORD.findall(masked[start:end])) < 3 or _MASK in masked[start:end]:
        return []
    return [_Row("quote (reported)", start, end)]


# ------------------------------------------------------------------------------------------ resolution


def _mentions(masked: str, sentences) -> list[_Mention]:
    """People and bodies the text names, and the subjects of its sentences, as antecedents."""
    mentions = []
    for match in _CAP_RUN.finditer(masked):
        words = match.group()
        tokens = words.split()
        # A sentence's first word is capitalised anyway: "The Met" is a body; "Ms Lal" a person.
        while tokens and tokens[0].lower() in NOT_NAME_WORDS - {"the"} and tokens[0].lower() not in TITLES:
            tokens = tokens[1:]
        words = " ".join(tokens)
        if _is_person_name(words):
            position = match.start() + match.group().find(tokens[0])
            mentions.append(_Mention(position, words, "person", _gender_of(words)))
        force = _FORCE.match(match.group())
        if force and (not force.group("next") or force.group("next").lower() in TITLES):
            mentions.append(_Mention(match.start() + force.start("force"), force.group("force"), "force"))
    for s, e in sentences:
        subject = _subject(masked, s, e)
        if subject:
            words = masked[subject[0]:subject[1]]
            if _MASK not in words and len(words.split()) <= 8 and words.split()[0].lower() not in PRONOUNS:
                mentions.append(_Mention(subject[0], words, _kind_of(words), _gender_of(words)))
    return mentions


def _full_name(words: str, position: int, names: _Names) -> tuple[str, int] | None:
    """The fullest earlier name for a short one: 'Ms Lal' → 'Priya Lal', 'Dame Ruth' → 'Dame Ruth Penrose'."""
    tokens = [t for t in words.split() if t.lower().strip(".") not in TITLES]
    if not tokens or len(tokens) > 2 or any(not t[:1].isupper() or t.lower() in NOT_NAME_WORDS for t in tokens):
        return None
    candidates = names.by_token.get(tokens[-1], [])
    index = bisect.bisect_left(candidates, position, key=lambda m: m[0].position)
    for mention, other in reversed(candidates[max(0, index - names.LOOK_BACK):index]):
        if len(other) > len(tokens) and all(t in other for t in tokens):
            return mention.text, mention.position
    return None


class _Names:
    """The people and bodies met so far, by position, and the full names by each of their words."""

    LOOK_BACK = 400  # how many mentions back he, she, it or "the spokesperson" may reach

    def __init__(self, mentions: list[_Mention]):
        self.mentions = sorted(mentions, key=lambda m: m.position)
        self.positions = [m.position for m in self.mentions]
        self.by_token: dict[str, list[tuple[_Mention, list[str]]]] = {}  # full names (two words or more) only
        for mention in self.mentions:
            words = [t for t in mention.text.split() if t.lower().strip(".") not in TITLES]
            if mention.kind == "person" and len(words) >= 2:
                for token in set(words):
                    self.by_token.setdefault(token, []).append((mention, words))

    def before(self, position: int) -> list[_Mention]:
        """The mentions before position, nearest first, as far as the look-back reaches."""
        index = bisect.bisect_left(self.positions, position)
        return self.mentions[max(0, index - self.LOOK_BACK):index][::-1]


def _resolve(text: str, row: _Row, names, genders: dict[str, str]) -> None:
    """The row's speaker: the fullest name for its speaker's words, following he, she and it back."""
    if row.inherit is not None:
        source = row.inherit
        row.speaker, row.who = source.speaker, source.who
        return
    if not row.who:
        row.speaker = ""
        return
    words = text[row.who[0]:row.who[1]].strip()
    words = re.sub(r"^[•*\-–—\s]+", "", words)
    plain = words.lower()
    if plain in ("he", "she"):
        want = "m" if plain == "he" else "f"
        for mention in names.before(row.who[0]):
            if mention.kind != "person":
                continue
            name = _fullest(text, mention, names)
            gender = genders.get(name) or mention.gender
            if gender and gender != want:
                continue
            genders[name] = want
            row.speaker = name
            row.notes.append(f"{plain} = {name}, named at {mention.position}")
            return
        row.speaker = ""
        row.notes.append(f"{plain}: nobody named before it")
        return
    if plain == "it":
        for mention in names.before(row.who[0]):
            if mention.kind == "thing" and mention.text.lower() not in PRONOUNS:
                row.notes.append(f"it = {mention.text}, named at {mention.position}")
                row.speaker = _fullest(text, mention, names, row.notes)  # "it" = "the group" = its name
                return
        row.speaker = ""
        return
    if plain in PRONOUNS:  # we, I, they: the text's own voice or a group left unnamed
        row.speaker = ""
        row.notes.append(f"'{words}' names nobody")
        return
    kind = "person" if _surname_alone(words, row.who[0], names) else _kind_of(words)
    mention = _Mention(row.who[0], words, kind, _gender_of(words))
    row.speaker = _fullest(text, mention, names, row.notes)


def _surname_alone(words: str, position: int, names: _Names) -> bool:
    """One capitalised word that is the surname of the person last named in full with it ("Adeyemi said" after
    "Dr Funmi Adeyemi"), not a body's word ("Police")."""
    if not re.fullmatch(r"[A-Z][\w'’-]+", words) or words.lower() in NOT_NAME_WORDS | TITLES:
        return False
    full = _full_name(words, position, names)
    return bool(full) and full[0].split()[-1] == words


def _fullest(text: str, mention: _Mention, names: _Names, notes: list[str] | None = None) -> str:
    """A mention's fullest form: a short name's full one, a definite description's earlier fuller form."""
    words = mention.text
    full = _full_name(words, mention.position, names) if mention.kind == "person" else None
    if full:
        if notes is not None:
            notes.append(f"{words} = {full[0]}, named at {full[1]}")
        return full[0]
    description = re.fullmatch(r"(?i:the)\s+([a-z][\w-]*)", words)
    if description and description.group(1) in FORCE_WORDS:
        force = _last_force(mention.position, names)
        if force:
            if notes is not None:
                notes.append(f"{words} = {force}, the police force last named")
            return force
    if description:
        head = description.group(1).lower()
        for earlier in names.before(mention.position):
            other = earlier.text
            if other.lower() != words.lower() and head in other.lower().split() and not re.fullmatch(r"(?i:the)\s+\S+", other):
                # A description named in apposition ("a group of councillors, the Safer Streets Panel,"): the name.
                end = earlier.position + len(other)
                named = re.match(rf",\s+({_BODY_NAME.pattern})\s*,", text[end:end + 160])
                if named and named.group(1).lower() not in PRONOUNS and _kind_of(other) != "person":
                    other = named.group(1)
                if notes is not None:
                    notes.append(f"{words} = {other}, at {earlier.position}")
                return other
    return words


def _last_force(position: int, names: _Names) -> str | None:
    """The police force named last before position, in its fullest form ('the Met' → 'Metropolitan Police')."""
    earlier = [m for m in names.before(position) if m.kind == "force"]
    if not earlier:
        return None
    short = earlier[0].text.split()
    for other in earlier[1:]:  # a fuller name met before whose words the short one abbreviates (Met → Metropolitan)
        words = other.text.split()
        if len(words) > len(short) and all(any(w.lower().startswith(t.lower()) for w in words) for t in short):
            return other.text
    return earlier[0].text
