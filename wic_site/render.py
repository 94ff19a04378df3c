"""Jinja2 plumbing: one Environment, safe Markdown, and render_site() that writes every page.

What goes on each page is decided in wic_site/pages/; here a Page becomes an HTML string
(render_page is a pure function of the Page, so big sites render in worker processes, and
each worker writes its own pages: no page's HTML goes back to the main process). A page
whose digest (page_cache.py) is the one the previous site's file was rendered from is
kept, neither built nor rendered.
"""

from __future__ import annotations

import html
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import markdown
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from .assets import minified
from .config import SiteConfig
from .errors import UserError
from .models import Records
from .page_cache import PageMap, kept_unchanged, page_digest, page_salt
from .pages import SITE_NAME, Link, Page, PagePlan, plan_pages, url_for
from .pages.core import Index
from .pages.article import Paragraph
from .site_files import atom_feed, folder_url, sitemap
from .workers import pool
from .writer import SiteWriter

__all__ = ["render_site", "render_page", "make_environment", "url_for"]

SHARES_PER_JOB = 4  # each share re-derives lookups (~5% of its time), but smaller shares balance
# the workers better and hold fewer page contexts at once
SAFE_SCHEMES = {"", "http", "https", "mailto"}


@dataclass(frozen=True)
class NavItem:
    key: str  # matches Page.section of the pages it leads to
    link: Link


@dataclass(frozen=True)
class Chrome:
    """What every page's header and footer show."""

    site_name: str
    nav: tuple[NavItem, ...]
    search_url: str
    css_url: str
    icon_url: str
    home_url: str
    data_links: tuple[Link, ...]
    feed_url: str  # absolute; empty when there is no feed (no --base-url)


@dataclass(frozen=True)
class Head:
    """One page's metadata for <head>: always a description; a canonical address (also the
    Open Graph one) only when the site's URL is known."""

    description: str
    canonical: str = ""


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs to build and render its share of the pages."""

    records: Records
    about: str | None  # Markdown source of the corpus' about.md
    templates_dir: Path
    base_url: str | None
    salt: str  # page_cache.page_salt(templates_dir, base_url)
    previous: PageMap  # the pages of the site being replaced, as its build left them
    index: Index  # Index.of(records): its corpus-wide lookups are computed once per process, not per share
    compiled_dir: Path | None = None  # where compiled templates are kept between builds

    @property
    def has_search(self) -> bool:
        return (self.templates_dir / "search.html").is_file()


@dataclass(frozen=True)
class Rendered:
    workers_writing: float  # seconds render workers spent writing, which site's timers cannot see
    plans: dict[str, tuple[str, tuple[str, ...]]]  # plan key -> (digest, its pages' paths), for PageStore.save


def render_site(records: Records, config: SiteConfig, site: SiteWriter, previous: PageMap | None = None,
                compiled_dir: Path | None = None) -> Rendered:
    """Render every page and write it as soon as it is rendered, or keep the previous site's
    file of a page whose digest is the one in `previous`; then the sitemap, feed and static
    files. With several jobs, each worker process builds, renders and writes its own share
    of the pages through its own share() of site, and sends back only their paths and
    digests: site adopts the paths (refusing any path two workers wrote) and the sitemap lists them."""
    salt = page_salt(config.templates_dir, config.base_url)
    job = RenderJob(records, _read_about(config.corpus_dir), config.templates_dir, config.base_url, salt,
                    previous or {}, Index.of(records), _compiled_folder(compiled_dir, salt))
    if config.render_workers(len(records.articles)):
        shares, workers_writing = write_in_workers(job, site, config.jobs)
    else:
        shares, workers_writing = [write_share(job, (0, 1), site)], 0.0
    paths = [path for share in shares for _, _, written in share.plans for path in written]
    if config.base_url:
        site.write(url_for("sitemap"), sitemap(paths, config.base_url))
        site.write(url_for("feed"), atom_feed(records, config.base_url))
    site.copy_tree(config.static_dir, "static", minified)
    return Rendered(workers_writing, {key: (digest, written) for share in shares for key, digest, written in share.plans})


@dataclass(frozen=True)
class WrittenShare:
    """What one share's writer wrote (each plan's key, digest and pages' paths), and the
    seconds it spent writing and in all."""

    plans: tuple[tuple[str, str, tuple[str, ...]], ...]
    writing: float
    busy: float


def write_in_workers(job: RenderJob, site: SiteWriter, jobs: int) -> tuple[list[WrittenShare], float]:
    """Every page, written by this process and jobs - 1 workers (one fewer copy of the corpus
    by fork); (what each share wrote, seconds spent writing). The workers take shares from the front; this
    process takes from the back each share no worker has started. They all render and write
    side by side, so the seconds are the wall time split as their own time was split
    between writing and the rest."""
    parts = [(k, jobs * SHARES_PER_JOB) for k in range(jobs * SHARES_PER_JOB)]
    here = site.share()
    start = time.perf_counter()
    with pool(jobs - 1, initializer=_start_worker, initargs=(job, site.share())) as workers:
        queued = [workers.submit(_write_in_worker, part) for part in parts]
        taken = {k: write_share(job, parts[k], here) for k in reversed(range(len(parts))) if queued[k].cancel()}
        done = [taken[k] if k in taken else queued[k].result() for k in range(len(parts))]
    wall = time.perf_counter() - start
    site.adopt(path for share in done for _, _, written in share.plans for path in written)
    busy = sum(share.busy for share in done)
    return done, wall * sum(share.writing for share in done) / busy if busy else 0.0


def write_share(job: RenderJob, part: tuple[int, int], site: SiteWriter) -> WrittenShare:
    """Build, render and write the part-th share of the pages, one page at a time, so that
    no more than one page's HTML is held at once; keep instead the files of each plan whose
    digest is the previous one."""
    start = time.perf_counter()
    env = make_environment(job.templates_dir, job.compiled_dir)
    chrome = site_chrome(job.base_url)
    plans = plan_pages(job.records, job.about, part, job.index)
    if job.has_search and part[0] == 0:
        plans.append(PagePlan.of(Page(url_for("search"), "search.html", "Search", "search", None)))
    writing, done = 0.0, []
    for plan in plans:
        digest = page_digest(job.salt, plan.key, plan.inputs)
        before = job.previous.get(plan.key)
        began = time.perf_counter()
        if kept_unchanged(site, digest, before):
            writing += time.perf_counter() - began
            done.append((plan.key, digest, tuple(file.path for file in before.files)))
            continue
        for page in (pages := plan.pages()):
            text = render_page(env, page, chrome, job.base_url)
            began = time.perf_counter()
            site.write(page.path, text)
            writing += time.perf_counter() - began
        done.append((plan.key, digest, tuple(page.path for page in pages)))
    return WrittenShare(tuple(done), writing, time.perf_counter() - start)


def site_chrome(base_url: str | None = None) -> Chrome:
    nav = [("home", url_for("home"), "Home"), ("articles", url_for("articles"), "Articles"),
           ("years", url_for("years"), "Years"), ("speakers", url_for("speakers"), "Speakers"),
           ("topics", url_for("topics"), "Topics"), ("trends", url_for("trends"), "Trends"),
           ("data", url_for("data"), "Data"), ("about", url_for("about"), "About")]
    data = (Link(url_for("records"), "records.json"), Link(url_for("claims_csv"), "claims.csv"))
    return Chrome(SITE_NAME, tuple(NavItem(k, Link(u, t)) for k, u, t in nav), url_for("search"),
                  url_for("css"), url_for("icon"), url_for("home"), data,
                  base_url + url_for("feed") if base_url else "")


def make_environment(templates_dir: Path, compiled_dir: Path | None = None) -> Environment:
    """The Environment; with compiled_dir, each template is compiled once and kept there
    (Jinja's bytecode cache, keyed by the template's source) instead of once per process
    and build."""
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        bytecode_cache=_compiled_templates(compiled_dir),
        autoescape=True,  # every template, .html and .xml alike: article text is untrusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = render_markdown
    env.filters["paragraph_html"] = render_markdown_paragraph
    return env


def _compiled_folder(compiled_dir: Path | None, salt: str) -> Path | None:
    """compiled_dir's folder for this package, these templates and these libraries (Jinja keys
    a compiled template by its source only, not by the environment's options that shaped it);
    the folders of other salts are removed. None when there is no usable folder."""
    if compiled_dir is None:
        return None
    folder = compiled_dir / salt[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for other in compiled_dir.iterdir():
            if other != folder:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        return None  # compiled in each process, as without a cache
    return folder


def _compiled_templates(folder: Path | None) -> FileSystemBytecodeCache | None:
    return FileSystemBytecodeCache(str(folder)) if folder is not None else None


def render_page(env: Environment, page: Page, chrome: Chrome, base_url: str | None = None) -> str:
    return env.get_template(page.template).render(
        page=page.context, title=page.title, section=page.section, head=page_head(page, base_url),
        root=page_root(page.path, base_url), chrome=chrome, base_url=base_url or "",
    )


def page_root(path: str, base_url: str | None = None) -> str:
    """Prefix that leads from the page back to the site root, e.g. "../../" for articles/x/index.html.
    A host serves 404.html in place of a missing page at any depth, so its links cannot be
    relative: they start from the site's URL when it is known, else from the host's root "/"
    (right when the site is at the root of its host; a site under a sub-path needs --base-url)."""
    if path == url_for("404"):
        return base_url or "/"
    return "../" * path.count("/")


def page_head(page: Page, base_url: str | None) -> Head:
    description = page.description or f"{page.title}, in the {SITE_NAME}: speakers, claims and topics from news reports."
    canonical = folder_url(page.path, base_url) if base_url and page.path != url_for("404") else ""
    return Head(description, canonical)


_worker_job: RenderJob | None = None
_worker_site: SiteWriter | None = None


def _start_worker(job: RenderJob, site: SiteWriter) -> None:
    global _worker_job, _worker_site  # they arrive once per worker process, not once per share
    _worker_job, _worker_site = job, site


def _write_in_worker(part: tuple[int, int]) -> WrittenShare:
    assert _worker_job is not None and _worker_site is not None
    return write_share(_worker_job, part, _worker_site)


# ---------------------------------------------------------------- Markdown, with article text kept inert


class _InertLinks(Treeprocessor):
    """Links only to http(s), mailto or relative targets; images become their alt text (no
    external requests); headings move down a level because the page title is the only h1."""

    def run(self, root: ElementTree.Element) -> None:
        for el in list(root.iter()):
            if el.tag == "a" and not _safe_url(el.get("href", "")):
                el.tag = "span"
                el.attrib.clear()
            elif el.tag == "img":
                alt = el.get("alt", "")
                el.tag, el.text = "span", alt
                el.attrib.clear()
            elif re.fullmatch(r"h[1-5]", el.tag):
                el.tag = f"h{int(el.tag[1]) + 1}"


def _safe_url(url: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20]+", "", html.unescape(url))
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return False
    # a relative link stays in the site; "//host/..." has no scheme but leaves it
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.scheme or not parts.netloc)


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(output_format="html")
    # Raw HTML in an article is shown as text, never passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_InertLinks(md), "inert_links", 0)
    return md


_md = _markdown()


def render_markdown(source: str) -> Markup:
    """Markdown to HTML; safe to mark as Markup because raw HTML, unsafe links and images are removed."""
    return Markup(_md.reset().convert(source))


_OPEN, _CLOSE = 0xF0000, 0xF0001  # private-use code points, made free in the text before marking
_SENTINEL_PLANES = re.compile("[\U000F0000-\U0010FFFF]")


def render_markdown_paragraph(paragraph: Paragraph, root: str) -> Markup:
    """A Markdown paragraph with its claims marked: sentinels go into the source at the claim
    offsets and become <mark> after conversion, unless Markdown put a tag between them."""
    text = _SENTINEL_PLANES.sub("\ufffd", paragraph.text)  # one character for one: offsets hold
    for k, (start, end, _) in reversed(list(enumerate(paragraph.spans))):
        text = text[:start] + chr(_OPEN + 2 * k) + text[start:end] + chr(_CLOSE + 2 * k) + text[end:]
    out = str(render_markdown(text))
    for k, (_, _, mark) in enumerate(paragraph.spans):
        opening, closing = chr(_OPEN + 2 * k), chr(_CLOSE + 2 * k)
        inside = out.partition(opening)[2].partition(closing)[0]
        if opening in out and closing in out and "<" not in inside:
            by = Markup(', <a href="{}">{}</a>').format(root + mark.by.url, mark.by.text) if mark.by else ""
            out = out.replace(opening, str(Markup('<mark class="claim" id="{}">').format(mark.anchor))).replace(
                closing, str(Markup('</mark><span class="by"> (<a class="claim-link" href="#{}" aria-label="Link '
                                    'to this {}">{}</a>{})</span>').format(mark.anchor, mark.kind, mark.kind, by)))
        at = out.find(opening)
        if at >= 0 and out.rfind("<", 0, at) <= out.rfind(">", 0, at):  # in text, not inside a tag
            # a claim Markdown split with a tag still gets its anchor, where it starts
            out = out[:at] + str(Markup('<span class="claim-at" id="{}"></span>').format(mark.anchor)) + out[at:]
        out = out.replace(opening, "").replace(closing, "")
    return Markup(out)


# ---------------------------------------------------------------- about page


def _read_about(corpus_dir: Path) -> str | None:
    path = corpus_dir / "about.md"
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: is not UTF-8 text") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror})") from None
