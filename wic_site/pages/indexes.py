"""The index tables: all articles and all speakers (one static address per sort order, paged),
and all conference years. They work without JavaScript: a sort is a link to another page."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..models import ArticleRecord, SpeakerRecord
from .core import (
    TABLE_SIZE, Cell, Column, Index, Page, Pager, Table, newest_first, ordinal, pager_for, url_for, when_label,
)


@dataclass(frozen=True)
class TablePage:
    heading: str
    intro: str
    table: Table
    pager: Pager | None


@dataclass(frozen=True)
class Sort:
    label: str  # the column it sorts, and how the page title names the order
    order: Callable[[Sequence[Any]], list[Any]]
    direction: str  # aria-sort value


@dataclass(frozen=True)
class SortedTable:
    """A table with one address per sort order: url kind, columns and rows. The first sort is the default."""

    kind: str
    heading: str
    intro: str
    sorts: dict[str, Sort]
    columns: tuple[tuple[str, str | None, bool], ...]  # (label, sort id or None, numeric)
    row: Callable[[Any], tuple[Cell, ...]]


def sorted_table_pages(ix: Index, table: SortedTable, items: Sequence[Any]) -> list[Page]:
    total = max(1, math.ceil(len(items) / TABLE_SIZE))
    pages = []
    for s_index, (sort_id, sort) in enumerate(table.sorts.items()):
        ordered = sort.order(items)
        columns = tuple(
            Column(label, "" if other in (None, sort_id) else url_for(table.kind, other),
                   sort.direction if other == sort_id else "", numeric)
            for label, other, numeric in table.columns
        )
        for n in range(1, total + 1):
            if not ix.mine(s_index * total + n):
                continue
            rows = tuple(table.row(item) for item in ordered[(n - 1) * TABLE_SIZE:n * TABLE_SIZE])
            default = s_index == 0 and n == 1
            title = table.heading if default else f"{table.heading} by {sort.label.lower()}, page {n} of {total}"
            context = TablePage(table.heading, table.intro,
                                Table(f"{table.heading}, sorted by {sort.label.lower()}", columns, rows),
                                pager_for(table.kind, sort_id, n, total))
            pages.append(Page(url_for(table.kind, sort_id, page=n), "table.html", title, table.kind, context,
                              description=f"{table.intro} Sorted by {sort.label.lower()}."))
    return pages


# ---------------------------------------------------------------- speakers


SPEAKER_SORTS = {
    "name": Sort("Name", lambda xs: sorted(xs, key=lambda s: (s.name.lower(), s.id)), "ascending"),
    "claims": Sort("Claims", lambda xs: sorted(xs, key=lambda s: (-s.claims, s.name.lower(), s.id)), "descending"),
    "years": Sort("Years", lambda xs: sorted(
        xs, key=lambda s: (-max(s.years, default=0), -len(s.years), s.name.lower(), s.id)), "descending"),
}


def speaker_table_pages(ix: Index) -> list[Page]:
    speakers = ix.records.speakers
    table = SortedTable(
        "speakers", "Speakers", f"{len(speakers)} people quoted or named as speakers.", SPEAKER_SORTS,
        (("Name", "name", False), ("Claims", "claims", True), ("Years", "years", True), ("Articles", None, True)),
        _speaker_row,
    )
    return sorted_table_pages(ix, table, speakers)


def _speaker_row(s: SpeakerRecord) -> tuple[Cell, ...]:
    return (Cell(s.name, url_for("speaker", s.id)), Cell(str(s.claims), numeric=True),
            Cell(", ".join(str(y) for y in sorted(s.years)) or "—", numeric=True),
            Cell(str(len(s.articles)), numeric=True))


# ---------------------------------------------------------------- articles


def _newest(articles: Sequence[ArticleRecord]) -> list[ArticleRecord]:
    return sorted(articles, key=newest_first, reverse=True)


ARTICLE_SORTS = {
    "date": Sort("Date", _newest, "descending"),
    # stable sorts: within an outlet or a year, newest first
    "outlet": Sort("Outlet", lambda xs: sorted(
        _newest(xs), key=lambda a: (a.publication is None, (a.publication or "").lower())), "ascending"),
    "year": Sort("Year", lambda xs: sorted(_newest(xs), key=lambda a: (a.year is None, -(a.year or 0))), "descending"),
}


def article_table_pages(ix: Index) -> list[Page]:
    articles = ix.records.articles
    table = SortedTable(
        "articles", "Articles",
        f"{len(articles)} news articles. An article with no stated date is placed by its conference year.",
        ARTICLE_SORTS,
        (("Title", None, False), ("Date", "date", False), ("Outlet", "outlet", False), ("Year", "year", True)),
        _article_row,
    )
    return sorted_table_pages(ix, table, articles)


def _article_row(a: ArticleRecord) -> tuple[Cell, ...]:
    year = Cell(str(a.year), url_for("year", a.year), numeric=True) if a.year is not None else Cell("—", numeric=True)
    return (Cell(a.title, url_for("article", a.id)), Cell(when_label(a)), Cell(a.publication or "—"), year)


# ---------------------------------------------------------------- years


def year_table(ix: Index, caption: str) -> Table:
    return Table(
        caption,
        (Column("Year"), Column("Edition"), Column("Theme"), Column("Articles", numeric=True),
         Column("Speakers", numeric=True)),
        tuple((Cell(str(y.year), url_for("year", y.year)), Cell(ordinal(y.edition) if y.edition else "—"),
               Cell("; ".join(y.themes) or "—"), Cell(str(len(y.articles)), numeric=True),
               Cell(str(len(y.speakers)), numeric=True))
              for y in sorted(ix.records.years, key=lambda y: y.year)),
    )


def year_table_page(ix: Index) -> Page:
    """One row per conference year: a table that grows by one row a year, so it is never paged."""
    undated = sum(a.year is None for a in ix.records.articles)
    intro = "Every conference year in the corpus, with its edition, theme and how much was reported."
    if undated:
        intro += f" {undated} article{'s' if undated != 1 else ''} could not be placed in a year."
    context = TablePage("Years", intro, year_table(ix, "The conferences by year"), None)
    return Page(url_for("years"), "table.html", "Years", "years", context,
                description="Every World Internet Conference year: edition, theme, articles and speakers.")
