"""Shared by the red-team tests: extract every article of a fixture folder, keyed by file stem."""

import re
from dataclasses import replace
from pathlib import Path

from wic_site.config import SiteConfig
from wic_site.extract import extract_article
from wic_site.extract.topics import load_taxonomy
from wic_site.models import ExtractedArticle
from wic_site.readers import read_corpus, read_text
from wic_site.slugs import slugify

SCALES = {"hundred", "thousand", "million", "billion", "trillion"}
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def extract_folder(folder: Path) -> dict[str, ExtractedArticle]:
    taxonomy = load_taxonomy(SiteConfig.taxonomy_path)
    results = {}
    for path in sorted(folder.iterdir()):
        source = read_text(path.read_text(encoding="utf-8"), path.name, suffix=path.suffix)
        assert source is not None, path.name
        results[path.stem] = extract_article(replace(source, id=slugify(source.title)), taxonomy)
    return results


def field_of(result: ExtractedArticle, name: str):
    """A metadata field as a reader states it: the title, the set of speaker names, or the attribute."""
    if name == "title":
        return result.source.title
    if name == "speakers":
        return {m.name for m in result.speakers}
    return getattr(result, name)


def assert_reads_as_corpus(folder: Path, count: int) -> None:
    """The folder reads with no problems, one article per file, each with its own id."""
    articles, problems = read_corpus(folder)
    assert problems == []
    assert sorted(a.source_file for a in articles) == sorted(p.name for p in folder.iterdir())
    assert len({a.id for a in articles}) == count


def assert_claims_point_at_their_text(results: dict[str, ExtractedArticle]) -> None:
    for result in results.values():
        for claim in result.claims:
            assert result.source.paragraphs[claim.paragraph][claim.start:claim.end] == claim.text


def spoken_kinds(result: ExtractedArticle, speaker: str) -> set[str]:
    """Kinds of the speaker's claims, statistics aside."""
    return {c.kind for c in result.claims if c.speaker == speaker} - {"statistic"}


def speakers_opening(result: ExtractedArticle, opening: str) -> set[str | None]:
    """Speakers of the non-statistic claims whose text starts with `opening`."""
    return {c.speaker for c in result.claims if c.kind != "statistic" and c.text.startswith(opening)}


def chrome_left(result: ExtractedArticle, fragments: list[str], lines: list[str]) -> list[str]:
    """Page chrome still in the article: fragments found in any paragraph, lines kept as paragraphs."""
    paragraphs = result.source.paragraphs
    return [c for c in fragments if any(c in p for p in paragraphs)] + [c for c in lines if c in paragraphs]


def stated_figures(claims) -> list[tuple[set[str], str, str | None, object]]:
    """Each figure the claims state, in the forms these tables were written for: the figure with and
    without its qualifier and its percent or currency word, the unit as the counted noun
    ("users") or the currency, the claim's speaker, and the claim."""
    rows = []
    for claim in claims:
        for f in claim.figures:
            bare = re.sub(r"\s*(?:percent|per cent|%|percentage points)$", "", f.value)
            words = bare.split()
            while len(words) > 1 and words[-1].isalpha() and words[-1] not in SCALES:
                words.pop()  # "2.95 trillion yuan" -> "2.95 trillion"
            bare = " ".join(words)
            plain = {f.value, bare}
            forms = plain | {f"{f.qualifier} {v}" for v in plain if f.qualifier}
            forms |= {form[:1].upper() + form[1:] for form in forms}
            counted = not (f.unit == "percent" or not f.value[:1].isdigit() or bare != f.value)
            counts = (f.counts or f.unit).lower()
            unit = (counts if " and " in counts else counts.split()[-1]) if counted else f.unit
            rows.append((forms, unit, claim.speaker, claim))
    return rows
