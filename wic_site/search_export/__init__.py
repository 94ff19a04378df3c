"""The browser's search index, made from the records as Whoosh indexes them, as small
self-registering scripts.

  fileformat    what each search/ file holds, and the writing of shards (see its docstring)
  postings      postings and field lengths counted as Whoosh counts them, the statistics
                BM25F weighs them with, and the head of a long posting list
  analysis      every passage's postings and positions, made whole or patched where
                passages changed
  from_records  the passages half: d/, g/, p/, f/
  terms         the terms half: t/, u/, x/, l/, v/ and the manifest

It reads no Whoosh index: Whoosh and the export can run side by side. Given a folder, the
export keeps there what it made (the analysis and the term entries) and the next build
re-makes only what changed passages touch; every file is still written whole, as a fresh
build writes it. What one query costs the browser is measured in benchmarks/query_cost.py.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ..models import Records
from ..writer import SiteWriter
from .fileformat import Emit, count_shards, fnv1a
from .from_records import FromRecords, export_from_records
from .terms import export_terms

__all__ = ["FromRecords", "count_shards", "export", "fnv1a", "write_client_index"]

STATE_FILE = "search-export.pickle"


def write_client_index(records: Records, hints: dict, site: SiteWriter, keep_in: Path | None = None) -> None:
    """Write every search/ script into the site as soon as it is complete. hints: the facet
    labels and synonyms search_labels.hints_of() gives; keep_in: a folder where the export
    keeps what it made for the next build."""
    export(records, hints, lambda name, text: site.write(f"search/{name}.js", text), keep_in)


def export(records: Records, hints: dict, emit: Emit, keep_in: Path | None = None) -> None:
    """Hand each search/ script to emit(name without .js, text) as soon as it is complete.

    The parts go one after another so that only one of their large structures lives at a time:
    passages and facet files, positions (p/) with the postings counted, forms (f/), terms (u/
    as each term is made, then t/ and x/), the manifest. Hashed shards wait for their part's
    total size (their count), so a part keeps its values as compact JSON until then."""
    signature = _signature(records)
    previous = _load(keep_in, signature)
    made = export_from_records(records, emit, previous and previous[0])
    entries = export_terms(records, made, hints, emit, previous and previous[1])
    _save(keep_in, signature, (made.index, entries))


def _signature(records: Records) -> bytes:
    """What the kept term entries depend on besides the passages: the code, and the speaker
    names, years and topics their facet counts name."""
    from ..cache import package_hash

    facts = (package_hash(), sorted((s.id, s.name) for s in records.speakers),
             sorted({str(a.year) for a in records.articles if a.year is not None}), sorted(t.id for t in records.topics))
    return hashlib.blake2b(repr(facts).encode("utf-8"), digest_size=16).digest()


def _load(folder: Path | None, signature: bytes):
    """What the last export kept, if it was made by this code for these names, years and
    topics; else None (a missing or unreadable file is only a slower build)."""
    if folder is None:
        return None
    try:
        with open(Path(folder) / STATE_FILE, "rb") as f:
            kept_signature, kept = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None
    return kept if kept_signature == signature else None


def _save(folder: Path | None, signature: bytes, kept) -> None:
    if folder is None:
        return
    path = Path(folder) / STATE_FILE
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as f:
        pickle.dump((signature, kept), f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, path)
