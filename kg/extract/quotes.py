"""Direct quotations and their speakers: '"...," kata Bima.' and 'Bima mengatakan, "..."'."""

from __future__ import annotations

import re

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import ParsedSentence
from kg.extract.resolve import Resolution
from kg.model.records import Entity, Quote
from kg.model.terms import EntityType

__all__ = ["find_quotes"]

_QUOTED = re.compile(r'"([^"]{8,})"')
_PATTERNS: dict[int, tuple[tuple[str, ...], re.Pattern[str]]] = {}


def _pronoun_speech(lex: Lexicon) -> re.Pattern[str]:
    """'"...," katanya.' / '"...," kata dia.': a speech verb with a pronoun, which points back
    at a speaker named before (the quote verbs of ``speech.txt``; built once per lexicon)."""
    verbs = lex.quote_verbs
    known = _PATTERNS.get(id(verbs))
    if known is None or known[0] is not verbs:
        verb = "|".join(map(re.escape, verbs))
        enclitic = "|".join(map(re.escape, lex.phrases.enclitics))
        pronoun = "|".join(map(re.escape, lex.phrases.quote_pronouns))
        pattern = re.compile(rf"\b(?:(?:{verb})(?:{enclitic})|(?:{verb}) (?:{pronoun}))\b")
        known = (verbs, pattern)
        _PATTERNS[id(verbs)] = known
    return known[1]


def find_quotes(parsed: list[ParsedSentence], resolution: Resolution, lex: Lexicon) -> list[Quote]:
    """Quotations with the entity key of their speaker when the text names one."""
    entities = {e.key: e for e in resolution.entities}
    quotes: list[Quote] = []
    last_speaker: str | None = None
    pronoun_speech = _pronoun_speech(lex)
    for ps in parsed:
        text = ps.sentence.text
        for match in _QUOTED.finditer(text):
            start = ps.sentence.start + match.start(1)
            end = ps.sentence.start + match.end(1)
            speaker = _speaker(ps, resolution, entities, end, start, lex)
            if speaker is None and pronoun_speech.match(text[match.end() :].lstrip(" ,.")):
                speaker = last_speaker or _last_person(parsed, ps, resolution, entities, start)
            if speaker is not None:
                last_speaker = speaker
            quotes.append(Quote(match.group(1).strip(), start, end, ps.sentence.index, speaker))
    return quotes


def _last_person(
    parsed: list[ParsedSentence],
    ps: ParsedSentence,
    resolution: Resolution,
    entities: dict[str, Entity],
    before: int,
) -> str | None:
    """The person named last before a quotation, in its sentence or the two before it: whom
    "katanya" refers to when no quotation has had a speaker yet."""
    for earlier in reversed(parsed[max(0, ps.sentence.index - 2) : ps.sentence.index + 1]):
        for piece in reversed(earlier.pieces):
            key = resolution.key_of(piece)
            if piece.start < before and key and entities[key].type is EntityType.PERSON:
                return key
    return None


def _speaker(
    ps: ParsedSentence,
    resolution: Resolution,
    entities: dict[str, Entity],
    quote_end: int,
    quote_start: int,
    lex: Lexicon,
) -> str | None:
    after = [p for p in ps.pieces if p.start >= quote_end]
    before = [p for p in ps.pieces if p.end <= quote_start]
    for near in after[:2] + list(reversed(before))[:1]:
        # a title stands for its holder: '"...," kata Kepala Bappeda Kota Bogor, Rudy Mashudi'
        piece = near.holder if near.kind == "title" and near.holder is not None else near
        key = resolution.key_of(piece)
        if key and entities[key].type is EntityType.PERSON:
            return key
    return None
