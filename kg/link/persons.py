"""Which node a person becomes: homonyms by their offices, one-word names by title and unit.

**Full names.** All mentions of one name key form *clusters*: mentions holding related offices
(the same place or body, places nested by their Kemendagri codes, or two national posts) are
one person, a union over every office mention of the corpus. With one cluster (or none) every
mention is ``person/<name>``. With two or more, each cluster is ``person/<name>~<sig>``, its
``sig`` a digest of its first office, and the clusters are ``skos:closeMatch`` each other. A
mention without an office then goes to the cluster sharing most of its employers and
memberships; when none or several do, it is the unresolved ``person/<name>`` with
``skos:closeMatch`` to every cluster.

**One-word names** ("Darmawan" in an article that never gives the full name) hold inside their
article, unless their title and unit agree with exactly one full-name cluster whose name holds
that word ("Menteri Kelautan Darmawan" and "Menteri Kelautan Darmawan Saputra"): a token
index of full names finds the candidates. Several agreeing clusters leave it in its article,
``skos:closeMatch`` to each.

All of it is a function of the set of mentions, whatever their order: when a batch changes a
cluster (a new homonym, a bridging office, a new office a one-word name agrees with), the
stored mentions it affects are moved (:mod:`kg.link.renames`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from networkx.utils import UnionFind
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.link.article import ANCHOR_IRIS, OFFICE_IRIS, ArticleView
from kg.link.evidence import identification, identification_iri
from kg.link.index import NameIndex
from kg.link.offices import Office, agree, best, post_text, related, signature
from kg.link.person_store import PersonStore, StoredMention, tokens
from kg.link.renames import Rewrite
from kg.link.variants import Decision
from kg.model.iri import is_scoped, name_iri
from kg.model.terms import KG, SKOS, local_name
from kg.store.base import Store

__all__ = ["Mention", "PersonLinker", "PersonPlan", "related"]

Triple = tuple[Node, Node, Node]

INITIALS = {
    "ign": "i gusti ngurah",
    "igb": "i gusti bagus",
    "igk": "i gusti ketut",
    "igm": "i gusti made",
    "igp": "i gusti putu",
    "ib": "ida bagus",
}
"""Initials Balinese news writes for the first words of a name ("IGN Jaya" is "I Gusti Ngurah
Jaya"). Only unambiguous ones: "IGA" is "I Gusti Agung" or "I Gusti Ayu", "AA" also the
Sundanese "Aa" ("Aa Gym")."""


def full_key(key: str) -> str:
    """The name key with its leading initials written out.

    >>> full_key("ign wira pratama")
    'i gusti ngurah wira pratama'
    >>> full_key("ign")
    'ign'
    """
    first, _, rest = key.partition(" ")
    words = INITIALS.get(first)
    return f"{words} {rest}" if words and rest else key


Mention = StoredMention
"""A person's mention in one article, or a stored node's evidence."""


def _mention(view: ArticleView, node: URIRef, key: str) -> Mention:
    labels = view.entities[node].labels
    found = Mention(view.iri, node, key, min(labels) if labels else key)
    for p, o in view.evidence(node):
        if p in OFFICE_IRIS:
            found.offices.add((p, o))
        if p in ANCHOR_IRIS:
            found.anchors.add(o)
    return found


@dataclass
class PersonPlan:
    """Nodes for the batch's persons, evidence to add to its graphs, stored graphs to rewrite."""

    mapping: dict[URIRef, dict[URIRef, URIRef]] = field(default_factory=lambda: defaultdict(dict))
    why: dict[tuple[URIRef, URIRef], Decision] = field(default_factory=dict)
    extra: dict[URIRef, list[Triple]] = field(default_factory=lambda: defaultdict(list))
    rewrite: Rewrite = field(default_factory=Rewrite)

    def assign(self, article: URIRef, minted: URIRef, target: URIRef, why: Decision | None) -> None:
        if target != minted:
            self.mapping[article][minted] = target
        if why is not None:
            self.why[(article, minted)] = why

    def close(self, article: URIRef, a: URIRef, b: URIRef) -> None:
        if a != b:
            self.extra[article].append(_close(a, b))


def _close(a: URIRef, b: URIRef) -> Triple:
    """A closeMatch in one direction, so that every article states it the same way."""
    first, second = sorted((a, b), key=str)
    return (first, SKOS.closeMatch, second)


def _fits(
    mention: Mention, candidates: dict[str, dict[str, dict[URIRef, set[Office]]]]
) -> list[URIRef]:
    """The full-name clusters holding a one-word name whose title and unit agree with it."""
    return sorted(
        {
            node
            for nodes in candidates.get(mention.key, {}).values()
            for node, posts in nodes.items()
            if agree(mention.offices, posts)
        },
        key=str,
    )


def _one_word(view: ArticleView, iri: URIRef, key: str) -> bool:
    """A one-word name held inside this article (not a byline credit held in its outlet)."""
    local = local_name(view.iri)
    return " " not in key and str(iri).endswith(f"/in/{local}")


class PersonLinker:
    """Resolves the persons of batches against one store (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        index: NameIndex,
        excluded: Iterable[URIRef] = (),
        *,
        canonical: Callable[[URIRef], URIRef] = lambda node: node,
    ) -> None:
        self.db = PersonStore(store, index, excluded)
        self.canonical = canonical  # the user's merges: a merged cluster stays merged

    # -- the batch ------------------------------------------------------------------
    def plan(
        self, views: Sequence[ArticleView], *, also: Iterable[str] = ()
    ) -> tuple[PersonPlan, list[Triple]]:
        """Nodes of the batch's persons; and the token index triples to write first.

        ``also`` names more keys to decide again (holders of offices whose post just moved).
        """
        full: dict[str, list[Mention]] = defaultdict(list)
        single: list[Mention] = []
        written: dict[tuple[URIRef, URIRef], tuple[str, str]] = {}
        for view in views:
            for iri, entity in sorted(view.entities.items()):
                if entity.family != "person" or not entity.key:
                    continue
                if not is_scoped(str(iri)) and " " in entity.key:
                    key = full_key(entity.key)
                    full[key].append(_mention(view, iri, key))
                    if key != entity.key:
                        written[(view.iri, iri)] = (key, entity.key)
                elif _one_word(view, iri, entity.key):
                    found = _mention(view, iri, entity.key)
                    if found.offices:
                        single.append(found)
        for key in also:
            full.setdefault(key, [])
        plan = PersonPlan()
        stored = self.db.stored(sorted(full))
        clusters: dict[str, dict[URIRef, set[Office]]] = {}
        gained: dict[str, set[Office]] = {}
        for key in sorted(full):
            clusters[key], gained[key] = self._key(key, full[key], stored.get(key, []), plan)
        self._single(single, clusters, plan)
        self._revisit_single(gained, clusters, {v.iri for v in views}, plan)
        for (article, minted), (key, initials) in sorted(written.items()):
            target = plan.mapping[article].get(minted, minted)
            plan.extra[article].append((target, KG.nameKey, Literal(key)))  # found by its key
            if (article, minted) not in plan.why:
                plan.why[(article, minted)] = Decision(target, "initials", key, initials)
        return plan, self.db.index_triples(sorted(k for k, found in full.items() if found))

    def _key(
        self, key: str, batch: list[Mention], stored: list[Mention], plan: PersonPlan
    ) -> tuple[dict[URIRef, set[Office]], set[Office]]:
        """Clusters of one name key; returns their offices by node, and offices new to them."""
        plain = name_iri("person", key)
        units = [s for s in stored if s.offices] + [m for m in batch if m.offices]
        uf = UnionFind(range(len(units)))
        for i in range(len(units)):
            for j in range(i):
                if any(related(a, b) for _, a in units[i].offices for _, b in units[j].offices):
                    uf.union(i, j)
        groups = sorted(
            (sorted(g) for g in uf.to_sets()),
            key=lambda g: signature(o for i in g for o in units[i].offices),
        )
        offices = [set().union(*(units[i].offices for i in g)) for g in groups]
        names = [
            self.canonical(plain if len(groups) <= 1 else URIRef(f"{plain}~{signature(o)}"))
            for o in offices
        ]
        known = {s.node for s in stored if s.offices}
        if len(names) >= 2:  # a cluster's employers and bodies: its office mentions' only
            by_node = self.db.office_anchors(key, known)
            for unit in units:
                if unit.article is None:
                    unit.anchors = by_node.get(unit.node, set())
        gained: set[Office] = set()
        grew = False  # a cluster's employers and bodies grew: free mentions may now fit it
        anchors: dict[URIRef, set[Node]] = {}
        name_of: dict[URIRef, URIRef] = {}
        for group, name, posts in zip(groups, names, offices, strict=True):
            anchors[name] = set().union(*(units[i].anchors for i in group))
            old = {o for i in group if units[i].article is None for o in units[i].offices}
            had = {a for i in group if units[i].article is None for a in units[i].anchors}
            gained |= posts - old
            grew = grew or bool(anchors[name] - had)
            for i in group:
                unit = units[i]
                if unit.article is None:
                    name_of[unit.node] = name
                    continue
                why = (
                    None
                    if name == plain
                    else Decision(name, "homonym:offices", post_text(posts), key)
                )
                plan.assign(unit.article, unit.node, name, why)
                for other in names:
                    plan.close(unit.article, name, other)
        posts_of = dict(zip(names, offices, strict=True))
        if name_of and (any(old != new for old, new in name_of.items()) or known != set(names)):
            self._restate(key, plain, name_of, names, posts_of, plan)
        if len(names) >= 2 and (known != set(names) or gained or grew):
            self._revisit_free(key, plain, names, anchors, plan)
        for mention in batch:
            if not mention.offices:
                self._place_free(mention, plain, names, anchors, plan)
        return posts_of, gained

    def _restate(
        self,
        key: str,
        plain: URIRef,
        name_of: dict[URIRef, URIRef],
        names: list[URIRef],
        posts_of: dict[URIRef, set[Office]],
        plan: PersonPlan,
    ) -> None:
        """The clusters changed: every stored office mention of the name states its cluster,
        its evidence and its closeMatch anew, and renamed clusters are renamed everywhere."""
        work = plan.rewrite
        for graph, node, label in self.db.office_graphs(key):
            name = name_of.get(node)
            if name is None:
                continue
            if name != node:
                work.rename(graph, node, name)
            work.drop[graph].add(identification_iri(graph, plain))
            if name != plain:
                why = Decision(name, "homonym:offices", post_text(posts_of[name]), key)
                work.add[graph] += identification(graph, plain, key, label, why)
            work.unclose[graph] |= {node, name}
            work.add[graph] += [_close(name, other) for other in names if other != name]
        for old, new in sorted(name_of.items()):
            if old == new:
                continue
            if old == plain:  # one-word names merged into it leave with its offices
                for graph in self.db.graphs_with_office(plain):
                    work.rename(graph, plain, new)
                continue
            for graph in self.db.graphs_holding(old):
                work.rename(graph, old, new)
            work.links[old] = new

    def _place_free(
        self,
        mention: Mention,
        plain: URIRef,
        names: list[URIRef],
        anchors: dict[URIRef, set[Node]],
        plan: PersonPlan,
    ) -> None:
        """A mention without an office: the cluster sharing most, else the unresolved name."""
        assert mention.article is not None
        target, shared = best(mention.anchors, names, anchors)
        if target is None:
            plan.assign(mention.article, mention.node, plain, None)
            if len(names) >= 2:
                for other in names:
                    plan.close(mention.article, plain, other)
            return
        why = Decision(target, "homonym:shared", str(shared), mention.key)
        plan.assign(mention.article, mention.node, target, why if target != plain else None)

    def _revisit_free(
        self,
        key: str,
        plain: URIRef,
        names: list[URIRef],
        anchors: dict[URIRef, set[Node]],
        plan: PersonPlan,
    ) -> None:
        """After the clusters changed: each stored mention without an office goes where it
        now belongs, with its evidence, or stays unresolved with closeMatch to every cluster."""
        work = plan.rewrite
        for graph, node, found, label in self.db.free_mentions(key):
            target, shared = best(found, names, anchors)
            target = target or plain
            if target != node:
                work.rename(graph, node, target)
            work.drop[graph].add(identification_iri(graph, plain))
            work.unclose[graph] |= {node, target}
            if target != plain:
                why = Decision(target, "homonym:shared", str(shared), key)
                work.add[graph] += identification(graph, plain, key, label, why)
            else:
                work.add[graph] += [_close(plain, name) for name in names]

    # -- one-word names -------------------------------------------------------------
    def _single(
        self,
        mentions: list[Mention],
        batch: dict[str, dict[URIRef, set[Office]]],
        plan: PersonPlan,
    ) -> None:
        if not mentions:
            return
        candidates = self._candidates({m.key for m in mentions}, batch)
        for mention in mentions:
            assert mention.article is not None
            fits = _fits(mention, candidates)
            if len(fits) == 1:
                why = Decision(fits[0], "one-word:title", post_text(mention.offices), mention.key)
                plan.assign(mention.article, mention.node, fits[0], why)
            for other in fits if len(fits) > 1 else ():
                plan.close(mention.article, mention.node, other)

    def _revisit_single(
        self,
        gained: dict[str, set[Office]],
        batch: dict[str, dict[URIRef, set[Office]]],
        skip: set[URIRef],
        plan: PersonPlan,
    ) -> None:
        """Stored one-word names whose title a batch cluster now holds: decide them again."""
        wanted = {(t, p, o) for key, posts in gained.items() for t in tokens(key) for p, o in posts}
        if not wanted:
            return
        mentions = [m for m in self.db.stored_singles(wanted) if m.article not in skip]
        candidates = self._candidates({m.key for m in mentions}, batch)
        work = plan.rewrite
        for mention, label in ((m, m.label) for m in mentions):
            graph = mention.article
            assert graph is not None
            fits = _fits(mention, candidates)
            scoped = URIRef(f"{name_iri('person', mention.key)}/in/{local_name(graph)}")
            target = fits[0] if len(fits) == 1 else scoped
            if target != mention.node:
                work.rename(graph, mention.node, target, alias=target != scoped)
                if target == scoped:
                    work.unalias[graph].add((scoped, Literal(label)))
            work.drop[graph].add(identification_iri(graph, scoped))
            work.unclose[graph] |= {mention.node, target}
            if target != scoped:
                why = Decision(target, "one-word:title", post_text(mention.offices), mention.key)
                work.add[graph] += identification(graph, scoped, mention.key, label, why)
            elif len(fits) > 1:
                work.add[graph] += [_close(scoped, other) for other in fits]

    def _candidates(
        self, words: set[str], batch: dict[str, dict[URIRef, set[Office]]]
    ) -> dict[str, dict[str, dict[URIRef, set[Office]]]]:
        """For each one-word name: the full names holding it, with their clusters' offices."""
        keys = self.db.keys_with_tokens(words) | {k for k in batch if set(tokens(k)) & words}
        stored = self.db.stored(sorted(k for k in keys if k not in batch))
        out: dict[str, dict[str, dict[URIRef, set[Office]]]] = defaultdict(dict)
        for key in sorted(keys):
            nodes = batch.get(key) or {s.node: s.offices for s in stored.get(key, []) if s.offices}
            for word in set(tokens(key)) & words:
                out[word][key] = nodes
        return out
