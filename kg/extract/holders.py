"""Who holds the titles of a sentence, where the title and its holder are not side by side:
a title after its holder ("NAME, anggota Fraksi X"), persons listed after a title ("anggota
DPRD X, yaitu A dan B"), titles that share a holder or a unit, envoys posted to a country.
Sentence stages of :data:`kg.extract.pipeline.SENTENCE_STAGES`."""

from __future__ import annotations

from itertools import pairwise

from kg.extract.mentions import (
    ParsedSentence,
    name_follows,
    words_after,
    words_before,
)
from kg.extract.pieces import Piece
from kg.extract.segment import ChunkParser
from kg.model.terms import EntityType

__all__ = ["enumerated_holders", "envoys", "link_titles", "trailing_titles"]


def trailing_titles(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "Rudi Hartono, anggota Fraksi Partai Golkar, menambahkan ...", "Andi selaku Ketua
    Panitia": a title with no holder of its own, written right after a person and a comma or
    a role link ("selaku", "sebagai", "yang juga" ...), is that person's."""
    pieces, links = ps.pieces, parser.lex.phrases.role_links
    for k, title in enumerate(pieces):
        if k == 0 or title.kind != "title" or title.holder is not None:
            continue
        person = pieces[k - 1]
        if person.kind == "honorific" or person.cls != "Person":
            continue
        gap = tuple(t.lower for t in ps.between(person.end, title.start))
        if (gap == (",",) or gap in links) and not name_follows(ps, title.unit or title):
            title.holder = person


def enumerated_holders(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "anggota DPRD Kota Bogor, yaitu A dan B", "tiga Anggota Majelis dari Tim Pemeriksa
    Daerah Sumut yakni A, B, dan C": each person listed holds the title."""
    pieces, phrases = ps.pieces, parser.lex.phrases
    for k, title in enumerate(pieces):
        if title.kind != "title" or title.holder is not None:
            continue
        unit = title.unit
        j = k + 1
        while j < len(pieces) and pieces[j].kind == "unknown" and pieces[j].cls is None:
            j += 1  # "Anggota Majelis dari ...": words of the title the lexicon does not know
        if unit is None and j < len(pieces) and pieces[j].type is EntityType.ORGANIZATION:
            if words_before(ps, pieces[j], 1) not in phrases.unit_links:
                continue
            unit = pieces[j]
        if unit is None or unit not in pieces:
            continue
        people: list[Piece] = []
        for person in pieces[pieces.index(unit) + 1 :]:
            if person.cls != "Person":
                break
            gap = tuple(
                t.lower for t in ps.between((people[-1] if people else unit).end, person.start)
            )
            gap = tuple(w for w in gap if w != ",") if people else gap
            if people and gap and gap not in phrases.co_holder_gaps:
                break
            if not people and tuple(w for w in gap if w != ",") not in phrases.enumerators:
                break
            people.append(person)
        if len(people) >= 2:
            title.unit, title.holder, title.co_holders = unit, people[0], people[1:]


def link_titles(ps: ParsedSentence, parser: ChunkParser) -> None:
    """Titles that share a holder or a unit: "Ketua merangkap anggota KPU X",
    "Wali Kota Izu Peninsula yang juga Ketua Dewan Promosi Izu Geopark Yutaka Kikuchi"."""
    phrases = parser.lex.phrases
    chain, also = phrases.office_chain, phrases.also_holds
    titles = [p for p in ps.pieces if p.kind == "title"]
    for first, second in pairwise(titles):
        gap = [t.lower for t in ps.tokens if (first.unit or first).end <= t.start < second.start]
        one = gap[0] if len(gap) == 1 else ""
        if (one in chain or one in phrases.and_words) and first.unit is None:
            first.unit = second.unit
        if any(tuple(gap[: len(a)]) == a for a in also) or one in chain:
            first.holder = first.holder or second.holder
            second.holder = second.holder or first.holder


_POSTINGS = (EntityType.PLACE, EntityType.ORGANIZATION)  # to a country, or to ASEAN, the UN


def envoys(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "Duta Besar Jepang untuk Indonesia Kenji Kanasugi": the country an envoy is posted to
    stands between the office and its holder."""
    pieces, postings = ps.pieces, parser.lex.phrases.envoy_postings
    for k, title in enumerate(pieces[:-2]):
        unit, themed = pieces[k + 1 : k + 3]
        if (  # "Duta Besar Belanda untuk HAM Kees van Dijk": a theme, then the envoy
            title.kind == "title"
            and title.holder is None
            and title.unit is unit
            and words_after(ps, unit, 1) in postings
            and themed.kind == "unknown"
            and len(themed.words) >= 3
            and themed.words[0].is_upper
            and themed.words[1].is_cap
        ):
            themed.words, themed.cls, themed.rule = themed.words[1:], "Person", "envoy"
            title.holder = themed
    for k, title in enumerate(pieces[:-3]):
        unit, to, holder = pieces[k + 1 : k + 4]
        if title.kind != "title" or title.holder is not None or title.unit is not unit:
            continue
        if words_after(ps, unit, 1) not in postings or to.type not in _POSTINGS:
            continue
        untyped = holder.kind == "unknown" and holder.cls is None
        if holder.cls != "Person" and not untyped:
            continue
        if ps.index_of(holder.words[0]) != ps.index_of(to.words[-1]) + 1:
            continue
        if ps.index_of(to.words[0]) == ps.index_of(unit.words[-1]) + 2:
            title.holder = holder
            if untyped:  # the words after the posting are the envoy's name
                holder.cls, holder.rule = "Person", "envoy"
