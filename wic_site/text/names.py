"""Person-name candidates: name tokens, titles before a name, and words that are never names.

The words come from the lexicon (wic_site/data/*.yaml); this module holds the patterns."""

from __future__ import annotations

import re

from .lexicon import alternation, lexicon

LEX = lexicon()
# "al-Rashid", "bin-Salman": a lower-case prefix joined by a hyphen belongs to the name
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u1ea0-\u1ef9"  # with Latin accents: "Sánchez", "Đặng"
LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f\u1ea0-\u1ef9"
TOKEN = (
    rf"(?:(?:al|el|bin|ibn|abu|ul)-)?(?:[{UPPER}][{LOWER}]+|[A-Z]\.|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)(?:-[{UPPER}{LOWER}][{LOWER}]+)?"
)
PARTICLES = rf"(?:{alternation(LEX.particles)})"  # "Hendrik van Dalen", "Moin ul Haque"
NAME_RUN = re.compile(rf"(?<![\w'-]){TOKEN}(?:\s+(?:{PARTICLES}\s+){{0,2}}{TOKEN}){{0,5}}(?![\w-])")

TITLES = LEX.title_words  # may stand before a name ("President Xi Jinping", "Dr. ...")
NOT_NAME = LEX.not_names  # capitalised words that are never part of a person's name
NATIONALITY = re.compile(
    rf"^(?:[A-Z][a-z]{{2,}}(?:ian|ese|ish|ani|ean|ican|aqi|eli)|{alternation(LEX.nationalities)})$"
)
HONORIFICS = frozenset(LEX.honorifics)  # titles that are no role
KIND_WORDS = frozenset(LEX.kind_words)
LAST_WORD = re.compile(r"([\w-]+)\s+$")
ORG_TAIL = LEX.org_tails  # words that end an organisation's name
WORD_ENDING = re.compile(rf"(?:{alternation(LEX.word_endings)})$")  # "Scientific", "Achievements"
PARTICLE_WORD = re.compile(PARTICLES)


def split_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split the title off a run of capitalised tokens: everything up to its last title word
    ("Multimedia Minister Nurul Aini Kamaruddin"), less leading nationality adjectives."""
    last = max((i for i, t in enumerate(tokens[:-1]) if is_title(t)), default=-1)
    titles, tokens = tokens[:last + 1], tokens[last + 1:]
    while titles and NATIONALITY.match(titles[0]) and not is_title(titles[0]):
        titles = titles[1:]
    titles = [t for t in titles if t.lower().rstrip(".") not in HONORIFICS]
    return titles, tokens


def is_name_token(token: str) -> bool:
    if PARTICLE_WORD.fullmatch(token):
        return True
    parts = token.lower().split("-")
    return not any(part in NOT_NAME for part in parts) and not is_title(token) and not WORD_ENDING.search(token)


def is_title(token: str) -> bool:
    """"Minister", "Vice-Premier", "Dr", "Prof." """
    return all(part in TITLES or part.rstrip(".") in TITLES for part in token.lower().split("-"))


def is_non_person(name: str) -> bool:
    """A platform, outlet or programme named like a person ("Sina Weibo", "Schwarzman Scholar")."""
    return name.lower() in LEX.non_persons


def is_organization(name: str, next_word: str | None = None) -> bool:
    """True when a name-like run is an organisation's: it ends with, or is followed by, a word
    that ends organisations' names ("Kestrel Robotics", "Baltic Automation" + "Group")."""
    return name.split()[-1].lower() in ORG_TAIL or (next_word or "").lower() in ORG_TAIL


def person_names(text: str, lowercase_words: set[str]) -> list[tuple[str, str, int]]:
    """(name, title, offset) for each run of 2-4 name-like capitalised words in text.

    A run is cut at words that cannot be names; a word that the article also uses in
    lower case ("Shared", "Future") is an ordinary word in Title Case, not a name.
    """
    found = []
    for run in NAME_RUN.finditer(text):
        if _after_kind_word(text, run.start()):
            continue  # "in Kuala Lumpur", "drone maker Skylark Robotics", "the Pearl River Digest"
        words = [(m.group(), run.start() + m.start()) for m in re.finditer(r"\S+", run.group())]
        titles, names = split_title([w for w, _ in words])
        words = words[len(words) - len(names):]
        for group, next_word in _name_groups(words, lowercase_words):
            name = " ".join(w for w, _ in group)
            if 2 <= core_length(group) <= 4 and not is_organization(name, next_word) and not is_non_person(name):
                found.append((name, " ".join(titles), group[0][1]))
    return found


def _after_kind_word(text: str, start: int) -> bool:
    """True when the word before `start` makes what follows a place or company: "in", "the",
    "maker", "start-up", "Madrid-based" (data/organization_words.yaml, kind_words)."""
    last = LAST_WORD.search(text, max(0, start - 30), start)
    if not last:
        return False
    word = last.group(1)
    return word.endswith("-based") or word in KIND_WORDS or word.rsplit("-", 1)[-1] in KIND_WORDS


def _name_groups(words, lowercase_words):
    """Runs of name-like words, each with the word that ends it ("Baltic Automation" + "Group")."""
    groups, current = [], []
    for word, offset in words:
        if PARTICLE_WORD.fullmatch(word):
            if current:
                current.append((word, offset))
            continue
        if is_name_token(word) and word.lower() not in lowercase_words:
            current.append((word, offset))
            continue
        if current:
            groups.append((_trim_particles(current), word))
        current = []
    if current:
        groups.append((_trim_particles(current), None))
    return groups


def core_length(group) -> int:
    """Words of a name less its particles: "Moin ul Haque" has two."""
    return sum(1 for w, _ in group if not PARTICLE_WORD.fullmatch(w))


def _trim_particles(group):
    while group and PARTICLE_WORD.fullmatch(group[-1][0]):
        group = group[:-1]
    return group


def lowercase_vocabulary(paragraphs: tuple[str, ...] | list[str]) -> set[str]:
    return {word for p in paragraphs for word in re.findall(r"\b[a-z][a-z-]+\b", p)}
