"""Shared by the red-team tests: extract every article of a fixture folder, keyed by file stem."""

from dataclasses import replace
from pathlib import Path

from wic_site.config import SiteConfig
from wic_site.extract import extract_article
from wic_site.extract.topics import load_taxonomy
from wic_site.models import ExtractedArticle
from wic_site.readers import read_text
from wic_site.slugs import slugify

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def extract_folder(folder: Path) -> dict[str, ExtractedArticle]:
    taxonomy = load_taxonomy(SiteConfig.taxonomy_path)
    results = {}
    for path in sorted(folder.iterdir()):
        source = read_text(path.read_text(encoding="utf-8"), path.name, suffix=path.suffix)
        assert source is not None, path.name
        results[path.stem] = extract_article(replace(source, id=slugify(source.title)), taxonomy)
    return results
