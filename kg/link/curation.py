"""The user's decisions about entities, kept as RDF in the curation graph.

=================  ===========================================================================
merge A into B     ``A owl:sameAs B``; every article graph naming A is rewritten to B now, and
                   later builds map A to B (:class:`kg.link.resolve.Linker`)
split N            the mentions of N in the given articles become a node of their own, N':
                   ``N' kg:splitFrom N``, ``N' kg:splitArticle <article>``,
                   ``N' kg:differentFrom N``; rebuilding those articles gives N' again
alias N "label"    ``N skos:altLabel "label"``
=================  ===========================================================================

The curation graph is a source of the facts graph like an article graph (the store keeps the
facts graph the union of both), so aliases show in every query, and removing articles never
removes a decision. Each decision is written together with the article graphs it rewrites in
one store write, hence one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.errors import CurationError
from kg.link.resolve import rewrite
from kg.model.listing import with_label_keys
from kg.model.terms import (
    CLASS_PARENT,
    CURATION_GRAPH,
    KG,
    KGR,
    LINKS_GRAPH,
    OWL,
    PROV,
    RDFS,
    SKOS,
    EntityType,
    local_name,
)
from kg.store.base import ARTICLE_PREFIX, ArticleGraph, Rows, Store, WritePlan, term_text

__all__ = [
    "EntityView",
    "Identified",
    "add_alias",
    "find_entity",
    "list_entities",
    "merge",
    "show",
    "split",
]

Triple = tuple[Node, Node, Node]


def _escape(text: str) -> str:
    return term_text(Literal(text))


def list_entities(
    store: Store, *, name: str | None = None, cls: str | None = None, limit: int = 50
) -> Rows:
    """Entities with their label, class and the number of articles naming them, most named first.

    Args:
        name: keep those whose label or an alias contains this text (any case).
        cls: keep those of this class (``Person``, ``City``, ``PoliticalParty`` ...).
        limit: at most this many rows.
    """
    filters = ""
    if name:
        filters += (
            f"?e <{RDFS.label}>|<{SKOS.altLabel}> ?any .\n"
            f"  FILTER(CONTAINS(LCASE(STR(?any)), LCASE({_escape(name)})))\n"
        )
    if cls:
        if cls not in CLASS_PARENT and cls not in EntityType._value2member_map_:
            known = ", ".join([t.value for t in EntityType] + sorted(CLASS_PARENT))
            raise CurationError(f"unknown entity type {cls!r}; use one of {known}")
        filters += f"  ?e a {term_text(KG[cls])} .\n"
    query = (
        f"SELECT ?entity (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?class)"
        f" (COUNT(DISTINCT ?a) AS ?articles) WHERE {{\n"
        f"  ?a <{KG.mentions}> ?e .\n  {filters}"
        f"  ?e <{RDFS.label}> ?l ; a ?c .\n  BIND(?e AS ?entity)\n}}\n"
        f"GROUP BY ?entity ORDER BY DESC(?articles) ?label LIMIT {max(1, int(limit))}"
    )
    return store.select(query)


def find_entity(store: Store, ref: str) -> URIRef:
    """The node a user means: its IRI, or a label or alias that names exactly one node.

    Raises:
        CurationError: nothing, or more than one node, has that name.
    """
    if ref.startswith(str(KGR)):
        try:
            node = term_text(URIRef(ref))
        except ValueError:
            raise CurationError(
                f"{ref!r} is not an IRI kg mints; list entities with `kg entities list`"
            ) from None
        if store.ask(f"ASK {{ ?a <{KG.mentions}> {node} }}"):
            return URIRef(ref)
        merged = store.select(
            f"SELECT ?b WHERE {{ GRAPH <{CURATION_GRAPH}> {{ {node} <{OWL.sameAs}> ?b }} }}"
        )
        if merged.rows and merged.rows[0][0] is not None:
            return find_entity(store, str(merged.rows[0][0]))  # merged away: its target
        raise CurationError(f"no entity {ref} in the store; list them with `kg entities list`")
    rows = store.select(
        f"SELECT DISTINCT ?e WHERE {{ ?a <{KG.mentions}> ?e .\n"
        f"  ?e <{RDFS.label}>|<{SKOS.altLabel}> ?l .\n"
        f"  FILTER(LCASE(STR(?l)) = LCASE({_escape(ref)})) }}"
    )
    found = sorted(str(e) for (e,) in rows)
    if not found:
        raise CurationError(
            f"no entity named {ref!r}; search with `kg entities list --name {ref!r}`"
        )
    if len(found) > 1:
        raise CurationError(
            f"{ref!r} names {len(found)} entities ({', '.join(found)}); pass one of these IRIs"
        )
    return URIRef(found[0])


@dataclass(frozen=True)
class EntityView:
    """Everything the store says about one node, for ``kg entities show``."""

    iri: URIRef
    labels: tuple[str, ...]
    aliases: tuple[str, ...]
    classes: tuple[str, ...]
    articles: tuple[str, ...]
    relations: tuple[tuple[str, str, str], ...]  # (direction, predicate, other's label or IRI)
    close_matches: tuple[str, ...]
    decisions: tuple[tuple[str, str], ...]  # (property, value) from the curation graph
    evidence: tuple[Identified, ...] = ()  # why other names are this node


@dataclass(frozen=True)
class Identified:
    """One reason a name is this node: the name as written, the rule, what it matched, and the
    articles that write it so (``kg:Identification`` in their graphs, :mod:`kg.link.evidence`)."""

    form: str
    rule: str
    matched: str
    articles: tuple[str, ...]

    def __str__(self) -> str:
        where = f"{len(self.articles)} article{'s' * (len(self.articles) != 1)}"
        return f"{self.form!r} ~ {self.matched!r} ({self.rule}; {where})"


def show(store: Store, ref: str) -> EntityView:
    """What the store holds about an entity (by IRI or unambiguous name)."""
    node = find_entity(store, ref)
    n = f"<{node}>"
    labels = sorted(
        {str(o) for (o,) in store.select(f"SELECT ?o WHERE {{ {n} <{RDFS.label}> ?o }}")}
    )
    aliases = sorted(
        {str(o) for (o,) in store.select(f"SELECT ?o WHERE {{ {n} <{SKOS.altLabel}> ?o }}")}
    )
    classes = sorted({local_name(o) for (o,) in store.select(f"SELECT ?o WHERE {{ {n} a ?o }}")})
    articles = sorted(
        {str(a) for (a,) in store.select(f"SELECT ?a WHERE {{ ?a <{KG.mentions}> {n} }}")}
    )
    relations = store.select(
        "SELECT DISTINCT ?dir ?p ?name WHERE {\n"
        f"  {{ {n} ?p ?x . BIND('out' AS ?dir) }} UNION {{ ?x ?p {n} . BIND('in' AS ?dir) }}\n"
        f"  FILTER(STRSTARTS(STR(?p), '{KG}') && ?p != <{KG.mentions}>)\n"
        f"  FILTER(!STRSTARTS(STR(?x), '{KGR}statement/')\n"
        f"    && !STRSTARTS(STR(?x), '{KGR}position/')\n"
        f"    && !STRSTARTS(STR(?x), '{KGR}identification/'))\n"
        "  FILTER(isIRI(?x))\n"
        f"  OPTIONAL {{ ?x <{RDFS.label}> ?l }}\n  BIND(COALESCE(?l, STR(?x)) AS ?name)\n"
        "} ORDER BY ?dir ?p ?name"
    )
    close = store.select(
        f"SELECT DISTINCT ?x WHERE {{ {{ {n} <{SKOS.closeMatch}> ?x }} UNION "
        f"{{ ?x <{SKOS.closeMatch}> {n} }} }} ORDER BY ?x"
    )
    decisions = [
        (local_name(p), str(o)) for s, p, o in _curation(store) if s == node and p != SKOS.altLabel
    ]
    return EntityView(
        node,
        tuple(labels),
        tuple(aliases),
        tuple(classes),
        tuple(articles),
        tuple((str(d), local_name(p), str(x)) for d, p, x in relations),
        tuple(str(x) for (x,) in close),
        tuple(sorted(decisions)),
        _evidence(store, node),
    )


def _evidence(store: Store, node: URIRef) -> tuple[Identified, ...]:
    rows = store.select(
        f"SELECT ?f ?rule ?m ?a WHERE {{ ?x <{KG.identifies}> <{node}> ; <{KG.form}> ?f ;\n"
        f"  <{KG.rule}> ?rule ; <{KG.matchedForm}> ?m ; <{PROV.wasDerivedFrom}> ?a }}"
    )
    found: dict[tuple[str, str, str], set[str]] = {}
    for form, rule, matched, article in rows:
        found.setdefault((str(form), str(rule), str(matched)), set()).add(str(article))
    return tuple(
        Identified(form, rule, matched, tuple(sorted(articles)))
        for (form, rule, matched), articles in sorted(found.items())
    )


def _curation(store: Store) -> list[Triple]:
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{CURATION_GRAPH}> {{ ?s ?p ?o }} }}")
    return [
        (s, p, o)
        for s, p, o in rows
        if s is not None and p is not None and o is not None and s != CURATION_GRAPH
    ]


def _article_graph(store: Store, article: URIRef) -> ArticleGraph:
    triples = store.construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}"
    )
    content = next((str(o) for s, p, o in triples if s == article and p == KG.contentHash), "")
    return ArticleGraph(article, tuple(triples), content)


def _articles_holding(store: Store, node: URIRef) -> list[URIRef]:
    rows = store.select(
        f"SELECT DISTINCT ?g WHERE {{\n"
        f"  GRAPH ?g {{ {{ <{node}> ?p ?o }} UNION {{ ?s ?p <{node}> }} }}\n"
        f'  FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }}'
    )
    return sorted(URIRef(str(g)) for (g,) in rows)


def _write(store: Store, triples: list[Triple], articles: Sequence[ArticleGraph]) -> None:
    """Write the curation graph and rewritten article graphs in one transaction (each with
    the lookup keys of its labels and aliases, :func:`~kg.model.listing.label_keys`)."""
    body = list(with_label_keys(triples))
    digest = hashlib.sha256(
        "\n".join(sorted(" ".join(term_text(t) for t in triple) for triple in body)).encode()
    ).hexdigest()
    body.append((CURATION_GRAPH, KG.contentHash, Literal(digest)))
    items = [ArticleGraph(CURATION_GRAPH, tuple(body), digest)]
    items += [ArticleGraph(a.iri, with_label_keys(a.triples), a.content_hash) for a in articles]
    stored = store.stored_hashes([item.iri for item in items])
    plan = WritePlan(
        {item.iri: "changed" if item.iri in stored else "new" for item in items},
        tuple(items),
        frozenset(item.iri for item in items if item.iri in stored),
    )
    store.write_planned(plan)


def merge(store: Store, source: str, target: str) -> int:
    """Merge node ``source`` into ``target``; returns how many article graphs were rewritten."""
    a, b = find_entity(store, source), find_entity(store, target)
    if a == b:
        raise CurationError(f"{source!r} and {target!r} are the same node {a}; nothing to merge")
    kept: list[Triple] = []
    for s, p, o in _curation(store):
        if p == KG.differentFrom and {s, o} == {a, b}:
            continue  # the user changed their mind
        if s == a and p == SKOS.altLabel:
            kept.append((b, p, o))
        elif s == b and p == OWL.sameAs and o == a:
            continue  # merging back the other way
        else:
            kept.append((s, p, o))
    kept.append((a, OWL.sameAs, b))
    holding = _articles_holding(store, a)
    rewritten = [rewrite(_article_graph(store, g), {a: b}, merged={a}) for g in holding]
    _write(store, kept, rewritten)
    # Wikidata links (`kg link --wikidata`) of the merged-away node now belong to the target
    store.update(
        f"DELETE {{ GRAPH <{LINKS_GRAPH}> {{ <{a}> ?p ?o }} }}\n"
        f"INSERT {{ GRAPH <{LINKS_GRAPH}> {{ <{b}> ?p ?o }} }}\n"
        f"WHERE {{ GRAPH <{LINKS_GRAPH}> {{ <{a}> ?p ?o }} }}"
    )
    return len(rewritten)


def split(store: Store, ref: str, articles: Sequence[str]) -> URIRef:
    """Give the mentions of a node in these articles a node of their own; returns its IRI."""
    node = find_entity(store, ref)
    rows = store.select(f"SELECT DISTINCT ?a WHERE {{ ?a <{KG.mentions}> <{node}> }}")
    holding = {URIRef(str(a)) for (a,) in rows}
    chosen = sorted({URIRef(a) for a in articles})
    missing = [str(a) for a in chosen if a not in holding]
    if missing or not chosen:
        raise CurationError(
            f"{node} is not named in {', '.join(missing) or 'no article'}; "
            f"pass article IRIs from `kg entities show {node}`"
        )
    if len(chosen) == len(holding):
        raise CurationError(
            f"every article naming {node} was chosen; a split must leave some behind"
        )
    digest = hashlib.sha256("\n".join(map(str, chosen)).encode()).hexdigest()[:8]
    new = URIRef(f"{node}~{digest}")
    triples = _curation(store)
    triples += [(new, KG.splitFrom, node), (new, KG.differentFrom, node)]
    triples += [(new, KG.splitArticle, a) for a in chosen]
    rewritten = [rewrite(_article_graph(store, a), {node: new}) for a in chosen]
    rewritten += _candidates_too(store, node, new, set(chosen))
    _write(store, triples, rewritten)
    store.update(  # a Wikidata item found for the name is a candidate for the split-off node
        f"INSERT {{ GRAPH <{LINKS_GRAPH}> {{ <{new}> <{SKOS.closeMatch}> ?q }} }}\n"
        f"WHERE {{ GRAPH <{LINKS_GRAPH}> {{ <{node}> ?p ?q }}\n"
        f"  VALUES ?p {{ <{OWL.sameAs}> <{SKOS.closeMatch}> }} FILTER(isIRI(?q)) }}"
    )
    return new


def _candidates_too(
    store: Store, node: URIRef, new: URIRef, chosen: set[URIRef]
) -> list[ArticleGraph]:
    """Other articles' graphs that name ``node`` a candidate (``skos:closeMatch``) name the
    split-off node one as well: it has the same name, so it is as likely."""
    rows = store.select(
        f"SELECT DISTINCT ?g ?x WHERE {{ GRAPH ?g {{\n"
        f"  {{ ?x <{SKOS.closeMatch}> <{node}> }} UNION {{ <{node}> <{SKOS.closeMatch}> ?x }} }}\n"
        f'  FILTER(STRSTARTS(STR(?g), "{ARTICLE_PREFIX}")) }}'
    )
    others: dict[URIRef, set[URIRef]] = {}
    for g, x in rows:
        if isinstance(g, URIRef) and isinstance(x, URIRef) and g not in chosen and x != new:
            others.setdefault(g, set()).add(x)
    out = []
    for g, xs in sorted(others.items()):
        pairs = [sorted((x, new), key=str) for x in sorted(xs)]
        extra = [(a, SKOS.closeMatch, b) for a, b in pairs]
        out.append(rewrite(_article_graph(store, g), {}, extra))
    return out


def add_alias(store: Store, ref: str, label: str) -> URIRef:
    """Record another name of an entity; returns the entity's IRI."""
    if not label.strip():
        raise CurationError("an alias must not be empty; pass the name as it is written")
    node = find_entity(store, ref)
    triples = _curation(store)
    triples.append((node, SKOS.altLabel, Literal(label.strip())))
    _write(store, triples, [])
    return node
