"""Small hand-built Records for the search tests (the honest unit: no extraction involved)."""

from __future__ import annotations

from wic_site.models import ArticleRecord, ClaimRecord, Records, SpeakerRecord, TopicRecord


def article(aid: str, title: str, year: int | None, paragraphs: list[str], topics: list[tuple[str, ...]] | None = None) -> ArticleRecord:
    ptopics = tuple(topics or [()] * len(paragraphs))
    return ArticleRecord(
        id=aid, source_file=f"{aid}.txt", title=title, publication=None, date=None, year=year,
        edition=None, theme=None, speakers=(), mentioned=(), topics=tuple(sorted({t for ts in ptopics for t in ts})),
        paragraphs=tuple(paragraphs), paragraph_topics=ptopics, dropped=(), source_url=None,
        markdown=False, url=f"articles/{aid}/",
    )


def claim(aid: str, paragraph: int, speaker: str | None, kind: str = "quote", year: int | None = None) -> ClaimRecord:
    return ClaimRecord(id=f"{aid}-{paragraph}-{speaker}", article=aid, speaker=speaker, kind=kind, text="x",
                       paragraph=paragraph, start=0, end=1, topics=(), year=year,
                       url=f"articles/{aid}/#p-{paragraph}")


def speaker(sid: str, name: str) -> SpeakerRecord:
    return SpeakerRecord(id=sid, name=name, aliases=(), roles=(), organizations=(), affiliations=(),
                         articles=(), years=(), claims=0, url=f"speakers/{sid}/")


def topic(tid: str, name: str) -> TopicRecord:
    return TopicRecord(id=tid, name=name, articles=(), claims=0, url=f"topics/{tid}/")


def small_records() -> Records:
    a = article("alpha", "Digital economy in the spotlight", 2018, [
        "The digital economy grows as regulators regulate data flows across borders.",
        "Cybersecurity experts said security of networks matters for the digital economy.",
        "Artificial intelligence and big data drive the economy of the future.",
        "Regulation of platforms was debated; the regulation debate continues.",
    ], [("economy",), ("security",), ("ai",), ("governance",)])
    b = article("beta", "Internet governance and security", 2019, [
        "Internet governance needs cooperation: governments regulate, companies innovate.",
        "Security, security and more security: the network security agenda.",
        "The digital divide remains; economies of developing countries need internet access.",
        "Leaders discussed the future of the internet and digital trade.",
    ], [("governance",), ("security",), ("economy",), ("economy", "governance")])
    c = article("gamma", "AI and the economy", None, [
        "Artificial intelligence changes how the economy works, said one economist.",
        "Data regulation and privacy regulations were the topic of the panel on the internet.",
    ], [("ai",), ("governance",)])
    return Records(
        articles=(a, b, c),
        speakers=(speaker("ada-lin", "Ada Lin"), speaker("bo-chen", "Bo Chen")),
        claims=(claim("alpha", 1, "ada-lin", year=2018), claim("beta", 0, "bo-chen", "paraphrase", 2019),
                claim("beta", 1, "ada-lin", year=2019), claim("beta", 2, None, "statistic", 2019),
                claim("gamma", 0, "bo-chen")),
        topics=(topic("ai", "Artificial intelligence"), topic("economy", "Digital economy"),
                topic("governance", "Internet governance"), topic("security", "Cybersecurity")),
        years=(),
    )


def build_search_site(records: Records, work) -> tuple:
    """Index `records` and write only what the search page needs: (site_dir, index_dir).
    Uses the real template, stylesheet, search.js and client index; no extraction involved."""
    from wic_site import client_index, search_index
    from wic_site.config import PROJECT_DIR
    from wic_site.pages import Page, url_for
    from wic_site.render import make_environment, render_page, site_chrome
    from wic_site.writer import staged_site

    index_dir, site_dir = work / "index", work / "site"
    search_index.build_index(records, index_dir)
    page = Page(url_for("search"), "search.html", "Search", "search", None)
    html = render_page(make_environment(PROJECT_DIR / "templates"), page, site_chrome(False))
    with staged_site(site_dir) as site:
        site.write(page.path, html)
        site.copy_tree(PROJECT_DIR / "static", "static")
        client_index.write_client_index(index_dir, records, site)
    return site_dir, index_dir
