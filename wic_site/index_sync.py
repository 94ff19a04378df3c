"""Write the passage index in segments of whole articles, and update it in place.

A score depends on which segment holds the passage, in its last bit: Whoosh adds a
passage's term scores in a tree of the query's terms that are present in its segment. So
the segments are a function of the records (`segment_runs`: runs of articles cut where an
article's id says, as rsync cuts files), and `sync_index` gives exactly what a fresh build
gives by keeping the segments whose run is unchanged and writing the others again. Beside
the index, DIGESTS_FILE holds a digest of each article's documents (written last, and
removed while a sync writes). Whoosh's deletions are not used: a deleted document counts in
doc frequencies and field-length totals until a merge, and a merge copies field lengths in
their one-byte form, so either would shift BM25F's idf and average length.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from whoosh import index
from whoosh.writing import SegmentWriter

from .cache import package_hash
from .errors import UserError
from .models import Records
from .search_index import iter_passages, make_schema, passage_document
from .workers import pool

DIGESTS_FILE = "articles.json"
SEGMENT_PASSAGES = 1_000  # a segment's mean size: what a sync writes again for one edit (see README)
LARGE_INDEX = 4_000  # passages; above this, several writer processes pay for their start-up
FRESH_SHARE = 0.25  # past this share of articles changed, a fresh build is as quick

Documents = dict[str, list[dict]]  # article id -> its passage documents, in records order


def build_fresh(records: Records, index_dir: Path, jobs: int | None = None, taxonomy_path: Path | None = None) -> None:
    """A new index of `records` in index_dir (see search_index.build_index)."""
    documents = article_documents(records)
    _build(records, index_dir, documents, _digests(documents), jobs, taxonomy_path)


def _build(records: Records, index_dir: Path, documents: Documents, digests: dict[str, str], jobs: int | None,
           taxonomy_path: Path | None) -> None:
    if index_dir.is_dir() and any(index_dir.iterdir()) and not index.exists_in(str(index_dir)):
        raise UserError(f"index folder {index_dir}: holds files that are no Whoosh index; choose another --index")
    shutil.rmtree(index_dir, ignore_errors=True)  # only ever an index we wrote
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"index folder {index_dir}: cannot be written ({exc.strerror})") from None
    _write_runs(index.create_in(str(index_dir), make_schema()), documents, set(documents), jobs)
    _finish(index_dir, records, digests, taxonomy_path)


def sync_index(records: Records, index_dir: Path, jobs: int | None = None, taxonomy_path: Path | None = None) -> str:
    """Leave in index_dir what build_index(records) would; returns "fresh" or "updated N articles"."""
    index_dir = Path(index_dir)
    documents = article_documents(records)
    before = _read_digests(index_dir)
    now = _digests(documents)
    touched = {a for a in before.keys() | now.keys() if before.get(a) != now.get(a)} if before is not None else set()
    if before is None or len(touched) > FRESH_SHARE * max(len(now), 1):
        _build(records, index_dir, documents, now, jobs, taxonomy_path)
        return "fresh"
    if touched:
        (index_dir / DIGESTS_FILE).unlink()  # half-written, the index must not look current
        _write_runs(index.open_dir(str(index_dir)), documents, touched, jobs)
    _finish(index_dir, records, now, taxonomy_path)
    return f"updated {len(touched)} articles"


def article_documents(records: Records) -> Documents:
    documents: Documents = {a.id: [] for a in records.articles}
    for passage in iter_passages(records):
        documents[passage.article].append(passage_document(passage))
    return documents


def segment_runs(documents: Documents) -> list[tuple[str, ...]]:
    """The articles with passages, in order, cut into runs of about SEGMENT_PASSAGES passages:
    past half that, a run ends after an article whose id hashes below its passage count
    (each passage then ends it with odds 2 / SEGMENT_PASSAGES), and at twice that it ends.
    Where a run ends depends on the articles near it, so an edit moves no cut far from it."""
    runs: list[tuple[str, ...]] = []
    run: list[str] = []
    size = 0
    for article, docs in documents.items():
        if not docs:
            continue
        run.append(article)
        size += len(docs)
        half = SEGMENT_PASSAGES // 2
        if size >= half and (_hash(article) % half < len(docs) or size >= 2 * SEGMENT_PASSAGES):
            runs.append(tuple(run))
            run, size = [], 0
    return runs + [tuple(run)] * bool(run)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _write_runs(ix: index.Index, documents: Documents, touched: set[str], jobs: int | None) -> None:
    """Make ix's segments the runs of `documents`: a segment whose articles are a run with
    none touched is kept, every other run is written (on up to `jobs` processes), the
    rest is dropped, all in one commit."""
    with ix.reader() as reader:
        held = {frozenset(leaf.field_terms("article")): leaf.segment().segment_id()
                for leaf, _ in reader.leaf_readers() if not leaf.has_deletions() and leaf.doc_count_all()}
    runs = segment_runs(documents)
    kept = {run: held[frozenset(run)] for run in runs if frozenset(run) in held and not touched & set(run)}
    todo = [[doc for article in run for doc in documents[article]] for run in runs if run not in kept]
    writer = ix.writer()  # holds the lock; the segments are written beside it, as Whoosh's MpWriter does
    try:
        procs = min(4, jobs or os.cpu_count() or 1)
        if procs > 1 and len(todo) > 1 and sum(map(len, todo)) >= LARGE_INDEX:
            with pool(min(procs, len(todo))) as workers:
                written = iter(list(workers.map(_write_segment, [ix.storage.folder] * len(todo), todo)))
        else:
            written = iter([_write_segment(ix.storage.folder, docs) for docs in todo])
    except BaseException:
        writer.cancel()
        raise

    def in_run_order(_writer, segments):
        by_id = {s.segment_id(): s for s in segments}
        return [by_id[kept[run]] if run in kept else next(written) for run in runs]

    writer.commit(mergetype=in_run_order)


def _write_segment(folder: str, docs: list[dict]):
    """One new segment of docs, not yet listed in the index (the caller's commit lists it)."""
    writer = SegmentWriter(index.open_dir(folder), _lk=False)
    for doc in docs:
        writer.add_document(**doc)
    return writer._finalize_segment()  # noqa: SLF001 -- what MpWriter's sub-writers call; whoosh is pinned to 2.7.*


def _finish(index_dir: Path, records: Records, digests: dict[str, str], taxonomy_path: Path | None) -> None:
    """The hints (search_labels) and, last, the digests: the index is then current."""
    from .config import SiteConfig
    from .search_labels import write_hints

    write_hints(index_dir, records, taxonomy_path or SiteConfig.taxonomy_path)
    path = index_dir / DIGESTS_FILE
    staged = path.with_name(path.name + ".tmp")
    staged.write_text(json.dumps({"version": _version(), "articles": digests}, sort_keys=True),
                      encoding="utf-8")
    os.replace(staged, path)


def _digests(documents: Documents) -> dict[str, str]:
    """Each article's documents, hashed."""
    def digest(docs: list[dict]) -> str:
        shown = [{k: v.decode() if isinstance(v, bytes) else v for k, v in doc.items()} for doc in docs]
        return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return {article: digest(docs) for article, docs in documents.items()}


def _version() -> dict:
    """What else an index is made with: our code and data, and the layout of its segments."""
    return {"package": package_hash(), "segment": SEGMENT_PASSAGES}


def _read_digests(index_dir: Path) -> dict[str, str] | None:
    """The digests of the index in index_dir, or None when they cannot be trusted."""
    try:
        if not index.exists_in(str(index_dir)):
            return None
        data = json.loads((index_dir / DIGESTS_FILE).read_text(encoding="utf-8"))
        if data["version"] != _version() or index.open_dir(str(index_dir)).schema.names() != make_schema().names():
            return None
        return dict(data["articles"])
    except (OSError, ValueError, KeyError, TypeError, index.IndexError):
        return None
