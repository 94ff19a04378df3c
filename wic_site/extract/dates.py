"""The article's publication date and its publication (outlet), from header lines and notices."""

from __future__ import annotations

import re
from ..clean import BREADCRUMB, is_chrome
from ..text.dates import DATE_FORMS, DATE_IN_LINE, find_date

SOURCE = re.compile(
    r"(?<![A-Za-z])Source(?:\(s\))?\s*:\s*(?P<name>.+?)"
    r"(?:\s{2,}|\s*\||\s+(?:Published|Updated|Posted|Editor|Author|By)\b|\s+\d|$)"
)
REFERENCE_TO = re.compile(r"reference to (?:the )?(?P<name>[A-Z][\w.&' -]+?)(?:\s+website)?[.,;]")
COPYRIGHT_OF = re.compile(
    r"(?:Copyright|©)\s*(?:©\s*)?(?:\d{4}(?:\s*-\s*\d{4})?\s*)?(?:by\s+)?(?P<name>[A-Z][\w.&' -]+?)\s*(?:[.,;]|$)"
)
BY_DESK = re.compile(r"\bBy the (?P<name>[A-Z][\w.&' -]+?) (?:[a-z]+ )?desk\b")
SECTION_WORDS = {"live", "home", "news", "technology", "tech", "opinion", "opinions", "world", "business", "china", "politics",
                 "sci-tech", "internet", "search", "menu", "english"}
DOMAIN = re.compile(r"\b[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)+\b")
# "WUZHEN, Nov. 8 (Xinhua) --", "WUZHEN, China (Reuters) -"
WIRE = re.compile(r"^[A-Z][A-Z .]+(?:,\s*[A-Z][\w .]*?)?\s*\((?P<name>[A-Z][\w ]+)\)\s*[-\u2013\u2014]")
CORPORATE = re.compile(r"\b(?:Holdings|Ltd|Limited|Inc|Corporation|Corp|Group|Co)\b\.?\s*$")
WIRE_SLASH = re.compile(r"/(?P<name>[A-Z][\w-]+)/\s*(?:--|[-\u2013\u2014])")  # "... 2023 /PRNewswire/ --"
WIRE_NO_PLACE = re.compile(r"^\((?P<name>[A-Z][\w' .]+)\)\s*(?:--|[-\u2013\u2014])")  # "(ECNS) -- ..."
OUTLET_AFTER_DATE = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?\s+(?P<name>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s+(?:Editor|Source|By)\b"
)
# "Updated: Dec 17,2015 09:30 AM   Example Daily": the outlet set apart after the time
OUTLET_AFTER_TIME = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s{2,}|\s*\|\s*)(?!(?:By|Updated|Published|Posted|Editor|Source|Reporter|Writer)\b)(?P<name>[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3})\s*$"
)
OUTLET_FIRST = re.compile(r"^\((?P<name>[A-Z][\w' .]+)\)\s")  # "(People's Daily Online) 14:08, ..."
PRINT_EDITION = re.compile(r"appeared in (?:the )?(?P<name>[A-Z][\w.&' -]+?) print edition")
BYLINE_WORDS = re.compile(r"^(?:By|Updated|Published|Posted|Source|Staff|Reporter|Correspondent|Writer|Editor)\b", re.I)


DATELINE_WORDS = 5  # a date with this few other words on its line is a dateline, wherever it stands


def find_publication_date(header_lines: tuple[str, ...], dropped: tuple[str, ...]) -> str | None:
    """The date of the header, else of a date line cleaning set aside ("Updated 21:27,
    10-Nov-2018" at the foot of a page; not a related story's headline with a date in it)."""
    datelines = [line for line in dropped if len(DATE_IN_LINE.sub(" ", line).split()) <= DATELINE_WORDS
                 and DATE_IN_LINE.search(line) and not line.rstrip().endswith(".")]
    return find_date(header_lines) or find_date(datelines)


def find_publication(header_lines: tuple[str, ...], dropped: tuple[str, ...], leads: tuple[str, ...]) -> str | None:
    """The outlet the text names: a Source: line, a byline's outlet, a dateline, a notice."""
    for line in header_lines:
        found = (_source_line(line) or _byline_outlet(line) or _outlet_before_date(line) or _outlet_first(line)
                 or _outlet_after_date(line))
        if found:
            return found
    company = None  # "Singapore Press Holdings Ltd" owns the paper; its masthead names it better
    for line in (*header_lines, *dropped):
        for pattern in (REFERENCE_TO, COPYRIGHT_OF, PRINT_EDITION, BY_DESK):
            match = pattern.search(line)
            if match and CORPORATE.search(match.group("name")):
                company = company or match.group("name").strip()
            elif match:
                return match.group("name").strip()
    masthead = _masthead(dropped[:2])
    if masthead:
        return masthead
    for lead in leads:
        wire = WIRE.match(lead) or WIRE_NO_PLACE.match(lead) or WIRE_SLASH.search(lead[:200])
        if wire and not _is_place(wire.group("name").strip(), leads):
            return wire.group("name").strip()
    return company


def _is_place(name: str, texts: tuple[str, ...]) -> bool:
    """"WUZHEN (Zhejiang) -" names a province, not an agency."""
    place = re.compile(rf"\b{re.escape(name)}\s+(?:Province|province|city|City)\b|\bin\s+{re.escape(name)}\b")
    return any(place.search(text) for text in texts)


def _outlet_after_date(line: str) -> str | None:
    """'2024-11-22 16:31:42 ECNS Editor : Wang Shuying' -> 'ECNS'."""
    match = OUTLET_AFTER_DATE.search(line) or OUTLET_AFTER_TIME.search(line)
    return match.group("name") if match else None


def _masthead(lines: tuple[str, ...]) -> str | None:
    """A site's name standing alone at the top: "The Thames Courier", "HARBOUR TIMES | Technology"."""
    for before, line in zip(("",) + lines, lines):
        name = line.split("|")[0].strip()
        words = name.split()
        widget = is_chrome(line) and not BREADCRUMB.match(line)  # "HARBOUR TIMES | Technology" is a masthead
        if widget or before.lower().endswith("provided by"):  # a press release's issuer
            continue
        if (1 <= len(words) <= 5 and not re.search(r"[>/»:.!?@]|\d|\bby$", name) and any(c.isalpha() for c in name)
                and name.isascii() and not all(w.lower() in SECTION_WORDS for w in words)):
            return name.title() if name.isupper() else name
    return None


def _outlet_first(line: str) -> str | None:
    match = OUTLET_FIRST.match(line)
    return match.group("name").strip() if match else None


def _source_line(line: str) -> str | None:
    match = SOURCE.search(line)
    return match.group("name").strip() if match else None


def _byline_outlet(line: str) -> str | None:
    """'By Chen Yingqun | China Daily Europe | Updated: ...' -> 'China Daily Europe'."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) < 2:
        return None
    for part in parts:
        if part and not BYLINE_WORDS.match(part) and not find_date([part]):
            return part
    return None


def _outlet_before_date(line: str) -> str | None:
    """'... China.org.cn, November 27, 2016' -> 'China.org.cn'."""
    for form in DATE_FORMS:
        match = form.search(line)
        if match:
            before = line[:match.start()].rstrip(" ,")
            domains = DOMAIN.findall(before)
            return domains[-1] if domains else None
    return None
