"""Kept summaries of a write that only adds new articles, counted from the batch itself.

:func:`~kg.store.summary.summary_update` recounts a key from every stored triple it depends on:
an entity named in 5,000 articles costs 5,000 rows at every batch that names it again, so a
build recounting its popular entities at every batch slows down as the store grows (ingest fell
to 25 % of a raw bulk load at 14,300 articles). When a batch only adds, a new count is the
stored one plus what the batch brings, which costs one lookup per key:

1. :func:`batch_summaries` checks, before the write, that the batch is *fresh*: no article or
   statement node of the batch holds a counted triple in the store yet, and no stored node is
   derived from a node of the batch. Every article and statement the batch counts is then new
   to every count it joins, so ``stored + batch's own`` is exact. A batch that is not fresh (a
   graph of ``kg load`` naming an article before it is built, say) has its keys recounted from
   scratch as before.
2. It reads the stored summaries of the batch's keys and returns the update that replaces them
   by those sums, plus the recount from scratch of the keys whose sum would not be exact: an
   entity or fact without a kept summary yet (an entity's credited count is not stored; a fact
   triple new to the store makes older statements of it count), an office holding dated other
   than by ``xsd:date`` (SPARQL's MIN is then not the order of the strings).

The update runs right after the write. The store's property test (``tests/store/test_stores.py``)
compares its counts with :func:`~kg.store.summary.recount` after every step on every backend.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.model.terms import FACTS_GRAPH, KG, PROV, RDF
from kg.store.summary import (
    CHUNK,
    CREDITS,
    RANKED,
    Keys,
    Select,
    Triple,
    fact_iri,
    summary_update,
)

__all__ = ["batch_summaries"]

_F = f"<{FACTS_GRAPH}>"
_MENTIONS, _ARTICLE_KEY = str(KG.mentions), str(KG.articleKey)
_CREDIT = frozenset(str(c) for c in CREDITS)
_PART = {str(RDF.subject): 0, str(RDF.predicate): 1, str(RDF.object): 2}
_DERIVED, _STATEMENT_KEY = str(PROV.wasDerivedFrom), str(KG.statementKey)
_POSITION, _HOLDER = str(KG.position), str(KG.holder)
_FROM, _UNTIL, _ON = str(KG.heldFrom), str(KG.heldUntil), str(KG.attestedOn)
_FORMER = str(KG.formerAsOf)
_COUNTED = frozenset(
    {_MENTIONS, _ARTICLE_KEY, *_CREDIT, *_PART, _DERIVED, _STATEMENT_KEY, _POSITION}
)
"""The predicates whose stored triples on a batch's node make the batch not fresh."""
_KEPT = (KG.mentionCount, KG.storyCount, KG.mentionTie, KG.supportCount, KG.supportTie)
_DATED = (KG.firstAttested, KG.lastAttested, KG.lastSeen, KG.formerSince)
_DATED_IN = ", ".join(f"<{p}>" for p in _DATED)
_DATE = XSD.date


@dataclass
class _Said:
    """What the batch says of one node, by the predicates the summaries count."""

    mentions: set[Node] = field(default_factory=set)
    credits: set[Node] = field(default_factory=set)
    keys: list[int] = field(default_factory=list)
    parts: tuple[set[Node], set[Node], set[Node]] = field(
        default_factory=lambda: (set(), set(), set())
    )
    derived: set[Node] = field(default_factory=set)
    statement_keys: list[int] = field(default_factory=list)
    positions: set[Node] = field(default_factory=set)
    first: set[Node] = field(default_factory=set)
    last: set[Node] = field(default_factory=set)
    seen: set[Node] = field(default_factory=set)
    former: set[Node] = field(default_factory=set)
    holder: bool = False
    asserted: set[Triple] = field(default_factory=set)


def _said(graphs: Iterable[Sequence[Triple]]) -> dict[Node, _Said]:
    nodes: dict[Node, _Said] = {}
    for triples in graphs:
        for s, p, o in triples:
            name = str(p)  # compared as plain str: C code, no rdflib __eq__ per triple
            if name in RANKED:  # the fact itself: a statement stored before may count now
                _node(nodes, s).asserted.add((s, p, o))
            elif name in _PART:
                _node(nodes, s).parts[_PART[name]].add(o)
            elif name == _MENTIONS:
                _node(nodes, s).mentions.add(o)
            elif name in _CREDIT:
                _node(nodes, s).credits.add(o)
            elif name == _ARTICLE_KEY:
                _node(nodes, s).keys.append(int(str(o)))
            elif name == _DERIVED:
                _node(nodes, s).derived.add(o)
            elif name == _STATEMENT_KEY:
                _node(nodes, s).statement_keys.append(int(str(o)))
            elif name == _POSITION:
                _node(nodes, s).positions.add(o)
            elif name == _HOLDER:
                _node(nodes, s).holder = True
            elif name in (_FROM, _UNTIL, _ON):
                node = _node(nodes, s)
                if name != _UNTIL:
                    node.first.add(o)
                if name != _FROM:
                    node.last.add(o)
                if name == _ON:
                    node.seen.add(o)
            elif name == _FORMER:
                _node(nodes, s).former.add(o)
    return nodes


def _node(nodes: dict[Node, _Said], s: Node) -> _Said:
    node = nodes.get(s)
    if node is None:
        node = nodes[s] = _Said()
    return node


def _keys(nodes: dict[Node, _Said]) -> Keys:
    keys = Keys()
    for s, node in nodes.items():
        keys.entities |= node.mentions | node.credits
        keys.positions |= node.positions
        if node.holder:
            keys.positions.add(s)
        subjects, predicates, objects = node.parts
        ranked = {p for p in predicates if str(p) in RANKED}
        keys.facts.update(product(subjects, ranked, objects))
        keys.facts |= node.asserted
    return keys


def _chunks(nodes: Iterable[Node]) -> Iterable[list[URIRef]]:
    """The IRIs among the nodes, sorted, in VALUES blocks of :data:`~kg.store.summary.CHUNK`."""
    items = sorted({n for n in nodes if isinstance(n, URIRef)}, key=str)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _values(nodes: Iterable[Node]) -> Iterable[str]:
    """The IRIs among the nodes as the bodies of ``VALUES ?x { ... }`` blocks."""
    for chunk in _chunks(nodes):
        yield " ".join(n.n3() for n in chunk)


def _pairs(keys: Iterable[Node]) -> Iterable[str]:
    """``(?k ?p)`` rows of each key with each kept predicate: Oxigraph joins one VALUES block of
    pairs with a pattern by lookups, where two blocks of keys and predicates cost 10x more."""
    for chunk in _chunks(keys):
        yield " ".join(f"({k.n3()} <{p}>)" for k in chunk for p in (*_KEPT, *_DATED))


def _fresh(select: Select, nodes: dict[Node, _Said]) -> bool:
    """No node the batch counts holds a counted triple in the store, nor has a stored node
    derived from it."""
    counting = {s for s, node in nodes.items() if _counts(node)}
    articles = {a for node in nodes.values() for a in node.derived}
    for values in _values(counting):
        rows = select(
            f"SELECT ?x ?p WHERE {{ VALUES ?x {{ {values} }} GRAPH {_F} {{ ?x ?p ?o }} }}"
        )
        if any(str(p) in _COUNTED for _, p in rows):
            return False
    for values in _values(articles):
        rows = select(
            f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} GRAPH {_F} {{ ?y <{_DERIVED}> ?x }} }}"
            " LIMIT 1"
        )
        if any(True for _ in rows):
            return False
    return True


def _counts(node: _Said) -> bool:
    """The node is an article or statement some summary counts."""
    return bool(
        node.mentions
        or node.credits
        or node.keys
        or any(node.parts)
        or node.derived
        or node.statement_keys
        or node.positions
    )


def _stored(select: Select, keys: Iterable[Node]) -> dict[Node, dict[Node, Node]]:
    """The kept summaries of these nodes (counts, ties, dates), by node and predicate."""
    stored: dict[Node, dict[Node, Node]] = {}
    for pairs in _pairs(keys):
        rows = select(
            f"SELECT ?k ?p ?v WHERE {{ VALUES (?k ?p) {{ {pairs} }} GRAPH {_F} {{ ?k ?p ?v }} }}"
        )
        for k, p, v in rows:
            if k is not None and p is not None and v is not None:
                stored.setdefault(k, {})[p] = v
    return stored


def _number(value: Node | None) -> int:
    return int(str(value)) if value is not None else 0


@dataclass
class _Plan:
    """The summaries a batch writes: sums in Python, and keys to recount from scratch."""

    stored: dict[Node, dict[Node, Node]]
    new: dict[Node, dict[Node, Node]] = field(default_factory=dict)
    recount: Keys = field(default_factory=Keys)

    def put(self, key: Node, values: dict[Node, Node]) -> None:
        old = self.stored.get(key, {})
        if any(old.get(p) != v for p, v in values.items()):
            self.new[key] = values


def _entities(plan: _Plan, nodes: dict[Node, _Said], entities: set[Node]) -> None:
    named: dict[Node, int] = {}
    credited: dict[Node, int] = {}
    ties: dict[Node, int] = {}
    for node in nodes.values():
        for e in node.mentions:
            if node.keys:
                named[e] = named.get(e, 0) + 1
                ties[e] = max(ties.get(e, -1), *node.keys)
            if e in node.credits:
                credited[e] = credited.get(e, 0) + 1
    for e in entities:
        old = plan.stored.get(e, {})
        if KG.mentionCount not in old:
            plan.recount.entities.add(e)  # its credited count is not kept: count it all
            continue
        n = _number(old[KG.mentionCount]) + named.get(e, 0)
        story = _number(old.get(KG.storyCount)) + named.get(e, 0) - credited.get(e, 0)
        tie = max(_number(old.get(KG.mentionTie)), ties.get(e, -1))
        plan.put(
            e,
            {
                KG.mentionCount: Literal(n),
                KG.storyCount: Literal(story),
                KG.mentionTie: Literal(tie),
            },
        )


def _facts(plan: _Plan, nodes: dict[Node, _Said], facts: set[Triple]) -> None:
    support: dict[Triple, set[Node]] = {}
    ties: dict[Triple, int] = {}
    for node in nodes.values():
        if not (node.derived and node.statement_keys):
            continue
        for fact in product(*node.parts):
            if fact in facts:
                support.setdefault(fact, set()).update(node.derived)
                ties[fact] = max(ties.get(fact, -1), *node.statement_keys)
    for fact in facts:
        key = fact_iri(*fact)
        old = plan.stored.get(key, {})
        if KG.supportCount not in old:
            plan.recount.facts.add(fact)  # a new fact triple makes older statements count
        elif fact in support:
            n = _number(old[KG.supportCount]) + len(support[fact])
            tie = max(_number(old.get(KG.supportTie)), ties[fact])
            plan.put(key, {KG.supportCount: Literal(n), KG.supportTie: Literal(tie)})


def _positions(plan: _Plan, nodes: dict[Node, _Said], positions: set[Node]) -> None:
    support: dict[Node, set[Node]] = {}
    for node in nodes.values():
        for x in node.positions:
            support.setdefault(x, set()).update(node.derived)
    for x in positions:
        old = plan.stored.get(x, {})
        said = nodes.get(x, _Said())
        first = said.first | {v for p, v in old.items() if p == KG.firstAttested}
        last = said.last | {v for p, v in old.items() if p == KG.lastAttested}
        seen = said.seen | {v for p, v in old.items() if p == KG.lastSeen}
        former = said.former | {v for p, v in old.items() if p == KG.formerSince}
        dates = first | last | seen | former
        if any(not isinstance(v, Literal) or v.datatype != _DATE for v in dates):
            plan.recount.positions.add(x)  # SPARQL's MIN of other values is not str order
            continue
        values: dict[Node, Node] = {}
        n = _number(old.get(KG.supportCount)) + len(support.get(x, ()))
        if n:
            values[KG.supportCount] = Literal(n)
        if first:
            values[KG.firstAttested] = min(first, key=str)
        if last:
            values[KG.lastAttested] = max(last, key=str)
        if seen:
            values[KG.lastSeen] = max(seen, key=str)
        if former:
            values[KG.formerSince] = min(former, key=str)
        plan.put(x, values)


def _writes(plan: _Plan) -> list[str]:
    """Replace the kept summaries of the keys counted in Python; recount the others. Stored
    counts (canonical integers, written by kg) are deleted as data, which costs no matching;
    dates, whose stored form is the article's, by pattern."""
    exact: list[str] = []
    dated: list[Node] = []
    lines: list[str] = []
    for k, values in sorted(plan.new.items(), key=lambda kv: str(kv[0])):
        for p, v in plan.stored.get(k, {}).items():
            if p in _DATED:
                dated.append(k)
            else:
                exact.append(f"{k.n3()} {p.n3()} {Literal(int(str(v))).n3()} .")
        lines += [f"{k.n3()} {p.n3()} {v.n3()} ." for p, v in values.items()]
    ops = [
        f"DELETE {{ GRAPH {_F} {{ ?k ?p ?v }} }} WHERE {{ VALUES ?k {{ {values} }}\n"
        f"  GRAPH {_F} {{ ?k ?p ?v }} FILTER(?p IN ({_DATED_IN})) }}"
        for values in _values(dated)
    ]
    if exact:
        ops.append(f"DELETE DATA {{ GRAPH {_F} {{\n" + "\n".join(exact) + "\n} }")
    if lines:
        ops.append(f"INSERT DATA {{ GRAPH {_F} {{\n" + "\n".join(lines) + "\n} }")
    return ops + summary_update(plan.recount)


def batch_summaries(select: Select, graphs: Sequence[Sequence[Triple]]) -> list[str]:
    """The SPARQL Update operations that bring the kept summaries up to date after a write
    that only adds these graphs (new articles), read from the store before that write.

    Args:
        select: the store's SELECT, run now (before the write).
        graphs: each new graph's triples, as they will be written.

    Returns:
        Operations to join with ``;`` and run right after the write.
    """
    nodes = _said(graphs)
    keys = _keys(nodes)
    if not keys:
        return []
    if not _fresh(select, nodes):
        return summary_update(keys)
    facts = {f for f in keys.facts if all(isinstance(n, URIRef) for n in f)}
    entities: set[Node] = {e for e in keys.entities if isinstance(e, URIRef)}
    positions: set[Node] = {x for x in keys.positions if isinstance(x, URIRef)}
    plan = _Plan(_stored(select, [*entities, *positions, *(fact_iri(*f) for f in facts)]))
    _entities(plan, nodes, entities)
    _facts(plan, nodes, facts)
    _positions(plan, nodes, positions)
    return _writes(plan)
