"""Resolve a batch's organisation, place and event names against the store (see variants.py).

Per batch: the names whose record is new or grew are compared, through the identity graph's
index, with the names and coded nodes that may join them, together with everything those
already share a node with; :func:`kg.link.variants.group_names` decides again for all of them.
A name already stored whose node the new decision changes is *moved*: the article graphs that
hold it are rewritten (:mod:`kg.link.renames`). Names whose record did not change keep the node
they have, without a comparison, so a build of articles naming known things costs two lookups
per batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

from rdflib import URIRef
from rdflib.term import Node

from kg.link.article import ArticleView, Mentioned, is_coded, name_entities
from kg.link.index import NameIndex, index_triples
from kg.link.names import index_keys, shape_of
from kg.link.variants import Decision, NameRecord, group_names

__all__ = ["Move", "NameLinker", "NamePlan"]

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Move:
    """Stored names that now belong to another node."""

    old: URIRef
    new: URIRef
    names: frozenset[URIRef]
    whole: bool  # every name the old node held moves: rename it wherever it is written


@dataclass
class NamePlan:
    """What the batch's names become, and which stored names move."""

    mapping: dict[URIRef, URIRef] = field(default_factory=dict)
    why: dict[URIRef, Decision] = field(default_factory=dict)
    moves: list[Move] = field(default_factory=list)


def _record(entity: Mentioned, contexts: set[str]) -> NameRecord | None:
    family = entity.family
    if family is None or family == "person":
        return None
    coded = is_coded(str(entity.iri))
    if coded and not entity.ident:
        return None
    key = min(entity.forms) if coded and entity.forms else entity.name
    record = NameRecord(entity.iri, family, key, set(entity.classes), entity.forms | {key})
    record.code = entity.ident if coded else None
    record.qids = set(entity.qids)
    if family == "place" and not coded and _bare(key, entity.classes):
        record.contexts = set(contexts)
    return record


def _bare(key: str, classes: set[str]) -> bool:
    """A place name that needs its article's regions to tell where it is ("Ciracap")."""
    return len(shape_of(key).core) == 1 or not classes - {"Place", "Venue"}


def _tell_apart(records: list[NameRecord]) -> None:
    """Names of one article that a rule could join are two things to that article."""
    keys = {r.iri: index_keys(shape_of(r.key)) for r in records}
    for a, b in combinations(records, 2):
        if a.family == b.family and keys[a.iri] & keys[b.iri]:
            a.apart.add(b.iri)
            b.apart.add(a.iri)


def _merge(into: NameRecord, other: NameRecord) -> None:
    into.apart |= other.apart
    into.classes |= other.classes
    into.forms |= other.forms
    into.contexts |= other.contexts
    into.qids |= other.qids
    into.code = into.code or other.code
    if into.code:
        into.key = min(into.forms)


def _grew(new: NameRecord, old: NameRecord | None) -> bool:
    if old is None:
        return True
    return bool(
        new.classes - old.classes
        or new.forms - old.forms
        or new.contexts - old.contexts
        or new.apart - old.apart
    )


CACHE_LIMIT = 300_000
"""Names a linker remembers between batches (records, nodes, evidence) before it forgets all."""


@dataclass
class NameLinker:
    """Resolves the organisation, place and event names of batches against one store.

    It remembers what it read and decided for the names of earlier batches (the store is
    locked to this writer while it builds), so a batch of known names costs no query.
    """

    index: NameIndex
    canonical: Callable[[URIRef], URIRef] = lambda node: node  # the user's merges
    excluded: set[URIRef] = field(default_factory=set)  # the user's split-off nodes
    known: dict[URIRef, NameRecord] = field(default_factory=dict)
    node: dict[URIRef, URIRef] = field(default_factory=dict)
    why: dict[URIRef, Decision] = field(default_factory=dict)

    def plan(self, views: Sequence[ArticleView]) -> tuple[NamePlan, list[Triple]]:
        """What the batch's names become; and the identity graph triples to write first."""
        batch: dict[URIRef, NameRecord] = {}
        for view in views:
            contexts = view.contexts()
            found = [r for r in (_record(e, contexts) for e in name_entities(view)) if r]
            _tell_apart(found)
            for record in found:
                if record.iri in batch:
                    _merge(batch[record.iri], record)
                else:
                    batch[record.iri] = record
        if len(self.known) > CACHE_LIMIT:
            self.known.clear()
            self.node.clear()
            self.why.clear()
        stored = self._stored(set(batch))
        grew = sorted(iri for iri, r in batch.items() if _grew(r, stored.get(iri)))
        for iri, record in stored.items():
            _merge(batch[iri], record)
        plan = NamePlan()
        triples: list[Triple] = []
        for iri in grew:
            record = batch[iri]
            keys: set[str] = set()
            for s in record.shapes():
                keys |= index_keys(s)
            triples += index_triples(record, keys)
        if grew:
            self._regroup(batch, grew, plan)
        rest = [batch[iri] for iri in batch if iri not in plan.mapping]
        now = self._nodes(rest)
        for record in rest:
            plan.mapping[record.iri] = now.get(record.iri, record.iri)
        elsewhere = {
            r.iri: (r.key, plan.mapping[r.iri])
            for r in rest
            if plan.mapping[r.iri] != r.iri and r.iri not in self.why
        }
        self.why |= self.index.evidence(elsewhere) if elsewhere else {}
        plan.why |= {r.iri: self.why[r.iri] for r in rest if r.iri in self.why}
        for iri, record in batch.items():
            self.known[iri] = _copy(record)
            self.node[iri] = plan.mapping[iri]
        return plan, triples

    def _stored(self, iris: set[URIRef]) -> dict[URIRef, NameRecord]:
        """Stored records, from memory where this linker read or wrote them before."""
        missing = iris - set(self.known)
        if missing:
            self.known |= self.index.records(missing)
        return {iri: _copy(self.known[iri]) for iri in iris if iri in self.known}

    def _nodes(self, records: Iterable[NameRecord]) -> dict[URIRef, URIRef]:
        chosen = list(records)
        missing = [r for r in chosen if r.iri not in self.node]
        if missing:
            self.node |= self.index.nodes(missing, excluded=self.excluded)
        return {r.iri: self.node[r.iri] for r in chosen if r.iri in self.node}

    def _regroup(self, batch: dict[URIRef, NameRecord], grew: list[URIRef], plan: NamePlan) -> None:
        keys: set[str] = set()
        for iri in grew:
            for s in batch[iri].shapes():
                keys |= {f"{batch[iri].family}|{k}" for k in index_keys(s)}
        found = self.index.lookup(keys) | set(grew)
        records = self._records(found, batch)
        now = self._nodes(records.values())
        held = self.index.members(set(now.values()))
        more = set().union(*held.values()) - set(records) if held else set()
        records |= self._records(more, batch)
        now |= self._nodes(r for iri, r in records.items() if iri in more)
        qids = self.index.qids(set(records) | set(now.values()))
        for iri, record in records.items():
            record.qids |= qids.get(iri, set()) | qids.get(now.get(iri, iri), set())
        decisions = {
            iri: replace(d, target=self.canonical(d.target))  # the user's merges hold
            for iri, d in group_names(list(records.values())).items()
        }
        moving: dict[tuple[URIRef, URIRef], set[URIRef]] = {}
        for iri, decision in decisions.items():
            if iri in batch:
                plan.mapping[iri] = decision.target
            if decision.rule:
                plan.why[iri] = self.why[iri] = decision
            else:
                self.why.pop(iri, None)
            self.node[iri] = decision.target
            old = now.get(iri)
            if old is not None and old != decision.target:
                moving.setdefault((old, decision.target), set()).add(iri)
        for (old, new), names in sorted(moving.items()):
            members = held.get(old, {old})
            whole = all(decisions[m].target == new for m in members if m in decisions)
            plan.moves.append(Move(old, new, frozenset(names), whole))
        self._restate(records, decisions, now, plan)

    def _restate(
        self,
        records: dict[URIRef, NameRecord],
        decisions: dict[URIRef, Decision],
        now: dict[URIRef, URIRef],
        plan: NamePlan,
    ) -> None:
        """Stored names that keep their node but whose evidence a new name changed (a shorter
        path to the group's node): their evidence is written anew, as any order would give."""
        kept = {
            iri: (records[iri].key, d.target)
            for iri, d in decisions.items()
            if now.get(iri) == d.target != iri
        }
        stored = self.index.evidence(kept) if kept else {}
        for iri in sorted(kept):
            old, new = stored.get(iri), decisions[iri]
            if old is None or (old.rule, old.form) != (new.rule, new.form):
                plan.moves.append(Move(new.target, new.target, frozenset({iri}), False))

    def _records(
        self, iris: set[URIRef], batch: dict[URIRef, NameRecord]
    ) -> dict[URIRef, NameRecord]:
        out = {iri: batch[iri] for iri in iris if iri in batch}
        out |= self._stored(iris - set(out))
        return out


def _copy(record: NameRecord) -> NameRecord:
    return NameRecord(
        record.iri,
        record.family,
        record.key,
        set(record.classes),
        set(record.forms),
        set(record.contexts),
        record.code,
        set(record.qids),
        set(record.apart),
    )
