"""The browser's search index, made from the records as Whoosh indexes them, as small
self-registering scripts.

  fileformat    what each search/ file holds, and the writing of shards (see its docstring)
  postings      postings and field lengths counted as Whoosh counts them, the statistics
                BM25F weighs them with, and the head of a long posting list
  from_records  the passages half: d/, g/, p/, f/, counting every term's postings on the way
  terms         the terms half: t/, u/, x/, l/, v/ and the manifest

It reads no Whoosh index: Whoosh and the export can run side by side. What one query costs
the browser is measured in benchmarks/query_cost.py.
"""

from __future__ import annotations

from ..models import Records
from ..writer import SiteWriter
from .fileformat import Emit, count_shards, fnv1a
from .from_records import FromRecords, export_from_records
from .terms import export_terms

__all__ = ["FromRecords", "count_shards", "export", "fnv1a", "write_client_index"]


def write_client_index(records: Records, hints: dict, site: SiteWriter) -> None:
    """Write every search/ script into the site as soon as it is complete. hints: the facet
    labels and synonyms search_labels.hints_of() gives."""
    export(records, hints, lambda name, text: site.write(f"search/{name}.js", text))


def export(records: Records, hints: dict, emit: Emit) -> None:
    """Hand each search/ script to emit(name without .js, text) as soon as it is complete.

    The parts go one after another so that only one of their large structures lives at a time:
    passages and facet files, positions (p/) with the postings counted, forms (f/), terms (u/
    as each term is made, then t/ and x/), the manifest. Hashed shards wait for their part's
    total size (their count), so a part keeps its values as compact JSON until then."""
    export_terms(records, export_from_records(records, emit), hints, emit)
