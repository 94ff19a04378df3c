"""Page-chrome removal for raw text saved from news sites, by general rules.

clean_lines(lines) splits the saved page into the headline, the header lines that carry
metadata (dateline, byline, source), the article paragraphs, and everything dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text.bylines import is_byline
from .text.data import load_data
from .text.dates import DATE_IN_LINE
from .text.names import is_name_token

BYLINE = re.compile(r"^\s*(?:By|Written by|Author:|Reporter:)\s+[A-Z]", re.I)
SOURCE_LINE = re.compile(r"(?:\b|(?<=\d))(?:Source\(?s?\)?|Updated|Published|Posted)\s*(?::|\d{1,2}:\d{2})", re.I)
BREADCRUMB = re.compile(r"^\s*[\w'.&-]+(?:\s+[\w'.&-]+){0,3}(?:\s*(?:>|/|»|›|\|)\s*[\w'.&-]+(?:\s+[\w'.&-]+){0,3})+\s*$")
PHOTO_CREDIT = re.compile(r"\s*\[(?:Photo|Photos|Image|Video|Editor)\b[^\]]*\]\s*", re.I)
# "... a VR headset. Photo: VCG", "... Nov 7, 2018. PHOTO: REUTERS", "... (Photo/Xinhua)"
TRAILING_CREDIT = re.compile(r"(?<=[.!?])\s*(?:(?:Photo|PHOTO|Photos|PHOTOS)\s*:\s*[\w.&/ -]{2,40}|\((?:Photo|PHOTO)/[^)]{2,40}\))\s*$")
NAME_LINE_CAPTION = re.compile(r"^[A-Z][\w'-]+(?: (?:[a-z]{1,3} )?[A-Z][\w'-]+){1,3},[^.]{2,120}\.?$")
CREDIT_LINE = re.compile(
    r"^(?:(?:Illustration|Photo|Graphic|Image|Video)\s*:\s*\S.{0,60}|\((?:web )?editor:.*\)|\(reporting by .*\))$", re.I
)
# A caption's closing credit: "... on Dec 16. Wu Zhiyi / China Daily" (person / outlet).
CAPTION_CREDIT = re.compile(
    r"[.!?]\s+(?:[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\s*)?/\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}\s*$"
    r"|[.!?]?\s*\([A-Z][\w' .]+/[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}\)\s*$"
)
# An agency-style caption ends with its place and date: "..., Zhejiang Province, Nov. 16, 2016."
CAPTION_DATELINE = re.compile(rf",\s*(?:{DATE_IN_LINE.pattern})\.?\s*$")
CAPTION_VERB = re.compile(r"^[A-Z][^.]{0,200}?\b(?:gives|delivers|addresses|speaks|attends|visits?|poses?|is seen|are seen|shakes|talks)\b")
_NAME_LINE = re.compile(r"^(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,3})(?: in [A-Z][\w ]+)?$")  # "Eleanor Pryce in Wuzhen"


TRAILING_EMAIL = re.compile(r"(?<=[.!?\"\u201d])\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$")
LINK_LIST_CAPTION = re.compile(r"^\s*(?:[\u3400-\u9fff]+\s*)?(?:related(?: news| stories| articles)?|relevant news|most read|editor'?s'? picks?|"
                               r"recommended|read more|read also|more news|related reading|see also|most viewed)\s*:?\s*$", re.I)
EMAIL_LINE = re.compile(r"^\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$")
COPYRIGHT = re.compile(
    r"copyright|©|all rights reserved|may not be reproduced|reproduc\w+ without|"
    r"hyperlink to [^.]{0,100}obligatory|when citing",
)  # matched against the lower-cased line
# Widget captions and controls with a varying part; the fixed ones are `widget_labels` in chrome.yaml.
WIDGET_LINE = re.compile(
    r"^\s*(?:editor'?s'? picks?|related:?|posted in:.*|e-?mail|no comments\.?|add your comments\.*|"
    r"go to forum\W*|\d+\s*comment\(s\)|"
    r"(?:[\u2022\u00b7*-]\s*)?(?:user name required|your comment|enter the words you see:?)|"
    r"\d+\s*min(?:ute)?s? read|why you can trust \S+|"
    r"(?:read (?:more|also)|related(?: reading)?|see also)\s*:.{0,160}|(?:topics|tags)\s*:.*|"
    r"(?:share on \w+\s*\|?\s*)+|share\s*[-:|]\s*\w+|video\s*player\s*close|join .{0,40}(?:channel|newsletter).*|"
    r"source\s*:.{1,40}\beditor\s*:.*|view original content.*|media contacts?:?.*|(?:[\w ]{0,30} )?correspondent(?: in [\w ()]+)?|our standards:.*|\(reporting by .*\)|\((?:web )?editor:.*\))\s*:?\s*$",
    re.I,
)
WIDGET_FRAGMENT = re.compile(
    r"follow \S+ on (?:twitter|facebook|weibo|wechat)|app download|get more from|newsletter|"
    r"send your stories|\brss\b|\d+\s*comment\(s\)\s*print|go to forum|share this (?:article|story|page)|"
    r"appeared in [^.]{2,80}print edition",
)  # matched against the lower-cased line: far faster than re.I on every line
CJK_LABEL = re.compile(r"^[\u3400-\u9fff]{2,6}\s*[\uff1a:]")  # 责任编辑：..., 来源：...
BOILERPLATE_START = re.compile(r"^About [A-Z][\w.&' -]{1,60}$")  # a press release's "About <company>"
NON_LATIN_SHORT = re.compile(r"^[^A-Za-z]*$")
CHROME = load_data("chrome")
WIDGET_WORDS = frozenset(CHROME["widget_words"])
WIDGET_LABELS = frozenset(CHROME["widget_labels"])
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s*$")


@dataclass(frozen=True)
class CleanText:
    title: str | None  # None: the text has no headline line
    paragraphs: tuple[str, ...]
    header_lines: tuple[str, ...]
    dropped: tuple[str, ...]
    standfirst: int = 0  # leading paragraphs that are a standfirst (body text above the dateline)


@dataclass(frozen=True)
class _Top:
    """The top of a page: headline, header lines, what was dropped, and where the body starts."""

    title: str | None
    header: tuple[str, ...]
    dropped: tuple[str, ...]
    body: tuple[str, ...]  # standfirst lines (body text above the dateline), then the body
    standfirst: int = 0  # how many of body's lines are standfirst


def clean_lines(lines: list[str], title_known: bool = False) -> CleanText:
    """Split a saved page's non-empty lines into headline, header, body and dropped chrome."""
    raw = [line.strip() for line in lines if line.strip()]
    lines = [_normalize_space(line) for line in raw]
    if is_mostly_chinese(lines):
        return _clean_chinese(lines, raw, title_known)
    header_at = _find_header_line(lines)
    if header_at is None:
        top = _top_without_dateline(lines, title_known)
    else:
        top = _top_with_dateline(lines, raw, header_at, title_known)
    paragraphs, body_dropped, bylines = _clean_body(list(top.body), top.title)
    standfirst = sum(p in top.body[:top.standfirst] for p in paragraphs[:top.standfirst])
    # header lines are metadata (date, source, byline), shown as such, not as removed chrome
    return CleanText(top.title, tuple(paragraphs), top.header + tuple(bylines), top.dropped + tuple(body_dropped),
                     standfirst)


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_SENTENCE_MARK = re.compile(r"[\u3002\uff01\uff1f\uff0c\uff1b]")  # 。！？，；


def is_mostly_chinese(lines: list[str] | tuple[str, ...]) -> bool:
    """More Chinese characters than Latin letters: the English rules below would drop it all."""
    text = "".join(lines)
    return len(CJK.findall(text)) > sum(c.isascii() and c.isalpha() for c in text)


def _clean_chinese(lines: list[str], raw: list[str], title_known: bool) -> CleanText:
    """A page in Chinese, kept whole: a headline, date lines as header, labelled notices
    (责任编辑：...) and menu fragments dropped, every line with sentence punctuation kept."""
    title = None
    if not title_known and lines and not CJK_SENTENCE_MARK.search(lines[0]) and len(lines[0]) <= 60:
        title, lines, raw = lines[0], lines[1:], raw[1:]
    header = tuple(r for line, r in zip(lines[:5], raw[:5]) if DATE_IN_LINE.search(line) and len(line) <= 60)
    paragraphs, dropped = [], []
    for line, r in zip(lines, raw):
        if r in header:
            continue
        sentence = CJK_SENTENCE_MARK.search(line) and not CJK_LABEL.match(line)
        (paragraphs if sentence or (len(line) > 40 and not is_chrome(line)) else dropped).append(line)
    return CleanText(title, tuple(paragraphs), header, tuple(dropped))


def _top_with_dateline(lines: list[str], raw: list[str], header_at: int, title_known: bool) -> _Top:
    title_at = None if title_known else _headline_before(lines, header_at)
    if title_at is not None and len(lines[title_at].split()) <= 3 and _headline_follows(lines, header_at):
        title_at = None  # a section label above the dateline, the real headline below it
    title_after, body_at = _header_block(lines, header_at, title_at is None and not title_known)
    first = header_at if title_at is None else title_at + 1
    block = [i for i in range(first, body_at) if lines[i] != title_after]
    # between headline and dateline: a standfirst (body text) and bylines
    standfirst = [lines[i] for i in block if i < header_at and not _is_header_or_byline(lines[i])
                  and not is_chrome(lines[i]) and not lines[i - 1].lower().endswith("provided by")]
    # raw, not normalized: runs of spaces separate an outlet from a reporter's name
    header = tuple(raw[i] for i in block if _is_header_or_byline(lines[i]))
    dropped = lines[:first if title_at is None else title_at] + [
        lines[i] for i in block if not _is_header_or_byline(lines[i]) and lines[i] not in standfirst]
    title = lines[title_at] if title_at is not None else title_after
    return _Top(title, header, tuple(dropped), tuple(standfirst + lines[body_at:]), len(standfirst))


def _top_without_dateline(lines: list[str], title_known: bool) -> _Top:
    start = _leading_chrome(lines)
    if not title_known and start < len(lines) and _looks_like_headline(lines[start]):
        return _Top(lines[start], (), tuple(lines[:start]), tuple(lines[start + 1:]))
    return _Top(None, (), tuple(lines[:start]), tuple(lines[start:]))


def _normalize_space(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()


def _is_header_line(line: str) -> bool:
    """A dateline, byline or source line: short, and carrying a date or a byline marker."""
    words = len(line.split())
    if words > 30 or (SENTENCE_END.search(line) and words > 12):
        return False
    return bool(DATE_IN_LINE.search(line) or BYLINE.search(line) or SOURCE_LINE.search(line))


def _header_block(lines: list[str], start: int, needs_title: bool) -> tuple[str | None, int]:
    """The dateline and what stands around it: bylines, a reporter's bare name, widgets, and
    (for a page whose headline follows the date) the headline. Returns (headline, end)."""
    title, i = None, start
    while i < len(lines) and i < start + 5:
        line = lines[i]
        if i == start or _is_header_line(line) or BYLINE.match(line) or is_bare_name(line) or is_chrome(line):
            i += 1
        elif needs_title and title is None and i == start + 1 and _looks_like_headline(line):
            title, i = line, i + 1
        else:
            break
    return title, i


def is_bare_name(line: str) -> bool:
    """A person's name alone on a line (a reporter's byline), not a Title Case headline."""
    match = _NAME_LINE.match(line)
    return bool(match) and all(is_name_token(word) for word in match.group("name").split())


def _is_header_or_byline(line: str) -> bool:
    return _is_header_line(line) or (not is_chrome(line) and bool(BYLINE.match(line) or is_bare_name(line)))


HEADER_NEAR_TOP = 8  # the dateline is looked for in these first lines,
HEADER_PAST_MENUS = 40  # and further down while only short lines (a site's menus) come before it


def _find_header_line(lines: list[str]) -> int | None:
    sentences = 0  # a standfirst may stand above the dateline; two body sentences mean the body has begun
    for i, line in enumerate(lines[:HEADER_PAST_MENUS]):
        if _is_header_line(line):
            return i
        sentences += len(line.split()) >= 12 and bool(SENTENCE_END.search(line))
        if sentences >= 2 or (i >= HEADER_NEAR_TOP - 1 and len(line.split()) > 8):
            return None  # past the menus: the body has begun
    return None


def _headline_before(lines: list[str], header_at: int) -> int | None:
    for i in range(header_at - 1, -1, -1):
        if _is_headline_candidate(lines[i]) and not lines[i - 1].lower().endswith("provided by"):
            # a standfirst may sit under the headline: climb while the line above reads as one too
            while i > 0 and _is_headline_candidate(lines[i - 1]) and len(lines[i - 1].split()) >= 5:
                i -= 1
            return i
    return None


def _is_headline_candidate(line: str) -> bool:
    return _looks_like_headline(line) and not is_chrome(line) and not is_bare_name(line)


def _headline_follows(lines: list[str], header_at: int) -> bool:
    """A headline right after the dateline, itself followed by a byline (a wire page's layout)."""
    after = lines[header_at + 1] if header_at + 1 < len(lines) else ""
    then = lines[header_at + 2] if header_at + 2 < len(lines) else ""
    return (_looks_like_headline(after) and len(after.split()) >= 5 and not is_chrome(after)
            and bool(BYLINE.match(then) or is_bare_name(then)))


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (2 <= len(words) <= 20 and not SENTENCE_END.search(line) and not BREADCRUMB.match(line)
            and not line.isupper())


def _leading_chrome(lines: list[str]) -> int:
    """Lines before the headline or lead that are chrome (breadcrumbs, widget captions)."""
    count = 0
    while count < len(lines) and count < 6 and is_chrome(lines[count]):
        count += 1
    return count


def is_chrome(line: str) -> bool:
    """True for a line that is page furniture rather than article text."""
    lowered = line.lower()
    if _label(lowered) in WIDGET_LABELS or WIDGET_LINE.match(line) or EMAIL_LINE.match(line):
        return True
    if COPYRIGHT.search(lowered) or CREDIT_LINE.match(line):
        return True
    if all(word.lower().strip("()") in WIDGET_WORDS or word.strip("()").isdigit() for word in line.split()):
        return True
    if CJK_LABEL.match(line) or line.startswith("SOURCE "):
        return True
    if BREADCRUMB.match(line) and not SENTENCE_END.search(line):
        return True
    if NON_LATIN_SHORT.match(line) or (len(line.split()) <= 4 and _mostly_non_latin(line)):
        return True
    return len(line.split()) <= 20 and bool(WIDGET_FRAGMENT.search(lowered))


def _label(lowered: str) -> str:
    """A line as a widget label: "Most read:" -> "most read"."""
    return " ".join(lowered.split()).rstrip(":. ")


def _mostly_non_latin(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) < len(letters) / 2


def is_credit_or_caption(line: str) -> bool:
    """Lines that name photographers, illustrators and the people pictured."""
    return is_caption(line) or bool(CREDIT_LINE.match(line))


def is_caption(line: str) -> bool:
    """A photo caption: a credit at its end, or an agency caption's place-and-date ending."""
    if CAPTION_CREDIT.search(line):
        return True
    return bool(CAPTION_DATELINE.search(line) and CAPTION_VERB.match(line))


def _clean_body(lines: list[str], title: str | None) -> tuple[list[str], list[str], list[str]]:
    """(paragraphs, dropped lines, byline lines) of the body."""
    paragraphs: list[str] = []
    dropped: list[str] = []
    bylines: list[str] = []
    seen: set[str] = set()
    in_link_list = False
    kept_last = False  # was the line just before this one kept as a paragraph?
    captions: list[int] = []  # paragraphs followed by a photographer's credit
    for line in lines:
        kept_before, kept_last = kept_last, False
        if BOILERPLATE_START.match(line) and len(paragraphs) >= 3:
            dropped.extend(lines[lines.index(line):])  # "About X" and its contacts close a release
            break
        if LINK_LIST_CAPTION.match(line):
            in_link_list = True  # what follows "Related:" is other stories' headlines
        elif in_link_list and not SENTENCE_END.search(line):
            dropped.append(line)
            continue
        else:
            in_link_list = False
        email = TRAILING_EMAIL.search(line)
        if email and email.start() > 0:
            dropped.append(email.group().strip())
            line = line[:email.start()].rstrip()
        credit = PHOTO_CREDIT.search(line) or TRAILING_CREDIT.search(line)
        if credit:  # a caption; keep only an interview's name line ("Name, CEO of X.")
            dropped.append(credit.group().strip())
            line = line[:credit.start()] + " " + line[credit.end():]
            line = line.strip() if NAME_LINE_CAPTION.match(line.strip()) else _drop(dropped, line.strip())
        if not line:
            continue
        if is_byline(line):  # "Reporter: Ann Lee" at the end of the story
            bylines.append(line)
            continue
        if is_bare_name(line):  # a photographer's credit alone: the picture's caption is above it
            dropped.append(line)
            if kept_before and _reads_like_caption(paragraphs[-1]):
                captions.append(len(paragraphs) - 1)
            continue
        if is_chrome(line) or is_caption(line) or line in seen or (title and line == title):
            dropped.append(line)
            continue
        seen.add(line)
        paragraphs.append(line)
        kept_last = True
    # a caption is only a caption if the article goes on after its credit
    last = len(paragraphs) - 1
    dropped += [paragraphs[i] for i in captions if i < last]
    paragraphs = [p for i, p in enumerate(paragraphs) if i not in captions or i == last]
    while len(paragraphs) > 1 and (_is_trailing_dateline(paragraphs[-1]) or _is_trailing_site_name(paragraphs[-1])):
        line = paragraphs.pop()  # "Posted on November 21, 2014 by admin" closing a blog post is metadata
        (bylines if _is_trailing_dateline(line) else dropped).append(line)
    return paragraphs, dropped, bylines


def _is_trailing_dateline(line: str) -> bool:
    return len(line.split()) <= 12 and not SENTENCE_END.search(line) and bool(DATE_IN_LINE.search(line))


def _drop(dropped: list[str], line: str) -> str:
    if line:
        dropped.append(line)
    return ""


def _reads_like_caption(line: str) -> bool:
    """One sentence, no quotation, short: the caption of a picture."""
    return len(line.split()) <= 35 and not re.search(r"[\"\u201c\u201d]", line) and len(re.findall(r"[.!?](?:\s|$)", line)) <= 1


def _is_trailing_site_name(line: str) -> bool:
    """Short unpunctuated lines at the very end are widget captions or site names."""
    return len(line.split()) <= 4 and not SENTENCE_END.search(line)
