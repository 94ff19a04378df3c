"""build(config) -> BuildReport: the stages in order, and the only place that calls them.

Stages: scan -> read -> extract -> index -> render -> write. Each is a function from its
inputs to its outputs; a cache sits around reading and extracting each article
(cache.through_each), keyed by a hash of its inputs and of the whole package. The corpus
folder is walked once (scan), and its files, about page and alias list go along as one value. Reading and extraction run on a
process pool (config.jobs). The Whoosh index, the browser's index and the pages need nothing
of each other, so on several cores (and from config.parallel_min_articles articles: below, one
process is cheaper) the two indexes are made in processes of their own beside render and write (workers.py: how processes are started, and how they die with the build).
Each index keeps what it made and redoes only what changed articles touch (index_sync,
search_export); the index and the site are skipped when everything they are made from is as
it was at the last build. A build holds the lock on its cache folder from start to end, so two builds on
one index take turns. A build with jobs=1 writes the same bytes as one with many.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, TypeVar

from .cache import (
    BuildState, ExtractionCache, ReadCache, build_lock, hash_files, hash_text, open_cache_dir, package_hash,
    through_each,
)
from .config import SiteConfig
from .errors import UserError
from .models import ExtractedArticle, Problem, Records, SourceArticle
from .page_cache import PageStore
from .progress import bar_wanted, progress
from .workers import pool, side_processes

T = TypeVar("T")
R = TypeVar("R")
POOL_MIN = 64  # fewer items than this run in-process: starting workers would cost more than it saves
STAGES = ("read", "extract", "index", "render", "write")  # index runs beside render and write
CHUNKS_PER_JOB = 8  # small enough to balance uneven articles, large enough to amortise pickling


@dataclass
class BuildReport:
    records: Records
    problems: list[Problem]
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds

    def summary(self) -> str:
        r = self.records
        return (
            f"{len(r.articles)} articles, {len(r.speakers)} speakers, {len(r.claims)} claims, "
            f"{len(r.topics)} topics, {len(self.problems)} problems"
        )


@dataclass(frozen=True)
class Corpus:
    """The corpus folder, walked once: its article files (sorted), about page and alias list."""

    folder: Path
    files: tuple[Path, ...]
    about: Path | None
    aliases: Path | None


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def build(config: SiteConfig) -> BuildReport:
    """Hold the cache folder's lock (waiting up to config.lock_wait for another build), then build."""
    cache_dir = open_cache_dir(config.cache_folder)
    note = (lambda line: None) if config.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    with build_lock(cache_dir, config.lock_wait, note, what=f"index {config.index_dir} (cache {cache_dir})"):
        return _build(config, cache_dir)


def scan_corpus(config: SiteConfig) -> Corpus:
    from . import readers

    try:
        files = tuple(readers.discover(config.corpus_dir))
    except OSError as exc:
        raise UserError(f"corpus folder {config.corpus_dir}: cannot be read ({exc.strerror})") from None
    if not files:
        raise UserError(f"corpus folder {config.corpus_dir}: holds no .txt, .md or .html articles")
    about = config.corpus_dir / "about.md"
    return Corpus(config.corpus_dir, files, about if about.is_file() else None, config.aliases_path)


def _build(config: SiteConfig, cache_dir: Path) -> BuildReport:
    from . import records
    from .extract.topics import load_taxonomy

    timings: dict[str, float] = {}
    state = BuildState(cache_dir, config.index_dir, config.out_dir)
    with _timed(timings, "read"):
        corpus = scan_corpus(config)
        sources, problems = read_cached(corpus, ReadCache(cache_dir), config.jobs)
    with _timed(timings, "extract"):
        taxonomy = load_taxonomy(config.taxonomy_path)
        cache = ExtractionCache(cache_dir, config.taxonomy_path)
        extracted, keys = extract_cached(sources, taxonomy, cache, config.jobs, bar_wanted(config.quiet))
        assembled, id_problems = records.assemble(extracted, taxonomy, records.load_aliases(corpus.aliases))
        problems = problems + id_problems
        del extracted  # the records hold all the later stages need; free it before index and render
    index_fp = _index_fingerprint(corpus, keys)
    site_fp = _site_fingerprint(config, corpus, index_fp)
    rebuild_index = not state.index_current(index_fp, config.index_dir)
    if rebuild_index:
        state.save(None, None, config.out_dir)  # a build that fails half-way must not look current
    if state.site_current(site_fp, config.out_dir):
        with side_processes(config.parallel(len(assembled.articles)) and rebuild_index) as side:  # Whoosh's sub-writers fork there
            timings.update(side(_search_stage, config, assembled, rebuild_index)(), render=0.0, write=0.0)
    else:
        _write_site(config, assembled, rebuild_index, timings, cache_dir)
    state.save(index_fp, site_fp, config.out_dir)
    return BuildReport(records=assembled, problems=problems, timings={stage: timings[stage] for stage in STAGES})


def _write_site(config: SiteConfig, corpus: Records, rebuild_index: bool, timings: dict[str, float],
                cache_dir: Path) -> None:
    """The pages, the browser's search index and the Whoosh index need nothing of each other,
    so on several cores Whoosh indexes in a process beside the page render, and the browser's
    index is exported in another (its large structures die with it). Pages are written as they
    are rendered, here or by the render workers: the time spent writing them (and records.json,
    and the swap into place) counts in `write`, the rest in `render`; `index` is the slower of
    Whoosh and the export, its writing included. Every other process writes through a share()
    of the staged site and hands back its listing, which the staged site adopts: a path
    written twice, by any two processes, fails the build. A page whose digest is the one
    recorded for the site being replaced keeps its file (page_cache); the new digests are
    recorded once the new site is in place."""
    from . import records, render, writer

    pages = PageStore(cache_dir, config.out_dir)

    with writer.staged_site(config.out_dir, pages.spare) as staged, side_processes(config.parallel(len(corpus.articles))) as side:
        indexed = side(_search_stage, config, corpus, rebuild_index)
        exported = side(_export_stage, config, corpus, staged.share(), cache_dir)
        site = TimedWriter(staged, timings)
        written_before = timings.get("write", 0.0)
        with _timed(timings, "render"):
            rendered = render.render_site(corpus, config, site, pages.load(), cache_dir / "templates")
        timings["write"] = timings.get("write", 0.0) + rendered.workers_writing
        timings["render"] -= timings["write"] - written_before
        records.write_records(corpus, site)
        export_seconds, search_files = exported()
        staged.adopt(search_files)
        timings["index"] = max(export_seconds, indexed()["index"])
        swap_start = time.perf_counter()
    pages.save(rendered.plans)
    timings["write"] = timings.get("write", 0.0) + time.perf_counter() - swap_start


def _export_stage(config: SiteConfig, corpus: Records, site: Any, cache_dir: Path) -> tuple[float, tuple[str, ...]]:
    """Write the browser's search index into site (a SiteWriter), keeping what it made in the
    cache folder for the next build; returns (seconds, the paths written)."""
    from . import search_export, search_labels

    start = time.perf_counter()
    search_export.write_client_index(corpus, search_labels.hints_of(corpus, config.taxonomy_path), site, cache_dir)
    return time.perf_counter() - start, tuple(sorted(site.written))


class TimedWriter:
    """A SiteWriter whose time spent writing adds up in timings["write"]."""

    def __init__(self, site: Any, timings: dict[str, float]) -> None:
        self._site = site
        self._timings = timings

    def write(self, relpath: str, data: bytes | str) -> None:
        with _timed(self._timings, "write"):
            self._site.write(relpath, data)

    def write_pieces(self, relpath: str, pieces: Any) -> None:
        with _timed(self._timings, "write"):
            self._site.write_pieces(relpath, pieces)

    def copy_tree(self, source_dir: Path, dest: str, transform: Any = None) -> None:
        with _timed(self._timings, "write"):
            self._site.copy_tree(source_dir, dest, transform)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._site, name)


def _search_stage(config: SiteConfig, corpus: Records, rebuild_index: bool) -> dict[str, float]:
    """Bring the Whoosh index up to date if asked: only the articles that changed are written
    again (index_sync); returns {"index": seconds}."""
    timings: dict[str, float] = {}
    with _timed(timings, "index"):
        if rebuild_index:
            from . import index_sync

            index_sync.sync_index(corpus, config.index_dir, config.jobs, config.taxonomy_path)
    return timings


def read_cached(corpus: Corpus, cache: ReadCache, jobs: int) -> tuple[list[SourceArticle], list[Problem]]:
    """readers.read_corpus, with each file's reading stored under a key of its bytes: only new
    or changed files are read again, on `jobs` processes."""
    from . import readers

    keys = [cache.key(corpus.folder, path) for path in corpus.files]

    def read_missing(todo: list[int]) -> list[tuple[SourceArticle | None, list[Problem]]]:
        return map_pool(readers.read_file, [corpus.files[i] for i in todo], corpus.folder, jobs)

    found = through_each(cache, keys, read_missing)
    return readers.read_corpus(corpus.folder, lambda func, paths, shared: found, paths=corpus.files)


def extract_cached(sources: Sequence[SourceArticle], taxonomy: Any, cache: ExtractionCache, jobs: int,
                   show_bar: bool) -> tuple[list[ExtractedArticle], list[str]]:
    """extract_articles(), with each article's result stored under a key of its text, the
    taxonomy and the package: only new or changed articles are extracted. Returns the
    results and their keys, in source order."""
    keys = [cache.key(source) for source in sources]

    def extract_missing(todo: list[int]) -> list[ExtractedArticle]:
        return extract_articles([sources[i] for i in todo], taxonomy, jobs, show_bar)

    extracted = through_each(cache, keys, extract_missing)
    return extracted, keys


def extract_articles(sources: Sequence[SourceArticle], taxonomy: Any, jobs: int, show_bar: bool) -> list[ExtractedArticle]:
    from .extract import extract_article

    with progress("extract", len(sources), show_bar) as advance:
        return map_pool(extract_article, sources, taxonomy, jobs, advance)


def map_pool(
    func: Callable[[T, Any], R], items: Sequence[T], shared: Any, jobs: int,
    advance: Callable[[int], None] = lambda n: None,
) -> list[R]:
    """[func(item, shared) for item in items], on `jobs` processes when that pays; order kept."""
    if jobs <= 1 or len(items) < POOL_MIN:
        results = []
        for item in items:
            results.append(func(item, shared))
            advance(1)
        return results
    size = math.ceil(len(items) / (jobs * CHUNKS_PER_JOB))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    results = []
    with pool(jobs) as workers:
        for done in workers.map(_run_chunk, repeat(func), repeat(shared), chunks):
            results.extend(done)
            advance(len(done))
    return results


def _run_chunk(func: Callable[[T, Any], R], shared: Any, chunk: Sequence[T]) -> list[R]:
    return [func(item, shared) for item in chunk]


def _index_fingerprint(corpus: Corpus, keys: list[str]) -> str:
    """Everything records and the Whoosh index are made from: articles, aliases, our code."""
    aliases = hash_files([corpus.aliases]) if corpus.aliases else ""
    return hash_text(package_hash(), aliases, *keys)


def _site_fingerprint(config: SiteConfig, corpus: Corpus, index_fp: str) -> str:
    """...plus templates, static files, the about page and the settings that reach pages."""
    inputs = [config.templates_dir, config.static_dir, config.taxonomy_path] + ([corpus.about] if corpus.about else [])
    return hash_text(index_fp, hash_files(inputs), repr(config.base_url))
