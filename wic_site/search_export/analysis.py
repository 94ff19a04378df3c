"""Every passage analysed as Whoosh indexes it: postings, positions and field lengths, made
whole or patched where passages changed.

A TermIndex remembers a digest of each passage it was made from. The next build compares
them. When the passages kept their numbers and only a few changed, it re-analyses only
those and patches the postings and positions of the terms they had or have (`touched`).
When passages were added or removed in one stretch (a paragraph appended, an article added
or removed), the passages after it keep their analysis under numbers moved by as many as
were added or removed; only the new stretch is analysed. Otherwise the index is made whole.
Every way gives the same TermIndex (a test holds them equal).
"""

from __future__ import annotations

import bisect
import hashlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import chain

from ..search_index import Passage, make_schema
from .fileformat import B36, WORD, b36
from .postings import TF_LIMIT, Counted

POSITION_BLOCK = 4096  # passages tokenized at a time for positions
PATCH_SHARE = 0.25  # more changed passages than this share: analyse them all again


@dataclass
class TermIndex:
    digests: list[bytes]  # per passage number, of everything indexed about the passage
    counted: Counted  # every term's postings and every passage's field lengths
    positions: dict[str, str]  # "field:term" of a positional field -> "num:pos,pos;num:pos"
    terms: dict[str, str] = field(default_factory=dict)  # tokenizer match -> its term: the analyzer's results
    stems: dict[str, str] = field(default_factory=dict)  # word of the forms map -> its term ("": none), from_records


@dataclass(frozen=True)
class Shift:
    """Keys none of whose postings changed, but whose nums from `start` on moved by `by`."""
    keys: frozenset[str]
    start: int
    by: int


@dataclass(frozen=True)
class Analysed:
    index: TermIndex
    words: set[str]  # every tokenizer match in texts, names and titles
    vocabulary: dict[str, str]  # lower-cased match in texts and names -> its term
    touched: set[str] | None  # keys whose postings changed since `previous`; None: all of them
    shift: Shift | None = None  # touched keys whose postings only moved, when passages renumbered


def analyse(passages: Sequence[Passage], previous: TermIndex | None = None) -> Analysed:
    """The TermIndex of `passages` (in num order): patched from `previous` when that pays."""
    digests = [passage_digest(p) for p in passages]
    changed = _changed(previous, digests)
    if changed is not None:
        return _patched(previous, passages, digests, changed)
    stretch = _stretch(previous, digests)
    if stretch is not None:
        return _renumbered(previous, passages, digests, *stretch)
    return _whole(passages, digests)


def passage_digest(p: Passage) -> bytes:
    return hashlib.blake2b(repr(p).encode("utf-8"), digest_size=16).digest()


def _changed(previous: TermIndex | None, digests: list[bytes]) -> list[int] | None:
    """The numbers of the passages that changed, or None when the index must be made whole:
    no previous one, passages renumbered (added or removed), or too many changed."""
    if previous is None or len(previous.digests) != len(digests):
        return None
    changed = [n for n, (old, new) in enumerate(zip(previous.digests, digests)) if old != new]
    return changed if len(changed) <= PATCH_SHARE * len(digests) else None


def _stretch(previous: TermIndex | None, digests: list[bytes]) -> tuple[int, int, int] | None:
    """(start, old end, new end) of the one stretch of passages that differs, the passages
    before and after it the same; None when there is no previous index or the stretch is
    longer than PATCH_SHARE of the passages."""
    if previous is None:
        return None
    old = previous.digests
    start = 0
    while start < min(len(old), len(digests)) and old[start] == digests[start]:
        start += 1
    after = 0
    while after < min(len(old), len(digests)) - start and old[-1 - after] == digests[-1 - after]:
        after += 1
    old_end, new_end = len(old) - after, len(digests) - after
    return (start, old_end, new_end) if old_end - start + new_end - start <= PATCH_SHARE * len(digests) else None


def _whole(passages: Sequence[Passage], digests: list[bytes]) -> Analysed:
    counted = Counted()
    counted.add_keywords(enumerate(passages))
    schema, terms = make_schema(), {}
    positions, words, text_words = _positions_of(list(enumerate(passages)), schema, counted, terms)
    index = TermIndex(digests, counted, positions, terms)
    return Analysed(index, words, _vocabulary(text_words, terms), None)


def _patched(previous: TermIndex, passages: Sequence[Passage], digests: list[bytes], changed: list[int]) -> Analysed:
    """`previous` with the changed passages' postings, positions and lengths taken out and
    their new ones put in (in place: `previous` is not kept)."""
    counted, positions, terms = previous.counted, previous.positions, previous.terms
    touched = _keys_holding(counted, changed)
    fresh = Counted()
    numbered = [(n, passages[n]) for n in changed]
    fresh.add_keywords(numbered)
    new_positions, _, _ = _positions_of(numbered, make_schema(), fresh, terms)
    for name, lengths in fresh.lengths.items():
        for n, length in zip(changed, lengths):
            counted.lengths[name][n] = length
    touched |= set(fresh.postings)
    gone = set(changed)
    for key in touched:
        _patch_postings(counted, key, gone, fresh.postings.get(key))
        if key in positions or key in new_positions:
            _patch_positions(positions, key, gone, new_positions.get(key))
    words, text_words = _words(passages)
    return Analysed(replace(previous, digests=digests), words, _vocabulary(text_words, terms), touched)


def _renumbered(previous: TermIndex, passages: Sequence[Passage], digests: list[bytes],
                start: int, old_end: int, new_end: int) -> Analysed:
    """`previous` with its passages start..old_end taken out, those after renumbered by the
    difference, and the passages start..new_end analysed and put in (in place)."""
    counted, positions, terms = previous.counted, previous.positions, previous.terms
    moved = (new_end - old_end) * TF_LIMIT
    touched, in_stretch = set(), set()
    for key, posts in list(counted.postings.items()):
        first = bisect.bisect_left(posts, start * TF_LIMIT)
        if first == len(posts):
            continue  # every posting before the stretch: as it was
        rest = bisect.bisect_left(posts, old_end * TF_LIMIT)
        counted.postings[key] = posts[:first] + array("q", [code + moved for code in posts[rest:]])
        touched.add(key)
        if rest > first:
            in_stretch.add(key)
        if key in positions:
            positions[key] = _renumber_positions(positions[key], start, old_end, new_end - old_end)
    fresh = Counted()
    numbered = [(n, passages[n]) for n in range(start, new_end)]
    fresh.add_keywords(numbered)
    new_positions, _, _ = _positions_of(numbered, make_schema(), fresh, terms)
    for name, lengths in counted.lengths.items():
        counted.lengths[name] = lengths[:start] + fresh.lengths[name] + lengths[old_end:]
    for key in fresh.postings:
        _patch_postings(counted, key, set(), fresh.postings[key])
        if key in new_positions:
            _patch_positions(positions, key, set(), new_positions[key])
    for key in touched:  # the stretch held all their postings
        if not counted.postings[key]:
            del counted.postings[key]
            positions.pop(key, None)
    shift = Shift(frozenset(touched - in_stretch - set(fresh.postings)), old_end, new_end - old_end)
    touched |= set(fresh.postings)
    words, text_words = _words(passages)
    return Analysed(replace(previous, digests=digests), words, _vocabulary(text_words, terms), touched, shift)


def _renumber_positions(coded: str, start: int, old_end: int, moved: int) -> str:
    """"num:pos;num:pos" without the passages start..old_end, those after them moved."""
    kept = []
    for part in coded.split(";"):
        colon = part.index(":")
        num = int(part[:colon], 36)
        if num < start:
            kept.append(part)
        elif num >= old_end:
            kept.append(b36(num + moved) + part[colon:])
    return ";".join(kept)


def _keys_holding(counted: Counted, nums: list[int]) -> set[str]:
    """The keys with a posting in one of `nums` (postings are sorted by num)."""
    runs = _runs(nums)
    found = set()
    for key, posts in counted.postings.items():
        for low, high in runs:
            i = bisect.bisect_left(posts, low * TF_LIMIT)
            if i < len(posts) and posts[i] < (high + 1) * TF_LIMIT:
                found.add(key)
                break
    return found


def _runs(nums: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as (first, last) of each run of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for n in nums:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _patch_postings(counted: Counted, key: str, gone: set[int], fresh: array | None) -> None:
    kept = [code for code in counted.postings.get(key, ()) if code // TF_LIMIT not in gone]
    merged = sorted(chain(kept, fresh or ()))
    if merged:
        counted.postings[key] = array("q", merged)
    else:
        counted.postings.pop(key, None)


def _patch_positions(positions: dict[str, str], key: str, gone: set[int], fresh: str | None) -> None:
    parts = [part for part in positions.get(key, "").split(";") if part and int(part[:part.index(":")], 36) not in gone]
    parts += fresh.split(";") if fresh else []
    if parts:
        parts.sort(key=lambda part: int(part[:part.index(":")], 36))
        positions[key] = ";".join(parts)
    else:
        positions.pop(key, None)


def _words(passages: Sequence[Passage]) -> tuple[set[str], set[str]]:
    """(every tokenizer match in texts, names and titles; those in texts and names)."""
    found: set[str] = set()
    for p in passages:
        found.update(WORD.findall(p.text))
        found.update(WORD.findall(p.names))
    titles = {p.title for p in passages}
    return found | set(chain.from_iterable(map(WORD.findall, titles))), found


def _vocabulary(text_words: set[str], terms: dict[str, str]) -> dict[str, str]:
    return {w.lower(): terms[w] for w in text_words if w in terms}


def _positions_of(numbered: list[tuple[int, Passage]], schema, counted: Counted,
                  terms: dict[str, str]) -> tuple[dict[str, str], set[str], set[str]]:
    """({"field:term": "num:pos,pos;num:pos"}, every tokenizer match in texts, names and
    titles, those in texts and names), counting the postings and field lengths into `counted`
    and the analysis of each new text or name token into `terms`.

    Positions are what the schema's own analyzer gives (what Whoosh indexed; a test compares
    them with the index). Reading them back from the postings costs 4x more, and running the
    analyzer over every text 5x more than this: its filters work token by token, so each
    distinct token is analysed once and texts are only tokenized. Passages go by blocks, in
    num order, so that only one block's tokens are held at a time. Text and names share one
    analyzer (make_schema's), and so one table of terms."""
    coded: dict[str, str] = {}
    title_tokens = {p.title: WORD.findall(p.title) for _, p in numbered}
    title_words = set(chain.from_iterable(title_tokens.values()))
    title_terms = _token_terms(schema["title"].analyzer, sorted(title_words))
    in_title = {title: _term_positions(found, title_terms) for title, found in title_tokens.items()}
    analyzer, known = schema["text"].analyzer, set()
    for start in range(0, len(numbered), POSITION_BLOCK):
        part = numbered[start:start + POSITION_BLOCK]
        tokens = {"text": [WORD.findall(p.text) for _, p in part], "name": [WORD.findall(p.names) for _, p in part]}
        new = set(chain.from_iterable(chain.from_iterable(tokens.values()))) - known
        known |= new
        terms.update(_token_terms(analyzer, sorted(new - terms.keys())))
        found = {name: defaultdict(list) for name in ("text", "name", "title")}
        for i, (num, p) in enumerate(part):
            doc = b36(num) + ":"
            for name in ("text", "name"):
                _place(_term_positions(tokens[name][i], terms), name, num, doc, found, counted)
            _place(in_title[p.title], "title", num, doc, found, counted)
        for name, block in found.items():
            _append_block(coded, name + ":", block)
    return coded, title_words | known, known


def _place(placed: dict[str, str], name: str, num: int, doc: str, found, counted: Counted) -> None:
    counted.lengths[name].append(sum(pos.count(",") + 1 for pos in placed.values()))  # Whoosh's length: tokens indexed
    for term, pos in placed.items():
        found[name][term].append(doc + pos)
        counted.add(name, term, num, pos.count(",") + 1)


def _append_block(coded: dict[str, str], prefix: str, block: dict[str, list[str]]) -> None:
    for term, parts in block.items():
        key, joined = prefix + term, ";".join(parts)
        before = coded.get(key)
        coded[key] = joined if before is None else f"{before};{joined}"


def _term_positions(tokens: list[str], term_of: dict[str, str]) -> dict[str, str]:
    """term -> its positions "p,p" in `tokens`, numbered as Whoosh's StopFilter(renumber=True)
    does: the first kept token keeps its place, each later kept token is one after the previous."""
    terms = list(map(term_of.get, tokens))
    kept = [t for t in terms if t is not None]
    if not kept:
        return {}
    first = terms.index(kept[0])
    found: dict[str, list[str]] = defaultdict(list)
    last = first + len(kept)
    for term, pos in zip(kept, B36[first:last] if last <= len(B36) else map(b36, range(first, last))):
        found[term].append(pos)
    return {term: ",".join(pos) for term, pos in found.items()}


def _token_terms(analyzer, words: list[str]) -> dict[str, str]:
    """Tokenizer match -> its indexed term (stop words and short words absent). One analyzer
    pass over all words joined by spaces, each token traced back to its word by offset."""
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    return {words[bisect.bisect_right(starts, t.startchar) - 1]: t.text
            for t in analyzer(" ".join(words), chars=True, mode="index")}
