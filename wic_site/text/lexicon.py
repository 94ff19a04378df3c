"""The extractor's word knowledge, read once from wic_site/data/*.yaml.

The files hold words; this module turns them into the sets and inflected forms the grammar in
text/names.py, extract/people.py and extract/speech.py uses.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .data import load_data

# POSS in a cue phrase: an optional possessive or article ("expressed (his) hope that")
POSSESSIVES = r"(?:(?:his|her|their|its|our|the)\s+)?"


@dataclass(frozen=True)
class Lexicon:
    cue_forms: tuple[str, ...]  # every surface form of every cue, longest first
    between_words: tuple[str, ...]
    back_references: tuple[str, ...]
    speech_nouns: tuple[str, ...]
    particles: tuple[str, ...]
    title_words: frozenset[str]
    honorifics: dict[str, str | None]  # "mr" -> "he"; "dr" -> None
    title_heads: tuple[str, ...]
    title_modifiers: tuple[str, ...]
    role_nouns: tuple[str, ...]
    descriptions: tuple[str, ...]
    reference_nouns: tuple[str, ...]
    reference_modifiers: tuple[str, ...]
    who_verbs: dict[str, str]
    equivalents: dict[str, tuple[str, ...]]  # "envoy" -> ("ambassador", ...)
    gendered_roles: dict[str, str]  # "spokeswoman" -> "she"
    not_names: frozenset[str]
    nationalities: tuple[str, ...]
    word_endings: tuple[str, ...]
    org_tails: frozenset[str]
    kind_words: tuple[str, ...]
    connectors: frozenset[str]
    non_persons: frozenset[str]  # lower-cased names of platforms, outlets and programmes
    vague_heads: frozenset[str]


@functools.cache
def lexicon() -> Lexicon:
    cues = _read("cue_verbs")
    titles = _read("titles")
    not_names = _read("not_names")
    orgs = _read("organization_words")
    non_persons = _read("non_persons")
    return Lexicon(
        cue_forms=tuple(sorted(cue_forms(cues), key=lambda f: (-len(f), f))),
        between_words=tuple(cues["between"]),
        back_references=tuple(cues["back_references"]),
        speech_nouns=tuple(cues["speech_nouns"]),
        particles=tuple(_read("name_particles")["particles"]),
        title_words=frozenset(titles["title_words"]) | frozenset(titles["honorifics"]),
        honorifics=dict(titles["honorifics"]),
        title_heads=tuple(titles["title_heads"]),
        title_modifiers=tuple(titles["title_modifiers"]),
        role_nouns=tuple(titles["role_nouns"]),
        descriptions=tuple(titles["descriptions"]),
        reference_nouns=tuple(dict.fromkeys(titles["reference_nouns"])),
        reference_modifiers=tuple(titles["reference_modifiers"]),
        who_verbs=dict(titles["who_verbs"]),
        gendered_roles=dict(titles["gendered_roles"]),
        equivalents={noun: tuple(words) for noun, words in titles["equivalents"].items()},
        not_names=frozenset(w for key in ("function_words", "calendar", "places", "institutions",
                                          "page_chrome", "acronyms") for w in not_names[key]),
        nationalities=tuple(not_names["nationalities"]),
        word_endings=tuple(not_names["word_endings"]),
        org_tails=frozenset(orgs["name_tails"]),
        kind_words=tuple(orgs["kind_words"]),
        connectors=frozenset(orgs["connectors"]),
        non_persons=frozenset(n.lower() for key in ("platforms", "outlets", "places", "programmes") for n in non_persons[key]),
        vague_heads=frozenset(non_persons["vague_heads"]),
    )


def _read(stem: str) -> dict:
    return load_data(stem)


def cue_forms(cues: dict) -> set[str]:
    """Every form of every cue: regular lemmas inflected, irregular ones as listed."""
    forms: set[str] = set()
    for phrase in cues["regular"]:
        head, _, rest = phrase.partition(" ")
        forms |= {f"{form} {rest}".strip() for form in inflect(head)}
    for lemma in cues["with_that"]:
        forms |= {f"{form} that" for form in inflect(lemma)}
    for phrase, listed in cues["irregular"].items():
        forms |= set(listed)
    forms |= set(cues["base_form"])
    return forms


def inflect(lemma: str) -> tuple[str, str]:
    """(third person, past) of a regular verb: note -> notes, noted; reply -> replies, replied."""
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies", lemma[:-1] + "ied"
    if lemma.endswith("e"):
        return lemma + "s", lemma + "d"
    if re.search(r"(?:s|sh|ch|x|z)$", lemma):
        return lemma + "es", lemma + "ed"
    return lemma + "s", lemma + "ed"


def alternation(words) -> str:
    """A regex alternation of words or phrases, longest first; a space matches any whitespace
    and POSS an optional possessive."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"POSS\ ", POSSESSIVES).replace(r"\ ", r"\s+") for w in ordered)
