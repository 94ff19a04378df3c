"""A rebuild renders only the pages whose inputs changed, and its site is byte for byte the
site a fresh build of the same corpus writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks import synth
from wic_site import render
from wic_site.config import load_config
from wic_site.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SYNTHETIC = 6
CHANGED = "synth_00002.txt"
LATE_PARAGRAPH = "\nA late paragraph was added to this article after the first build.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    synth.write_corpus(folder, SYNTHETIC, SEEDS)
    return folder


def config_for(work: Path, corpus: Path, jobs: int = 1, **options):
    return load_config(corpus, work / "site", work / "index", jobs=jobs, quiet=True, cache=work / "cache", **options)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*.html")}


def change_one_article(corpus: Path) -> None:
    with open(corpus / CHANGED, "a", encoding="utf-8") as out:
        out.write(LATE_PARAGRAPH)


def article_pages(site: Path) -> dict[str, str]:
    """Corpus file -> its article page's file, from the site's own records.json."""
    records = json.loads((site / "data" / "records.json").read_text(encoding="utf-8"))
    return {a["source_file"]: a["url"] + "index.html" for a in records["articles"]}


def article_of(site: Path, source_file: str) -> str:
    return article_pages(site)[source_file]


@pytest.fixture
def rendered(tmp_path: Path, monkeypatch):
    """The paths of the pages rendered (by any process of the build) since the last call."""
    log = tmp_path / "rendered.log"
    render_page = render.render_page

    def logged(env, page, *args):
        with open(log, "a", encoding="utf-8") as out:  # workers fork from this process: a file sees them all
            out.write(page.path + "\n")
        return render_page(env, page, *args)

    monkeypatch.setattr(render, "render_page", logged)

    def since_last() -> set[str]:
        paths = set(log.read_text(encoding="utf-8").splitlines()) if log.exists() else set()
        log.unlink(missing_ok=True)
        return paths

    return since_last


@pytest.mark.parametrize("jobs, base_url", [(1, None), (2, "https://example.org/wic/")])
def test_one_changed_article_renders_its_pages_only_and_matches_a_fresh_build(
        tmp_path, corpus, rendered, monkeypatch, jobs, base_url):
    """With two jobs, render workers skip pages too; with a site URL, the sitemap lists kept pages."""
    config = replace(config_for(tmp_path / "build", corpus, jobs, base_url=base_url),
                     parallel_min_articles=2, render_workers_min_articles=2)
    build(config)
    everything = rendered()
    before = inodes(config.out_dir)
    change_one_article(corpus)
    build(config)
    again = rendered()

    fresh = config_for(tmp_path / "fresh", corpus, jobs, base_url=base_url)
    build(fresh)
    assert tree_bytes(config.out_dir) == tree_bytes(fresh.out_dir)

    site = config.out_dir
    changed = article_of(site, CHANGED)
    articles = set(article_pages(site).values())
    assert len(articles) == SYNTHETIC + 5 and articles <= everything
    assert changed in again
    assert again & articles == {changed}  # the late paragraph names nobody: no other article page changes
    assert not {p for p in again if p.startswith("speakers/")}  # nor any speaker's claims, titles or dates
    assert len(again) < len(everything) / 2
    after = inodes(site)
    assert all(after[p] == before[p] for p in articles - {changed})  # kept: the previous build's files
    assert after[changed] != before[changed]


def test_a_changed_title_renders_the_pages_of_the_speakers_who_list_the_article(tmp_path, corpus, rendered):
    config = config_for(tmp_path / "build", corpus)
    build(config)
    rendered()
    records = json.loads((config.out_dir / "data" / "records.json").read_text(encoding="utf-8"))
    article = next(a for a in records["articles"] if a["source_file"] == CHANGED)
    text = (corpus / CHANGED).read_text(encoding="utf-8")
    (corpus / CHANGED).write_text(text.replace(f"\n{article['title']}\n", "\nA headline written after the first build\n", 1),
                                  encoding="utf-8")
    build(config)
    again = rendered()
    fresh = config_for(tmp_path / "fresh", corpus)
    build(fresh)
    assert tree_bytes(config.out_dir) == tree_bytes(fresh.out_dir)
    speakers = {s["url"] + "index.html" for s in records["speakers"] if s["id"] in article["speakers"]}
    assert speakers and speakers <= again
    assert {p for p in again if p.startswith("speakers/") and p.count("/") == 2} <= speakers | {"speakers/index.html"}


def test_nothing_changed_but_the_output_rebuilds_only_the_page_edited_by_hand(tmp_path, corpus, rendered):
    config = config_for(tmp_path / "build", corpus)
    build(config)
    rendered()
    built = tree_bytes(config.out_dir)
    edited = config.out_dir / "about" / "index.html"
    edited.write_text("edited by hand\n", encoding="utf-8")
    build(config)
    assert rendered() == {"about/index.html"}
    assert tree_bytes(config.out_dir) == built


@pytest.mark.parametrize("change", ["template", "base URL"])
def test_a_template_or_the_site_url_changed_renders_every_page(tmp_path, corpus, rendered, change):
    config = config_for(tmp_path / "build", corpus)
    build(config)
    everything = rendered()
    if change == "template":
        templates = tmp_path / "templates"
        shutil.copytree(config.templates_dir, templates)
        with open(templates / "_partials.html", "a", encoding="utf-8") as out:
            out.write("{# a comment: the output does not change, but the page might have #}\n")
        config = replace(config, templates_dir=templates)
    else:
        config = replace(config, base_url="https://example.org/wic/")
    build(config)
    assert rendered() == everything
    assert everything == {p.relative_to(config.out_dir).as_posix() for p in config.out_dir.rglob("*.html")}


def _break_static(config, tmp_path: Path, monkeypatch):
    """A static file that links outside its folder: the build fails once every page is rendered."""
    broken = tmp_path / "static"
    shutil.copytree(config.static_dir, broken)
    (tmp_path / "secret.txt").write_text("not for the site\n", encoding="utf-8")
    (broken / "leak.txt").symlink_to(tmp_path / "secret.txt")
    return replace(config, static_dir=broken), "links outside"


def _clash_after_render(config, tmp_path: Path, monkeypatch):
    """The search export's process also writes a page's path: the build fails after render,
    when the staged site adopts the export's files, just before the swap."""
    from wic_site import search_export

    write_client_index = search_export.write_client_index

    def write_and_clash(records, hints, site, keep_in=None):
        write_client_index(records, hints, site, keep_in)
        site.write("About/index.html", "not the about page")

    monkeypatch.setattr(search_export, "write_client_index", write_and_clash)
    return config, "same path"


@pytest.mark.parametrize("failure", [_break_static, _clash_after_render])
def test_a_failed_build_leaves_no_page_map_that_skips_a_changed_page(tmp_path, corpus, rendered, monkeypatch, failure):
    config = config_for(tmp_path / "build", corpus)
    build(config)
    before = tree_bytes(config.out_dir)
    rendered()
    change_one_article(corpus)
    with monkeypatch.context() as patch:
        failing, message = failure(config, tmp_path, patch)
        with pytest.raises(ValueError, match=message):
            build(failing)
    changed = article_of(config.out_dir, CHANGED)
    assert changed in rendered()
    assert tree_bytes(config.out_dir) == before

    build(config)
    assert changed in rendered()
    fresh = config_for(tmp_path / "fresh", corpus)
    build(fresh)
    assert tree_bytes(config.out_dir) == tree_bytes(fresh.out_dir)


def test_a_build_cut_off_after_its_swap_leaves_a_stale_map_that_keeps_nothing_wrong(tmp_path, corpus):
    """Killed between putting its site in place and recording its pages, a build leaves the
    map of the build before: the pages it changed have new files, which that map's stamps
    do not describe, so they are rendered again, never taken for the older pages."""
    config = config_for(tmp_path / "build", corpus)
    build(config)
    maps = list((tmp_path / "build" / "cache" / "pages").iterdir())
    assert len(maps) == 1
    stale = maps[0].read_bytes()
    change_one_article(corpus)
    build(config)
    changed_site = tree_bytes(config.out_dir)
    maps[0].write_bytes(stale)  # as if the build had died before saving its map
    (corpus / CHANGED).write_text((corpus / CHANGED).read_text(encoding="utf-8").replace(LATE_PARAGRAPH, ""),
                                  encoding="utf-8")
    build(config)  # back to the first corpus: the stale map's digests match, its stamps do not
    fresh = config_for(tmp_path / "fresh", corpus)
    build(fresh)
    assert tree_bytes(config.out_dir) == tree_bytes(fresh.out_dir)
    assert tree_bytes(config.out_dir) != changed_site


def test_page_digests_are_the_same_in_processes_with_different_string_hashing(tmp_path, corpus):
    """Digests are reprs of frozen values: no set or dict order may leak into them."""
    maps = []
    for seed in ("1", "2"):
        work = tmp_path / f"build-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--seeds", str(corpus), "--out", str(work / "site"),
                        "--index", str(work / "index"), "--cache", str(work / "cache"), "--jobs", "1", "--quiet"],
                       check=True, env=env, cwd=tmp_path)
        (page_map,) = (work / "cache" / "pages").iterdir()
        maps.append({key: entry[0] for key, entry in json.loads(page_map.read_text(encoding="utf-8")).items()})
    assert len(maps[0]) > SYNTHETIC + 5
    assert maps[0] == maps[1]
