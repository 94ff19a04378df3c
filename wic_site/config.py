"""The one place for build settings: SiteConfig, and load_config() that validates them all."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .writer import check_output_dir

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
LOCK_WAIT_SECONDS = 600.0  # a second build on one index waits this long for the first
# Below this many articles a build runs in one process: forking the index and export
# processes (each importing what it needs) costs more than it saves.
PARALLEL_MIN_ARTICLES = 50
RENDER_WORKERS_MIN_ARTICLES = 200  # and below this many, the pages render in the build process


def _assets(name: str) -> Path:
    """templates/ or static/: at the top of a source tree (and so of an editable install),
    or inside the package, where a wheel carries them (pyproject.toml maps them there)."""
    top = PROJECT_DIR / name
    return top if top.is_dir() else PACKAGE_DIR / name


@dataclass(frozen=True)
class SiteConfig:
    corpus_dir: Path
    out_dir: Path
    index_dir: Path
    templates_dir: Path = _assets("templates")
    static_dir: Path = _assets("static")
    taxonomy_path: Path = PACKAGE_DIR / "data" / "topics.yaml"
    aliases_path: Path | None = None
    base_url: str | None = None
    jobs: int = 1
    quiet: bool = False
    verbose: bool = False
    cache_dir: Path | None = None  # None: beside the index folder (cache.default_cache_dir)
    lock_wait: float = LOCK_WAIT_SECONDS  # 0: stop at once if another build holds the lock
    parallel_min_articles: int = PARALLEL_MIN_ARTICLES  # tests lower both to build small corpora in parallel
    render_workers_min_articles: int = RENDER_WORKERS_MIN_ARTICLES

    def parallel(self, articles: int) -> bool:
        """Whether a corpus of this many articles is built on several processes."""
        return self.jobs > 1 and articles >= self.parallel_min_articles

    def render_workers(self, articles: int) -> bool:
        """Whether its pages are rendered by worker processes too."""
        return self.parallel(articles) and articles >= self.render_workers_min_articles

    @property
    def cache_folder(self) -> Path:
        from .cache import default_cache_dir

        return self.cache_dir if self.cache_dir is not None else default_cache_dir(self.index_dir)


def load_config(
    corpus_dir: str | Path = "seeds",
    out_dir: str | Path = "_site",
    index_dir: str | Path = ".wic-index",
    *,
    base_url: str | None = None,
    aliases: str | Path | None = None,
    taxonomy: str | Path | None = None,
    jobs: int | None = None,
    quiet: bool = False,
    verbose: bool = False,
    cache: str | Path | None = None,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> SiteConfig:
    """Validate every value and raise one UserError listing all that are wrong."""
    corpus = Path(corpus_dir)
    corpus_error = _check_corpus(corpus)
    errors = [corpus_error]
    aliases_path = Path(aliases) if aliases else (None if corpus_error else _default_aliases(corpus))
    taxonomy_path = Path(taxonomy) if taxonomy else SiteConfig.taxonomy_path
    if aliases and not Path(aliases).is_file():
        errors.append(f"alias file {aliases}: not found")
    if not taxonomy_path.is_file():
        errors.append(f"taxonomy {taxonomy_path}: not found")
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        errors.append(f"--base-url {base_url!r}: must start with http:// or https://")
    if jobs is not None and jobs < 1:
        errors.append(f"--jobs {jobs}: must be 1 or more")
    if lock_wait < 0:
        errors.append(f"--wait {lock_wait:g}: must be 0 or more seconds")
    try:
        check_output_dir(Path(out_dir))  # fail now, not after a long build
    except UserError as exc:
        errors.append(str(exc))
    errors = [e for e in errors if e]
    if errors:
        raise UserError("; ".join(errors))
    return SiteConfig(
        corpus_dir=corpus,
        out_dir=Path(out_dir),
        index_dir=Path(index_dir),
        taxonomy_path=taxonomy_path,
        aliases_path=aliases_path,
        base_url=base_url.rstrip("/") + "/" if base_url else None,
        jobs=jobs or (os.cpu_count() or 1),
        quiet=quiet,
        verbose=verbose,
        cache_dir=Path(cache) if cache else None,
        lock_wait=lock_wait,
    )


def _check_corpus(corpus: Path) -> str | None:
    if not corpus.exists():
        return f"corpus folder {corpus}: does not exist"
    if not corpus.is_dir():
        return f"corpus folder {corpus}: is not a folder"
    try:
        with os.scandir(corpus):  # a walk would silently see an unreadable folder as empty
            pass
    except OSError as exc:
        return f"corpus folder {corpus}: cannot be read ({exc.strerror})"
    return None  # the build walks it once (pipeline.scan_corpus) and says if it holds no article


def _default_aliases(corpus: Path) -> Path | None:
    """An aliases.yaml in the corpus folder is picked up without a flag."""
    candidate = corpus / "aliases.yaml"
    try:
        return candidate if candidate.is_file() else None
    except OSError:
        return None
