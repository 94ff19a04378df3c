"""Which conference an article reports on (year and edition) and the theme it states.

The year is weighed from evidence: an edition stated as this one's beats a year written
with the conference's name, which beats the dates of the event, which beat the article's
own date. A mention that looks back ("since the first WIC in 2014", a year far from the
publication date) counts for little.
"""

from __future__ import annotations

import re
from collections import Counter

from ..text.data import load_data
from ..text.dates import dates_in
from ..text.spans import quote_spans, sentence_spans

_DATA = load_data("conference")
FIRST_YEAR = 2014  # the first World Internet Conference; one a year since
ORDINAL_WORDS = tuple(_DATA["ordinals"])
COUNT_WORDS = tuple(_DATA["counts"])
NAME = r"(?:World\s+Internet\s+Conference|WIC|Wuzhen\s+Summit)"
ORDINAL = rf"(?P<ordinal>\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(ORDINAL_WORDS)})"
EDITION_FORMS = [
    re.compile(rf"(?:\bthe|\d|\byear's|\bthis)\s*{ORDINAL}\s+(?:annual\s+)?{NAME}", re.I),
    re.compile(rf"\b(?:the|its)\s+{ORDINAL}\s+(?:year|time|edition)\b[^.]{{0,60}}?\b(?:hold|host|stag)\w*\s+(?:the\s+)?{NAME}", re.I),
    re.compile(rf"\b{ORDINAL}\s+(?:edition|session|annual meeting)\s+of\s+the\s+(?:{NAME}|conference|summit)", re.I),
    re.compile(rf"\b{NAME}[^.]{{0,30}}?\bin\s+its\s+{ORDINAL}\s+(?:year|edition)\b", re.I),
    re.compile(rf"\bin\s+its\s+{ORDINAL}\s+(?:year|edition),?\s+the\s+(?:{NAME}|conference|summit)", re.I),
    re.compile(rf"\b(?:hold|host|stag)\w*\s+(?:the\s+)?{NAME}[^.]{{0,40}}?\bfor\s+the\s+{ORDINAL}\s+(?:time|year)\b", re.I),
]
# "this year's seventh World Internet Conference" names the current edition outright
THIS_YEARS = re.compile(rf"\bthis year's\s+{ORDINAL}\s+(?:annual\s+)?(?:{NAME}|conference|summit)", re.I)
THIS_YEAR = re.compile(r"\bthis year(?:'s)?\b", re.I)
# "the second conference in 2015": an edition given its own year is an earlier one
DATED_EDITION = re.compile(rf"{ORDINAL}\s+(?:[\w-]+\s+){{0,4}}?(?:{NAME}|conference|summit|edition)\w*(?:\s+Wuzhen Summit)?,?\s+(?:held\s+)?in\s+(?:19|20)\d\d\b", re.I)
TIMELINE_ENTRY = re.compile(r"\W*(?:19|20)\d\d\s*[:\u2013\u2014-]\s")  # "2014: The first WIC is held ..."
HISTORY = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in _DATA['history_markers'])})\b", re.I)
HELD_TIMES = re.compile(
    rf"{NAME}\s+(?:has|have)\s+been\s+held\s+(?P<count>\d{{1,2}}|{'|'.join(COUNT_WORDS)})(?:\s+times)?", re.I
)
YEAR_WITH_NAME = [
    re.compile(rf"\b(?P<year>20\d\d)\s+{NAME}", re.I),
    re.compile(rf"\b{NAME}(?:\s+\(WIC\))?(?:\s+Wuzhen\s+Summit)?\s+(?P<year>20\d\d)\b", re.I),
    re.compile(rf"\b(?P<year>20\d\d)\s+(?:edition|session)\s+of\s+the\s+{NAME}", re.I),
]
DIGIT = re.compile(r"\d")
ORDINAL_HINT = re.compile(r"\d(?:st|nd|rd|th)\b")
BARE_YEAR = re.compile(r"(?<![\d,.])(?P<year>20\d\d)(?![\d,])")
EVENT_WORD = re.compile(r"\b(?:Conference|Expo|Forum|Summit|Congress|Fair)\b")
EVENT_NAME = re.compile(r"(?:[A-Z][\w-]*\s+){1,6}(?:Conference|Expo|Forum|Summit|Congress|Fair)\b")
MENTIONS_CONFERENCE = re.compile(rf"{NAME}|the (?:conference|summit)", re.I)
WEIGHTS = {"this edition": 10, "edition": 6, "named year": 4, "event date": 2, "this year": 2, "published": 1.5,
           "year near the name": 1, "date": 0.5}
LOOKING_BACK = 0.1  # the share of its weight a mention of an earlier edition keeps
EARLIER = 0.5


def edition_for_year(year: int | None) -> int | None:
    return year - FIRST_YEAR + 1 if year and year >= FIRST_YEAR else None


def year_for_edition(edition: int) -> int:
    return FIRST_YEAR + edition - 1


def find_conference_year(texts: list[str], article_date: str | None) -> int | None:
    """The conference's year, weighed from everything the text says (see the module's note)."""
    published = int(article_date[:4]) if article_date else None
    scores: Counter = Counter()
    for text in texts:
        for year, kind, looks_back in _evidence(text):
            if year < FIRST_YEAR:
                continue
            far = published is not None and not published - 1 <= year <= published
            scores[year] += WEIGHTS[kind] * (LOOKING_BACK if looks_back or far else 1)
    if published:
        scores[published] += WEIGHTS["published"]
        if any(THIS_YEAR.search(text) for text in texts):
            scores[published] += WEIGHTS["this year"]
    if not scores:
        return None
    # an article looks back at earlier editions far more often than ahead: an earlier year
    # counts half as much once a later one has evidence of an event of its own
    latest = max((year for year, score in scores.items() if score >= WEIGHTS["event date"]), default=0)
    weighed = {year: score * (EARLIER if year < latest else 1) for year, score in scores.items()}
    return max(weighed.items(), key=lambda item: (item[1], item[0]))[0]


def _evidence(text: str):
    """(year, kind, looks back) for each mention of a year or an edition in the text."""
    mentions = MENTIONS_CONFERENCE.search(text)
    dates = dates_in(text) if DIGIT.search(text) else []
    if not mentions and not dates:
        return
    for start, end in sentence_spans(text) if mentions else [(0, len(text))]:
        sentence = text[start:end]
        about_conference = bool(mentions) and bool(MENTIONS_CONFERENCE.search(sentence))
        taken: set[int] = set()  # where a date or a named year already stands
        for value, (s, e) in dates:
            if start <= s < end:
                taken.add(s - start)
                yield value.year, "event date" if about_conference else "date", _looks_back(sentence, (s - start, e - start))
        if about_conference:
            yield from _edition_evidence(sentence, taken)


def _edition_evidence(sentence: str, taken: set[int]):
    lower = sentence.lower()  # cheap tests first: most sentences name no edition and no year
    if "this year's" in lower:
        for match in THIS_YEARS.finditer(sentence):
            yield year_for_edition(_ordinal_number(match.group("ordinal"))), "this edition", False
    if ORDINAL_HINT.search(lower) or any(word in lower for word in ORDINAL_WORDS):
        for form in EDITION_FORMS:
            for match in form.finditer(sentence):
                number = _ordinal_number(match.group("ordinal"))
                if number:
                    yield year_for_edition(number), "edition", _looks_back(sentence, match)
    if " held " in lower:
        for match in HELD_TIMES.finditer(sentence):
            number = _count_number(match.group("count"))
            if number:
                yield year_for_edition(number), "edition", False
    if not DIGIT.search(sentence):
        return
    for form in YEAR_WITH_NAME:
        for match in form.finditer(sentence):
            taken.add(match.start("year"))
            yield int(match.group("year")), "named year", _looks_back(sentence, match)
    for match in BARE_YEAR.finditer(sentence):
        if not any(t <= match.start() < t + 20 for t in taken):
            yield int(match.group()), "year near the name", _looks_back(sentence, match)


def _looks_back(sentence: str, match) -> bool:
    """A mention of an earlier edition: "since ...", "last year's ...", "the second WIC in 2015"."""
    start, end = match if isinstance(match, tuple) else match.span()
    window = sentence[max(0, start - 60):end + 30]
    return bool(HISTORY.search(window) or DATED_EDITION.search(window) or TIMELINE_ENTRY.match(sentence))


def _ordinal_number(word: str) -> int | None:
    word = word.lower()
    if word[:1].isdigit():
        return int(re.match(r"\d+", word).group())
    return ORDINAL_WORDS.index(word) + 1 if word in ORDINAL_WORDS else None


def _count_number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return COUNT_WORDS.index(word) + 1 if word in COUNT_WORDS else None


OPEN, CLOSE = "\"\u201c\u00ab\u300c", "\"\u201d\u00bb\u300d"
QUOTED = rf"[{OPEN}](?P<theme>[^{CLOSE}]+)[{CLOSE}]"
# an unquoted theme runs to the end of the sentence, or to a comma that starts the next clause
BARE = r"(?P<bare>[A-Z][^.;!?\"\u201c\u201d]{8,200}?)(?=\s*(?:[.;!?]\s|[.;!?]?$|,\s+(?:[a-z]|[Tt]he\b|[Tt]his\b|[Ii]t\b)))"
THEME_INTRODUCERS = [
    r"\b(?:[Tt]he|[Ww]hose) theme (?:(?:of|for) [^\"\u201c\u300c]{0,80}?|this (?:time|year) )?(?:was|is|will be|has been)\s*:?\s*",
    r"\b[Tt]hemed\s*:?\s*(?:(?:on|around|as)\s+)?",
    r"\b(?:[Uu]nder|[Ww]ith|[Oo]n) the (?:main |official |overarching )?(?:theme|motto|slogan) (?:of\s+)?",
    r"\b(?i:carr(?:y|ies|ied|ying)|bears?|bore|bearing|has|had|having|takes?|took|taking|adopts?|adopted|adopting)"
    r" the (?:main |official |overarching )?theme (?:of\s+)?",
    r"\b[Tt]he (?:official|main|overall|central) theme,?\s*",
    r"\b(?:[Tt]he|[Ii]ts|[Tt]his year's)\s+[\w-]+'s\s+theme,?\s*(?:is|was|:)?\s*",
    r"^[Tt]heme\s*:\s*",
]
THEME_FORMS = [re.compile(f"{intro}(?:{QUOTED}|{BARE})") for intro in THEME_INTRODUCERS] + [
    re.compile(rf"\b[Tt]he theme (?:of|for) [^{OPEN},:\u2013\u2014]{{0,80}}(?:,|:|\s[\u2013\u2014-])\s*{QUOTED}"),
    re.compile(rf"{QUOTED}\s+as (?:its|the|this year's|the conference's) (?:main |official )?theme\b"),
    re.compile(r"\b[Ww]ith (?P<bare>[A-Z][^.;!?\"\u201c\u201d]{8,200}?) as (?:its|the|this year's) (?:main |official )?theme\b"),
    re.compile(rf"{QUOTED},?\s+(?:is|was) the theme\b"),
]
SMALLER_EVENT = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in _DATA['smaller_events'])})\b")


def find_theme(texts: list[str]) -> str | None:
    """The conference's theme as the text states it, verbatim, without the punctuation that
    closes the quote; themes of other events and of single forums or panels are passed over."""
    for text in texts:
        if "heme" not in text and "motto" not in text:
            continue
        for start, end in sentence_spans(text, quote_spans(text)):
            sentence = text[start:end]
            for form in THEME_FORMS:
                match = form.search(sentence)
                group = "theme" if match and match.groupdict().get("theme") else "bare"
                if match and not _other_event(sentence[:match.start(group)]):
                    return match.group(group).strip().rstrip(",.;:").strip()
    return None


def _other_event(before: str) -> bool:
    """"The afternoon forum, themed ...", "The Shanghai event, themed ...", "the World Artificial
    Intelligence Conference, themed ..." -- but "The Wuzhen forum, themed ..." is the conference."""
    if re.search(rf"{NAME}|Wuzhen", before):
        return False
    if SMALLER_EVENT.search(before):
        return True
    if re.search(r"\b[Tt]he\s+[A-Z][\w-]+\s+(?:event|conference|summit|gathering|meeting)\b", before):
        return True
    if not EVENT_WORD.search(before):
        return False
    events = EVENT_NAME.findall(before)
    return bool(events) and not any(MENTIONS_CONFERENCE.search(e) for e in events)
