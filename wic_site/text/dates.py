"""The date grammar: every written form of a calendar date that news pages use."""

from __future__ import annotations

import re
from datetime import date

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?"
)
DATE_IN_LINE = re.compile(
    rf"(?:\b\d{{4}}[-/]\d{{1,2}}[-/]\d{{1,2}}|\b\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}|"
    rf"\d{{4}}\s*\u5e74\s*\d{{1,2}}\s*\u6708\s*\d{{1,2}}\s*\u65e5|\b"
    rf"(?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}[\s-](?:{MONTHS}),?[\s-]\d{{4}})"
)
MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DATE_FORMS = [  # (pattern, group order) – each yields year, month, day
    re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?!\d)"),
    re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})[\s-]{MONTH},?[\s-](?P<year>\d{{4}})\b"),
    re.compile(r"(?P<year>\d{4})\s*\u5e74\s*(?P<month>\d{1,2})\s*\u6708\s*(?P<day>\d{1,2})\s*\u65e5"),  # 2014年11月19日
]

def find_date(lines: tuple[str, ...] | list[str]) -> str | None:
    """The first valid calendar date in the lines, as YYYY-MM-DD."""
    for line in lines:
        for form in DATE_FORMS:
            for match in form.finditer(line):
                found = _to_date(match)
                if found:
                    return found.isoformat()
    return None


def _to_date(match: re.Match) -> date | None:
    month = match.group("month")
    month_number = int(month) if month.isdigit() else MONTH_NUMBERS.get(month.lower().rstrip("."))
    try:
        return date(int(match.group("year")), month_number or 0, int(match.group("day")))
    except ValueError:
        return None
