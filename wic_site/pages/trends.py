"""The trends page: a topic × year chart drawn at build time, and the statistic claims as a table."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ..models import ClaimRecord, Figure
from .core import STATS_SIZE, Cell, Column, Index, Page, Pager, Table, pager_for, shorten, url_for

LABEL_WIDTH, CELL_WIDTH, CELL_HEIGHT, HEAD_HEIGHT = 210, 52, 26, 30
LEVELS = 4  # shades of the heat map besides "none"


@dataclass(frozen=True)
class ChartCell:
    x: int
    text_x: int
    count: int
    level: int  # 0 = none, 1..LEVELS = darker with more passages


@dataclass(frozen=True)
class ChartRow:
    y: int
    text_y: int
    label: str
    cells: tuple[ChartCell, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_x: int  # right edge of the topic labels
    cell_width: int
    cell_height: int
    columns: tuple[tuple[int, str], ...]  # (x centre, year)
    rows: tuple[ChartRow, ...]
    table: Table  # the same numbers for screen readers and for reading exact values


@dataclass(frozen=True)
class TrendsPage:
    heading: str
    chart: Chart | None  # None when no article has both a year and a topic
    statistics: Table
    pager: Pager | None


def trends_pages(ix: Index) -> list[Page]:
    chart = topic_year_chart(ix)
    stats = sorted(((f, c) for c in ix.records.claims for f in c.figures), key=_stat_order)
    total = max(1, math.ceil(len(stats) / STATS_SIZE))
    pages = []
    for n in range(1, total + 1):
        if not ix.mine(n - 1):
            continue
        rows = stats[(n - 1) * STATS_SIZE:n * STATS_SIZE]
        context = TrendsPage("Trends", chart if n == 1 else None, _stat_table(ix, rows), pager_for("trends", None, n, total))
        title = "Trends" if n == 1 else f"Trends (statistics page {n} of {total})"
        pages.append(Page(url_for("trends", page=n), "trends.html", title, "trends", context))
    return pages


def topic_year_chart(ix: Index) -> Chart | None:
    counts: Counter[tuple[str, int]] = Counter()
    for article in ix.records.articles:
        if article.year is not None:
            for topics in article.paragraph_topics:
                counts.update((t, article.year) for t in topics)
    years = sorted({y for _, y in counts})
    topics = sorted({t for t, _ in counts}, key=lambda t: ix.topic_names.get(t, t))
    if not counts:
        return None
    peak = max(counts.values())
    rows = tuple(
        ChartRow(HEAD_HEIGHT + r * CELL_HEIGHT, HEAD_HEIGHT + r * CELL_HEIGHT + CELL_HEIGHT // 2 + 5,
                 shorten(ix.topic_names.get(t, t), 30), tuple(
            ChartCell(LABEL_WIDTH + c * CELL_WIDTH, LABEL_WIDTH + c * CELL_WIDTH + CELL_WIDTH // 2, counts[t, y],
                      math.ceil(LEVELS * counts[t, y] / peak))
            for c, y in enumerate(years)))
        for r, t in enumerate(topics)
    )
    columns = tuple((LABEL_WIDTH + c * CELL_WIDTH + CELL_WIDTH // 2, str(y)) for c, y in enumerate(years))
    table = Table(
        "Paragraphs on each topic, by conference year",
        (Column("Topic"), *(Column(str(y), numeric=True) for y in years)),
        tuple((Cell(ix.topic_names.get(t, t), url_for("topic", t)),
               *(Cell(str(counts[t, y]), numeric=True) for y in years)) for t in topics),
    )
    return Chart(LABEL_WIDTH + len(years) * CELL_WIDTH, HEAD_HEIGHT + len(topics) * CELL_HEIGHT, LABEL_WIDTH - 8,
                 CELL_WIDTH - 2, CELL_HEIGHT - 2, columns, rows, table)


def _stat_order(row: tuple[Figure, ClaimRecord]) -> tuple[str, int, str, int, int]:
    figure, claim = row
    return ((figure.counts or "").lower(), claim.year or 0, claim.article, claim.paragraph, claim.start)


def _stat_table(ix: Index, rows: list[tuple[Figure, ClaimRecord]]) -> Table:
    columns = (Column("Figure"), Column("Unit"), Column("What it counts"), Column("Who"),
               Column("Source"), Column("Year", numeric=True))
    cells = []
    for figure, claim in rows:
        speaker = ix.speaker_link(claim.speaker)
        value = f"{figure.qualifier} {figure.value}" if figure.qualifier else figure.value
        cells.append((
            Cell(value), Cell(figure.unit), Cell(figure.counts or shorten(claim.text, 80)),
            Cell(speaker.text, speaker.url) if speaker else Cell(figure.source or "—"),
            Cell(ix.articles[claim.article].title, url_for("article", claim.article, fragment=claim.anchor)),
            Cell(str(claim.year) if claim.year is not None else "—", numeric=True),
        ))
    return Table("Figures reported in the articles, grouped by what they count", columns, tuple(cells))
