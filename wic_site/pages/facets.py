"""Year, speaker and topic pages: one generic facet path (Facet -> paginated FacetPage).

A new facet is one more entry in FACETS, `_planned(its builder)`; they all share
facet_pages() and facet.html.
FACETS plans the pages (pages.PagePlan): a year's or topic's from its Facet, a speaker's
from SpeakerInputs, so an unchanged speaker's Facet is not even built on a rebuild.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import groupby
from dataclasses import dataclass
from typing import Any

from ..models import ArticleRecord, ClaimRecord, SpeakerRecord
from .core import (
    PAGE_SIZE, ArticleRef, Entry, Fact, FacetPage, Index, Link, Page, PagePlan, Section, article_link, article_order,
    claim_entry, claim_order, group_entries, ordinal, page_count, pager_for, paragraph_anchor, shorten, topic_link,
    url_for, year_label,
)

CLAIMS_PER_TOPIC = 3  # on a year page; the topic's own page lists them all, year by year
PASSAGE_EXCERPT = 160
PASSAGES_PER_YEAR = 5  # paragraphs on a topic without a claim on it: context, not a full listing


@dataclass(frozen=True)
class Listing:
    heading: str
    entries: tuple[Entry, ...]  # sorted, with their group label
    empty: str = ""


@dataclass(frozen=True)
class Facet:
    """One year, speaker or topic before pagination. A new facet is one more builder below."""

    kind: str
    id: Any
    title: str
    facts: tuple[Fact, ...]
    neighbours: tuple[Link, ...]
    listings: tuple[Listing, ...]


def facet_pages(facet: Facet) -> list[Page]:
    """Page n shows the n-th slice of every listing, so no page grows with the corpus."""
    total = page_count((len(listing.entries) for listing in facet.listings), PAGE_SIZE)
    pages = []
    for n in range(1, total + 1):
        window = slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE)
        sections = tuple(
            Section(listing.heading, group_entries(listing.entries[window]), listing.empty)
            for listing in facet.listings
            if listing.entries[window] or (n == 1 and listing.empty)
        )
        title = facet.title if n == 1 else f"{facet.title} (page {n} of {total})"
        context = FacetPage(facet.kind, facet.title, facet.facts, facet.neighbours, sections,
                            pager_for(facet.kind, facet.id, n, total))
        pages.append(Page(url_for(facet.kind, facet.id, page=n), "facet.html", title, facet.kind + "s", context))
    return pages


def year_facets(ix: Index) -> list[Facet]:
    years = sorted(ix.records.years, key=lambda y: y.year)
    claims_by_year = ix.once(_claims_by_year)
    facets = []
    for i, year in enumerate(years):
        if not ix.mine(i):
            continue
        claims = sorted(claims_by_year[year.year], key=lambda c: (_first_topic(ix, c), claim_order(c)))
        spoke = Counter(c.speaker for c in claims if c.speaker)
        neighbours = tuple(
            Link(url_for("year", other.year), str(other.year), rel)
            for other, rel in ((years[i - 1] if i else None, "Previous year"),
                               (years[i + 1] if i + 1 < len(years) else None, "Next year"))
            if other is not None
        )
        articles = sorted((ix.articles[a] for a in year.articles), key=article_order)
        speakers = sorted(year.speakers, key=lambda s: (-spoke[s], ix.names.get(s, s)))
        facets.append(Facet(
            "year", year.year, _year_title(year.year, year.edition),
            (Fact("Edition", ordinal(year.edition) if year.edition else "not stated"),
             Fact("Theme", "; ".join(year.themes) or "not stated")),
            neighbours,
            (Listing("Articles", tuple(Entry(ix.article_link(a.id, _article_note(a))) for a in articles)),
             Listing("Who spoke", tuple(Entry(link) for s in speakers
                                        if (link := ix.speaker_link(s, _claims_note(spoke[s]))))),
             Listing("Claims by topic", _claims_by_topic(ix, claims), "No claims were found for this year.")),
        ))
    return facets


@dataclass(frozen=True)
class SpeakerInputs:
    """Everything a speaker's pages show: the record, the speaker's claims, and the title and
    date of each article they name. The pages are a pure function of it, so render skips
    them when it equals the last build's."""

    speaker: SpeakerRecord
    claims: tuple[ClaimRecord, ...]  # in claim_order
    articles: tuple[ArticleRef, ...]  # each article the claims or the affiliations name
    topic_names: tuple[tuple[str, str], ...]  # each topic of the claims: id, name


def speaker_inputs(ix: Index) -> list[SpeakerInputs]:
    by_speaker = ix.once(_claims_by_speaker)
    found = []
    for i, speaker in enumerate(ix.records.speakers):
        if not ix.mine(i):
            continue
        claims = by_speaker.get(speaker.id, ())
        named = sorted({*(c.article for c in claims), *(a.article for a in speaker.affiliations)})
        topics = sorted({t for c in claims for t in c.topics})
        found.append(SpeakerInputs(speaker, claims, tuple(ArticleRef.of(ix.articles[a]) for a in named),
                                   tuple((t, ix.topic_names[t]) for t in topics if t in ix.topic_names)))
    return found


def speaker_facet(inputs: SpeakerInputs) -> Facet:
    speaker, claims = inputs.speaker, inputs.claims
    articles, topic_names = {a.id: a for a in inputs.articles}, dict(inputs.topic_names)
    topics = Counter(t for c in claims for t in c.topics)
    facts = [
        Fact("Roles", "; ".join(speaker.roles) or "not stated"),
        Fact("Organisations", "; ".join(speaker.organizations) or "not stated"),
        Fact("Years", links=tuple(Link(url_for("year", y), str(y)) for y in sorted(speaker.years))),
        Fact("Topics", links=tuple(topic_link(topic_names, t, _claims_note(n)) for t, n in _by_count(topics))),
    ]
    if speaker.aliases:
        facts.append(Fact("Also written as", "; ".join(speaker.aliases)))
    introduced = tuple(
        Entry(article_link(articles[a.article]), "; ".join(a.roles + a.organizations) or "no role stated")
        for a in sorted(speaker.affiliations, key=lambda a: article_order(articles[a.article]))
    )
    return Facet(
        "speaker", speaker.id, speaker.name, tuple(facts), (),
        (Listing("Claims", tuple(claim_entry(c, articles[c.article].title, year_label(c.year)) for c in claims),
                 "No claims are attributed to this speaker."),
         Listing("As each article introduces them", introduced)),
    )


def speaker_pages(inputs: SpeakerInputs) -> list[Page]:
    return facet_pages(speaker_facet(inputs))


def topic_facets(ix: Index) -> list[Facet]:
    claims_by_topic = ix.once(_claims_by_topic_id)
    passages = ix.once(_passages_by_topic)
    facets = []
    for i, topic in enumerate(ix.records.topics):
        if not ix.mine(i):
            continue
        claims = claims_by_topic.get(topic.id, ())
        speakers = Counter(c.speaker for c in claims if c.speaker)
        facets.append(Facet(
            "topic", topic.id, topic.name,
            (Fact("Claims", str(topic.claims)), Fact("Articles", str(len(topic.articles)))),
            (),
            (Listing("Claims, year by year", tuple(ix.claim_entry(c, year_label(c.year)) for c in claims),
                     "No claims on this topic yet."),
             Listing("Other passages, a few per year", tuple(passages[topic.id])),
             Listing("Who spoke on it", tuple(
                 Entry(link) for s, n in _by_count(speakers, ix.names)
                 if (link := ix.speaker_link(s, _claims_note(n)))))),
        ))
    return facets


def _planned(build: Callable[[Index], list[Facet]]) -> Callable[[Index], list[PagePlan]]:
    """Plans for facets built at once: their pages are a pure function of the Facet."""
    return lambda ix: [PagePlan(url_for(facet.kind, facet.id), facet, facet_pages) for facet in build(ix)]


def speaker_plans(ix: Index) -> list[PagePlan]:
    """A speaker's Facet is built only when its inputs changed: most rebuilds change few speakers."""
    return [PagePlan(url_for("speaker", i.speaker.id), i, speaker_pages) for i in speaker_inputs(ix)]


FACETS: tuple[Callable[[Index], list[PagePlan]], ...] = (_planned(year_facets), speaker_plans, _planned(topic_facets))


def _claims_by_year(ix: Index) -> dict[int | None, list[ClaimRecord]]:
    claims_by_year: dict[int | None, list[ClaimRecord]] = defaultdict(list)
    for claim in ix.records.claims:
        claims_by_year[claim.year].append(claim)
    return claims_by_year


def _claims_by_speaker(ix: Index) -> dict[str, tuple[ClaimRecord, ...]]:
    """Each speaker's claims, in claim_order."""
    by_speaker: dict[str, list[ClaimRecord]] = defaultdict(list)
    for claim in ix.records.claims:
        if claim.speaker:
            by_speaker[claim.speaker].append(claim)
    return {s: tuple(sorted(claims, key=claim_order)) for s, claims in by_speaker.items()}


def _claims_by_topic_id(ix: Index) -> dict[str, list[ClaimRecord]]:
    """Each topic's claims, in claim_order."""
    claims_by_topic: dict[str, list[ClaimRecord]] = defaultdict(list)
    for claim in ix.records.claims:
        for topic in claim.topics:
            claims_by_topic[topic].append(claim)
    return {t: sorted(claims, key=claim_order) for t, claims in claims_by_topic.items()}


def _passages_by_topic(ix: Index) -> dict[str, list[Entry]]:
    """Up to PASSAGES_PER_YEAR paragraphs per topic and year that hold no claim on the topic
    (those appear as claims already)."""
    claimed = {(c.article, c.paragraph, t) for c in ix.records.claims for t in c.topics}
    chosen: dict[tuple[str, int | None], list[tuple[ArticleRecord, int]]] = defaultdict(list)
    for article in sorted(ix.records.articles, key=lambda a: (a.year or 0, *article_order(a))):
        for i, topics in enumerate(article.paragraph_topics):
            for topic in topics:
                slot = chosen[topic, article.year]
                if len(slot) < PASSAGES_PER_YEAR and (article.id, i, topic) not in claimed:
                    slot.append((article, i))
    found: dict[str, list[Entry]] = defaultdict(list)
    for (topic, _), places in chosen.items():
        found[topic] += [
            Entry(Link(url_for("article", a.id, fragment=paragraph_anchor(i)), f"{a.title}, paragraph {i + 1}"),
                  shorten(a.paragraphs[i], PASSAGE_EXCERPT), group=year_label(a.year))
            for a, i in places
        ]
    return found


def _claims_by_topic(ix: Index, claims: list[ClaimRecord]) -> tuple[Entry, ...]:
    """A few claims per topic, then a link to the topic's page: a year page must not list them all."""
    entries: list[Entry] = []
    for topic, group in groupby(claims, key=lambda c: c.topics[0] if c.topics else None):
        group = list(group)
        label = ix.topic_names.get(topic, topic) if topic else "Other claims"
        entries += [ix.claim_entry(c, label) for c in group[:CLAIMS_PER_TOPIC]]
        if topic and len(group) > CLAIMS_PER_TOPIC:
            more = f"{len(group) - CLAIMS_PER_TOPIC} more this year"
            entries.append(Entry(Link(url_for("topic", topic), f"All claims on {label}", more), group=label))
    return tuple(entries)


def _first_topic(ix: Index, claim: ClaimRecord) -> str:
    return ix.topic_names.get(claim.topics[0], claim.topics[0]) if claim.topics else "Other claims"


def _by_count(counts: Counter, names: dict[str, str] | None = None) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], (names or {}).get(kv[0], kv[0])))


def _year_title(year: int, edition: int | None) -> str:
    return f"{year}: the {ordinal(edition)} conference" if edition else str(year)


def _article_note(article: ArticleRecord) -> str:
    return " · ".join(x for x in (article.date, article.publication) if x)


def _claims_note(n: int) -> str:
    return f"{n} claim{'s' if n != 1 else ''}" if n else ""
