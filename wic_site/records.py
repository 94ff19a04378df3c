"""Assemble the corpus records from extracted articles, and export records.json / claims.csv."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from .errors import UserError
from .extract.topics import Taxonomy
from .models import (
    Affiliation, ArticleRecord, ClaimRecord, ExtractedArticle, Problem, Records, SpeakerRecord, TopicRecord,
    YearRecord,
)
from .slugs import slugify, unique_slug
from .yamlfile import read_yaml

# claims.csv reads on its own: who said it (as the article states them), where and when, the words,
# their figures, and the claim's permalink. `paragraph` is the number a reader sees (from 1).
CSV_COLUMNS = ["id", "article", "title", "outlet", "date", "year", "source_url", "speaker", "speaker_name", "role",
               "organization", "kind", "paragraph", "start", "end", "text", "figures", "topics", "permalink"]


ITEM_FOLDERS = {"article": "articles", "speaker": "speakers", "topic": "topics", "year": "years"}


def record_url(kind: str, key: str | int, fragment: str | None = None) -> str:
    """A record's `url`: the folder of its page (pages.core.url_for adds index.html for links)."""
    folder = f"{ITEM_FOLDERS[kind]}/{key}/"
    return f"{folder}#{fragment}" if fragment else folder


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Names that differ only in case, accents, spacing or punctuation are one person.
    Cached: a corpus names each speaker hundreds of times."""
    # accents go, other scripts stay: 王力娜 and 汤姆·贝克 are two people, not two empty keys
    kept = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in kept.casefold()).split())


def load_aliases(path: Path | None) -> dict[str, str]:
    """aliases.yaml: a list of name groups, the first the name to show: `- [Pony Ma, Ma Huateng]`."""
    if path is None:
        return {}
    data = read_yaml(path, "alias") or []
    if not isinstance(data, list) or not all(isinstance(g, list) and g and all(isinstance(n, str) for n in g) for g in data):
        raise UserError(f"{path}: the alias file must be a list of name lists, e.g. - [Full Name, Other Name]")
    return {name_key(alias): group[0] for group in data for alias in group}


def assemble(
    extracted: list[ExtractedArticle], taxonomy: Taxonomy, aliases: dict[str, str]
) -> tuple[Records, list[Problem]]:
    """Join the articles into one corpus: one id per speaker across articles, counts, facets."""
    problems: list[Problem] = []
    ordered = sorted(extracted, key=lambda e: (e.year or 9999, e.date or "", e.source.id))
    speaker_ids = _speaker_ids(ordered, aliases, problems)
    claims = _claims(ordered, speaker_ids, aliases)
    articles = tuple(_article(e, speaker_ids, aliases) for e in ordered)
    speakers = _speakers(ordered, speaker_ids, aliases, claims)
    topics = _topics(taxonomy, articles, claims)
    years = _years(articles, claims)
    return Records(articles, speakers, claims, topics, years), problems


def _canonical(name: str, aliases: dict[str, str]) -> str:
    return aliases.get(name_key(name), name)


def _speaker_ids(ordered, aliases, problems) -> dict[str, str]:
    """name_key(canonical name) -> speaker id; two people whose names slug alike get -2, -3."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for e in ordered:
        for mention in e.speakers:
            canonical = _canonical(mention.name, aliases)
            key = name_key(canonical)
            if key in ids:
                continue
            ids[key] = unique_slug(canonical, taken, fallback="speaker")
            if ids[key] != slugify(canonical, "speaker"):
                problems.append(Problem(e.source.source_file, f"speaker {canonical!r} has the same id as another "
                                        f"speaker; given id {ids[key]}"))
    return ids


def _speaker_id(name: str | None, ids: dict[str, str], aliases) -> str | None:
    return ids.get(name_key(_canonical(name, aliases))) if name else None


def _claims(ordered, speaker_ids, aliases) -> tuple[ClaimRecord, ...]:
    claims = []
    for e in ordered:
        anchors: set[str] = set()
        for c in e.claims:
            anchor = claim_anchor(e.source.id, c.speaker, c.kind, c.text, anchors)
            claims.append(ClaimRecord(
                id=f"{e.source.id}/{anchor}", article=e.source.id,
                speaker=_speaker_id(c.speaker, speaker_ids, aliases), kind=c.kind, text=c.text,
                paragraph=c.paragraph, start=c.start, end=c.end, topics=c.topics, year=e.year,
                url=record_url("article", e.source.id, anchor), anchor=anchor, figures=c.figures,
            ))
    return tuple(claims)


def claim_anchor(article: str, speaker: str | None, kind: str, text: str, taken: set[str]) -> str:
    """`c-` and 8 hex digits of the claim's own words, so the anchor survives edits elsewhere in
    the article; a second claim with the same words in one article gets -2, -3."""
    normal = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    digest = hashlib.sha1("\x1f".join((article, speaker or "", kind, normal)).encode("utf-8")).hexdigest()[:8]
    anchor, n = f"c-{digest}", 1
    while anchor in taken:
        n += 1
        anchor = f"c-{digest}-{n}"
    taken.add(anchor)
    return anchor


def _article(e: ExtractedArticle, speaker_ids, aliases) -> ArticleRecord:
    topics = {t for ts in e.paragraph_topics for t in ts} | {t for c in e.claims for t in c.topics}
    order = [t for ts in e.paragraph_topics for t in ts] + [t for c in e.claims for t in c.topics]
    return ArticleRecord(
        id=e.source.id, source_file=e.source.source_file, title=e.source.title, publication=e.publication,
        date=e.date, year=e.year, edition=e.edition, theme=e.theme, authors=e.authors,
        speakers=tuple(_speaker_id(m.name, speaker_ids, aliases) for m in e.speakers),
        mentioned=e.mentioned, topics=tuple(sorted(topics, key=order.index)),
        paragraphs=e.source.paragraphs, paragraph_topics=e.paragraph_topics, dropped=e.source.dropped,
        source_url=e.url, markdown=e.source.markdown, url=record_url("article", e.source.id),
    )


def _speakers(ordered, speaker_ids, aliases, claims) -> tuple[SpeakerRecord, ...]:
    names: dict[str, set[str]] = defaultdict(set)
    affiliations: dict[str, list[Affiliation]] = defaultdict(list)
    years: dict[str, set[int]] = defaultdict(set)
    shown: dict[str, str] = {}
    for e in ordered:
        for m in e.speakers:
            sid = _speaker_id(m.name, speaker_ids, aliases)
            shown.setdefault(sid, _canonical(m.name, aliases))
            names[sid].add(m.name)
            affiliations[sid].append(Affiliation(e.source.id, m.roles, m.organizations))
            if e.year:
                years[sid].add(e.year)
    counts = Counter(c.speaker for c in claims if c.speaker)
    return tuple(
        SpeakerRecord(
            id=sid, name=shown[sid], aliases=tuple(sorted(names[sid] - {shown[sid]})),
            roles=_unique(r for a in affiliations[sid] for r in a.roles),
            organizations=_unique(o for a in affiliations[sid] for o in a.organizations),
            affiliations=tuple(affiliations[sid]),
            articles=_unique(a.article for a in affiliations[sid]), years=tuple(sorted(years[sid])),
            claims=counts[sid], url=record_url("speaker", sid),
        )
        for sid in sorted(shown)
    )


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


def _topics(taxonomy: Taxonomy, articles, claims) -> tuple[TopicRecord, ...]:
    records = []
    for topic in taxonomy.topics:
        with_topic = tuple(a.id for a in articles if topic.id in a.topics)
        if with_topic:
            count = sum(topic.id in c.topics for c in claims)
            records.append(TopicRecord(topic.id, topic.name, with_topic, count, record_url("topic", topic.id)))
    return tuple(records)


def _years(articles, claims) -> tuple[YearRecord, ...]:
    from .extract.conference import edition_for_year

    by_year: dict[int, list[ArticleRecord]] = defaultdict(list)
    for article in articles:
        if article.year:
            by_year[article.year].append(article)
    records = []
    for year in sorted(by_year):
        group = by_year[year]
        topic_counts = Counter(t for c in claims if c.year == year for t in c.topics)
        topic_counts.update(t for a in group for t in a.topics)
        records.append(YearRecord(
            year=year, edition=edition_for_year(year), themes=_unique(a.theme for a in group if a.theme),
            articles=tuple(a.id for a in group), speakers=tuple(sorted({s for a in group for s in a.speakers})),
            topics=tuple(sorted(topic_counts, key=lambda t: (-topic_counts[t], t))), url=record_url("year", year),
        ))
    return tuple(records)


def _fields_of(record: object) -> dict:
    """A record's fields, for the encoder: its instance dict holds exactly them (frozen
    dataclasses, no slots), so nested records and tuples are walked by the C encoder, not
    copied into dicts and lists first (Record.to_dict gives the same values)."""
    return vars(record)


RECORD_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "), default=_fields_of)


def records_json(records: Records) -> Iterator[str]:
    """records.json in pieces, one record at a time, so the whole corpus is never held twice
    (as dicts and as text): {"articles": [...], "claims": [...], ...}, each record on a line
    of its own, its keys sorted. A line per record reads and diffs well (one changed record is
    one changed line), and the C encoder writes it in a fraction of an indented dump's time."""
    lists = {"articles": records.articles, "claims": records.claims, "speakers": records.speakers,
             "topics": records.topics, "years": records.years}
    yield "{"
    for n, name in enumerate(sorted(lists)):
        yield f'{"," if n else ""}\n "{name}": ['
        for i, record in enumerate(lists[name]):
            yield ("," if i else "") + "\n  " + RECORD_JSON.encode(record)
        yield "\n ]" if lists[name] else "]"
    yield "\n}\n"


CSV_CHUNK = 1000  # rows per piece of claims.csv


def claims_csv(records: Records) -> Iterator[str]:
    """claims.csv in pieces of CSV_CHUNK rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    articles = {a.id: a for a in records.articles}
    speakers = {s.id: s for s in records.speakers}
    stated: dict[tuple[str, str], Affiliation] = {}  # (article, speaker) -> what the article states, as stated_in
    for speaker in records.speakers:
        for affiliation in speaker.affiliations:
            stated.setdefault((affiliation.article, speaker.id), affiliation)
    for n, claim in enumerate(records.claims, 1):
        writer.writerow([_csv_cell(v) for v in _csv_row(claim, articles, speakers, stated)])
        if n % CSV_CHUNK == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1", "@SUM"): article text is untrusted
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    """The value as claims.csv writes it: nothing for None, and a text that starts like a
    formula behind an apostrophe, which spreadsheets show as text and do not run."""
    if value is None:
        return ""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _csv_row(claim: ClaimRecord, articles: dict[str, ArticleRecord], speakers: dict[str, SpeakerRecord],
             stated: dict[tuple[str, str], Affiliation]) -> tuple:
    """The claim's cells, in CSV_COLUMNS order."""
    article = articles[claim.article]
    speaker = speakers.get(claim.speaker) if claim.speaker else None
    said = stated.get((claim.article, speaker.id)) if speaker else None
    return (
        claim.id, claim.article, article.title, article.publication, article.date, claim.year, article.source_url,
        claim.speaker, speaker.name if speaker else None,
        "; ".join(said.roles) if said else None,
        "; ".join(said.organizations) if said else None,
        claim.kind, claim.paragraph + 1, claim.start, claim.end,
        claim.text, "; ".join(f.label(with_source=claim.speaker is None) for f in claim.figures),
        ";".join(claim.topics), claim.url,
    )


def write_records(records: Records, site) -> None:
    site.write_pieces("data/records.json", records_json(records))
    site.write_pieces("data/claims.csv", claims_csv(records))
