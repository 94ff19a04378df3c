"""A synthetic corpus of N articles recombined from the seeds' own sentences.

The seeds are read at run time: their narrative sentences and quotations are the material,
so no seed text lives in this file. Years, speakers, organisations, themes and paragraph
counts are varied with a seeded random generator, so the same N always gives the same bytes
and a benchmark run is repeatable. The articles imitate the seeds' layout (headline, chrome,
dateline, paragraphs with "...," he said and "X, CEO of Y, said: ...") so that cleaning,
extraction, indexing and page rendering all do the work they would do on real coverage.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

FIRST_YEAR, LAST_YEAR = 2014, 2025
ORDINALS = (
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
    "Tenth", "Eleventh", "Twelfth",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Invented name parts: synthetic speakers must not be the seeds' speakers.
FAMILY = ("Bai", "Cao", "Deng", "Fang", "Gu", "Han", "Jiang", "Kong", "Lu", "Meng", "Ning",
          "Pan", "Qian", "Ren", "Shen", "Tang", "Wan", "Xia", "Yan", "Zeng")
GIVEN = ("an", "bo", "chen", "dong", "fei", "gang", "hui", "jing", "kai", "lei", "min",
         "nan", "peng", "rui", "shan", "ting", "wen", "xin", "yao", "zhi")
WEST_FIRST = ("Anja", "Bruno", "Clara", "Dmitri", "Elif", "Felix", "Greta", "Hugo", "Ines",
              "Jonas", "Karin", "Luca", "Mira", "Nils", "Oskar", "Paula", "Rafael", "Sanne")
WEST_LAST = ("Albers", "Brandt", "Castell", "Dorn", "Eklund", "Falk", "Grieve", "Holm",
             "Ivers", "Janssen", "Kolar", "Lindt", "Marek", "Norberg", "Ortega", "Pohl")
ROLES = ("CEO", "chairman", "founder and CEO", "vice-president", "director",
         "chief technology officer", "professor", "senior researcher", "secretary-general",
         "chief scientist", "president")
ORG_HEAD = ("Blue", "Silk", "Cloud", "North", "Harbor", "Jade", "Summit", "Bright", "Delta",
            "Lattice", "Orchid", "Granite", "Meridian", "Cedar")
ORG_STEM = ("Data", "Net", "Link", "Compute", "Grid", "Logic", "Wave", "Secure", "Signal",
            "Vision", "Chip", "Path")
ORG_TAIL = ("Technology", "Group", "Holdings", "Labs", "Institute", "Capital", "Networks",
            "Systems", "Academy", "Foundation")
THEME_A = ("Building", "Shaping", "Creating", "Sharing", "Connecting", "Securing")
THEME_B = ("a Digital World", "a Community", "an Open Future", "Shared Prosperity",
           "a Trusted Cyberspace", "an Inclusive Internet")
THEME_C = ("of Mutual Trust", "with a Shared Future", "for the Benefit of All",
           "through Innovation", "in Cyberspace", "of Common Destiny")
SUBJECTS = ("cybersecurity", "artificial intelligence", "the digital economy", "cloud computing",
            "5G networks", "internet governance", "e-commerce", "big data", "smart manufacturing",
            "data security", "the industrial internet", "digital trade")
HEADLINES = (  # each names a speaker or an organisation, so titles (and ids) rarely repeat
    "{org} chief sees {subject} reshaping the internet",
    "{name} calls for cooperation on {subject} at Wuzhen",
    "WIC {year}: {name} puts {subject} at centre stage",
    "{name} weighs the future of {subject}",
    "{name} on why {subject} matters for growth",
    "{org} brings {subject} to the {year} Wuzhen Summit",
    "{name} of {org} shares views on {subject}",
)
CHROME_TOP = ("Home / China / News", "Home  >  Opinions", "World Internet Conference",
              "Adjust font size:", "Print E-mail Bookmark and Share")
CHROME_BOTTOM = ("Editor's picks", "Most read", "relevant news", "No comments.",
                 "Follow us on Twitter and Facebook to join the conversation.")
# Seed sentences that name a year or an edition would contradict the year given to the new
# article, so the extractor could not know which conference it reports on.
DATED = re.compile(
    r"\b(19|20)\d\d\b|\b\d+(st|nd|rd|th)\b|\btimes\b|\b(" + "|".join(ORDINALS) + r")\b|\b(ago|last year)\b",
    re.I,
)
LOWER_OK = {"The", "This", "It", "There", "We", "Our", "In", "As", "A", "An", "These", "That"}
REPORTERS = ("Zhao Lin", "Mei Qing", "Tao Ran", "Hu Sheng", "Xu Ke")


@dataclass(frozen=True)
class Material:
    """What the seeds lend the generator: sentences to narrate with and words to quote."""

    sentences: tuple[str, ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str
    org: str
    pronoun: str

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[0] if parts[0] in FAMILY else parts[-1]


def load_material(seeds_dir: Path) -> Material:
    """Split every seed into sentences and quotations; chrome-like short lines are left out."""
    sentences: set[str] = set()
    quotes: set[str] = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        for para in re.split(r"\n\s*\n|\n", path.read_text(encoding="utf-8")):
            para = " ".join(para.split())
            for match in re.finditer(r"[\"“]([^\"”]{40,}?)[\"”]", para):
                quote = match.group(1).strip().rstrip(",.")
                is_theme = "theme" in para[max(0, match.start() - 60):match.start()].lower()
                if quote[0].isupper() and not is_theme and not DATED.search(quote):
                    quotes.add(quote + ".")
            if '"' in para or "“" in para or len(para) < 60:
                continue
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para):
                if _usable(sentence):
                    sentences.add(sentence)
    if not sentences:
        raise SystemExit(f"benchmarks: no usable sentences in {seeds_dir}")
    return Material(tuple(sorted(sentences)), tuple(sorted(quotes)) or tuple(sorted(sentences)))


def _usable(sentence: str) -> bool:
    """A narrative sentence, not a site link, a byline or a Q/A label."""
    return (
        50 <= len(sentence) <= 320
        and sentence[-1] in ".!"
        and not re.search(r"\.(cn|com)\b|@|Twitter|Photo", sentence)
        and not re.match(r"(Q|A)\d", sentence)
        and not DATED.search(sentence)
    )


def make_speakers(count: int, rng: random.Random) -> list[Speaker]:
    """`count` distinct invented speakers, two in three with Chinese-style names."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        if rng.random() < 0.67:
            name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN).capitalize()}{rng.choice(GIVEN)}"
        else:
            name = f"{rng.choice(WEST_FIRST)} {rng.choice(WEST_LAST)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return [
        Speaker(name, rng.choice(ROLES), _org(rng), rng.choice(("he", "she")))
        for name in names
    ]


def _org(rng: random.Random) -> str:
    return f"{rng.choice(ORG_HEAD)} {rng.choice(ORG_STEM)} {rng.choice(ORG_TAIL)}"


def theme_for(year: int) -> str:
    rng = random.Random(year)
    return f"{rng.choice(THEME_A)} {rng.choice(THEME_B)} {rng.choice(THEME_C)}"


def write_corpus(out_dir: Path, count: int, seeds_dir: Path, seed: int = 5) -> list[Path]:
    """Write `count` articles into out_dir (created; stale synth files removed)."""
    material = load_material(seeds_dir)
    rng = random.Random(seed)
    speakers = make_speakers(max(12, 40 + count // 4), rng)
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"synth_{i:05d}.txt" for i in range(count)}
    for stale in out_dir.glob("synth_*.txt"):
        if stale.name not in wanted:
            stale.unlink()
    paths = []
    for i in range(count):
        path = out_dir / f"synth_{i:05d}.txt"
        text = make_article(random.Random(f"{seed}-{i}"), i, material, speakers)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")  # unchanged files keep their mtime
        paths.append(path)
    return paths


def make_article(rng: random.Random, number: int, material: Material, speakers: list[Speaker]) -> str:
    year = FIRST_YEAR + number % (LAST_YEAR - FIRST_YEAR + 1)
    cast = rng.sample(speakers, k=rng.randint(1, 4))
    subject = rng.choice(SUBJECTS)
    headline = rng.choice(HEADLINES).format(
        org=cast[0].org, subject=subject, year=year, name=cast[0].name
    )
    headline = headline[0].upper() + headline[1:]
    lines = [rng.choice(CHROME_TOP), headline, _dateline(rng, year)]
    lines += _body(rng, year, cast, material)
    if rng.random() < 0.5:
        lines.append(rng.choice(CHROME_BOTTOM))
    return "\n\n".join(lines) + "\n"


def _dateline(rng: random.Random, year: int) -> str:
    month = rng.choice((11, 11, 12))
    day = rng.randint(1, 28)
    reporter = rng.choice(REPORTERS)
    style = rng.randrange(4)
    if style == 0:
        return f"By {reporter} | China Daily | Updated: {year}-{month:02d}-{day:02d} {rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}"
    if style == 1:
        return f"{year}-{month:02d}-{day:02d}Source: China Daily   {reporter}"
    if style == 2:
        return f"{day:02d}.{month:02d}.{year}, {rng.randint(7, 22)}:{rng.randint(10, 59)} {rng.randint(100, 9999)}"
    return f"China.org.cn, {MONTHS[month - 1]} {day}, {year}"


def _body(rng: random.Random, year: int, cast: list[Speaker], material: Material) -> list[str]:
    edition = ORDINALS[year - FIRST_YEAR]
    paragraphs = [
        f"The {edition} World Internet Conference opened in Wuzhen, Zhejiang province, "
        f"in {year}. {_narrate(rng, material, 1)}",
    ]
    if rng.random() < 0.7:
        paragraphs.append(f'The theme of this year\'s conference was "{theme_for(year)}".')
    introduced: set[str] = set()
    for _ in range(rng.randint(6, 34)):
        kind = rng.random()
        speaker = rng.choice(cast)
        if kind < 0.5:
            paragraphs.append(_narrate(rng, material, rng.randint(1, 3)))
        elif speaker.name not in introduced:
            introduced.add(speaker.name)
            paragraphs.append(_introduce(rng, speaker, material))
        else:
            paragraphs.append(_again(rng, speaker, material))
    return paragraphs


def _narrate(rng: random.Random, material: Material, count: int) -> str:
    return " ".join(rng.choice(material.sentences) for _ in range(count))


def _quote(rng: random.Random, material: Material) -> str:
    pool = material.quotes if rng.random() < 0.5 else material.sentences
    return rng.choice(pool)


def _introduce(rng: random.Random, s: Speaker, material: Material) -> str:
    quote = _quote(rng, material)
    if rng.random() < 0.5:
        return f'{s.name}, {s.role} of {s.org}, said: "{quote}"'
    return f'"{quote[:-1]}," said {s.name}, {s.role} of {s.org}.'


def _again(rng: random.Random, s: Speaker, material: Material) -> str:
    quote = _quote(rng, material)
    style = rng.randrange(3)
    if style == 0:
        return f'"{quote[:-1]}," {s.pronoun} said.'
    if style == 1:
        return f'"{quote[:-1]}," {s.surname} said.'
    first, _, rest = quote.partition(" ")
    if first in LOWER_OK:  # keep proper nouns capitalised
        first = first.lower()
    return f"{s.surname} said that {first} {rest}"
