"""The index pages, trends, about, and hosting files (404, sitemap, feed, head metadata, CSP),
rendered from small Records built here and read back with BeautifulSoup."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

from test_render import EVIL, article, build, claim, corpus, pages, small, soup

from wic_site.models import Figure
from wic_site.pages.core import TABLE_SIZE
from wic_site.pages.figures import OTHER, what_it_counts
from wic_site.pages.trends import FEW_ARTICLES
from wic_site.site_files import FEED_SIZE

BASE = "https://example.org/wic/"
ATOM = "{http://www.w3.org/2005/Atom}"
CSP = "default-src 'self'; object-src 'none'; base-uri 'none'"


def titles(site, rel: str) -> list[str]:
    return [th.get_text() for th in soup(site, rel).select("tbody th")]


def dated_corpus():
    """Three outlets over three years; one article states no date, so sorts by its conference year."""
    arts = [
        article("old", 2015, ("x",), title="Old", publication="Zeta News", date="2015-12-16"),
        article("mid", 2018, ("x",), title="Mid", publication="Alpha Post", date="2018-11-07"),
        article("undated", 2018, ("x",), title="Undated", publication=None, date=None),
        article("new", 2024, ("x",), title="New", publication="Alpha Post", date="2024-11-20"),
    ]
    return corpus(arts, [], [])


def test_articles_index_has_one_address_per_sort_order(tmp_path):
    site = build(tmp_path, dated_corpus())
    assert titles(site, "articles/index.html") == ["New", "Mid", "Undated", "Old"]
    assert titles(site, "articles/by-outlet/index.html") == ["New", "Mid", "Old", "Undated"]
    assert titles(site, "articles/by-year/index.html") == ["New", "Mid", "Undated", "Old"]
    page = soup(site, "articles/by-outlet/index.html")
    header = {th.get_text(): th for th in page.select("thead th")}
    assert header["Outlet"]["aria-sort"] == "ascending"
    assert header["Date"].a["href"] == "../../articles/index.html"
    assert header["Year"].a["href"] == "../../articles/by-year/index.html"
    row = [c.get_text() for c in soup(site, "articles/index.html").select("tbody tr")[2].find_all(["th", "td"])]
    assert row == ["Undated", "2018 (conference year; no date stated)", "—", "2018"]
    assert not soup(site, "articles/index.html").find("script", src=lambda s: "search" not in s)


def test_articles_index_is_paged_at_the_table_size(tmp_path):
    arts = [article(f"a{i:03}", 2018, ("x",), date=f"2018-{1 + i % 12:02}-{1 + i % 28:02}", title="A long title " * 8,
                    publication="The Daily Example Herald") for i in range(TABLE_SIZE + 3)]
    site = build(tmp_path, corpus(arts, [], []))
    assert len(soup(site, "articles/index.html").select("tbody tr")) == TABLE_SIZE
    assert (site / "articles/index.html").stat().st_size + (site / "static/site.css").stat().st_size < 50_000
    assert len(soup(site, "articles/page/2/index.html").select("tbody tr")) == 3
    assert len(soup(site, "articles/by-outlet/page/2/index.html").select("tbody tr")) == 3


def test_years_index_lists_every_year_with_its_counts(tmp_path):
    site = build(tmp_path, small())
    page = soup(site, "years/index.html")
    assert [th.get_text() for th in page.select("thead th")] == ["Year", "Edition", "Theme", "Articles", "Speakers"]
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in page.select("tbody tr")]
    assert rows == [["2018", "5th", "Theme of 2018", "1", "1"], ["2019", "6th", "Theme of 2019", "1", "1"]]
    assert page.select_one("tbody th a")["href"] == "../years/2018/index.html"


def test_navigation_leads_to_the_index_pages(tmp_path):
    site = build(tmp_path, small())
    nav = [(a.get_text(), a["href"]) for a in soup(site, "index.html").select('nav[aria-label="Site"] a')]
    assert ("Articles", "articles/index.html") in nav and ("Years", "years/index.html") in nav
    assert ("About", "about/index.html") in nav
    current = soup(site, "articles/by-year/index.html").select_one('nav a[aria-current="page"]')
    assert current.get_text() == "Articles"


def test_latest_articles_are_newest_first_and_say_which_date_was_used(tmp_path):
    site = build(tmp_path, dated_corpus())
    section = soup(site, "index.html").find("h2", string="Latest articles").parent
    items = [li.get_text(" ", strip=True) for li in section.select("ul.entries li")]
    assert items == ["New 2024-11-20 · Alpha Post", "Mid 2018-11-07 · Alpha Post",
                     "Undated 2018 (conference year; no date stated)", "Old 2015-12-16 · Zeta News"]


def heat_corpus():
    """2018: three articles, 10 paragraphs, 2 on AI. 2019: one article, 2 paragraphs, 1 on AI.
    In counts 2018 leads; in shares 2019 does (50% against 20%)."""
    a = [article(f"y18-{i}", 2018, ("p",) * n, paragraph_topics=tuple(("ai",) if k < ai else () for k in range(n)))
         for i, (n, ai) in enumerate(((4, 1), (3, 1), (3, 0)))]
    b = article("y19", 2019, ("p", "q"), paragraph_topics=(("ai",), ()))
    return corpus([*a, b], [], [])


def test_trends_shows_shares_with_article_counts_and_flags_thin_years(tmp_path):
    site = build(tmp_path, heat_corpus())
    table = soup(site, "trends/index.html").select_one("table.heat")
    heads = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    assert heads == ["Topic", "2018 3 articles", "2019 1 article (few)*"]
    assert FEW_ARTICLES == 3 and "few" in table.select("thead th")[2]["class"]
    cells = table.select("tbody td")
    assert [c.get_text() for c in cells] == ["20%", "50%"]
    assert cells[1]["class"] == ["num", "h4"] and cells[0]["class"] == ["num", "h2"]
    assert "style" not in str(table)  # colours come from classes and CSS custom properties


def test_each_trends_cell_links_to_the_passages_behind_it(tmp_path):
    site = build(tmp_path, heat_corpus())
    link = soup(site, "trends/index.html").select_one("table.heat tbody td a")["href"]
    parts = urlsplit(link)
    assert parts.path == "../search/index.html"
    assert parse_qs(parts.query) == {"q": ["topic:ai year:2018"]}


def test_reported_figures_are_grouped_by_what_they_count_and_ordered_by_year(tmp_path):
    arts = [article(f"f{y}", y, ("Users reached many.", "Ten forums.")) for y in (2019, 2015, 2017)]
    stats = [claim(f"s{a.year}", a, None, 0, 0, 5, kind="statistic",
                   figures=(Figure(f"{a.year - 2000}0 million", None, "users", "Internet  users", None),)) for a in arts]
    stats.append(claim("forums", arts[0], None, 1, 0, 3, kind="statistic", figures=(Figure("10", None, "forums", "forums", None),)))
    site = build(tmp_path, corpus(arts, stats, []))
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])]
            for tr in soup(site, "trends/index.html").select("#figures tbody tr")]
    # labelled as first written (spacing folded); the unit in brackets unless the value says it
    assert rows == [["Internet users", "3", "2015–2019", "190 million (users) (2019)"],
                    ["forums", "1", "2019", "10 (forums) (2019)"]]
    group = soup(site, "trends/figures/internet-users/index.html")
    assert [tr.th.get_text() for tr in group.select("tbody tr")] == ["2015", "2017", "2019"]
    assert not (site / "trends/figures/forums").exists()  # a group of one links to its paragraph instead
    assert what_it_counts(stats[0].figures[0]) == "internet users"
    assert what_it_counts(Figure("5", None, "", None)) == OTHER


def test_the_trends_page_stays_one_page_however_many_figures(tmp_path):
    a = article("many", 2018, ("x",))
    stats = [claim(f"s{i}", a, None, 0, 0, 1, kind="statistic", figures=(Figure(str(i), None, "things", f"thing {i % 120}", None),))
             for i in range(600)]
    site = build(tmp_path, corpus([a], stats, []))
    first = soup(site, "trends/index.html")
    assert len(first.select("#figures tbody tr")) == 50
    assert (site / "trends/page/3/index.html").is_file() and not (site / "trends/page/4").exists()
    assert len(soup(site, "trends/figures/thing-0/index.html").select("tbody tr")) == 5
    assert max((site / p).stat().st_size for p in pages(site) if p.startswith("trends/")) < 40_000


def test_about_page_is_always_there_with_the_method_and_limits(tmp_path):
    site = build(tmp_path, small())
    about = soup(site, "about/index.html")
    text = about.main.get_text(" ")
    assert "English only" in text and "Rules, not a model" in text
    assert about.find("a", string="Artificial intelligence")["href"] == "../topics/ai/index.html"


def test_404_links_from_the_host_root_without_a_base_url_and_absolutely_with_one(tmp_path):
    plain = soup(build(tmp_path, small()), "404.html")
    hrefs = [a["href"] for a in plain.select("main a, nav a")] + [plain.find("link", rel="stylesheet")["href"]]
    assert hrefs and all(h.startswith("/") and not h.startswith("//") for h in hrefs)
    based = soup(build(tmp_path, small(), "based", base_url=BASE), "404.html")
    hrefs = [a["href"] for a in based.select("main a, nav a, header a")] + [based.find("link", rel="stylesheet")["href"]]
    assert all(h.startswith(BASE) for h in hrefs)


def test_sitemap_and_feed_are_absolute_and_only_written_with_a_base_url(tmp_path):
    site = build(tmp_path, small(), base_url=BASE)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert BASE in locs and BASE + "articles/" in locs and BASE + "years/" in locs and BASE + "about/" in locs
    assert all(loc.startswith(BASE) for loc in locs) and not any("404" in loc for loc in locs)
    assert len(locs) == len(pages(site)) - 1


def test_atom_feed_lists_the_newest_articles_first_capped(tmp_path):
    arts = [article(f"a{i:03}", 2014 + i % 11, ("x",), date=f"{2014 + i % 11}-11-{1 + i % 28:02}",
                    title=f"T{i} {EVIL}") for i in range(FEED_SIZE + 5)]
    arts.append(article("undated", 2025, ("x",), date=None, title="Undated"))
    site = build(tmp_path, corpus(arts, [], []), base_url=BASE)
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == FEED_SIZE
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert entries[0].find(f"{ATOM}title").text == "Undated" and updated[0] == "2025-01-01T00:00:00Z"
    assert "conference year; no date stated" in entries[0].find(f"{ATOM}summary").text
    assert all(e.find(f"{ATOM}id").text.startswith(BASE + "articles/") for e in entries)
    assert len({e.find(f"{ATOM}id").text for e in entries}) == FEED_SIZE
    assert feed.find(f"{ATOM}updated").text == updated[0]
    assert soup(site, "index.html").find("link", type="application/atom+xml")["href"] == BASE + "feed.xml"


def test_every_page_has_a_description_and_with_a_base_url_a_canonical_address(tmp_path):
    plain = build(tmp_path, small())
    for rel in pages(plain):
        page = soup(plain, rel)
        assert page.find("meta", attrs={"name": "description"})["content"].strip(), rel
        assert page.find("link", rel="canonical") is None and page.find("meta", property="og:title") is None, rel
    based = build(tmp_path, small(), "based", base_url=BASE)
    for rel in pages(based):
        page = soup(based, rel)
        if rel == "404.html":
            assert page.find("link", rel="canonical") is None
            continue
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == BASE + rel.removesuffix("index.html"), rel
        assert page.find("meta", property="og:url")["content"] == canonical
        assert page.find("meta", property="og:title")["content"].strip()
        assert page.find("meta", property="og:description")["content"] == \
            page.find("meta", attrs={"name": "description"})["content"]


def test_every_page_carries_the_content_security_policy_and_no_inline_code(tmp_path):
    site = build(tmp_path, small(), base_url=BASE)
    for rel in pages(site):
        page = soup(site, rel)
        assert page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] == CSP, rel
        assert not page.find("style") and not page.find(style=True), rel
        assert all(s.get("src") and not s.get_text().strip() for s in page.find_all("script")), rel
        assert not any(a.startswith("on") for el in page.find_all(True) for a in el.attrs), rel
