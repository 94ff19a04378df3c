"""The claim model on real files: figures with qualifier, unit, what they count and who gives them;
one claim per statement; permalinks that survive edits elsewhere; claims.csv that reads on its own."""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from wic_site.config import SiteConfig, load_config
from wic_site.extract import extract_article
from wic_site.extract.figure_sources import stated_source
from wic_site.extract.statistics import find_figures
from wic_site.extract.topics import load_taxonomy
from wic_site.pipeline import build
from wic_site.readers import read_text
from wic_site.records import CSV_COLUMNS, claim_anchor

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TAXONOMY = load_taxonomy(SiteConfig.taxonomy_path)
ANCHOR = re.compile(r"^c-[0-9a-f]{8}(?:-\d+)?$")


def figures(sentence: str) -> list[tuple]:
    return [(f.figure.qualifier, f.figure.value, f.figure.unit, f.figure.counts) for f in find_figures(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ("Mobile payments reached nearly 38.6 percent of retail spending.",
     [("nearly", "38.6 percent", "percent", "retail spending")]),
    ("The platform now has over 1.1 billion monthly users.", [("over", "1.1 billion", "people", "monthly users")]),
    ("Its operator runs a 5G network with up to 400 million users.",
     [("up to", "400 million", "people", "5G network users")]),
    ("Online retailers sold $2.3 trillion of goods.", [(None, "$2.3 trillion", "US dollars", "sales by Online retailers")]),
    ("Online sales reached more than 3 trillion yuan last year.",
     [("more than", "3 trillion yuan", "yuan", "Online sales")]),
    ("Cloud firms earned about 90 billion yuan.", [("about", "90 billion yuan", "yuan", "earnings of Cloud firms")]),
    ("Exports grew by 12 percent.", [(None, "12 percent", "percent", "growth of Exports")]),
    ("Rural areas account for 28 percent of the country's netizens.",
     [(None, "28 percent", "percent", "Rural areas' share of the country's netizens")]),
    ("Europe has the second-largest share at 21 percent.",
     [(None, "21 percent", "percent", "Europe's second-largest share")]),
    ("Some 300 companies from more than 40 countries and regions took part.",
     [("some", "300", "organizations", "companies"), ("more than", "40", "countries", "countries and regions")]),
    ("The fibre runs for 3,000 km under the sea.", [(None, "3,000", "kilometres", "km")]),
    # what is measured starts after a reporting verb, stops at a verb, loses its phrase of time
    ("He said Kenya had attracted about $800 million of cloud investment.",
     [("about", "$800 million", "US dollars", "investment attracted by Kenya")]),
    ("She noted that nearly 60 percent of the region's farmers were now online.",
     [("nearly", "60 percent", "percent", "the region's farmers")]),
    ("Parcel volumes in the first half of 2023 rose 14 percent to 61 billion items.",
     [(None, "14 percent", "percent", "rise in Parcel volumes"), (None, "61 billion", "items", "items")]),
    ("Mobile game revenue in the first half of the year grew 9 percent to 150 billion yuan.",
     [(None, "9 percent", "percent", "growth of Mobile game revenue"),
      (None, "150 billion yuan", "yuan", "Mobile game revenue")]),
])
def test_a_figure_has_its_value_qualifier_unit_and_what_it_counts(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The forum opened at 09:30 on Nov 16.", "It was founded in 2014.", "Leaders met for three days.",
    "Delegates from 360 Security Group spoke.",
])
def test_times_years_and_names_are_no_figures(sentence):
    assert figures(sentence) == []


@pytest.mark.parametrize("sentence, earlier, source", [
    ("China had 1.09 billion internet users, according to the CNNIC report.", "", "CNNIC report"),
    ("According to a survey released by the Internet Society of China, 70 percent shop online.", "",
     "Internet Society of China"),
    ("According to Xinhua, 1,200 guests came.", "", "Xinhua"),
    ("The study says 40 percent of firms use cloud services.",
     "A study by the Digital Policy Institute came out on Monday.", "Digital Policy Institute"),
    ("Sales rose to 5 billion yuan, it says.", "The Wuzhen Statistics Bureau report was published first.",
     "Wuzhen Statistics Bureau report"),
    ("According to official estimates, 30 million people watched.", "", None),
    ("The CNNIC report says 5 percent are over 60.", "", "CNNIC report"),
    ("Key figures: 45 trillion yuan", "", None),
    ("More than 2,000 people attended.", "A report by the Alpha Institute appeared.", None),
])
def test_a_figure_names_the_report_or_institution_it_comes_from(sentence, earlier, source):
    assert stated_source(sentence, earlier) == source


def extract(text: str):
    source = read_text(text, "t.txt")
    return extract_article(replace(source, id="t"), TAXONOMY)


ARTICLE = """Cloud leaders meet in Wuzhen
2023-11-08
Sharper focus on data as summit opens

More than 1,500 guests from over 100 countries attended the opening, and 24 forums were held.

"We now serve 300 million customers in 40 markets," said Ada Brennan, chief executive of Northwind Cloud.

Brennan said the firm would invest 2 billion yuan in new data centres.

The sector grew quickly, according to the Wuzhen Data Bureau. Its output reached 1.2 trillion yuan in 2022.
"""


def test_one_claim_per_statement_with_its_figures():
    r = extract(ARTICLE)
    claims = [(c.speaker, c.kind, [(f.value, f.source) for f in c.figures]) for c in r.claims]
    assert claims == [
        (None, "statistic", [("1,500", None), ("100", None), ("24", None)]),
        ("Ada Brennan", "quote", [("300 million", "Ada Brennan"), ("40", "Ada Brennan")]),
        ("Ada Brennan", "paraphrase", [("2 billion yuan", "Ada Brennan")]),
        (None, "statistic", [("1.2 trillion yuan", "Wuzhen Data Bureau")]),
    ]
    # the deck under the headline says nothing anybody stated
    assert r.source.paragraphs[0] == "Sharper focus on data as summit opens"
    assert all(c.paragraph > 0 for c in r.claims)


def test_topics_are_the_claims_own():
    r = extract(ARTICLE)
    for claim in r.claims:
        assert claim.topics == TAXONOMY.topics_in(claim.text)
    assert any(claim.topics == () and TAXONOMY.topics_in(r.source.paragraphs[claim.paragraph]) == ()
               or claim.topics for claim in r.claims)


def test_a_second_claim_with_the_same_words_gets_its_own_anchor():
    taken: set[str] = set()
    first = claim_anchor("a", "Ann Lee", "quote", "We agree.", taken)
    second = claim_anchor("a", "Ann Lee", "quote", "We  agree.", taken)  # the same words, spaced otherwise
    assert ANCHOR.match(first) and second == first + "-2"
    assert claim_anchor("b", "Ann Lee", "quote", "We agree.", set()) != first  # another article, another anchor


# ---------------------------------------------------------------- built sites


def build_site(corpus: Path, out: Path):
    return build(load_config(corpus, out / "site", out / "index", jobs=1, quiet=True))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The seeds built, then built again after a paragraph is inserted near the top of one article
    and another paragraph of it is edited."""
    work = tmp_path_factory.mktemp("claims")
    before = build_site(SEEDS, work / "before")
    corpus = work / "corpus"
    shutil.copytree(SEEDS, corpus)
    [path] = corpus.glob("001_*.txt")
    text = path.read_text(encoding="utf-8")
    lead = "If you had taken a walk in eastern China's Wuzhen this week"
    assert lead in text and "They exchanged ideas on communication" in text
    text = text.replace(lead, "Organisers had spent months getting the old water town ready.\n\n" + lead, 1)
    text = text.replace("They exchanged ideas on communication", "They traded views on communication", 1)
    path.write_text(text, encoding="utf-8")
    after = build_site(corpus, work / "after")
    return (work / "before" / "site", before.records), (work / "after" / "site", after.records)


def test_permalinks_survive_a_paragraph_inserted_before(two_builds):
    (_, old), (site, new) = two_builds
    article = next(a.id for a in old.articles if a.source_file.startswith("001_"))
    old_claims = {c.anchor: c for c in old.claims if c.article == article}
    new_claims = {c.anchor: c for c in new.claims if c.article == article}
    assert old_claims and set(old_claims) == set(new_claims)
    assert all(new_claims[a].paragraph == old_claims[a].paragraph + 1 for a in old_claims)  # they moved down
    page = BeautifulSoup((site / "articles" / article / "index.html").read_text(encoding="utf-8"), "html.parser")
    for anchor, claim in new_claims.items():
        assert page.find(id=anchor).get_text() == claim.text
    # claims of the other articles keep theirs too
    assert {c.url for c in old.claims} == {c.url for c in new.claims}


def test_every_claim_has_a_marker_and_a_cite_line(two_builds):
    (site, records), _ = two_builds
    claim = next(c for c in records.claims if c.text.startswith("China is on course to become"))
    page = BeautifulSoup((site / "articles" / claim.article / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    mark = page.find(id=claim.anchor)
    assert mark.name == "mark" and ANCHOR.match(claim.anchor)
    marker = mark.find_next_sibling("span", class_="by").find("a", class_="claim-link")
    assert marker["href"] == f"#{claim.anchor}" and marker.get_text() == "quote"
    cites = [d.get_text(" ", strip=True) for d in page.select("details.cite .cite-text")]
    [cite] = [c for c in cites if claim.anchor in c and "Lu Wei" in c]
    for part in ("Lu Wei, director, Cyberspace Administration of China", "China Daily Europe", "2015-12-20",
                 "“Cyberspace a frontier for global cooperation”", f"articles/{claim.article}/#{claim.anchor}"):
        assert part in cite
    # without --base-url the permalink names index.html, so it opens from disk too
    permalinks = {a["href"] for a in page.select("details.cite .cite-text a") if "#c-" in a["href"]}
    assert f"../../articles/{claim.article}/index.html#{claim.anchor}" in permalinks
    assert all(href.startswith("../../articles/") and "/index.html#c-" in href for href in permalinks)
    assert len(page.select("details.cite .cite-text")) == sum(c.article == claim.article for c in records.claims)
    assert len(page.select("details.cite")) == len({c.paragraph for c in records.claims if c.article == claim.article})


def test_listings_link_claims_to_their_anchors(two_builds):
    (site, records), _ = two_builds
    speaker = next(s for s in records.speakers if s.name == "Lu Wei")
    page = BeautifulSoup((site / "speakers" / speaker.id / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in page.select("p.src a")}
    expected = {f"../../articles/{c.article}/index.html#{c.anchor}" for c in records.claims if c.speaker == speaker.id}
    assert expected and expected <= hrefs


def test_claims_csv_reads_on_its_own(two_builds):
    (site, records), _ = two_builds
    text = (site / "data" / "claims.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == CSV_COLUMNS
    assert {"speaker_name", "role", "organization", "outlet", "date", "source_url", "title", "permalink",
            "figures"} <= set(CSV_COLUMNS)
    assert len(rows) == len(records.claims)
    for row, claim in zip(rows, records.claims):
        assert int(row["paragraph"]) == claim.paragraph + 1  # the number a reader sees
        assert row["permalink"] == claim.url and row["id"] == claim.id
    [lu] = [r for r in rows if r["text"].startswith("China is on course")]
    assert (lu["speaker_name"], lu["role"], lu["organization"]) == ("Lu Wei", "director",
                                                                    "Cyberspace Administration of China")
    assert (lu["outlet"], lu["date"], lu["title"]) == ("China Daily Europe", "2015-12-20",
                                                       "Cyberspace a frontier for global cooperation")
    [stat] = [r for r in rows if "more than 250 million" in r["figures"]]
    assert stat["figures"].split("; ")[:2] == [
        "more than 250 million (people) — 4G mobile network users, according to Chinese Academy of Cyberspace",
        "7 percent — Internet sector's share of GDP, according to Chinese Academy of Cyberspace"]
    assert stat["speaker_name"] == "" and stat["kind"] == "statistic"


def test_records_carry_figures_as_objects(two_builds):
    (site, records), _ = two_builds
    import json

    data = json.loads((site / "data" / "records.json").read_text(encoding="utf-8"))
    [liu] = [c for c in data["claims"] if "700 million" in c["text"]]
    assert liu["figures"] == [{"value": "700 million", "qualifier": "more than", "unit": "people",
                               "counts": "netizens", "source": "Liu Yunshan"}]
    assert liu["kind"] == "paraphrase" and ANCHOR.match(liu["anchor"])
    assert liu["url"] == f"articles/{liu['article']}/#{liu['anchor']}"


def test_print_shows_paragraph_numbers_source_and_a_readable_measure():
    css = (Path(__file__).resolve().parent.parent / "static" / "site.css").read_text(encoding="utf-8")
    printed = css[css.index("@media print"):]
    assert re.search(r"\.article \.pn \{[^}]*display: block", printed)
    assert re.search(r"\.article \.body \{[^}]*max-width: 3\d em|\.article \.body \{[^}]*max-width: 3\dem", printed)
    assert 'a[href^="http"]::after { content: " (" attr(href) ")"' in printed


STANDFIRST = """Leaders pledge open data at Wuzhen forum
Tom Reyes said cross-border data flows would double, setting the tone for three days of talks.
By Mira Holt | Lakeside Times | Updated: 2021-09-27 10:15
WUZHEN - Delegates met on Monday.
"We will double cross-border data flows by 2025," said Tom Reyes, a trade official.
"""


def test_the_standfirst_above_the_dateline_is_no_claim():
    r = extract(STANDFIRST)
    assert r.source.standfirst == 1 and r.source.paragraphs[0].startswith("Tom Reyes said")
    assert [(c.paragraph, c.kind, c.speaker) for c in r.claims] == [(2, "quote", "Tom Reyes")]
    # the same lines with the standfirst as body text: then it is a claim
    body = extract(STANDFIRST.replace("By Mira Holt | Lakeside Times | Updated: 2021-09-27 10:15\n", "")
                   .replace("Leaders pledge open data at Wuzhen forum\n", "Leaders pledge open data at Wuzhen forum\n"
                            "2021-09-27\n"))
    assert body.source.standfirst == 0
    assert ("paraphrase", "Tom Reyes") in [(c.kind, c.speaker) for c in body.claims]


def test_the_cite_line_gives_an_absolute_permalink_when_the_site_address_is_known(tmp_path):
    report = build(load_config(SEEDS, tmp_path / "site", tmp_path / "index", jobs=1, quiet=True,
                               base_url="https://example.org/wic/"))
    claim = report.records.claims[0]
    page = BeautifulSoup((tmp_path / "site" / "articles" / claim.article / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    link = next(a for a in page.select(".cite-text a") if a.get_text().endswith(claim.anchor))
    assert link.get_text() == link["href"] == f"https://example.org/wic/articles/{claim.article}/#{claim.anchor}"


def test_a_figure_beside_a_quote_is_the_narrators_not_the_speakers():
    r = extract('Cloud leaders meet\n2023-11-08\n"We are growing fast," said Ann Lee, whose firm now has '
                '500 million users.\n')
    quote, stated = r.claims
    assert (quote.kind, quote.speaker, quote.figures) == ("quote", "Ann Lee", ())
    assert (stated.kind, stated.speaker, stated.text) == ("statistic", None,
                                                          "said Ann Lee, whose firm now has 500 million users.")
    assert [(f.value, f.source) for f in stated.figures] == [("500 million", None)]
    assert quote.end <= stated.start  # one span each


@pytest.mark.browser
def test_an_old_permalink_opens_its_claim_in_the_rebuilt_site(two_builds, page):
    """In Chromium: every permalink of the first build, opened on the site rebuilt after a
    paragraph was inserted before, lands on the same words."""
    (_, old), (site, _) = two_builds
    article = next(a.id for a in old.articles if a.source_file.startswith("001_"))
    claims = [c for c in old.claims if c.article == article]
    assert claims
    for claim in claims:
        page.goto((site / "articles" / article / "index.html").as_uri() + "#" + claim.anchor)
        assert page.locator(":target").inner_text() == claim.text, claim.anchor


def test_a_csv_cell_that_starts_like_a_formula_is_kept_as_text(tmp_path):
    """Article text is untrusted: a spreadsheet must not run "=HYPERLINK(...)" from claims.csv."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "=HYPERLINK(\"http://x\") Digital rules\n"
        "WUZHEN, Nov. 8 (Xinhua) -- Delegates met at the World Internet Conference in 2018.\n"
        '"+1 is what we add to every network we build," said Ingrid Solberg, a director at Fjord Data.\n',
        encoding="utf-8")
    result = build_site(corpus, tmp_path)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "site" / "data" / "claims.csv").read_text(encoding="utf-8"))))
    [row] = [r for r in rows if r["speaker_name"] == "Ingrid Solberg"]
    assert row["text"].startswith("'+1 is what") and row["title"].startswith("'=HYPERLINK")
    assert result.records.claims[0].text.startswith("+1")  # the records keep the words as written
