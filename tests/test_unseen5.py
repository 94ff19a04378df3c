"""Fifth red-team round: six invented pages built around traps a naive extractor falls into.

tests/fixtures/unseen5/ holds invented articles (people, quotes, figures and companies are made up),
each still a plausible news page, each built around one trap:
- CGTN 2020: other conferences (the World Artificial Intelligence Conference in Shanghai, with its own
  theme; last year's China International Import Expo), other years ("by 2030", "In 2019 the figure
  was") and another WIC edition ("the second World Internet Conference in 2015"): only the seventh
  WIC, its date and its theme count;
- The Deccan Ledger 2016 (.md): a quote attributed after a long relative clause, a quote whose
  speaker is introduced only in the NEXT sentence ("said one executive. That executive, Ana Ruiz
  of ..."), and an anonymous manager who is nobody;
- The Bund Wire 2025 (.html): a liveblog with "09:45 Opening ceremony" timestamps, present-tense
  "says", an em-dash attribution after a quote, a sub-forum "themed" something (not the conference
  theme) and no conference theme at all;
- Asia Tech Review 2015: "Wang Tao said" while "Wang Li" only attends, and a woman and a man
  alternating "she"/"he" across paragraphs;
- Xinhuanet 2014: a bilingual page (Chinese + English headline, English body), a "2014年11月19日"
  date, full-width （） around Chinese names and 「」/“” quotation marks next to CJK text;
- PR Newswire 2023: a press release ("HANGZHOU, China, Nov. 9, 2023 /PRNewswire/ --"), an
  "About ..." boilerplate with its own figures and founding year, and a media contact at the end.
The expectations were written from the texts before looking at the output.
"""

import re

import pytest
from unseen_support import (
    FIXTURES,
    assert_claims_point_at_their_text,
    assert_reads_as_corpus,
    chrome_left,
    extract_folder,
    field_of,
    spoken_kinds,
)


UNSEEN5 = FIXTURES / "unseen5"

CG = "cgtn_2020_other_conferences"
DL = "deccanledger_2016_sidelines"
BW = "bundwire_2025_liveblog"
AT = "asiatechreview_2015_panel"
XN = "xinhuanet_2014_bilingual"
PR = "prnewswire_2023_release"


@pytest.fixture(scope="module")
def unseen():
    return extract_folder(UNSEEN5)


def test_the_folder_reads_as_a_corpus():
    assert_reads_as_corpus(UNSEEN5, 6)


# Each value is what a careful reader lists; a set holds the answers a reader could equally give.
METADATA = {
    CG: dict(
        title="Wuzhen forum sets digital economy goals for the next decade",
        date="2020-11-23", publication="CGTN", year=2020, edition=7,
        # not the Shanghai conference's "Intelligent Connectivity, Indivisible Community"
        theme="Digital Empowerment for a Shared Future -- Working Together to Build a Community with a Shared "
              "Future in Cyberspace",
        speakers={"Liao Hongbin", "Clara Vintersen", "Deng Yuhan"}),
    DL: dict(
        title="On the sidelines in Wuzhen, foreign firms weigh China's new cybersecurity law",
        date="2016-11-17", publication={"The Deccan Ledger", "Deccan Ledger"}, year=2016, edition=3,
        theme="Innovation-driven Internet Development for the Benefit of All -- Building a Community of Common "
              "Future in Cyberspace",
        speakers={"Marcus Oyelaran", "Ana Ruiz", "Hu Zhenping"}),
    BW: dict(
        title="World Internet Conference Wuzhen Summit opens: day one as it happened",
        date="2025-11-07", publication={"The Bund Wire", "Bund Wire"}, year=2025, edition=12,
        # "The afternoon forum, themed "Governing AI Together"" is a sub-forum, not the conference
        theme=None,
        speakers={"Lu Jianhong", "Amara Nwosu-Lindgren", "Kenta Haruyama", "Xie Wanting"}),
    AT: dict(
        title="Rival visions of the next billion internet users collide at Wuzhen panel",
        date="2015-12-17", publication={"Asia Tech Review", "ASIA TECH REVIEW"}, year=2015, edition=2,
        theme="An Interconnected World Shared and Governed by All -- Building a Community of Common Future in "
              "Cyberspace",
        # Wang Li attends "but did not speak"
        speakers={"Wang Tao", "Sofia Lindqvist", "Rahul Mehra"}),
    XN: dict(
        title={"First World Internet Conference opens in Wuzhen",
               "首届世界互联网大会在乌镇开幕 First World Internet Conference opens in Wuzhen"},
        date="2014-11-19", publication={"Xinhuanet", "新华网", "XINHUANET.com", "Xinhuanet.com"},
        year=2014, edition=1,
        theme="An Interconnected World Shared and Governed by All",
        # names without their Chinese characters in full-width brackets
        speakers={"Zhao Minghui", "Elena Varga", "Qiu Haoran"}),
    PR: dict(
        title="Lumiqa Technologies Unveils Low-Power AI Inference Chip at 2023 World Internet Conference "
              "Wuzhen Summit",
        date="2023-11-09", publication={"PR Newswire", "PRNewswire"}, year=2023, edition=10,
        theme="Building an Inclusive, Beneficial and Resilient Digital Future -- Towards a Community with a "
              "Shared Future in Cyberspace",
        # the media contact is nobody who speaks
        speakers={"Priya Castellano", "Zhou Peiyao"}),
}


@pytest.mark.parametrize("article,name", [(a, n) for a, fields in sorted(METADATA.items()) for n in sorted(fields)])
def test_metadata_a_reader_would_list(unseen, article, name):
    expected = METADATA[article][name]
    got = field_of(unseen[article], name)
    if isinstance(expected, set) and name != "speakers":
        assert got in expected
    else:
        assert got == expected


# Mentioned people: required names, and the only extra names a reader could accept.
MENTIONED = {
    CG: ({"Ruan Meixi"}, set()),
    DL: ({"Meera Subramanian"}, set()),
    BW: ({"Tessa Brannigan", "Gao Yuming"}, set()),
    AT: ({"Wang Li", "Oliver Grantham"}, set()),
    XN: (set(), {"Liu Yang"}),
    PR: (set(), {"Tom Fairbanks"}),
}


@pytest.mark.parametrize("article", sorted(MENTIONED))
def test_reporters_and_attendees_are_mentioned(unseen, article):
    required, _ = MENTIONED[article]
    assert required <= set(unseen[article].mentioned) | set(unseen[article].authors)  # bylines are authors now


@pytest.mark.parametrize("article", sorted(MENTIONED))
def test_mentioned_holds_only_people(unseen, article):
    required, acceptable = MENTIONED[article]
    assert set(unseen[article].mentioned) <= required | acceptable


@pytest.mark.parametrize("article", sorted(METADATA))
def test_claims_belong_to_the_article_speakers_only(unseen, article):
    claimed = {c.speaker for c in unseen[article].claims if c.speaker is not None}
    assert claimed <= METADATA[article]["speakers"]


def test_a_namesake_who_only_attends_is_no_speaker(unseen):
    assert "Wang Li" not in {m.name for m in unseen[AT].speakers}
    assert "Wang Li" not in {c.speaker for c in unseen[AT].claims}


def test_the_media_contact_is_no_speaker(unseen):
    assert "Tom Fairbanks" not in {m.name for m in unseen[PR].speakers}
    assert "Tom Fairbanks" not in {c.speaker for c in unseen[PR].claims}


def test_speaker_names_carry_no_chinese_characters_or_brackets(unseen):
    names = {m.name for m in unseen[XN].speakers} | {c.speaker for c in unseen[XN].claims if c.speaker}
    assert [n for n in names if re.search(r"[\u3000-\u9fff\uff00-\uffef()]", n)] == []


KINDS = [
    (CG, "Liao Hongbin", {"paraphrase"}),
    (CG, "Clara Vintersen", {"quote"}),
    (CG, "Deng Yuhan", {"paraphrase"}),
    (DL, "Marcus Oyelaran", {"quote", "paraphrase"}),
    (DL, "Ana Ruiz", {"quote", "paraphrase"}),
    (DL, "Hu Zhenping", {"quote", "paraphrase"}),
    (BW, "Lu Jianhong", {"paraphrase"}),
    (BW, "Amara Nwosu-Lindgren", {"quote"}),
    (BW, "Kenta Haruyama", {"quote", "paraphrase"}),
    (BW, "Xie Wanting", {"paraphrase"}),
    (AT, "Wang Tao", {"quote", "paraphrase"}),
    (AT, "Sofia Lindqvist", {"quote", "paraphrase"}),
    (AT, "Rahul Mehra", {"paraphrase"}),
    (XN, "Zhao Minghui", {"quote", "paraphrase"}),
    (XN, "Qiu Haoran", {"quote"}),
    (PR, "Priya Castellano", {"quote", "paraphrase"}),
    (PR, "Zhou Peiyao", {"quote"}),
]


@pytest.mark.parametrize("article,name,kinds", KINDS)
def test_claim_kinds(unseen, article, name, kinds):
    assert spoken_kinds(unseen[article], name) == kinds


def test_a_mixed_quote_in_corner_brackets_is_a_claim(unseen):
    """'Elena Varga told Xinhuanet that the meeting was 「a rare chance ...」': quote or paraphrase."""
    kinds = spoken_kinds(unseen[XN], "Elena Varga")
    assert kinds and kinds <= {"quote", "paraphrase"}


def _speakers_of(result, snippet):
    """Speakers of the non-statistic claims whose text contains `snippet`."""
    return {c.speaker for c in result.claims if c.kind != "statistic" and snippet in c.text}


ATTRIBUTIONS = [
    (CG, "China had 940 million internet users", "Liao Hongbin"),
    (CG, "more than half of China's GDP", "Liao Hongbin"),
    (CG, "The pandemic has compressed", "Clara Vintersen"),
    (CG, "Nobody who went online", "Clara Vintersen"),
    (CG, "the timeline had not changed", "Deng Yuhan"),
    # a quote, then a relative clause of 30 words, then "said"
    (DL, "Cross-border data rules are the real bottleneck", "Marcus Oyelaran"),
    (DL, "hoped to open a warehouse", "Marcus Oyelaran"),
    # "said one executive. That executive, Ana Ruiz of ..."
    (DL, "We came here to listen", "Ana Ruiz"),
    (DL, "wait for the implementing rules", "Ana Ruiz"),
    (DL, "Three drafts in a year", "Ana Ruiz"),
    (DL, "protect critical infrastructure", "Hu Zhenping"),
    (DL, "People read the word", "Hu Zhenping"),
    (BW, "more than 260 members", "Lu Jianhong"),
    (BW, "Compute is the new electricity", "Amara Nwosu-Lindgren"),
    # "“...” — NAME, role"
    (BW, "Evaluation has to come before deployment", "Kenta Haruyama"),
    (BW, "publish its test results", "Kenta Haruyama"),
    (BW, "domestic AI chips now power", "Xie Wanting"),
    (AT, "would never repay the investment", "Wang Tao"),
    (AT, "Somebody has to go first", "Wang Tao"),
    (AT, "every administrative village", "Wang Tao"),
    (AT, "public money should go to open networks", "Sofia Lindqvist"),
    (AT, "satellite links would be cheaper", "Rahul Mehra"),
    (AT, "India could not wait", "Rahul Mehra"),
    # "She disagreed." after the man's paragraph, "He replied" after hers
    (AT, "Satellites are a bridge", "Sofia Lindqvist"),
    (AT, "better than a river", "Rahul Mehra"),
    (XN, "willing to work with other countries", "Zhao Minghui"),
    (XN, "Cyberspace is a common space", "Zhao Minghui"),
    (XN, "a rare chance to hear directly", "Elena Varga"),
    (XN, "632 million", "Qiu Haoran"),
    (PR, "Most AI will not run in giant data centers", "Priya Castellano"),
    (PR, "We built the Q7", "Priya Castellano"),
    (PR, "ship the chip to its first customers", "Priya Castellano"),
    (PR, "Our engineers need answers", "Zhou Peiyao"),
]


@pytest.mark.parametrize("article,snippet,name", ATTRIBUTIONS)
def test_words_are_attributed_to_their_speaker(unseen, article, snippet, name):
    assert _speakers_of(unseen[article], snippet) == {name}


UNNAMED = [
    (DL, "If the rules are clear"),
    (DL, "What we cannot live with"),
    (CG, "In 2019 the figure was"),
    (PR, "uses 40 percent less power"),
]


@pytest.mark.parametrize("article,snippet", UNNAMED)
def test_unnamed_sources_are_no_speakers(unseen, article, snippet):
    assert {c.speaker for c in unseen[article].claims if snippet in c.text} <= {None}


USERS = {"users", "internet users"}

# (article, accepted figures, accepted units, speaker) for sentences that state a figure.
STATISTICS = [
    (CG, {"about 600", "600"}, {"guests"}, None),
    (CG, {"36.2"}, {"percent"}, None),
    (CG, {"940 million"}, USERS, "Liao Hongbin"),
    (CG, {"71.1 billion"}, {"US dollars", "dollars", "USD"}, None),
    (DL, {"about 40,000", "40,000"}, {"parcels"}, "Marcus Oyelaran"),
    (BW, {"About 1,600", "about 1,600", "1,600"}, {"guests"}, None),
    (BW, {"more than 260", "260"}, {"members"}, "Lu Jianhong"),
    (BW, {"35"}, {"percent"}, "Xie Wanting"),
    (AT, {"70"}, {"percent"}, "Sofia Lindqvist"),
    (XN, {"more than 1,000", "1,000"}, {"guests"}, None),
    (XN, {"632 million", "6.32亿"}, USERS | {"网民"}, "Qiu Haoran"),
    (PR, {"40"}, {"percent"}, None),
    (PR, {"200"}, {"production lines", "lines"}, None),
]


@pytest.mark.parametrize("article,figures,units,speaker", STATISTICS)
def test_statistics(unseen, article, figures, units, speaker):
    found = [(c.unit, c.speaker) for c in unseen[article].claims if c.kind == "statistic" and c.figure in figures]
    assert found, f"no statistic among {sorted(figures)}"
    assert {u for u, _ in found} <= units
    assert {s for _, s in found} == {speaker}


def test_liveblog_timestamps_are_no_figures(unseen):
    """'09:45 Opening ceremony', '11:05 Short break', 'reopens at 11:30' state no figure."""
    stats = [c for c in unseen[BW].claims if c.kind == "statistic"]
    assert [(c.figure, c.text) for c in stats if re.search(r"\b\d{1,2}:\d{2}\b", c.text)] == []


def test_boilerplate_figures_are_no_statistics(unseen):
    """'The company serves more than 1,200 enterprise customers' sits in the 'About' boilerplate."""
    assert [c.figure for c in unseen[PR].claims if c.kind == "statistic" and "1,200" in (c.figure or "")] == []


# (article, name, organisation the speaker must have or None, words one of the roles must contain or None)
AFFILIATIONS = [
    (CG, "Liao Hongbin", "Cyberspace Administration of China", "deputy director"),
    (CG, "Clara Vintersen", "Nordlys Telecom", "vice-president"),
    (CG, "Deng Yuhan", None, "robotics entrepreneur"),
    (DL, "Marcus Oyelaran", "Kobo Freight", None),
    (DL, "Ana Ruiz", "Nubeluz", None),
    (DL, "Hu Zhenping", "Tsinghua University", "professor"),
    (BW, "Lu Jianhong", "World Internet Conference", "chairman"),
    (BW, "Amara Nwosu-Lindgren", "Tundra Labs", "chief scientist"),
    (BW, "Kenta Haruyama", "Kansai AI Safety Institute", "director of research"),
    (BW, "Xie Wanting", "Xinhe Semiconductor", "vice-president"),
    (AT, "Wang Tao", "China Broadlink", "chairman"),
    (AT, "Sofia Lindqvist", "Norrsken", "head of connectivity policy"),
    (AT, "Rahul Mehra", "GramNet", "founder"),
    (XN, "Zhao Minghui", "State Internet Information Office", "deputy director"),
    (XN, "Elena Varga", "Central European Internet Forum", "secretary-general"),
    (XN, "Qiu Haoran", "China Internet Network Information Center", "researcher"),
    (PR, "Priya Castellano", "Lumiqa Technologies", "ceo"),
    (PR, "Zhou Peiyao", "Zhejiang Ruifeng Manufacturing", "chief digital officer"),
]


@pytest.mark.parametrize("article,name,organization,role_words", AFFILIATIONS)
def test_roles_and_organisations(unseen, article, name, organization, role_words):
    person = {m.name: m for m in unseen[article].speakers}.get(name)
    assert person is not None, f"{name} is not a speaker"
    if organization is not None:
        assert organization in person.organizations
    if role_words is not None:
        assert any(role_words in role.lower() for role in person.roles), person.roles


TOPICS = {
    CG: {"digital-economy", "artificial-intelligence"},
    DL: {"cybersecurity"},
    BW: {"artificial-intelligence", "e-commerce"},
    AT: {"networks-and-5g"},
    PR: {"artificial-intelligence"},
}


@pytest.mark.parametrize("article", sorted(TOPICS))
def test_topics_a_reader_would_tag(unseen, article):
    rolled_up = {t for topics in unseen[article].paragraph_topics for t in topics}
    assert TOPICS[article] <= rolled_up


# Page chrome a reader skips: none of it may survive in a paragraph; the body must.
CHROME = {
    CG: ["Home > Tech", "Updated 2020-11-23", "By Ruan Meixi", "Search Trends", "Copyright", "ICP"],
    DL: ["By Meera Subramanian", "Share this story", "https://"],
    BW: ["The Bund Wire", "By Tessa Brannigan", "Updated 7 November", "Share this live blog", "Most read",
         "Hangzhou metro adds driverless line", "Five things to know", "Copyright", "Live: Wuzhen summit day one"],
    AT: ["ASIA TECH REVIEW", "Policy | Events", "By Oliver Grantham", "Print | Email", "Related stories",
         "Wuzhen opens its doors", "What the first World Internet Conference meant", "All rights reserved"],
    XN: ["Home > Tech", "首页", "字号", "打印", "来源", "责任编辑", "Editor: Liu Yang", "相关新闻", "乌镇：千年古镇",
         "版权所有", "Copyright"],
    # the "About ..." boilerplate and the media contact are the wire's, not the story's
    PR: ["News provided by", "Share this article", "09 Nov, 2023, 08:00 ET", "About Lumiqa Technologies",
         "Founded in 2016 and headquartered", "1,200 enterprise customers", "Media contact", "Tom Fairbanks",
         "+86 571", "press@lumiqa", "View original content", "SOURCE Lumiqa Technologies"],
}
# Site names and widget lines that are chrome only when they stand alone.
CHROME_LINES = {
    CG: ["CGTN", "Share"],
    BW: ["LIVE", "Tech", "Live"],
    XN: ["新华网 Xinhuanet"],
    PR: ["Lumiqa Technologies"],
}
BODY = {
    CG: "In 2019 the figure was 36.2 percent, according to the China Academy of Information and Communications "
        "Technology.",
    DL: "That executive, Ana Ruiz of the Madrid-based cloud company Nubeluz, said her firm would wait",
    BW: "The summit continues tomorrow with a forum on cross-border e-commerce.",
    AT: "He replied that a bridge was better than a river with no crossing at all.",
    XN: "The theme of the conference is 「An Interconnected World Shared and Governed by All」（互联互通·共享共治）.",
    PR: "said Zhou Peiyao, chief digital officer of Zhejiang Ruifeng Manufacturing.",
}
LEADS = {
    CG: "The World Internet Conference Internet Development Forum opened in Wuzhen",
    DL: "Foreign executives at the third World Internet Conference spent as much time",
    BW: "Good morning from Wuzhen, where the 2025 World Internet Conference Wuzhen Summit opens today.",
    AT: "A panel on connecting the next billion internet users turned into one of the liveliest sessions",
    XN: "The first World Internet Conference（世界互联网大会，WIC）opened on Wednesday in Wuzhen",
    PR: "Lumiqa Technologies, a Hangzhou-based developer of edge computing hardware, today unveiled",
}


@pytest.mark.parametrize("article", sorted(CHROME))
def test_chrome_is_gone(unseen, article):
    assert chrome_left(unseen[article], CHROME[article], CHROME_LINES.get(article, [])) == []


@pytest.mark.parametrize("article", sorted(BODY))
def test_body_is_kept(unseen, article):
    assert BODY[article] in "\n".join(unseen[article].source.paragraphs)


@pytest.mark.parametrize("article", sorted(LEADS))
def test_the_lead_is_the_first_paragraph(unseen, article):
    assert LEADS[article] in unseen[article].source.paragraphs[0]


def test_every_claim_points_at_its_text(unseen):
    assert_claims_point_at_their_text(unseen)


# Added after the first run showed CGTN's closing line among the dropped chrome: a short closing
# sentence of the story is body text too ("Keep every sentence of the article body").
CLOSING_LINES = {
    CG: "The forum closes on Tuesday.",
    BW: "That's it for day one.",
    XN: "The conference runs until Friday.",
}


@pytest.mark.parametrize("article", sorted(CLOSING_LINES))
def test_a_short_closing_sentence_is_kept(unseen, article):
    assert CLOSING_LINES[article] in "\n".join(unseen[article].source.paragraphs)
