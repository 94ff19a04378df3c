"""Quotation and sentence spans: where a quotation's words and each sentence begin and end."""

from __future__ import annotations

import re

from .lexicon import lexicon

# Quotation marks of the forms news sites use; the content offsets exclude the marks.
QUOTE_PAIRS = [("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"),
               ("\u300c", "\u300d"), ("\u300e", "\u300f")]  # 「」『』 on bilingual pages
# British style ‘…’: a closing ’ is not followed by a letter (China’s, We’ve are apostrophes)
SINGLE_QUOTED = re.compile(r"(?<![\w\u2019])\u2018(?P<content>(?:[^\u2018\u2019]|\u2019(?=\w))+)\u2019(?!\w)")
ABBREVIATIONS = set(lexicon().honorifics) | {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "vs", "inc", "co", "ltd", "corp", "gov",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e",
}
SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019\u00bb)]*\s+(?=[\"\u201c\u2018\u00ab(]?[A-Z0-9])")
def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's content, for every kind of quotation mark."""
    spans: list[tuple[int, int]] = []
    for open_mark, close_mark in QUOTE_PAIRS:
        i = 0
        while (start := text.find(open_mark, i)) != -1:
            end = text.find(close_mark, start + 1)
            if end == -1:  # left open: a quotation running on, or a page cut off, to the paragraph's end
                if not any(s <= start < e for s, e in spans) and _opens_a_quotation(text, start):
                    spans.append((start + 1, len(text.rstrip())))
                break
            if not any(s <= start < e for s, e in spans):
                spans.append((start + 1, end))
            i = end + 1
    spans += [m.span("content") for m in SINGLE_QUOTED.finditer(text) if not any(s <= m.start() < e for s, e in spans)]
    return sorted(spans)


def _opens_a_quotation(text: str, at: int) -> bool:
    """An unclosed mark opens a quotation when it stands before a word, after a space or the
    paragraph's start (not an inch mark: 5" screens)."""
    before = text[at - 1] if at else " "
    after = text[at + 1:at + 2]
    return (before.isspace() or before in "([:") and after.isalnum()


def sentence_spans(text: str, protected: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence; never breaks inside a protected span (a quotation)."""
    protected = protected or []
    spans, start = [], 0
    for match in SENTENCE_BREAK.finditer(text):
        cut = match.end()
        if any(s < match.start() < e - 1 for s, e in protected) or _ends_with_abbreviation(text, match.start()):
            continue
        spans.append((start, match.start() + len(match.group().rstrip())))
        start = cut
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]


def _ends_with_abbreviation(text: str, dot_at: int) -> bool:
    word = re.search(r"([\w.]+)$", text[:dot_at])
    return bool(word) and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1)
