"""Person-name candidates: name tokens, titles before a name, and words that are never names."""

from __future__ import annotations

import re

TOKEN = r"(?:[A-Z][a-z]+|[A-Z]\.|Mc[A-Z][a-z]+|O'[A-Z][a-z]+)(?:-[A-Za-z][a-z]+)?"
PARTICLES = r"(?:van|von|de|der|den|da|dos|du|del|di|bin|binti|al|el|le|la)"  # "Hendrik van Dalen"
NAME_RUN = re.compile(rf"(?<![\w'-]){TOKEN}(?:\s+(?:{PARTICLES}\s+)?{TOKEN}){{0,5}}(?![\w-])")

# Titles that may stand before a name ("President Xi Jinping", "Prime Minister ...").
TITLES = {
    "president", "vice", "premier", "prime", "minister", "chairman", "chairwoman", "chair", "director",
    "professor", "prof.", "dr.", "mr.", "ms.", "mrs.", "secretary", "secretary-general", "general",
    "ambassador", "governor", "mayor", "senator", "chancellor", "commissioner", "founder", "academician",
    "king", "queen", "deputy", "executive", "chief", "spokesman", "spokeswoman", "spokesperson",
    "editor", "editors", "reporter", "reporters", "correspondent", "photographer", "columnist",
    "dr", "prof", "mr", "ms", "mrs", "sir", "dame", "madam",
}
# Capitalised words that are never part of a person's name in news text.
NOT_NAME = set(
    """the this that these those it its in at as on for with by from to of and or but however although
    meanwhile besides currently only under such another amid according noting highlighting if when while
    their our we they he she his her i you your my there here what how which who why where also after before
    during since until today yesterday tomorrow january february march april may june july august september
    october november december monday tuesday wednesday thursday friday saturday sunday
    china chinese internet world conference summit wuzhen zhejiang beijing shanghai province city town
    academy administration group lab labs capital school business university institute center centre committee
    bureau party council ministry department commission association organization organisation company
    corporation technology technologies information communications communication network networks digital
    silk road belt economic economy corridor report plan expo forum agency news daily times post today europe
    asia africa america american east west north south middle united states kingdom union republic
    cyberspace security engineering research development international global national central standing
    political communist light plus twitter facebook ai editor editor's note home opinions source updated
    photo video image comment comments print email share read more wic ciie cpec ceo cto five-year
    finance financial fund bank exchange industry industrial import export trade maritime smart cloud data
    community common shared future destiny innovation theme creating building based studies sciences science
    policy commerce illustration graphic gulf published posted""".split()
)
NATIONALITY = re.compile(
    r"^(?:[A-Z][a-z]{2,}(?:ian|ese|ish|ani|ean|ican|aqi|eli)|Thai|Swiss|Dutch|French|Greek|Czech|German|Kazakh|Uzbek)$"
)
PRONOUNS = {"he", "she"}
HONORIFICS = {"dr", "prof", "mr", "ms", "mrs", "sir", "dame", "madam"}  # titles that are no role
NOT_BEFORE_PERSON = re.compile(
    r"(?:-based|\bin|\bfrom|\bthe|\bmaker|\bfirm|platform|provider|company|start-?up|group|giant|operator|retailer|developer|"
    r"manufacturer|carrier|brand|app|service|lab|bank|fund|subsidiary|rival|publisher|outlet|agency)\s+$"
)
BEFORE_WINDOW = 40  # characters before a name that NOT_BEFORE_PERSON looks at: its longest word and spaces
# Words that end an organisation's name: "Baltic Automation Group", "Tech Weekly Asia"
ORG_TAIL = set(
    """group labs lab capital school university institute center centre committee bureau council ministry
    department commission association organization organisation company corporation technology technologies
    holdings ltd inc co corp asia europe africa america daily times post news herald weekly review journal
    digest media network networks bank fund foundation agency press tribune courier ledger gazette""".split()
)


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
    parts = token.lower().split("-")
    return not any(part in NOT_NAME for part in parts) and not is_title(token) and not WORD_ENDING.search(token)


# Endings of English adjectives and abstract nouns ("Scientific", "Achievements"), not of names
WORD_ENDING = re.compile(r"(?:ments?|tions?|ness|ities|ity|ical|ific)$")


def is_title(token: str) -> bool:
    """"Minister", "Vice-Premier", "Dr", "Prof." """
    return all(part in TITLES or part.rstrip(".") in TITLES for part in token.lower().split("-"))


def person_names(text: str, lowercase_words: set[str]) -> list[tuple[str, str, int]]:
    """(name, title, offset) for each run of 2-3 name-like capitalised words in text.

    A run is cut at words that cannot be names; a word that the article also uses in
    lower case ("Shared", "Future") is an ordinary word in Title Case, not a name.
    """
    found = []
    for run in NAME_RUN.finditer(text):
        if NOT_BEFORE_PERSON.search(text, max(0, run.start() - BEFORE_WINDOW), run.start()):
            continue  # "in Kuala Lumpur", "drone maker Skylark Robotics", "the Pearl River Digest"
        words = [(m.group(), run.start() + m.start()) for m in re.finditer(r"\S+", run.group())]
        titles, names = split_title([w for w, _ in words])
        words = words[len(words) - len(names):]
        for group, next_word in _name_groups(words, lowercase_words):
            if 2 <= len(group) <= 4 and (next_word or "").lower() not in ORG_TAIL:
                found.append((" ".join(w for w, _ in group), " ".join(titles), group[0][1]))
    return found


def _name_groups(words, lowercase_words):
    """Runs of name-like words, each with the word that ends it ("Baltic Automation" + "Group")."""
    groups, current = [], []
    for word, offset in words:
        if (re.fullmatch(PARTICLES, word) and current) or (is_name_token(word) and word.lower() not in lowercase_words):
            current.append((word, offset))
            continue
        if current:
            groups.append((current, word))
        current = []
    if current:
        groups.append((current, None))
    return groups


def lowercase_vocabulary(paragraphs: tuple[str, ...] | list[str]) -> set[str]:
    return {word for p in paragraphs for word in re.findall(r"\b[a-z][a-z-]+\b", p)}
