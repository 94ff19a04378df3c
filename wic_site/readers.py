"""Read a corpus folder: discover article files, decode them, and clean each into a SourceArticle.

One read_* function per suffix. A file that cannot be used becomes a Problem and the build
goes on; broken front matter is a UserError (the author must fix it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from .clean import CHROME, SENTENCE_END, CleanText, clean_lines, is_mostly_chinese
from .errors import UserError
from .layout import reflow
from .models import Problem, SourceArticle
from .slugs import slugify, unique_slug
from .text.urls import web_address
from .text.bylines import is_byline

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
RESERVED_FILES = {"about.md"}  # rendered as the site's about page, not an article
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b")
TITLE_WORDS = 12
FileMapper = Callable[..., list]  # (func, items, shared) -> [func(item, shared) for item in items]


def discover(corpus_dir: Path) -> list[Path]:
    """Article files under corpus_dir, sorted, skipping hidden folders and the about page."""
    found = []
    for path in corpus_dir.rglob("*"):
        rel = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in rel.parts) or rel.as_posix() in RESERVED_FILES:
            continue
        if path.suffix.lower() in SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(corpus_dir).as_posix())


def read_corpus(corpus_dir: Path, map_files: FileMapper | None = None,
                paths: Sequence[Path] | None = None) -> tuple[list[SourceArticle], list[Problem]]:
    """Every readable article, with unique ids, and the problems met on the way.

    map_files(read_file, paths, corpus_dir) reads each file, in order; the build passes one
    that runs on a process pool. Ids are given afterwards, in file order, so they do not
    depend on how the files were shared out. `paths`: discover(corpus_dir), if already known."""
    paths = discover(corpus_dir) if paths is None else list(paths)
    read = map_files or (lambda func, items, shared: [func(item, shared) for item in items])
    articles: list[SourceArticle] = []
    problems: list[Problem] = []
    taken_ids: set[str] = set()
    for path, (article, found) in zip(paths, read(read_file, paths, corpus_dir)):
        problems += found
        if article is None:
            continue
        fallback = slugify(Path(article.source_file).stem, fallback="article")  # a title in Chinese has no slug
        article_id = unique_slug(article.title, taken_ids, fallback=fallback)
        if article_id != slugify(article.title, fallback=fallback):
            problems.append(Problem(article.source_file, f"title {article.title!r} is taken by another article; id is {article_id}"))
        articles.append(replace(article, id=article_id))
    return drop_repeated_chrome(articles), problems


def drop_repeated_chrome(articles: list[SourceArticle]) -> list[SourceArticle]:
    """Lines that stand verbatim in several articles and are no sentence ("Follow us on
    WeChat", a site's section label) are an outlet's page furniture: they move to `dropped`.
    Counted per file, so the result does not depend on the order of the files."""
    counts = Counter(line for article in articles for line in set(article.paragraphs))
    repeated = {line for line, n in counts.items() if n >= CHROME["repeated_in_files"] and _is_furniture(line)}
    if not repeated:
        return articles
    cleaned = []
    for article in articles:
        kept = tuple(p for p in article.paragraphs if p not in repeated)
        if kept and len(kept) < len(article.paragraphs):
            removed = tuple(p for p in article.paragraphs if p in repeated)
            article = replace(article, paragraphs=kept, dropped=article.dropped + removed)
        cleaned.append(article)
    return cleaned


def _is_furniture(line: str) -> bool:
    """Short, and no sentence of some length: a body sentence repeated across reposts stays."""
    words = len(line.split())
    return words <= CHROME["repeated_max_words"] and (words <= 5 or not SENTENCE_END.search(line))


def read_file(path: Path, corpus_dir: Path) -> tuple[SourceArticle | None, list[Problem]]:
    """One file, decoded and cleaned (its id not yet given), and what went wrong with it."""
    rel = path.relative_to(corpus_dir).as_posix()
    problems: list[Problem] = []
    text = _decode(path, rel, problems)
    if text is None:
        return None, problems
    article = read_text(text, rel, suffix=path.suffix.lower())
    if article is None:
        problems.append(Problem(rel, "no article text after cleaning; skipped"))
    elif is_mostly_chinese(article.paragraphs):
        problems.append(Problem(rel, "written mostly in Chinese: kept and listed, but extraction reads English only"))
    return article, problems


def _decode(path: Path, rel: str, problems: list[Problem]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(rel, f"cannot be read ({exc.strerror}); skipped"))
        return None
    if not data.strip():
        problems.append(Problem(rel, "empty file; skipped"))
        return None
    if data.startswith(BINARY_MAGIC) or b"\x00" in data[:4096]:
        problems.append(Problem(rel, "binary file, not text; skipped"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(rel, f"invalid UTF-8 at byte {exc.start}; decoded with replacement characters"))
        return data.decode("utf-8-sig", errors="replace")


# Control characters no page shows and XML forbids (feed.xml); tabs and newlines stay
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_text(text: str, rel: str, suffix: str = ".txt") -> SourceArticle | None:
    """Clean one decoded file by its suffix; None when nothing of an article is left."""
    text = CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if suffix in {".md", ".markdown"}:
        return read_markdown(text, rel)
    if suffix in {".html", ".htm"}:
        return read_html(text, rel)
    lines, url = _without_address(reflow(text).split("\n"))
    return _article_from(clean_lines(lines), rel, front_matter={"url": url} if url else None)


_URL_LABELS = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in CHROME["url_labels"])
ADDRESS_LINE = re.compile(rf"^\s*(?:(?:{_URL_LABELS})\s*:\s*)?<?(?P<url>https?://[^\s<>\"]+?)>?\s*$", re.I)
ADDRESS_NEAR_EDGE = 10  # a bare address names the page only near its top or foot


def _without_address(lines: list[str]) -> tuple[list[str], str | None]:
    """A saved text's own address: the first labelled one ("URL: https://..."), else the first
    line near the top or the foot that is only a web address; that line leaves the body."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(filled[:ADDRESS_NEAR_EDGE] + filled[-ADDRESS_NEAR_EDGE:])
    found = [(i, m) for i, line in enumerate(lines) if (m := ADDRESS_LINE.match(line))]
    labelled = [(i, m) for i, m in found if not m.group().strip().lower().startswith(("http", "<http"))]
    candidates = labelled + [(i, m) for i, m in found if i in edges]
    if not candidates:
        return lines, None
    i, match = candidates[0]
    return lines[:i] + lines[i + 1:], match.group("url")


def read_markdown(text: str, rel: str) -> SourceArticle | None:
    meta, body = _split_front_matter(text, rel)
    blocks = [block.strip() for block in re.split(r"\n\s*\n", body) if block.strip()]
    title = str(meta["title"]) if meta.get("title") else None
    if blocks and blocks[0].startswith("# "):
        title = title or blocks[0][2:].strip()
        blocks = blocks[1:]
    # clean a plain-text view (no emphasis, no link targets), keep the Markdown of what survives
    plain = [_plain_text(block) for block in blocks]
    cleaned = clean_lines(plain, title_known=title is not None)
    kept = set(cleaned.paragraphs)
    paragraphs = [b for b, p in zip(blocks, plain) if _normalize(p) in kept]
    dropped = [p for b, p in zip(blocks, plain) if _normalize(p) not in kept]
    cleaned = replace(cleaned, title=title or cleaned.title, paragraphs=tuple(paragraphs), dropped=tuple(dropped))
    return _article_from(cleaned, rel, front_matter=meta, markdown=True)


def _plain_text(block: str) -> str:
    """A Markdown block as text for cleaning. Unlike text.plain (which renders Markdown), raw
    HTML stays as words here, since the article page shows it as text."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", block)
    text = re.sub(r"^\s*(?:>|#{1,6})\s*", "", text, flags=re.M)
    return re.sub(r"[*_`]+", "", text).replace("\n", " ").strip()


def _normalize(text: str) -> str:
    return " ".join(text.split())


def _split_front_matter(text: str, rel: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        if re.match(r"\A---[ \t]*\n", text):
            raise UserError(f"{rel}: line 1: front matter opened with --- is never closed")
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 2  # +1 for 1-based, +1 for '---'
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise UserError(f"{rel}: line {line}: broken front matter ({problem})") from None
    if not isinstance(meta, dict):
        raise UserError(f"{rel}: line 2: front matter must be a mapping of keys to values")
    allowed = {"title", "date", "publication", "year", "url", "author", "authors"}
    return {k: v for k, v in meta.items() if k in allowed}, text[match.end():]


def read_html(text: str, rel: str) -> SourceArticle | None:
    """The main text of a saved page: <article> or <main> if present, chrome elements removed."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figcaption"]):
        tag.decompose()
    for tag in soup.find_all(_is_widget_element):
        tag.decompose()
    main = soup.find("article") or soup.find("main") or soup.body or soup
    heading = main.find("h1") or soup.find("h1")
    title = heading.get_text(" ", strip=True) if heading else None
    if heading:
        heading.decompose()
    if not title and soup.title:
        title = soup.title.get_text(" ", strip=True)
    blocks = [el.get_text(" ", strip=True) for el in main.find_all(["p", "h2", "h3", "h4", "li", "blockquote"])]
    lines = [line for line in blocks if line] or main.get_text("\n").split("\n")
    outside = [el.get_text(" ", strip=True) for el in soup.find_all("p") if main not in el.parents]
    cleaned = clean_lines(lines)
    header = list(cleaned.header_lines) + [line for line in outside if is_byline(line)] + _html_meta_lines(soup)
    return _article_from(replace(cleaned, title=title or cleaned.title, header_lines=tuple(header)), rel,
                         front_matter=_html_front_matter(soup))


def _html_front_matter(soup) -> dict:
    """What the page's head declares: its address (canonical link, then og:url) and author."""
    found = {}
    canonical = soup.find("link", rel="canonical")
    og_url = soup.find("meta", attrs={"property": "og:url"})
    addresses = (canonical and canonical.get("href"), og_url and og_url.get("content"))
    url = next(filter(None, map(web_address, addresses)), None)
    if url:
        found["url"] = url
    author = soup.find("meta", attrs={"name": "author"})
    if author and author.get("content", "").strip():
        found["author"] = author["content"].strip()
    return found


WIDGET_CLASS = re.compile(r"share|social|related|tags|breadcrumb|advert|newsletter|comment|subscribe", re.I)


def _is_widget_element(tag) -> bool:
    """Elements a page marks as widgets by class or id (share bars, related links, ads)."""
    if tag.name in {"html", "body", "article", "main"} or tag.attrs is None:
        return False
    names = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
    return bool(WIDGET_CLASS.search(names))


TITLE_SITE = re.compile(r"\s(?:\||-|\u2013|\u2014)\s+(?P<site>[A-Z][\w.&']*(?:\s+[\w.&']+){0,4})\s*$")


def _html_meta_lines(soup) -> list[str]:
    lines = []
    site = soup.find("meta", attrs={"property": "og:site_name"})
    if site and site.get("content"):
        lines.append(f"Source: {site['content']}")
    elif soup.title and TITLE_SITE.search(soup.title.get_text()):  # "Headline | Site Name", "Headline - Site"
        lines.append(f"Source: {TITLE_SITE.search(soup.title.get_text()).group('site')}")
    published = [
        soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        for name in ("article:published_time", "og:published_time", "date", "pubdate", "publish-date")
    ]
    dates = [tag["content"][:10] for tag in published if tag and tag.get("content")]
    time = soup.find("time")
    if time and time.get("datetime"):
        dates.append(time["datetime"][:10])
    if dates:
        lines.append(f"Published: {dates[0]}")
    return lines


def _article_from(cleaned: CleanText, rel: str, front_matter: dict | None = None, markdown: bool = False) -> SourceArticle | None:
    if not cleaned.paragraphs:
        return None
    title = cleaned.title or derive_title(cleaned.paragraphs[0])
    return SourceArticle(
        id="",  # assigned by read_corpus, which sees every title
        source_file=rel,
        title=title,
        paragraphs=cleaned.paragraphs,
        dropped=cleaned.dropped,
        header_lines=cleaned.header_lines,
        front_matter=dict(front_matter or {}),
        markdown=markdown,
        standfirst=cleaned.standfirst,
    )


def derive_title(lead: str) -> str:
    """A short title from a lead paragraph: its first sentence, cut to about a dozen words."""
    sentence = re.split(r"(?<=[.!?])\s+", lead.strip(), maxsplit=1)[0].rstrip(".")
    words = sentence.split()
    if len(words) <= TITLE_WORDS:
        return sentence
    cut = words[:TITLE_WORDS]
    while cut and cut[-1].lower() in {"the", "a", "an", "of", "to", "for", "and", "as", "in", "on", "at", "its", "their"}:
        cut.pop()
    return " ".join(cut).rstrip(",;:") + "…"
