"""Unit tests for rendering: small Records built here, rendered into a temp folder, read back
with BeautifulSoup. Each test states one behaviour of the site a reader or a server relies on."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from wic_site.config import PROJECT_DIR, SiteConfig
from wic_site.models import Affiliation, ArticleRecord, ClaimRecord, Figure, Records, SpeakerRecord, TopicRecord, YearRecord
from wic_site.pages.core import PAGE_SIZE, TABLE_SIZE
from wic_site.render import page_root, render_markdown, render_site, url_for
from wic_site.writer import SiteWriter

EVIL = '<script>alert("x")</script>'


def article(id: str, year: int, paragraphs: tuple[str, ...], **over) -> ArticleRecord:
    fields = dict(
        id=id, source_file=f"{id}.txt", title=f"Article {id}", publication="The Daily", date=f"{year}-11-0{len(id) % 9 + 1}",
        year=year, edition=year - 2013, theme=f"Theme of {year}", authors=("Ann Writer",), speakers=(), mentioned=(), topics=("ai",),
        paragraphs=paragraphs, paragraph_topics=tuple(("ai",) for _ in paragraphs), dropped=("Home > News",),
        source_url="https://example.org/" + id, markdown=False, url=f"articles/{id}/",
    )
    return ArticleRecord(**{**fields, **over})


def claim(id: str, art: ArticleRecord, speaker: str | None, paragraph: int, start: int, end: int, **over) -> ClaimRecord:
    text = art.paragraphs[paragraph][start:end]
    anchor = f"c-{id}"
    fields = dict(id=f"{art.id}/{anchor}", article=art.id, speaker=speaker, kind="quote", text=text,
                  paragraph=paragraph, start=start, end=end, topics=("ai",), year=art.year,
                  url=f"articles/{art.id}/#{anchor}", anchor=anchor)
    return ClaimRecord(**{**fields, **over})


def speaker(id: str, name: str, articles: tuple[ArticleRecord, ...], claims: int) -> SpeakerRecord:
    return SpeakerRecord(
        id=id, name=name, aliases=(), roles=("chair",), organizations=("Org",),
        affiliations=tuple(Affiliation(a.id, ("chair",), ("Org",)) for a in articles),
        articles=tuple(a.id for a in articles), years=tuple(sorted({a.year for a in articles})), claims=claims,
        url=f"speakers/{id}/",
    )


def corpus(articles: list[ArticleRecord], claims: list[ClaimRecord], speakers: list[SpeakerRecord]) -> Records:
    years = sorted({a.year for a in articles})
    return Records(
        articles=tuple(articles), speakers=tuple(speakers), claims=tuple(claims),
        topics=(TopicRecord("ai", "Artificial intelligence", tuple(a.id for a in articles),
                            sum("ai" in c.topics for c in claims), "topics/ai/"),),
        years=tuple(YearRecord(y, y - 2013, (f"Theme of {y}",), tuple(a.id for a in articles if a.year == y),
                               tuple(sorted({s.id for s in speakers if y in s.years})), ("ai",), f"years/{y}/")
                    for y in years),
    )


def small() -> Records:
    a = article("alpha", 2018, ('Ann Lee said "data is the new oil" at the forum.', "Users grew to 800 million.",
                                f"Untrusted {EVIL} text & more."), speakers=("ann-lee",), title=f"Alpha {EVIL}")
    b = article("beta", 2019, ("Bo Chen expects growth.",), speakers=("bo-chen",))
    start = a.paragraphs[0].index("data")
    claims = [claim("c1", a, "ann-lee", 0, start, start + 19), claim("c2", a, None, 1, 0, 25, kind="statistic", topics=(),
                                                           figures=(Figure("800 million", None, "people", "users"),)),
              claim("c3", b, "bo-chen", 0, 0, 22, kind="paraphrase")]
    return corpus([a, b], claims, [speaker("ann-lee", "Ann Lee", (a,), 1), speaker("bo-chen", "Bo Chen", (b,), 1)])


def build(tmp_path: Path, records: Records, name: str = "site", **config) -> Path:
    out = tmp_path / name
    out.mkdir()
    corpus_dir = config.pop("corpus_dir", tmp_path)
    render_site(records, SiteConfig(corpus_dir=corpus_dir, out_dir=out, index_dir=tmp_path / "ix", **config),
                SiteWriter(out))
    return out


def soup(site: Path, relpath: str) -> BeautifulSoup:
    return BeautifulSoup((site / relpath).read_text(encoding="utf-8"), "html.parser")


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_url_for_names_index_files_so_links_work_from_disk():
    assert url_for("article", "x") == "articles/x/index.html"
    assert url_for("year", 2018, page=3) == "years/2018/page/3/index.html"
    assert url_for("speakers", "claims") == "speakers/by-claims/index.html"
    assert url_for("speakers", "name") == url_for("speakers") == "speakers/index.html"
    assert url_for("article", "x", fragment="p-2") == "articles/x/index.html#p-2"
    assert url_for("home") == "index.html"


def test_page_root_climbs_to_the_site_root_and_404_uses_the_base_url():
    assert page_root("index.html") == ""
    assert page_root("articles/x/index.html") == "../../"
    assert page_root("years/2018/page/2/index.html") == "../../../../"
    assert page_root("404.html", "https://example.org/wic/") == "https://example.org/wic/"
    assert page_root("404.html") == "/"  # without --base-url: from the host's root


def templates_without_search(tmp_path: Path) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(PROJECT_DIR / "templates", templates, ignore=shutil.ignore_patterns("search.html"))
    return templates


def test_every_page_kind_is_written(tmp_path):
    site = build(tmp_path, small(), templates_dir=templates_without_search(tmp_path))
    assert pages(site) == [
        "404.html", "about/index.html", "articles/alpha/index.html", "articles/beta/index.html",
        "articles/by-outlet/index.html", "articles/by-year/index.html", "articles/index.html", "data/index.html",
        "index.html", "speakers/ann-lee/index.html", "speakers/bo-chen/index.html", "speakers/by-claims/index.html",
        "speakers/by-years/index.html", "speakers/index.html", "topics/ai/index.html", "topics/index.html",
        "trends/index.html", "years/2018/index.html", "years/2019/index.html", "years/index.html",
    ]
    assert (site / "static" / "site.css").is_file()
    assert not (site / "sitemap.xml").exists() and not (site / "feed.xml").exists()  # both need --base-url


def test_article_text_is_escaped_everywhere(tmp_path):
    site = build(tmp_path, small())
    for page in pages(site):
        assert "<script>" not in (site / page).read_text(encoding="utf-8"), page
    body = soup(site, "articles/alpha/index.html")
    assert body.h1.get_text() == f"Alpha {EVIL}"
    assert EVIL in body.find(id="p-3").get_text()


def test_claims_are_marked_in_place_with_the_speaker_linked(tmp_path):
    records = small()
    site = build(tmp_path, records)
    page = soup(site, "articles/alpha/index.html")
    marks = page.select("mark.claim")
    assert [m.get_text() for m in marks] == ["data is the new oil", "Users grew to 800 million"]
    by = marks[0].find_next_sibling("span", class_="by")
    assert [(a["href"], a.get_text()) for a in by.select("a")] == [
        ("#c-c1", "quote"), ("../../speakers/ann-lee/index.html", "Ann Lee")]
    assert [m["id"] for m in marks] == ["c-c1", "c-c2"]
    assert "statistic" in marks[1].find_next_sibling("span", class_="by").get_text()
    # the paragraph reads exactly as the source, marks and anchors aside
    paragraph = page.find(id="p-1")
    for extra in paragraph.select(".pn, .by"):
        extra.decompose()
    assert paragraph.get_text() == records.articles[0].paragraphs[0]


def test_claim_listings_link_to_the_claim_itself(tmp_path):
    site = build(tmp_path, small())
    hrefs = [a["href"] for a in soup(site, "speakers/ann-lee/index.html").select("p.src a")]
    assert "../../articles/alpha/index.html#c-c1" in hrefs
    topic = soup(site, "topics/ai/index.html")
    assert [h.get_text() for h in topic.select("h2")] == ["Claims, year by year", "Other passages, a few per year",
                                                          "Who spoke on it"]
    assert [h.get_text() for h in topic.select("h3")][:2] == ["2018", "2019"]


def test_year_pages_link_previous_and_next_year(tmp_path):
    site = build(tmp_path, small())
    links = [(a["href"], a.get_text()) for a in soup(site, "years/2018/index.html").select("nav.neighbours a")]
    assert links == [("../../years/2019/index.html", "Next year: 2019")]
    links = [(a["href"], a.get_text()) for a in soup(site, "years/2019/index.html").select("nav.neighbours a")]
    assert links == [("../../years/2018/index.html", "Previous year: 2018")]


def test_speakers_table_offers_each_sort_order_without_javascript(tmp_path):
    a = [article(f"a{i}", 2018 + i % 2, ("x",)) for i in range(3)]
    people = [speaker("zed", "Zed", (a[0],), 9), speaker("amy", "Amy", (a[1],), 1), speaker("kim", "Kim", (a[2], a[1]), 3)]
    site = build(tmp_path, corpus(a, [], people))
    names = lambda rel: [th.get_text() for th in soup(site, rel).select("tbody th")]  # noqa: E731
    assert names("speakers/index.html") == ["Amy", "Kim", "Zed"]
    assert names("speakers/by-claims/index.html") == ["Zed", "Kim", "Amy"]
    assert names("speakers/by-years/index.html") == ["Kim", "Amy", "Zed"]
    header = soup(site, "speakers/by-claims/index.html").select("thead th")
    assert header[1]["aria-sort"] == "descending"
    assert header[0].a["href"] == "../../speakers/index.html"


def test_listings_stay_bounded_as_the_corpus_grows(tmp_path):
    n = PAGE_SIZE * 2 + 5
    long = "Lee said that " + "the digital economy grows & changes <fast> " * 12  # longer than any excerpt
    arts = [article(f"n{i:03}", 2020, (long, long), speakers=("lee",), title="A long title " * 6) for i in range(n)]
    claims = [claim(f"c{i}-{p}", a, "lee", p, 0, len(long)) for i, a in enumerate(arts) for p in (0, 1)]
    other = article("other", 2019, ("x",))
    people = [speaker(f"s{i:03}", f"Person {i:03}", (other,), 0) for i in range(TABLE_SIZE + 1)]
    site = build(tmp_path, corpus([*arts, other], claims, [speaker("lee", "Lee", tuple(arts), 2 * n), *people]))
    year_pages = [p for p in pages(site) if p.startswith("years/2020/")]
    assert year_pages == ["years/2020/index.html", "years/2020/page/2/index.html", "years/2020/page/3/index.html"]
    for page in year_pages:
        assert len(soup(site, page).select("section")[0].select("li")) <= PAGE_SIZE
    # a year page shows a few claims per topic and links to the topic page for the rest
    more = soup(site, "years/2020/index.html").find("a", string="All claims on Artificial intelligence")
    assert more["href"] == "../../topics/ai/index.html"
    assert (site / "speakers/lee/page/5/index.html").is_file()
    assert (site / "topics/ai/page/5/index.html").is_file()
    assert (site / "speakers/page/2/index.html").is_file()
    pager = [a.get_text() for a in soup(site, "years/2020/page/2/index.html").select("nav.pager a")]
    assert pager == ["Previous", "1", "2", "3", "Next"]
    # pagers show a window of page numbers, not one link per page
    pager = [li.get_text() for li in soup(site, "speakers/lee/page/5/index.html").select("nav.pager li")]
    assert pager == ["Previous", "1", "…", "3", "4", "5"]
    css = (site / "static/site.css").stat().st_size
    for page in pages(site):
        assert (site / page).stat().st_size + css <= 50_000, page


def test_markdown_articles_keep_raw_html_and_scripts_inert(tmp_path):
    text = ("# Heading\n\nSee [this](javascript:alert(1)) and [that](https://example.org) "
            "![pixel](https://tracker.example/p.png) <img src=x onerror=alert(1)> **bold**.")
    out = str(render_markdown(text))
    assert "<h2>Heading</h2>" in out and "<h1" not in out
    assert "javascript:" not in out and 'href="https://example.org"' in out
    assert "<img" not in out and "&lt;img" in out
    assert "<strong>bold</strong>" in out


def test_markdown_links_to_another_host_without_a_scheme_are_dropped():
    out = str(render_markdown("See [here](//evil.example/x) and [there](../y/index.html)."))
    assert "evil.example" not in out and 'href="../y/index.html"' in out


def test_a_claim_is_marked_even_when_the_text_holds_the_markers_own_characters(tmp_path):
    """Marking uses private-use characters as sentinels; text that holds them cannot steer it."""
    text = "Ann said that [data \U000f0001 wins](https://example.org/\U000f0001a) today."
    a = article("md", 2018, (text,), markdown=True, speakers=("ann",))
    site = build(tmp_path, corpus([a], [claim("c1", a, "ann", 0, 0, 3)], [speaker("ann", "Ann", (a,), 1)]))
    paragraph = soup(site, "articles/md/index.html").find(id="p-1")
    assert len(paragraph.find_all("mark")) == 1 and paragraph.find("mark")["id"] == "c-c1"
    assert len(paragraph.select("span.by")) == 1  # the claim's own marker, and no other
    [link] = [a for a in paragraph.find_all("a") if "example.org" in a["href"]]
    assert "mark" not in link["href"] and link.get_text() == "data \ufffd wins"


def test_markdown_claims_are_marked_after_conversion(tmp_path):
    text = "Ann said *loudly* that **data wins** today."
    a = article("md", 2018, (text,), markdown=True, speakers=("ann",))
    inside, crossing = claim("c1", a, "ann", 0, 25, 34), claim("c2", a, "ann", 0, 9, 20)
    assert (inside.text, crossing.text) == ("data wins", "*loudly* th")
    site = build(tmp_path, corpus([a], [inside, crossing], [speaker("ann", "Ann", (a,), 2)]))
    paragraph = soup(site, "articles/md/index.html").find(id="p-1")
    assert paragraph.find("em").get_text() == "loudly"
    # a claim inside one formatting run is marked; one that crosses a tag boundary is left unmarked
    assert [m.get_text() for m in paragraph.find_all("mark")] == ["data wins"]
    assert paragraph.find("strong").find("mark") is not None
    # each keeps its anchor: the mark carries one, the crossing claim an empty marker where it starts
    assert paragraph.find("mark")["id"] == "c-c1" and paragraph.find(id="c-c2").name == "span"
    assert "\U000f0000" not in str(paragraph) and "\U000f0003" not in str(paragraph)


def test_unsafe_source_urls_are_not_linked(tmp_path):
    a = article("a", 2018, ("x",), source_url="javascript:alert(1)")
    site = build(tmp_path, corpus([a], [], []))
    assert not soup(site, "articles/a/index.html").select('a[href^="javascript"]')


def test_sitemap_is_absolute_with_a_base_url(tmp_path):
    site = build(tmp_path, small(), base_url="https://example.org/wic/")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/wic/</loc>" in sitemap
    assert "<loc>https://example.org/wic/articles/alpha/</loc>" in sitemap
    assert "404" not in sitemap
    assert soup(site, "404.html").find("link", rel="stylesheet")["href"] == "https://example.org/wic/static/site.css"


def test_about_page_shows_the_corpus_about_md_above_the_method(tmp_path):
    site = build(tmp_path, small())
    about = soup(site, "about/index.html")
    assert [h.get_text() for h in about.find_all("h2")][:1] == ["How the records are found"]
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "about.md").write_text(f"# About us\n\nWe *collect* articles. {EVIL}", encoding="utf-8")
    site2 = build(tmp_path, small(), "with-about", corpus_dir=corpus_dir)
    about = soup(site2, "about/index.html")
    assert about.h1.get_text() == "About" and about.find("h2").get_text() == "About us"
    assert about.find("h2", string="How the records are found")
    assert "<script>" not in str(about)
    assert about.select_one('nav a[aria-current="page"]').get_text() == "About"


def test_search_page_is_rendered_when_its_template_exists(tmp_path):
    templates = templates_without_search(tmp_path)
    (templates / "search.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Search</h1>{% endblock %}'
        '{% block scripts %}<script src="{{ root }}static/search.js"></script>{% endblock %}', encoding="utf-8")
    site = build(tmp_path, small(), templates_dir=templates)
    page = soup(site, "search/index.html")
    assert page.find("script")["src"] == "../static/search.js"
    assert page.find("form", role="search")["action"] == "../search/index.html"


def test_rendering_is_deterministic_and_parallel_rendering_matches(tmp_path):
    n = 12
    arts = [article(f"p{i:03}", 2018 + i % 3, (f"Said {i}.",), speakers=("s",)) for i in range(n)]
    records = corpus(arts, [claim(f"c{i}", a, "s", 0, 0, 4) for i, a in enumerate(arts)],
                     [speaker("s", "S", tuple(arts), n)])
    one = build(tmp_path, records, "one", jobs=1)
    two = build(tmp_path, records, "two", jobs=2, parallel_min_articles=n,
                render_workers_min_articles=n)  # render workers write
    assert pages(one) == pages(two)
    for page in pages(one):
        assert (one / page).read_bytes() == (two / page).read_bytes(), page


def test_page_contexts_are_frozen_dataclasses(tmp_path):
    from wic_site.pages import build_pages

    for page in build_pages(small(), "about"):
        assert dataclasses.is_dataclass(page.context), page.path
        with pytest.raises(dataclasses.FrozenInstanceError):
            page.context.heading = "changed"


def test_compiled_templates_kept_between_builds_render_the_same_bytes_and_follow_template_edits(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(PROJECT_DIR / "templates", templates)
    compiled = tmp_path / "compiled"

    def render(name: str) -> Path:
        out = tmp_path / name
        out.mkdir()
        config = SiteConfig(corpus_dir=tmp_path, out_dir=out, index_dir=tmp_path / "ix", templates_dir=templates)
        render_site(small(), config, SiteWriter(out), compiled_dir=compiled)
        return out

    plain = build(tmp_path, small(), "plain", templates_dir=templates)
    first, second = render("first"), render("second")  # the second loads what the first compiled
    assert any(compiled.rglob("*.cache"))
    for page in pages(plain):
        assert (first / page).read_bytes() == (second / page).read_bytes() == (plain / page).read_bytes(), page
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>edited footer</p></footer>"),
                    encoding="utf-8")
    assert "edited footer" in (render("edited") / "index.html").read_text(encoding="utf-8")
