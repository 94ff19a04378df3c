"""Fourth red-team round: six invented pages shaped like the most common real coverage of the Wuzhen summits.

tests/fixtures/unseen4/ holds invented articles (people, quotes, figures and some companies are made
up) in the page layouts most of the real coverage of the World Internet Conference (2014-2025) comes
in, with the chrome those sites wrap around it:
- China Daily ("By NAME in Place | chinadaily.com.cn | Updated: ...", "[Photo/Xinhua]" caption,
  "Related:" list, "Editor's picks") reporting a forum whose panelists are each quoted once;
- a Xinhua wire ("Source: Xinhua| ... |Editor: huaxia", "(Xinhua/NAME)" caption, "Enditem") on the
  president's congratulatory letter: the letter's content is the president's reported speech, the
  official who reads it out and then speaks is a speaker too, the one who presides is not;
- Global Times ("Source: Global Times Published: 2022/11/9 22:40:01", "Photo: VCG", "told the Global
  Times") on the World Internet Leading Scientific and Technological Achievements;
- SHINE / Shanghai Daily ("16:42 UTC+8, 2023-11-08", a caption followed by a "Ti Gong" credit line,
  "Source: SHINE   Editor: NAME") on the Light of Internet Expo;
- ECNS ("2024-11-22 16:31:42 ECNS Editor : NAME", "(ECNS) --", "(Photo/Xinhua)") on the closing
  ceremony and the Wuzhen Initiative, a document that "calls on" and "says" but is nobody;
- The Straits Times ("Published Nov 7, 2018, 5:00 PM SGT", "Mr"/"Ms"/"Dr" before every name,
  "PHOTO: REUTERS", a theme with a single hyphen) on the opening and the letter read out there.
The expectations were written from the texts before looking at the output.
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


UNSEEN4 = FIXTURES / "unseen4"

CD = "chinadaily_2019_forum"
XH = "xinhua_2021_letter"
GT = "globaltimes_2022_achievements"
SH = "shine_2023_expo"
EC = "ecns_2024_initiative"
ST = "straitstimes_2018_opening"


@pytest.fixture(scope="module")
def unseen():
    return extract_folder(UNSEEN4)


def test_the_folder_reads_as_a_corpus():
    assert_reads_as_corpus(UNSEEN4, 6)


# Each value is what a careful reader lists; a set holds the answers a reader could equally give.
METADATA = {
    CD: dict(
        title="Global tech leaders debate AI rules at Wuzhen forum",
        date="2019-10-21", publication={"China Daily", "chinadaily.com.cn"}, year=2019, edition=6,
        theme="Intelligent Interconnection, Open Cooperation -- Jointly Building a Community with a Shared "
              "Future in Cyberspace",
        speakers={"Ma Xiaochun", "Evelyn Hartwell", "Song Jiaheng", "Tobias Reinholt", "Dong Lihua"}),
    XH: dict(
        title="Tang Weiguo sends congratulatory letter to 2021 World Internet Conference Wuzhen Summit",
        date="2021-09-26", publication="Xinhua", year=2021, edition=8,
        # the comma inside the closing quotation mark is American punctuation, not part of the theme
        theme="Towards a New Era of Digital Civilization -- Building a Community with a Shared Future in Cyberspace",
        speakers={"Tang Weiguo", "Huang Qiming"}),
    GT: dict(
        title="Open-source chip, satellite internet among 15 world-leading internet achievements unveiled in Wuzhen",
        date="2022-11-09", publication="Global Times", year=2022, edition=9,
        theme="Towards a Digital Future of Shared Development and Security -- Building a Community with a "
              "Shared Future in Cyberspace",
        speakers={"Fei Zhenglin", "Gu Yanqiu", "Maren Solberg", "Liang Zhenpeng"}),
    SH: dict(
        title="Robots, AI models and chips draw crowds at Light of Internet Expo",
        date="2023-11-08", publication={"SHINE", "Shanghai Daily"}, year=2023, edition=10,
        theme="Building an Inclusive, Beneficial and Resilient Digital Future -- Towards a Community with a "
              "Shared Future in Cyberspace",
        speakers={"Ye Qingshan", "Pauline Marchetti", "Zheng Wanru", "Ren Dachuan"}),
    EC: dict(
        title="Wuzhen summit closes with initiative on AI for good",
        date="2024-11-22", publication={"ECNS", "ecns.cn", "Ecns.cn"}, year=2024, edition=11,
        theme="Embracing a People-centered and AI for Good Digital Future -- Building a Community with a "
              "Shared Future in Cyberspace",
        # the Wuzhen Initiative "calls on" and "says", but a document is no speaker
        speakers={"Ren Dachuan", "Zhuang Rongsheng", "Gregory Ashcombe"}),
    ST: dict(
        title="China's door to the world will only open wider, Tang tells internet conference",
        date="2018-11-07", publication={"The Straits Times", "Straits Times"}, year=2018, edition=5,
        theme="Creating a Digital World for Mutual Trust and Collective Governance - Building a Community of "
              "Common Future in Cyberspace",
        # names without their "Mr", "Ms", "Dr"
        speakers={"Tang Weiguo", "Daniel Ferreira-Lowe", "Wen Jiayi", "Owen Pritchard"}),
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
    CD: ({"Qian Xiaolu", "Ruan Zhiwei"}, set()),
    XH: ({"Zhuang Rongsheng", "Xu Yuhang"}, {"huaxia"}),
    GT: ({"Lin Xiaoyi", "Qiao Wenjun"}, set()),
    SH: ({"Hu Minxuan"}, {"Zhang Liuhao"}),
    EC: ({"Xue Peilin"}, {"Wang Shuying"}),
    ST: ({"Kang Jianyu", "Grace Lim Shu Fen"}, set()),
}


@pytest.mark.parametrize("article", sorted(MENTIONED))
def test_reporters_editors_presiders_and_readers_are_mentioned(unseen, article):
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
    (CD, "Ma Xiaochun", {"quote"}),
    (CD, "Evelyn Hartwell", {"paraphrase"}),
    (CD, "Song Jiaheng", {"paraphrase"}),
    (CD, "Tobias Reinholt", {"quote"}),
    (CD, "Dong Lihua", {"paraphrase"}),
    (XH, "Tang Weiguo", {"paraphrase"}),
    (XH, "Huang Qiming", {"paraphrase"}),
    (GT, "Fei Zhenglin", {"paraphrase", "quote"}),
    (GT, "Gu Yanqiu", {"quote"}),
    (GT, "Maren Solberg", {"paraphrase"}),
    (GT, "Liang Zhenpeng", {"paraphrase"}),
    (SH, "Ye Qingshan", {"quote"}),
    (SH, "Pauline Marchetti", {"paraphrase"}),
    (SH, "Zheng Wanru", {"paraphrase", "quote"}),
    (SH, "Ren Dachuan", {"paraphrase"}),
    (EC, "Ren Dachuan", {"paraphrase"}),
    (EC, "Zhuang Rongsheng", {"paraphrase"}),
    (EC, "Gregory Ashcombe", {"paraphrase", "quote"}),
    (ST, "Tang Weiguo", {"paraphrase"}),
    (ST, "Daniel Ferreira-Lowe", {"paraphrase", "quote"}),
    (ST, "Wen Jiayi", {"paraphrase"}),
    (ST, "Owen Pritchard", {"paraphrase", "quote"}),
]


@pytest.mark.parametrize("article,name,kinds", KINDS)
def test_claim_kinds(unseen, article, name, kinds):
    assert spoken_kinds(unseen[article], name) == kinds


# The letter's content is the president's; "Fei told the Global Times", "he said" after a named
# speaker, and a lead that puts the reported words before "President NAME said".
REFERENCES = [
    (XH, "Tang said in the letter", "Tang Weiguo"),
    (XH, "China is willing to work with other countries", "Tang Weiguo"),
    (XH, "Huang said China will continue", "Huang Qiming"),
    (GT, "Five years ago most entries", "Fei Zhenglin"),
    (GT, "We started with a handful", "Gu Yanqiu"),
    (SH, "The question visitors ask", "Zheng Wanru"),
    (EC, "Open models travel faster", "Gregory Ashcombe"),
    (ST, "In the letter, Mr Tang said", "Tang Weiguo"),
    (ST, "The market is huge", "Daniel Ferreira-Lowe"),
    (ST, "Beijing wants to show", "Owen Pritchard"),
    (CD, "Algorithms now decide", "Ma Xiaochun"),
    (CD, "China is the biggest testing ground", "Tobias Reinholt"),
]


@pytest.mark.parametrize("article,opening,name", REFERENCES)
def test_reported_speech_is_attributed(unseen, article, opening, name):
    assert speakers_opening(unseen[article], opening) == {name}


def test_the_lead_reports_the_letter_as_the_presidents_words(unseen):
    """'China's door ... will only open wider, President Tang Weiguo said ... in a congratulatory letter'."""
    found = {c.speaker for c in unseen[ST].claims if c.kind != "statistic" and "will only open wider" in c.text}
    assert found == {"Tang Weiguo"}


# A document, organizers and an official data source are nobody a reader could name.
UNNAMED = [
    (EC, "The Wuzhen Initiative calls on"),
    (EC, "It says AI should"),
    (EC, "serve people and benefit all of humanity"),
    (GT, "China's digital economy reached 45.5 trillion yuan"),
    (SH, "More than 580 companies"),
]


@pytest.mark.parametrize("article,opening", UNNAMED)
def test_unnamed_sources_are_no_speakers(unseen, article, opening):
    assert {c.speaker for c in unseen[article].claims if c.text.startswith(opening)} <= {None}


USERS = {"users", "internet users"}

# (article, accepted figures, accepted units, speaker) for sentences that state a figure.
STATISTICS = [
    (CD, {"854 million"}, USERS, None),
    (CD, {"more than 1,500", "1,500"}, {"guests"}, "Dong Lihua"),
    (XH, {"1.011 billion"}, USERS, None),
    (XH, {"71.6"}, {"percent"}, None),
    (GT, {"45.5 trillion"}, {"yuan"}, None),
    (GT, {"39.8"}, {"percent"}, None),
    (SH, {"more than 580", "More than 580", "580"}, {"companies"}, None),
    (SH, {"50.2 trillion"}, {"yuan"}, None),
    (SH, {"41.5"}, {"percent"}, None),
    (EC, {"more than 200", "200"}, {"members"}, "Ren Dachuan"),
    (EC, {"more than 1,500", "1,500"}, {"guests"}, None),
    (EC, {"1.09 billion"}, USERS, None),
    (EC, {"53.9 trillion"}, {"yuan"}, None),
    (EC, {"42.8"}, {"percent"}, None),
    (ST, {"more than 1.4 million", "1.4 million"}, {"km", "kilometres", "kilometers"}, "Wen Jiayi"),
    (ST, {"802 million"}, USERS, None),
]


@pytest.mark.parametrize("article,figures,units,speaker", STATISTICS)
def test_statistics(unseen, article, figures, units, speaker):
    found = [(c.unit, c.speaker) for c in unseen[article].claims if c.kind == "statistic" and c.figure in figures]
    assert found, f"no statistic among {sorted(figures)}"
    assert {u for u, _ in found} <= units
    assert {s for _, s in found} == {speaker}


# (article, name, organisation the speaker must have or None, words one of the roles must contain)
AFFILIATIONS = [
    (CD, "Ma Xiaochun", "Qiantang Intelligence", "vice-chairman of the board"),
    (CD, "Evelyn Hartwell", "Brightmoor Systems", "chief executive officer"),
    (CD, "Song Jiaheng", "Zhejiang University", "professor"),
    (CD, "Tobias Reinholt", "German Digital Industry Association", "head of digital policy"),
    (CD, "Dong Lihua", None, "deputy secretary-general"),
    (XH, "Tang Weiguo", None, "president"),
    (XH, "Huang Qiming", "Political Bureau of the Communist Party of China Central Committee", "member"),
    (GT, "Fei Zhenglin", "Chinese Academy of Engineering", "academician"),
    (GT, "Gu Yanqiu", "Eastlake Microelectronics", "chief technology officer"),
    (GT, "Maren Solberg", "Fjordline Networks", "vice-president"),
    (GT, "Liang Zhenpeng", None, "analyst"),
    (SH, "Ye Qingshan", "Yunjing AI", "general manager"),
    (SH, "Pauline Marchetti", "Domivia", "asia director"),
    (SH, "Zheng Wanru", "Shanghai Academy of Social Sciences", "researcher"),
    (SH, "Ren Dachuan", "World Internet Conference", "secretary-general"),
    (EC, "Zhuang Rongsheng", "Cyberspace Administration of China", "head"),
    (EC, "Gregory Ashcombe", "Cascadia Compute", "president"),
    (ST, "Daniel Ferreira-Lowe", "KopiPay", "chief executive"),
    (ST, "Wen Jiayi", "Lingjing", "vice-president"),
    (ST, "Owen Pritchard", "Lee Kuan Yew School of Public Policy", "senior fellow"),
]


@pytest.mark.parametrize("article,name,organization,role_words", AFFILIATIONS)
def test_roles_and_organisations(unseen, article, name, organization, role_words):
    person = {m.name: m for m in unseen[article].speakers}.get(name)
    assert person is not None, f"{name} is not a speaker"
    if organization is not None:
        assert organization in person.organizations
    assert any(role_words in role.lower() for role in person.roles), person.roles


def test_the_wic_secretary_general_keeps_the_organisation_in_its_short_form(unseen):
    person = {m.name: m for m in unseen[EC].speakers}["Ren Dachuan"]
    assert set(person.organizations) & {"WIC", "World Internet Conference"}
    assert any("secretary-general" in role.lower() for role in person.roles)


TOPICS = {
    CD: {"artificial-intelligence", "cloud-and-big-data"},
    XH: {"digital-economy"},
    GT: {"digital-economy"},
    SH: {"artificial-intelligence", "digital-economy"},
    EC: {"artificial-intelligence", "digital-economy"},
    ST: {"autonomous-vehicles", "internet-governance"},
}


@pytest.mark.parametrize("article", sorted(TOPICS))
def test_topics_a_reader_would_tag(unseen, article):
    rolled_up = {t for topics in unseen[article].paragraph_topics for t in topics}
    assert TOPICS[article] <= rolled_up


# Page chrome a reader skips: none of it may survive in a paragraph; the body must.
CHROME = {
    CD: ["Home / Business", "By Qian Xiaolu", "chinadaily.com.cn", "Updated:", "Share - WeChat", "[Photo/Xinhua]",
         "Visitors try out a driverless minibus", "Related:", "Leading internet technologies unveiled in Wuzhen",
         "Light of Internet Expo showcases 5G", "Editor's picks", "Most Viewed", "Copyright"],
    XH: ["Source: Xinhua", "Editor: huaxia", "Video PlayerClose", "(Xinhua/Xu Yuhang)",
         "Guests visit the Light of Internet Expo", "Enditem"],
    GT: ["GLOBAL TIMES", "HOME / SOURCE", "By Lin Xiaoyi", "Source: Global Times", "Published:", "Photo: VCG",
         "A visitor tries a VR headset", "RELATED ARTICLES", "Light of Internet Expo opens in Wuzhen",
         "WIC summit to open in Wuzhen", "Copyright"],
    SH: ["UTC+8", "A humanoid robot pours tea", "Ti Gong", "Source: SHINE", "Editor: Zhang Liuhao",
         "Special Reports", "Copyright"],
    EC: ["Home > Sci-Tech", "Editor : Wang Shuying", "ECNS App Download", "(Photo/Xinhua)",
         "Guests attend the closing ceremony", "Related news", "China releases World Internet Development Report",
         "Ecns Wire", "Copyright"],
    ST: ["THE STRAITS TIMES", "Asia › East Asia", "Published Nov", "Updated Nov", "China Correspondent",
         "PHOTO: REUTERS", "A visitor takes a photo of an autonomous car", "Join ST's Telegram", "Read more:",
         "Copyright"],
}
# Site names, bylines and widget lines that are chrome only when they stand alone.
CHROME_LINES = {
    CD: ["China Daily"],
    SH: ["SHINE", "Shanghai Daily", "Nation", "Hu Minxuan", "0"],
    EC: ["ECNS"],
    ST: ["Grace Lim Shu Fen"],
}
BODY = {
    CD: "were named World Internet Leading Scientific and Technological Achievements.",
    XH: "with an internet penetration rate of 71.6 percent.",
    GT: "had pushed Chinese companies to invest more in basic technologies.",
    SH: "according to the China Academy of Information and Communications Technology.",
    EC: "It says AI should \"serve people and benefit all of humanity.\"",
    ST: "China has 802 million internet users, according to official data.",
}
LEADS = {
    CD: "Technology executives, officials and scholars called for shared rules on artificial intelligence",
    XH: "Chinese President Tang Weiguo on Sunday sent a congratulatory letter",
    GT: "Fifteen technologies, including a domestically developed open-source chip architecture",
    SH: "Humanoid robots, large language models and domestic chips are drawing crowds",
    EC: "The 2024 World Internet Conference (WIC) Wuzhen Summit closed on Friday",
    ST: "China's door to the world will only open wider, President Tang Weiguo said",
}


@pytest.mark.parametrize("article", sorted(CHROME))
def test_chrome_is_gone(unseen, article):
    assert chrome_left(unseen[article], CHROME[article], CHROME_LINES.get(article, [])) == []


@pytest.mark.parametrize("article", sorted(BODY))
def test_body_is_kept(unseen, article):
    assert BODY[article] in "\n".join(unseen[article].source.paragraphs)


# A standfirst under the headline is article text too, so it may come before the lead.
STANDFIRSTS = {SH: "Shanghai companies are showing off large language models and humanoid robots"}


@pytest.mark.parametrize("article", sorted(LEADS))
def test_the_lead_is_the_first_paragraph(unseen, article):
    paragraphs = unseen[article].source.paragraphs
    if article in STANDFIRSTS:
        assert paragraphs[0].startswith(STANDFIRSTS[article])
        paragraphs = paragraphs[1:]
    assert LEADS[article] in paragraphs[0]


def test_every_claim_points_at_its_text(unseen):
    assert_claims_point_at_their_text(unseen)
