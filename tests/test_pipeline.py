"""The pipeline's speed features keep the output honest: a parallel build writes the same bytes
as a serial one, and a rebuild reuses only what really did not change."""

from __future__ import annotations

import io
import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks import synth
from wic_site import render
from wic_site.cache import cache_dir_for
from wic_site.config import PARALLEL_MIN_ARTICLES, load_config
from wic_site.pages import PagePlan
from wic_site.pipeline import POOL_MIN, build, map_pool
from wic_site.progress import bar_wanted

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree_mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def cache_entries(index_dir: Path) -> set[str]:
    return {p.name for p in (cache_dir_for(index_dir) / "extract").rglob("*") if p.is_file()}


def seed_config(tmp_path: Path, name: str = "build", corpus: Path | None = None, jobs: int = 1,
                parallel_from: int = PARALLEL_MIN_ARTICLES):
    """A config for the seeds (or `corpus`); parallel_from=2 builds even them on several processes."""
    if corpus is None:
        corpus = tmp_path / "corpus"
        if not corpus.exists():
            shutil.copytree(SEEDS, corpus)
    work = tmp_path / name
    config = load_config(corpus, work / "site", work / "index", jobs=jobs, quiet=True)
    return replace(config, parallel_min_articles=parallel_from, render_workers_min_articles=parallel_from)


def _pid(item: int, shared: int) -> tuple[int, int]:
    return item * shared, os.getpid()


def test_map_pool_keeps_order_and_uses_other_processes():
    items = list(range(POOL_MIN * 2))
    results = map_pool(_pid, items, 3, jobs=2)
    assert [value for value, _ in results] == [i * 3 for i in items]
    assert os.getpid() not in {pid for _, pid in results}
    assert {pid for _, pid in map_pool(_pid, items[:5], 3, jobs=2)} == {os.getpid()}  # small: in-process


def test_parallel_build_writes_the_same_bytes_as_serial(tmp_path, monkeypatch):
    # Enough articles that extraction really goes through the process pool; rendering does too.
    corpus = tmp_path / "synthetic"
    synth.write_corpus(corpus, POOL_MIN + 16, SEEDS)
    serial = build(seed_config(tmp_path, "serial", corpus, jobs=1))
    parallel = build(seed_config(tmp_path, "parallel", corpus, jobs=2, parallel_from=2))
    assert len(serial.records.articles) == POOL_MIN + 16
    assert parallel.records == serial.records
    assert tree_bytes(tmp_path / "parallel" / "site") == tree_bytes(tmp_path / "serial" / "site")


FORKS: list[int] = []
os.register_at_fork(before=lambda: FORKS.append(os.getpid()))  # counts this process's forks


def test_a_small_corpus_builds_in_one_process_and_writes_what_a_parallel_build_writes(tmp_path):
    """Below config.parallel_min_articles nothing is forked (no index or export process, no
    render worker): the same site, byte for byte, as the seeds built on several processes."""
    forks = len(FORKS)
    small = build(seed_config(tmp_path, "small", jobs=2))
    assert len(FORKS) == forks
    forced = build(seed_config(tmp_path, "forced", jobs=2, parallel_from=2))
    assert len(FORKS) > forks
    assert forced.records == small.records
    assert tree_bytes(tmp_path / "forced" / "site") == tree_bytes(tmp_path / "small" / "site")


def test_unchanged_rebuild_reuses_cache_index_and_site(tmp_path):
    config = seed_config(tmp_path)
    first = build(config)
    entries = cache_entries(config.index_dir)
    assert len(entries) == len(first.records.articles) == 5
    site_mtimes, index_mtimes = tree_mtimes(config.out_dir), tree_mtimes(config.index_dir)

    again = build(config)

    assert again.records == first.records
    assert cache_entries(config.index_dir) == entries
    assert tree_mtimes(config.index_dir) == index_mtimes  # Whoosh index not rewritten
    assert tree_mtimes(config.out_dir) == site_mtimes  # no page rewritten, no folder swapped


def test_changing_one_article_rereads_only_that_file(tmp_path, monkeypatch):
    from wic_site import readers

    config = seed_config(tmp_path)
    first = build(config)
    changed = sorted(config.corpus_dir.glob("*.txt"))[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA closing line added for the test.\n", encoding="utf-8")
    read = []
    real = readers.read_file
    monkeypatch.setattr(readers, "read_file", lambda path, corpus: read.append(path.name) or real(path, corpus))
    again = build(config)
    assert read == [changed.name]
    assert [a.id for a in again.records.articles] == [a.id for a in first.records.articles]
    assert again.problems == first.problems


def tree_inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_changing_one_article_reextracts_only_that_one(tmp_path, monkeypatch, jobs):
    config = seed_config(tmp_path, jobs=jobs, parallel_from=2)  # with 2 jobs, the render workers write
    build(config)
    before = cache_entries(config.index_dir)
    files_before = tree_inodes(config.out_dir)
    changed = sorted(config.corpus_dir.glob("*.txt"))[2]
    added = "Delegates toured an exhibition of undersea cable repair robots on the final afternoon."
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\n" + added + "\n", encoding="utf-8")

    report = build(config)

    after = cache_entries(config.index_dir)
    assert len(after - before) == 1 and len(before - after) == 1  # one new entry, the stale one pruned
    article = next(a for a in report.records.articles if a.source_file == changed.name)
    assert added in article.paragraphs
    page = config.out_dir / "articles" / article.id / "index.html"
    assert "undersea cable repair robots" in page.read_text(encoding="utf-8")
    # Files whose bytes did not change are the previous build's files, linked, not rewritten.
    files_after = tree_inodes(config.out_dir)
    kept = {path for path, inode in files_after.items() if files_before.get(path) == inode}
    assert page.relative_to(config.out_dir).as_posix() not in kept
    others = [a for a in report.records.articles if a.source_file != changed.name]
    assert {f"articles/{a.id}/index.html" for a in others} <= kept
    assert {"static/site.css", "static/search.js", "404.html"} <= kept
    # The incremental result is exactly what a build from scratch gives.
    fresh = build(seed_config(tmp_path, "fresh", config.corpus_dir))
    assert report.records == fresh.records
    assert tree_bytes(config.out_dir) == tree_bytes(tmp_path / "fresh" / "site")


def test_site_is_rebuilt_when_an_output_file_or_a_template_changes(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    config = replace(seed_config(tmp_path), templates_dir=templates)
    build(config)
    home = config.out_dir / "index.html"
    home.unlink()
    build(config)
    assert home.is_file()  # a damaged site is never taken for an up-to-date one

    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "<!-- footer note -->\n", encoding="utf-8")
    build(config)
    assert home.read_text(encoding="utf-8").rstrip().endswith("<!-- footer note -->")


def test_corrupt_cache_entries_are_extracted_again(tmp_path):
    config = seed_config(tmp_path)
    first = build(config)
    for entry in (cache_dir_for(config.index_dir) / "extract").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")
    shutil.rmtree(config.out_dir)
    again = build(config)
    assert again.records == first.records
    assert (config.out_dir / "index.html").is_file()


@pytest.mark.parametrize(
    ("quiet", "env", "expected"),
    [(False, {}, True), (True, {}, False), (False, {"CI": "true"}, False)],
)
def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch, quiet, env, expected):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert bar_wanted(quiet, Terminal()) is expected
    assert bar_wanted(False, io.StringIO()) is False  # piped: never a bar


def test_the_write_timer_covers_the_pages_and_the_corpus_is_walked_once(tmp_path, monkeypatch):
    """Pages are written as they are rendered; their writing time must count in `write`."""
    from wic_site import readers, writer

    pause = 0.01
    write, discover = writer.SiteWriter.write, readers.discover
    walks = []

    def slow_write(self, relpath, data):
        if relpath.endswith(".html"):
            time.sleep(pause)
        return write(self, relpath, data)

    monkeypatch.setattr(writer.SiteWriter, "write", slow_write)
    monkeypatch.setattr(readers, "discover", lambda folder: walks.append(folder) or discover(folder))
    config = seed_config(tmp_path)
    report = build(config)
    pages = len(list(config.out_dir.rglob("*.html")))
    assert report.timings["write"] >= pause * pages
    assert walks == [config.corpus_dir]


def test_render_workers_write_the_pages_and_the_write_timer_counts_them(tmp_path, monkeypatch):
    """With two jobs, the build process and one render worker each write the pages they
    render (none is sent back to be written); the time the worker spends writing still
    counts in `write`."""
    from wic_site import writer

    pause, main_pid, log = 0.01, os.getpid(), tmp_path / "writers.log"
    write = writer.SiteWriter.write

    def slow_logged_write(self, relpath, data):
        if relpath.endswith(".html"):
            time.sleep(pause)
            with open(log, "a", encoding="utf-8") as out:
                out.write(f"{os.getpid()} {relpath}\n")
        return write(self, relpath, data)

    monkeypatch.setattr(writer.SiteWriter, "write", slow_logged_write)
    config = seed_config(tmp_path, jobs=2, parallel_from=2)
    report = build(config)
    writers = dict(reversed(line.split(" ", 1)) for line in log.read_text(encoding="utf-8").splitlines())
    pages = {p.relative_to(config.out_dir).as_posix() for p in config.out_dir.rglob("*.html")}
    assert set(writers) == pages
    assert len(set(writers.values())) == 2 and str(main_pid) in writers.values()
    # Two processes write side by side: at least half the time they spent writing is wall time.
    assert report.timings["write"] >= pause * len(pages) / 2
    assert report.timings["render"] > 0


def _home_twice(plan_pages):
    """plan_pages, but the last share also claims the home page, under another case."""
    def plans(records, about=None, part=(0, 1), index=None):
        made = plan_pages(records, about, part, index)
        home = next(p for p in plan_pages(records, about, (0, part[1]), index) if p.key == "index.html").pages()[0]
        return made + [PagePlan.of(replace(home, path="INDEX.html"))] if part[0] == part[1] - 1 else made
    return plans


def _search_writes_a_page(write_client_index):
    def write(records, hints, site, keep_in=None):
        write_client_index(records, hints, site, keep_in)
        site.write("About/index.html", "not the about page")
    return write


@pytest.mark.parametrize("clash", ["two render workers", "the search export's process"])
def test_a_path_written_by_two_processes_fails_the_build_and_keeps_the_site(tmp_path, monkeypatch, clash):
    """Each process checks only its own paths as it writes; the listings they hand back are
    checked together before the swap."""
    from wic_site import search_export

    config = seed_config(tmp_path, jobs=2, parallel_from=2)
    build(config)
    before = tree_bytes(config.out_dir)
    (config.corpus_dir / "about.md").write_text("A new about page, so the site is built again.\n")
    if clash == "two render workers":
        monkeypatch.setattr(render, "plan_pages", _home_twice(render.plan_pages))
    else:
        monkeypatch.setattr(search_export, "write_client_index", _search_writes_a_page(search_export.write_client_index))
    with pytest.raises(ValueError, match="same path"):
        build(config)
    assert tree_bytes(config.out_dir) == before
    assert [p.name for p in tmp_path.iterdir() if ".staging" in p.name] == []
