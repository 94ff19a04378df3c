"""The browser's index file format: what each search/ file holds and how it is written.

Every file under search/ is `WicSearch.add("<name>", <json>);`, so the page loads it with a
<script> tag and it works from file:// (browsers refuse fetch() there), as Sphinx's searchindex.js.

  index.js        manifest: shard counts, stop words, years, topic names,
                  each scorable field's average length, BM25F's B and K1
  f/<h>.js        surface word form -> analyzed term (corpus forms and generated inflections)
  t/<h>.js        "field:term" -> [doc freq, head postings, surface forms, facet counts, tail, idf]
  u/<h>-<j>.js    the rest of a long posting list, cut in num order (a query fetches the files
                  covering the passages its other terms allow), named by a hash of its term
  p/<h>.js        term positions, for phrases only
  x/<i>.js        sorted terms, for prefix queries
  x/lex.js        the first term of each x/ file (only prefix queries need it, so not in index.js)
  d/<i>.js        passages to display: "a" [id, title, year, url] of their articles, "p" [article's
                  place in "a", paragraph, text, speakers]
  g/<i>.js        per-passage year, topics, speakers, for facet counts of compound queries
  g/s.js          the speakers g/ files number: [id, name]
  l/<h>.js        "field:label" as a reader types it -> the ids it names (search_labels)
  v/<h>.js        "<first letter><length>" -> {word: passage count}, for "did you mean" (search_suggest)

A posting is a passage number with the term's frequency in it and the passage's field length
as Whoosh stores it (postings.py); search.js weighs it as Whoosh's BM25F scorer does, with the
term's idf and the field's average length, and sums the weights as Whoosh's matchers do, so it
ranks exactly as Whoosh. Postings are grouped by (frequency, length), their numbers delta-coded
(code_nums). A term's head holds every posting that could be among its first HEAD results.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from itertools import groupby
from operator import sub
from pathlib import Path

SHARD_BYTES = 3000  # target size of hashed shards: small enough for the query budget
HEAD = 100  # postings kept with the term; enough for the first pages of a one-word query
TAIL = 4000  # postings per tail file
FACET_SHARD = 4096  # passages per g/ shard
DISPLAY_BYTES = 1200  # text per d/ shard
POSITIONAL = ("text", "title", "name")
WORD = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's RegexTokenizer default

Emit = Callable[[str, str], None]  # emit(name without .js, file text)


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-8; search.js computes the same to find a shard."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


B36 = [_b36(n) for n in range(36 ** 3)]  # millions of docnum deltas and positions are small


def b36(n: int) -> str:
    return B36[n] if n < 46656 else _b36(n)


COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def script(name: str, data) -> str:
    return f'WicSearch.add("{name}",{COMPACT.encode(data)});\n'


def read_script(text: str):
    """The data of a file script() wrote."""
    return json.loads(text[text.index(",") + 1:text.rindex(")")])


def load(site_dir: Path, name: str):
    """The data of search/<name>.js in a built site."""
    return read_script((Path(site_dir) / "search" / f"{name}.js").read_text("utf-8"))


def shard_count(total_bytes: int) -> int:
    """A power of two, so shards hold SHARD_BYTES/2 to SHARD_BYTES: a part that grows or
    shrinks a little keeps its count, and an edit rewrites only the shards of what it touched,
    not every shard of the part."""
    return 1 << max(0, -(-total_bytes // SHARD_BYTES) - 1).bit_length()


def emit_hashed(prefix: str, encoded: dict[str, str], count: int, emit: Emit, every: bool = False) -> None:
    """Shard files of key -> value given as compact JSON: the text script() would write for
    each shard's dict, with the values encoded once instead of again inside their shard.
    every: write empty shards too, for parts the browser looks up with keys they may lack."""
    shards: dict[int, list[str]] = defaultdict(list)
    for key in encoded:
        shards[fnv1a(key) % count].append(key)
    for i in range(count) if every else sorted(shards):
        name = f"{prefix}/{i}"
        body = ",".join(f"{COMPACT.encode(k)}:{encoded[k]}" for k in sorted(shards[i]))
        emit(name, f'WicSearch.add("{name}",{{{body}}});\n')


def chunk(posts: list[tuple[int, int, int]]) -> list:
    """[pairs, "codes;codes"]: the distinct [frequency, field length] of the postings (num,
    frequency, length), most frequent and shortest first, and for each pair its postings'
    nums as code_nums() writes them (postings come in num order)."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for num, frequency, length in posts:
        groups[frequency, length].append(num)
    pairs = sorted(groups, key=lambda pair: (-pair[0], pair[1]))
    return [[list(pair) for pair in pairs], ";".join(map(code_nums, map(groups.__getitem__, pairs)))]


def chunk_postings(data: list) -> list[tuple[int, int, int]]:
    """The postings (num, frequency, length) of a chunk() in pair order: what search.js decodes."""
    return [(num, frequency, length) for (frequency, length), coded in zip(data[0], data[1].split(";"))
            for num in decode_nums(coded)]


# Posting numbers as variable-length base-32 deltas in URL-safe base-64 letters: a letter
# worth 32 or more carries five more bits, one below 32 ends the number. Unlike base 36 with
# commas, a delta under 32 (most of them) costs one letter.
VARINT_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_LETTER_VALUE = {letter: value for value, letter in enumerate(VARINT_LETTERS)}
_RUN = re.compile(r"(?<![g-z0-9_-])B{3,}")  # three or more whole deltas of 1


def _varint(n: int) -> str:
    out = VARINT_LETTERS[n & 31]
    n >>= 5
    while n:
        out = VARINT_LETTERS[32 + (n & 31)] + out
        n >>= 5
    return out


VARINT = [_varint(n) for n in range(1 << 15)]


def varint(n: int) -> str:
    return VARINT[n] if n < 32768 else _varint(n)


def code_nums(nums: list[int]) -> str:
    """Increasing nums as their deltas (from -1, so each is at least 1), each a varint(); k > 2
    deltas of 1 in a row (neighbouring paragraphs, a year's passages) become "A" (a zero
    delta) and varint(k)."""
    deltas = "".join(map(varint, map(sub, nums, [-1] + nums[:-1])))
    return _RUN.sub(lambda m: "A" + varint(len(m.group())), deltas)


def shifted_chunk(data: list, start: int, by: int) -> list:
    """A chunk() whose nums from `start` on moved by `by` (passages before them added or removed)."""
    return [data[0], ";".join(shifted_nums(coded, start, by) for coded in data[1].split(";"))]


def shifted_nums(coded: str, start: int, by: int) -> str:
    """code_nums() text whose nums from `start` on moved by `by`."""
    return code_nums([n + by if n >= start else n for n in decode_nums(coded)])


def decode_nums(coded: str) -> list[int]:
    """code_nums() undone, as search.js nums() does."""
    out: list[int] = []
    num, value, run = -1, 0, False
    for letter in coded:
        digit = _LETTER_VALUE[letter]
        value = value * 32 + (digit & 31)
        if digit >= 32:
            continue
        if run:
            out.extend(range(num + 1, num + 1 + value))
            num += value
            run = False
        elif value == 0:
            run = True
        else:
            num += value
            out.append(num)
        value = 0
    return out


def runs(values: list[int]) -> str:
    """Run-length code: "v" or "v*n" (n times v) per run, comma-separated, numbers in base 36."""
    out = []
    for value, group in groupby(values):
        n = sum(1 for _ in group)
        out.append(b36(value) + (f"*{b36(n)}" if n > 1 else ""))
    return ",".join(out)


def facet_shard(years: list[int], topics: list[tuple[int, ...]], casts: list[tuple[int, ...]]) -> dict:
    """A g/ file's data, per passage of the shard as run-length columns (neighbouring paragraphs
    mostly share their year, topics and speakers): "y" the year's index in the manifest + 1 (0:
    unknown); "t" and "c" an index into the shard's lists "tv" of topic sets (manifest indexes)
    and "cv" of speaker sets (g/s indexes), each set "n.n" in base 36 ("" for none)."""
    data: dict = {"y": runs(years)}
    for column, values, sets in (("t", topics, "tv"), ("c", casts, "cv")):
        seen: dict[str, int] = {}
        data[column] = runs([seen.setdefault(".".join(map(b36, v)), len(seen)) for v in values])
        data[sets] = list(seen)
    return data


def lexicon(keys: list[str]) -> list[list[str]]:
    """Sorted keys cut into x/ chunks of about SHARD_BYTES."""
    chunks, current, size = [], [], 0
    for key in keys:
        if current and size + len(key) > SHARD_BYTES:
            chunks.append(current)
            current, size = [], 0
        current.append(key)
        size += len(key) + 3
    return chunks + [current] if current else chunks or [[""]]


def count_shards(site_dir: Path) -> int:
    return sum(1 for _ in (Path(site_dir) / "search").rglob("*.js"))
