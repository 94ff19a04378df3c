"""What a careful reader of each seed article would list, checked against the extractor."""

from pathlib import Path

import pytest

from wic_site.config import SiteConfig
from wic_site.extract import extract_article
from wic_site.extract.topics import load_taxonomy
from wic_site.readers import read_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds():
    taxonomy = load_taxonomy(SiteConfig.taxonomy_path)
    articles, problems = read_corpus(SEEDS)
    assert problems == []
    return {a.source_file[:3]: extract_article(a, taxonomy) for a in articles}


def speakers(result):
    return {m.name for m in result.speakers}


EXPECTED = {
    "000": dict(title="CEOs share their views on China's digital future", date="2018-11-09",
                publication="China Daily", year=2018, edition=5,
                theme="Creating a digital world of mutual trust and governance",
                speakers={"Pony Ma Huateng", "Eugene Kaspersky"}),
    "001": dict(title="Cyberspace a frontier for global cooperation", date="2015-12-20",
                publication="China Daily Europe", year=2015, edition=2,
                theme="Building a Cyberspace Community of Shared Destiny",
                speakers={"Xi Jinping", "Lu Wei", "Li Yuxiao", "Jim Breyer", "Kamel Mellahi", "Wu Jiangang"}),
    "002": dict(title="WIC makes digital world better", date="2018-11-09", publication="Kazakhstan Today",
                year=2018, edition=5, theme=None, speakers={"Xi Jinping"}),
    "003": dict(title="WIC advocates closer cooperation", date="2016-11-27", publication="China.org.cn",
                year=2016, edition=3,
                theme="Innovation-driven Internet Development for the Benefit of All -- Building a Community "
                      "of Common Future in Cyberspace",
                speakers={"Xi Jinping", "Liu Yunshan", "Xu Lin", "Chen Zhaoxiong", "Tim Collard"}),
    "004": dict(date=None, publication=None, year=2024, edition=11, theme=None,
                speakers={"Wu Hequan", "Lei Jun", "Qi Xiangdong", "Zhou Hongyi"}),
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_article_metadata_and_speakers(seeds, seed):
    result, expected = seeds[seed], EXPECTED[seed]
    got = dict(date=result.date, publication=result.publication, year=result.year, edition=result.edition,
               theme=result.theme, speakers=speakers(result))
    if "title" in expected:
        got["title"] = result.source.title
    assert got == expected


def test_wire_story_title_comes_from_its_lead(seeds):
    title = seeds["004"].source.title
    assert title.startswith("Chinese tech leaders and industry insiders") and len(title) < 90


def test_chrome_is_gone_and_body_kept(seeds):
    text = {k: "\n".join(r.source.paragraphs) for k, r in seeds.items()}
    for chrome in ("Home >", "Editor's picks", "relevant news", "Most read", "Comment(s)", "Copyright",
                   "@chinadaily.com.cn", "Orphus", "[Photo/", "Wu Zhiyi / China Daily", "Add your comments"):
        assert all(chrome not in t for t in text.values()), chrome
    assert "Zhao Huanxin and Shi Jing contributed to this story." in text["001"]
    assert text["003"].count("delivers a speech at the opening ceremony") == 0  # the duplicated caption
    assert "We have a lot of opportunities" in text["000"]


def test_reporters_are_authors_photographers_credits_and_attendees_only_mentioned(seeds):
    assert seeds["000"].authors == ("Cheng Yu", "Liu Yukun", "Ma Si")
    assert seeds["001"].authors == ("Chen Yingqun", "Zhao Huanxin", "Shi Jing")
    assert {"Jack Ma", "Dmitry Medvedev", "Nawaz Sharif"} <= set(seeds["001"].mentioned)
    assert "Wu Zhiyi" not in seeds["001"].mentioned  # a photographer: a credit, not in the story
    for result in seeds.values():
        assert not set(result.authors) & set(result.mentioned)


def test_roles_and_organisations(seeds):
    people = {m.name: m for r in seeds.values() for m in r.speakers}
    assert people["Lei Jun"].roles == ("founder and CEO",) and people["Lei Jun"].organizations == ("Xiaomi",)
    assert people["Eugene Kaspersky"].organizations == ("Kaspersky Lab",)
    assert people["Kamel Mellahi"].organizations == ("Warwick Business School",)
    assert people["Zhou Hongyi"].organizations == ("360 Security Group",)
    assert "President" in people["Xi Jinping"].roles


def test_claim_kinds_per_layout(seeds):
    kinds = lambda seed, name: {c.kind for c in seeds[seed].claims if c.speaker == name}
    assert kinds("000", "Eugene Kaspersky") == {"answer"}
    assert kinds("001", "Lu Wei") == {"quote"}
    assert kinds("002", "Xi Jinping") == {"paraphrase"}
    assert kinds("004", "Qi Xiangdong") == {"quote", "paraphrase"}


def test_short_references_resolve(seeds):
    xi = [c.text for c in seeds["001"].claims if c.speaker == "Xi Jinping"]
    assert any(t.startswith("The president predicted") for t in xi)
    assert any(t.startswith("He also put forward five proposals") for t in xi)
    lei = [c.text for c in seeds["004"].claims if c.speaker == "Lei Jun"]
    assert any(t.endswith("Lei added.") for t in lei)


def test_figures_of_users_and_money(seeds):
    figures = {(f.qualifier, f.value, f.unit, f.counts) for r in seeds.values() for c in r.claims for f in c.figures}
    assert {(None, "670 million", "people", "Internet users"), ("more than", "700 million", "people", "netizens"),
            (None, "27.2 trillion yuan", "yuan", "China's digital economy"),
            (None, "2.95 trillion yuan", "yuan", "sales by online retailers"),
            ("more than", "250 million", "people", "4G mobile network users"),
            (None, "7 percent", "percent", "Internet sector's share of GDP"),
            (None, "36 percent", "percent", "China's share of the 1,328 AI large models created"),
            ("about", "7.85 trillion yuan", "yuan", "combined market value")} <= figures
    assert not any(unit in {"years", "it"} for _, _, unit, _ in figures)
    assert not any(counts and counts.lower().startswith(("having", "the ")) for *_, counts in figures)


def test_figures_name_their_source(seeds):
    sources = {(f.value, f.source) for r in seeds.values() for c in r.claims for f in c.figures}
    # "The report says" and "it says" point back to the report named in the paragraph before
    assert {("250 million", "Chinese Academy of Cyberspace"), ("2.95 trillion yuan", "Chinese Academy of Cyberspace"),
            ("44 percent", "China Academy of Information and Communications Technology"),
            ("700 million", "Liu Yunshan"), ("1.3 billion", "Xi Jinping"), ("2,000", None)} <= sources


def test_one_claim_per_statement(seeds):
    """84 claims from 75 distinct texts before: a sentence gave a paraphrase and a statistic, or two
    statistics. Now every claim has its own span, and a statistic sentence is one claim with its figures."""
    assert sum(len(r.claims) for r in seeds.values()) == 74
    for result in seeds.values():
        spans = sorted((c.paragraph, c.start, c.end) for c in result.claims)
        assert all(a[0] != b[0] or a[2] <= b[1] for a, b in zip(spans, spans[1:])), spans
    [stated] = [c for c in seeds["001"].claims if c.kind == "statistic" and "Eight government leaders" in c.text]
    assert [f.counts for f in stated.figures] == ["ministerial officials", "international organizations",
                                                    "Internet entrepreneurs and experts"]


def test_a_quote_with_a_number_is_a_quote(seeds):
    [claim] = [c for c in seeds["001"].claims if "1.3 billion" in c.text]
    assert (claim.kind, claim.speaker, [f.value for f in claim.figures]) == ("quote", "Xi Jinping", ["1.3 billion"])
    [liu] = [c for c in seeds["003"].claims if "700 million" in c.text]
    assert (liu.kind, liu.speaker) == ("paraphrase", "Liu Yunshan")
    assert all(c.speaker is None for r in seeds.values() for c in r.claims if c.kind == "statistic")


def test_the_deck_is_no_claim(seeds):
    deck = seeds["001"].source.paragraphs[0]
    assert deck.startswith("President Xi calls on nations")
    assert not [c for c in seeds["001"].claims if c.paragraph == 0]


def test_topics_come_from_the_claims_own_words(seeds):
    taxonomy = load_taxonomy(SiteConfig.taxonomy_path)
    for result in seeds.values():
        assert all(c.topics == taxonomy.topics_in(c.text) for c in result.claims)
    # "Our goal is to let the achievements of the Internet benefit..." names no topic, though the
    # quote before it in its paragraph names the digital economy
    [goal] = [c for c in seeds["001"].claims if c.text.startswith("Our goal is")]
    assert goal.topics == () and "digital-economy" in seeds["001"].paragraph_topics[goal.paragraph]


def test_every_claim_points_at_its_text(seeds):
    for result in seeds.values():
        for claim in result.claims:
            assert result.source.paragraphs[claim.paragraph][claim.start:claim.end] == claim.text


def test_topics_roll_up(seeds):
    assert "artificial-intelligence" in {t for ts in seeds["004"].paragraph_topics for t in ts}
    assert "belt-and-road" in {t for ts in seeds["003"].paragraph_topics for t in ts}


def test_every_record_converts_as_dataclasses_asdict_would(seed_records):
    """Record.to_dict skips asdict's deep copy; the values must be the same, figures included."""
    from dataclasses import asdict

    every = [*seed_records.articles, *seed_records.claims, *seed_records.speakers, *seed_records.topics, *seed_records.years]
    assert any(c.figures for c in seed_records.claims)
    assert [r.to_dict() for r in every] == [asdict(r) for r in every]
