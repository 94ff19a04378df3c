"""Article pages: the cleaned text with paragraph anchors and the claims marked in place."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..models import ArticleRecord, ClaimRecord
from ..text.plain import plain_text
from ..text.urls import web_address
from .core import Fact, Index, Link, Page, ordinal, paragraph_anchor, url_for


@dataclass(frozen=True)
class ClaimMark:
    kind: str
    by: Link | None
    anchor: str = ""  # the claim's id on the page: c- and 8 hex digits


@dataclass(frozen=True)
class Cite:
    """A claim's citation, ready to copy: who, in what, where, and the permalink."""

    anchor: str
    kind: str
    who: str  # "Lu Wei, director of the Cyberspace Administration of China"; "" for a statistic
    figures: tuple[str, ...]  # each figure's readable line
    permalink: str  # the record's url, site-relative: articles/<id>/#c-...
    href: str  # the same place as a link that opens from disk too: articles/<id>/index.html#c-...


@dataclass(frozen=True)
class Segment:
    text: str
    mark: ClaimMark | None = None


@dataclass(frozen=True)
class Paragraph:
    anchor: str
    number: int
    text: str  # the source text (Markdown source when `markdown`)
    segments: tuple[Segment, ...]  # text cut at claim boundaries; for plain-text articles
    spans: tuple[tuple[int, int, ClaimMark], ...]  # the claims, for the Markdown renderer
    markdown: bool
    cites: tuple[Cite, ...] = ()  # the paragraph's claims, in reading order


@dataclass(frozen=True)
class ArticlePage:
    heading: str
    facts: tuple[Fact, ...]
    speakers: tuple[Link, ...]
    mentioned: tuple[str, ...]
    topics: tuple[Link, ...]
    paragraphs: tuple[Paragraph, ...]
    dropped: tuple[str, ...]
    source_url: str | None
    source_file: str
    reference: str  # the article as a citation gives it: “Title”, Outlet, date


def article_pages(ix: Index) -> list[Page]:
    claims: dict[str, list[ClaimRecord]] = defaultdict(list)
    for claim in ix.records.claims:
        claims[claim.article].append(claim)
    return [
        Page(url_for("article", a.id), "article.html", a.title, "articles", article_page(ix, a, claims[a.id]),
             description=_description(a))
        for i, a in enumerate(ix.records.articles)
        if ix.mine(i)
    ]


def article_page(ix: Index, article: ArticleRecord, claims: list[ClaimRecord]) -> ArticlePage:
    by_paragraph: dict[int, list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        by_paragraph[claim.paragraph].append(claim)
    paragraphs = tuple(
        _paragraph(ix, article, i, text, by_paragraph[i]) for i, text in enumerate(article.paragraphs)
    )
    facts = [
        Fact("Publication", article.publication or "not stated"),
        Fact("Authors", ", ".join(article.authors) or "not stated"),
        Fact("Date", article.date or "not stated"),
        Fact("Year", links=(Link(url_for("year", article.year), str(article.year)),))
        if article.year is not None else Fact("Year", "not stated"),
        Fact("Edition", ordinal(article.edition) if article.edition else "not stated"),
        Fact("Theme", article.theme or "not stated"),
    ]
    speakers = tuple(link for s in article.speakers if (link := ix.speaker_link(s)))
    topics = tuple(ix.topic_link(t) for t in article.topics)
    return ArticlePage(article.title, tuple(facts), speakers, article.mentioned, topics, paragraphs,
                       article.dropped, web_address(article.source_url), article.source_file, _reference(article))


def _reference(article: ArticleRecord) -> str:
    return ", ".join(part for part in (f"“{article.title}”", article.publication, article.date) if part)


def _paragraph(ix: Index, article: ArticleRecord, index: int, text: str, claims: list[ClaimRecord]) -> Paragraph:
    spans = _spans(ix, text, claims) if claims else ()
    cites = tuple(_cite(ix, article, c) for c in sorted(claims, key=lambda c: (c.start, c.end)))
    return Paragraph(paragraph_anchor(index), index + 1, text, () if article.markdown else _segments(text, spans),
                     spans, article.markdown, cites)


def _cite(ix: Index, article: ArticleRecord, claim: ClaimRecord) -> Cite:
    figures = tuple(f.label(with_source=claim.speaker is None) for f in claim.figures)
    return Cite(claim.anchor, claim.kind, _who(ix, article, claim.speaker), figures, claim.url,
                url_for("article", article.id, fragment=claim.anchor))


def _who(ix: Index, article: ArticleRecord, speaker_id: str | None) -> str:
    """The speaker with role and organisation as this article states them."""
    speaker = ix.speakers.get(speaker_id) if speaker_id else None
    if speaker is None:
        return ""
    stated = speaker.stated_in(article.id)
    roles = stated.roles if stated else ()
    organizations = tuple(o for o in (stated.organizations if stated else ()) if not any(o in r for r in roles))
    return ", ".join([speaker.name, *roles, *organizations])


def _spans(ix: Index, text: str, claims: list[ClaimRecord]) -> tuple[tuple[int, int, ClaimMark], ...]:
    """Claim offsets clipped to the paragraph; a claim overlapping an earlier one is not marked twice."""
    spans: list[tuple[int, int, ClaimMark]] = []
    end_so_far = 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        start, end = max(claim.start, end_so_far, 0), min(claim.end, len(text))
        if start < end:
            spans.append((start, end, ClaimMark(claim.kind, ix.speaker_link(claim.speaker), claim.anchor)))
            end_so_far = end
    return tuple(spans)


def _segments(text: str, spans: tuple[tuple[int, int, ClaimMark], ...]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    cursor = 0
    for start, end, mark in spans:
        if cursor < start:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], mark))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return tuple(segments)


def _description(article: ArticleRecord) -> str:
    first = article.paragraphs[0] if article.paragraphs else article.title
    first = plain_text(first) if article.markdown else first
    return first if len(first) <= 160 else first[:157].rsplit(" ", 1)[0] + "…"
