"""CPU time of attribution (gather_cast + find_speech) and of all of extraction, per 1,000 words.

    python -m benchmarks.attribution_speed [CORPUS_DIR ...]     (default: seeds/)

The target (issue 10): extraction at or under 15 ms of CPU for an article of about 1,000 words.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from wic_site.config import SiteConfig
from wic_site.extract import extract_article
from wic_site.extract.people import gather_cast
from wic_site.extract.speech import find_speech
from wic_site.extract.topics import load_taxonomy
from wic_site.readers import read_corpus

ROUNDS = 20


def measure(corpus: Path) -> str:
    taxonomy = load_taxonomy(SiteConfig.taxonomy_path)
    articles, _ = read_corpus(corpus)
    words = sum(len(" ".join(a.paragraphs).split()) for a in articles)
    for article in articles:
        extract_article(article, taxonomy)  # warm caches and compiled patterns
    start = time.process_time()
    for _ in range(ROUNDS):
        for article in articles:
            find_speech(article.paragraphs, gather_cast(article.paragraphs, article.header_lines))
    middle = time.process_time()
    for _ in range(ROUNDS):
        for article in articles:
            extract_article(article, taxonomy)
    end = time.process_time()
    per_thousand = ROUNDS * words / 1000
    return (f"{corpus}: {len(articles)} articles, {words} words; per 1,000 words: "
            f"attribution {(middle - start) * 1000 / per_thousand:.1f} ms CPU, "
            f"extraction {(end - middle) * 1000 / per_thousand:.1f} ms CPU")


def main(argv: list[str]) -> int:
    for corpus in argv or ["seeds"]:
        print(measure(Path(corpus)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
