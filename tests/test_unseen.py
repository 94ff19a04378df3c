"""What a careful reader would list for World Internet Conference articles the extractor has never seen.

The fixtures in tests/fixtures/unseen/ are invented (people, quotes, figures and one outlet are made
up) in the raw saved-page style of seeds/, but with other outlets and layouts: a Xinhua wire story,
a CGTN page, a China Daily Q:/A: interview, a foreign outlet's minister story and a Global Times
op-ed published the year after the conference it discusses. The expectations were written from the
texts before looking at the output, so they test the general rules, not the seeds.
"""


import pytest
from unseen_support import (
    FIXTURES,
    assert_claims_point_at_their_text,
    chrome_left,
    extract_folder,
    field_of,
    speakers_opening,
    spoken_kinds,
)


UNSEEN = FIXTURES / "unseen"


@pytest.fixture(scope="module")
def unseen():
    return extract_folder(UNSEEN)


# One (article, field) pair per test, so a regression names exactly what a reader would miss.
METADATA = {
    "xinhua_2023_wire": dict(
        title="AI governance tops agenda as 2023 World Internet Conference Wuzhen Summit opens",
        date="2023-11-08", publication="Xinhua", year=2023, edition=10,
        theme="Building an Equitable, Inclusive and Secure Digital Future -- Jointly Building a Community "
              "with a Shared Future in Cyberspace",
        speakers={"Tomasz Wielgosz", "Ren Xiaoqing", "Samira Haddad"}),
    "cgtn_2022_summit": dict(
        title="Wuzhen summit spotlights digital cooperation as 2022 WIC opens",
        date="2022-11-09", publication="CGTN", year=2022, edition=9,
        theme="Shaping a Digital Future of Inclusiveness, Resilience and Win-Win Cooperation",
        speakers={"Zheng Yuhan", "Beatriz Almeida", "Anders Nyberg"}),
    "chinadaily_2021_interview": dict(
        title="Exclusive: Trust is the currency of digital cooperation, says cloud executive",
        date="2021-09-27", year=2021, edition=8, theme=None,
        speakers={"Hendrik van Dalen"}),
    "klledger_2019_minister": dict(
        title="Malaysia seeks bigger role on digital silk road, minister tells Wuzhen forum",
        date="2019-10-21", publication="The Kuala Lumpur Ledger", year=2019, edition=6,
        theme="Intelligent Interconnection, Open Cooperation -- Working Together to Build a Community "
              "with a Shared Future in Cyberspace",
        speakers={"Nurul Aini Kamaruddin", "Lim Chee Keong"}),
    "globaltimes_2017_oped": dict(
        title="Wuzhen consensus shows way forward for cyberspace governance",
        # published in January 2018 about the fourth conference (December 2017): the stated conference wins
        date="2018-01-08", publication="Global Times", year=2017, edition=4,
        theme="Developing Digital Economy for Openness and Shared Benefits",
        speakers={"Rashid Al-Mansoori", "Viktor Lindahl"}),
}


@pytest.mark.parametrize("article,name", [(a, n) for a, fields in sorted(METADATA.items()) for n in sorted(fields)])
def test_metadata_a_reader_would_list(unseen, article, name):
    assert field_of(unseen[article], name) == METADATA[article][name]


def test_byline_outlet_of_the_interview(unseen):
    # the byline names the site, the copyright line the company: either is the article's source
    assert unseen["chinadaily_2021_interview"].publication in {"chinadaily.com.cn", "China Daily"}


# Mentioned people: required names, and the only extra names a reader could accept.
MENTIONED = {
    "xinhua_2023_wire": ({"Kenji Morimoto", "Elena Petrova"}, {"Huaxia"}),
    "cgtn_2022_summit": ({"Li Mengyao"}, set()),
    "chinadaily_2021_interview": ({"Zhou Mingyu", "Wang Lin"}, set()),
    "klledger_2019_minister": ({"Farah Nadia Ismail", "Pichit Wongsakul", "Sokha Chenda"}, set()),
    "globaltimes_2017_oped": ({"Tang Jiawei", "Liu Rui"}, set()),
}


@pytest.mark.parametrize("article", sorted(MENTIONED))
def test_reporters_and_attendees_are_mentioned(unseen, article):
    required, acceptable = MENTIONED[article]
    assert required <= set(unseen[article].mentioned) | set(unseen[article].authors)  # bylines are authors now


@pytest.mark.parametrize("article", sorted(MENTIONED))
def test_mentioned_holds_only_people(unseen, article):
    required, acceptable = MENTIONED[article]
    assert set(unseen[article].mentioned) <= required | acceptable


KINDS = [
    ("xinhua_2023_wire", "Tomasz Wielgosz", {"quote"}),
    ("xinhua_2023_wire", "Ren Xiaoqing", {"paraphrase"}),
    ("xinhua_2023_wire", "Samira Haddad", {"paraphrase", "quote"}),
    ("cgtn_2022_summit", "Beatriz Almeida", {"paraphrase", "quote"}),
    ("cgtn_2022_summit", "Anders Nyberg", {"paraphrase", "quote"}),
    ("klledger_2019_minister", "Lim Chee Keong", {"paraphrase", "quote"}),
    ("globaltimes_2017_oped", "Viktor Lindahl", {"paraphrase", "quote"}),
]


@pytest.mark.parametrize("article,name,kinds", KINDS)
def test_claim_kinds(unseen, article, name, kinds):
    assert spoken_kinds(unseen[article], name) == kinds


def test_mixed_quote_paraphrase_of_an_official(unseen):
    assert "paraphrase" in spoken_kinds(unseen["cgtn_2022_summit"], "Zheng Yuhan")


def test_interview_answers_belong_to_the_name_line(unseen):
    result = unseen["chinadaily_2021_interview"]
    answers = [c for c in result.claims if c.kind == "answer"]
    assert {c.speaker for c in answers} == {"Hendrik van Dalen"}
    answered = {c.paragraph for c in answers}
    assert answered == {i for i, p in enumerate(result.source.paragraphs) if p.startswith("A:")}


def test_interview_questions_are_not_claims(unseen):
    result = unseen["chinadaily_2021_interview"]
    asked = {i for i, p in enumerate(result.source.paragraphs) if p.startswith("Q:")}
    assert asked and not [c for c in result.claims if c.paragraph in asked]


def test_a_sentence_opening_with_the_article_a_is_no_answer(unseen):
    result = unseen["cgtn_2022_summit"]
    assert not [c for c in result.claims if c.kind == "answer"]
    assert all(c.speaker in METADATA["cgtn_2022_summit"]["speakers"] for c in result.claims if c.speaker)


# Short references ("Ren", "she", "the minister", "He") resolve to the full name given earlier.
REFERENCES = [
    ("xinhua_2023_wire", "The country had built more than 3.2 million", "Ren Xiaoqing"),
    ("xinhua_2023_wire", "Samira Haddad, a senior fellow", "Samira Haddad"),
    ("cgtn_2022_summit", "Zheng urged countries", "Zheng Yuhan"),
    ("cgtn_2022_summit", "According to Anders Nyberg", "Anders Nyberg"),
    ("klledger_2019_minister", "WUZHEN, China: Malaysia wants", "Nurul Aini Kamaruddin"),
    ("klledger_2019_minister", "Speaking at a sub-forum on the Digital Silk Road", "Nurul Aini Kamaruddin"),
    ("klledger_2019_minister", "She highlighted", "Nurul Aini Kamaruddin"),
    ("klledger_2019_minister", "The minister urged", "Nurul Aini Kamaruddin"),
    ("klledger_2019_minister", "Lim cautioned", "Lim Chee Keong"),
    ("globaltimes_2017_oped", "He called for a common customs data standard", "Rashid Al-Mansoori"),
    ("globaltimes_2017_oped", "But Lindahl also acknowledged", "Viktor Lindahl"),
]


@pytest.mark.parametrize("article,opening,name", REFERENCES)
def test_reported_speech_is_attributed(unseen, article, opening, name):
    assert speakers_opening(unseen[article], opening) == {name}


def test_a_quote_after_warned_that_is_a_quote(unseen):
    quotes = [c.text for c in unseen["globaltimes_2017_oped"].claims
              if c.speaker == "Viktor Lindahl" and c.kind == "quote"]
    assert any(t.startswith("if every country builds its own walls") for t in quotes)


# (article, figure, accepted units, speaker) for sentences that state a figure.
STATISTICS = [
    ("xinhua_2023_wire", "1.079 billion", {"users"}, None),
    ("xinhua_2023_wire", "76.4", {"percent"}, None),
    ("xinhua_2023_wire", "more than 3.2 million", {"stations", "base stations", "5G base stations"}, "Ren Xiaoqing"),
    ("cgtn_2022_summit", "45.5 trillion", {"yuan"}, "Zheng Yuhan"),
    ("cgtn_2022_summit", "39.8", {"percent"}, "Zheng Yuhan"),
    ("cgtn_2022_summit", "more than 30", {"percent"}, "Beatriz Almeida"),
    ("chinadaily_2021_interview", "42", {"percent"}, "Hendrik van Dalen"),
    ("chinadaily_2021_interview", "more than 3,000", {"companies"}, "Hendrik van Dalen"),
    ("klledger_2019_minister", "18", {"percent"}, "Nurul Aini Kamaruddin"),
    ("klledger_2019_minister", "more than 2,000", {"businesses", "small businesses"}, "Nurul Aini Kamaruddin"),
    ("klledger_2019_minister", "19.1", {"percent"}, "Lim Chee Keong"),
    ("globaltimes_2017_oped", "751 million", {"users"}, None),
    ("globaltimes_2017_oped", "32.4", {"percent"}, None),
    ("globaltimes_2017_oped", "6.4 trillion", {"yuan"}, None),
]


@pytest.mark.parametrize("article,figure,units,speaker", STATISTICS)
def test_statistics(unseen, article, figure, units, speaker):
    found = [(c.unit, c.speaker) for c in unseen[article].claims if c.kind == "statistic" and c.figure == figure]
    assert found, f"no statistic {figure!r}"
    assert {u for u, _ in found} <= units
    assert {s for _, s in found} == {speaker}


# (article, name, expected roles or None, expected organisations or None, required role word or None)
AFFILIATIONS = [
    ("chinadaily_2021_interview", "Hendrik van Dalen", ("chief technology officer",), ("Noordhaven Data",), None),
    ("xinhua_2023_wire", "Ren Xiaoqing", ("deputy director",), ("National Data Administration",), None),
    ("klledger_2019_minister", "Lim Chee Keong", None, ("Penang Institute of Policy Studies",), None),
    ("cgtn_2022_summit", "Beatriz Almeida", None, None, "secretary for digital government"),
    ("klledger_2019_minister", "Nurul Aini Kamaruddin", None, None, "minister"),
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


# Page chrome a reader skips: none of it may survive in a paragraph; the body must.
CHROME = {
    "xinhua_2023_wire": ["Video Player", "[Editor:", "Related:", "Wuzhen summit showcases latest", "XINHUANET"],
    "cgtn_2022_summit": ["Sci-Tech", "Copied", "/CFP", "Updated 21:40", "Li Mengyao", "ICP prepared"],
    "chinadaily_2021_interview": ["[Photo provided", "Editor's picks", "Most popular", "Copyright"],
    "klledger_2019_minister": ["LUMPUR LEDGER", "Tech | World", "By Farah Nadia Ismail",
                               "Share this article", "All rights reserved"],
    "globaltimes_2017_oped": ["Illustration:", "@globaltimes.com.cn", "Posted in:"],
}
# Widget and site-name lines that are chrome only when they stand alone ("told CGTN" is body).
CHROME_LINES = {"cgtn_2022_summit": ["CGTN", "Search", "Share"]}
BODY = {
    "xinhua_2023_wire": "The Wuzhen Summit has been held annually since 2014.",
    "cgtn_2022_summit": "covering fields from quantum computing to brain-computer interfaces.",
    "chinadaily_2021_interview": "trust has to be built, one project at a time.",
    "klledger_2019_minister": "Farah Nadia Ismail is in Wuzhen at the invitation of the conference organisers.",
    "globaltimes_2017_oped": "The author is a research fellow with the Shanghai Academy of Social Sciences.",
}


@pytest.mark.parametrize("article", sorted(CHROME))
def test_chrome_is_gone(unseen, article):
    assert chrome_left(unseen[article], CHROME[article], CHROME_LINES.get(article, [])) == []


@pytest.mark.parametrize("article", sorted(BODY))
def test_body_is_kept(unseen, article):
    assert BODY[article] in "\n".join(unseen[article].source.paragraphs)


def test_every_claim_points_at_its_text(unseen):
    assert_claims_point_at_their_text(unseen)
