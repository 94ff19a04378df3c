"""`wic-site build --report`: one row per article, to check extraction at a glance."""

from __future__ import annotations

from collections import Counter

COLUMNS = ("file", "year", "date", "publication", "theme", "speakers", "claims")


def report_rows(report) -> list[tuple[str, ...]]:
    claims = Counter(c.article for c in report.records.claims)
    return [
        (a.source_file, str(a.year or "-"), a.date or "-", a.publication or "-", "set" if a.theme else "-",
         str(len(a.speakers)), str(claims[a.id]))
        for a in sorted(report.records.articles, key=lambda a: a.source_file)
    ]


def format_report(report) -> str:
    rows = [COLUMNS, *report_rows(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
