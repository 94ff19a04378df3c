"""Claims: what one source said in one span. A quote, paraphrase or answer carries the figures
inside it; figures that nobody in the article states make one `statistic` claim per sentence."""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Figure, LocalClaim, SourceArticle
from ..text.spans import quote_spans, sentence_spans
from .speech import Speech
from .figure_sources import stated_source
from .statistics import find_figures
from .topics import Taxonomy

TRANSLATION_AFTER = re.compile(r"[\u201d\u300d\"]\s*\uff08[^\uff09]{1,200}\uff09")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
GAP_EDGE = ",;:\u2014-\"'\u201d\u2019)"  # left at the start of a sentence's part after a quote
DECK_WORDS = 40  # a deck is a headline-like line: short, no closing full stop


def assemble_claims(source: SourceArticle, speech: list[Speech], taxonomy: Taxonomy) -> tuple[LocalClaim, ...]:
    """One claim per statement, in reading order; the standfirst or deck makes none."""
    body_from = standfirst_count(source)
    spoken = [_with_translation(source, s) for s in speech if s.paragraph >= body_from]
    figures: dict[int, list[Figure]] = {id(s): [] for s in spoken}
    orphans: dict[tuple[int, int, int], list[Figure]] = {}  # (paragraph, start, end) -> figures nobody states
    for index in range(body_from, len(source.paragraphs)):
        here = [s for s in spoken if s.paragraph == index]
        for sentence, at, figure in _figures_of(source, index, body_from):
            owner = next((s for s in here if s.start <= at < s.end), None)
            if owner is not None:
                figures[id(owner)].append(replace(figure, source=owner.speaker))
            else:
                orphans.setdefault((index, *_gap(source.paragraphs[index], sentence, at, here)), []).append(figure)
    claims = [_speech_claim(source, s, tuple(figures[id(s)]), taxonomy) for s in spoken]
    for (index, start, end), stated in orphans.items():
        text = source.paragraphs[index][start:end]
        claims.append(LocalClaim(None, "statistic", text, index, start, end, taxonomy.topics_in(text), tuple(stated)))
    return tuple(sorted(claims, key=lambda c: (c.paragraph, c.start, c.end, c.kind)))


def _figures_of(source: SourceArticle, index: int, body_from: int):
    """(sentence span, offset, figure) for each figure of a paragraph, its source the report or
    institution the sentence names; a source named once goes on for the paragraph's next figures."""
    paragraph = source.paragraphs[index]
    earlier = lambda: " ".join(source.paragraphs[body_from:index])  # noqa: E731 - rarely needed
    carried = None
    for start, end in sentence_spans(paragraph, quote_spans(paragraph)):
        sentence = paragraph[start:end]
        found = find_figures(sentence)
        carried = stated_source(sentence, lambda: earlier() + " " + paragraph[:start]) or carried
        for f in found:
            yield (start, end), start + f.start, replace(f.figure, source=carried)


def _gap(paragraph: str, sentence: tuple[int, int], at: int, speech: list[Speech]) -> tuple[int, int]:
    """The part of a sentence around a figure that no speech covers: the whole sentence, unless a
    quote or paraphrase shares it ("…," she said, adding that 300 firms had joined)."""
    start = max([sentence[0], *(s.end for s in speech if s.end <= at)])
    end = min([sentence[1], *(s.start for s in speech if s.start > at)])
    while start < end and (paragraph[start].isspace() or paragraph[start] in GAP_EDGE):
        start += 1
    while end > start and paragraph[end - 1].isspace():
        end -= 1
    return start, end


def standfirst_count(source: SourceArticle) -> int:
    """Leading paragraphs that introduce rather than report: the standfirst cleaning found above
    the dateline, and a deck under the headline (a short line with no closing full stop)."""
    count = source.standfirst
    while count < len(source.paragraphs) - 1 and _is_deck(source.paragraphs[count]):
        count += 1
    return count


def _is_deck(paragraph: str) -> bool:
    return (len(paragraph.split()) <= DECK_WORDS and not SENTENCE_END.search(paragraph)
            and ":" not in paragraph)  # "Internet users: 1.05 billion" is a key figure, no deck


def _with_translation(source: SourceArticle, s: Speech) -> Speech:
    """A quotation in Chinese followed by its translation in full-width brackets: the claim
    keeps the translation, so an English reader (and search) sees what was said."""
    if s.kind != "quote":
        return s
    match = TRANSLATION_AFTER.match(source.paragraphs[s.paragraph], s.end)
    return replace(s, end=match.end()) if match else s


def _speech_claim(source: SourceArticle, s: Speech, figures: tuple[Figure, ...], taxonomy: Taxonomy) -> LocalClaim:
    text = source.paragraphs[s.paragraph][s.start:s.end]
    return LocalClaim(s.speaker, s.kind, text, s.paragraph, s.start, s.end, taxonomy.topics_in(text), figures)

