"""Which conference an article reports on (year and edition) and the theme it states."""

from __future__ import annotations

import re
from collections import Counter

from ..text.spans import quote_spans, sentence_spans

FIRST_YEAR = 2014  # the first World Internet Conference; one a year since
ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
COUNT_WORDS = "once twice three four five six seven eight nine ten eleven twelve".split()
NAME = r"(?:World\s+Internet\s+Conference|WIC)"
ORDINAL = rf"(?P<ordinal>\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(ORDINAL_WORDS)})"
EDITION_FORMS = [
    re.compile(rf"(?:\bthe|\d|\byear's|\bthis)\s*{ORDINAL}\s+(?:annual\s+)?{NAME}", re.I),
    re.compile(rf"\b(?:the|its)\s+{ORDINAL}\s+(?:year|time|edition)\b[^.]{{0,60}}?\b(?:hold|host|stag)\w*\s+(?:the\s+)?{NAME}", re.I),
    re.compile(rf"\b{ORDINAL}\s+edition\s+of\s+the\s+{NAME}", re.I),
]
# "this year's seventh World Internet Conference" names the current edition outright
THIS_YEARS = re.compile(rf"\bthis year's\s+{ORDINAL}\s+(?:annual\s+)?(?:{NAME}|conference|summit)", re.I)
PAST_YEAR_AFTER = re.compile(r"^(?:\s+Wuzhen Summit)?,?\s+(?:held\s+)?in\s+(?:19|20)\d\d\b")
MENTIONS_NAME = re.compile(rf"{NAME}|conference|summit", re.I)
HELD_TIMES = re.compile(
    rf"{NAME}\s+(?:has|have)\s+been\s+held\s+(?P<count>\d{{1,2}}|{'|'.join(COUNT_WORDS)})(?:\s+times)?", re.I
)
YEAR_WITH_NAME = [
    re.compile(rf"\b(?P<year>20\d\d)\s+{NAME}", re.I),
    re.compile(rf"\b{NAME}(?:\s+\(WIC\))?(?:\s+Wuzhen\s+Summit)?\s+(?P<year>20\d\d)\b", re.I),
]
EVENT_NAME = re.compile(r"(?:[A-Z][\w-]*\s+){1,6}(?:Conference|Expo|Forum|Summit|Congress|Fair)\b")
MENTIONS_CONFERENCE = re.compile(rf"{NAME}|Wuzhen Summit|the (?:conference|summit)", re.I)
FULL_DATE_YEAR = re.compile(r"\b(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+|\d{1,2}\s+[A-Z][a-z]{2,8}\s+)(?P<year>20\d\d)\b")
THEME_FORMS = [
    re.compile(r"\b[Tt]he theme (?:of [^\"\u201c]{0,80}?)?(?:was|is|will be|has been)\s*:?\s*[\"\u201c](?P<theme>[^\"\u201d]+)[\"\u201d]"),
    re.compile(r"\b[Tt]he theme of [^\"\u201c,]{0,80},\s*[\"\u201c](?P<theme>[^\"\u201d]+)[\"\u201d]"),
    re.compile(r"\b[Tt]hemed\s*:?\s*(?:on\s+)?[\"\u201c](?P<theme>[^\"\u201d]+)[\"\u201d]"),
    re.compile(r"\b[Tt]he theme (?:of [^\u300c]{0,80}?)?(?:was|is|will be)\s*:?\s*\u300c(?P<theme>[^\u300d]+)\u300d"),
    re.compile(r"\b(?:under|with) the (?:main |official )?(?:theme|motto) (?:of\s+)?[\"\u201c\u00ab](?P<theme>[^\"\u201d\u00bb]+)[\"\u201d\u00bb]"),
    re.compile(r"[\"\u201c\u00ab](?P<theme>[^\"\u201d\u00bb]+)[\"\u201d\u00bb]\s+as (?:its|the|this year's|the conference's) (?:main |official )?theme\b"),
    re.compile(r"\b[Tt]he (?:official|main|overall|central) theme,?\s*[\"\u201c\u00ab](?P<theme>[^\"\u201d\u00bb]+)[\"\u201d\u00bb]"),
    re.compile(r"[\"\u201c](?P<theme>[^\"\u201d]+)[\"\u201d],?\s+(?:is|was) the theme\b"),
    re.compile(r"\b(?:carries|carried|bears|bore|has|had|takes|took|adopts|adopted|under) the (?:main |official )?theme (?:of\s+)?[\"\u201c\u00ab](?P<theme>[^\"\u201d\u00bb]+)[\"\u201d\u00bb]"),
    re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]his year's)\s+[\w-]+'s\s+theme,?\s*(?:is|was|:)?\s*[\"\u201c](?P<theme>[^\"\u201d]+)[\"\u201d]"),
]


def edition_for_year(year: int | None) -> int | None:
    return year - FIRST_YEAR + 1 if year and year >= FIRST_YEAR else None


def year_for_edition(edition: int) -> int:
    return FIRST_YEAR + edition - 1


def find_conference_year(texts: list[str], article_date: str | None) -> int | None:
    """The conference's year: a stated edition beats a year written with the name, which
    beats the dates of the event, which beat the article's own date."""
    editions = Counter(edition for text in texts for edition in _editions(text))
    if editions:
        return year_for_edition(_most_common(editions))
    named = Counter(int(m.group("year")) for text in texts for form in YEAR_WITH_NAME for m in form.finditer(text))
    if named:
        return _most_common(named)
    event = Counter(
        int(m.group("year"))
        for text in texts for sentence in _sentences(text)
        if MENTIONS_CONFERENCE.search(sentence) for m in FULL_DATE_YEAR.finditer(sentence)
    )
    if event:
        return _most_common(event)
    return int(article_date[:4]) if article_date else None


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def _most_common(counts: Counter) -> int:
    """The most frequent value; among equals the latest (an article looks back more than ahead)."""
    return max(counts.items(), key=lambda item: (item[1], item[0]))[0]


def _editions(text: str) -> list[int]:
    """Editions the text states as the current one; "since the first WIC in 2014" looks back."""
    if not MENTIONS_NAME.search(text):
        return []
    found = [_ordinal_number(m.group("ordinal")) for form in EDITION_FORMS for m in form.finditer(text)
             if not _looks_back(text, m)]
    found += [_count_number(m.group("count")) for m in HELD_TIMES.finditer(text)]
    current = [_ordinal_number(m.group("ordinal")) for m in THIS_YEARS.finditer(text)]
    return [n for n in current for _ in range(3)] + [n for n in found if n]


def _looks_back(text: str, match: re.Match) -> bool:
    before, after = text[max(0, match.start() - 40):match.start()], text[match.end():match.end() + 25]
    return bool(re.search(r"\bsince\s+$|\bsince the\s*$", before, re.I) or PAST_YEAR_AFTER.match(after))


def _ordinal_number(word: str) -> int | None:
    word = word.lower()
    if word[:1].isdigit():
        return int(re.match(r"\d+", word).group())
    return ORDINAL_WORDS.index(word) + 1 if word in ORDINAL_WORDS else None


def _count_number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return {"once": 1, "twice": 2}.get(word) or (COUNT_WORDS.index(word) + 1 if word in COUNT_WORDS else None)


def find_theme(texts: list[str]) -> str | None:
    """The conference's theme as the text states it, verbatim, without the punctuation that
    closes the quote; themes of other events and of single forums or panels are passed over."""
    for text in texts:
        for start, end in sentence_spans(text, quote_spans(text)):
            sentence = text[start:end]
            for form in THEME_FORMS:
                match = form.search(sentence)
                if match and not _other_event(sentence[:match.start("theme")]):
                    return match.group("theme").strip().rstrip(",.;:").strip()
    return None


def _other_event(before: str) -> bool:
    """"The afternoon forum, themed ...", "The Shanghai event, themed ...", "the World Artificial
    Intelligence Conference, themed ..." -- but "The Wuzhen forum, themed ..." is the conference."""
    if re.search(rf"{NAME}|Wuzhen", before):
        return False
    if re.search(r"\b(?:forum|sub-forum|panel|session|workshop|exhibition|expo)\b", before):
        return True
    if re.search(r"\b[Tt]he\s+[A-Z][\w-]+\s+(?:event|conference|summit|gathering|meeting)\b", before):
        return True
    events = EVENT_NAME.findall(before)
    return bool(events) and not any(MENTIONS_CONFERENCE.search(e) for e in events)
