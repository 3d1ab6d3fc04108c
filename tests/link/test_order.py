"""Resolution depends on the corpus, never on the order its articles arrive in (a property).

A small fictional world of homonyms, one careers, one-word names with and without a title,
and organisations and places named in several ways is written as article graphs; any order
and any split into batches must leave exactly the same quads in the store: the same IRIs,
the same evidence, the same closeMatch triples, in the same article graphs.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.api import to_article_graph
from kg.link.resolve import Linker
from kg.model.records import Article, Entity, Extraction, Relation
from kg.store import ArticleGraph
from kg.store.oxigraph import OxigraphStore

BANDUNG = Entity("p1", "City", "Kota Bandung", ("Bandung",), ident="kemendagri:32.73")
JABAR = Entity("p2", "Province", "Jawa Barat", ident="kemendagri:32")
SLEMAN = Entity("p3", "Regency", "Kabupaten Sleman", ("Sleman",), ident="kemendagri:34.04")
SUKABUMI = Entity("p4", "Regency", "Kabupaten Sukabumi", ident="kemendagri:32.02")
GEOPARKS = (
    "Geopark Cibuntu",
    "Geopark Cibuntu Palabuhanratu",
    "Geopark Cibnutu Palabuhanratu",
    "Kawasan Geopark Cibuntu",
    "Geopark Nasional Cibuntu",
)
MINISTRIES = ("Kementerian Pertanian dan Perikanan Rakyat", "Kementerian PPR")
FORUM = Entity("o9", "Association", "Forum Petani Muda Nusantara")

# (person, office predicate or None, post) - the homonyms "Budi Santoso" hold unrelated
# offices, "Dadang Suhendar" a career in nested regions; "Budi" has a title, "Santoso" another
PEOPLE = (
    ("Budi Santoso", "mayorOf", BANDUNG),
    ("Budi Santoso", "regentOf", SLEMAN),
    ("Budi Santoso", None, None),
    ("Budi Santoso", "memberOf", FORUM),
    ("Dadang Suhendar", "mayorOf", BANDUNG),
    ("Dadang Suhendar", "governorOf", JABAR),
    ("Budi", "mayorOf", BANDUNG),
    ("Santoso", "regentOf", SLEMAN),
    ("Budi", None, None),
)


def article(n: int, person: int, geopark: int, ministry: int, forum: bool) -> ArticleGraph:
    name, office, post = PEOPLE[person]
    entities = [
        Entity("e1", "Person", name),
        Entity("e2", "Venue", GEOPARKS[geopark]),
        Entity("e3", "GovernmentBody", MINISTRIES[ministry]),
        replace_key(SUKABUMI, "e4"),
    ]
    relations = [Relation("e2", "locatedIn", "e4", 0, 0, 10, 0.8, "test")]
    if office is not None and post is not None:
        entities.append(replace_key(post, "e5"))
        relations.append(Relation("e1", office, "e5", 0, 0, 10, 0.9, "test"))
    if forum and office != "memberOf":
        entities.append(replace_key(FORUM, "e6"))
        relations.append(Relation("e1", "memberOf", "e6", 0, 0, 10, 0.7, "test"))
    text = f"Berita nomor {n} tentang {name}."
    extraction = Extraction(
        Article(text, url=f"https://kabar.example/{n}", published=f"2024-01-{1 + n % 28:02d}"),
        entities=tuple(entities),
        relations=tuple(relations),
        published=f"2024-01-{1 + n % 28:02d}",
    )
    return to_article_graph(extraction)


def replace_key(entity: Entity, key: str) -> Entity:
    return Entity(key, entity.cls, entity.name, entity.aliases, ident=entity.ident)


def build(graphs: Sequence[ArticleGraph], sizes: Sequence[int]) -> set[tuple[object, ...]]:
    store = OxigraphStore()
    linker = Linker(store)
    start, k = 0, 0
    while start < len(graphs):
        size = max(1, sizes[k % len(sizes)])
        store.write_articles(linker.link(graphs[start : start + size]))
        start, k = start + size, k + 1
    quads = set(store.quads())
    store.close()
    return quads


specs = st.lists(
    st.tuples(
        st.integers(0, len(PEOPLE) - 1),
        st.integers(0, len(GEOPARKS) - 1),
        st.integers(0, len(MINISTRIES) - 1),
        st.booleans(),
    ),
    min_size=2,
    max_size=9,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs, st.randoms(use_true_random=False), st.lists(st.integers(1, 4), min_size=1))
def test_any_order_and_any_batches_store_the_same_quads(
    spec: list[tuple[int, int, int, bool]], rng: object, sizes: list[int]
) -> None:
    graphs = [article(n, *s) for n, s in enumerate(spec)]
    expected = build(graphs, [len(graphs)])
    shuffled = list(graphs)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert build(shuffled, sizes) == expected


def test_the_world_resolves_as_intended() -> None:
    """The fixture world itself: two Budi Santoso, one Dadang Suhendar, one geopark, one
    ministry (so the property above is about real merges, not a world where nothing joins)."""
    graphs = [article(n, p, n % 5, n % 2, n % 3 == 0) for n, p in enumerate(range(len(PEOPLE)))]
    quads = build(graphs, [3])
    nodes = {str(s) for s, _, _, g in quads if g is not None and "/article/" in str(g)}
    people = {n.rsplit("/", 1)[-1] for n in nodes if "/person/" in n and "/in/" not in n}
    assert len([p for p in people if p.startswith("budi-santoso~")]) == 2
    assert "dadang-suhendar" in people
    geoparks = {n for n in nodes if ("/place/" in n and "geopark" in n) or "cibuntu" in n}
    assert len(geoparks) == 1, geoparks
    ministries = {n for n in nodes if "/org/kementerian" in n}
    assert len(ministries) == 1, ministries
