"""Listings are read a page at a time by keyset cursors: pages join up to every row once, in
one order (newest first, ties broken by the integer number each row got when stored), and a
cursor stays valid while the store changes."""

from __future__ import annotations

import io
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

import kg
from kg.cli.query import _stream
from kg.cli.render import write_cells
from kg.errors import QueryError
from kg.model.records import Article, Entity, Extraction
from kg.model.terms import KG
from kg.query import Query, bind, check_syntax, iter_query, list_queries, run_query
from kg.query.paging import page_text
from tests.cli.test_commands import kg as _kg
from tests.store.helpers import write_article_files

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"


def _article(i: int, date: str | None) -> Extraction:
    text = f"Kalimat artikel nomor {i}."
    return Extraction(
        Article(text, title=f"Judul {i}", url=f"https://example.test/{i}", source=f"t/{i}.txt"),
        published=date,
    )


def _graph(count: int) -> kg.KnowledgeGraph:
    graph = kg.KnowledgeGraph("memory")
    # three articles a day, and some undated: ties on the day break on the number
    dates = [f"2024-03-{1 + i // 3:02d}" if i % 5 else None for i in range(count)]
    graph.store.write_articles([kg.to_article_graph(_article(i, d)) for i, d in enumerate(dates)])
    return graph


def _sources(rows: kg.Rows) -> list[str]:
    return [str(r["source"]) for r in rows.dicts()]


def test_pages_join_up_to_every_row_once_newest_first() -> None:
    graph = _graph(17)
    whole = graph.query("articles", limit=100)
    assert len(whole) == 17
    assert whole.next_cursor is None
    seen: list[str] = []
    cursor = None
    while True:
        page = graph.query("articles", limit=4, after=cursor)
        assert len(page) <= 4
        seen += _sources(page)
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == _sources(whole)
    assert len(set(seen)) == 17
    dates = [str(r["date"] or "") for r in whole.dicts()]
    assert dates == sorted(dates, reverse=True)  # undated last
    assert [s for page in graph.iter_query("articles", page_size=3) for s in _sources(page)] == seen


def test_the_default_page_is_50_rows() -> None:
    graph = _graph(60)
    page = graph.query("articles")
    assert len(page) == 50
    assert page.next_cursor is not None
    assert len(graph.query("articles", after=page.next_cursor)) == 10


def test_a_cursor_stays_valid_when_newer_articles_arrive() -> None:
    graph = _graph(9)
    first = graph.query("articles", limit=3)
    rest = _sources(graph.query("articles", limit=100, after=first.next_cursor))
    newer = kg.to_article_graph(_article(100, "2030-01-01"))
    graph.store.write_articles([newer])
    assert _sources(graph.query("articles", limit=100, after=first.next_cursor)) == rest
    assert _sources(graph.query("articles", limit=1))[0] == "t/100.txt"


def test_the_order_is_the_same_whatever_order_articles_were_stored_in() -> None:
    articles = [kg.to_article_graph(_article(i, "2024-01-01")) for i in range(8)]
    orders = []
    for batch in (articles, articles[::-1]):
        graph = kg.KnowledgeGraph("memory")
        graph.store.write_articles(batch)
        orders.append(_sources(graph.query("articles", limit=100)))
    assert orders[0] == orders[1]


def test_bad_pages_are_explained() -> None:
    graph = _graph(2)
    with pytest.raises(QueryError, match="not a page cursor"):
        graph.query("articles", after="abc")
    with pytest.raises(QueryError, match="not a paged listing"):
        graph.query("office-holders", limit=5, office="mayorOf", place="Bogor", date="2020-01-01")
    with pytest.raises(QueryError, match="not a paged listing"):
        graph.query("SELECT ?a WHERE { ?a a kg:NewsArticle }", after="3")
    with pytest.raises(QueryError, match="not a page cursor"):
        graph.query("officials", after="3")  # a ranked listing's cursor has two numbers
    with pytest.raises(QueryError, match="at least one row"):
        run_query(graph.store, "articles", limit=0)


def test_a_query_that_is_not_a_listing_streams_as_one_page() -> None:
    graph = _graph(3)
    pages = list(iter_query(graph.store, "SELECT ?a WHERE { ?a a kg:NewsArticle }"))
    assert len(pages) == 1
    assert len(pages[0]) == 3


def test_a_page_filters_sorts_and_limits_the_rows_subselect() -> None:
    text = "SELECT ?a WHERE { { SELECT ?a ?k WHERE { ?a <p> ?k } } } ORDER BY DESC(?k)"
    paged = page_text(text, ["k"], limit=2, after=(9,))
    assert "FILTER(?k < 9) } ORDER BY DESC(?k) LIMIT 3 }" in paged


def test_the_cli_prints_the_next_page_command_and_streams_all(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with kg.KnowledgeGraph(store) as graph:
        graph.store.write_articles(
            [kg.to_article_graph(_article(i, f"2024-01-{1 + i:02d}")) for i in range(5)]
        )
    first = _kg("query", "articles", "--store", str(store), "--limit", "2")
    assert first.returncode == 0, first.stderr
    command = first.stdout.strip().splitlines()[-1]
    assert command.startswith("next page: kg query articles --store")
    second = _kg(*shlex.split(command.removeprefix("next page: "))[1:])
    assert "t/2.txt" in second.stdout
    assert "t/4.txt" not in second.stdout
    third = _kg(
        *shlex.split(second.stdout.strip().splitlines()[-1].removeprefix("next page: "))[1:]
    )
    assert "t/0.txt" in third.stdout
    assert "next page" not in third.stdout
    every = _kg("query", "articles", "--store", str(store), "--all", "-f", "csv")
    lines = every.stdout.strip().splitlines()
    assert lines[0].startswith("article,")
    assert len(lines) == 6
    assert "next page" not in every.stderr
    jsonl = _kg("query", "articles", "--store", str(store), "--limit", "2", "-f", "jsonl")
    assert len(jsonl.stdout.strip().splitlines()) == 2
    assert jsonl.stderr.startswith("next page: ")


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Iterator[kg.KnowledgeGraph]:
    folder = tmp_path_factory.mktemp("news")
    write_article_files(folder, 24)
    graph = kg.KnowledgeGraph(tmp_path_factory.mktemp("store") / "store")
    graph.build([folder, SAMPLES])
    yield graph
    graph.close()


@pytest.mark.parametrize("query", [q for q in list_queries() if q.page], ids=lambda q: q.name)
def test_every_listing_reads_the_same_rows_in_the_same_order_page_by_page(
    query: Query, news: kg.KnowledgeGraph
) -> None:
    params = {p.name: "Kota Bogor" for p in query.params}
    whole = news.query(query.name, params, limit=10_000)
    assert whole.next_cursor is None
    assert len(whole) > 2, "too few rows to test paging"
    pages = list(news.iter_query(query.name, params, page_size=2))
    assert [row for page in pages for row in page] == list(whole)
    assert len(pages) >= 2
    if len(query.page) == 1:  # a key of its own for every row: pages of exactly 2
        assert {len(page) for page in pages[:-1]} == {2}


def test_the_listings_are_the_ready_queries_that_list() -> None:
    assert {q.name for q in list_queries() if q.page} == {
        "agreements",
        "articles",
        "entity",
        "events",
        "members",
        "officials",
        "quotes",
        "top-entities",
    }


def test_a_store_written_without_listing_keys_is_explained() -> None:
    graph = _graph(2)
    for p in (KG.seq, KG.articleKey):
        graph.store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?a <{p}> ?k }} }}")
        graph.store.update(f"DELETE WHERE {{ ?a <{p}> ?k }}")
    with pytest.raises(QueryError, match="build the store again"):
        graph.query("articles")
    assert len(graph.query("articles", after="999999999999999999")) == 0  # a later page: no check


def test_a_store_written_without_name_keys_is_explained() -> None:
    graph = kg.KnowledgeGraph("memory")
    bogor = Entity("e1", "City", "Kota Bogor")
    text = "Kalimat artikel di Kota Bogor."
    article = Article(text, title="Judul", url="https://example.test/1", source="t/1.txt")
    graph.store.write_articles([kg.to_article_graph(Extraction(article, entities=(bogor,)))])
    assert len(graph.query("entity", name="no such name")) == 0  # keys written: no error
    for p in (KG.labelKey, KG.labelPrefix):
        graph.store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?a <{p}> ?k }} }}")
        graph.store.update(f"DELETE WHERE {{ ?a <{p}> ?k }}")
    with pytest.raises(QueryError, match="build the store again"):
        graph.query("entity", name="Kota Bogor")
    with pytest.raises(QueryError, match="build the store again"):
        graph.query("office-holders", office="mayorOf", place="Kota Bogor", date="2024-01-01")


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_ready_query_and_its_pages_parse(query: Query) -> None:
    # kg's own queries are not parsed at each run (40 ms of rdflib); this is their check
    text = bind(query, {p.name: "Kota Bogor" for p in query.params})
    check_syntax(text)
    if query.page:
        check_syntax(page_text(text, query.page, limit=50, after=(7,) * len(query.page)))


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
@pytest.mark.parametrize("query", [q for q in list_queries() if q.page], ids=lambda q: q.name)
def test_a_streamed_listing_writes_the_text_of_its_pages(
    query: Query, fmt: str, news: kg.KnowledgeGraph, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--all`` to CSV, TSV or JSON Lines: one query on the embedded store, cells instead of
    rdflib terms, the same text as every page rendered in turn."""
    params = {p.name: "Kota Bogor" for p in query.params}
    _stream(news.iter_query(query.name, params, page_size=3), fmt, None)
    paged = capsys.readouterr().out
    out = io.StringIO(newline="")
    columns, rows = news.stream_query(query.name, params)
    count = write_cells(columns, rows, fmt, out)
    assert out.getvalue() == paged
    assert count == sum(len(page) for page in news.iter_query(query.name, params))


def test_a_store_that_does_not_stream_writes_its_pages() -> None:
    graph = _graph(7)
    assert not graph.store.streams
    pages = [row for page in graph.iter_query("articles", page_size=2) for row in page]
    columns, rows = graph.stream_query("articles")
    assert [tuple(c if c is None else c[0] for c in row) for row in rows] == [
        tuple(None if v is None else str(v) for v in row) for row in pages
    ]
    assert "key" not in columns


@pytest.mark.parametrize("query", [q for q in list_queries() if q.page], ids=lambda q: q.name)
def test_a_page_read_in_two_steps_is_the_page_read_in_one(
    query: Query, news: kg.KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Virtuoso reads its pages in two steps (its rows chosen alone, then their columns): the
    # same pages, cursors included, as the whole text gives on the embedded store
    params = {p.name: "Kota Bogor" for p in query.params}
    one = list(news.iter_query(query.name, params, page_size=2))
    monkeypatch.setattr(type(news.store), "pages_in_two_steps", True)
    two = list(news.iter_query(query.name, params, page_size=2))
    assert len(two) >= 2
    assert [(list(p), p.next_cursor) for p in two] == [(list(p), p.next_cursor) for p in one]
