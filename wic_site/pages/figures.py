"""Reported figures: every figure a claim carries, grouped by what it counts, each group ordered by year.

trends/ lists the groups (paged, so the page stays small however many figures there are); a
group with more than one figure has its own paged page, trends/figures/<group>/.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from ..models import ClaimRecord, Figure
from ..slugs import unique_slug
from .core import (
    STATS_SIZE, Cell, Column, Index, Page, Pager, Table, claim_order, pager_for, url_for, year_label,
)

OTHER = "other figures"  # the group of figures whose count nobody named


@dataclass(frozen=True)
class Reported:
    """One figure and the claim that states it."""

    figure: Figure
    claim: ClaimRecord


@dataclass(frozen=True)
class FigureGroup:
    label: str  # what the figures count
    slug: str  # its page's folder under trends/figures/
    figures: tuple[Reported, ...]  # ordered by year

    @property
    def years(self) -> str:
        years = sorted({r.claim.year for r in self.figures if r.claim.year is not None})
        if not years:
            return "—"
        return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


@dataclass(frozen=True)
class FigurePage:
    heading: str
    intro: str
    table: Table
    pager: Pager | None
    trends_url: str = url_for("trends")


def what_it_counts(figure: Figure) -> str:
    """The group a figure belongs to: what it counts, case and spacing folded."""
    return " ".join((figure.counts or "").casefold().split()) or OTHER


def figure_groups(ix: Index) -> list[FigureGroup]:
    """Largest groups first, then by name; within a group, by year. A group is labelled as its
    first figure (in claim order) spells what it counts."""
    grouped: dict[str, list[Reported]] = defaultdict(list)
    for claim in sorted(ix.records.claims, key=claim_order):
        for figure in claim.figures:
            grouped[what_it_counts(figure)].append(Reported(figure, claim))
    labels = {key: " ".join((rows[0].figure.counts or OTHER).split()) for key, rows in grouped.items()}
    taken: set[str] = set()
    slugs = {key: unique_slug(key, taken, "figures") for key in sorted(grouped)}
    return sorted(
        (FigureGroup(labels[key], slugs[key], tuple(rows)) for key, rows in grouped.items()),
        key=lambda g: (-len(g.figures), g.label.casefold()),
    )


def figure_group_table(ix: Index, groups: list[FigureGroup]) -> Table:
    """One row per group; a group of one links straight to its figure's paragraph."""
    columns = (Column("What it counts"), Column("Figures", numeric=True), Column("Years", numeric=True),
               Column("Latest figure"))
    rows = []
    for group in groups:
        latest = group.figures[-1]
        link = url_for("figures", group.slug) if len(group.figures) > 1 else _source(latest)
        rows.append((Cell(group.label, link), Cell(str(len(group.figures)), numeric=True),
                     Cell(group.years, numeric=True), Cell(_figure_text(latest), _source(latest))))
    return Table("Figures reported in the articles, grouped by what they count", tuple(columns), tuple(rows))


def figure_pages(ix: Index, groups: list[FigureGroup]) -> list[Page]:
    pages = []
    for i, group in enumerate(g for g in groups if len(g.figures) > 1):
        if not ix.mine(i):
            continue
        total = max(1, math.ceil(len(group.figures) / STATS_SIZE))
        for n in range(1, total + 1):
            rows = group.figures[(n - 1) * STATS_SIZE:n * STATS_SIZE]
            heading = f"Reported figures: {group.label}"
            context = FigurePage(heading, f"{len(group.figures)} figures, ordered by year ({group.years}).",
                                 _figure_table(ix, group.label, rows), pager_for("figures", group.slug, n, total))
            title = heading if n == 1 else f"{heading} (page {n} of {total})"
            pages.append(Page(url_for("figures", group.slug, page=n), "figures.html", title, "trends", context))
    return pages


def _figure_table(ix: Index, label: str, reported: tuple[Reported, ...]) -> Table:
    columns = (Column("Year", numeric=True), Column("Figure"), Column("Unit"), Column("Who"), Column("Source"))
    rows = []
    for r in reported:
        claim, speaker = r.claim, ix.speaker_link(r.claim.speaker)
        rows.append((
            Cell(year_label(claim.year), url_for("year", claim.year) if claim.year is not None else "", numeric=True),
            Cell(r.figure.amount), Cell(r.figure.unit or ""),
            Cell(speaker.text, speaker.url) if speaker else Cell(r.figure.source or "—"),
            Cell(ix.articles[claim.article].title, _source(r)),
        ))
    return Table(f"Figures on {label}, by year", columns, tuple(rows))


def _figure_text(r: Reported) -> str:
    return f"{r.figure.amount} ({r.claim.year})" if r.claim.year is not None else r.figure.amount


def _source(r: Reported) -> str:
    return url_for("article", r.claim.article, fragment=r.claim.anchor)
