"""Reading and chrome removal, one rule per test, on small texts written here."""

from pathlib import Path

import pytest

from wic_site.errors import UserError
from wic_site.readers import derive_title, read_corpus, read_text


def read(text: str, suffix: str = ".txt"):
    return read_text(text, "t" + suffix, suffix=suffix)


def test_headline_is_the_line_before_the_dateline_not_the_site_name_or_breadcrumb():
    article = read("Example News\n\nHome > World\n\nLeaders meet online\n\n2020-11-23 Source: Example Daily\n\nBody text here.")
    assert article.title == "Leaders meet online"
    assert article.paragraphs == ("Body text here.",)
    assert {"Example News", "Home > World"} <= set(article.dropped)


def test_byline_with_pipes_is_header_not_body():
    article = read("Home / Tech\nA headline\nBy Jane Roe | Daily Example | Updated: 2019-10-20 08:00\nFirst paragraph.")
    assert article.header_lines == ("By Jane Roe | Daily Example | Updated: 2019-10-20 08:00",)
    assert article.paragraphs == ("First paragraph.",)


def test_wire_story_without_headline_gets_a_short_title_from_its_lead():
    lead = ("Ministers and executives from forty countries gathered on Tuesday in a riverside town to debate "
            "how the rules of the internet should be written.")
    article = read(lead + "\nSecond paragraph.")
    assert article.title.startswith("Ministers and executives from forty countries")
    assert article.title.endswith("…") and len(article.title.split()) <= 12
    assert article.paragraphs[0] == lead


def test_derive_title_keeps_a_short_lead_sentence_whole():
    assert derive_title("Talks open in Wuzhen. More follows.") == "Talks open in Wuzhen"


@pytest.mark.parametrize("chrome", [
    "Editor's picks", "relevant news", "Most read", "0 Comment(s)", "Print E-mail Bookmark and Share",
    "someone@example.com", "Copyright 2020 Example Media. All rights reserved.",
    "This information may not be reproduced without reference to Example Agency.",
    "Follow Example.com on Twitter and Facebook to join the conversation.", "Adjust font size:",
])
def test_widget_and_notice_lines_are_dropped(chrome):
    article = read(f"A headline\n2020-01-01\nThe body sentence stays.\n{chrome}\nAnother body sentence stays.")
    assert chrome not in article.paragraphs
    assert article.paragraphs == ("The body sentence stays.", "Another body sentence stays.")


def test_photo_credit_is_dropped_but_its_caption_text_kept_for_interview_name_lines():
    article = read("A headline\n2020-01-01\nJane Roe, CEO of Example Corp. [Photo/Example Daily]\nA1 We grow.")
    assert article.paragraphs[0] == "Jane Roe, CEO of Example Corp."
    assert "[Photo/Example Daily]" in article.dropped


def test_captions_with_credit_or_agency_dateline_are_dropped_and_duplicates_removed():
    caption = "Jane Roe speaks at the opening ceremony in Wuzhen, east China's Zhejiang Province, Nov. 7, 2019."
    credited = "Jane Roe addresses the forum on Dec 16. John Doe / Example Daily"
    article = read(f"A headline\n2019-11-08\n{caption}\n{caption}\n{credited}\nThe body.")
    assert article.paragraphs == ("The body.",)
    assert article.dropped.count(caption) == 2 and credited in article.dropped


def test_markdown_front_matter_overrides_and_heading_title():
    article = read("---\ntitle: Given title\ndate: 2019-10-20\n---\n# Heading\n\nBody *text*.", ".md")
    assert article.title == "Given title" and article.markdown
    assert article.front_matter["date"].isoformat() == "2019-10-20"
    assert article.paragraphs == ("Body *text*.",)


def test_broken_front_matter_is_one_line_naming_file_and_line():
    with pytest.raises(UserError, match=r"t\.md: line 3: broken front matter"):
        read("---\ntitle: ok\nyear: [2019\n---\nBody.", ".md")


def test_html_main_text_without_navigation_or_scripts():
    page = ("<html><head><title>Site | Page</title><meta property='og:site_name' content='Example Daily'></head>"
            "<body><nav>Home > World</nav><article><h1>Real headline</h1><time datetime='2019-10-21'>x</time>"
            "<p>First paragraph.</p><script>alert(1)</script><p>Second paragraph.</p></article>"
            "<footer>Copyright</footer></body></html>")
    article = read(page, ".html")
    assert article.title == "Real headline"
    assert article.paragraphs == ("First paragraph.", "Second paragraph.")
    assert "Source: Example Daily" in article.header_lines


def test_bad_files_are_problems_and_the_rest_is_read(tmp_path: Path):
    (tmp_path / "good.txt").write_text("A headline\n2019-10-20\nBody.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "latin.txt").write_bytes("Headline two\n2019-10-20\nCaf\xe9 body.".encode("latin-1"))
    articles, problems = read_corpus(tmp_path)
    assert [a.source_file for a in articles] == ["good.txt", "latin.txt"]
    messages = {p.file: p.message for p in problems}
    assert messages["empty.txt"].startswith("empty file")
    assert messages["image.txt"].startswith("binary file")
    assert messages["latin.txt"] == "invalid UTF-8 at byte 27; decoded with replacement characters"
    assert "\ufffd" in articles[1].paragraphs[0]


def test_same_title_twice_gets_unique_ids_and_a_problem(tmp_path: Path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Same headline\n2019-10-20\nBody.", encoding="utf-8")
    articles, problems = read_corpus(tmp_path)
    assert [a.id for a in articles] == ["same-headline", "same-headline-2"]
    assert problems and problems[0].file == "b.txt"


@pytest.mark.parametrize("dateline", [
    "Nov 21,2014 11:52 PM", "Wednesday, 09 December, 2015", "2016-11-18Source: Example Agency",
    "Published: 7th November 2019 08:15", "December 3,2017",
])
def test_datelines_of_every_form_are_header_lines(dateline):
    article = read(f"A headline for the story\n{dateline}\nThe first paragraph of the story is here.\nThe second one.")
    assert article.title == "A headline for the story"
    assert article.header_lines == (dateline,)
    assert article.paragraphs == ("The first paragraph of the story is here.", "The second one.")


def test_control_characters_never_reach_the_records():
    """They show as nothing in a page and make feed.xml invalid XML."""
    text = "Digital\x01 rules\x0b for all\nBy Ma Si | China Daily | Updated: 2018-11-09\nDelegates\x7f met\tin Wuzhen.\n"
    article = read_text(text, "a.txt")
    assert article.title == "Digital rules for all"
    assert article.paragraphs == ("Delegates met in Wuzhen.",)  # cleaning folds the tab into a space
