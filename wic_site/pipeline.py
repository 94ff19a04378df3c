"""build(config) -> BuildReport: the stages in order, and the only place that calls them.

Stages: read -> extract -> index -> render -> write. Reading and extraction run on a process
pool (config.jobs), and extraction reuses cached results for articles whose text did not
change. The index (Whoosh, then the browser's export of it) needs no page and the pages need
no index, so on several cores the index is made in a process beside render and write. The
index and the site are skipped when everything they are made from is as it was at the last
build (see cache.py). A build with jobs=1 writes the same bytes as one with many.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from pathlib import Path
from typing import Any, TypeVar

from .cache import PACKAGE_DIR, BuildState, ExtractionCache, ReadCache, cache_dir_for, hash_files, hash_text
from .config import SiteConfig
from .models import ExtractedArticle, Problem, Records, SourceArticle
from .progress import bar_wanted, progress

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


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def build(config: SiteConfig) -> BuildReport:
    from . import records
    from .extract.topics import load_taxonomy

    timings: dict[str, float] = {}
    show_bar = bar_wanted(config.quiet)
    cache_dir = cache_dir_for(config.index_dir)
    state = BuildState(cache_dir, config.index_dir, config.out_dir)
    with _timed(timings, "read"):
        sources, problems = read_all(config.corpus_dir, ReadCache(cache_dir), config.jobs)
    with _timed(timings, "extract"):
        taxonomy = load_taxonomy(config.taxonomy_path)
        cache = ExtractionCache(cache_dir, config.taxonomy_path)
        extracted, keys = extract_all(sources, taxonomy, cache, config.jobs, show_bar)
        corpus, id_problems = records.assemble(extracted, taxonomy, records.load_aliases(config.aliases_path))
        problems += id_problems
        del extracted  # the records hold all the later stages need; free it before index and render
    index_fp = _index_fingerprint(config, keys)
    site_fp = _site_fingerprint(config, index_fp)
    rebuild_index = not state.index_current(index_fp, config.index_dir)
    if rebuild_index:
        state.save(None, None, config.out_dir)  # a build that fails half-way must not look current
    if state.site_current(site_fp, config.out_dir):
        timings.update(_search_stage(config, corpus, rebuild_index, None), render=0.0, write=0.0)
    else:
        _write_site(config, corpus, rebuild_index, timings)
    state.save(index_fp, site_fp, config.out_dir)
    return BuildReport(records=corpus, problems=problems, timings={stage: timings[stage] for stage in STAGES})


def _write_site(config: SiteConfig, corpus: Records, rebuild_index: bool, timings: dict[str, float]) -> None:
    """The pages need no search index and the index needs no page, so on several cores the
    index is made in a process beside the page render. The browser's export of it comes in
    two halves: the one made from the records alone (passages, facets, positions, forms) is
    written here first, while Whoosh indexes, and its time counts in `render` (static files,
    as the pages are); its small result goes to the side process, which writes the half read
    from the Whoosh index, and that time counts in `index` with the Whoosh index's."""
    from . import records, render, search_export, writer

    with writer.staged_site(config.out_dir) as site, _side_process(config.jobs > 1) as (side, handover):
        # The export's files all lie under search/, where no page goes, so it writes them itself.
        searched = side(_search_stage, config, corpus, rebuild_index, site.share(), handover.get)
        with _timed(timings, "render"):
            _hand_over(handover, lambda: search_export.write_from_records(corpus, site))
            render.render_site(corpus, config, site)
        with _timed(timings, "write"):
            records.write_records(corpus, site)
        timings.update(searched())


def _hand_over(handover: Any, make: Callable[[], Any]) -> None:
    """Put make()'s result in `handover`; if make() fails, put None, so the side process stops
    waiting for it (and its pool can shut down)."""
    try:
        result = make()
    except BaseException:
        handover.put(None)
        raise
    handover.put(result)


def _search_stage(config: SiteConfig, corpus: Records, rebuild_index: bool, site: Any,
                  from_records: Callable[[], Any] | None = None) -> dict[str, float]:
    """Rebuild the Whoosh index if asked, then, given a site (a SiteWriter), write into it the
    half of the browser's index read from the Whoosh index, with the other half's result
    from_records() (it waits for it); returns {"index": seconds}."""
    timings: dict[str, float] = {}
    with _timed(timings, "index"):
        if rebuild_index:
            from . import search_index

            search_index.build_index(corpus, config.index_dir, config.jobs, config.taxonomy_path)
        if site is not None:
            from . import search_export

            made = from_records()
            if made is not None:  # None: the other half failed, and the build with it
                search_export.write_from_index(config.index_dir, corpus, made, site)
    return timings


@contextmanager
def _side_process(wanted: bool) -> Iterator[tuple[Callable[..., Callable[[], Any]], Any]]:
    """(side, handover). side(func, *args) starts func(*args) in a process of its own when
    wanted (else runs it here when its result is asked for) and returns a callable that waits
    for its result. The arguments reach the process as its initializer's (inherited on fork),
    not pickled through a queue: they are the whole corpus. handover is a queue made before
    the fork, for a small value the process waits for (put() never blocks)."""
    if not wanted:
        import queue

        yield (lambda func, *args: partial(func, *args)), queue.SimpleQueue()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pools: list[ProcessPoolExecutor] = []

    def side(func: Callable[..., Any], *args: Any) -> Callable[[], Any]:
        pools.append(ProcessPoolExecutor(max_workers=1, initializer=_hold_call, initargs=(func, args)))
        return pools[-1].submit(_run_held_call).result

    try:
        yield side, multiprocessing.Queue()
    finally:
        for pool in pools:
            pool.shutdown()


_held_call: tuple[Callable[..., Any], tuple] | None = None


def _hold_call(func: Callable[..., Any], args: tuple) -> None:
    global _held_call
    _held_call = (func, args)


def _run_held_call() -> Any:
    assert _held_call is not None
    func, args = _held_call
    return func(*args)


def read_all(corpus_dir: Path, cache: ReadCache, jobs: int) -> tuple[list[SourceArticle], list[Problem]]:
    """readers.read_corpus on `jobs` processes, or its stored result when no article file
    changed by a byte."""
    from . import readers

    def read() -> tuple[list[SourceArticle], list[Problem]]:
        return readers.read_corpus(corpus_dir, lambda func, paths, shared: map_pool(func, paths, shared, jobs))

    try:
        key = cache.key(corpus_dir, readers.discover(corpus_dir))
    except OSError:
        return read()  # the reader reports unreadable files itself
    found = cache.get(key)
    if found is not None:
        return found
    result = read()
    cache.put(key, result)
    return result


def extract_all(
    sources: Sequence[SourceArticle], taxonomy: Any, cache: ExtractionCache, jobs: int, show_bar: bool
) -> tuple[list[ExtractedArticle], list[str]]:
    """Extract every article, reusing cached results; returns (extracted, cache keys) in source order."""
    from .extract import extract_article

    keys = [cache.key(source) for source in sources]
    found = [cache.get(key) for key in keys]
    todo = [i for i, hit in enumerate(found) if hit is None]
    with progress("extract", len(todo), show_bar) as advance:
        fresh = map_pool(extract_article, [sources[i] for i in todo], taxonomy, jobs, advance)
    for i, result in zip(todo, fresh):
        found[i] = result
        cache.put(keys[i], result)
    if todo:
        cache.prune(set(keys))
    return found, keys  # type: ignore[return-value]


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
    from concurrent.futures import ProcessPoolExecutor

    size = math.ceil(len(items) / (jobs * CHUNKS_PER_JOB))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    results = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for done in pool.map(_run_chunk, repeat(func), repeat(shared), chunks):
            results.extend(done)
            advance(len(done))
    return results


def _run_chunk(func: Callable[[T, Any], R], shared: Any, chunk: Sequence[T]) -> list[R]:
    return [func(item, shared) for item in chunk]


def _index_fingerprint(config: SiteConfig, keys: list[str]) -> str:
    """Everything records and the Whoosh index are made from: articles, aliases, our code."""
    inputs = [PACKAGE_DIR] + ([config.aliases_path] if config.aliases_path else [])
    return hash_text(hash_files(inputs), *keys)


def _site_fingerprint(config: SiteConfig, index_fp: str) -> str:
    """...plus templates, static files, the about page and the settings that reach pages."""
    about = Path(config.corpus_dir) / "about.md"
    inputs = [config.templates_dir, config.static_dir, config.taxonomy_path, about]
    return hash_text(index_fp, hash_files(inputs), repr(config.base_url))
