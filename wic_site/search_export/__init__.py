"""The browser's search index, exported from the Whoosh index as small self-registering scripts.

  fileformat    what each search/ file holds, and the writing of shards (see its docstring)
  from_records  the half made from the records alone (d/, g/, p/, f/)
  postings      postings read from Whoosh and scored as a search scores them (the only
                user of Whoosh internals)
  from_index    the half read from the Whoosh index (t/, u/, x/, index.js)

What one query costs the browser is measured in benchmarks/query_cost.py.
"""

from __future__ import annotations

from pathlib import Path

from ..models import Records
from ..writer import SiteWriter
from .fileformat import Emit, count_shards, fnv1a
from .from_index import export_from_index
from .from_records import FromRecords, export_from_records

__all__ = ["FromRecords", "count_shards", "export", "export_from_index", "export_from_records", "fnv1a",
           "write_client_index", "write_from_index", "write_from_records"]


def write_client_index(index_dir: Path, records: Records, site: SiteWriter) -> None:
    """Write every search/ script into the site as soon as it is complete."""
    write_from_index(index_dir, records, write_from_records(records, site), site)


def write_from_records(records: Records, site: SiteWriter) -> FromRecords:
    """The half of write_client_index that needs no Whoosh index."""
    return export_from_records(records, _site_emit(site))


def write_from_index(index_dir: Path, records: Records, from_records: FromRecords, site: SiteWriter) -> None:
    """The half of write_client_index that reads the Whoosh index."""
    export_from_index(index_dir, records, from_records, _site_emit(site))


def _site_emit(site: SiteWriter) -> Emit:
    return lambda name, text: site.write(f"search/{name}.js", text)


def export(index_dir: Path, records: Records, emit: Emit) -> None:
    """Hand each search/ script to emit(name without .js, text) as soon as it is complete.

    The parts go one after another so that only one of their large structures lives at a time:
    passages and facet files, positions (p/), forms (f/), terms (u/ as each term is read, then t/
    and x/), the manifest. Hashed shards wait for their part's total size (their count), so a
    part keeps its values as compact JSON until then, never as lists of tuples.

    Two halves: export_from_records needs no Whoosh index, so the build runs it while Whoosh
    indexes, and hands its small result to export_from_index."""
    export_from_index(index_dir, records, export_from_records(records, emit), emit)
