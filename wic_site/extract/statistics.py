"""Figures stated in the text: the number as written, its qualifier, unit, what it counts and
who gives it. The words (qualifiers, currencies, counted nouns, linking verbs) are in
data/figures.yaml; this module holds the grammar that uses them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Figure
from ..text.data import DATA_DIR, load_data

HAS_DIGIT = re.compile(r"\d")
NUMBER = r"(?<![\w.,:-])(?!\d{1,2}:\d)(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
CLAUSE_BREAK = r"[,;:(\u2014]|\s-\s|\b(?:and|but|while|whereas|that)\b"
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "some"}
NAME_WORD = r"(?!(?:The|This|That|These|Those|A|An|It|Its|Their)\b)[A-Z][\w&'’-]*"
NAME = rf"{NAME_WORD}(?:\s+(?:(?:of|and|for|on|the|de)\s+)*{NAME_WORD})*"


@dataclass(frozen=True)
class Found:
    """A figure and where it stands in its sentence."""

    figure: Figure
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    words: dict
    qualifier: re.Pattern  # a qualifier at the end of the text before a number
    clause_break: re.Pattern  # where the clause a figure stands in begins
    money_symbol: re.Pattern
    money_word: re.Pattern
    percent: re.Pattern
    count: re.Pattern
    number_of: re.Pattern
    numbered: re.Pattern
    labelled: re.Pattern
    according_to: re.Pattern
    report_by: re.Pattern
    named_report: re.Pattern
    report_reference: re.Pattern

    sets: dict[str, frozenset[str]]  # each word list, lower-cased
    units: dict[str, str]  # counted noun -> unit
    measure_verbs: dict[str, str]  # verb -> what the money it names is
    currencies: dict[str, str]  # currency word -> unit

    def words_of(self, key: str) -> frozenset[str]:
        return self.sets[key]


def _alternatives(words) -> str:
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    words = load_data("figures")
    _check_words(words)
    scale = rf"(?:\s+(?i:{_alternatives(words['scales'])}))?"
    symbols = _alternatives(words["currency_symbols"])
    reports = _alternatives(words["report_words"])
    links = _alternatives(words["report_links"])
    # a lookahead: the words after a number are read, not taken, so "300 firms from more than 40
    # countries" leaves "more than 40" to the next match
    noun = r"(?=\s+(?P<noun>(?:[A-Za-z]|\d+[A-Za-z])[\w'-]*(?:\s+[A-Za-z][\w'-]*){0,4}))"
    return Lexicon(
        words=words,
        clause_break=re.compile(rf"{CLAUSE_BREAK}|\b(?:{_alternatives(words['reporting_verbs'])})\b"),
        # a qualifier is looked for before a number once one is found, not tried at every position
        qualifier=re.compile(rf"(?:^|(?<=[^\w]))(?i:{_alternatives(words['qualifiers'])})\s+$"),
        money_symbol=re.compile(rf"(?P<value>(?P<symbol>{symbols})\s?{NUMBER}{scale})(?![\w-])"),
        money_word=re.compile(
            rf"(?P<value>{NUMBER}{scale}\s+(?P<unit>(?i:{_alternatives(words['currency_words'])})))\b"),
        percent=re.compile(
            rf"(?P<value>{NUMBER}\s*(?i:{_alternatives(words['percent'])}))"
            r"(?P<rest>(?:\s+of\s+(?:the\s+)?(?:[^,.;()]|(?<=\d)[,.](?=\d)){1,60})?)"),
        count=re.compile(rf"(?P<value>{NUMBER}{scale}){noun}"),
        number_of=re.compile(
            rf"\bnumber of (?P<noun>(?:[A-Za-z]|\d+[A-Za-z])[\w-]*(?:\s+[a-z][\w-]*){{0,2}})\b[^,.;]{{0,40}}?\s"
            rf"(?:exceeded|reached|hit|topped|surpassed|rose to|grew to|climbed to|stood at|was|is)\s+"
            rf"(?P<value>{NUMBER}{scale})(?![\w-])"),
        numbered=re.compile(
            rf"(?P<noun>(?:[A-Za-z][\w-]*\s+){{0,2}}[a-z][\w-]*s)\s+(?:numbered|totalled|totaled)\s+"
            rf"(?P<value>{NUMBER}{scale})(?![\w-])"),
        labelled=re.compile(rf"^(?P<noun>[A-Za-z0-9][\w '-]{{2,40}}?):\s*(?P<value>{NUMBER}{scale}"
                            rf"(?:\s*(?i:{_alternatives(words['percent'])}))?)\s*$"),
        according_to=re.compile(r"\b(?i:according to|data from|figures from|statistics from)\s+(?P<what>[^,;.]+)"),
        report_by=re.compile(rf"\b(?i:{reports})\b[^,;.]{{0,30}}?\s(?:{links})\s+(?:the\s+)?(?P<owner>{NAME})"),
        named_report=re.compile(rf"\b(?P<owner>{NAME})(?:'s)?\s+(?P<report>(?i:{reports}))\b(?!\s+[A-Z])"),
        report_reference=re.compile(rf"\b(?:the|this|that)\s+(?i:{reports})\b|\bit (?:says|said|shows|showed)\b",
                                    re.I),
        sets={key: frozenset(w.lower() for w in value) for key, value in words.items() if isinstance(value, list)},
        units={noun.lower(): unit for unit, nouns in words["count_units"].items() for noun in nouns},
        measure_verbs={verb.lower(): what for verb, what in words["measure_verbs"].items()},
        currencies={word.lower(): unit for word, unit in words["currency_words"].items()},
    )


def _check_words(words, key: str = "") -> None:
    """Every listed word must be a string: YAML reads a bare on/no/yes as a boolean."""
    if isinstance(words, dict):
        for name, value in words.items():
            _check_words(name, key)
            _check_words(value, str(name))
    elif isinstance(words, list):
        for item in words:
            _check_words(item, key)
    elif not isinstance(words, str):
        raise ValueError(f"{DATA_DIR / 'figures.yaml'}: {key}: {words!r} is not a word; quote it")


def find_figures(sentence: str) -> list[Found]:
    """Each figure in the sentence, in order; money given in parentheses (a conversion) is skipped."""
    if not HAS_DIGIT.search(sentence):
        return []  # every form below needs a digit; most sentences have none
    lex = lexicon()
    found: list[Found] = []

    def add(match: re.Match, unit: str, counts: str | None) -> None:
        start, end = _begins(sentence, match, lex), match.end("value")
        if any(f.start < end and start < f.end for f in found) or _in_parentheses(sentence, start):
            return
        qualifier = sentence[start:match.start("value")]
        figure = Figure(match.group("value").strip(), " ".join(qualifier.lower().split()) or None, unit, counts or None)
        found.append(Found(figure, start, end))

    symbols = lex.words["currency_symbols"]
    for match in lex.money_symbol.finditer(sentence):
        symbol = match.group("symbol").strip()
        add(match, symbols.get(symbol.upper(), symbols.get(symbol, symbol)),
            _measure_before(sentence, _begins(sentence, match, lex), lex))
    for match in lex.money_word.finditer(sentence):
        add(match, _currency(match.group("unit"), lex), _measure_before(sentence, _begins(sentence, match, lex), lex))
    for match in lex.labelled.finditer(sentence):  # "Internet users: 1.05 billion" in a key-figures box
        label = match.group("noun").strip()
        add(match, _percent_or(match.group("value"), _unit_of(label, lex), lex), label)
    for pattern, needed in ((lex.number_of, "number of"), (lex.numbered, "number")):
        for match in (pattern.finditer(sentence) if needed in sentence else ()):
            noun = _noun_phrase(match.group("noun"), lex)
            if noun:
                add(match, _unit_of(noun, lex), noun)
    for match in lex.percent.finditer(sentence):
        add(match, "percent", _percent_counts(sentence, match, _begins(sentence, match, lex), lex))
    for match in lex.count.finditer(sentence):
        noun = _noun_phrase(match.group("noun"), lex, scaled=not match.group("value")[-1:].isdigit())
        if noun and not _is_year(match.group("value")) and not _is_date(sentence, match.start("value")):
            add(match, _unit_of(noun, lex), _owned(sentence, _begins(sentence, match, lex), noun, lex))
    return sorted(found, key=lambda f: f.start)


def _begins(sentence: str, match: re.Match, lex: Lexicon) -> int:
    """Where a figure starts: at its qualifier ("more than 700 million"), else at its value."""
    start = match.start("value")
    qualifier = lex.qualifier.search(sentence, max(0, start - 24), start)
    return qualifier.start() if qualifier else start


def _currency(word: str, lex: Lexicon) -> str:
    return lex.currencies.get(" ".join(word.lower().split()), word)


def _percent_or(value: str, unit: str, lex: Lexicon) -> str:
    return "percent" if any(value.lower().endswith(p) for p in lex.words_of("percent")) else unit


def _unit_of(counts: str, lex: Lexicon) -> str:
    """The unit of a count: people for users and guests, organizations for companies, else the noun."""
    units = lex.units
    phrase = counts.lower()
    head = phrase.split()[-1] if phrase.split() else phrase
    return units.get(phrase) or units.get(head) or head


def _noun_phrase(words: str, lex: Lexicon, scaled: bool = True) -> str | None:
    """The counted thing: words after the number up to the first plural noun, counted noun or stop
    word; "countries and regions" stays whole."""
    stops, not_counted, counted = lex.words_of("phrase_stops"), lex.words_of("not_counted"), lex.units
    phrase: list[str] = []
    tokens = words.split()
    for i, word in enumerate(tokens):
        clean = word.strip(",.;:()\"'")
        after_noun = any(not w.endswith("ed") for w in phrase)
        if clean.lower() in stops or (after_noun and clean.endswith("ed")):
            break
        phrase.append(clean)
        if clean.endswith("s") and len(clean) > 3 or clean.lower() in counted or word[-1:] in ",.;:":
            following = [t.strip(",.;:") for t in tokens[i + 1:i + 3]]
            if len(following) == 2 and following[0] == "and" and following[1].lower() in counted:
                phrase += following  # "countries and regions"
            break
    if not phrase or phrase[0].lower() in not_counted or phrase[-1].lower() in not_counted:
        return None
    if phrase[-1][:1].isupper():  # "360 Security Group" names something, it counts nothing
        return None
    if not scaled and len(phrase) > 1 and all(w[:1].isupper() for w in phrase[:2]):
        return None  # "360 Security Group spoke": a name after a bare number
    return " ".join(phrase)


def _owned(sentence: str, start: int, noun: str, lex: Lexicon) -> str:
    """A bare "users" takes the thing they use: "a 4G mobile network, with 250 million users"."""
    if noun.lower() not in lex.words_of("owned_counts"):
        return noun
    before = re.search(r"([\w'’-]+(?:\s+[\w'’-]+){0,5}),?\s+with\s*$", sentence[:start])
    if not before:
        return noun
    words = before.group(1).split()
    cut = max((i + 1 for i, w in enumerate(words)
               if w.lower() in DETERMINERS or w.endswith(("'s", "’s")) or w.lower().endswith("est")), default=0)
    owner = [w for w in words[cut:] if not w[:1].isupper() or any(c.isdigit() for c in w) or len(words[cut:]) > 1]
    return " ".join([*owner, noun]) if owner else noun


def _percent_counts(sentence: str, match: re.Match, start: int, lex: Lexicon) -> str | None:
    """"accounts for 7 percent of GDP" -> "Internet sector's share of GDP"; "rate reached 70 percent" -> "rate"."""
    rest = _rest_phrase(re.sub(r"^\s*of\s+", "", match.group("rest")).strip(), lex)
    before = _clause_before(sentence, start, lex)
    share = _strip_end(before, lex.words_of("share_verbs"))
    if share is not None:
        owner = _trim(_strip_all_end(share, lex.words_of("linking_words")))
        measure = f"share of {rest}" if rest else "share"
        return f"{_possessive(owner)} {measure}" if owner else measure
    return rest or _measure_before(sentence, start, lex)


def _measure_before(sentence: str, start: int, lex: Lexicon) -> str | None:
    """What a figure measures, from the words before it: "online retailers made" -> "sales by online retailers"."""
    clause = _before_other_figure(_clause_before(sentence, start, lex), lex)
    linking, measure_verbs = lex.words_of("linking_words"), lex.measure_verbs
    verb = None
    while True:
        cut = _strip_end(clause, measure_verbs)
        if cut is not None:
            verb = clause[len(cut):].strip().lower()
            clause = cut
            continue
        cut = _strip_end(clause, linking)
        if cut is None:
            break
        clause = cut
    clause = _without_time(clause, lex)
    having = _split_at(clause, lex.words_of("having_verbs"))
    if having:
        owner, thing = _trim(having[0]), _trim(having[1])
        if thing:
            return f"{_possessive(owner)} {thing}" if owner and len(owner.split()) <= 4 else thing
    clause = _trim(clause)
    if verb and clause:
        return f"{measure_verbs[' '.join(verb.split())]} {clause}"
    return clause or None


def _clause_before(sentence: str, start: int, lex: Lexicon) -> str:
    clause = lex.clause_break.split(sentence[:start])[-1]
    return " ".join(clause.split()[-24:])


def _before_other_figure(clause: str, lex: Lexicon) -> str:
    """A clause that states another figure first ("sales grew 32.4 percent to"): its subject,
    the words before the verb of that figure."""
    words = clause.split()
    verbs = lex.words_of("figure_verbs")
    for i, word in enumerate(words):
        if i and word.lower() in verbs and any(c.isdigit() for w in words[i + 1:] for c in w):
            return " ".join(words[:i])
    return clause


REST_KEEPS = {"of", "the", "a", "an"}


def _rest_phrase(rest: str, lex: Lexicon) -> str:
    """What follows "N percent of", up to its verb or preposition: "the world's population was
    now online" -> "the world's population"."""
    stops = lex.words_of("phrase_stops") - REST_KEEPS
    words = rest.split()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in stops), len(words))
    return _without_time(" ".join(words[:cut]), lex)


def _without_time(phrase: str, lex: Lexicon) -> str:
    """A phrase of time off either end: "In 2019 the figure" -> "the figure", "sales in the first
    11 months" -> "sales"."""
    words = phrase.split()
    preps, times = lex.words_of("time_prepositions"), lex.words_of("time_words")

    def is_time(word: str) -> bool:
        return any(c.isdigit() for c in word) or word.lower().strip(",.") in times

    if len(words) > 2 and words[0].lower() in preps and is_time(words[1]):
        words = words[2:]
    for i in range(1, len(words)):
        if words[i].lower() in preps and any(is_time(w) for w in words[i + 1:i + 4]):
            words = words[:i]
            break
    return " ".join(words)


def _strip_end(text: str, phrases) -> str | None:
    """text without one of the phrases (of up to three words) at its end, or None when it ends with none."""
    words = text.split()
    for n in (3, 2, 1):
        if len(words) >= n and " ".join(words[-n:]).lower() in phrases:
            return " ".join(words[:-n])
    return None


def _strip_all_end(text: str, phrases) -> str:
    while (cut := _strip_end(text, phrases)) is not None:
        text = cut
    return text


def _split_at(text: str, verbs) -> tuple[str, str] | None:
    """Owner and thing around a verb of having; "had drawn" is a tense, not a having."""
    words = text.split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in verbs:
            following = words[i + 1].lower() if i + 1 < len(words) else ""
            if following.endswith(("ed", "en", "wn")) and following not in DETERMINERS:
                return None
            return " ".join(words[:i]), " ".join(words[i + 1:])
    return None


def _trim(text: str) -> str:
    """Leading determiners and adverbs off a noun phrase: "the largest share" -> "largest share"."""
    words = text.split()
    while words and words[0].lower() in DETERMINERS | {"with", "now", "also", "still", "only"}:
        words.pop(0)
    while words and words[-1].lower() in {"now", "also", "still", "already"}:
        words.pop()
    return " ".join(words).strip(" ,;:\"'“”")


def _possessive(owner: str) -> str:
    if not owner:
        return owner
    return owner + ("’" if owner.endswith("’s") else "'" if owner.endswith("s") else "'s")


def _is_year(value: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", value.strip()))


MONTH_BEFORE = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?|\d{1,2}[./-])\s*$"
)


def _is_date(sentence: str, start: int) -> bool:
    return bool(MONTH_BEFORE.search(sentence[:start]))


def _in_parentheses(sentence: str, index: int) -> bool:
    return sentence.rfind("(", 0, index) > sentence.rfind(")", 0, index)
