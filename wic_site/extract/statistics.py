"""Figures stated in the text: users, money, percentages and counts, with what they count."""

from __future__ import annotations

import re
from dataclasses import dataclass

HAS_DIGIT = re.compile(r"\d")
NUMBER = r"(?<![\w.,:-])(?!\d{1,2}:\d)(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
SCALE = r"(?:\s+(?:million|billion|trillion|thousand|hundred))?"
QUALIFIER = r"(?:(?i:more than|over|about|around|nearly|almost|some|up to|at least|roughly|less than|fewer than)\s+)?"
CURRENCY_WORDS = r"yuan|dollars|US dollars|euros|pounds|rubles|roubles|tenge|yen|won|rupees"
SYMBOLS = {"$": "US dollars", "US$": "US dollars", "€": "euros", "£": "pounds", "¥": "yuan", "RMB": "yuan"}
MONEY_SYMBOL = re.compile(rf"(?P<figure>{QUALIFIER}(?P<symbol>US\$|\$|€|£|¥|RMB\s?)(?:{NUMBER}){SCALE})(?![\w-])", re.I)
MONEY_WORD = re.compile(rf"(?P<figure>{QUALIFIER}(?:{NUMBER}){SCALE})\s+(?P<unit>{CURRENCY_WORDS})\b", re.I)
PERCENT = re.compile(rf"(?P<figure>{QUALIFIER}(?:{NUMBER}))\s*(?:percent|per cent|%)(?P<rest>(?:\s+of\s+(?:the\s+)?(?:[^,.;()]|(?<=\d)[,.](?=\d)){{1,60}})?)", re.I)
COUNT = re.compile(
    rf"(?P<figure>{QUALIFIER}(?:{NUMBER}){SCALE})\s+(?P<noun>(?:[A-Za-z]|\d+[A-Za-z])[\w'-]*(?:\s+[A-Za-z][\w'-]*){{0,3}})"
)
NOT_COUNTED = set(
    """year years month months week weeks day days hour hours minute minutes second seconds times time
    percent per cent yuan dollars euros pounds to and or of from in on at by the a an than
    million billion trillion thousand hundred""".split()
)
CURRENCY_NAMES = {"us dollars": "US dollars", "dollars": "dollars", "yuan": "yuan", "euros": "euros",
                  "pounds": "pounds", "rubles": "rubles", "roubles": "rubles", "tenge": "tenge", "yen": "yen",
                  "won": "won", "rupees": "rupees"}
NUMBER_OF = re.compile(
    rf"\bnumber of (?P<noun>(?:[A-Za-z]|\d+[A-Za-z])[\w-]*(?:\s+[a-z][\w-]*){{0,2}})\b[^,.;]{{0,40}}?\s(?:exceeded|"
    rf"reached|hit|topped|surpassed|rose to|grew to|climbed to|stood at|was|is)\s+(?P<figure>{QUALIFIER}(?:{NUMBER}){SCALE})(?![\w-])"
)
LABELLED = re.compile(rf"^(?P<label>[A-Za-z0-9][\w '-]{{2,40}}?):\s*(?P<figure>{QUALIFIER}(?:{NUMBER}){SCALE})\s*$")
NUMBERED = re.compile(  # "Rural internet users numbered 301 million"
    rf"(?P<noun>(?:[A-Za-z][\w-]*\s+){{0,2}}[a-z][\w-]*s)\s+(?:numbered|totalled|totaled)\s+"
    rf"(?P<figure>{QUALIFIER}(?:{NUMBER}){SCALE})(?![\w-])"
)
PHRASE_STOP = set(
    """of from in on at to and or the a an with for by than that which who is are was were has have had will
    would can could be been now ago so as about between across this that these those last next""".split()
)
TRAILING_VERBS = re.compile(r"\s+(?:hit|hits|made|make|reached|reaches|was|were|is|are|totaled|totalled|topped|stood at|amounted to|of|at)$")


NUMBER_OF_WORDS = ("number of",)  # one of these occurs wherever the pattern matches, and `in` is
NUMBERED_WORDS = ("numbered", "totalled", "totaled")  # far cheaper than trying the pattern at every place


def _finditer_if(pattern: re.Pattern, sentence: str, needed: tuple[str, ...]) -> list[re.Match]:
    return list(pattern.finditer(sentence)) if any(word in sentence for word in needed) else []


@dataclass(frozen=True)
class Figure:
    figure: str
    unit: str
    measure: str
    start: int
    end: int


def find_figures(sentence: str) -> list[Figure]:
    """Each figure in the sentence; money given in parentheses (a conversion) is skipped."""
    if not HAS_DIGIT.search(sentence):
        return []  # every form below needs a digit; most sentences have none
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match, unit: str, measure: str) -> None:
        span = match.span("figure")
        if any(s < span[1] and span[0] < e for s, e in taken) or _in_parentheses(sentence, span[0]):
            return
        taken.append(match.span())
        figures.append(Figure(match.group("figure").strip(), unit, measure.strip(), *span))

    for match in MONEY_SYMBOL.finditer(sentence):
        add(match, SYMBOLS.get(match.group("symbol").strip().upper(), "US dollars"), _words_before(sentence, match.start()))
    for match in MONEY_WORD.finditer(sentence):
        add(match, CURRENCY_NAMES.get(match.group("unit").lower(), match.group("unit")), _words_before(sentence, match.start()))
    for match in LABELLED.finditer(sentence):  # "Internet users: 1.05 billion" in a key-figures box
        label = match.group("label").strip()
        add(match, label.split()[-1].lower(), label)
    for match in [*_finditer_if(NUMBER_OF, sentence, NUMBER_OF_WORDS), *_finditer_if(NUMBERED, sentence, NUMBERED_WORDS)]:
        noun = _noun_phrase(match.group("noun"))
        if noun:
            add(match, noun.split()[-1].lower(), noun)
    for match in PERCENT.finditer(sentence):
        rest = match.group("rest").strip()
        add(match, "percent", re.sub(r"^of\s+", "", rest) if rest else _words_before(sentence, match.start()))
    for match in COUNT.finditer(sentence):
        noun = _noun_phrase(match.group("noun"))
        if noun and not _is_year(match.group("figure")) and not _is_date(sentence, match.start()):
            add(match, noun.split()[-1].lower(), noun)
    return sorted(figures, key=lambda f: f.start)


def _noun_phrase(words: str) -> str | None:
    """The counted thing: words after the number up to the first plural noun or stop word."""
    phrase: list[str] = []
    for word in words.split():
        clean = word.strip(",.;:()\"'")
        after_noun = any(not w.endswith("ed") for w in phrase)
        if clean.lower() in PHRASE_STOP or (after_noun and clean.endswith("ed")):
            break
        phrase.append(clean)
        if clean.endswith("s") and len(clean) > 3 or word[-1:] in ",.;:":
            break
    if not phrase or phrase[0].lower() in NOT_COUNTED or phrase[-1].lower() in NOT_COUNTED:
        return None
    if phrase[-1][:1].isupper():  # "360 Security Group" names something, it counts nothing
        return None
    return " ".join(phrase)


def _words_before(sentence: str, start: int) -> str:
    clause = re.split(r"[,;:(]|\b(?:and|but|while)\b", sentence[:start])[-1].strip()
    words = clause.split()[-6:]
    return TRAILING_VERBS.sub("", " ".join(words))


def _is_year(figure: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", figure.strip()))


MONTH_BEFORE = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?|\d{1,2}[./-])\s*$"
)


def _is_date(sentence: str, start: int) -> bool:
    return bool(MONTH_BEFORE.search(sentence[:start]))


def _in_parentheses(sentence: str, index: int) -> bool:
    return sentence.rfind("(", 0, index) > sentence.rfind(")", 0, index)
