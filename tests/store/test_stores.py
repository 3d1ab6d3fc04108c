"""The same behaviour on every backend: idempotent writes, facts = union of articles.

Each test runs on memory, embedded Oxigraph, an Oxigraph server and Virtuoso (``backend``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.term import Node

import kg
from kg.analysis import project
from kg.analysis.view import _articles, view_facts
from kg.errors import CurationError, StoreError
from kg.link import curation
from kg.model.iri import position_iri
from kg.model.listing import LISTING_PREDICATES, label_keys, seq_of
from kg.model.terms import FACTS_GRAPH, KG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kg.query.catalogue import bind
from kg.store import ArticleGraph, Store
from kg.store.base import ARTICLE_PREFIX, is_source, plain
from kg.store.listing import unique_values
from kg.store.summary import SUMMARY_PREDICATES, fact_iri, kept, recount
from tests.store.helpers import write_article_files

A = URIRef(ARTICLE_PREFIX + "a")
B = URIRef(ARTICLE_PREFIX + "b")
X = URIRef("https://w3id.org/kg-indonesia/id/person/x")

Triple = tuple[object, object, object]
XSD_DOUBLE = "http://www.w3.org/2001/XMLSchema#double"


def article(iri: URIRef, *labels: str, digest: str = "h") -> ArticleGraph:
    triples = [(iri, RDF.type, KG.NewsArticle), (iri, KG.contentHash, Literal(digest))]
    triples += [(X, RDFS.label, Literal(label)) for label in labels]
    return ArticleGraph(iri, tuple(triples), digest)


def facts(store: Store) -> set[Triple]:
    """The facts graph without the kept summaries (which no source graph holds)."""
    return {
        (s, p, o)
        for s, p, o, g in store.quads()
        if g == FACTS_GRAPH and p not in SUMMARY_PREDICATES
    }


def summaries(store: Store) -> tuple[set[Triple], set[Triple]]:
    """The kept summaries and the summaries counted from scratch, as plain values."""
    every = [(s, p, o) for s, p, o, g in store.quads() if g == FACTS_GRAPH]
    return (
        {(s, p, plain(o)) for s, p, o in kept(store.select)},
        {(s, p, plain(o)) for s, p, o in recount(every)},
    )


def graphs(store: Store) -> dict[URIRef, set[Triple]]:
    found: dict[URIRef, set[Triple]] = {}
    for s, p, o, g in store.quads():
        if g is not None and str(g).startswith(ARTICLE_PREFIX):
            found.setdefault(g, set()).add((s, p, o))
    return found


def own(store: Store) -> dict[URIRef, set[Triple]]:
    """The article graphs without the listing triples the store adds."""
    return {
        iri: {t for t in triples if t[1] not in LISTING_PREDICATES}
        for iri, triples in graphs(store).items()
    }


def numbers(store: Store) -> dict[URIRef, list[int]]:
    """Each stored article's kg:seq values (one each, all different, is the rule)."""
    found: dict[URIRef, list[int]] = {}
    for iri, triples in graphs(store).items():
        found[iri] = [int(str(o)) for s, p, o in triples if s == iri and p == KG.seq]
    return found


def union(store: Store) -> set[Triple]:
    return set().union(*graphs(store).values())


def test_a_loaded_graph_is_a_source_of_the_facts_like_an_article(store: Store) -> None:
    mine = URIRef("https://example.org/graphs/mine")
    marker = [(mine, RDF.type, KG.LoadedGraph), (mine, KG.contentHash, Literal("f"))]
    loaded = ArticleGraph(mine, (*marker, (X, RDFS.label, Literal("shared"))), "f")
    store.write_articles([article(A, "shared"), loaded])
    assert (X, RDFS.label, Literal("shared")) in facts(store)
    assert any(g == mine for *_, g in store.quads())  # listed (and exported) with kg's graphs
    assert store.remove_article(A)
    assert (X, RDFS.label, Literal("shared")) in facts(store)  # the loaded graph still holds it
    assert store.remove_article(mine)
    assert facts(store) == set()


def test_writing_twice_changes_nothing(store: Store) -> None:
    assert store.write_articles([article(A, "x")]) == {A: "new"}
    before = set(store.quads())
    assert store.write_articles([article(A, "x")]) == {A: "unchanged"}
    assert set(store.quads()) == before


def test_a_fact_supported_by_two_articles_survives_removing_one(store: Store) -> None:
    store.write_articles([article(A, "shared", "only-a"), article(B, "shared")])
    assert store.remove_article(A)
    labels = {o for s, p, o in facts(store) if p == RDFS.label}
    assert labels == {Literal("shared")}
    assert facts(store) == union(store)


def test_replacing_an_article_replaces_its_facts(store: Store) -> None:
    store.write_articles([article(A, "old", digest="1")])
    assert store.write_articles([article(A, "new", digest="2")]) == {A: "changed"}
    labels = {o for s, p, o in facts(store) if p == RDFS.label}
    assert labels == {Literal("new")}


def test_removing_an_unknown_article_is_reported(store: Store) -> None:
    assert not store.remove_article(A)


def _describe(iri: URIRef, digest: str, *extra: tuple[URIRef, str]) -> ArticleGraph:
    triples = [
        (iri, KG.contentHash, Literal(digest)),
        (iri, KG.mentions, X),
        (X, RDF.type, KG.Person),
        (X, RDFS.label, Literal("Bima Arya Sugiarto")),
        *[(X, prop, Literal(value)) for prop, value in extra],
    ]
    return ArticleGraph(iri, tuple(triples), digest)


def test_shared_entity_descriptions_stay_merged_when_one_article_is_replaced(
    store: Store,
) -> None:
    store.write_articles(
        [
            _describe(A, "a1", (SKOS.altLabel, "Bima"), (SKOS.altLabel, "Kang Bima")),
            _describe(B, "b1", (SKOS.altLabel, "Bima")),
        ]
    )
    store.write_articles([_describe(A, "a2", (SKOS.altLabel, "Bima Arya"))])
    rows = store.select(f"SELECT ?p ?o WHERE {{ <{X}> ?p ?o }}")
    said = [(str(p), str(o)) for p, o in rows if p not in LISTING_PREDICATES]
    assert sorted(said) == sorted(
        [
            (str(RDF.type), str(KG.Person)),
            (str(RDFS.label), "Bima Arya Sugiarto"),
            (str(SKOS.altLabel), "Bima"),  # B still says it
            (str(SKOS.altLabel), "Bima Arya"),  # A's new alias; "Kang Bima" went with A's old text
        ]
    )
    # the lookup keys of those names, and none of "Kang Bima"
    keys = [(str(p), str(o)) for p, o in rows if p in LISTING_PREDICATES]
    assert sorted(keys) == sorted(
        [(str(KG.labelKey), k) for k in ("bima", "bima arya", "bima arya sugiarto")]
        + [(str(KG.labelPrefix), "bima arya")]
    )
    assert facts(store) == union(store)


def test_an_article_larger_than_one_request_is_written_whole(store: Store) -> None:
    # 1,500 triples: over Virtuoso's ~1,000-triple limit per request, so it is split there
    big = [f"label {i}" for i in range(1500)]
    store.write_articles([article(A, *big, digest="1"), article(B, "label 7")])
    assert len(own(store)[A]) == 1502
    store.write_articles([article(A, *big[:10], "other", digest="2")])
    assert own(store)[A] == set(article(A, *big[:10], "other", digest="2").triples)
    assert facts(store) == union(store)
    assert store.stored_hashes([A]) == {A: "2"}


def test_the_same_text_read_by_another_extractor_replaces_the_stored_reading(
    store: Store,
) -> None:
    def read_by(reader: str, label: str) -> ArticleGraph:
        plain_article = article(A, label)
        return ArticleGraph(A, (*plain_article.triples, (A, KG.extractor, Literal(reader))), "h")

    assert store.write_articles([read_by("kg-rules/0.1", "old")]) == {A: "new"}
    assert store.write_articles([read_by("kg-rules/0.1", "old")]) == {A: "unchanged"}
    assert store.write_articles([read_by("kg-rules/0.2", "new")]) == {A: "changed"}
    assert own(store)[A] == set(read_by("kg-rules/0.2", "new").triples)
    assert facts(store) == union(store)
    assert store.stored_readings([A]) == {A: ("h", "kg-rules/0.2")}


# -- the invariant, by property ---------------------------------------------------------
IRIS = [URIRef(ARTICLE_PREFIX + name) for name in "abcd"]
LABELS = [f"l{i}" for i in range(6)]
PEOPLE = [URIRef(f"https://w3id.org/kg-indonesia/id/person/p{i}") for i in range(4)]
RANKED = [KG.mayorOf, KG.memberOf, KG.worksFor]

Story = tuple[frozenset[int], frozenset[tuple[int, int, int]], int | None, int]
"""People an article names, its facts (subject, predicate, object), its author, its day."""

_story = st.tuples(
    st.frozensets(st.integers(0, 3), max_size=3),
    st.frozensets(st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 3)), max_size=3),
    st.one_of(st.none(), st.integers(0, 3)),
    st.integers(1, 28),
)


def story(iri: URIRef, labels: frozenset[str], told: Story) -> ArticleGraph:
    """An article graph naming people, with statements of ranked facts (an office held is a
    Position attested on the article's day) and maybe an author: what the summaries count."""
    named, facts_told, author, day = told
    digest = repr((sorted(labels), sorted(named), sorted(facts_told), author, day))
    published = Literal(f"2020-01-{day:02d}", datatype=XSD.date)
    triples: list[tuple[Node, Node, Node]] = [
        *article(iri, *sorted(labels), digest=digest).triples,
        (iri, SCHEMA.datePublished, published),
    ]
    people = set(named) | {i for i, _, j in facts_told} | {j for i, _, j in facts_told}
    if author is not None:
        triples.append((iri, KG.author, PEOPLE[author]))
        people.add(author)
    for i in sorted(people):
        triples += [(iri, KG.mentions, PEOPLE[i]), (PEOPLE[i], RDF.type, KG.Person)]
        triples.append((PEOPLE[i], RDFS.label, Literal(f"Person {i} Nama")))
    for n, (i, k, j) in enumerate(sorted(facts_told)):
        fact = (PEOPLE[i], RANKED[k], PEOPLE[j])
        node = URIRef(f"{iri}/statement/{n}")
        triples += [fact, (node, RDF.type, RDF.Statement), (node, RDF.subject, fact[0])]
        triples += [(node, RDF.predicate, fact[1]), (node, RDF.object, fact[2])]
        triples.append((node, PROV.wasDerivedFrom, iri))
        if fact[1] == KG.mayorOf:
            position = position_iri(*map(str, fact))
            triples += [(node, KG.position, position), (position, RDF.type, KG.Position)]
            triples += [(position, KG.holder, fact[0]), (position, KG.office, fact[1])]
            # an article of a day divisible by 4 calls the holder former ("mantan")
            seen = KG.formerAsOf if day % 4 == 0 else KG.attestedOn
            triples += [(position, KG.post, fact[2]), (position, seen, published)]
    return ArticleGraph(iri, tuple(dict.fromkeys(triples)), digest)


def sources(store: Store) -> set[Triple]:
    """The union of the source graphs: articles and curation."""
    return {(s, p, o) for s, p, o, g in store.quads() if g is not None and is_source(str(g))}


_write = st.tuples(
    st.just("write"),
    st.lists(
        st.tuples(st.sampled_from(IRIS), st.frozensets(st.sampled_from(LABELS)), _story),
        max_size=3,
    ),
)
_remove = st.tuples(st.just("remove"), st.sampled_from(IRIS))
_merge = st.tuples(st.just("merge"), st.tuples(st.integers(0, 3), st.integers(0, 3)))
_split = st.tuples(st.just("split"), st.tuples(st.integers(0, 3), st.integers(1, 3)))


def _curate(store: Store, kind: str, arg: tuple[int, int]) -> bool:
    """Merge person i into j, or split off the first n articles naming person i (when the
    decision is one the store takes); True when done."""
    i, j = arg
    try:
        if kind == "merge":
            curation.merge(store, str(PEOPLE[i]), str(PEOPLE[j]))
            return True
        node = curation.find_entity(store, str(PEOPLE[i]))
        rows = store.select(f"SELECT DISTINCT ?a WHERE {{ ?a <{KG.mentions}> <{node}> }}")
        naming = sorted(str(a) for (a,) in rows)
        curation.split(store, str(node), naming[: min(j, len(naming) - 1)])
    except CurationError:
        return False
    return True


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(st.one_of(_write, _remove, _merge, _split), min_size=1, max_size=8))
def test_facts_stay_the_union_of_the_article_graphs(
    open_empty: Callable[[], Store], operations: list[tuple[str, object]]
) -> None:
    """After any adds, replacements, removals, merges and splits: the facts graph is the union
    of the source graphs plus the kept summaries, and every kept count is the count from
    scratch."""
    store = open_empty()
    expected: dict[URIRef, ArticleGraph] | None = {}
    for kind, arg in operations:
        if kind in ("merge", "split"):
            assert isinstance(arg, tuple)
            if _curate(store, kind, arg):
                expected = None  # article graphs rewritten: compared by the union below
        elif kind == "remove":
            assert isinstance(arg, URIRef)
            removed = store.remove_article(arg)
            if expected is not None:
                assert removed == (arg in expected)
                expected.pop(arg, None)
        else:
            assert isinstance(arg, list)
            batch = [story(iri, labels, told) for iri, labels, told in arg]
            store.write_articles(batch)
            seen: set[URIRef] = set()
            for item in batch:  # the first copy of an IRI in a batch wins
                if item.iri not in seen and expected is not None:
                    expected[item.iri] = item
                seen.add(item.iri)
        held, counted = summaries(store)
        assert held == counted, (kind, arg, held ^ counted)
    if expected is not None:
        assert own(store) == {iri: set(item.triples) for iri, item in expected.items()}
    assert facts(store) == sources(store)
    # every label and alias has its lookup keys, and no key outlives its name
    named = [t for t in facts(store) if t[1] in (RDFS.label, SKOS.altLabel)]
    keys = {t for t in facts(store) if t[1] in (KG.labelKey, KG.labelPrefix)}
    assert keys == set(label_keys(named))
    seqs = numbers(store)
    assert all(len(values) == 1 for values in seqs.values()), seqs
    assert len({values[0] for values in seqs.values()}) == len(seqs)


def test_merges_and_splits_recount_what_they_touch(store: Store) -> None:
    told: Story = (frozenset({0}), frozenset({(0, 0, 2)}), 3, 5)
    store.write_articles([story(iri, frozenset(), told) for iri in IRIS[:3]])
    store.write_articles([story(IRIS[3], frozenset(), (frozenset({1}), frozenset(), None, 9))])
    assert _curate(store, "merge", (0, 1))  # p0's three articles now name p1
    held, counted = summaries(store)
    assert held == counted
    assert (PEOPLE[1], KG.mentionCount, 4) in held
    assert not any(s == PEOPLE[0] for s, _, _ in held)
    assert _curate(store, "split", (1, 2))  # two of p1's four articles: a node of their own
    held, counted = summaries(store)
    assert held == counted
    assert (PEOPLE[1], KG.mentionCount, 2) in held
    assert (PEOPLE[3], KG.storyCount, 0) in held  # the author of three: credited each time


def test_new_articles_add_to_the_kept_counts(store: Store) -> None:
    """Brand-new articles one batch after another (the embedded store's bulk path, whose counts
    are the stored ones plus the batch's): the same person, fact and office, an author."""
    told: list[Story] = [
        (frozenset({0, 1}), frozenset({(0, 0, 2), (1, 1, 3)}), None, 5),
        (frozenset({0}), frozenset({(0, 0, 2)}), 1, 3),
        (frozenset({0, 1}), frozenset({(0, 0, 2), (1, 1, 3)}), 1, 20),
    ]
    for iri, one in zip(IRIS, told, strict=False):
        store.write_articles([story(iri, frozenset(), one)])
        held, counted = summaries(store)
        assert held == counted, (iri, held ^ counted)
    store.write_articles([story(IRIS[3], frozenset(), told[1])])
    held, counted = summaries(store)
    assert held == counted
    assert (PEOPLE[0], KG.mentionCount, 4) in held
    assert (PEOPLE[1], KG.storyCount, 1) in held  # named by three, the author of two
    position = position_iri(str(PEOPLE[0]), str(KG.mayorOf), str(PEOPLE[2]))
    assert (position, KG.supportCount, 4) in held
    assert (position, KG.firstAttested, date(2020, 1, 3)) in held
    assert (position, KG.lastAttested, date(2020, 1, 5)) in held  # day 20 calls him former
    assert (position, KG.lastSeen, date(2020, 1, 5)) in held
    assert (position, KG.formerSince, date(2020, 1, 20)) in held
    assert (fact_iri(PEOPLE[0], KG.mayorOf, PEOPLE[2]), KG.holding, str(position)) in held


def test_an_article_keeps_its_number_and_a_taken_number_is_bumped(store: Store) -> None:
    store.write_articles([article(A, "x")])
    (first,) = numbers(store)[A]
    assert first == seq_of(str(A))
    store.write_articles([article(A, "y", digest="2")])  # a replacement keeps the number
    assert numbers(store)[A] == [first]
    # B's own number is taken by A: B gets the next free one, A keeps its own
    assert unique_values(store.select, {B: (KG.seq, first)}) == {B: first + 1}
    assert unique_values(store.select, {A: (KG.seq, first)}) == {A: first}


# -- real articles through the API ------------------------------------------------------
@pytest.fixture(scope="module")
def article_folder(tmp_path_factory: pytest.TempPathFactory, samples_path: Path) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    write_article_files(folder, 12)
    for sample in samples_path.iterdir():
        (folder / sample.name).write_bytes(sample.read_bytes())
    return folder


def _answers(graph: kg.KnowledgeGraph, tmp: Path) -> dict[str, object]:
    """Everything a user can read: quads, every ready query (a listing's pages in order), the
    RDF exports."""
    answers: dict[str, object] = {"quads": set(graph.store.quads())}
    for query in kg.list_queries():
        params = {p.name: "Bima Arya Sugiarto" for p in query.params}
        # every page of a listing, small pages: paging itself is compared across backends
        pages = list(graph.iter_query(query.name, params, page_size=7))
        rows = [row for page in pages for row in page]
        sizes = [len(page) for page in pages]  # a lost row shows on its page
        answers[query.name] = (
            pages[0].columns,
            sizes,
            rows if query.page else sorted(rows, key=repr),
        )
        if query.page:  # the listing's own text, unpaged: tells a paging fault from the data's
            whole = graph.store.select(bind(query, params))
            answers[f"{query.name} unpaged"] = sorted(whole, key=repr)
    from rdflib import Dataset, Graph

    nq = Dataset()
    nq.parse(graph.export(tmp / "all.nq"), format="nquads")
    answers["export nq"] = {(s, p, o, g) for s, p, o, g in nq.quads((None, None, None, None))}
    answers["export ttl"] = set(Graph().parse(graph.export(tmp / "facts.ttl"), format="turtle"))
    # the browser view's own queries (hash joins, subqueries in OPTIONAL, both article paths)
    G = project(graph.store)
    # the projections' own queries (predicates returned as their numbers, hash joins)
    answers["relation"] = (dict(G.nodes(data=True)), sorted(G.edges(keys=True, data=True)))
    answers["view"] = view_facts(graph.store, G)
    articles = sorted(graph.iter_articles())
    answers["view articles"] = [_articles(graph.store, articles, scan=s) for s in (True, False)]
    return answers


@pytest.fixture(scope="module")
def reference(article_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    with kg.KnowledgeGraph("memory") as graph:
        report = graph.build([article_folder])
        assert (report.new, report.failed) == (len(list(article_folder.iterdir())), 0)
        return _answers(graph, tmp_path_factory.mktemp("reference"))


def test_backends_give_equal_answers(
    store: Store, article_folder: Path, reference: dict[str, object], tmp_path: Path
) -> None:
    with kg.KnowledgeGraph(store) as graph:
        graph.build([article_folder])
        answers = _answers(graph, tmp_path)
    for key, value in reference.items():
        assert answers[key] == value, key


def test_build_twice_changes_nothing(open_empty: Callable[[], Store], article_folder: Path) -> None:
    graph = kg.KnowledgeGraph(open_empty())
    first = graph.build([article_folder])
    quads = set(graph.store.quads())
    second = graph.build([article_folder])
    count = len(list(article_folder.iterdir()))
    assert (first.new, second.unchanged, second.new, second.changed) == (count, count, 0, 0)
    assert set(graph.store.quads()) == quads


def test_a_changed_article_is_replaced_and_removed(
    store: Store, article_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in sorted(article_folder.glob("berita-*"))[:3]:
        (folder / path.name).write_bytes(path.read_bytes())
    graph = kg.KnowledgeGraph(store)
    graph.build([folder])
    changed = sorted(folder.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nTambahan kalimat.\n")
    report = graph.build([folder])
    assert (report.changed, report.unchanged) == (1, 2)
    assert facts(store) == union(store)
    assert graph.remove("https://contoh.example/berita/0")
    assert len(graphs(store)) == 2
    assert facts(store) == union(store)


def test_servers_are_recognised(store: Store, backend: str) -> None:
    dialect = getattr(store, "dialect", None)
    expected = {"oxigraph-server": "oxigraph", "virtuoso": "virtuoso"}.get(backend)
    assert (dialect.name if dialect else None) == expected


# -- the embedded store -----------------------------------------------------------------
def test_a_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    with kg.KnowledgeGraph(tmp_path / "s"), pytest.raises(kg.StoreLockedError, match="in use by"):
        kg.KnowledgeGraph(tmp_path / "s")


# -- the analysis read and write paths --------------------------------------------------
def test_select_values_are_the_plain_values_of_select(store: Store) -> None:
    odd = 'kata "Bima"\nbaris\tdua \\ akhir'
    triples = [
        (X, RDFS.label, Literal(odd, lang="id")),
        (
            X,
            KG.confidence,
            Literal("0.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
        ),
        (X, SKOS.altLabel, Literal("Bima")),
    ]
    store.write_articles([ArticleGraph(A, tuple(triples), "h")])
    query = f"""SELECT ?p ?o ?none WHERE {{ <{X}> ?p ?o OPTIONAL {{ <{X}> <urn:x> ?none }} }}"""
    plain = sorted(store.select_values(query), key=repr)
    assert plain == sorted(
        (tuple(None if t is None else str(t) for t in row) for row in store.select(query)), key=repr
    )
    assert (str(RDFS.label), odd, None) in plain
    assert (str(KG.confidence), "0.5", None) in plain


def test_derived_triples_go_to_their_graph_only(store: Store) -> None:
    graph = "https://w3id.org/kg-indonesia/id/graph/analysis"
    store.insert_triples(graph, [f'<{X}> <{KG.pageRank}> "0.25"^^<{XSD_DOUBLE}>'] * 2)
    rows = store.select_values(f"SELECT ?s ?v WHERE {{ GRAPH <{graph}> {{ ?s ?p ?v }} }}")
    assert [(s, float(v or "nan")) for s, v in rows] == [(str(X), 0.25)]
    assert facts(store) == set()
    with pytest.raises(StoreError, match="only builds write it"):
        store.insert_triples(str(A), [f'<{X}> <{RDFS.label}> "x"'])
    with pytest.raises(StoreError, match="only builds write it"):
        store.insert_triples(str(FACTS_GRAPH), [f'<{X}> <{RDFS.label}> "x"'])
