"""The attribution grammar of one sentence: SOURCE - CUE - CONTENT.

A cue (a reporting verb from data/cue_verbs.yaml, "according to", a dash) links a source to
what it said. The source stands before the cue ("Liu He said", '"...," Liu said') or after it
('"...," said Vice Premier Liu He at the opening'); it is a name, a surname, a title, a pronoun,
a definite description ("the ambassador"), or an unnamed one ("a senior official") that a later
paragraph may name. The content is the rest of the sentence or the quotation the cue frames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .people import Cast, appositive_after, organization_in, parse_appositive, title_before
from ..text.lexicon import alternation, lexicon
from ..text.names import (
    NAME_RUN, NOT_NAME, PARTICLE_WORD, PARTICLES, UPPER, is_name_token, is_non_person, is_organization, split_title,
)

LEX = lexicon()
SAY = alternation(LEX.cue_forms)
SAY_VERB = re.compile(rf"\b(?:{SAY})\b")
ADVERBS = rf"(?:(?:{alternation(LEX.between_words)})\s+)*"
OPEN = "\"\u201c\u00ab\u2018"
CLOSE = "\"\u201d\u00bb\u2019\u300d"
REFERENCE_NOUN = alternation(LEX.reference_nouns)
ROLE_REF = rf"[Tt]he (?:(?:{alternation(LEX.reference_modifiers)})[ -])?(?:{REFERENCE_NOUN})"
SOURCE_START = rf"(?:^|[,;:][{CLOSE}]?\s+|[{CLOSE}]\s+|\b(?:and|but|which|where|when|whom)\s+)"
AGE_REF = r"[Tt]he \d{2}-year-old(?: [a-z]+)?"  # "the 52-year-old", "the 52-year-old engineer"
PRONOUN_SUBJECT = re.compile(rf"{SOURCE_START}(?P<ref>[Hh]e|[Ss]he|{ROLE_REF}|{AGE_REF})\s+{ADVERBS}$")
# "a senior official", "one wry observer": a source the article may name later
UNNAMED_SOURCE = rf"(?P<ref>(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[a-z-]+\s+){{0,3}}?(?P<noun>{alternation(set(LEX.reference_nouns) | LEX.vague_heads)}))"
UNNAMED_BEFORE = re.compile(
    rf"{SOURCE_START}{UNNAMED_SOURCE}(?:\s*,[^,\"\u201c\u201d]{{2,120}},|\s+(?:with|of|at|from|in|for)\s+[^,\"\u201c\u201d]{{2,80}}?)?\s+{ADVERBS}$"
)
UNNAMED_AFTER = re.compile(rf"^\s+{UNNAMED_SOURCE}\b")
AFTER_SUBJECT = re.compile(
    rf"^(?:\s*\([^()]{{1,60}}\))?\s*(?:,\s*(?P<app>[^\"\u201c\u201d]{{2,220}}?),\s*|\s+of\s+[^\"\u201c\u201d,;]{{2,120}}?(?:,\s*|\s+)|,\s*"
    rf"|['\u2019]s\s+(?:[a-z-]+\s+){{0,2}}(?:{alternation(LEX.speech_nouns)})\s+)?{ADVERBS}$"
)  # "Lei Jun, founder of Xiaomi, said", "Ana Ruiz of the cloud company Nubeluz, said", "Xi's letter said"
# after the cue: a name with the title before it ("Chief Executive of the Region John Lee"), an
# appositive after it, and a trailing phrase of time or place ("at the opening")
TITLED_RUN = rf"[{UPPER}][\w.'-]*(?:\s+(?:(?:of|for|and|the|&|{PARTICLES})\s+)*[{UPPER}][\w.'-]*){{0,9}}"
# "the company's founder", "foreign minister", "the 38-year-old entrepreneur": a description
DESCRIPTIVE = (
    rf"(?:(?:the|a|an)\s+)?(?:[\w'\u2019-]+\s+){{0,4}}?"
    rf"(?:{alternation(set(LEX.role_nouns) | set(LEX.descriptions) | set(LEX.reference_nouns))})"
)
DESCRIPTIVE_LEAD = re.compile(rf"(?:^|[,;:{CLOSE}])\s*(?P<description>{DESCRIPTIVE})\s+$")
INVERTED = re.compile(
    rf"^\s+(?:(?P<lead>{DESCRIPTIVE}),?\s+)?(?P<ref>{TITLED_RUN})(?:\s*,\s*(?P<app>[^\"\u201c\u201d]+?))?"
    rf"(?:\s+(?:at|in|on|during|when|while|after|before|to|from|last|this|on)\b[^\"\u201c\u201d]*)?\s*[.!?]?$"
)
ACCORDING_TO = re.compile(
    rf"\b[Aa]ccording to (?:(?P<ref>[{UPPER}][\w'-]*(?:\s+(?:{PARTICLES}\s+)?[{UPPER}][\w'-]*){{0,4}})"
    rf"|(?P<role>{ROLE_REF.replace('[Tt]he', 'the')})\b|(?P<pronoun>him|her)\b)"
)
DASH_ATTRIBUTION = re.compile(
    rf"[{CLOSE}]\s*(?P<dash>\u2014|\u2013|--)\s*(?P<ref>[{UPPER}][\w'-]*(?:\s+(?:{PARTICLES}\s+)?[{UPPER}][\w'-]*){{1,4}})"
)
# "Xinhua quoted Ola Berg as saying that ...": the outlet reports, the person is the source
QUOTED_AS = re.compile(
    rf"\b(?:quot|cit)(?:ed|es|ing)\s+(?P<ref>[{UPPER}][\w'-]*(?:\s+(?:{PARTICLES}\s+)?[{UPPER}][\w'-]*){{0,4}})"
    rf"(?:,\s*(?P<app>[^,\"\u201c\u201d]{{2,120}}),)?\s+as\s+(?P<cue>saying)\b"
)
POSSESSIVE_LEAD = re.compile(rf"[{UPPER}][\w&.-]*['\u2019]s$")  # "Xiaomi's Lei Jun said"
HONORIFIC_LEAD = re.compile(rf"(?:^|[\s(])(?:{alternation(h.capitalize() for h in LEX.honorifics)})\.?$")


@dataclass(frozen=True)
class Speech:
    speaker: str
    kind: str  # quote | paraphrase | answer
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    ref: str  # the source as written, less its title: "Liu He", "Liu", "she", "the ambassador"
    subject_start: int
    subject_end: int
    verb_start: int
    verb_end: int
    appositive: str = ""
    unnamed: str = ""  # the head noun of a source named later ("official"), else ""


def find_attribution(sentence: str, cast: Cast, where: tuple[int, int]) -> Attribution | None:
    """The source and cue of a sentence, if it reports someone's words."""
    for verb in SAY_VERB.finditer(sentence):
        before = sentence[:verb.start()]
        found = _source_before(before, cast, where) or _source_after(sentence, verb, cast, where)
        if found:
            ref, start, end, appositive, unnamed = found
            if not unnamed:
                _note_role(cast, ref, appositive, where)
            return Attribution(ref, start, end, verb.start(), verb.end(), appositive, unnamed)
    quoted = QUOTED_AS.search(sentence)
    ref = quoted and _person_ref(quoted.group("ref"), cast, where)
    if ref:
        _note_role(cast, ref, quoted.group("app") or "", where)
        return Attribution(ref, quoted.start("ref"), quoted.end("ref"), quoted.start("cue"), quoted.end("cue"))
    dash = DASH_ATTRIBUTION.search(sentence)
    if dash and _person_ref(dash.group("ref"), cast, where):
        _note_role(cast, dash.group("ref"), appositive_after(sentence, dash.end("ref")), where)
        return Attribution(dash.group("ref"), dash.start("ref"), dash.end("ref"), dash.start("dash"), dash.end("dash"))
    match = ACCORDING_TO.search(sentence)
    if match:
        return _according_to(match, cast, where)
    return None


def _according_to(match: re.Match, cast: Cast, where) -> Attribution | None:
    """ "according to Halima Osei", "according to the ambassador", "according to her"."""
    if match.group("ref"):
        ref, group = _person_ref(match.group("ref"), cast, where), "ref"
    elif match.group("role"):
        ref, group = match.group("role"), "role"
    else:
        ref, group = {"him": "he", "her": "she"}[match.group("pronoun")], "pronoun"
    if not ref:
        return None
    return Attribution(ref, match.start(group), match.end(group), match.start(), match.start(group))


def _source_before(before: str, cast: Cast, where):
    pronoun = PRONOUN_SUBJECT.search(before)
    if pronoun:
        return pronoun.group("ref"), pronoun.start("ref"), pronoun.end("ref"), "", ""
    unnamed = UNNAMED_BEFORE.search(before)
    if unnamed:
        return unnamed.group("ref"), unnamed.start("ref"), unnamed.end("ref"), "", unnamed.group("noun")
    for run in NAME_RUN.finditer(before):
        start = _past_not_names(before, run)
        if start is None or not (_opens_source(before[:run.start()]) or _opens_source(before[:start])):
            continue
        rest = AFTER_SUBJECT.match(before[run.end():])
        ref = rest and _person_ref(before[start:run.end()], cast, where)
        if ref:
            described = DESCRIPTIVE_LEAD.search(before[:start])  # the source begins with its description
            return ref, described.start("description") if described else start, run.end(), rest.group("app") or "", ""
    return None


def _past_not_names(text: str, run: re.Match) -> int | None:
    """Where the run's name begins, past words that are never names ("Commerce Gina Lowe")."""
    for word in re.finditer(r"\S+", run.group()):
        if word.group().lower() not in NOT_NAME:
            return run.start() + word.start()
    return None


def _opens_source(lead: str) -> bool:
    """True when a name after `lead` can begin a source: at a clause's start, or after its
    title, honorific or company ("U.S. Secretary of Commerce", "Dr.", "Xiaomi's")."""
    stripped = lead.rstrip()
    if not stripped or stripped.endswith((",", ":", ";", " and", *CLOSE)):
        return True
    return bool(POSSESSIVE_LEAD.search(stripped) or HONORIFIC_LEAD.search(stripped) or title_before(lead)[0]
                or DESCRIPTIVE_LEAD.search(lead))


def _source_after(sentence: str, verb: re.Match, cast: Cast, where):
    """Inverted attribution after a quotation or clause: '"...," says Lu Wei, director of ...'."""
    if not re.search(rf"[{CLOSE},]\s*$", sentence[:verb.start()]):
        return None
    unnamed = UNNAMED_AFTER.match(sentence[verb.end():])
    if unnamed:
        offset = verb.end()
        return unnamed.group("ref"), offset + unnamed.start("ref"), offset + unnamed.end("ref"), "", unnamed.group("noun")
    match = INVERTED.match(sentence[verb.end():])
    if not match:
        return None
    for words, organization in _name_readings(match.group("ref")):
        title, name = split_titled_name(words)
        ref = _person_ref(name, cast, where)
        if ref:
            break
    else:
        return None
    if organization:
        cast.add(cast.resolve(ref, where) or ref, where, "", organization)
    start = verb.end() + match.start("ref") + match.group("ref").rfind(name)
    return ref, start, start + len(name), match.group("app") or title or match.group("lead") or "", ""


def _name_readings(words: str):
    """The run after the cue read whole ("Chief Executive of the Region John Lee"), then as
    a name and its organisation ("Ines Duarte" of "the Porto Data Council")."""
    yield words, None
    cut = re.search(r"\s+(?:of|at|from)\s+(?:the\s+)?", words)
    if cut:
        yield words[:cut.start()], organization_in(words[cut.end():])


def split_titled_name(words: str) -> tuple[str, str]:
    """("Chief Executive of the Region", "John Lee") from "Chief Executive of the Region John Lee":
    the name is the run of name words at the end."""
    tokens = words.rstrip(".").split() if not re.search(r"\b[A-Z]\.$", words) else words.split()
    name: list[str] = []
    for token in reversed(tokens):
        if not (is_name_token(token) or PARTICLE_WORD.fullmatch(token)) or len(name) >= 6:
            break
        name.insert(0, token)
    while name and PARTICLE_WORD.fullmatch(name[0]):
        name.pop(0)
    title = " ".join(tokens[:len(tokens) - len(name)])
    return re.sub(r"\s+(?:of|for|and|the|&)$", "", title), " ".join(name) or words


def _person_ref(words: str, cast: Cast, where) -> str | None:
    """The words as a reference to a person: a full name, or a title/surname the cast knows."""
    words_list = words.split()
    while len(words_list) > 1 and words_list[0].lower() in NOT_NAME:
        words_list = words_list[1:]  # "But Lindahl", "However Qi"
    titles, tokens = split_title(words_list)
    core = [t for t in tokens if not PARTICLE_WORD.fullmatch(t)]
    if not core or not all(is_name_token(t) for t in tokens) or len(core) > 4:
        return None
    if is_non_person(" ".join(tokens)) or is_non_person(tokens[-1]) or is_organization(" ".join(tokens)):
        return None
    if len(core) >= 2 or cast.resolve(tokens[0], where):
        return " ".join(titles + tokens)
    return None


def _note_role(cast: Cast, ref: str, appositive: str, where) -> None:
    if not appositive:
        return
    name = cast.resolve(ref, where)
    role, organization = parse_appositive(appositive)
    if name and role:
        cast.add(name, where, role, organization)
