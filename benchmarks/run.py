"""`python -m benchmarks.run --articles 1000 10000`: build synthetic corpora and print a table.

For the five seeds and for each N: a full build from scratch (`python build.py`, process
start included) with per-stage times, peak RSS, output size, pages, index shards and the bytes
a browser fetches for a one- and a three-word query; then a rebuild with nothing changed, one
after a word of one article was replaced (no passage renumbers) and one after a paragraph was
appended to it (every later passage renumbers); and, where asked, MkDocs on the same texts. Last, one
article of 5 MB (the suite builds a smaller one: tests/test_hostile.py).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import index_probe, mkdocs_compare, synth
from .measure import folder_stats, parse_stage_timings, python_cmd, run_measured

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
STAGES = ("read", "extract", "index", "render", "write")


QUERIES = ["cybersecurity", "digital economy cooperation", "internet china", "cyberspace governance security",
           "year:2018 internet governance"]


@dataclass
class Row:
    label: str
    articles: int
    stages: dict[str, float]
    wall: float
    tree_rss_mib: float
    max_rss_mib: float
    output_bytes: int
    pages: int
    shards: int | None
    query_bytes: dict[str, list[int]]  # query -> [bytes fetched, gzipped, with facet counts asked]
    unchanged_wall: float | None = None
    one_changed_wall: float | None = None  # a paragraph appended to one article: later passages renumber
    one_changed_stages: dict[str, float] = field(default_factory=dict)
    one_edited_wall: float | None = None  # a word of one article replaced: no passage renumbers
    one_edited_stages: dict[str, float] = field(default_factory=dict)
    mkdocs_wall: float | None = None
    whoosh_floor: float | None = None  # Whoosh alone indexing the same passages, on the same cores
    tree_pss_mib: float = math.nan  # the tree's RSS counts pages shared by fork once per process


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    build_py = snapshot_code(work / "code")
    rows = []
    for count in [5, *args.articles]:
        corpus = SEEDS if count == 5 else work / f"corpus-{count}"
        if count != 5:
            synth.write_corpus(corpus, count, SEEDS)
        row = bench_corpus(build_py, corpus, count, work / f"build-{count}", args)
        if count != 5:
            row.whoosh_floor = whoosh_floor(corpus, work / "probe-index", args.jobs or os.cpu_count() or 1)
        if count in args.mkdocs_at and mkdocs_compare.mkdocs_available():
            row.mkdocs_wall = mkdocs_compare.build_with_mkdocs(corpus, work / f"build-{count}").wall
        rows.append(row)
        print(f"  done: {row.label}: {row.wall:.2f} s", flush=True)
    print(format_tables(rows))
    if args.big_article_mb > 0:
        print(bench_big_article(build_py, work / "big-article", args.big_article_mb))
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in rows], indent=2, sort_keys=True))
    return 0


def whoosh_floor(corpus: Path, folder: Path, procs: int) -> float:
    """Seconds Whoosh alone takes to index the corpus' passages (benchmarks/index_probe.py's
    fastest settings): the floor of any build that keeps Whoosh as its engine."""
    docs = index_probe.passages(corpus)
    return index_probe.time_variant(docs, folder, procs, multisegment=procs > 1, stored=False, limitmb=128)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, nargs="+", default=[2000], metavar="N",
                   help="synthetic corpus sizes (the five seeds always run first)")
    p.add_argument("--jobs", type=int, help="worker processes for the build (default: all cores)")
    p.add_argument("--mkdocs-at", type=int, nargs="*", default=[5, 2000], metavar="N",
                   help="sizes also built with MkDocs (default 5 2000; empty to skip)")
    p.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "wic-bench"), metavar="DIR",
                   help="scratch folder for corpora and builds (default: $TMPDIR/wic-bench)")
    p.add_argument("--queries", nargs="+", default=QUERIES, metavar="Q",
                   help="queries whose cost to the browser is measured (default: " + ", ".join(QUERIES) + ")")
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    p.add_argument("--big-article-mb", type=float, default=5, metavar="MB",
                   help="also build one article this large (default 5; 0 to skip)")
    return p


def snapshot_code(dest: Path) -> Path:
    """Copy the code under test, so every build of a run measures the same version even while
    the working tree changes (and the cache is not invalidated halfway). Returns its build.py."""
    shutil.rmtree(dest, ignore_errors=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("wic_site", "templates", "static"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=skip)
    shutil.copy2(ROOT / "build.py", dest / "build.py")
    return dest / "build.py"


def bench_corpus(build_py: Path, corpus: Path, count: int, build_dir: Path, args) -> Row:
    shutil.rmtree(build_dir, ignore_errors=True)
    build_dir.mkdir(parents=True)
    site, index = build_dir / "site", build_dir / "index"
    cmd = python_cmd(str(build_py), "--seeds", str(corpus), "--out", str(site),
                     "--index", str(index), "--verbose")
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    full = _checked(run_measured(cmd, cwd=build_dir))
    size, pages = folder_stats(site)
    # The build runs from the snapshot; these measures come from the working tree's search_export.
    row = Row(
        label="seeds" if corpus == SEEDS else "synthetic", articles=count,
        stages=parse_stage_timings(full.stdout), wall=full.wall, tree_rss_mib=full.tree_rss_mib,
        max_rss_mib=full.max_rss_mib, tree_pss_mib=full.tree_pss_mib, output_bytes=size, pages=pages, shards=count_shards(site),
        query_bytes={q: query_bytes(site, q) for q in args.queries},
    )
    row.unchanged_wall = _checked(run_measured(cmd, cwd=build_dir)).wall
    if corpus != SEEDS:
        victim = sorted(corpus.glob("*.txt"))[count // 2]
        for attribute, change in (("one_changed", _append_paragraph), ("one_edited", _edit_a_word)):
            run = _rebuilt_after(victim, change, cmd, build_dir)
            setattr(row, f"{attribute}_wall", run.wall)
            setattr(row, f"{attribute}_stages", parse_stage_timings(run.stdout))
    return row


def _append_paragraph(text: bytes) -> bytes:
    return text + b"\nA late paragraph was added to this article for the rebuild test.\n"


def _edit_a_word(text: bytes) -> bytes:
    at = text.index(b" the ", len(text) // 2)
    return text[:at] + b" this " + text[at + len(b" the "):]


def _rebuilt_after(victim: Path, change, cmd: list[str], build_dir: Path):
    """The build after `change` to one article's bytes; the article is restored afterwards and
    the site rebuilt, so the next measure starts from the unchanged corpus."""
    original = victim.read_bytes()
    victim.write_bytes(change(original))
    try:
        return _checked(run_measured(cmd, cwd=build_dir))
    finally:
        victim.write_bytes(original)
        _checked(run_measured(cmd, cwd=build_dir))


def write_big_article(path: Path, size: int) -> None:
    """A long report of distinct paragraphs (so nothing dedupes), quotes and figures included."""
    head = "World Internet Conference\n\nA Very Long Report From Wuzhen\n\n2019-10-20 Source: Example Daily\n\n"
    parts, n, total = [head], 0, len(head)
    while total < size:
        n += 1
        parts.append(
            f"Session {n} of the forum heard that {n % 97 + 3} percent of firms now share data across borders. "
            f'"Cooperation in session {n} matters," said Delegate{"abcdefghij"[n % 10]} Example{n % 7}, '
            f"an official of the Example Ministry, as the session moved on to item {n * 7}.\n\n"
        )
        total += len(parts[-1])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(parts), encoding="utf-8")


def bench_big_article(build_py: Path, work: Path, megabytes: float) -> str:
    shutil.rmtree(work, ignore_errors=True)
    write_big_article(work / "corpus" / "long.txt", int(megabytes * 1024 * 1024))
    cmd = python_cmd(str(build_py), "--seeds", str(work / "corpus"), "--out", str(work / "site"),
                     "--index", str(work / "index"), "--verbose")
    run = _checked(run_measured(cmd, cwd=work))
    stages = parse_stage_timings(run.stdout)
    parts = ", ".join(f"{stage} {_sec(stages.get(stage))}" for stage in STAGES)
    return f"\none {megabytes:g} MB article: {_sec(run.wall)} ({parts}), peak RSS {run.tree_rss_mib:.0f} MiB"


def _checked(run):
    if run.returncode != 0:
        raise SystemExit(f"benchmarks: build failed (exit {run.returncode}):\n{run.stderr[-3000:]}")
    return run


def count_shards(site: Path) -> int | None:
    """Index shards as the search helper's client index reports them, if it can."""
    from wic_site.search_export import count_shards as count

    return count(site)


def query_bytes(site: Path, query: str) -> list[int]:
    """[bytes, gzipped bytes] the browser fetches to show `query`'s first results on the built
    site, and the bytes once the reader also asks for a compound query's facet counts."""
    from benchmarks.query_cost import bytes_for_query, files_for_query, sizes_of

    return [*sizes_of(site, files_for_query(site, query)), bytes_for_query(site, query, counted=True)]


def format_tables(rows: list[Row]) -> str:
    head = ["articles", *STAGES, "total wall", "peak RSS (tree / 1 proc)", "peak PSS (tree)", "output", "pages",
            "shards"]
    lines = [_md_row(head), _md_row(["---:"] * len(head))]
    for r in rows:
        lines.append(_md_row([
            f"{r.articles} ({r.label})", *[_sec(r.stages.get(s)) for s in STAGES], _sec(r.wall),
            f"{r.tree_rss_mib:.0f} / {_num(r.max_rss_mib)} MiB", f"{_num(r.tree_pss_mib)} MiB",
            _size(r.output_bytes), str(r.pages),
            _num(r.shards),
        ]))
    head2 = ["articles", "full", "no-change rebuild", "% of full", "a word edited", "% of full",
             "a paragraph appended", "% of full", "MkDocs (search on)", "wic-site / MkDocs", "Whoosh alone",
             "wic-site / Whoosh"]
    lines += ["", _md_row(head2), _md_row(["---:"] * len(head2))]
    for r in rows:
        lines.append(_md_row([
            str(r.articles), _sec(r.wall), _sec(r.unchanged_wall),
            f"{100 * r.unchanged_wall / r.wall:.0f} %" if r.unchanged_wall else "–",
            _sec(r.one_edited_wall), f"{100 * r.one_edited_wall / r.wall:.0f} %" if r.one_edited_wall else "–",
            _sec(r.one_changed_wall), f"{100 * r.one_changed_wall / r.wall:.0f} %" if r.one_changed_wall else "–",
            _sec(r.mkdocs_wall), f"{r.wall / r.mkdocs_wall:.2f}" if r.mkdocs_wall else "–",
            _sec(r.whoosh_floor), f"{r.wall / r.whoosh_floor:.2f}" if r.whoosh_floor else "–",
        ]))
    lines += _query_table(rows)
    lines += _scaling(rows)
    return "\n".join(lines)


def _query_table(rows: list[Row]) -> list[str]:
    """What each query costs the browser: files as stored, gzipped as a static host serves
    them, and with a compound query's facet counts asked for."""
    head = ["articles", "query", "fetched", "gzipped", "with facet counts"]
    lines = ["", _md_row(head), _md_row(["---:", "---", "---:", "---:", "---:"])]
    for r in rows:
        for query, (raw, gzipped, counted) in r.query_bytes.items():
            lines.append(_md_row([str(r.articles), f"`{query}`", _size(raw), _size(gzipped),
                                  _size(counted) if counted != raw else "same"]))
    return lines


def _scaling(rows: list[Row]) -> list[str]:
    by_n = {r.articles: r.wall for r in rows}
    return [f"\n{n * 10} vs {n} articles: {by_n[n * 10] / by_n[n]:.1f}x the time (target <= 11x)"
            for n in sorted(by_n) if n * 10 in by_n]


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _sec(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def _num(value: float | int | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.0f}"


def _size(n: int | None) -> str:
    if n is None:
        return "–"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


if __name__ == "__main__":
    raise SystemExit(main())
