"""build(config) -> BuildReport: the stages in order, and the only place that calls them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .config import SiteConfig
from .models import ExtractedArticle, Problem, Records


@dataclass
class BuildReport:
    records: Records
    problems: list[Problem]
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds
    extracted: list[ExtractedArticle] = field(default_factory=list)

    def summary(self) -> str:
        r = self.records
        return (
            f"{len(r.articles)} articles, {len(r.speakers)} speakers, {len(r.claims)} claims, "
            f"{len(r.topics)} topics, {len(self.problems)} problems"
        )


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def build(config: SiteConfig) -> BuildReport:
    from . import readers, records, writer
    from .extract import extract_article
    from .extract.topics import load_taxonomy

    timings: dict[str, float] = {}
    with _timed(timings, "read"):
        sources, problems = readers.read_corpus(config.corpus_dir)
    with _timed(timings, "extract"):
        taxonomy = load_taxonomy(config.taxonomy_path)
        extracted = [extract_article(source, taxonomy) for source in sources]
        corpus = records.assemble(extracted, taxonomy, records.load_aliases(config.aliases_path))
    with _timed(timings, "index"):
        from . import search_index

        search_index.build_index(corpus, config.index_dir)
    with writer.staged_site(config.out_dir) as site:
        with _timed(timings, "render"):
            from . import render

            render.render_site(corpus, config, site)
            search_index.write_client_index(config.index_dir, corpus, site)
        with _timed(timings, "write"):
            records.write_records(corpus, site)
    return BuildReport(records=corpus, problems=problems, timings=timings, extracted=extracted)
