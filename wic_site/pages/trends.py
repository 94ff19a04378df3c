"""The trends page: topics by year as shares of each year's paragraphs (so a year with more
coverage does not look more interested), and the reported figures grouped by what they count."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote

from .core import STATS_SIZE, Index, Page, Pager, Table, pager_for, url_for
from .figures import figure_group_table, figure_groups, figure_pages

FEW_ARTICLES = 3  # a year reported by fewer articles is flagged: its shares rest on too little text
LEVELS = 4  # colour steps of the heat map besides "none"


@dataclass(frozen=True)
class HeatYear:
    year: int
    articles: str  # "3 articles"
    few: bool  # fewer than FEW_ARTICLES articles


@dataclass(frozen=True)
class HeatCell:
    text: str  # the share as a percentage, "—" when no paragraph touches the topic
    url: str  # the passages behind the cell: a search for that topic in that year
    level: int  # 0 = none, 1..LEVELS = a larger share, drawn with more contrast to the page


@dataclass(frozen=True)
class HeatRow:
    topic: str
    topic_url: str
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class HeatMap:
    years: tuple[HeatYear, ...]
    rows: tuple[HeatRow, ...]
    legend: tuple[tuple[int, str], ...]  # (level, range of shares it stands for)
    any_few: bool  # whether the note on thinly reported years is needed
    few_articles: int = FEW_ARTICLES


@dataclass(frozen=True)
class TrendsPage:
    heading: str
    heat: HeatMap | None  # None on later pages, and when no article has both a year and a topic
    figures: Table
    figure_count: int
    pager: Pager | None


def trends_pages(ix: Index) -> list[Page]:
    groups = ix.once(figure_groups)
    total = max(1, math.ceil(len(groups) / STATS_SIZE))
    count = sum(len(g.figures) for g in groups)
    pages = []
    for n in range(1, total + 1):
        if not ix.mine(n - 1):
            continue
        table = figure_group_table(ix, groups[(n - 1) * STATS_SIZE:n * STATS_SIZE])
        context = TrendsPage("Trends", topic_year_heat(ix) if n == 1 else None, table, count,
                             pager_for("trends", None, n, total))
        title = "Trends" if n == 1 else f"Trends (reported figures, page {n} of {total})"
        pages.append(Page(url_for("trends", page=n), "trends.html", title, "trends", context,
                          description="Topics by conference year as shares of each year's paragraphs, and the "
                                      "figures the articles report, grouped by what they count."))
    return pages + figure_pages(ix, groups)


def topic_year_heat(ix: Index) -> HeatMap | None:
    on_topic: Counter[tuple[str, int]] = Counter()
    paragraphs: Counter[int] = Counter()
    articles: Counter[int] = Counter()
    for article in ix.records.articles:
        if article.year is None:
            continue
        articles[article.year] += 1
        paragraphs[article.year] += len(article.paragraphs)
        for topics in article.paragraph_topics:
            on_topic.update((t, article.year) for t in set(topics))
    if not on_topic:
        return None
    years = sorted(articles)
    share = {key: n / paragraphs[key[1]] for key, n in on_topic.items()}
    peak = max(share.values())
    topics = sorted({t for t, _ in on_topic}, key=lambda t: ix.topic_names.get(t, t).lower())
    rows = tuple(
        HeatRow(ix.topic_names.get(t, t), url_for("topic", t),
                tuple(_heat_cell(t, y, share.get((t, y), 0.0), peak) for y in years))
        for t in topics
    )
    heat_years = tuple(HeatYear(y, f"{articles[y]} article{'s' if articles[y] != 1 else ''}", articles[y] < FEW_ARTICLES)
                       for y in years)
    legend = tuple((k, f"{_percent(peak * (k - 1) / LEVELS)}–{_percent(peak * k / LEVELS)}") for k in range(1, LEVELS + 1))
    return HeatMap(heat_years, rows, legend, any(y.few for y in heat_years))


def passages_url(topic: str, year: int) -> str:
    """The search that lists the paragraphs behind one cell: that topic in that year."""
    return url_for("search") + "?q=" + quote(f"topic:{topic} year:{year}")


def _heat_cell(topic: str, year: int, share: float, peak: float) -> HeatCell:
    if not share:
        return HeatCell("—", "", 0)
    return HeatCell(_percent(share), passages_url(topic, year), max(1, math.ceil(LEVELS * share / peak)))


def _percent(share: float) -> str:
    return f"{round(100 * share)}%" if share >= 0.01 or not share else "<1%"
