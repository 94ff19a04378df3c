"""Who said what in an article: quotations, reported speech and interview answers, each with
its speaker.

Reads paragraph by paragraph, sentence by sentence, in reading order, so that "he", "Liu" and
"the ambassador" resolve against the people named so far (the cast). The grammar of one
sentence is in attribution.py; layouts that attribute whole paragraphs are in layouts.py.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .attribution import CLOSE, OPEN, Attribution, Speech, find_attribution
from .layouts import interview_answers, signature, signed_quotes, soundbite_label, transcript_turn
from .people import Cast
from ..text.lexicon import alternation, lexicon
from ..text.names import NAME_RUN
from ..text.spans import quote_spans, sentence_spans

__all__ = ["Speech", "find_speech"]

DIRECT_BEFORE = re.compile(r"^[\"\u201d\u00bb\u2019\u300d]?\s*[,.!?]?[\"\u201d\u00bb\u2019\u300d]?\s*(?:\u2014|\u2013|--)?\s*$")
DIRECT_AFTER = re.compile(r"^\s*(?:that\s+)?[:,]?\s*[\"\u201c\u00ab\u2018]$")
MIN_QUOTE_WORDS = 4
CJK = re.compile(r"[\u3400-\u9fff]")
UNNAMED = "\x00"  # speaker prefix of words whose source is named later, if at all
BACK_REFERENCE = re.compile(  # "the above", "so", then at most a phrase of time or place
    rf"(?:{alternation(lexicon().back_references)})"
    rf"(?:\s+(?:at|in|on|during|while|when|before|after|to|from|last)\b[^{OPEN}]*)?[.!?]?$"
)
TRANSLATION_GAP = re.compile(r"[\s\u300d\u300f\u201d\"\u2014\u2013\-:,(\uff08\u201c]{0,8}")
CLAUSE_BREAK = re.compile(r",?\s+(?:and|while|but|whereas)\s+|;\s+")
CLAUSE_LEAD = 40  # characters of title or honorific a second clause's source may follow
DECK_PARAGRAPHS = 3  # a standfirst or deck stands among the first paragraphs
HEADING_WORDS = 30  # a headline or deck is no longer


def find_speech(paragraphs: tuple[str, ...], cast: Cast) -> list[Speech]:
    """Every attributed statement in the article, in reading order."""
    answers, interview_lines = interview_answers(paragraphs, cast)
    by_paragraph: dict[int, list[Speech]] = {}
    for answer in answers:
        by_paragraph.setdefault(answer.paragraph, []).append(answer)
    block_speaker = None  # set by "X put it this way:" until a quoted block closes
    soundbite = None  # set by a label line "[Concurrent] Name, Title" for the paragraph after
    for index, text in enumerate(paragraphs):
        if index in interview_lines:
            continue
        if block_speaker and text[:1] in OPEN:
            closes = text.rstrip()[-1:] in CLOSE
            end = len(text.rstrip()) - 1 if closes else len(text)
            by_paragraph[index] = [Speech(block_speaker, "quote", index, 1, end)]
            block_speaker = None if closes else block_speaker
            continue
        found = _layout_speech(paragraphs, index, cast, soundbite, by_paragraph)
        soundbite = soundbite_label(index, text, cast)
        framer = None
        if found is None:
            before = by_paragraph.get(index - 1)
            found, framer = _paragraph_speech(index, text, cast, before[-1].speaker if before else None)
        by_paragraph[index] = found
        block_speaker = framer if text.rstrip().endswith(":") else None
    _carry_back_quotations(paragraphs, by_paragraph)
    speech = [s for found in by_paragraph.values() for s in found]
    return sorted(name_unnamed(paragraphs, speech, cast), key=lambda s: (s.paragraph, s.start))


def _carry_back_quotations(paragraphs, by_paragraph) -> None:
    """A quotation running over paragraphs leaves each but the last open and names its speaker
    only at the end ('"We laid the cable ... / "It held," Quint said.'): the open paragraphs
    before belong to that speaker."""
    for index in range(len(paragraphs) - 2, -1, -1):
        text, after = paragraphs[index], by_paragraph.get(index + 1) or []
        runs_on = text[:1] in OPEN and (1, len(text.rstrip())) in quote_spans(text)  # never closed
        if runs_on and not by_paragraph.get(index) and after and after[0].kind == "quote" and after[0].start <= 1:
            by_paragraph[index] = [Speech(after[0].speaker, "quote", index, 1, len(text.rstrip()))]


def _layout_speech(paragraphs, index: int, cast: Cast, soundbite: str | None, by_paragraph) -> list[Speech] | None:
    """A paragraph attributed by the layout: a transcript turn, the words after a soundbite
    label, or a signature line that claims the quotations above it; None when it is prose."""
    text = paragraphs[index]
    turn = transcript_turn(index, text, cast)
    if turn:
        cast.last_speaker = turn.speaker
        return [turn]
    if soundbite and not soundbite_label(index, text, cast):
        cast.last_speaker = soundbite
        return [Speech(soundbite, "quote", index, 0, len(text.rstrip()))]
    signer = signature(index, text, cast)
    if signer:
        for quote in signed_quotes(paragraphs, index, signer, {i for i, f in by_paragraph.items() if f}):
            by_paragraph.setdefault(quote.paragraph, []).append(quote)
        return []
    return None


def name_unnamed(paragraphs, speech: list[Speech], cast: Cast) -> list[Speech]:
    """Give words from "a senior official" the name the next lines give that official
    ("The official, Chen Baoshan, ..."); words whose source is never named are dropped."""
    named = []
    for s in speech:
        if not s.speaker.startswith(UNNAMED):
            named.append(s)
            continue
        name = _naming(paragraphs, s, s.speaker[len(UNNAMED):], cast)
        if name:
            named.append(replace(s, speaker=name))
    return named


def _naming(paragraphs, s: Speech, noun: str, cast: Cast) -> str | None:
    """The name given to an unnamed source in its own or the next paragraph: "one analyst,
    Ola Berg,", "The official, Chen Baoshan,", or a person introduced there in that role."""
    naming = re.compile(rf"\b{re.escape(noun)},\s+(?P<name>{NAME_RUN.pattern})")
    for index in (s.paragraph, s.paragraph + 1):
        if index >= len(paragraphs):
            break
        match = naming.search(paragraphs[index], s.start if index == s.paragraph else 0)
        name = match and cast.resolve(match.group("name"), (index, match.start("name")))
        if name:
            return name
    introduced = [name for (paragraph, _), name in cast.mentions
                  if paragraph == s.paragraph + 1 and _first_mention(cast, name) == paragraph]
    return next((name for name in introduced if cast.people[name].answers_to(noun)), None)


def _first_mention(cast: Cast, name: str) -> int:
    return next(paragraph for (paragraph, _), n in cast.mentions if n == name)


def _paragraph_speech(index: int, text: str, cast: Cast, previous_speaker: str | None) -> tuple[list[Speech], str | None]:
    """Attributed statements of one paragraph, and who its last attribution names (for a
    quotation a closing colon introduces); previous_speaker spoke last in the one before."""
    quotes = quote_spans(text)
    found: list[Speech] = []
    framer = None
    for start, end, attribution in _attributed_clauses(text, quotes, cast, index):
        sentence = text[start:end]
        speaker = _speaker(attribution, cast, (index, start + attribution.subject_start))
        if speaker is None:
            continue
        framer = speaker
        direct = [q for q in quotes if start <= q[0] < end and _is_direct(text, q, attribution, start)]
        if direct:
            found += [Speech(speaker, "quote", index, qs, qe) for qs, qe in direct]
        elif BACK_REFERENCE.match(sentence[attribution.verb_end:].strip()):
            found += [Speech(speaker, "quote", index, qs, qe) for qs, qe in quotes if qe <= start
                      and word_count(text[qs:qe]) >= MIN_QUOTE_WORDS and not any(f.start <= qs < f.end for f in found)]
        elif not _frame_only(sentence, attribution) and not (index < DECK_PARAGRAPHS and _is_heading(text)):
            found.append(Speech(speaker, "paraphrase", index, start, end))
    found += _continued_quotes(index, text, quotes, found, previous_speaker)
    return _one_per_translation(text, found), framer


def _attributed_clauses(text: str, quotes, cast: Cast, index: int):
    """(start, end, attribution) of each attributed sentence; a sentence joining two sources'
    statements ("X said ..., and Y pointed out that ...") gives one clause per source."""
    for start, end in sentence_spans(text, quotes):
        attribution = find_attribution(text[start:end], cast, (index, start))
        while attribution is not None:
            second = _second_source(text, start, end, attribution, quotes, cast, index)
            if second is None:
                yield start, end, attribution
                break
            (cut, resume), attribution_after = second
            yield start, cut, attribution
            start, attribution = resume, attribution_after


def _second_source(text, start, end, attribution, quotes, cast, index):
    """The clause after ", and" / ";" whose own source and cue open it, if there is one."""
    for clause in CLAUSE_BREAK.finditer(text, start + attribution.verb_end, end):
        if any(qs <= clause.start() < qe for qs, qe in quotes):
            continue
        later = find_attribution(text[clause.end():end], cast, (index, clause.end()))
        if later and _opens_clause(later) and _another_person(later, attribution, cast, (index, clause.end())):
            return (clause.start(), clause.end()), later
    return None


def _opens_clause(attribution: Attribution) -> bool:
    """Source then cue at the clause's start ("Smt. Lakshmi Iyer pointed out ...")."""
    return attribution.subject_start < CLAUSE_LEAD and attribution.subject_end <= attribution.verb_start


def _another_person(later: Attribution, first: Attribution, cast: Cast, where) -> bool:
    if later.unnamed or later.ref.lower() in {"he", "she"}:
        return False  # "..., and he added that ..." goes on with the same source
    return cast.resolve(later.ref, where) != cast.resolve(first.ref, where)


def _one_per_translation(text: str, found: list[Speech]) -> list[Speech]:
    """A quotation in Chinese set beside its English translation ('「…」—— "…," Zhao said') is
    one statement: the English one is kept."""
    found = sorted(found, key=lambda s: s.start)
    return [s for s, after in zip(found, found[1:] + [None])
            if not (after and s.kind == after.kind == "quote" and CJK.search(text[s.start:s.end])
                    and not CJK.search(text[after.start:after.end])
                    and TRANSLATION_GAP.fullmatch(text[s.end:after.start]))]


def _frame_only(sentence: str, attribution: Attribution) -> bool:
    """A sentence that only introduces words quoted after it: it ends at a colon ("Hu
    described the stakes in stark terms:")."""
    after = sentence[attribution.verb_end:].strip()
    return sentence.rstrip().endswith(":") and not re.search(rf"[{OPEN}]", after)


def _is_heading(text: str) -> bool:
    """A headline or deck: short, with no sentence-final punctuation."""
    return len(text.split()) <= HEADING_WORDS and text.rstrip()[-1:] not in ".!?\"\u201d\u2019\u2026"


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
    if previous_speaker and text[:1] in OPEN and sum(qe - qs for qs, qe in loose) > 0.6 * len(text):
        return [Speech(previous_speaker, "quote", index, qs, qe) for qs, qe in loose]
    return []


def word_count(text: str) -> int:
    """Words of a quotation; two Chinese characters count as one word."""
    return len(text.split()) + len(CJK.findall(text)) // 2


def _stands_alone(text: str, quote: tuple[int, int]) -> bool:
    """True when the quotation is its own sentence, not a phrase quoted inside another."""
    before = text[:quote[0] - 1].rstrip()
    return not before or before[-1] in ".!?\"\u201d\u2019"




def _speaker(attribution: Attribution, cast: Cast, where: tuple[int, int]) -> str | None:
    """The full name of the attribution's source; for a source not yet named, a mark with its
    noun ("a senior official", and "the official" right after it) that name_unnamed resolves."""
    noun = attribution.unnamed or _definite_noun(attribution.ref)
    if attribution.unnamed or (noun and cast.unnamed.get(noun, -2) >= where[0] - 1):
        cast.unnamed[noun] = where[0]
        return UNNAMED + noun
    speaker = cast.resolve(attribution.ref, where)
    if speaker is None and noun:  # "the minister said" before any minister is named
        cast.unnamed[noun] = where[0]
        return UNNAMED + noun
    if speaker:
        cast.add(speaker, where)
        cast.last_speaker = speaker
    return speaker


def _definite_noun(ref: str) -> str:
    """ "official" for "the official"; "" for a name or a pronoun."""
    return ref.split()[-1].lower() if ref.lower().startswith("the ") else ""
