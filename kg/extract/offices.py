"""Offices from titles: "Wali Kota Bogor Bima Arya" -> Bima mayorOf Bogor, with the
memberships an office implies, and bodies in brackets after a person ("NAME (PDIP)")."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from kg.extract.lexicon import Title
from kg.extract.mentions import ParsedSentence
from kg.extract.pieces import Piece
from kg.extract.relation_context import (
    Context,
    new_relation,
    valid,
)
from kg.model.records import Relation
from kg.model.terms import EntityType

_MEMBERSHIP = {"PoliticalParty"}

_REGION_OFFICES = {
    "governorOf": "headOf",
    "mayorOf": "headOf",
    "regentOf": "headOf",
    "viceGovernorOf": "worksFor",
    "viceMayorOf": "worksFor",
    "viceRegentOf": "worksFor",
}


def title_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    for piece in ps.pieces:
        title = piece.title
        if piece.kind != "title" or title is None or title.relation is None:
            continue
        for holder_piece in [piece.holder, *piece.co_holders]:
            yield from _office_relations(ctx, ps, piece, title, holder_piece)


def _office_relations(
    ctx: Context, ps: ParsedSentence, piece: Piece, title: Title, holder_piece: Piece | None
) -> Iterator[Relation]:
    """The facts one holder of a title gets: the office, and memberships it implies."""
    holder, unit = ctx.res.key_of(holder_piece), ctx.res.key_of(piece.unit)
    if holder and not unit and piece.unit is None:
        unit = ctx.home_region(title.unit)  # "Sekretaris Daerah Iyos Somantri": the article's
    if not holder or not unit:
        return
    before = [t.lower for t in ps.tokens if t.end <= piece.start][-2:]
    past = ctx.phrases.past & set(before)
    qualifiers: tuple[tuple[str, str], ...] = (("past", "true"),) if past else ()
    qualifiers += (("role", " ".join(w.text for w in piece.words)),)
    start = min(piece.start, holder_piece.start if holder_piece else piece.start)
    end = max(
        piece.end,
        holder_piece.end if holder_piece else piece.end,
        piece.unit.end if piece.unit else 0,
    )
    rule = "title:" + " ".join(title.words)
    relation = title.relation
    if relation in _REGION_OFFICES and ctx.entities[unit].type is EntityType.ORGANIZATION:
        relation = _REGION_OFFICES[relation]  # "Gubernur BI": the bank's head, not a governor
    if relation == "headOf" and piece.unit is not None and piece.unit.sub_unit:
        relation = "worksFor"  # "Ketua Komisi VIII DPR RI": the chief of a part of the body
    if relation is not None and valid(ctx, holder, relation, unit):
        yield new_relation(ps, holder, relation, unit, start, end, ctx.conf.title, rule, qualifiers)
        if relation in ("headOf", "worksFor") and ctx.entities[unit].cls in _MEMBERSHIP:
            # an officer of a party or council is also one of its members
            conf = ctx.conf.title_member
            yield new_relation(ps, holder, "memberOf", unit, start, end, conf, rule, qualifiers)
    parent = ctx.res.key_of(piece.unit.parent) if piece.unit else None
    if parent and valid(ctx, holder, "worksFor", parent):  # "Kepala BPJT Kementerian PU NAME"
        yield new_relation(
            ps, holder, "worksFor", parent, start, end, ctx.conf.title, rule, qualifiers
        )
    for extra in piece.extra_units:
        other = ctx.res.key_of(extra)
        if other and valid(ctx, holder, "memberOf", other):
            yield new_relation(
                ps,
                holder,
                "memberOf",
                other,
                start,
                max(end, extra.end),
                ctx.conf.title_faction,
                "title-faction",
                qualifiers,
            )


_MEMBER_CLASSES = frozenset({"PoliticalParty", "Legislature", "Association"})


def affiliation_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "Andi Wijaya (TNI AD)", "Deddy Sitorus (PDIP)": a body in brackets right after a
    person is the body the person serves (worksFor) or belongs to (memberOf: a party, a
    council, an association)."""
    pieces = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    for person, body in pairwise(pieces):
        subject, obj = ctx.entity(person), ctx.entity(body)
        if subject is None or obj is None or subject.type is not EntityType.PERSON:
            continue
        if obj.type is not EntityType.ORGANIZATION:
            continue
        k, j = ps.index_of(person.last_word), ps.index_of(body.words[0])
        end = ps.index_of(body.last_word)
        if j != k + 2 or ps.lower[k + 1] != "(" or ps.lower[end + 1 : end + 2] != [")"]:
            continue
        predicate = "memberOf" if obj.cls in _MEMBER_CLASSES else "worksFor"
        if valid(ctx, subject.key, predicate, obj.key):
            conf, rule = ctx.conf.apposition, "affiliation"
            yield new_relation(
                ps, subject.key, predicate, obj.key, person.start, body.end, conf, rule
            )
