"""`python -m benchmarks.index_sync --articles 1000`: a fresh Whoosh index vs an update in place.

Writes N synthetic articles (benchmarks.synth), extracts them once (the build cache keeps
the result), then prints the seconds of a fresh index (`sync_index` with none: `build_index`
and the digests) and of `sync_index` after one paragraph of one article was edited (five
articles in turn: the segments they sit in differ in size). Figures, not a timed test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from . import synth

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EDITS = 5


def corpus_records(corpus: Path, cache_dir: Path, jobs: int = 1):
    """The records of the articles in `corpus`, through the build's read and extraction caches."""
    from wic_site import records
    from wic_site.cache import ExtractionCache, ReadCache
    from wic_site.config import load_config
    from wic_site.extract.topics import load_taxonomy
    from wic_site.pipeline import extract_cached, read_cached, scan_corpus

    config = load_config(corpus, cache_dir / "site", cache_dir / "index", jobs=jobs, quiet=True)
    found = scan_corpus(config)
    sources, _ = read_cached(found, ReadCache(cache_dir), jobs)
    taxonomy = load_taxonomy(config.taxonomy_path)
    extracted, _ = extract_cached(sources, taxonomy, ExtractionCache(cache_dir, config.taxonomy_path), jobs, False)
    assembled, _ = records.assemble(extracted, taxonomy, records.load_aliases(found.aliases))
    return assembled


def with_edited_paragraph(recs, index: int, paragraph: int, text: str):
    """recs with one paragraph of the index-th article replaced by `text`."""
    articles = list(recs.articles)
    paragraphs = list(articles[index].paragraphs)
    paragraphs[paragraph] = text
    articles[index] = replace(articles[index], paragraphs=tuple(paragraphs))
    return replace(recs, articles=tuple(articles))


def segment_sizes(index_dir: Path) -> list[int]:
    from whoosh import index

    with index.open_dir(str(index_dir)).reader() as reader:
        return [leaf.doc_count_all() for leaf, _ in reader.leaf_readers()]


def main(argv: list[str] | None = None) -> int:
    from wic_site.index_sync import sync_index

    p = argparse.ArgumentParser(prog="python -m benchmarks.index_sync")
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "wic-bench"))
    args = p.parse_args(argv)
    work = Path(args.work)
    corpus = work / f"corpus-{args.articles}"
    synth.write_corpus(corpus, args.articles, SEEDS)
    recs = corpus_records(corpus, work / f"sync-cache-{args.articles}", args.jobs)
    passages = sum(len(a.paragraphs) for a in recs.articles)
    print(f"{len(recs.articles)} articles, {passages} passages, jobs={args.jobs}")
    index_dir = work / f"sync-index-{args.articles}"
    shutil.rmtree(index_dir, ignore_errors=True)
    start = time.perf_counter()
    said = sync_index(recs, index_dir, args.jobs)  # build_index, and the digests beside it
    fresh = time.perf_counter() - start
    print(f"sync_index with no index: {fresh:.2f} s ({said}), segments {segment_sizes(index_dir)}", flush=True)
    times = []
    for k in range(EDITS):  # articles spread over the corpus: their segments differ in size
        at = (2 * k + 1) * len(recs.articles) // (2 * EDITS)
        edited = with_edited_paragraph(recs, at, 0, recs.articles[at].paragraphs[0] + " Edited once.")
        start = time.perf_counter()
        said = sync_index(edited, index_dir, args.jobs)
        times.append(time.perf_counter() - start)
        print(f"sync_index after a paragraph of article {at} was edited: {times[-1]:.2f} s ({said})", flush=True)
        sync_index(recs, index_dir, args.jobs)  # back to the corpus as written
    mean = sum(times) / len(times)
    print(f"sync_index after one edit: mean {mean:.2f} s (min {min(times):.2f}, max {max(times):.2f}); "
          f"mean sync / fresh: {mean / fresh:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
