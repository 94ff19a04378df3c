"""Hostile input: the tests/hostile/ corpus, plus bad files made here, builds into a site that
shows every hostile string as text, skips what it cannot read, and keeps every page inside
the output folder under its own path. Also: safe publishing and reproducible builds.

tests/hostile/ holds articles whose title, body, a quoted speaker's name (via aliases.yaml)
and a topic (hostile-topics.yaml) carry `<script>alert(1)</script>`,
`"><img src=x onerror=alert(1)>`, `javascript:` links and `{{ 7*7 }}` / `{% raw %}`; two
articles with one title; titles `../../etc/passwd` and `CON`; two speakers whose names slug
alike. Files awkward to commit (invalid UTF-8, empty, whitespace, a PNG named .txt, a long article)
are written into tmp_path by `make_bad_files` and `write_big_article`.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from wic_site import render
from wic_site.config import load_config
from wic_site.pipeline import build
from wic_site.slugs import slugify

from benchmarks.run import write_big_article
from conftest import serve_folder

HOSTILE = Path(__file__).resolve().parent / "hostile"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
MUSTACHE = "{{ 7*7 }}"
RAW = "{% raw %}"
HOSTILE_STRINGS = (SCRIPT, IMG, MUSTACHE, RAW)
LONG_ARTICLE_BYTES = 256 * 1024
BAD_UTF8_OFFSET = 89
SAFE_SCHEMES = {"", "http", "https", "mailto"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "ping", "srcset"}


def make_bad_files(corpus: Path) -> None:
    """The files it would be awkward to commit: each must be skipped or repaired, with a warning."""
    good = (
        "World Internet Conference\n\nBroken Bytes At The Summit\n\n2019-10-22 Source: Example Daily\n\n"
    ).encode()
    assert len(good) == BAD_UTF8_OFFSET
    (corpus / "bad-utf8.txt").write_bytes(
        good + b"\xff\xfe Delegates discussed data flows and the \xc3 encoding of old pages at the conference.\n"
    )
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "whitespace.txt").write_bytes(b"  \n\t\n \r\n")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def hostile_config(corpus: Path, work: Path, name: str = "site"):
    return load_config(corpus, work / name, work / f"{name}-index", taxonomy=corpus / "hostile-topics.yaml",
                       jobs=1, quiet=True)


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(HOSTILE, corpus)
    make_bad_files(corpus)
    return corpus


@pytest.fixture(scope="session")
def hostile_build(hostile_corpus, tmp_path_factory):
    """(site folder, BuildReport) of the hostile corpus."""
    work = tmp_path_factory.mktemp("hostile-build")
    config = hostile_config(hostile_corpus, work)
    return config.out_dir, build(config)


@pytest.fixture(scope="session")
def hostile_site(hostile_build) -> Path:
    return hostile_build[0]


@pytest.fixture(scope="session")
def hostile_report(hostile_build):
    return hostile_build[1]


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.split("#")[0] / "index.html").read_text(encoding="utf-8"), "html.parser")


def article_by_file(report, name: str):
    return next(a for a in report.records.articles if a.source_file == name)


def problems_for(report, name: str) -> list[str]:
    return [p.message for p in report.problems if p.file == name]


# --- bad files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, message",
    [("empty.txt", r"empty.*skipped"), ("whitespace.txt", r"empty.*skipped"), ("image.txt", r"binary.*skipped")],
)
def test_unreadable_files_are_skipped_with_a_warning(hostile_report, name, message):
    assert any(re.search(message, m) for m in problems_for(hostile_report, name)), hostile_report.problems
    assert name not in {a.source_file for a in hostile_report.records.articles}


def test_invalid_utf8_is_replaced_and_the_offset_reported(hostile_report):
    assert any(f"byte {BAD_UTF8_OFFSET}" in m and "UTF-8" in m for m in problems_for(hostile_report, "bad-utf8.txt"))
    article = article_by_file(hostile_report, "bad-utf8.txt")
    assert "\ufffd" in " ".join(article.paragraphs)
    assert "data flows" in " ".join(article.paragraphs)


def test_the_cli_prints_each_warning_as_one_line_naming_the_file(hostile_corpus, tmp_path):
    from wic_site.cli import main

    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["build", "--seeds", str(hostile_corpus), "--out", str(tmp_path / "s"),
                       "--index", str(tmp_path / "i"), "--jobs", "1", "-q"])
    lines = err.getvalue().splitlines()
    assert status == 0
    for name in ("empty.txt", "whitespace.txt", "image.txt", "bad-utf8.txt", "same-title-b.md"):
        assert any(line.startswith(f"wic-site: warning: {name}: ") for line in lines), (name, lines)
    assert all(line.startswith("wic-site: warning: ") for line in lines), lines


# --- every page shows hostile strings as text --------------------------------------------


def scheme(url: str) -> str:
    cleaned = re.sub(r"[\x00-\x20]+", "", html.unescape(url)).lower()
    head = re.split(r"[/?#]", cleaned, maxsplit=1)[0]
    return head.split(":", 1)[0] if ":" in head else ""


def test_no_page_carries_a_script_handler_or_unsafe_url(hostile_site):
    found = []
    for path in html_pages(hostile_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        rel = path.relative_to(hostile_site).as_posix()
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                values = value if isinstance(value, list) else [value]
                if attr.lower().startswith("on"):
                    found.append((rel, tag.name, attr))
                favicon = tag.name == "link" and value == "data:,"  # "no icon": the browser fetches nothing
                if attr.lower() in URL_ATTRS and not favicon and any(scheme(v) not in SAFE_SCHEMES for v in values):
                    found.append((rel, tag.name, attr, value))
            if tag.name in {"iframe", "object", "embed", "base", "frame"} or tag.get("src") == "x":
                found.append((rel, tag.name))
            if tag.name == "script" and "alert" in tag.get_text():
                found.append((rel, "inline script", tag.get_text()[:60]))
            if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
                found.append((rel, "meta refresh"))
    assert found == []


def test_scripts_load_only_files_of_the_site(hostile_site):
    for path in html_pages(hostile_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script", src=True):
            target = (path.parent / script["src"]).resolve()
            assert target.is_relative_to(hostile_site.resolve()) and target.is_file(), (path, script["src"])


@pytest.mark.parametrize("name", ["xss-article.txt", "markdown-article.md", "html-article.html"])
def test_hostile_titles_and_bodies_show_as_text(hostile_site, hostile_report, name):
    article = article_by_file(hostile_report, name)
    soup = page_of(hostile_site, article.url)
    assert soup.h1.get_text() == article.title
    assert article.title in soup.title.get_text()
    text = soup.get_text()
    for hostile in (SCRIPT, MUSTACHE):
        assert hostile in article.title and hostile in text
    assert text.count(SCRIPT) >= 2  # the title and the body


def test_markdown_links_and_raw_html_are_inert_text(hostile_site, hostile_report):
    article = article_by_file(hostile_report, "markdown-article.md")
    soup = page_of(hostile_site, article.url)
    text = soup.get_text()
    for shown in ('<a href="javascript:alert(1)">anchor</a>', "<img src=x onerror=alert(1)>",
                  '<iframe src="javascript:alert(1)"></iframe>', "javascript link", "mixed-case one"):
        assert shown in text, shown
    assert soup.find("a", string="javascript link") is None
    assert article.source_url is None  # only an http(s) address is a source address (issue 11)
    assert [a["href"] for a in soup.find_all("a", href=True) if scheme(a["href"]) not in SAFE_SCHEMES] == []


def test_a_hostile_speaker_name_shows_as_text(hostile_site, hostile_report):
    speaker = next(s for s in hostile_report.records.speakers if SCRIPT in s.name)
    assert IMG in speaker.name and MUSTACHE in speaker.name
    assert re.fullmatch(r"[a-z0-9-]+", speaker.id)
    soup = page_of(hostile_site, speaker.url)
    assert soup.h1.get_text() == speaker.name
    article = article_by_file(hostile_report, "xss-article.txt")
    links = [(a["href"], a.get_text()) for a in page_of(hostile_site, article.url).find_all("a")]
    assert any(href.endswith(f"{speaker.url}index.html") and text == speaker.name for href, text in links), links


def test_a_hostile_topic_name_shows_as_text(hostile_site, hostile_report):
    topic = next(t for t in hostile_report.records.topics if SCRIPT in t.name)
    assert re.fullmatch(r"[a-z0-9-]+", topic.id) and topic.articles
    assert page_of(hostile_site, topic.url).h1.get_text() == topic.name


def test_data_files_stay_well_formed(hostile_site, hostile_report):
    records = json.loads((hostile_site / "data" / "records.json").read_text(encoding="utf-8"))
    assert {a["title"] for a in records["articles"]} == {a.title for a in hostile_report.records.articles}
    for path in sorted(hostile_site.rglob("*.xml")):
        ElementTree.parse(path)


# --- unique, safe paths --------------------------------------------------------------------


def test_every_record_has_its_own_safe_page_inside_the_site(hostile_site, hostile_report):
    records = hostile_report.records
    for kind in (records.articles, records.speakers, records.topics):
        urls = [r.url for r in kind]
        assert len(set(urls)) == len(urls)
        for record in kind:
            assert re.fullmatch(r"[a-z]+/[a-z0-9-]+/", record.url), record.url
            assert (hostile_site / record.url / "index.html").is_file()
    work = hostile_site.parent
    assert sorted(p.name for p in work.iterdir()) == [".wic-cache", "site", "site-index"]
    assert [p for p in work.parent.rglob("*") if p.name in {"passwd", "etc", "con", "CON"}] == []


def test_same_titles_get_two_pages_and_a_reported_collision(hostile_site, hostile_report):
    same = [a for a in hostile_report.records.articles if a.title == "Leaders meet in Wuzhen"]
    assert sorted(a.source_file for a in same) == ["same-title-a.txt", "same-title-b.md"]
    assert len({a.id for a in same}) == 2
    bodies = {page_of(hostile_site, a.url).get_text() for a in same}
    assert any("version a" in b for b in bodies) and any("version b" in b for b in bodies)
    assert any("taken" in m or "same" in m for m in problems_for(hostile_report, "same-title-b.md"))


@pytest.mark.parametrize("name, title", [("traversal-title.md", "../../etc/passwd"), ("con-title.md", "CON")])
def test_path_like_and_reserved_titles_get_safe_ids(hostile_site, hostile_report, name, title):
    article = article_by_file(hostile_report, name)
    assert article.title == title
    assert article.id not in {"con", "etc", "passwd"} and ".." not in article.id and "/" not in article.id
    assert page_of(hostile_site, article.url).h1.get_text() == title


def test_speakers_whose_names_slug_alike_are_two_speakers_or_reported(hostile_report):
    speakers = hostile_report.records.speakers
    by_slug: dict[str, list] = {}
    for s in speakers:
        by_slug.setdefault(slugify(s.name, "speaker"), []).append(s)
    alike = [group for group in by_slug.values() if len(group) > 1]
    assert alike, [s.name for s in speakers]  # the two names without Latin letters (aliases.yaml)
    messages = " ".join(str(p) for p in hostile_report.problems)
    for group in alike:
        assert len({s.id for s in group}) == len(group)
        assert all(s.id in messages for s in group[1:]), messages


def test_a_hostile_taxonomy_id_is_slugged(hostile_report):
    ids = {t.name: t.id for t in hostile_report.records.topics}
    assert ids["../../etc/passwd"] == "etc-passwd"
    assert ids["CON"] == "con-page"
    assert ids["javascript:alert(1)"] == "javascript-alert-1"


# --- a long article ----------------------------------------------------------------------------
# The benchmark builds a 5 MB one (python -m benchmarks.run); here 256 KiB, about 1,300
# paragraphs, keeps the property (one long article builds, its last paragraph on its page)
# at a twentieth of the time.


def test_a_long_article_builds(tmp_path):
    corpus = tmp_path / "corpus"
    write_big_article(corpus / "long.txt", LONG_ARTICLE_BYTES)
    assert (corpus / "long.txt").stat().st_size >= LONG_ARTICLE_BYTES
    config = load_config(corpus, tmp_path / "site", tmp_path / "index", jobs=1, quiet=True)
    report = build(config)
    (article,) = report.records.articles
    page = (config.out_dir / article.url / "index.html").read_text(encoding="utf-8")
    last = (corpus / "long.txt").read_text(encoding="utf-8").rstrip().split("\n\n")[-1]
    assert last.split('"')[0].strip() in html.unescape(page)


# --- safe publishing -------------------------------------------------------------------------


def copy_corpus(hostile_corpus: Path, dest: Path) -> Path:
    shutil.copytree(hostile_corpus, dest)
    return dest


def test_a_failing_render_leaves_the_previous_site_byte_for_byte(hostile_corpus, tmp_path, monkeypatch):
    corpus = copy_corpus(hostile_corpus, tmp_path / "corpus")
    config = hostile_config(corpus, tmp_path)
    build(config)
    before = tree_hashes(config.out_dir)
    (corpus / "xss-article.txt").write_text(
        (corpus / "xss-article.txt").read_text() + "\nA new closing paragraph forces a new render.\n")

    def exploding_render(*args, **kwargs):
        raise RuntimeError("render failed halfway")

    monkeypatch.setattr(render, "render_site", exploding_render)
    with pytest.raises(RuntimeError, match="render failed halfway"):
        build(config)
    assert tree_hashes(config.out_dir) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_two_builds_of_one_corpus_are_byte_identical(hostile_corpus, tmp_path):
    """Back to back, each with its own index and cache, so nothing is reused between them."""
    one, two = (hostile_config(hostile_corpus, tmp_path / name) for name in ("one", "two"))
    build(one)
    build(two)
    first, second = tree_hashes(one.out_dir), tree_hashes(two.out_dir)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []


def test_built_pages_carry_no_timestamp_of_the_build(hostile_site):
    import time

    today = time.strftime("%Y-%m-%d")
    assert all(today not in p.read_text(encoding="utf-8", errors="replace") for p in html_pages(hostile_site))


# --- a real browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    server, url = serve_folder(hostile_site)
    yield url
    server.shutdown()


def watch_page(page) -> list[str]:
    """Every dialog, console error and uncaught exception the page produces."""
    events: list[str] = []

    def on_dialog(dialog):
        events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: events.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: events.append(f"pageerror: {exc}"))
    return events


@pytest.mark.browser
def test_a_browser_opening_every_page_fires_no_dialog(hostile_site, hostile_url, page):
    events = watch_page(page)
    pages = [p.relative_to(hostile_site).as_posix() for p in html_pages(hostile_site)]
    for rel in pages:
        page.goto(hostile_url + quote(rel), wait_until="load")
        page.hover("main")
    page.wait_for_timeout(500)  # a deferred payload (setTimeout, onerror on a failed load) has time to fire
    assert events == []
    assert len(pages) > 10


@pytest.mark.browser
@pytest.mark.parametrize("query", [*HOSTILE_STRINGS, "javascript:alert(1)", "alert", "script", "O'Brien"])
def test_searching_for_hostile_strings_fires_no_dialog(hostile_url, page, query):
    events = watch_page(page)
    page.goto(f"{hostile_url}search/?q={quote(query)}")
    page.wait_for_function(
        "!document.querySelector('#search-app .status').textContent.includes('Loading')", timeout=15000)
    results = page.locator("#search-app .results li")
    shown = " ".join(results.all_text_contents())
    if results.count():
        for link in results.locator("a").all():
            link.hover()
    page.wait_for_timeout(300)
    assert events == []
    if query in ("alert", "script"):
        assert SCRIPT in shown or IMG in shown, shown  # the hostile text is displayed as text
