"""Kept summaries: what the ranked ready queries sort by, stored in the facts graph and recounted
by every write for exactly the keys it touches.

=====================================  ===========================================================
``E kg:mentionCount n``                articles naming entity E (``kg:mentions``, with a key)
``E kg:storyCount n``                  of these, the articles that do not credit E (author,
                                       editor, publisher): what ``top-entities`` ranks by
``E kg:mentionTie k``                  the newest naming article's ``kg:articleKey``
``F kg:factSubject/Predicate/Object``  a fact node (:func:`fact_iri`) for each ranked fact
``F kg:supportCount n``                articles whose statements support the fact
``F kg:supportTie k``                  the newest such statement's ``kg:statementKey``
``F kg:holding P``                     an office fact's holding (:func:`~kg.model.iri.position_iri`)
``P kg:supportCount n``                articles whose statements name office holding P
``P kg:firstAttested d``               the earliest ``kg:heldFrom`` or ``kg:attestedOn`` of P
``P kg:lastAttested d``                the latest ``kg:heldUntil`` or ``kg:attestedOn`` of P
=====================================  ===========================================================

Counts are ``xsd:integer``, dates ``xsd:date``. No article graph holds these triples: the facts
graph is the union of the source graphs plus them (:data:`SUMMARY_PREDICATES` tells them apart).

One piece of code keeps them: :func:`touched` reads the keys of the graphs a write replaces or
removes, :func:`keys_of` those of the graphs it writes, and :func:`summary_update` recounts
those keys from the facts graph as written; every backend runs that update in the same request
(hence the same transaction) as the write, so a write costs the keys it touches, and the counts
always equal :func:`recount`'s, which counts every key from scratch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.model.iri import position_iri
from kg.model.rdf import OFFICES as OFFICE_NAMES
from kg.model.terms import FACTS_GRAPH, KG, KGR, PROV, RDF

__all__ = [
    "PENDING_GRAPH",
    "RANKED_PREDICATES",
    "SUMMARY_PREDICATES",
    "Keys",
    "catch_up",
    "fact_iri",
    "holding",
    "kept",
    "keys_of",
    "pending_marks",
    "recount",
    "summary_update",
    "touched",
    "unmark",
]

Triple = tuple[Node, Node, Node]
Select = Callable[[str], Iterable[tuple[Node | None, ...]]]

OFFICES = frozenset(KG[name] for name in OFFICE_NAMES)
"""The ranked facts that are office holdings (each has a ``kg:Position``): their fact node
links the holding's node (``kg:holding``), so ``officials`` reaches the holding's span by one
lookup."""

RANKED_PREDICATES = OFFICES | {KG.worksFor, KG.memberOf, KG.cooperatesWith}
"""The facts ranked by their support. ``officials`` lists one row per fact with its kept count;
``members`` and ``agreements`` still group their rows by name and count at query time (their
kept-count texts failed on Virtuoso): a count per name (over every entity of that name) cannot
be kept as a sum of these, which would count twice an article supporting two of them."""

SUMMARY_PREDICATES = frozenset(
    {
        KG.mentionCount,
        KG.storyCount,
        KG.mentionTie,
        KG.factSubject,
        KG.factPredicate,
        KG.factObject,
        KG.supportCount,
        KG.supportTie,
        KG.holding,
        KG.firstAttested,
        KG.lastAttested,
        KG.lastSeen,
        KG.formerSince,
    }
)
"""The predicates of kept summaries (only the facts graph holds them)."""

FACT_PREFIX = str(KGR["fact/"])
CREDITS = (KG.author, KG.editor, KG.publisher)
_F = f"<{FACTS_GRAPH}>"


def fact_iri(s: Node, p: Node, o: Node) -> URIRef:
    """The node that holds a fact's support: a hash of the fact.

    >>> fact_iri(URIRef("x:a"), URIRef("x:p"), URIRef("x:b")).startswith(FACT_PREFIX)
    True
    """
    text = "\n".join(n.n3() for n in (s, p, o))
    return URIRef(FACT_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32])


@dataclass
class Keys:
    """The keys whose summaries a write changes."""

    entities: set[Node] = field(default_factory=set)
    facts: set[Triple] = field(default_factory=set)
    positions: set[Node] = field(default_factory=set)

    def update(self, other: Keys) -> None:
        self.entities |= other.entities
        self.facts |= other.facts
        self.positions |= other.positions

    def __bool__(self) -> bool:
        return bool(self.entities or self.facts or self.positions)


# each relevant predicate as a plain str: ``str.__eq__`` and ``str.__hash__`` run in C, where
# rdflib's ``URIRef.__eq__``/``__hash__`` and every ``KG.x`` lookup run Python code (a build
# reads every triple of every article here)
_ENTITY = "entity"
_PART = {str(RDF.subject): 0, str(RDF.predicate): 1, str(RDF.object): 2}
_KIND = {
    str(KG.mentions): _ENTITY,
    **{str(c): _ENTITY for c in CREDITS},
    **{p: "part" for p in _PART},
    str(KG.holder): "holder",
    str(KG.position): "position",
}
RANKED = frozenset(str(p) for p in RANKED_PREDICATES)


def keys_of(triples: Iterable[Triple]) -> Keys:
    """The keys one graph's triples count towards."""
    keys = Keys()
    statements: dict[Node, list[Node | None]] = {}
    kind_of = _KIND.get
    for s, p, o in triples:
        kind = kind_of(str(p))
        if kind is None:
            if str(p) in RANKED:  # the fact itself: a statement stored before may count now
                keys.facts.add((s, p, o))
            continue
        if kind is _ENTITY:
            keys.entities.add(o)
        elif kind == "part":
            statements.setdefault(s, [None, None, None])[_PART[str(p)]] = o
        elif kind == "holder":
            keys.positions.add(s)
        else:
            keys.positions.add(o)
    for fs, fp, fo in statements.values():
        if fs is not None and fo is not None and fp is not None and str(fp) in RANKED:
            keys.facts.add((fs, fp, fo))
    return keys


def touched(select: Select, graphs: Sequence[URIRef]) -> Keys:
    """The keys the stored triples of these graphs count towards (before they are replaced or
    removed)."""
    keys = Keys()
    for start in range(0, len(graphs), 200):
        values = " ".join(f"<{g}>" for g in graphs[start : start + 200])
        rows = select(
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }}\n"
            f"  VALUES ?p {{ <{KG.mentions}> {' '.join(f'<{c}>' for c in CREDITS)}\n"
            f"    <{RDF.subject}> <{RDF.predicate}> <{RDF.object}>\n"
            f"    <{KG.holder}> <{KG.position}> }} }}"
        )
        keys.update(keys_of((s, p, o) for s, p, o in rows if s and p and o))
    return keys


def _values(nodes: Iterable[Node]) -> str:
    return " ".join(n.n3() for n in sorted(nodes, key=str))


def _entity_update(entities: str) -> list[str]:
    credits = "|".join(f"<{c}>" for c in CREDITS)
    return [
        f"DELETE {{ GRAPH {_F} {{ ?e ?p ?v }} }} WHERE {{ VALUES ?e {{ {entities} }}\n"
        f"  VALUES ?p {{ <{KG.mentionCount}> <{KG.storyCount}> <{KG.mentionTie}> }}\n"
        f"  GRAPH {_F} {{ ?e ?p ?v }} }}",
        f"INSERT {{ GRAPH {_F} {{ ?e <{KG.mentionCount}> ?n ; <{KG.storyCount}> ?s ;\n"
        f"  <{KG.mentionTie}> ?t }} }}\nWHERE {{\n"
        f"  {{ SELECT ?e (COUNT(DISTINCT ?a) AS ?n) (MAX(?k) AS ?t) WHERE {{\n"
        f"    VALUES ?e {{ {entities} }}\n"
        f"    GRAPH {_F} {{ ?a <{KG.mentions}> ?e ; <{KG.articleKey}> ?k }} }} GROUP BY ?e }}\n"
        f"  OPTIONAL {{ SELECT ?e (COUNT(DISTINCT ?a) AS ?c) WHERE {{\n"
        f"    VALUES ?e {{ {entities} }}\n"
        f"    GRAPH {_F} {{ ?a <{KG.mentions}> ?e ; {credits} ?e }} }} GROUP BY ?e }}\n"
        f"  BIND(?n - COALESCE(?c, 0) AS ?s) }}",
    ]


def _fact_update(facts: Iterable[Triple]) -> list[str]:
    """One recount per fact, its terms written in: Virtuoso's planner estimates a VALUES
    block of whole facts joined with the statements at hours and refuses to run it."""
    nodes = " ".join(fact_iri(*fact).n3() for fact in facts)
    ops = [
        f"DELETE {{ GRAPH {_F} {{ ?f ?p ?v }} }} WHERE {{ VALUES ?f {{ {nodes} }}\n"
        f"  GRAPH {_F} {{ ?f ?p ?v }} }}"
    ]
    for fact in facts:
        f, (s, p, o) = fact_iri(*fact).n3(), (n.n3() for n in fact)
        held = holding(fact)
        link = f" ; <{KG.holding}> {held.n3()}" if held is not None else ""
        ops.append(
            f"INSERT {{ GRAPH {_F} {{ {f} <{KG.factSubject}> {s} ; <{KG.factPredicate}> {p} ;\n"
            f"  <{KG.factObject}> {o} ; <{KG.supportCount}> ?n ; <{KG.supportTie}> ?t{link} }} }}\n"
            f"WHERE {{ {{ SELECT (COUNT(DISTINCT ?a) AS ?n) (MAX(?k) AS ?t) WHERE {{\n"
            f"  GRAPH {_F} {{ {s} {p} {o} . ?st <{RDF.subject}> {s} ; <{RDF.predicate}> {p} ;\n"
            f"    <{RDF.object}> {o} ; <{PROV.wasDerivedFrom}> ?a ; <{KG.statementKey}> ?k }}\n"
            f"  }} }} FILTER(?n > 0) }}"
        )
    return ops


def holding(fact: Triple) -> URIRef | None:
    """The holding node of an office fact (None for another fact)."""
    s, p, o = fact
    return position_iri(str(s), str(p), str(o)) if p in OFFICES else None


def _position_update(positions: str) -> list[str]:
    def span(name: str, agg: str, predicates: str) -> str:
        return (
            f"INSERT {{ GRAPH {_F} {{ ?x <{name}> ?d }} }} WHERE {{\n"
            f"  {{ SELECT ?x ({agg}(?v) AS ?d) WHERE {{ VALUES ?x {{ {positions} }}\n"
            f"    GRAPH {_F} {{ ?x {predicates} ?v }} }} GROUP BY ?x }} }}"
        )

    return [
        f"DELETE {{ GRAPH {_F} {{ ?x ?p ?v }} }} WHERE {{ VALUES ?x {{ {positions} }}\n"
        f"  VALUES ?p {{ <{KG.supportCount}> <{KG.firstAttested}> <{KG.lastAttested}>\n"
        f"    <{KG.lastSeen}> <{KG.formerSince}> }}\n"
        f"  GRAPH {_F} {{ ?x ?p ?v }} }}",
        f"INSERT {{ GRAPH {_F} {{ ?x <{KG.supportCount}> ?n }} }} WHERE {{\n"
        f"  {{ SELECT ?x (COUNT(DISTINCT ?a) AS ?n) WHERE {{ VALUES ?x {{ {positions} }}\n"
        f"    GRAPH {_F} {{ ?st <{KG.position}> ?x ; <{PROV.wasDerivedFrom}> ?a }} }}\n"
        f"    GROUP BY ?x }} }}",
        span(str(KG.firstAttested), "MIN", f"<{KG.heldFrom}>|<{KG.attestedOn}>"),
        span(str(KG.lastAttested), "MAX", f"<{KG.heldUntil}>|<{KG.attestedOn}>"),
        span(str(KG.lastSeen), "MAX", f"<{KG.attestedOn}>"),
        span(str(KG.formerSince), "MIN", f"<{KG.formerAsOf}>"),
    ]


CHUNK = 200
"""Keys per VALUES block (blocks every server takes)."""


def _chunks(items: Sequence[object]) -> Iterable[Sequence[object]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def summary_update(keys: Keys) -> list[str]:
    """The SPARQL Update operations (to be joined with ``;`` after a write's own, in the same
    request) that recount the summaries of these keys from the facts graph as written."""
    ops: list[str] = []
    entities = sorted((e for e in keys.entities if isinstance(e, URIRef)), key=str)
    for chunk in _chunks(entities):
        ops += _entity_update(_values(chunk))  # type: ignore[arg-type]
    facts = sorted((f for f in keys.facts if all(isinstance(n, URIRef) for n in f)), key=str)
    for chunk in _chunks(facts):
        ops += _fact_update(chunk)  # type: ignore[arg-type]
    positions = sorted((p for p in keys.positions if isinstance(p, URIRef)), key=str)
    for chunk in _chunks(positions):
        ops += _position_update(_values(chunk))  # type: ignore[arg-type]
    return ops


# -- a recount interrupted by a crash ------------------------------------------------------
PENDING_GRAPH = URIRef(KGR["graph/pending-summaries"])
"""Where a write that recounts in a second step marks its articles (``A kg:summariesPending
true``) with the articles themselves; the recount removes the marks in its own transaction."""


def pending_marks(articles: Iterable[URIRef]) -> str:
    """The N-Quads of the marks of these articles."""
    mark = f" <{KG.summariesPending}> {Literal(True).n3()} <{PENDING_GRAPH}> .\n"
    return "".join(f"<{a}>{mark}" for a in articles)


def unmark(articles: Iterable[URIRef]) -> str:
    """The operation that removes these articles' marks."""
    lines = " ".join(f"<{a}> <{KG.summariesPending}> {Literal(True).n3()} ." for a in articles)
    return f"DELETE DATA {{ GRAPH <{PENDING_GRAPH}> {{ {lines} }} }}"


def catch_up(select: Select) -> str | None:
    """The update that finishes the recounts a crash interrupted (the marked articles' keys
    recounted from scratch, the marks removed), None when none is pending."""
    rows = select(
        f"SELECT ?a WHERE {{ GRAPH <{PENDING_GRAPH}> {{ ?a <{KG.summariesPending}> ?x }} }}"
    )
    articles = sorted({URIRef(str(a)) for (a,) in rows if a is not None}, key=str)
    if not articles:
        return None
    operations = summary_update(touched(select, articles))
    return " ;\n".join([*operations, f"DROP SILENT GRAPH <{PENDING_GRAPH}>"])


# -- checking: every kept summary against a count from scratch ------------------------------
def kept(select: Select) -> set[Triple]:
    """Every kept summary triple of the store."""
    values = " ".join(f"<{p}>" for p in sorted(SUMMARY_PREDICATES))
    rows = select(f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} GRAPH {_F} {{ ?s ?p ?o }} }}")
    return {(s, p, o) for s, p, o in rows if s is not None and p is not None and o is not None}


def recount(facts: Iterable[Triple]) -> set[Triple]:
    """The summary triples counted from scratch, in Python, from every triple of the facts
    graph (summaries among them are ignored): what :func:`kept` must equal."""
    by: dict[Node, dict[Node, set[Node]]] = {}
    for s, p, o in facts:
        if p not in SUMMARY_PREDICATES:
            by.setdefault(s, {}).setdefault(p, set()).add(o)
    mentions: dict[Node, dict[Node, int]] = {}
    credited: dict[Node, set[Node]] = {}
    support: dict[Triple, set[Node]] = {}
    ties: dict[Triple, int] = {}
    positions: dict[Node, set[Node]] = {}
    for s, props in by.items():
        keys = [int(str(k)) for k in props.get(KG.articleKey, ())]
        for e in props.get(KG.mentions, ()):
            for k in keys:
                mentions.setdefault(e, {})[s] = max(k, mentions.get(e, {}).get(s, k))
            if any(e in props.get(c, ()) for c in CREDITS):
                credited.setdefault(e, set()).add(s)
        articles = props.get(PROV.wasDerivedFrom, set())
        for x in props.get(KG.position, ()):
            positions.setdefault(x, set()).update(articles)
        if KG.holder in props:
            positions.setdefault(s, set())
        statement_keys = [int(str(k)) for k in props.get(KG.statementKey, ())]
        for fs in props.get(RDF.subject, ()):
            for fp in props.get(RDF.predicate, set()) & RANKED_PREDICATES:
                for fo in props.get(RDF.object, ()):
                    if fo in by.get(fs, {}).get(fp, ()) and articles and statement_keys:
                        fact = (fs, fp, fo)
                        support.setdefault(fact, set()).update(articles)
                        ties[fact] = max(ties.get(fact, -1), *statement_keys)
    result: set[Triple] = set()
    for (fs, fp, fo), articles in support.items():
        f = fact_iri(fs, fp, fo)
        result |= {(f, KG.factSubject, fs), (f, KG.factPredicate, fp), (f, KG.factObject, fo)}
        result.add((f, KG.supportCount, Literal(len(articles))))
        result.add((f, KG.supportTie, Literal(ties[(fs, fp, fo)])))
        held = holding((fs, fp, fo))
        if held is not None:
            result.add((f, KG.holding, held))
    for e, naming in mentions.items():
        result.add((e, KG.mentionCount, Literal(len(naming))))
        result.add((e, KG.storyCount, Literal(len(naming) - len(credited.get(e, set())))))
        result.add((e, KG.mentionTie, Literal(max(naming.values()))))
    for x, articles in positions.items():
        props = by.get(x, {})
        if articles:
            result.add((x, KG.supportCount, Literal(len(articles))))
        first = props.get(KG.heldFrom, set()) | props.get(KG.attestedOn, set())
        last = props.get(KG.heldUntil, set()) | props.get(KG.attestedOn, set())
        if first:
            result.add((x, KG.firstAttested, min(first, key=str)))
        if last:
            result.add((x, KG.lastAttested, max(last, key=str)))
        if props.get(KG.attestedOn):
            result.add((x, KG.lastSeen, max(props[KG.attestedOn], key=str)))
        if props.get(KG.formerAsOf):
            result.add((x, KG.formerSince, min(props[KG.formerAsOf], key=str)))
    return result
