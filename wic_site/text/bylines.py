"""The byline grammar: lines that name who wrote or photographed an article, and the
names they list. Markers are data (wic_site/data/bylines.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .dates import DATE_IN_LINE
from .names import PARTICLES, is_name_token

_DATA = yaml.safe_load((Path(__file__).resolve().parent.parent / "data" / "bylines.yaml").read_text(encoding="utf-8"))
_MARKERS = "|".join(sorted((re.escape(m).replace(r"\ ", r"\s+") for m in _DATA["markers"]), key=len, reverse=True))
# a marker at the start of a line, or of a bracket or a sentence: "By Ma Si", "[Photo by Li Wen/...]"
MARKED = re.compile(rf"(?:^|[\[(]|[.!?]\s+|\|\s*)\s*(?:{_MARKERS})\s*[:/]?\s+(?P<names>[^\]\)|;]+)", re.I)
CONTRIBUTED = re.compile(
    rf"(?:^|[.!?]\s+)(?P<names>[A-Z][^.!?]{{2,150}}?)\s+(?:also\s+)?(?:{'|'.join(re.escape(c) for c in _DATA['contributed'])})\s*(?:[.)]|$)")
# "... on Dec 16. Wu Zhiyi / China Daily", "(Xinhua/Li Xin)"
SLASH_CREDIT = re.compile(r"(?:^|[.!?]\s+)(?P<names>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\s*/\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}\s*$"
                          r"|\([A-Z][\w' .]+/(?P<after>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\)\s*$")
NAME_WORD = re.compile(r"(?:[A-Z][a-z]+|[A-Z]{2,}|[A-Z]\.)(?:-[A-Za-z][a-z]+)?(?:'[a-z]+)?")
LIST_END = re.compile(rf"\s+(?:in|at|for|from|with|on)\s+|\s+-\s+|\s*[\u2013\u2014(]\s*|\s*/|\s*\d|{DATE_IN_LINE.pattern}")
LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
PLACE_AFTER = re.compile(r"\s+in\s+[A-Z][\w ]*$")
SEGMENT_SPLIT = re.compile(r"\s*\|\s*|\s{2,}|\t")


def byline_names(line: str) -> list[str]:
    """Names in a header line: after a marker ("By ...", "Reporter: ..."), or a segment that is
    nothing but names ("2018-11-09 Source: Example Daily   Ann Lee and Bo Tran")."""
    names = credit_names(line)
    for segment in SEGMENT_SPLIT.split(line.strip()):
        if not MARKED.search(segment) and ":" not in segment:
            names += names_in(segment, whole=True)
    return names


def credit_names(line: str) -> list[str]:
    """Names a credit line gives: marked ones, "Name / Outlet" under a photo, contributions."""
    names = [name for m in MARKED.finditer(line) for name in names_in(m.group("names"))]
    slash = SLASH_CREDIT.search(line)
    if slash:
        names += names_in(slash.group("names") or slash.group("after"))
    names += [name for m in CONTRIBUTED.finditer(line) for name in names_in(m.group("names"))]
    return names


def is_byline(line: str) -> bool:
    """A short line that only names who wrote the article: "By Ann Lee", "Reporter: Bo Tran"."""
    match = MARKED.match(line.strip())
    return bool(match) and len(line.split()) <= 12 and bool(names_in(match.group("names")))


def names_in(text: str, whole: bool = False) -> list[str]:
    """The people a list names ("Ma Si, Cheng Yu and Li Wen in Wuzhen"); with whole, every
    part of the text must be a name, or none is taken."""
    if whole:  # a bare name line may say where the reporter is: "Ann Lee in Wuzhen"
        listed = PLACE_AFTER.sub("", text)
    else:
        cut = LIST_END.search(text)
        listed = text[:cut.start()] if cut else text
    parts = [part.strip(" .,:") for part in LIST_SPLIT.split(listed.strip()) if part.strip(" .,:")]
    names = [_person(part) for part in parts]
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
