"""Extraction rules, one per test, on small texts written here (no seed text)."""

from pathlib import Path

import pytest

from wic_site.config import SiteConfig
from wic_site.extract import extract_article
from wic_site.extract.conference import find_conference_year, find_theme
from wic_site.extract.dates import find_publication
from wic_site.text.dates import find_date
from wic_site.extract.statistics import find_figures
from wic_site.extract.topics import load_taxonomy
from wic_site.readers import read_text

TAXONOMY = load_taxonomy(SiteConfig.taxonomy_path)


def extract(text: str):
    source = read_text(text, "t.txt")
    from dataclasses import replace

    return extract_article(replace(source, id="t"), TAXONOMY)


def claims_by(result, name):
    return [c for c in result.claims if c.speaker == name and c.kind != "statistic"]


@pytest.mark.parametrize("line, expected", [
    ("2019-10-21Source: Example Daily", "2019-10-21"),
    ("Updated: 2017-12-04 09:59", "2017-12-04"),
    ("21.10.2019, 19:46 1234", "2019-10-21"),
    ("Example.org, October 21, 2019", "2019-10-21"),
    ("Published 21 October 2019", "2019-10-21"),
    ("Oct. 21, 2019", "2019-10-21"),
    ("no date at all", None),
    ("31.02.2019", None),
])
def test_date_forms(line, expected):
    assert find_date([line]) == expected


@pytest.mark.parametrize("header, dropped, expected", [
    (("2019-10-21Source: Example Daily   Jane Roe",), (), "Example Daily"),
    (("By Jane Roe | Example Weekly | Updated: 2019-10-21 10:00",), (), "Example Weekly"),
    (("0 Comment(s)Print E-mail Example.org.cn, October 21, 2019",), (), "Example.org.cn"),
    ((), ("This information may not be reproduced without reference to Example Agency.",), "Example Agency"),
    ((), ("Copyright © 2019 Example Media. All rights reserved.",), "Example Media"),
    ((), (), None),
])
def test_publication_forms(header, dropped, expected):
    assert find_publication(header, dropped, ("Lead paragraph.",)) == expected


@pytest.mark.parametrize("text, date, year", [
    ("Delegates met at the Sixth World Internet Conference.", "2020-01-05", 2019),
    ("The third World Internet Conference opened.", None, 2016),
    ("Leaders spoke at the 2023 World Internet Conference Wuzhen Summit.", None, 2023),
    ("The World Internet Conference has been held four times so far.", None, 2017),
    ("It is the seventh year for China to hold the World Internet Conference (WIC).", None, 2020),
    ("The World Internet Conference opened in Wuzhen on Nov. 7, 2019, with guests.", None, 2019),
    ("The conference opened with guests.", "2021-09-26", 2021),
    ("Nothing dated here.", None, None),
])
def test_conference_year_stated_beats_date(text, date, year):
    assert find_conference_year([text], date) == year


@pytest.mark.parametrize("text, theme", [
    ('The theme was "Shared Things in Cyberspace".', "Shared Things in Cyberspace"),
    ('Themed "Open Networks -- Common Good," the WIC was held in Wuzhen.', "Open Networks -- Common Good"),
    ('The theme of this year\'s conference, "Digital Trust for All", inspired me.', "Digital Trust for All"),
    ("Held under the theme of \u201cData for Everyone\u201d, the summit ...", "Data for Everyone"),
    ('He spoke of a "community" of users.', None),
])
def test_theme_forms(text, theme):
    assert find_theme([text]) == theme


def test_quote_with_inverted_attribution_and_appositive_roles():
    r = extract('Headline here\n2019-10-21\n"Networks will connect every village by then," says Ann Leeds, '
                'director of the Example Network Agency, the regulator.')
    [claim] = claims_by(r, "Ann Leeds")
    assert claim.kind == "quote" and claim.text == "Networks will connect every village by then,"
    [speaker] = r.speakers
    assert speaker.roles == ("director",) and speaker.organizations == ("Example Network Agency",)


def test_name_said_colon_quote():
    r = extract('Headline here\n2019-10-21\nBo Tran, an academician at the Example Academy of Sciences, said: '
                '"Models will change every industry. Nobody doubts it."')
    [claim] = claims_by(r, "Bo Tran")
    assert claim.kind == "quote" and claim.text == "Models will change every industry. Nobody doubts it."


@pytest.mark.parametrize("sentence", [
    "Ann Leeds said the platform would open to foreign firms next year.",
    "Ann Leeds stressed that security must come first for every platform.",
    "Ann Leeds warned that risks loom large for small firms.",
    "Ann Leeds called for closer cooperation among regulators.",
    "At the forum, Ann Leeds, founder of Example Labs, pointed out that rules lag behind.",
])
def test_reported_speech_forms(sentence):
    r = extract(f"Headline here\n2019-10-21\n{sentence}")
    [claim] = claims_by(r, "Ann Leeds")
    assert claim.kind == "paraphrase" and claim.text == sentence


def test_according_to_a_person_but_not_to_a_report():
    r = extract("Headline here\n2019-10-21\nAccording to Ann Leeds, the market will double.\n"
                "According to a report by the Example Institute, growth slowed.")
    assert [c.paragraph for c in claims_by(r, "Ann Leeds")] == [0]
    assert [m.name for m in r.speakers] == ["Ann Leeds"]


def test_mixed_quote_is_a_paraphrase_keeping_the_quoted_words():
    sentence = 'Ann Leeds said that AI should be "deeply integrated into every sector of the economy".'
    r = extract(f"Headline here\n2019-10-21\n{sentence}")
    [claim] = claims_by(r, "Ann Leeds")
    assert claim.kind == "paraphrase" and claim.text == sentence


def test_short_references_resolve_to_the_full_name():
    r = extract("Headline here\n2019-10-21\nPresident Karl Omar opened the summit.\n"
                "In his speech, Omar said the network is a shared good.\n"
                '"We will open our markets to all firms," he said.\n'
                "The president predicted faster growth for every member state.")
    claims = claims_by(r, "Karl Omar")
    assert [c.kind for c in claims] == ["paraphrase", "quote", "paraphrase"]
    assert [m.name for m in r.speakers] == ["Karl Omar"]
    assert r.speakers[0].roles == ("President",)


def test_quote_continuing_in_the_same_paragraph_keeps_its_speaker():
    r = extract('Headline here\n2019-10-21\nAnn Leeds spoke.\n"First we build the roads for data," she said. '
                '"Then we let every company drive on them."')
    assert [c.text for c in claims_by(r, "Ann Leeds")] == [
        "First we build the roads for data,", "Then we let every company drive on them."]


def test_interview_layout_attributes_answers_to_the_name_line():
    r = extract("Headline here\n2019-10-21\nEditors Jo Park and Li Wen asked two executives.\n"
                "Q1: What did you learn?\nAnn Leeds, CEO of Example Corp.\nA1 We learned a lot about cloud services.\n"
                "We will invest more.\nBo Tran, chairman of Other Group.\nA1 Security was the main subject.")
    assert [c.text for c in claims_by(r, "Ann Leeds")] == ["We learned a lot about cloud services.", "We will invest more."]
    assert [c.kind for c in claims_by(r, "Bo Tran")] == ["answer"]
    assert {m.name: m.organizations for m in r.speakers} == {"Ann Leeds": ("Example Corp",), "Bo Tran": ("Other Group",)}
    assert {"Jo Park", "Li Wen"} <= set(r.mentioned)


def test_reporters_are_authors_photographers_credits_attendees_mentioned_none_speakers():
    r = extract("Headline here\nBy Jo Park | Example Daily | Updated: 2019-10-21 10:00\n"
                "Guests included Prime Minister Karl Omar and founder Ann Leeds.\n"
                "Ann Leeds opens the forum in Wuzhen on Oct 20. Li Wen / Example Daily\n"
                "Sam Cole and Tia Moss contributed to this story.")
    assert r.speakers == ()
    assert {"Karl Omar", "Ann Leeds"} <= set(r.mentioned)
    assert r.authors == ("Jo Park", "Sam Cole", "Tia Moss")  # Li Wen took the photo: a credit
    assert not {"Jo Park", "Li Wen", "Sam Cole", "Tia Moss"} & set(r.mentioned)


def test_claim_offsets_point_into_the_paragraph():
    r = extract('Headline here\n2019-10-21\nIntro. "Data will flow freely across borders," Ann Leeds said.')
    [claim] = claims_by(r, "Ann Leeds")
    paragraph = r.source.paragraphs[claim.paragraph]
    assert paragraph[claim.start:claim.end] == claim.text


@pytest.mark.parametrize("sentence, qualifier, value, unit, counts", [
    ("The country has 800 million internet users.", None, "800 million", "people", "internet users"),
    ("Online sales reached 3.1 trillion yuan last year.", None, "3.1 trillion yuan", "yuan", "Online sales"),
    ("The sector accounts for 7 percent of GDP.", None, "7 percent", "percent", "sector's share of GDP"),
    ("More than 1,500 guests attended.", "more than", "1,500", "people", "guests"),
    ("Investors put in $45 billion.", None, "$45 billion", "US dollars", "investment by Investors"),
])
def test_statistics(sentence, qualifier, value, unit, counts):
    [found] = find_figures(sentence)
    f = found.figure
    assert (f.qualifier, f.value, f.unit, f.counts) == (qualifier, value, unit, counts)


@pytest.mark.parametrize("sentence", [
    "It connected 21 years ago.", "In 2019 it grew.", "The 13th plan runs to 2020.", "A1 It is big.",
    "Firms like 360 Security Group joined.", "It opened on Nov 16.",
])
def test_not_statistics(sentence):
    assert find_figures(sentence) == []


def test_figure_inside_a_quote_belongs_to_the_quote():
    r = extract('Headline here\n2019-10-21\n"We serve 500 million customers every day," Ann Leeds said.')
    [claim] = r.claims
    assert (claim.kind, claim.speaker) == ("quote", "Ann Leeds")
    assert [(f.value, f.source) for f in claim.figures] == [("500 million", "Ann Leeds")]


def test_topics_match_on_stems_and_acronyms_exactly():
    assert TAXONOMY.topics_in("Engineers are testing self-driving cars.") == ("autonomous-vehicles",)
    assert TAXONOMY.topics_in("AI models and cloud computing") == ("artificial-intelligence", "cloud-and-big-data")
    assert TAXONOMY.topics_in("they are here") == ()


def test_broken_taxonomy_names_file_and_line(tmp_path: Path):
    from wic_site.errors import UserError

    bad = tmp_path / "topics.yaml"
    bad.write_text("AI:\n  keywords: [ai\nOther: x\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"topics\.yaml: line \d+: broken taxonomy YAML"):
        load_taxonomy(bad)
