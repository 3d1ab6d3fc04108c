"""Where places, venues, bodies and events lie: appositions ("Manila, Filipina"), "X di Y",
places listed after "yaitu", "khususnya", "meliputi" ..., events "di" a place."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from kg.extract.mentions import ParsedSentence
from kg.extract.pieces import Piece
from kg.extract.relation_context import (
    Context,
    between,
    contains,
    level,
    locative,
    new_relation,
)
from kg.model.records import Entity, Relation
from kg.model.terms import EntityType


def apposition_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    names = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    for a, b in pairwise(names):
        gap = between(ps, a, b)
        if gap not in ([","], []):
            continue
        inner, outer = ctx.entity(a), ctx.entity(b)
        if inner is None or outer is None or inner.key == outer.key:
            continue
        if inner.type is EntityType.PERSON or not _located(ctx, a, inner, outer, b):
            continue
        conf = ctx.conf.apposition
        yield new_relation(
            ps, inner.key, "locatedIn", outer.key, a.start, b.end, conf, "apposition"
        )


def _located(ctx: Context, piece: Piece, inner: Entity, outer: Entity, outer_piece: Piece) -> bool:
    """Whether "inner, outer" says inner lies in outer: a place in a larger one, an office
    ("Kantor X, Y"), a body written where something happens ("di KPK, Jakarta"), a local body
    no gazetteer knows ("Dinas Pariwisata dan Kebudayaan, Pemprov Jawa Barat"), or a body
    bound to a region that outer contains ("KPU Kabupaten Labuhanbatu Utara (Labura), Sumut")."""
    if inner.type is EntityType.ORGANIZATION:
        if _region_within(inner, outer, ctx):
            return True
        ps = ps_of(ctx, piece)
        local = (
            not inner.ident
            and not piece.candidates
            and outer.cls in _REGION_LEVELS
            and _set_off(ps, outer_piece)
        )
        placed = piece.office or locative(ctx, ps, piece) or local
        if placed and _seat_within(inner, outer, ctx):
            return True  # "di gedung DPRD Banten, Kota Serang": the body's seat in its region
        return placed and contains(ctx, outer, inner)
    return contains(ctx, outer, inner)


_REGION_LEVELS = frozenset({"Province", "Regency", "City", "District", "Village"})

_SET_OFF = frozenset({",", ".", ")", ";"})


def _set_off(ps: ParsedSentence, piece: Piece) -> bool:
    """Whether a name stands apart as an aside: followed by a comma, a bracket or the end,
    not by the rest of a clause it opens ("..., Kota Bogor dapat berbagi")."""
    k = ps.index_of(piece.last_word) + 1
    return k >= len(ps.tokens) or ps.tokens[k].text in _SET_OFF


def ps_of(ctx: Context, piece: Piece) -> ParsedSentence:
    """The parsed sentence a piece belongs to."""
    return ctx.sentence_of[id(piece)]


def placed_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "Gedung Moh Toha di Soreang", "Pondok Pesantren Al-Falah di Kabupaten Cianjur",
    "Sungai Ciliwung di Jakarta Timur": a place, or a body no gazetteer knows, right before
    "di" and a place that can contain it (events: :func:`event_place_relations`)."""
    names = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    for a, b in pairwise(names):
        inner, outer = ctx.entity(a), ctx.entity(b)
        if inner is None or outer is None or inner.key == outer.key:
            continue
        if inner.type is EntityType.ORGANIZATION:
            if inner.ident or a.candidates or id(a) in ctx.title_units:
                continue  # a national body "di Jakarta" is where something happened
        elif inner.type is not EntityType.PLACE:
            continue
        if tuple(between(ps, a, b)) not in ctx.phrases.place_links:
            continue
        if contains(ctx, outer, inner):
            conf = ctx.conf.location
            yield new_relation(
                ps, inner.key, "locatedIn", outer.key, a.start, b.end, conf, "x-di-y"
            )


def namely_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "di Kota Bogor ada dua sungai besar yaitu Ciliwung dan Cisadane", "di seluruh Indonesia
    khususnya di Provinsi Lampung", "kawasan Geopark X meliputi A, B, dan C": the places
    listed after a word that introduces them lie in the place before it."""
    names = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    words = ps.lower
    for n, container in enumerate(names[:-1]):
        outer = ctx.entity(container)
        if outer is None or outer.type is not EntityType.PLACE:
            continue
        end = ps.index_of(container.last_word) + 1
        start = ps.index_of(names[n + 1].words[0])
        cue = _namely_in(ctx, words, end, start)
        if cue is None:
            continue
        containing = cue in ctx.phrases.containing
        previous = container
        for member in names[n + 1 :]:
            inner = ctx.entity(member)
            if inner is None or inner.type is not EntityType.PLACE or inner.key == outer.key:
                break
            if previous is not container:
                gap = tuple(w for w in between(ps, previous, member) if w != "di")
                if gap not in ctx.phrases.list_gaps:
                    break
            if contains(ctx, outer, inner) or (containing and level(outer) <= level(inner)):
                conf, rule = ctx.conf.location, "namely:" + " ".join(cue)
                yield new_relation(
                    ps, inner.key, "locatedIn", outer.key, container.start, member.end, conf, rule
                )
            previous = member


def _namely_in(ctx: Context, words: list[str], start: int, end: int) -> tuple[str, ...] | None:
    """The word that introduces what a place holds, among the few words between it and the
    next name (a description may stand between: "memiliki dua sungai besar yaitu")."""
    if end - start > 8:
        return None
    for k in range(start, end):
        for cue in ctx.phrases.namely:
            if tuple(words[k : k + len(cue)]) == cue:
                rest = [w for w in words[k + len(cue) : end] if w != "di"]
                return cue if not rest else None
    return None


def _region_within(body: Entity, place: Entity, ctx: Context) -> bool:
    """Whether a body bound to a region ("KPU Kabupaten Labuhanbatu Utara") lies in a place
    written after it ("..., Sumut"): the place contains the body's region."""
    region = (body.ident or "").rpartition(":kemendagri:")[2]
    if not region or not place.ident:
        return False
    ident = f"kemendagri:{region}"
    return place.ident in ctx.ancestors(ident) and place.ident != ident


def _seat_within(body: Entity, place: Entity, ctx: Context) -> bool:
    """Whether a place written after a body's office lies inside the body's region ("Gedung
    DPRD Banten, Kota Serang"): a province's or regency's body sits in one of its towns."""
    region = (body.ident or "").rpartition(":kemendagri:")[2]
    if not region or not place.ident or place.cls not in ("City", "Regency", "District"):
        return False
    ident = f"kemendagri:{region}"
    return ident in ctx.ancestors(place.ident) and place.ident != ident


def event_place_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    """A named event right before "di" and a place: "menghadiri KTT ASEAN di Jakarta",
    "peringatan HUT ke-78 RI di Istana Merdeka" -> the event locatedIn the place."""
    names = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    for a, b in pairwise(names):
        event, place = ctx.entity(a), ctx.entity(b)
        if event is None or place is None or event.type is not EntityType.EVENT:
            continue
        if place.type is not EntityType.PLACE:
            continue
        gap = tuple(between(ps, a, b))
        if gap in ctx.phrases.event_place_links:
            rule = "event-di-place"
        elif _at_venue(ctx, ps, a, b, gap):
            rule = "event-at-venue"
        else:
            continue
        conf = ctx.conf.event_place
        yield new_relation(ps, event.key, "locatedIn", place.key, a.start, b.end, conf, rule)


def _at_venue(ctx: Context, ps: ParsedSentence, a: Piece, b: Piece, gap: tuple[str, ...]) -> bool:
    """ "Gerakan Pangan Murah di Plataran Tugu Religi, Kota Kendari": between the event and
    the place, "di", a venue no rule names (some of it capitalised, no other locative or
    "dan") and a comma."""
    if not gap or gap[-1] != ",":
        return False
    link = next((p for p in ctx.phrases.event_place_links if gap[: len(p)] == p), None)
    if link is None:
        return False
    venue = gap[len(link) : -1]
    if not 0 < len(venue) <= 8 or any(
        w in ctx.phrases.locatives or w in ctx.phrases.and_words or not w[:1].isalnum()
        for w in venue
    ):
        return False
    end = (a.span or a.words)[-1].end
    start = (b.span or b.words)[0].start
    return any(t.is_cap for t in ps.between(end, start))
