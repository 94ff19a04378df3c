"""The one place for build settings: SiteConfig, and load_config() that validates them all."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError
from .readers import SUFFIXES
from .writer import check_output_dir

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


@dataclass(frozen=True)
class SiteConfig:
    corpus_dir: Path
    out_dir: Path
    index_dir: Path
    templates_dir: Path = PROJECT_DIR / "templates"
    static_dir: Path = PROJECT_DIR / "static"
    taxonomy_path: Path = PACKAGE_DIR / "data" / "topics.yaml"
    aliases_path: Path | None = None
    base_url: str | None = None
    jobs: int = 1
    quiet: bool = False
    verbose: bool = False


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
    )


def _check_corpus(corpus: Path) -> str | None:
    if not corpus.exists():
        return f"corpus folder {corpus}: does not exist"
    if not corpus.is_dir():
        return f"corpus folder {corpus}: is not a folder"
    try:
        with os.scandir(corpus):  # rglob() would silently see an unreadable folder as empty
            pass
        has_articles = any(p.suffix.lower() in SUFFIXES for p in corpus.rglob("*"))
    except OSError as exc:
        return f"corpus folder {corpus}: cannot be read ({exc.strerror})"
    if not has_articles:
        return f"corpus folder {corpus}: holds no .txt, .md or .html articles"
    return None


def _default_aliases(corpus: Path) -> Path | None:
    """An aliases.yaml in the corpus folder is picked up without a flag."""
    candidate = corpus / "aliases.yaml"
    try:
        return candidate if candidate.is_file() else None
    except OSError:
        return None
