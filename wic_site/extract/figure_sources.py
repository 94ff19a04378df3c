"""Who gives a figure nobody in the story states: the named report or institution
("according to the CNNIC report" -> "CNNIC report"), or the report an article named earlier."""

from __future__ import annotations

import re
from collections.abc import Callable

from .statistics import NAME, Lexicon, lexicon


def stated_source(sentence: str, earlier: str | Callable[[], str]) -> str | None:
    """The named report or institution a sentence's figures come from ("according to the CNNIC
    report" -> "CNNIC report"); "the report says" refers back to the last report named in `earlier`
    (the text before the sentence, or a function giving it: it is rarely needed)."""
    lex = lexicon()
    according = lex.according_to.search(sentence)
    if according:
        return _report_name(according.group("what"), lex)
    named = _named_report(sentence, lex)
    if named:
        return named
    if lex.report_reference.search(sentence):
        return _last_report(earlier() if callable(earlier) else earlier, lex)
    return None


def _named_report(text: str, lex: Lexicon) -> str | None:
    by = lex.report_by.search(text)
    if by:
        return by.group("owner")
    for named in lex.named_report.finditer(text):
        if not _sentence_initial_word(text, named):
            return f"{named.group('owner')} {named.group('report')}"
    return None


def _report_name(text: str, lex: Lexicon) -> str | None:
    """The source "according to" names: a report's maker, a name, or "X report"."""
    by = lex.report_by.search(text)
    if by:
        return by.group("owner")
    name = re.match(rf"\s*(?:(?i:the)\s+)?(?P<name>{NAME})\s*$", text)
    if name:  # "according to the Wuzhen Data Bureau": a name, even with a report word inside it
        return name.group("name")
    return _named_report(text, lex)


def _sentence_initial_word(text: str, match: re.Match) -> bool:
    """"Key figures" opening a line: one capitalised word where any sentence may start, no name."""
    owner = match.group("owner")
    return " " not in owner and not owner.isupper() and not text[:match.start()].strip(" \"'“")[-1:].isalnum()


def _last_report(text: str, lex: Lexicon) -> str | None:
    found = [m.group("owner") for m in lex.report_by.finditer(text)]
    found += [f"{m.group('owner')} {m.group('report')}" for m in lex.named_report.finditer(text)
              if not _sentence_initial_word(text, m)]
    if not found:
        return None
    positions = {name: text.rfind(name.split()[0]) for name in found}
    return max(found, key=lambda name: positions[name])
