"""The people of one article: who is named, with which roles and organisations, and how a short
reference ("Xi", "he", "the president") resolves to a full name."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..text.lexicon import alternation, lexicon
from ..text.names import NATIONALITY, NOT_NAME, is_title, lowercase_vocabulary, person_names, split_title
from ..text.spans import quote_spans

LEX = lexicon()
CONNECTORS = LEX.connectors
NON_ROLE_START = re.compile(
    r"^(?:in|on|at|to|from|with|by|for|as|who|which|that|he|she|his|her|its|their|also|said|says|adding|has|have|"
    r"had|was|is|told|will|would|"
    r"speaking|while|when|after|before|during)\b",
    re.I,
)
ORG_SPLIT = re.compile(r"\s(?:of|at|with|from)\s")
ROLE_WORDS = alternation(LEX.role_nouns)
ROLE_NOUNS = re.compile(rf"\b({ROLE_WORDS})\b", re.I)


@dataclass
class Person:
    name: str
    roles: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    pronoun: str | None = None  # "he" or "she", once the article shows it
    descriptions: list[str] = field(default_factory=list)  # "the president's top economic adviser"

    @property
    def tokens(self) -> set[str]:
        return set(self.name.split())

    def answers_to(self, noun: str) -> bool:
        """True when "the <noun>" can mean this person: a word of a role or description, or
        one the lexicon lists as its equivalent ("the envoy" for an ambassador)."""
        words = set(re.findall(r"[a-z][\w-]*", " ".join(self.roles + self.descriptions).lower()))
        return noun in words or any(word in words for word in LEX.equivalents.get(noun, ()))

    def add_role(self, role: str, organization: str | None) -> None:
        if role and role not in self.roles:
            self.roles.append(role)
            self.pronoun = self.pronoun or _pronoun_of_role(role)
        if organization and organization not in self.organizations:
            self.organizations.append(organization)


def _pronoun_of_role(role: str) -> str | None:
    """ "she" for a spokeswoman, "he" for a spokesman; None when the role does not tell."""
    return next((LEX.gendered_roles[w] for w in role.lower().split() if w in LEX.gendered_roles), None)


@dataclass
class Cast:
    """Everyone named in one article, in order of first mention, and who spoke last."""

    people: dict[str, Person] = field(default_factory=dict)
    mentions: list[tuple[tuple[int, int], str]] = field(default_factory=list)  # ((paragraph, offset), name)
    last_speaker: str | None = None
    unnamed: dict[str, int] = field(default_factory=dict)  # "official" -> paragraph of "a senior official said"

    def add(self, name: str, where: tuple[int, int], role: str = "", organization: str | None = None) -> Person:
        person = self.people.get(name) or self._containing(name) or Person(name)
        self.people.setdefault(person.name, person)
        person.add_role(role, organization)
        bisect.insort(self.mentions, (where, person.name))
        return person

    def _containing(self, name: str) -> Person | None:
        """A known person whose full name contains this one ("Ma Huateng" in "Pony Ma Huateng")."""
        for person in self.people.values():
            if f" {name} " in f" {person.name} ":
                return person
        return None

    def resolve(self, ref: str, where: tuple[int, int]) -> str | None:
        """The full name a reference points to, or None when the article names nobody fitting."""
        words = ref.split()
        lowered = ref.lower()
        if lowered in {"he", "she"}:
            return self._resolve_pronoun(lowered, where)
        if lowered.startswith("the "):
            noun = lowered.split()[-1]
            if re.fullmatch(r"\d+-year-old", words[1]):  # "the 52-year-old": who was just named
                return self._last_mentioned(where, lambda p: True, paragraph=where[0]) or self.last_speaker
            return self._last_mentioned(where, lambda p: p.answers_to(noun))
        bare = split_title(words)[1]
        if len(bare) >= 2:
            known = self._containing(" ".join(bare))
            return known.name if known else " ".join(bare)
        if len(bare) == 1:
            return self._last_mentioned(where, lambda p: bare[0] in p.tokens) or self._first_with(bare[0])
        return None

    def _resolve_pronoun(self, pronoun: str, where: tuple[int, int]) -> str | None:
        """In order: someone named earlier in the paragraph; who spoke last, if the article gives
        them this pronoun; someone named in this or the paragraph before with this pronoun; who
        spoke or was named last, if the article has given them no pronoun yet. A person the
        article calls by the other pronoun is skipped; the choice teaches the person's pronoun."""
        last_speaker = self.people.get(self.last_speaker) if self.last_speaker else None
        chosen = (self._last_mentioned(where, lambda p: p.pronoun in (None, pronoun), paragraph=where[0])
                  or (last_speaker.name if last_speaker and last_speaker.pronoun == pronoun else None)
                  or self._last_mentioned(where, lambda p: p.pronoun == pronoun, since=where[0] - 1)
                  or next((c for c in (self.last_speaker, self._last_mentioned(where, lambda p: True))
                           if c and self.people[c].pronoun is None), None)
                  or self._last_mentioned(where, lambda p: p.pronoun == pronoun))
        if chosen:
            self.people[chosen].pronoun = pronoun
        return chosen

    def _last_mentioned(self, where: tuple[int, int], fits, paragraph: int | None = None,
                        since: int | None = None) -> str | None:
        # mentions are kept sorted; walk back from `where`
        for i in range(bisect.bisect_right(self.mentions, (where, "\uffff")) - 1, -1, -1):
            position, name = self.mentions[i]
            if (paragraph is not None and position[0] != paragraph) or (since is not None and position[0] < since):
                return None
            if fits(self.people[name]):
                return name
        return None

    def _first_with(self, token: str) -> str | None:
        return next((p.name for p in self.people.values() if token in p.tokens), None)


def gather_cast(paragraphs: tuple[str, ...], extra_lines: tuple[str, ...]) -> Cast:
    """Every full name in the article, with the roles its appositives and titles give.

    Captions and bylines (extra_lines) are read too: a caption is often the only place a
    speaker's full name appears. They are placed before paragraph 0.
    """
    cast = Cast()
    vocabulary = lowercase_vocabulary(paragraphs)
    lines = [(-1, line) for line in extra_lines] + list(enumerate(paragraphs))
    for index, text in lines:
        quoted = quote_spans(text)
        for name, titles, offset in person_names(text, vocabulary):
            if any(s <= offset < e for s, e in quoted):
                continue
            # a caption's appositive often abbreviates what the body states in full
            phrase = appositive_after(text, offset + len(name)) if index >= 0 else ""
            role, organization = parse_appositive(phrase)
            if not role and not titles:
                role, organization = title_before(text[:offset])
            if not organization and index >= 0:
                organization = organization_of(text[offset + len(name):]) or possessive_before(text[:offset])
            person = cast.add(name, (index, offset), role or titles, organization)
            description = description_before(text[:offset])
            if description and description not in person.descriptions:
                person.descriptions.append(description)
            honorific = HONORIFIC_BEFORE.search(text[:offset])
            if honorific and person.pronoun is None:
                person.pronoun = GENDERED[honorific.group(1).lower()]
    _drop_organizations(cast)
    _add_short_mentions(cast, lines)
    return cast


def _drop_organizations(cast: Cast) -> None:
    """A "name" that is someone's organisation ("Cascadia Compute") is no person."""
    organizations = {org for person in cast.people.values() for org in person.organizations}
    for name in organizations & set(cast.people):
        del cast.people[name]
    cast.mentions[:] = [m for m in cast.mentions if m[1] in cast.people]


def _add_short_mentions(cast: Cast, lines) -> None:
    """Record "Solberg" as a mention of Ingrid Solberg, so "she" can find her in that paragraph."""
    owners: dict[str, set[str]] = {}
    for person in cast.people.values():
        for token in person.tokens:
            owners.setdefault(token, set()).add(person.name)
    for index, text in lines:
        quoted = quote_spans(text)
        for match in re.finditer(r"(?<![\w'-])[A-Z][\w'-]+", text):
            names = owners.get(match.group())
            if index >= 0 and names and len(names) == 1 and not any(s <= match.start() < e for s, e in quoted):
                bisect.insort(cast.mentions, ((index, match.start()), next(iter(names))))


TITLE_WORD = (
    rf"(?:(?:{alternation(m for m in LEX.title_modifiers if not m.endswith('-'))})\s+|"
    rf"{alternation(m for m in LEX.title_modifiers if m.endswith('-'))})?(?:{alternation(LEX.title_heads)})"
)
TITLE_BEFORE = re.compile(
    rf"(?:(?P<org>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['\u2019]s\s+)?"
    rf"(?P<role>(?:[A-Z][\w-]*\s+){{0,3}}?{TITLE_WORD}(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w-]*)*)?)"
    rf",?\s+(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+)?$"
)


# "China's premier, Hu Anming," — a possessive and a lower-case title set off by commas
POSSESSIVE_TITLE_BEFORE = re.compile(
    r"(?:(?P<org>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)['\u2019]s|\b(?:[Ii]ts|[Tt]heir|[Tt]he\s+[a-z]+['\u2019]s|[Tt]he))\s+"
    rf"(?P<role>(?:[a-z-]+\s+){{0,2}}(?:{ROLE_WORDS}))\s*,\s*$"
)  # "China's premier, Hu Anming,", "Its chief executive, Mara Quint,"


GENDERED = {h: p for h, p in LEX.honorifics.items() if p}
HONORIFIC_BEFORE = re.compile(rf"\b({alternation(h.capitalize() for h in GENDERED)})\.?\s+$")
WHO_ROLES = LEX.who_verbs
WHO_LEADS = re.compile(rf"^who\s+(?P<verb>{'|'.join(WHO_ROLES)})\s+(?P<rest>.+)$")
LOWER_ROLE_BEFORE = re.compile(
    r"(?:^|[,;:]\s+|\b(?:and|by|said|says|with)\s+)(?P<role>(?:[a-z][\w-]*\s+){0,2}"
    rf"(?:{alternation(LEX.descriptions)}))\s+$"
)


# "Xiaomi founder Lei Jun", "Huawei's rotating chairman Eric Xu"
ORG_ROLE_BEFORE = re.compile(
    r"(?:^|[\s(])(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})(?:['\u2019]s)?\s+"
    rf"(?P<role>(?:(?!(?:and|or|of|the|to|with|by|for|in|at|as)\s)[a-z][\w-]*\s+){{0,2}}(?:{alternation(LEX.descriptions)}))\s+$"
)
# "The Vice Premier and the president's top economic adviser Liu He": the whole description
DESCRIPTION_BEFORE = re.compile(
    rf"\b(?P<desc>[Tt]he\s+(?:[\w'\u2019-]+\s+){{0,10}}?(?:{alternation(LEX.descriptions)}))\s+$", re.I
)


def description_before(text: str) -> str:
    """The definite description a name follows, for later references ("the adviser")."""
    match = DESCRIPTION_BEFORE.search(text[-120:])
    if not match or re.search(r"\b(?:that|which|who|said|says)\b", match.group("desc")):
        return ""
    return match.group("desc")


def title_before(text: str) -> tuple[str, str | None]:
    """A title standing before a name: "Russian Deputy Minister of Communications Arkady ..."."""
    match = TITLE_BEFORE.search(text) or POSSESSIVE_TITLE_BEFORE.search(text)
    org_role = not match and ORG_ROLE_BEFORE.search(text)
    if org_role:
        org = org_role.group("org")
        return org_role.group("role"), None if any(w.lower() in NOT_NAME for w in org.split()) else org
    if not match:
        lower = LOWER_ROLE_BEFORE.search(text)  # "robotics entrepreneur Deng Yuhan"
        return (lower.group("role"), None) if lower else ("", None)
    words = match.group("role").split()
    while len(words) > 1 and NATIONALITY.match(words[0]) and not is_title(words[0]):
        words = words[1:]
    return " ".join(words), match.group("org")


POSSESSIVE_BEFORE = re.compile(r"(?:^|[\s(])(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['\u2019]s\s+$")


def possessive_before(text: str) -> str | None:
    """The company a name follows in the possessive: "Xiaomi's Lei Jun" -> "Xiaomi"; a country
    or place ("China's Liu He") is no organisation."""
    match = POSSESSIVE_BEFORE.search(text[-80:])
    if not match or any(w.lower() in NOT_NAME for w in match.group("org").split()):
        return None
    return match.group("org")


def organization_of(after_name: str) -> str | None:
    """ "Ana Ruiz of the Madrid-based cloud company Nubeluz, said" -> "Nubeluz"."""
    match = re.match(r"\s+of\s+(?:the\s+)?([^,\"\u201c\u201d:;]+)", after_name)
    return organization_in(match.group(1)) if match else None


def appositive_after(text: str, end: int) -> str:
    """The phrase set off by commas right after a name: "Lei Jun, founder and CEO of Xiaomi, said"."""
    match = re.match(r"\s*,\s+([^,\"\u201c\u201d:;]+)", text[end:])
    return match.group(1).strip() if match else ""


def parse_appositive(phrase: str) -> tuple[str, str | None]:
    """(role, organisation) from "a researcher with the Chinese Academy of Cyberspace"."""
    founder = WHO_LEADS.match(phrase.strip())
    if founder:  # "who founded the Lagos-based platform Kobo Freight in 2011"
        return WHO_ROLES[founder.group("verb")], organization_in(re.split(r"\s+in\s+\d{4}|,", founder.group("rest"))[0])
    phrase = re.split(r",|\s+(?:who|which|whose)\s", phrase)[0]
    phrase = re.sub(r"^(?:a|an|the)\s+", "", phrase.strip().rstrip("."))
    phrase = re.sub(r"^[A-Z][\w-]*-based\s+", "", phrase)  # "a Singapore-based analyst at ..."
    if not phrase or NON_ROLE_START.match(phrase) or len(phrase.split()) > 25:
        return "", None
    possessive = re.match(r"^(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)['\u2019]s\s+(?P<role>.+)$", phrase)
    if possessive and ROLE_NOUNS.search(possessive.group("role")):  # "Brazil's secretary for ..."
        return possessive.group("role"), possessive.group("org")
    first = phrase.split()[0]
    if first[0].isupper() and not is_title(first) and not first.isupper() and not ROLE_NOUNS.search(phrase):
        return "", None  # a capitalised start is another name or a place, not a role
    splits = list(ORG_SPLIT.finditer(phrase))
    for match in splits:  # prefer the first "of/at/with" that introduces a capitalised name
        tail = re.sub(r"^the\s+", "", phrase[match.end():])
        if tail[:1].isupper() or tail[:1].isdigit():
            return _role_and_org(phrase[:match.start()], tail)
    for match in reversed(splits):
        org = organization_in(phrase[match.end():])
        if org:
            return phrase[:match.start()].strip(), org
    return (phrase, None) if ROLE_NOUNS.search(phrase) else ("", None)


def _role_and_org(role: str, tail: str) -> tuple[str, str | None]:
    return role.strip(), organization_in(tail)


def organization_in(tail: str) -> str | None:
    """The organisation's name at the end of a phrase: its last run of capitalised words."""
    tail = re.split(r"\s+in\s+(?:the\s+)?[A-Z]|\s+\(|\s+(?:who|which|that|where)\s", tail)[0].strip().rstrip(".")
    words = tail.split()
    run: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or word[:1].isdigit() or (run and word in CONNECTORS):
            run.insert(0, word)
        else:
            break
    while run and (run[0] in CONNECTORS or run[0].endswith("-based")):
        run.pop(0)
    org = " ".join(run)
    return org if org and (org.lower() not in NOT_NAME or org.isupper()) else None  # "the WIC" is one
