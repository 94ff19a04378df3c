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
DECK_WORDS = 40  # a deck is a headline-like line: short, no closing full stop


def assemble_claims(source: SourceArticle, speech: list[Speech], taxonomy: Taxonomy) -> tuple[LocalClaim, ...]:
    """One claim per statement, in reading order; the standfirst or deck makes none."""
    body_from = standfirst_count(source)
    spoken = [_with_translation(source, s) for s in speech if s.paragraph >= body_from]
    figures = {id(s): [] for s in spoken}
    statistics: list[LocalClaim] = []
    reports: list[str] = []  # the text read so far, where "the report says" looks for its report
    for index in range(body_from, len(source.paragraphs)):
        paragraph = source.paragraphs[index]
        here = [s for s in spoken if s.paragraph == index]
        carried = None  # a source named in one sentence goes on for the paragraph's next figures
        for start, end in sentence_spans(paragraph, quote_spans(paragraph)):
            found = find_figures(paragraph[start:end])
            carried = stated_source(paragraph[start:end], lambda: " ".join(reports) + " " + paragraph[:start]) or carried
            if not found:
                continue
            orphans = []
            for f in found:
                owner = _owner(here, start + f.start, start, end)
                if owner is None:
                    orphans.append(replace(f.figure, source=carried))
                else:
                    figures[id(owner)].append(replace(f.figure, source=owner.speaker))
            if orphans:
                text = paragraph[start:end]
                statistics.append(LocalClaim(None, "statistic", text, index, start, end, taxonomy.topics_in(text),
                                             tuple(orphans)))
        reports.append(paragraph)
    claims = [_speech_claim(source, s, tuple(figures[id(s)]), taxonomy) for s in spoken] + statistics
    return tuple(sorted(claims, key=lambda c: (c.paragraph, c.start, c.end, c.kind)))


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


def _owner(speech: list[Speech], at: int, start: int, end: int) -> Speech | None:
    """The speech a figure belongs to: the one around it, else one sharing its sentence."""
    inside = [s for s in speech if s.start <= at < s.end]
    if inside:
        return inside[0]
    overlapping = [s for s in speech if s.start < end and start < s.end]
    return min(overlapping, key=lambda s: min(abs(s.start - at), abs(s.end - at)), default=None)


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

