"""Relations between an article's entities, each with its sentence, offsets, confidence and rule.

Rule families:

* offices from titles: "Wali Kota Bogor Bima Arya" -> Bima mayorOf Bogor;
* locations from appositions: "Manila, Filipina" -> Manila locatedIn Filipina (only when the
  second place can contain the first);
* cue phrases (``data/lexicon/cues.tsv``): "bergabung dalam forum X" -> memberOf X, "menandatangani
  kerja sama dengan X" -> cooperatesWith X, "hadir sebagai pembicara dalam E" -> participatedIn E,
  "E yang berlangsung di P" -> E locatedIn P;
* article frame: credit lines -> author/editor, dateline and copyright outlet -> publisher.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.anatomy import Anatomy
from kg.extract.cues import (
    agreement_between,
    attendance_relations,
    cue_relations,
    speaker_event_relations,
)
from kg.extract.lexicon import Lexicon
from kg.extract.locations import (
    apposition_relations,
    event_place_relations,
    namely_relations,
    placed_relations,
)
from kg.extract.mentions import ParsedSentence
from kg.extract.offices import affiliation_relations, title_relations
from kg.extract.relation_context import Context, new_relation, valid
from kg.extract.resolve import Resolution
from kg.model.records import ARTICLE, Relation
from kg.model.terms import RELATIONS

__all__ = ["MAX_FACTS_PER_SENTENCE", "cap_facts", "find_relations"]

MAX_FACTS_PER_SENTENCE = 100
"""Facts one sentence may state: the most confident are kept. News prose states a handful (at
most 14 in a sentence of the 1,046 corpus articles); a sentence listing thousands of names is a
table pasted as one sentence, and its facts would make the article's RDF ~170x its size."""


def _frame_relations(ctx: Context, anatomy: Anatomy) -> Iterator[Relation]:
    if anatomy.dateline is not None and anatomy.region is not None:  # "Medan, Sumut (ANTARA)"
        place = ctx.res.by_span.get((anatomy.dateline.start, anatomy.dateline.end))
        region = ctx.res.by_span.get((anatomy.region.start, anatomy.region.end))
        if place and region and valid(ctx, place, "locatedIn", region):
            start, end = anatomy.dateline.start, anatomy.region.end
            conf = ctx.conf.dateline
            yield Relation(place, "locatedIn", region, -1, start, end, conf, "dateline")
    for credit in anatomy.credits:
        key = ctx.res.by_span.get((credit.name.start, credit.name.end))
        if key:
            yield Relation(
                ARTICLE,
                credit.role,
                key,
                -1,
                credit.name.start,
                credit.name.end,
                ctx.conf.credit_line,
                "credit-line",
            )
    for span in anatomy.outlets:
        key = ctx.res.by_span.get((span.start, span.end))
        if key:
            conf = ctx.conf.publisher
            rule = "dateline-or-copyright"
            yield Relation(ARTICLE, "publisher", key, -1, span.start, span.end, conf, rule)


def _outlet_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    for piece in ps.pieces:
        entity = ctx.entity(piece)
        if entity is None or entity.cls != "NewsOutlet":
            continue
        for cue in ctx.phrases.outlet_cues:
            before = [t.lower for t in ps.tokens if t.end <= piece.start][-len(cue) :]
            if tuple(before) == cue:
                conf = ctx.conf.told_outlet
                yield new_relation(
                    ps,
                    ARTICLE,
                    "publisher",
                    entity.key,
                    piece.start,
                    piece.end,
                    conf,
                    "told-outlet",
                )
                break


def find_relations(
    parsed: list[ParsedSentence], resolution: Resolution, anatomy: Anatomy, lex: Lexicon
) -> list[Relation]:
    """Every relation the rules find: one per (subject, predicate, object), best evidence kept."""
    ctx = Context(parsed, resolution, lex)
    found: list[Relation] = list(_frame_relations(ctx, anatomy))
    for ps in parsed:
        found += title_relations(ctx, ps)
        found += apposition_relations(ctx, ps)
        found += event_place_relations(ctx, ps)
        found += placed_relations(ctx, ps)
        found += namely_relations(ctx, ps)
        found += cue_relations(ctx, ps)
        found += attendance_relations(ctx, ps)
        found += speaker_event_relations(ctx, ps)
        found += affiliation_relations(ctx, ps)
        found += agreement_between(ctx, ps)
        found += _outlet_relations(ctx, ps)
    best: dict[tuple[str, str, str], Relation] = {}
    for relation in found:
        key = (relation.subject, relation.predicate, relation.object)
        if RELATIONS[relation.predicate].symmetric:
            key = (
                min(relation.subject, relation.object),
                relation.predicate,
                max(relation.subject, relation.object),
            )
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    return sorted(best.values(), key=lambda r: (r.sentence, r.start, r.predicate))


def cap_facts(
    relations: list[Relation], limit: int = MAX_FACTS_PER_SENTENCE
) -> tuple[list[Relation], list[str]]:
    """Keep at most ``limit`` facts of each sentence, the most confident (the earliest among
    equals), in their order; say for each sentence cut how many it stated and how many are kept.
    The article's frame (sentence -1: credits, publisher) is never cut."""
    by_sentence: dict[int, list[int]] = {}
    for i, relation in enumerate(relations):
        if relation.sentence >= 0:
            by_sentence.setdefault(relation.sentence, []).append(i)
    dropped: set[int] = set()
    notes: list[str] = []
    for sentence, indices in by_sentence.items():
        if len(indices) <= limit:
            continue
        ranked = sorted(indices, key=lambda i: (-relations[i].confidence, relations[i].start, i))
        dropped.update(ranked[limit:])
        notes.append(
            f"sentence {sentence + 1} states {len(indices):,} facts; kept the {limit} most "
            f"confident (at most {limit} a sentence: split a long list into sentences to keep "
            "every fact)"
        )
    if not dropped:
        return relations, notes
    return [r for i, r in enumerate(relations) if i not in dropped], notes
