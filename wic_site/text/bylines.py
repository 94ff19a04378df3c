"""The byline grammar: lines that name who wrote or photographed an article, and the
names they list. Markers are data (wic_site/data/bylines.yaml)."""

from __future__ import annotations

import re

from .data import load_data
from .dates import DATE_IN_LINE
from .names import PARTICLES, is_name_token

_DATA = load_data("bylines")


def _alternation(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


def _marked(markers: list[str]) -> re.Pattern:
    """A marker at the start of a line, a bracket, a clause or a sentence, then the names."""
    return re.compile(rf"(?:^|[\[(;]|[.!?]\s+|\|\s*)\s*(?:{_alternation(markers)})\s*[:/]?\s+(?P<names>[^\]\)|;]+)", re.I)


AUTHOR_MARKED = _marked(_DATA["author_markers"])
CREDIT_MARKED = _marked(_DATA["credit_markers"])
_REPORTER = _alternation(_DATA["reporter_words"])
_NAME = r"[A-Z][\w'-]+(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'-]+){1,3}"
# "Grace Lee is a senior correspondent for Example Weekly." "Example TV's Bo Tran reports from Wuzhen."
AUTHOR_BIO = re.compile(rf"^(?P<names>{_NAME}) is an? (?:[a-z-]+\s+){{0,2}}(?:{_REPORTER})\b(?: (?:for|at|with) [^.]+)?\.?$")
REPORTS = re.compile(rf"(?:^|[.!?]\s+)(?:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*'s\s+)?(?:(?:[a-z]+\s+)?(?:{_REPORTER})\s+)?"
                     rf"(?P<names>{_NAME}) reports(?:\s+from\s+[A-Z][\w ]*)?\.\s*$")
CONTRIBUTED = re.compile(
    rf"(?:^|[.!?]\s+)(?P<names>[A-Z][^.!?]{{2,150}}?)\s+(?:also\s+)?(?:{_alternation(_DATA['contributed'])})"
    rf"(?:\s+(?:from|in)\s+[A-Z][\w ]*)?\s*(?:[.)]|$)")
# "... on Dec 16. Wu Zhiyi / China Daily", "(Xinhua/Li Xin)"
SLASH_CREDIT = re.compile(r"(?:^|[.!?]\s+)(?P<names>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\s*/\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}\s*$"
                          r"|\([A-Z][\w' .]+/(?P<after>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\)\s*$")
NAME_WORD = re.compile(r"(?:[A-Z][a-z]+|[A-Z]{2,}|[A-Z]\.)(?:-[A-Za-z][a-z]+)?(?:'[a-z]+)?")
LIST_END = re.compile(rf"\s+-\s+|\s*[\u2013\u2014(]\s*|\s*/|\s*\d|\s+[A-Z]\w*\s*:|{DATE_IN_LINE.pattern}")
PLACE = re.compile(r"\s+(?:in|at|for|from|with|on)\s+.*$")  # "Ann Lee in Wuzhen" -> "Ann Lee"
LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
SEGMENT_SPLIT = re.compile(r"\s*\|\s*|\s{2,}|\t")


def byline_names(line: str) -> list[str]:
    """Authors in a header line: after a marker ("By ...", "Reporter: ..."), or a segment that
    is nothing but names ("2018-11-09 Source: Example Daily   Ann Lee and Bo Tran")."""
    names = author_names(line)
    for segment in SEGMENT_SPLIT.split(line.strip()):
        if not AUTHOR_MARKED.search(segment) and not CREDIT_MARKED.search(segment) and ":" not in segment:
            names += names_in(segment, whole=True)
    return names


def author_names(line: str) -> list[str]:
    """Authors a line set apart from the body gives: marked ones ("By ...", "Reporting by ..."),
    and those a paragraph could give."""
    names = [name for m in AUTHOR_MARKED.finditer(line) for name in names_in(m.group("names"))]
    return names + paragraph_author_names(line, closing=True)


def paragraph_author_names(paragraph: str, closing: bool) -> list[str]:
    """Authors inside the body: "X and Y contributed to this story", "Outlet's X reports.", and
    in the closing paragraphs a reporter's bio ("X is a senior correspondent for Y.")."""
    patterns = [pattern for pattern, word in ((CONTRIBUTED, "contributed"), (REPORTS, " reports")) if word in paragraph]
    if closing:
        patterns.append(AUTHOR_BIO)
    names = [name for pattern in patterns for m in pattern.finditer(paragraph) for name in names_in(m.group("names"))]
    if closing:  # "Text: Ann Lee" closing a post; every listed part must be a name ("By then, Ann Lee..." is not)
        names += [name for m in AUTHOR_MARKED.finditer(paragraph) for name in names_in(m.group("names"), whole=True)]
    return names


def credit_names(line: str) -> list[str]:
    """Photographers and illustrators a line credits: "[Photo by Li Wen/...]", "... Li Wen / Outlet"."""
    names = [name for m in CREDIT_MARKED.finditer(line) for name in names_in(m.group("names"))]
    slash = SLASH_CREDIT.search(line)
    if slash:
        names += names_in(slash.group("names") or slash.group("after"))
    return names


def is_byline(line: str) -> bool:
    """A short line that only names who wrote the article: "By Ann Lee", "Reporter: Bo Tran"."""
    match = AUTHOR_MARKED.match(line.strip())
    return bool(match) and len(line.split()) <= 12 and bool(names_in(match.group("names")))


def names_in(text: str, whole: bool = False) -> list[str]:
    """The people a list names ("Ma Si in Wuzhen and Li Wen in Beijing"); with whole, every
    part of the text must be a name, or none is taken."""
    cut = None if whole else LIST_END.search(text)
    listed = text[:cut.start()] if cut else text
    parts = [PLACE.sub("", part).strip(" .,:") for part in LIST_SPLIT.split(listed.strip())]
    names = [_person(part) for part in parts if part]
    if whole and (not names or not all(names)):
        return []
    return [name for name in names if name]


def _person(text: str) -> str | None:
    words = text.split()
    if not 2 <= len(words) <= 4:
        return None
    for word in words:
        if re.fullmatch(PARTICLES, word):
            continue
        if not NAME_WORD.fullmatch(word) or not is_name_token(word.title() if word.isupper() else word):
            return None
    return " ".join(word.title() if word.isupper() and len(word) > 1 else word for word in words)
