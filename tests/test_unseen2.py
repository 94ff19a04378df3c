"""Second red-team round: five more invented World Internet Conference pages the extractor has never seen.

tests/fixtures/unseen2/ holds invented articles (people, quotes, figures and three outlets are made
up) in layouts the first round (tests/test_unseen.py) does not cover: a People's Daily Online page
with its web-editor and share/print chrome and a keynote speaker later called "the vice-premier"; a
Reuters wire ("WUZHEN, China (Reuters) -", "told reporters", "told Reuters", a company's statement,
an anonymous source, a "Reporting by ...; Editing by ..." line); an SCMP analysis with long
appositives and "he added"; a Nigerian outlet's Markdown file whose YAML front matter overrides
title, date and publication; a Russian agency's saved HTML page (<nav>, <article>, <time datetime>,
share list, figcaption credit, guillemet quotes). The years (2014, 2015, 2016, 2020, 2025) and the
ways the themes are stated ("with ... as its theme", "The official theme, ...", "under the motto",
"Organisers chose ... as this year's theme") are new too. The expectations were written from the
texts before looking at the output, so they test the general rules, not these files.
"""


import pytest
from wic_site.extract.byline import find_credits
from unseen_support import (
    FIXTURES,
    assert_claims_point_at_their_text,
    assert_reads_as_corpus,
    chrome_left,
    extract_folder,
    field_of,
    speakers_opening,
    spoken_kinds,
)


UNSEEN2 = FIXTURES / "unseen2"


@pytest.fixture(scope="module")
def unseen():
    return extract_folder(UNSEEN2)


def test_the_folder_reads_as_a_corpus_of_mixed_formats():
    assert_reads_as_corpus(UNSEEN2, 5)


METADATA = {
    "peoplesdaily_2014_keynote": dict(
        title="Vice-premier calls for orderly cyberspace as first World Internet Conference opens in Wuzhen",
        date="2014-11-19", publication="People's Daily Online", year=2014, edition=1,
        theme="An Interconnected World Shared and Governed by All",
        speakers={"Gao Mingshan", "Helga Lindqvist"}),
    "reuters_2020_wire": dict(
        title="China pitches data security rules to foreign firms at Wuzhen internet forum",
        # no ordinal, no year beside the conference name: the year comes from the article's date
        date="2020-11-23", publication="Reuters", year=2020, edition=7, theme=None,
        speakers={"Yan Qihua", "Priya Raman", "Liu Shaoqing"}),
    "scmp_2015_analysis": dict(
        title="Analysis: At Wuzhen, Beijing sells its vision of 'cyber sovereignty' to a sceptical world",
        date="2015-12-20", publication="South China Morning Post", year=2015, edition=2,
        theme="An Interconnected World Shared and Governed by All -- Building a Cyberspace Community of Shared Destiny",
        speakers={"Felix Osterhagen", "Shen Liyan", "Marcus Delacroix-Whyte"}),
    "lagosherald_2025_africa": dict(
        # front matter wins over the "# " heading and the "Published:" line in the body
        title="Nigeria, Kenya court Chinese AI investors at 2025 Wuzhen summit",
        date="2025-11-08", publication="Lagos Business Herald", year=2025, edition=12,
        theme="Towards an Inclusive and Intelligent Digital Era -- Jointly Building a Community with a "
              "Shared Future in Cyberspace",
        speakers={"Amaka Eze-Williams", "Joseph Mwangi Kariuki", "Ding Yaoming"}),
    "nevanews_2016_russia": dict(
        title="Russia and China discuss data localisation at third World Internet Conference",
        date="2016-11-17", publication="Neva News Agency", year=2016, edition=3,
        theme="Innovation-driven Internet Development for the Benefit of All",
        speakers={"Arkady Sheremetev", "Tan Huiling"}),
}


@pytest.mark.parametrize("article,name", [(a, n) for a, fields in sorted(METADATA.items()) for n in sorted(fields)])
def test_metadata_a_reader_would_list(unseen, article, name):
    assert field_of(unseen[article], name) == METADATA[article][name]


# Mentioned people: required names, and the only extra names a reader could accept.
MENTIONED = {
    "peoplesdaily_2014_keynote": ({"Teodoro Salgado", "Yuki Hanazawa", "Xu Jianhua", "Sun Yuxin"}, {"Bianji"}),
    "reuters_2020_wire": ({"Kwame Mensah", "Lina Zhou", "Robert Ashdown"}, set()),
    "scmp_2015_analysis": ({"Celia Warrender", "Azamat Temirbekov", "Galina Rostova"}, set()),
    "lagosherald_2025_africa": ({"Chinedu Okereke", "Abena Sarpong-Mensah"}, set()),
    "nevanews_2016_russia": ({"Oksana Belyaeva", "Nikolai Grebenshchikov"}, {"Yegor Lavrov"}),
}


@pytest.mark.parametrize("article", sorted(MENTIONED))
def test_reporters_editors_and_attendees_are_mentioned(unseen, article):
    required, _ = MENTIONED[article]
    credits = set(find_credits(unseen[article].source.header_lines, unseen[article].source.dropped))
    assert required <= set(unseen[article].mentioned) | set(unseen[article].authors) | credits  # bylines are authors now


@pytest.mark.parametrize("article", sorted(MENTIONED))
def test_mentioned_holds_only_people(unseen, article):
    required, acceptable = MENTIONED[article]
    assert set(unseen[article].mentioned) <= required | acceptable


@pytest.mark.parametrize("article", sorted(METADATA))
def test_claims_belong_to_the_article_speakers_only(unseen, article):
    claimed = {c.speaker for c in unseen[article].claims if c.speaker is not None}
    assert claimed <= METADATA[article]["speakers"]


KINDS = [
    ("peoplesdaily_2014_keynote", "Gao Mingshan", {"paraphrase", "quote"}),
    ("peoplesdaily_2014_keynote", "Helga Lindqvist", {"paraphrase", "quote"}),
    ("reuters_2020_wire", "Yan Qihua", {"paraphrase", "quote"}),
    ("reuters_2020_wire", "Priya Raman", {"paraphrase", "quote"}),
    ("reuters_2020_wire", "Liu Shaoqing", {"paraphrase", "quote"}),
    ("scmp_2015_analysis", "Felix Osterhagen", {"paraphrase", "quote"}),
    ("scmp_2015_analysis", "Shen Liyan", {"paraphrase", "quote"}),
    ("scmp_2015_analysis", "Marcus Delacroix-Whyte", {"quote"}),
    ("lagosherald_2025_africa", "Amaka Eze-Williams", {"paraphrase", "quote"}),
    ("lagosherald_2025_africa", "Joseph Mwangi Kariuki", {"paraphrase", "quote"}),
    ("lagosherald_2025_africa", "Ding Yaoming", {"paraphrase"}),
    ("nevanews_2016_russia", "Arkady Sheremetev", {"paraphrase", "quote"}),
]


@pytest.mark.parametrize("article,name,kinds", KINDS)
def test_claim_kinds(unseen, article, name, kinds):
    assert spoken_kinds(unseen[article], name) == kinds


def test_mixed_quote_of_a_professor_is_reported_speech(unseen):
    assert "paraphrase" in spoken_kinds(unseen["nevanews_2016_russia"], "Tan Huiling")


# Short references ("the vice-premier", "Gao", "she", "he added", "the deputy minister") resolve to
# the full name given earlier; a quote that comes before "said NAME, <long apposition>" is NAME's.
REFERENCES = [
    ("peoplesdaily_2014_keynote", "The vice-premier said the internet", "Gao Mingshan"),
    ("peoplesdaily_2014_keynote", "Cyberspace is not a lawless land", "Gao Mingshan"),
    ("peoplesdaily_2014_keynote", "He also pointed out that China had 632 million", "Gao Mingshan"),
    ("peoplesdaily_2014_keynote", "No single government, company or engineer", "Helga Lindqvist"),
    ("peoplesdaily_2014_keynote", "She noted that about 40 percent", "Helga Lindqvist"),
    ("reuters_2020_wire", "We oppose using data security", "Yan Qihua"),
    ("reuters_2020_wire", "Nobody here believes the decoupling story", "Priya Raman"),
    ("reuters_2020_wire", "Raman said Chinese companies", "Priya Raman"),
    ("reuters_2020_wire", "Liu Shaoqing, chief executive", "Liu Shaoqing"),
    ("reuters_2020_wire", "The pandemic pushed", "Liu Shaoqing"),
    ("scmp_2015_analysis", "Dr Felix Osterhagen, a senior research fellow", "Felix Osterhagen"),
    ("scmp_2015_analysis", "For many governments in Africa", "Felix Osterhagen"),
    ("scmp_2015_analysis", "Sovereignty does not mean a closed door", "Shen Liyan"),
    ("scmp_2015_analysis", "We came to listen", "Marcus Delacroix-Whyte"),
    ("scmp_2015_analysis", "What we heard was", "Marcus Delacroix-Whyte"),
    ("lagosherald_2025_africa", "Africa has the youngest population", "Amaka Eze-Williams"),
    ("lagosherald_2025_africa", "She said Nigeria had attracted", "Amaka Eze-Williams"),
    ("lagosherald_2025_africa", "Joseph Mwangi Kariuki, Kenya's principal secretary", "Joseph Mwangi Kariuki"),
    ("lagosherald_2025_africa", "Connectivity without local skills", "Joseph Mwangi Kariuki"),
    ("lagosherald_2025_africa", "Ding Yaoming, vice-president", "Ding Yaoming"),
    ("nevanews_2016_russia", "Data about our citizens", "Arkady Sheremetev"),
    ("nevanews_2016_russia", "According to Sheremetev", "Arkady Sheremetev"),
    ("nevanews_2016_russia", "Tan noted that", "Tan Huiling"),
]


@pytest.mark.parametrize("article,opening,name", REFERENCES)
def test_reported_speech_is_attributed(unseen, article, opening, name):
    assert speakers_opening(unseen[article], opening) == {name}


# Companies, anonymous sources and "a person familiar with" are nobody a reader could name.
UNNAMED = [
    ("reuters_2020_wire", "Shenzhen-based drone maker Skylark Robotics"),
    ("reuters_2020_wire", "A senior executive at a European telecom"),
    ("scmp_2015_analysis", "The conference cost the Zhejiang provincial government"),
]


@pytest.mark.parametrize("article,opening", UNNAMED)
def test_unnamed_sources_are_no_speakers(unseen, article, opening):
    assert {c.speaker for c in unseen[article].claims if c.text.startswith(opening)} <= {None}


# (article, accepted figures, accepted units, speaker) for sentences that state a figure.
STATISTICS = [
    ("peoplesdaily_2014_keynote", {"632 million"}, {"users", "internet users"}, "Gao Mingshan"),
    ("peoplesdaily_2014_keynote", {"1.85 trillion"}, {"yuan"}, "Gao Mingshan"),
    ("peoplesdaily_2014_keynote", {"about 40", "40"}, {"percent"}, "Helga Lindqvist"),
    ("reuters_2020_wire", {"1.2 billion", "$1.2 billion"}, {"US dollars", "dollars", "USD", "$"}, None),
    ("reuters_2020_wire", {"about 70", "70"}, {"percent"}, "Priya Raman"),
    ("reuters_2020_wire", {"38", "38%"}, {"percent", "%"}, "Liu Shaoqing"),
    ("reuters_2020_wire", {"940 million"}, {"users", "internet users"}, None),
    ("scmp_2015_analysis", {"688 million"}, {"users", "internet users"}, None),
    ("scmp_2015_analysis", {"300 million", "an estimated 300 million"}, {"yuan"}, None),
    ("lagosherald_2025_africa", {"about 600 million", "600 million", "about US$600 million", "US$600 million"},
     {"US dollars", "dollars", "USD", "US$"}, "Amaka Eze-Williams"),
    ("lagosherald_2025_africa", {"55"}, {"percent"}, "Ding Yaoming"),
    ("lagosherald_2025_africa", {"1.12 billion"}, {"users", "internet users"}, None),
    ("nevanews_2016_russia", {"84 million", "more than 84 million"}, {"users", "internet users"}, "Arkady Sheremetev"),
    ("nevanews_2016_russia", {"about 2.3 billion", "2.3 billion"}, {"US dollars", "dollars", "USD"}, "Tan Huiling"),
]


@pytest.mark.parametrize("article,figures,units,speaker", STATISTICS)
def test_statistics(unseen, article, figures, units, speaker):
    found = [(c.unit, c.speaker) for c in unseen[article].claims if c.kind == "statistic" and c.figure in figures]
    assert found, f"no statistic among {sorted(figures)}"
    assert {u for u, _ in found} <= units
    assert {s for _, s in found} == {speaker}


# (article, name, expected roles or None, expected organisations or None, required role words or None)
AFFILIATIONS = [
    ("peoplesdaily_2014_keynote", "Gao Mingshan", None, None, "vice-premier"),
    ("peoplesdaily_2014_keynote", "Helga Lindqvist", ("secretary-general",), ("Nordic Internet Governance Council",), None),
    ("reuters_2020_wire", "Yan Qihua", ("deputy director",), ("Cyberspace Administration of China",), None),
    ("reuters_2020_wire", "Priya Raman", None, ("Halcyon Insights",), "analyst"),
    ("reuters_2020_wire", "Liu Shaoqing", ("chief executive",), ("Tianmu Mall",), None),
    ("scmp_2015_analysis", "Felix Osterhagen", None, ("Centre for Digital Statecraft",), "senior research fellow"),
    ("scmp_2015_analysis", "Shen Liyan", None, None, "cyberlaw specialist"),
    ("scmp_2015_analysis", "Marcus Delacroix-Whyte", None, ("Pacific Technology Alliance",), "policy director"),
    ("lagosherald_2025_africa", "Amaka Eze-Williams", None, None, "minister"),
    ("lagosherald_2025_africa", "Joseph Mwangi Kariuki", None, None, "principal secretary"),
    ("lagosherald_2025_africa", "Ding Yaoming", ("vice-president",), ("Lingxi Cloud",), None),
    ("nevanews_2016_russia", "Arkady Sheremetev", None, None, "deputy minister"),
    ("nevanews_2016_russia", "Tan Huiling", None, None, "professor"),
]


@pytest.mark.parametrize("article,name,roles,organizations,role_word", AFFILIATIONS)
def test_roles_and_organisations(unseen, article, name, roles, organizations, role_word):
    person = {m.name: m for m in unseen[article].speakers}.get(name)
    assert person is not None, f"{name} is not a speaker"
    if roles is not None:
        assert person.roles == roles
    if organizations is not None:
        assert person.organizations == organizations
    if role_word is not None:
        assert any(role_word in role.lower() for role in person.roles), person.roles


TOPICS = {
    "peoplesdaily_2014_keynote": {"e-commerce", "cybersecurity", "networks-and-5g"},
    "reuters_2020_wire": {"cybersecurity", "e-commerce", "networks-and-5g"},
    "scmp_2015_analysis": {"internet-governance", "cybersecurity"},
    "lagosherald_2025_africa": {"artificial-intelligence", "cloud-and-big-data"},
    "nevanews_2016_russia": {"cybersecurity", "e-commerce"},
}


@pytest.mark.parametrize("article", sorted(TOPICS))
def test_topics_a_reader_would_tag(unseen, article):
    rolled_up = {t for topics in unseen[article].paragraph_topics for t in topics}
    assert TOPICS[article] <= rolled_up


# Page chrome a reader skips: none of it may survive in a paragraph; the body must.
CHROME = {
    "peoplesdaily_2014_keynote": ["English | 中文", "Home>>", "(People's Daily Online)", "Web editor",
                                  "Related reading", "Most viewed", "Copyright", "(People's Daily Online/Xu Jianhua)",
                                  "Guests visit an exhibition", "China to host first World Internet Conference"],
    "reuters_2020_wire": ["Technology News", "Updated 3 hours ago", "4 Min Read", "Our Standards",
                          "Reporting by", "Editing by", "By Kwame Mensah"],
    "scmp_2015_analysis": ["China / Politics", "Why you can trust SCMP", "Published:", "Updated:", "Advertisement",
                           "Read more:", "Sign up now", "print edition", "TOPICS:"],
    "lagosherald_2025_africa": ["By Chinedu Okereke", "Published: 7 November", "Read also", "Share on X",
                                "All rights reserved", "Africa at Wuzhen: ministers pitch"],
    "nevanews_2016_russia": ["NEVA NEWS AGENCY", "Home / Technology", "VK", "Telegram", "Photo: Yegor Lavrov",
                             "Tags:", "Read also", "Russian IT firms eye", "All rights reserved", "Sport",
                             "By Oksana Belyaeva", "window.dataLayer"],
}
# Widget and site-name lines that are chrome only when they stand alone.
CHROME_LINES = {
    "peoplesdaily_2014_keynote": ["People's Daily Online", "Share:", "Print"],
    "reuters_2020_wire": ["Reuters"],
    "scmp_2015_analysis": ["South China Morning Post", "Celia Warrender", "Share:"],
    "nevanews_2016_russia": ["Share"],
}
BODY = {
    "peoplesdaily_2014_keynote": "will hold sub-forums on cross-border e-commerce, mobile internet and cybersecurity.",
    "reuters_2020_wire": "according to the China Internet Network Information Center.",
    "scmp_2015_analysis": "will depend less on speeches than on how Beijing treats foreign firms",
    "lagosherald_2025_africa": "founder of the fintech start-up PayKola.",
    "nevanews_2016_russia": "head of the Russian Association of Electronic Communications.",
}
LEADS = {
    "peoplesdaily_2014_keynote": "The first World Internet Conference opened on Wednesday in Wuzhen",
    "reuters_2020_wire": "China's cyberspace regulator on Monday urged foreign technology companies",
    "scmp_2015_analysis": "When Beijing invited the world to the water town of Wuzhen",
    "lagosherald_2025_africa": "African ministers used the opening day of the 2025 World Internet Conference",
    "nevanews_2016_russia": "Russian and Chinese officials discussed data localisation rules",
}


@pytest.mark.parametrize("article", sorted(CHROME))
def test_chrome_is_gone(unseen, article):
    assert chrome_left(unseen[article], CHROME[article], CHROME_LINES.get(article, [])) == []


@pytest.mark.parametrize("article", sorted(BODY))
def test_body_is_kept(unseen, article):
    assert BODY[article] in "\n".join(unseen[article].source.paragraphs)


# A standfirst under the headline is article text too, so it may come before the lead.
STANDFIRSTS = {"scmp_2015_analysis": "The internet summit drew officials and tech bosses from more than 120 countries"}


@pytest.mark.parametrize("article", sorted(LEADS))
def test_the_lead_is_the_first_paragraph(unseen, article):
    paragraphs = unseen[article].source.paragraphs
    if article in STANDFIRSTS:
        assert paragraphs[0].startswith(STANDFIRSTS[article])
        paragraphs = paragraphs[1:]
    assert LEADS[article] in paragraphs[0]


def test_every_claim_points_at_its_text(unseen):
    assert_claims_point_at_their_text(unseen)
