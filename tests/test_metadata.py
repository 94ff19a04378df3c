"""Article metadata by class: dates, year, theme, layout, other scripts, authors, source
address, repeated chrome. Every fixture text is written here, in the forms real pages use."""

from dataclasses import replace
from pathlib import Path

import pytest

from wic_site.config import SiteConfig
from wic_site.extract import extract_article
from wic_site.extract.conference import find_conference_year, find_theme
from wic_site.extract.topics import load_taxonomy
from wic_site.layout import reflow
from wic_site.readers import read_corpus, read_text
from wic_site.text.dates import DATE_IN_LINE, find_date

TAXONOMY = load_taxonomy(SiteConfig.taxonomy_path)
BODY = ("Delegates from forty countries met in Wuzhen for the World Internet Conference this week.\n"
        "Officials spoke about data rules and the digital economy at the opening session.\n")


def extract(text: str, suffix: str = ".txt"):
    source = read_text(text, "t" + suffix, suffix=suffix)
    return extract_article(replace(source, id="t"), TAXONOMY)


# --- dates: one grammar ---------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Nov 21,2014 11:52 PM", "2014-11-21"),
    ("Updated: December 3,2017", "2017-12-03"),
    ("Wednesday, 09 December, 2015", "2015-12-09"),
    ("2016-11-18Source: Example Agency", "2016-11-18"),
    ("date 2020-11-23", "2020-11-23"),
    ("Posted on 7th November 2019", "2019-11-07"),
    ("NOVEMBER 8, 2022 / 10:14", "2022-11-08"),
    ("11/20/2019 08:00", "2019-11-20"),
    ("Posted 11-20-2019", "2019-11-20"),
    ("20/11/2019", "2019-11-20"),
    ("18-Nov-2016", "2016-11-18"),
    ("2014年11月19日 09:30", "2014-11-19"),
    ("Delegates may 20, 2015 attend", None),  # a verb, not a month
])
def test_date_forms_found_by_extraction_and_seen_by_cleaning(line, expected):
    assert find_date([line]) == expected
    assert bool(DATE_IN_LINE.search(line)) == (expected is not None)


def test_a_date_in_the_form_but_not_in_the_calendar_is_no_date():
    assert find_date(["Sept. 31, 2019"]) is None and find_date(["2019-02-30"]) is None


@pytest.mark.parametrize("dateline, expected", [
    ("Nov 21,2014 11:52 PM", "2014-11-21"),
    ("Wednesday, 09 December, 2015", "2015-12-09"),
    ("2016-11-18Source: Example Agency", "2016-11-18"),
])
def test_a_dateline_in_any_form_is_header_not_body(dateline, expected):
    result = extract(f"Talks open in Wuzhen\n\n{dateline}\n\n{BODY}")
    assert result.date == expected and dateline not in result.source.paragraphs
    assert result.source.title == "Talks open in Wuzhen"


def test_a_dateline_below_a_long_site_menu_is_still_the_header():
    menu = "\n".join(["Example News Network", "Home", "World", "Nation", "Business", "Tech", "Sports", "Culture",
                      "Opinion", "Video"])
    result = extract(f"{menu}\nInternet leaders gather in canal town\n2016-11-18Source: Example Agency\n{BODY}")
    assert result.source.title == "Internet leaders gather in canal town"
    assert result.date == "2016-11-18" and result.publication == "Example Agency"
    assert result.source.paragraphs == tuple(BODY.strip().split("\n"))


def test_a_short_date_line_at_the_foot_of_the_page_is_the_date():
    result = extract(f"Talks open in Wuzhen\n{BODY}Updated 18:05, 09-Nov-2018")
    assert result.date == "2018-11-09" and result.year == 2018


def test_a_dateline_closing_a_blog_post_is_metadata():
    result = extract(f"Notes from the canal town\n{BODY}Posted on November 21, 2014 by admin")
    assert result.date == "2014-11-21" and result.source.paragraphs == tuple(BODY.strip().split("\n"))
    assert "Posted on November 21, 2014 by admin" in result.source.header_lines


def test_a_dated_headline_in_a_related_list_is_no_publication_date():
    result = extract(f"Talks open in Wuzhen\n{BODY}Related:\nSummit closes with deals signed on Nov 23, 2021 in Wuzhen\n"
                     "Guests tour the expo")
    assert result.date is None


def test_a_bare_date_stamp_at_the_top_is_the_date():
    result = extract(f"date 2020-11-23\n\nTalks open in Wuzhen\n\n{BODY}")
    assert result.date == "2020-11-23" and result.year == 2020


# --- year: weighed evidence -----------------------------------------------------------

@pytest.mark.parametrize("texts, date, year", [
    (["Since the first World Internet Conference in 2014, the event has grown every year.",
      "At the second conference in 2015, the host proposed shared principles.",
      "The 2023 World Internet Conference Wuzhen Summit opened on Wednesday."], None, 2023),
    (["At the second World Internet Conference, leaders spoke of a shared future.",
      "Guests at this year's gathering tried driverless buses."], "2023-11-09", 2023),
    (["The conference opened in Wuzhen on Nov 8, 2022, with guests from 120 countries."], None, 2022),
    (["Guests at this year's summit saw new phones."], "2019-10-22", 2019),
    (["The previous World Internet Conference in 2016 drew fewer guests."], "2017-12-04", 2017),
    (["Back in 2014 the WIC was small; the sixth World Internet Conference is far larger."], None, 2019),
    (["The canal town is hosting the World Internet Conference for the fourth time this week."], None, 2017),
    (["In its second year, the conference drew a head of state in person."], None, 2015),
    (["2014: The first World Internet Conference is held in the town.", "2015: The WIC draws heads of state.",
      "Founded in 2014, the World Internet Conference is a yearly forum.",
      "This time the seventh edition of the conference was quieter."], None, 2020),
    (["At the 2015 World Internet Conference, the host proposed four principles.",
      "The summit opened in Wuzhen on Nov 8, 2023, with 1,500 guests."], None, 2023),
    (["Guests came to the 2019 edition of the World Internet Conference."], None, 2019),
    (["Nothing here gives a year."], None, None),
])
def test_year_from_weighed_evidence_history_discounted(texts, date, year):
    assert find_conference_year(texts, date) == year


def test_an_article_with_no_edition_takes_the_year_of_its_opening_date():
    result = extract("Guests tour a smart town\n\nWUZHEN, Nov 23, 2021 -- Visitors to the summit rode driverless "
                     "shuttles on Tuesday.\n\nThe first World Internet Conference in 2014 had no such buses.\n")
    assert result.year == 2021 and result.edition == 8


# --- theme ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, theme", [
    ('The WIC, themed "Toward a Shared Digital Future", opened on Monday.', "Toward a Shared Digital Future"),
    ("The summit opened under the theme of Building a Safer Network Together.", "Building a Safer Network Together"),
    ("Held under the theme of Data for Everyone, the summit drew 1,500 guests.", "Data for Everyone"),
    ('The meeting opened with \u201cOpen Code, Open Future\u201d as its theme.', "Open Code, Open Future"),
    ("The meeting opened with Smart Towns for All as its theme.", "Smart Towns for All"),
    ("The theme of this year's WIC is Embracing a People-centred Digital Era, and guests agreed.",
     "Embracing a People-centred Digital Era"),
    ("Theme: Digital Civilisation for Everyone", "Digital Civilisation for Everyone"),
    ('The theme this time is "Open Cooperation for All."', "Open Cooperation for All"),
    ('The theme for this year\'s conference is "Data Without Borders".', "Data Without Borders"),
    ("The summit, whose theme is Connected Villages for All, ended.", "Connected Villages for All"),
    ("The theme of the event \u2014 \u201cSecure Networks, Shared Gains\u201d \u2014 drew praise.", "Secure Networks, Shared Gains"),
    ("Carrying the theme of Safer Digital Lives, the summit opened.", "Safer Digital Lives"),
    ("The talks centred on the theme of Open Source for Growth.", "Open Source for Growth"),
    ('The summit was themed around "Data and Trust".', "Data and Trust"),
    ('Experts held a dialogue on the theme of "Looking Back and Ahead".', None),
    ("The theme of the sub-forum was Safety for Young Users Online.", None),
    ('The children\'s forum was themed "Kids Online".', None),
    ("The theme of the talk is that rules lag behind.", None),
])
def test_theme_forms(text, theme):
    assert find_theme([text]) == theme


# --- layout: hard-wrapped text --------------------------------------------------------

WRAPPED = """Delegates weigh the rules of the road for data

Nov 21,2014 11:52 PM

WUZHEN -- Officials and company heads from dozens of countries
opened the first World Internet Conference in this canal town on
Wednesday, and the hosts said they hoped the meeting would become
a yearly fixture for the industry.

"We want a network that serves every village," said Deputy
Minister Karl Omar, who chairs the organising committee of the
event. He added that the gathering would look at trade.

Lin Bao, a researcher at the Example Institute, told reporters
that small firms would gain the most from common standards.
"""


def test_hard_wrapped_text_is_reflowed_into_paragraphs():
    result = extract(WRAPPED)
    paragraphs = result.source.paragraphs
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("WUZHEN -- Officials") and paragraphs[0].endswith("fixture for the industry.")
    assert "said Deputy Minister Karl Omar, who chairs" in paragraphs[1]
    assert "Karl Omar" in {m.name for m in result.speakers}
    assert result.date == "2014-11-21" and result.year == 2014


def test_one_line_per_paragraph_text_is_left_as_it_is():
    text = "A headline here\n2019-10-21\n" + "\n".join(
        f"Paragraph {n} says something short about the conference in Wuzhen." for n in range(12))
    assert reflow(text) == text
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    for seed in sorted(seeds.glob("*.txt")):
        assert reflow(seed.read_text(encoding="utf-8")) == seed.read_text(encoding="utf-8")


# --- other scripts --------------------------------------------------------------------

CHINESE = ("乌镇峰会今日开幕\n2014年11月19日 来源：示例网\n"
           "首届世界互联网大会今天在浙江乌镇开幕，来自多个国家和地区的嘉宾出席了会议。\n"
           "与会者围绕网络安全和数字经济等议题展开讨论，会期三天。\n责任编辑：李明\n")


def test_an_article_in_chinese_is_kept_listed_and_noted(tmp_path: Path):
    (tmp_path / "a-chinese.txt").write_text(CHINESE, encoding="utf-8")
    (tmp_path / "b-chinese.txt").write_text(CHINESE.replace("今日", "明日"), encoding="utf-8")
    (tmp_path / "c-english.txt").write_text(f"Talks open\n2019-10-21\n{BODY}", encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    assert [a.source_file for a in articles] == ["a-chinese.txt", "b-chinese.txt", "c-english.txt"]
    assert [a.id for a in articles[:2]] == ["a-chinese", "b-chinese"]
    assert len(articles[0].paragraphs) == 2 and "责任编辑：李明" in articles[0].dropped
    notes = [p for p in problems if p.file == "a-chinese.txt"]
    assert len(notes) == 1 and "extraction reads English" in notes[0].message
    assert not any(p.file == "c-english.txt" for p in problems)
    result = extract_article(articles[0], TAXONOMY)
    assert result.date == "2014-11-19" and result.year == 2014


# --- authors --------------------------------------------------------------------------

@pytest.mark.parametrize("byline, authors", [
    ("By Ann Lee and Bo Tran", ("Ann Lee", "Bo Tran")),
    ("By Ann Lee | Example Daily | Updated: 2019-10-21 10:00", ("Ann Lee",)),
    ("By ANN LEE in Wuzhen", ("Ann Lee",)),
    ("Reporter: Li Wen", ("Li Wen",)),
    ("Writer: Li Wen, Bo Tran", ("Li Wen", "Bo Tran")),
    ("2019-10-21 Source: Example Daily   Li Wen, Bo Tran and Ann Lee", ("Li Wen", "Bo Tran", "Ann Lee")),
    ("By Example Agency | 2019-10-21", ()),
    ("By Ann Lee (Example Daily) Updated : 2019-10-21", ("Ann Lee",)),
])
def test_bylines_give_authors_who_are_not_mentioned(byline, authors):
    result = extract(f"Talks open in Wuzhen\n{byline}\n{BODY}China Daily reporters Li Wen and Ann Lee asked questions.")
    assert result.authors == authors
    assert not set(result.authors) & set(result.mentioned)
    assert byline in result.source.header_lines and byline not in result.source.dropped


def test_contributions_and_sign_offs_give_authors_photo_credits_do_not():
    result = extract("Talks open in Wuzhen\n2019-10-21\n" + BODY +
                     "Guests visit the expo in Wuzhen on Oct 20. Sam Cole / Example Daily\n"
                     "More guests arrived on Tuesday for the second day of talks. Example TV's Lu Fang reports.\n"
                     "[Photo by Tia Moss/Example Daily]\n"
                     "By then, Ann Lee and Bo Tran had left the hall for the expo next door.\n"
                     "Jack Ma contributed ideas to the organisers.\n"
                     "Jo Park and Kim Ode contributed to this story.\n"
                     "(Reporting by Ru Chen in Wuzhen and Dan Hale in Beijing; Editing by Max Orr)\n"
                     "Lu Fang is a senior correspondent for Example TV.")
    assert result.authors == ("Ru Chen", "Dan Hale", "Lu Fang", "Jo Park", "Kim Ode")
    assert not {"Sam Cole", "Tia Moss", "Lu Fang", "Jo Park", "Ru Chen"} & set(result.mentioned)


def test_a_byline_outside_the_article_element_of_a_page():
    page = ("<html><body><article><h1>Talks</h1><p>December 3,2017</p><p>" + BODY + "</p></article>"
            "<p class='credits'>Reporting by Ann Lee; additional reporting by Bo Tran in Beijing.</p></body></html>")
    assert extract(page, ".html").authors == ("Ann Lee", "Bo Tran")


def test_a_labelled_credit_closing_a_post():
    result = extract(f"Notes from the canal town\n{BODY}Pictures by the author. Text: Ann Lee-Moreau")
    assert result.authors == ("Ann Lee-Moreau",)


def test_a_byline_at_the_end_of_the_body_is_metadata():
    result = extract(f"Talks open in Wuzhen\n2019-10-21\n{BODY}Reporter: Li Wen")
    assert result.authors == ("Li Wen",) and "Reporter: Li Wen" in result.source.header_lines
    assert "Reporter: Li Wen" not in result.source.paragraphs + result.source.dropped


# --- source address -------------------------------------------------------------------

def test_html_address_from_canonical_then_og_url_and_author_from_meta():
    head = ("<link rel='canonical' href='https://news.example.com/a/1.html'>"
            "<meta property='og:url' content='https://m.example.com/a/1'><meta name='author' content='Ann Lee'>")
    page = f"<html><head>{head}</head><body><article><h1>Talks</h1><p>{BODY}</p></article></body></html>"
    result = extract(page, ".html")
    assert result.url == "https://news.example.com/a/1.html" and result.authors == ("Ann Lee",)
    only_og = page.replace("<link rel='canonical' href='https://news.example.com/a/1.html'>", "")
    assert extract(only_og, ".html").url == "https://m.example.com/a/1"


@pytest.mark.parametrize("line, url", [
    ("https://news.example.com/2019/10/21/talks.html", "https://news.example.com/2019/10/21/talks.html"),
    ("URL: http://example.org/story?id=7", "http://example.org/story?id=7"),
    ("Source URL: https://example.net/s/9", "https://example.net/s/9"),
])
def test_txt_address_line_is_the_source_and_leaves_the_body(line, url):
    result = extract(f"Talks open in Wuzhen\n2019-10-21\n{BODY}{line}\n")
    assert result.url == url
    assert all(url not in p for p in result.source.paragraphs + result.source.dropped)


def test_a_bare_address_amid_the_body_is_no_source_address():
    middle = "\n".join(f"Paragraph {n} of the story about the summit in Wuzhen." for n in range(12))
    text = f"Talks open in Wuzhen\n2019-10-21\n{middle}\nhttps://example.org/report.pdf\n{middle}\n"
    assert extract(text).url is None


def test_only_web_addresses_are_source_addresses():
    assert extract("---\ntitle: T\nurl: javascript:alert(1)\n---\nBody text here.", ".md").url is None
    assert extract("---\ntitle: T\nurl: https://example.com/x\n---\nBody text here.", ".md").url == "https://example.com/x"
    result = extract(f"Talks open in Wuzhen\n2019-10-21\n{BODY}ftp://example.com/file\n")
    assert result.url is None


# --- chrome that repeats across the corpus --------------------------------------------

def test_lines_repeated_across_three_files_are_chrome_in_any_order(tmp_path: Path):
    shared_sentence = "The conference runs until Friday in the canal town of Wuzhen, organisers said."
    for n, name in enumerate(["c.txt", "a.txt", "b.txt"]):
        (tmp_path / name).write_text(
            f"Story number {n}\n2019-10-2{n}\nScan the code to follow us\n{BODY.replace('forty', str(n))}"
            f"{shared_sentence}\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(f"Story d\n2019-10-25\nScan the code to follow us twice\n{BODY}", encoding="utf-8")
    articles, _ = read_corpus(tmp_path)
    for article in articles[:3]:
        assert "Scan the code to follow us" not in article.paragraphs
        assert "Scan the code to follow us" in article.dropped
        assert shared_sentence in article.paragraphs  # a sentence of the body stays
    assert "Scan the code to follow us twice" in articles[3].paragraphs


# --- outlet ---------------------------------------------------------------------------

def test_outlet_set_apart_after_the_time_and_a_page_title_after_a_dash():
    result = extract(f"What guests said\nUpdated: Dec 17,2015 09:30 AM   Example Daily\n{BODY}")
    assert result.publication == "Example Daily" and result.date == "2015-12-17"
    byline = extract(f"What guests said\nDec 17, 2015 10:02 | By Ann Lee\n{BODY}")
    assert byline.publication is None and byline.authors == ("Ann Lee",)
    page = (f"<html><head><title>Talks in Wuzhen - Example Dispatch Asia</title></head>"
            f"<body><article><h1>Talks</h1><p>{BODY}</p></article></body></html>")
    assert extract(page, ".html").publication == "Example Dispatch Asia"
