"""Score the extractor against hand-written expectations: precision and recall per field.

    python -m benchmarks.accuracy [SET ...] [--per-file] [--json]

A set is a folder under tests/fixtures/extraction/ whose articles have a `<stem>.expected.yaml`
beside them (format: that folder's README.md), or `seeds`: the articles in seeds/ scored
against tests/fixtures/extraction/seeds/. Each article is read and extracted by the real
pipeline functions; nothing is cached.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from wic_site.config import SiteConfig
from wic_site.extract import extract_article
from wic_site.extract.topics import load_taxonomy
from wic_site.models import ExtractedArticle
from wic_site.readers import SUFFIXES, read_text
from wic_site.slugs import slugify

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "extraction"
SEEDS = ROOT / "seeds"
EXPECTED_SUFFIX = ".expected.yaml"
FIELDS = ("speakers", "claims", "year", "date", "theme", "authors", "publication")
SET_FIELDS = ("speakers", "claims", "authors")  # scored by precision and recall
VALUE_FIELDS = ("year", "date", "theme", "publication")  # scored by accuracy


@dataclass(frozen=True)
class Fixture:
    name: str  # the article's file name
    article: Path
    expected: dict


@dataclass(frozen=True)
class Claim:
    speaker: str | None
    kind: str
    text: str


@dataclass
class Tally:
    """Counts for one field: hits over totals, and what was missed, per file."""

    found: int = 0  # expected items matched (recall numerator) or right values (accuracy)
    expected: int = 0
    correct: int = 0  # extracted items that match an expected one (precision numerator)
    extracted: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)


# ---- loading ---------------------------------------------------------------------------------

def fixtures_of(set_name: str) -> list[Fixture]:
    """The set's articles that have expectations, sorted by file name."""
    expectations = FIXTURES / set_name
    articles = SEEDS if set_name == "seeds" else expectations
    found = []
    for path in sorted(expectations.glob("*" + EXPECTED_SUFFIX)):
        stem = path.name[: -len(EXPECTED_SUFFIX)]
        matches = [p for p in articles.glob(stem + ".*") if p.suffix.lower() in SUFFIXES]
        if len(matches) != 1:
            raise SystemExit(f"{path}: expected one article named {stem}.* beside it, found {len(matches)}")
        found.append(Fixture(matches[0].name, matches[0], yaml.safe_load(path.read_text(encoding="utf-8")) or {}))
    return found


def default_sets() -> list[str]:
    """Every folder with expectations; a leading underscore marks the scorer's own test set."""
    return sorted(p.name for p in FIXTURES.iterdir()
                  if p.is_dir() and not p.name.startswith("_") and any(p.glob("*" + EXPECTED_SUFFIX)))


def extract(path: Path, taxonomy) -> ExtractedArticle | None:
    """The pipeline's reading of one file; None when cleaning leaves no article."""
    source = read_text(path.read_text(encoding="utf-8"), path.name, suffix=path.suffix.lower())
    if source is None:
        return None
    return extract_article(replace(source, id=slugify(source.title)), taxonomy)


# ---- matching --------------------------------------------------------------------------------

def normal(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()


def claim_matches(expected: Claim, got: Claim) -> bool:
    """Same speaker and kind, and the extracted text starts with or contains the expected text."""
    want, have = normal(expected.text), normal(got.text)
    return (normal(expected.speaker) == normal(got.speaker) and expected.kind == got.kind
            and bool(want) and (have.startswith(want) or want in have))


def score_claims(expected: list[Claim], got: list[Claim]) -> tuple[int, int, list[str], list[str]]:
    """(expected claims found, extracted claims matching some expected one, missed, extra)."""
    found = [e for e in expected if any(claim_matches(e, g) for g in got)]
    correct = [g for g in got if any(claim_matches(e, g) for e in expected)]
    missed = [describe(e) for e in expected if e not in found]
    extra = [describe(g) for g in got if g not in correct]
    return len(found), len(correct), missed, extra


def describe(claim: Claim) -> str:
    text = claim.text if len(claim.text) <= 70 else claim.text[:67] + "..."
    return f"{claim.speaker} [{claim.kind}] {text!r}"


def extracted_fields(result: ExtractedArticle | None) -> dict:
    if result is None:
        return dict(speakers=[], claims=[], authors=[], year=None, date=None, theme=None, publication=None)
    return dict(speakers=[m.name for m in result.speakers], authors=list(result.authors),
                claims=[Claim(c.speaker, c.kind, c.text) for c in result.claims],
                year=result.year, date=result.date, theme=result.theme, publication=result.publication)


def value_matches(key: str, want, got) -> bool:
    """Themes compare after whitespace and case; a publication may list its accepted forms."""
    if key == "theme":
        return normal(want) == normal(got) if want is not None else got is None
    if key == "publication" and isinstance(want, list):
        return got in want
    return want == got


def score_file(name: str, expected: dict, got: dict, tallies: dict[str, Tally]) -> None:
    for key in SET_FIELDS:
        if key not in expected:
            continue
        tally = tallies[key]
        if key == "claims":
            want = [Claim(c.get("speaker"), c["kind"], str(c["text"])) for c in expected[key] or []]
            found, correct, missed, extra = score_claims(want, got[key])
            have_count = len(got[key])
        else:
            want_names = {normal(n): n for n in expected[key] or []}
            have_names = {normal(n): n for n in got[key]}
            found = correct = len(want_names.keys() & have_names.keys())
            missed = [want_names[k] for k in sorted(want_names.keys() - have_names.keys())]
            extra = [have_names[k] for k in sorted(have_names.keys() - want_names.keys())]
            want, have_count = want_names, len(have_names)
        tally.found += found
        tally.expected += len(want)
        tally.correct += correct
        tally.extracted += have_count
        lines = [f"missing {m}" for m in missed] + [f"extra   {e}" for e in extra]
        if lines:
            tally.misses[name] = lines
    for key in VALUE_FIELDS:
        if key not in expected:
            continue
        tally = tallies[key]
        want_value = expected[key] if key != "date" or expected[key] is None else str(expected[key])
        right = value_matches(key, want_value, got[key])
        tally.expected += 1
        tally.found += right
        if not right:
            tally.misses[name] = [f"expected {want_value!r}, got {got[key]!r}"]


def score_set(set_name: str) -> dict[str, Tally]:
    taxonomy = load_taxonomy(SiteConfig.taxonomy_path)
    tallies = {key: Tally() for key in FIELDS}
    for fixture in fixtures_of(set_name):
        score_file(fixture.name, fixture.expected, extracted_fields(extract(fixture.article, taxonomy)), tallies)
    return tallies


# ---- reporting -------------------------------------------------------------------------------

def ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def figures(tallies: dict[str, Tally]) -> dict[str, dict]:
    """The set's figures: precision/recall for name and claim lists, accuracy for single values."""
    out = {}
    for key, t in tallies.items():
        if key in SET_FIELDS:
            out[key] = dict(precision=ratio(t.correct, t.extracted), recall=ratio(t.found, t.expected),
                            correct=t.correct, extracted=t.extracted, found=t.found, expected=t.expected)
        else:
            out[key] = dict(accuracy=ratio(t.found, t.expected), found=t.found, expected=t.expected)
    return out


def cell(hits: int, total: int) -> str:
    return f"{hits / total:.2f} ({hits}/{total})" if total else "-"


def table(set_name: str, tallies: dict[str, Tally]) -> str:
    rows = [f"{set_name}", f"  {'field':<13}{'precision':<18}recall / accuracy"]
    for key, t in tallies.items():
        precision = cell(t.correct, t.extracted) if key in SET_FIELDS else ""
        rows.append(f"  {key:<13}{precision:<18}{cell(t.found, t.expected):<18}".rstrip())
    return "\n".join(rows)


def per_file(tallies: dict[str, Tally]) -> str:
    by_file: dict[str, list[str]] = {}
    for key, t in tallies.items():
        for name, lines in t.misses.items():
            by_file.setdefault(name, []).extend(f"    {key}: {line}" for line in lines)
    return "\n".join(f"  {name}\n" + "\n".join(lines) for name, lines in sorted(by_file.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", help="fixture sets to score (default: every set with expectations)")
    parser.add_argument("--per-file", action="store_true", help="list each fixture's misses")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    names = args.sets or default_sets()
    unknown = [n for n in names if not (FIXTURES / n).is_dir()]
    if unknown:
        print(f"accuracy: no fixture set {', '.join(unknown)} under {FIXTURES}", file=sys.stderr)
        return 2
    results = {name: score_set(name) for name in names}
    if args.json:
        print(json.dumps({n: figures(t) for n, t in results.items()}, indent=2, sort_keys=True))
        return 0
    for name, tallies in results.items():
        print(table(name, tallies))
        if args.per_file:
            print(per_file(tallies))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
