"""The date grammar: every written form of a calendar date that news pages use.

One grammar serves cleaning (is this line a dateline?) and extraction (which date is it?):
DATE_IN_LINE is DATE_FORMS joined, with the group names taken out. Month names
are data (wic_site/data/dates.yaml).
"""

from __future__ import annotations

import re
from datetime import date

from .data import load_data


_DATA = load_data("dates")
MONTH_NUMBERS = {name: int(number) for number, names in _DATA["months"].items() for name in names}
_NAMES = sorted(MONTH_NUMBERS, key=len, reverse=True)
# "Nov" or "NOV", not "nov": a lower-case "may" is a verb far more often than a month. The
# patterns open with a digit or a letter, not a lookbehind, so the regex engine can skip ahead
# fast; "not after a digit" is checked once the first character is in.
_MONTH_NAME = rf"(?P<month>{'|'.join([n.capitalize() for n in _NAMES] + [n.upper() for n in _NAMES])})\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_NUMBER = r"(?P<year>(?:19|20)(?<!\d\d\d)\d\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_COMMA = r"(?:\s*,\s*|\s+)"  # "21, 2014", "21,2014" and "21 2014"
_FORM_TEXTS = [
    rf"{_YEAR_NUMBER}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?!\d)",  # 2016-11-18, run on or not
    rf"(?P<day>\d(?<![\d.]\d)\d?)\.(?P<month>\d{{1,2}})\.{_YEAR}",  # 18.11.2016
    rf"(?P<first>\d(?<![\d/-]\d)\d?)[/-](?P<second>\d{{1,2}})[/-]{_YEAR}",  # 11/18/2016, 18/11/2016, 11-18-2016
    rf"{_MONTH_NAME}\s*{_DAY}(?!\d){_COMMA}{_YEAR}",  # Nov. 18, 2016; Nov 21,2014; November 18th 2016
    rf"(?P<day>\d(?<!\d\d)\d?)(?:st|nd|rd|th)?(?:\s+|-)(?:of\s+)?{_MONTH_NAME}(?:\s*,\s*|\s+|-){_YEAR}",  # 09 December, 2015
    rf"{_YEAR_NUMBER}\s*\u5e74\s*(?P<month>\d{{1,2}})\s*\u6708\s*(?P<day>\d{{1,2}})\s*\u65e5",  # 2014年11月19日
]
DATE_FORMS = [re.compile(text) for text in _FORM_TEXTS]
DATE_IN_LINE = re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', text)})" for text in _FORM_TEXTS))


def find_date(lines: tuple[str, ...] | list[str]) -> str | None:
    """The first valid calendar date in the lines, as YYYY-MM-DD."""
    for line in lines:
        for found, _ in dates_in(line):
            return found.isoformat()
    return None


def dates_in(text: str) -> list[tuple[date, tuple[int, int]]]:
    """Every valid calendar date in the text with its span, in reading order."""
    found = {}
    for form in DATE_FORMS:
        for match in form.finditer(text):
            value = _to_date(match)
            if value and not any(s <= match.start() < e for s, e in found):
                found[match.span()] = value
    return [(value, span) for span, value in sorted(found.items())]


def _to_date(match: re.Match) -> date | None:
    groups = match.groupdict()
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        month, day = (second, first) if first > 12 else (first, second)  # month first unless it cannot be
    else:
        month = groups["month"]
        month = int(month) if month.isdigit() else MONTH_NUMBERS.get(month.lower())
        day = int(groups["day"])
    try:
        return date(int(groups["year"]), month or 0, day)
    except ValueError:
        return None
