"""Who said what: quotations, reported speech and interview answers, each with its speaker.

Works sentence by sentence, in reading order, so that "he" and "the president" resolve to the
person who spoke or was named last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .people import Cast, appositive_after, organization_in, parse_appositive
from ..text.lexicon import alternation, lexicon
from ..text.names import NAME_RUN, NOT_NAME, PARTICLES, is_name_token, split_title
from ..text.spans import quote_spans, sentence_spans

LEX = lexicon()
SAY = alternation(LEX.cue_forms)
SAY_VERB = re.compile(rf"\b(?:{SAY})\b")
ADVERBS = rf"(?:(?:{alternation(LEX.between_words)})\s+)*"
ROLE_REF = (
    rf"[Tt]he (?:(?:{alternation(LEX.reference_modifiers)})[ -])?(?:{alternation(LEX.reference_nouns)})"
)
PRONOUN_SUBJECT = re.compile(rf"(?:^|[,;:][\"\u201d\u00bb\u2019]?\s+|\b(?:and|but|which|where|when|whom)\s+)(?P<ref>[Hh]e|[Ss]he|{ROLE_REF})\s+{ADVERBS}$")
AFTER_SUBJECT = re.compile(
    rf"^\s*(?:,\s*(?P<app>[^\"\u201c\u201d]{{2,220}}?),\s*|\s+of\s+[^\"\u201c\u201d,]{{2,120}},\s*|,\s*)?{ADVERBS}$"
)  # "Lei Jun, founder of Xiaomi, said", "Ana Ruiz of the cloud company Nubeluz, said"
INVERTED = re.compile(r"^\s+(?P<ref>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4})(?:\s*,\s*(?P<app>[^\"\u201c\u201d]+?))?\s*[.!?]?$")
ACCORDING_TO = re.compile(r"\b[Aa]ccording to (?P<ref>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,4})")
# "A1 ...", "A: ...", "Answer 2: ..." — but not the article "A total of ..."
ANSWER_LABEL = re.compile(r"^(?:A\d+\s*[:.)]?|A\s*[:.)]|Answer\s*\d*\s*[:.)])\s*(?=\S)")
QUESTION_LABEL = re.compile(r"^(?:Q\d+\s*[:.)]?|Q\s*[:.)]|Question\s*\d*\s*[:.)])\s*(?=\S)")
DIRECT_BEFORE = re.compile(r"^[\"\u201d\u00bb\u2019\u300d]?\s*[,.!?]?[\"\u201d\u00bb\u2019\u300d]?\s*(?:\u2014|\u2013|--)?\s*$")
DIRECT_AFTER = re.compile(r"^\s*(?:that\s+)?[:,]?\s*[\"\u201c\u00ab\u2018]$")
CONTRIBUTORS = re.compile(r"\bcontributed to this (?:story|report|article)\b", re.I)
MIN_QUOTE_WORDS = 4
CJK = re.compile(r"[\u3400-\u9fff]")
# '"Evaluation has to come first." — Kenta Haruyama, director of ...'
DASH_ATTRIBUTION = re.compile(
    r"[\"\u201d\u00bb\u2019\u300d]\s*(?P<dash>\u2014|\u2013|--)\s*(?P<ref>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){1,3})"
)
TRANSCRIPT_TURN = re.compile(
    rf"^(?P<name>[A-Z][\w'-]+(?: (?:{PARTICLES} )?[A-Z][\w'-]+){{1,3}})(?P<app>(?:,\s*[^:,]{{2,80}}){{1,3}}):\s+(?=\S)"
)
NAME_LABEL = re.compile(r"^(?P<label>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?):\s+(?=\S)")
OPENING_MARKS = "\"\u201c\u00ab\u2018"
CLOSING_MARKS = "\"\u201d\u00bb\u2019"


@dataclass(frozen=True)
class Speech:
    speaker: str
    kind: str  # quote | paraphrase | answer
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    ref: str
    subject_start: int
    subject_end: int
    verb_start: int
    verb_end: int
    appositive: str = ""


def find_speech(paragraphs: tuple[str, ...], cast: Cast) -> list[Speech]:
    """Every attributed statement in the article, in reading order."""
    answers, interview_lines = interview_answers(paragraphs, cast)
    by_paragraph: dict[int, list[Speech]] = {}
    for answer in answers:
        by_paragraph.setdefault(answer.paragraph, []).append(answer)
    block_speaker = None  # set by "X put it this way:" until a quoted block closes
    for index, text in enumerate(paragraphs):
        if index in interview_lines:
            continue
        if block_speaker and text[:1] in OPENING_MARKS:
            closes = text.rstrip()[-1:] in CLOSING_MARKS
            end = len(text.rstrip()) - 1 if closes else len(text)
            by_paragraph[index] = [Speech(block_speaker, "quote", index, 1, end)]
            block_speaker = None if closes else block_speaker
            continue
        turn = _transcript_turn(index, text, cast)
        if turn:
            by_paragraph[index] = [turn]
            cast.last_speaker = turn.speaker
            continue
        before = by_paragraph.get(index - 1)
        found = _paragraph_speech(index, text, cast, before[-1].speaker if before else None)
        by_paragraph[index] = found
        block_speaker = found[-1].speaker if found and text.rstrip().endswith(":") else None
    return sorted((s for found in by_paragraph.values() for s in found), key=lambda s: (s.paragraph, s.start))


def interview_answers(paragraphs: tuple[str, ...], cast: Cast) -> tuple[list[Speech], set[int]]:
    """Answers in a Q&A layout: a name line, then answer paragraphs (A1, A2... and their follow-ons);
    or a dialogue whose paragraphs are labelled with the speakers' names ("Zhang: ...")."""
    if not (any(ANSWER_LABEL.match(p) for p in paragraphs) and any(QUESTION_LABEL.match(p) for p in paragraphs)):
        return labelled_dialogue(paragraphs, cast)
    answers, used = [], set()
    first_turn = next(i for i, p in enumerate(paragraphs) if ANSWER_LABEL.match(p) or QUESTION_LABEL.match(p))
    current, in_answer = _introduced(cast, first_turn), False
    for index, text in enumerate(paragraphs):
        name_line = _interviewee(text, index, cast)
        if name_line:
            current, in_answer = name_line, False
            used.add(index)
        elif QUESTION_LABEL.match(text) or CONTRIBUTORS.search(text):
            in_answer = False
            used.add(index)
        elif current and (ANSWER_LABEL.match(text) or in_answer):
            label = ANSWER_LABEL.match(text)
            answers.append(Speech(current, "answer", index, label.end() if label else 0, len(text)))
            used.add(index)
            in_answer = True
    return answers, used


def _transcript_turn(index: int, text: str, cast: Cast) -> Speech | None:
    """A transcript's turn: "Arvid Lindqvist, Chief Technology Officer, Kestrel Mobile: 5G is ..."."""
    match = TRANSCRIPT_TURN.match(text)
    if not match or SAY_VERB.search(match.group("app")):  # "X, an academician, said: ..." is reported speech
        return None
    if not all(is_name_token(t) for t in match.group("name").split() if t[0].isupper()):
        return None
    segments = [s.strip() for s in match.group("app").split(",") if s.strip()]
    role = segments[0] if segments else ""
    organization = organization_in(segments[1]) if len(segments) > 1 else None
    cast.add(match.group("name"), (index, 0), role, organization)
    return Speech(match.group("name"), "quote", index, match.end(), len(text))


def _introduced(cast: Cast, before: int) -> str | None:
    """The interviewee an intro presents with a role ("X, chief executive of Y, attended ..."),
    for a Q&A whose answers carry no name line."""
    for (paragraph, _), name in cast.mentions:
        if 0 <= paragraph < before and cast.people[name].roles:
            return name
    return None


def labelled_dialogue(paragraphs: tuple[str, ...], cast: Cast) -> tuple[list[Speech], set[int]]:
    """"Okonjo: question?" / "Zhang: answer": the person whose turns are questions is the
    interviewer; the others' turns, and paragraphs continuing them, are answers."""
    turns = {}
    for index, text in enumerate(paragraphs):
        label = NAME_LABEL.match(text)
        name = label and cast.resolve(label.group("label"), (index, 0))
        if name and name in cast.people:
            turns[index] = (name, label.end())
    speakers = {name for name, _ in turns.values()}
    if len(turns) < 3 or len(speakers) < 2:
        return [], set()
    asks = {name for name in speakers
            if sum(paragraphs[i].rstrip().endswith("?") for i, (n, _) in turns.items() if n == name) * 2
            >= sum(1 for n, _ in turns.values() if n == name)}
    answers, current = [], None
    for index, text in enumerate(paragraphs):
        if index in turns:
            name, start = turns[index]
            current = None if name in asks else name
            if current:
                answers.append(Speech(current, "answer", index, start, len(text)))
        elif current and index > min(turns) and not _starts_with_person(text, cast):
            answers.append(Speech(current, "answer", index, 0, len(text)))
        else:
            current = None
    return answers, set(turns) | {a.paragraph for a in answers}


def _starts_with_person(text: str, cast: Cast) -> bool:
    return any(text.startswith(name) for name in cast.people)


def _interviewee(text: str, index: int, cast: Cast) -> str | None:
    """The full name on a short name line ("Eugene Kaspersky, CEO of Kaspersky Lab.")."""
    if len(text.split()) > 25:
        return None
    match = re.match(rf"^(?P<name>[A-Z][\w'-]*(?:\s+(?:{PARTICLES}\s+)?[A-Z][\w'-]*){{1,3}})\s*(?:[,:(]\s*(?P<app>.*?))?[.)]?$", text)
    if not match or not all(is_name_token(t) for t in match.group("name").split()):
        return None
    name = cast.resolve(match.group("name"), (index, 0))
    if name and match.group("app"):
        role, organization = parse_appositive(match.group("app").split(",")[0])
        cast.people[name].add_role(role, organization)
    return name


def _paragraph_speech(index: int, text: str, cast: Cast, previous_speaker: str | None) -> list[Speech]:
    """Attributed statements of one paragraph; previous_speaker spoke last in the one before."""
    quotes = quote_spans(text)
    found: list[Speech] = []
    for start, end in sentence_spans(text, quotes):
        sentence = text[start:end]
        attribution = find_attribution(sentence, cast, (index, start))
        if attribution is None:
            continue
        speaker = cast.resolve(attribution.ref, (index, start + attribution.subject_start))
        if speaker is None:
            continue
        cast.add(speaker, (index, start + attribution.subject_start))
        cast.last_speaker = speaker
        direct = [q for q in quotes if start <= q[0] < end and _is_direct(text, q, attribution, start)]
        if direct:
            found += [Speech(speaker, "quote", index, qs, qe) for qs, qe in direct]
        else:
            found.append(Speech(speaker, "paraphrase", index, start, end))
    found += _continued_quotes(index, text, quotes, found, previous_speaker)
    return found


def _is_direct(text: str, quote: tuple[int, int], attribution: Attribution, offset: int) -> bool:
    """A quotation directly framed by its attribution: '"...," he said' or 'X said: "..."'."""
    qs, qe = quote
    if word_count(text[qs:qe]) < MIN_QUOTE_WORDS:
        return False
    subject = offset + min(attribution.subject_start, attribution.verb_start)
    if qe <= subject and DIRECT_BEFORE.match(text[qe:subject]):
        return True
    verb_end = offset + max(attribution.verb_end, attribution.subject_end)
    return qs >= verb_end and bool(DIRECT_AFTER.match(text[verb_end:qs]))


def _continued_quotes(index, text, quotes, found, previous_speaker) -> list[Speech]:
    """Quotations with no attribution of their own that continue a speaker's words.

    In the same paragraph they belong to the paragraph's speaker; a paragraph that is one
    quotation belongs to whoever spoke at the end of the paragraph before.
    """
    covered = [(s.start, s.end) for s in found]
    loose = [q for q in quotes if word_count(text[q[0]:q[1]]) >= MIN_QUOTE_WORDS
             and not any(s <= q[0] < e for s, e in covered)]
    if not loose:
        return []
    if found:
        speaker = found[0].speaker
        return [Speech(speaker, "quote", index, qs, qe) for qs, qe in loose if _stands_alone(text, (qs, qe))]
    if previous_speaker and text[:1] in OPENING_MARKS and sum(qe - qs for qs, qe in loose) > 0.6 * len(text):
        return [Speech(previous_speaker, "quote", index, qs, qe) for qs, qe in loose]
    return []


def word_count(text: str) -> int:
    """Words of a quotation; two Chinese characters count as one word."""
    return len(text.split()) + len(CJK.findall(text)) // 2


def _stands_alone(text: str, quote: tuple[int, int]) -> bool:
    """True when the quotation is its own sentence, not a phrase quoted inside another."""
    before = text[:quote[0] - 1].rstrip()
    return not before or before[-1] in ".!?\"\u201d\u2019"


def find_attribution(sentence: str, cast: Cast, where: tuple[int, int]) -> Attribution | None:
    """The speaker reference and speech verb of a sentence, if it reports someone's words."""
    for verb in SAY_VERB.finditer(sentence):
        before = sentence[:verb.start()]
        found = _subject_before(before, cast, where) or _subject_after(sentence, verb, cast, where)
        if found:
            ref, start, end, appositive = found
            _note_role(cast, ref, appositive, where)
            return Attribution(ref, start, end, verb.start(), verb.end(), appositive)
    dash = DASH_ATTRIBUTION.search(sentence)
    if dash and _person_ref(dash.group("ref"), cast, where):
        _note_role(cast, dash.group("ref"), appositive_after(sentence, dash.end("ref")), where)
        return Attribution(dash.group("ref"), dash.start("ref"), dash.end("ref"), dash.start("dash"), dash.end("dash"))
    match = ACCORDING_TO.search(sentence)
    if match and _person_ref(match.group("ref"), cast, where):
        ref = _person_ref(match.group("ref"), cast, where)
        return Attribution(ref, match.start("ref"), match.end("ref"), match.start(), match.start("ref"))
    return None


def _subject_before(before: str, cast: Cast, where) -> tuple[str, int, int, str] | None:
    pronoun = PRONOUN_SUBJECT.search(before)
    if pronoun:
        return pronoun.group("ref"), pronoun.start("ref"), pronoun.end("ref"), ""
    for run in NAME_RUN.finditer(before):
        lead = before[:run.start()].rstrip()
        if lead and not lead.endswith((",", ":", ";", '"', "\u201d", "\u00bb", "\u2019")) and not lead.endswith(" and"):
            continue
        rest = AFTER_SUBJECT.match(before[run.end():])
        ref = rest and _person_ref(run.group(), cast, where)
        if ref:
            return ref, run.start(), run.end(), rest.group("app") or ""
    return None


def _subject_after(sentence: str, verb: re.Match, cast: Cast, where) -> tuple[str, int, int, str] | None:
    """Inverted attribution after a quotation: '"...," says Lu Wei, director of ...'."""
    if not re.search(r"[\"\u201d\u00bb\u2019,]\s*$", sentence[:verb.start()]):
        return None
    match = INVERTED.match(sentence[verb.end():])
    if not match:
        return None
    ref = _person_ref(match.group("ref"), cast, where) or (
        match.group("ref") if match.group("ref").lower() in {"he", "she"} else None)
    if not ref:
        return None
    return ref, verb.end() + match.start("ref"), verb.end() + match.end("ref"), match.group("app") or ""


def _person_ref(words: str, cast: Cast, where) -> str | None:
    """The words as a reference to a person: a full name, or a title/surname the cast knows."""
    words_list = words.split()
    while len(words_list) > 1 and words_list[0].lower() in NOT_NAME:
        words_list = words_list[1:]  # "But Lindahl", "However Qi"
    titles, tokens = split_title(words_list)
    if not tokens or not all(is_name_token(t) for t in tokens) or len(tokens) > 3:
        return None
    if len(tokens) >= 2 or cast.resolve(tokens[0], where):
        return " ".join(titles + tokens)
    return None


def _note_role(cast: Cast, ref: str, appositive: str, where) -> None:
    if not appositive:
        return
    name = cast.resolve(ref, where)
    role, organization = parse_appositive(appositive)
    if name and role:
        cast.add(name, where, role, organization)
