"""KnowledgeGraph.build: parallel extraction, incremental re-runs, progress, strict, Dask."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Literal, URIRef

import kg
from kg.api import BuildProgress
from kg.cli import cli
from kg.extract import EXTRACTOR
from kg.model.terms import FACTS_GRAPH, KG
from kg.store import ArticleGraph
from kg.store.memory import MemoryStore

PLACES = ("Bogor", "Bekasi", "Depok", "Cirebon", "Tasikmalaya", "Sukabumi", "Garut", "Subang")
PEOPLE = ("Hendra Wijaya", "Sri Mulyani Putri", "Agus Setiawan", "Dewi Anggraini", "Bambang Irawan")


def _story(n: int) -> str:
    place, person = PLACES[n % len(PLACES)], PEOPLE[n % len(PEOPLE)]
    office = ("Wali Kota", "Bupati")[n % 2]
    return (
        f"url: https://kabar.example/berita/{n}\n\n"
        f"{place} (Kabar) - {office} {place} {person} meninjau pembangunan jalan desa nomor {n} "
        f"pada Rabu.\n\n{person} mengatakan proyek itu ditargetkan selesai akhir tahun.\n"
    )


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"berita-{n:03d}.txt").write_text(_story(n), encoding="utf-8")
    return folder


OLDEST_ARTICLE = f"SELECT ?a WHERE {{ GRAPH ?a {{ ?a a <{KG.NewsArticle}> }} }} ORDER BY ?a LIMIT 1"


def _quads(graph: kg.KnowledgeGraph) -> set[tuple[object, ...]]:
    return set(graph.store.quads())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[kg.KnowledgeGraph]:
    with kg.KnowledgeGraph(tmp_path / "store") as graph:
        yield graph


@pytest.mark.slow
def test_processes_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", 45)
    with kg.KnowledgeGraph(tmp_path / "one") as one, kg.KnowledgeGraph(tmp_path / "two") as two:
        inline = one.build([corpus], workers=1)
        parallel = two.build([corpus], workers=2)
        assert (inline.new, parallel.new, parallel.failed) == (45, 45, 0), (inline, parallel)
        assert _quads(one) == _quads(two)


def test_any_executor_runs_the_tasks(tmp_path: Path, store: kg.KnowledgeGraph) -> None:
    corpus = _corpus(tmp_path / "in", 30)
    with ThreadPoolExecutor(2) as executor:
        report = store.build([corpus], workers=executor, batch_size=10)
    assert (report.new, report.failed) == (30, 0)


def test_a_rerun_skips_unchanged_replaces_changed_and_adds_new(
    tmp_path: Path, store: kg.KnowledgeGraph, caplog: pytest.LogCaptureFixture
) -> None:
    corpus = _corpus(tmp_path / "in", 6)
    assert store.build([corpus], workers=1).new == 6
    before = _quads(store)
    caplog.set_level("DEBUG", logger="kg")
    again = store.build([corpus], workers=1)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 6)
    assert "skipped 6 unchanged article(s) before extraction" in caplog.text
    assert _quads(store) == before
    (corpus / "berita-002.txt").write_text(_story(2) + "Pewarta: Lina Marlina\n", encoding="utf-8")
    (corpus / "berita-999.txt").write_text(_story(999), encoding="utf-8")
    third = store.build([corpus], workers=1)
    # identified by URL, the edited article is replaced (an article without a URL is
    # identified by its text, so editing it would add a new one)
    assert (third.new, third.changed, third.unchanged) == (1, 1, 5)
    assert third.summary().startswith("1 new, 1 changed, 5 unchanged, 0 failed in ")


def test_articles_an_older_extractor_read_are_read_again(
    tmp_path: Path, store: kg.KnowledgeGraph
) -> None:
    """An upgrade of kg reaches the articles it stored before: a rerun on the same sources
    re-extracts those an older extractor read (here one also in the older layout, the sentence
    repeated on its statement), and stores nothing of the old reading."""
    corpus = _corpus(tmp_path / "in", 3)
    assert store.build([corpus], workers=1).new == 3
    article = URIRef(str(next(iter(store.store.select(OLDEST_ARTICLE)))[0]))
    for graph in (article, FACTS_GRAPH):
        store.store.update(
            f"DELETE {{ GRAPH <{graph}> {{ <{article}> <{KG.extractor}> ?x }} }}\n"
            f'INSERT {{ GRAPH <{graph}> {{ <{article}> <{KG.extractor}> "kg-rules/0.0" .\n'
            f'  ?st <{KG}sentence> "Kalimat lama." }} }}\n'
            f"WHERE {{ GRAPH <{article}> {{ <{article}> <{KG.extractor}> ?x .\n"
            f"  ?st <{RDF.type}> <{RDF.Statement}> }} }}"
        )
    assert any(p == KG.sentence for _, p, _, _ in store.store.quads())
    assert store.stats().readers == {"kg-rules/0.0": 1, EXTRACTOR: 2}
    assert store.stats().read_by_older == 1

    again = store.build([corpus], workers=1)
    assert (again.new, again.changed, again.unchanged) == (0, 1, 2)
    assert again.summary().startswith("0 new, 1 changed (1 read by an older extractor), ")
    assert not any(p == KG.sentence for _, p, _, _ in store.store.quads())
    readers = {o for s, p, o, _ in store.store.quads() if p == KG.extractor}
    assert readers == {Literal(EXTRACTOR)}
    assert store.stats().read_by_older == 0
    third = store.build([corpus], workers=1)
    assert (third.changed, third.unchanged) == (0, 3)


def test_kg_stats_says_how_many_articles_an_older_extractor_read(tmp_path: Path) -> None:
    with kg.KnowledgeGraph(tmp_path / "store") as graph:
        graph.build([_corpus(tmp_path / "in", 2)], workers=1)
        article = next(iter(graph.store.select(OLDEST_ARTICLE)))[0]
        graph.store.update(
            f"DELETE {{ GRAPH <{article}> {{ <{article}> <{KG.extractor}> ?x }} }}\n"
            f'INSERT {{ GRAPH <{article}> {{ <{article}> <{KG.extractor}> "kg-rules/0.0" }} }}\n'
            f"WHERE {{ GRAPH <{article}> {{ <{article}> <{KG.extractor}> ?x }} }}"
        )
    result = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert (
        "articles read by an older extractor: 1 of 2 (`kg build` on their sources reads them "
        f"again with {EXTRACTOR})"
    ) in result.output


def test_progress_counts_up_to_the_total(tmp_path: Path, store: kg.KnowledgeGraph) -> None:
    corpus = _corpus(tmp_path / "in", 12)
    (corpus / "kosong.txt").write_text("", encoding="utf-8")
    events: list[BuildProgress] = []
    store.build([corpus], workers=1, batch_size=5, progress=events.append)
    assert [e.done for e in events] == sorted(e.done for e in events)
    assert events[-1].done == events[-1].total == 13
    assert (events[-1].new, events[-1].failed) == (12, 1)
    (failure,) = [e.failure for e in events if e.failure]
    assert failure.message.endswith("kosong.txt: empty file; remove it or add the article text")


def test_strict_stops_at_the_first_failure(tmp_path: Path, store: kg.KnowledgeGraph) -> None:
    corpus = _corpus(tmp_path / "in", 3)
    (corpus / "berita-001.txt").write_bytes(b"")
    report = store.build([corpus], workers=1, strict=True)
    assert report.stopped
    assert (report.new, report.failed) == (1, 1)


def test_a_failure_loses_nothing_already_stored(tmp_path: Path, store: kg.KnowledgeGraph) -> None:
    corpus = _corpus(tmp_path / "in", 4)
    store.build([corpus], workers=1)
    (corpus / "berita-001.txt").write_bytes(bytes(range(256)))
    report = store.build([corpus, tmp_path / "hilang"], workers=1)
    assert (report.unchanged, report.failed) == (3, 2)
    assert store.stats().articles == 4


@pytest.mark.slow
def test_a_dask_cluster_runs_the_same_tasks(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    corpus = _corpus(tmp_path / "in", 40)
    with kg.KnowledgeGraph(tmp_path / "one") as one:
        one.build([corpus], workers=1)
        expected = _quads(one)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # None still binds the scheduler's HTTP server to 0.0.0.0:8787, which another
            # cluster on the machine may hold: a random loopback port binds nothing public
            dashboard_address="127.0.0.1:0",
            local_directory=str(tmp_path / "dask"),
        ) as cluster,
        kg.KnowledgeGraph(tmp_path / "dask-store") as graph,
    ):
        report = graph.build([corpus], workers=cluster.scheduler_address, batch_size=20)
        assert (report.new, report.failed) == (40, 0)
        assert _quads(graph) == expected


def test_an_unreachable_dask_scheduler_is_one_clear_error(
    tmp_path: Path, store: kg.KnowledgeGraph
) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    corpus = _corpus(tmp_path / "in", 45)
    dask = pytest.importorskip("dask")
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(kg.KGError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1"),
    ):
        store.build([corpus], workers=f"tcp://127.0.0.1:{port}")


class _CountingStore(MemoryStore):
    """The memory store, recording the size of each write."""

    def __init__(self, batch_quads: int) -> None:
        super().__init__()
        self.batch_quads = batch_quads
        self.batches: list[int] = []

    def write_articles(self, batch: Sequence[ArticleGraph]) -> dict[URIRef, str]:
        self.batches.append(len(batch))
        return super().write_articles(batch)


@pytest.mark.parametrize(
    ("batch_size", "batch_quads", "expected"),
    [(None, 1, [1] * 6), (None, 10**9, [6]), (4, 1, [4, 2])],
)
def test_writes_are_batched_by_the_stores_quads_unless_a_size_is_given(
    tmp_path: Path, batch_size: int | None, batch_quads: int, expected: list[int]
) -> None:
    store = _CountingStore(batch_quads)
    graph = kg.KnowledgeGraph(store)
    report = graph.build([_corpus(tmp_path / "in", 6)], batch_size=batch_size, workers=1)
    assert report.new == 6
    assert store.batches == expected


def test_a_failure_records_its_stage_and_exception_type(
    tmp_path: Path, store: kg.KnowledgeGraph
) -> None:
    corpus = _corpus(tmp_path / "in", 2)
    (corpus / "kosong.txt").write_text("", encoding="utf-8")
    report = store.build([corpus, tmp_path / "nowhere"], workers=1)
    assert report.new == 2
    by_source = {f.source: f for f in report.failures}
    empty = by_source[str(corpus / "kosong.txt")]
    assert (empty.stage, empty.error_type) == ("ingest", "IngestError")
    assert "empty file" in empty.message
    assert isinstance(empty, kg.Failure)
    missing = by_source[str(tmp_path / "nowhere")]
    assert (missing.stage, missing.error_type) == ("ingest", "IngestError")


def test_an_extractor_crash_is_an_extract_failure_of_its_type(
    tmp_path: Path, store: kg.KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.api import extraction

    def crash(article: kg.Article) -> kg.Extraction:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(extraction, "_extract", crash)
    report = store.build([_corpus(tmp_path / "in", 1)], workers=1)
    (failure,) = report.failures
    assert (failure.stage, failure.error_type) == ("extract", "ZeroDivisionError")
    assert failure.message.endswith(
        "the extractor crashed (ZeroDivisionError: a bug); report it with this article"
    )


def test_the_memory_store_keeps_counts_for_many_facts_in_one_batch(tmp_path: Path) -> None:
    # the kept counts of a batch were one rdflib request of one operation per fact, which
    # exhausted Python's recursion limit at about 60 facts: the whole build failed
    for n in range(70):
        given = "".join(chr(ord("a") + int(d)) for d in f"{n:02d}").capitalize()
        (tmp_path / f"a{n:02d}.txt").write_text(
            f"Bogor (ANTARA) - Wali Kota Bogor Hendra {given}wan meninjau pasar.", encoding="utf-8"
        )
    graph = kg.KnowledgeGraph("memory")
    report = graph.build([str(tmp_path)], workers=1)
    assert (report.new, report.failed) == (70, 0)
    rows = graph.query("officials", limit=100).rows
    assert len(rows) >= 65  # one row per mayor read (a made-up name or two may not be)


class _RefusingStore(MemoryStore):
    """Refuses to store the article whose text holds a marker, as a store refuses a term."""

    def write_articles(self, batch: Sequence[ArticleGraph]) -> dict[URIRef, str]:
        if any("PASAR-DITOLAK" in str(o) for item in batch for _, _, o in item.triples):
            raise ValueError("a term this store cannot take")
        return super().write_articles(batch)


def test_notes_are_reported_only_for_articles_that_were_stored(tmp_path: Path) -> None:
    given = ("Adi", "Bayu", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hadi", "Indra", "Joko")
    family = [a + b for a in ("Ba", "Di", "Ka", "Ma", "Sa", "Ta") for b in ("ra", "wi", "no", "su")]
    names = ", ".join(f"{given[n % 10]} {family[n // 10]} {family[n % 24]}wan" for n in range(160))
    for name, marker in (("disimpan", "Pasar Baru"), ("ditolak", "PASAR-DITOLAK")):
        (tmp_path / f"{name}.txt").write_text(
            f"Bogor (ANTARA) - Rapat Koordinasi Daerah {marker} dihadiri oleh {names}.",
            encoding="utf-8",
        )
    report = kg.KnowledgeGraph(_RefusingStore()).build([str(tmp_path)], workers=1)
    assert (report.new, report.failed) == (1, 1)
    assert "ditolak.txt: cannot be stored" in report.failures[0].message
    (note,) = report.notes
    assert "disimpan.txt: sentence 1 states" in note
