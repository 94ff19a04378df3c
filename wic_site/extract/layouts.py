"""Layouts that attribute whole paragraphs: interviews (Q&A and name-labelled dialogue),
transcript turns and soundbite labels ("[Concurrent] Name, Title"), and "what they say" blocks
where quotations are signed by a line "Name, title of Organisation" with no verb."""

from __future__ import annotations

import re

from .attribution import OPEN, SAY_VERB, Speech
from .people import Cast, organization_in, parse_appositive
from ..text.names import PARTICLES, UPPER, is_name_token, split_title
from ..text.spans import quote_spans

# "A1 ...", "A: ...", "Answer 2: ..." — but not the article "A total of ..."
ANSWER_LABEL = re.compile(r"^(?:A\d+\s*[:.)]?|A\s*[:.)]|Answer\s*\d*\s*[:.)])\s*(?=\S)")
QUESTION_LABEL = re.compile(r"^(?:Q\d+\s*[:.)]?|Q\s*[:.)]|Question\s*\d*\s*[:.)])\s*(?=\S)")
CONTRIBUTORS = re.compile(r"\bcontributed to this (?:story|report|article)\b", re.I)
NAME = rf"[{UPPER}][\w'-]*(?:\s+(?:{PARTICLES}\s+){{0,2}}[{UPPER}][\w'-]*){{1,4}}"
PARENTHESIS = r"\s*\([^():]{2,80}\)"  # "Ola Berg (CEO, Nordlys Bank): ..."
TRANSCRIPT_TURN = re.compile(rf"(?P<name>{NAME})(?P<app>(?:,\s*[^:,]{{2,80}}){{1,3}}|{PARENTHESIS}):\s+(?=\S)")
TAGGED_TURN = re.compile(rf"(?P<name>{NAME})(?P<app>(?:,\s*[^:,]{{2,80}}){{0,3}}|{PARENTHESIS}):\s+(?=\S)")
BRACKET_TAG = re.compile(r"\[[A-Za-z][^\]]{0,30}\]\s*")  # "[Concurrent]", "[Soundbite]", "[SOT]"
NAME_LABEL = re.compile(r"^(?P<label>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?):\s+(?=\S)")
NAME_LINE = re.compile(rf"(?P<name>{NAME})\s*(?:[,:(]\s*(?P<app>.*?))?[.)]?$")
LABEL_LINE = re.compile(r"(?P<label>[A-Z][^:.!?\"\u201c]{1,60}):$")  # "Wen Hao:", "President Xi Jinping:"
TIME_STAMP = re.compile(r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?$", re.I)  # a live report's "10:35 a.m."
SIGNATURE_WORDS = 30
MIN_QUOTE_WORDS = 4


def interview_answers(paragraphs: tuple[str, ...], cast: Cast) -> tuple[list[Speech], set[int]]:
    """Answers in a Q&A layout: a name line, then answer paragraphs (A1, A2... and their follow-ons);
    or a dialogue whose paragraphs are labelled with the speakers' names ("Zhang: ...")."""
    if not (any(ANSWER_LABEL.match(p) for p in paragraphs) and any(QUESTION_LABEL.match(p) for p in paragraphs)):
        turns = label_line_turns(paragraphs, cast)
        return turns if turns[0] else labelled_dialogue(paragraphs, cast)
    answers, used = [], set()
    first_turn = next(i for i, p in enumerate(paragraphs) if ANSWER_LABEL.match(p) or QUESTION_LABEL.match(p))
    current, in_answer = _introduced(cast, first_turn), False
    for index, text in enumerate(paragraphs):
        named = name_line(text, index, cast)
        if named:
            current, in_answer = named, False
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


def label_line_turns(paragraphs: tuple[str, ...], cast: Cast) -> tuple[list[Speech], set[int]]:
    """A briefing's transcript: a line that is only a label ("Wen Hao:", "Reporter from X:"),
    then that turn's paragraphs. A named person's turn after a question is an answer; their
    other turns (opening remarks) are quotations. Needs two labels that name people."""
    labels = {i: m.group("label") for i, p in enumerate(paragraphs) if (m := LABEL_LINE.match(p.strip()))}
    named = {i: name_line(label, i, cast) for i, label in labels.items()}
    named = {i: name for i, name in named.items() if name and len(name.split()) >= 2}
    if len(named) < 2:
        return [], set()
    turns, used = [], set(named)
    speaker, kind, asked = None, "quote", False
    for index, text in enumerate(paragraphs):
        if index in labels:
            speaker = named.get(index)
            kind, asked = ("answer" if asked else "quote"), not speaker
        elif speaker and not TIME_STAMP.match(text.strip()):
            turns.append(Speech(speaker, kind, index, 0, len(text.rstrip())))
            used.add(index)
        elif not speaker:
            asked = asked or text.rstrip().endswith("?")
    return turns, used


def transcript_turn(index: int, text: str, cast: Cast) -> Speech | None:
    """A transcript's turn: "Arvid Lindqvist, Chief Technology Officer, Kestrel Mobile: 5G is ...",
    "[Soundbite] Olga Petrova, Director of ...: We want ..."."""
    tag = BRACKET_TAG.match(text)
    match = (TAGGED_TURN if tag else TRANSCRIPT_TURN).match(text, tag.end() if tag else 0)
    if not match or SAY_VERB.search(match.group("app")):  # "X, an academician, said: ..." is reported speech
        return None
    if not all(is_name_token(t) for t in match.group("name").split() if t[0].isupper()):
        return None
    segments = [s.strip() for s in match.group("app").strip(" ()").split(",") if s.strip()]
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


def name_line(text: str, index: int, cast: Cast) -> str | None:
    """The full name on a short name line ("Eugene Kaspersky, CEO of Kaspersky Lab.",
    "Professor Aditi Rao, School of Computing, University of Porto")."""
    if len(text.split()) > 25:
        return None
    match = NAME_LINE.match(text)
    title, tokens = split_title(match.group("name").split()) if match else ([], [])
    if not tokens or not all(is_name_token(t) for t in tokens):
        return None
    name = cast.resolve(match.group("name"), (index, 0))
    if name and match.group("app"):
        segments = match.group("app").split(",")
        role, organization = parse_appositive(segments[0])
        if not role and title:
            role, organization = " ".join(title), organization_in(segments[-1])
        cast.people[name].add_role(role, organization)
    return name


def soundbite_label(index: int, text: str, cast: Cast) -> str | None:
    """The speaker of a label line "[Concurrent] Olga Petrova, Director of ..." whose words follow."""
    tag = BRACKET_TAG.match(text)
    return name_line(text[tag.end():], index, cast) if tag else None


def signature(index: int, text: str, cast: Cast) -> str | None:
    """The person on a line that signs the quotation before it: "Lucia Ferraz, head of mobility
    at the Lisbon Urban Lab" -- a name and a role, and no verb."""
    if len(text.split()) > SIGNATURE_WORDS or text[:1] in OPEN or SAY_VERB.search(text):
        return None
    match = NAME_LINE.match(text)
    if not match or not match.group("app"):
        return None
    first = match.group("app").split(",")[0]
    if not (parse_appositive(first)[0] or organization_in(first) or split_title(match.group("name").split())[0]):
        return None  # "Professor Aditi Rao, School of Computing, ..." signs; "Ola Berg, 45" does not
    return name_line(text, index, cast)


def signed_quotes(paragraphs: tuple[str, ...], index: int, speaker: str, taken) -> list[Speech]:
    """The quotations no one claimed in the paragraphs just before a signature line."""
    found = []
    for before in range(index - 1, -1, -1):
        text = paragraphs[before]
        if before in taken or text[:1] not in OPEN:
            break
        found += [Speech(speaker, "quote", before, s, e) for s, e in quote_spans(text)
                  if len(text[s:e].split()) >= MIN_QUOTE_WORDS]
    return found
