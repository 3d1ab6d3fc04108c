"""Ingestion benchmark: build a graph from N synthetic Indonesian-style articles with 1 and 2
worker processes, and print articles/s and peak memory for each.

    .venv/bin/python benchmarks/ingest.py                  # 10,000 articles, 1 and 2 workers
    .venv/bin/python benchmarks/ingest.py --articles 2000 --workers 1 2 4
    .venv/bin/python benchmarks/ingest.py --dask tcp://scheduler:8786   # also on a Dask cluster

Each configuration runs in a fresh process building a fresh embedded Oxigraph store from one
JSON Lines corpus, so the figures cover reading, extraction, RDF and writing. Peak RSS is
sampled from /proc every 0.2 s: ``main`` is the process that reads and writes the store,
``total`` adds every worker process. ``--time-limit`` bounds each configuration (it is
stopped and reported as such). The generator is deterministic: the same --seed gives the
same corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

GIVEN = (
    "Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gita", "Hendra", "Indah", "Joko", "Kartika",
    "Lukman", "Maya", "Nur", "Oki", "Putri", "Rahmat", "Sari", "Teguh", "Utami", "Wahyu", "Yusuf",
    "Zainal", "Agus", "Bambang", "Diah", "Fajar", "Hasan", "Irfan", "Lestari", "Rina", "Siti",
)  # fmt: skip
FAMILY = (
    "Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Pratama", "Nugroho", "Siregar",
    "Harahap", "Nasution", "Lubis", "Simanjuntak", "Wibowo", "Setiawan", "Rahman", "Gunawan",
    "Permana", "Hamdani", "Sulistyo", "Wulandari", "Hakim", "Prasetyo", "Maulana", "Syahputra",
)  # fmt: skip
CITIES = (
    "Bogor", "Bekasi", "Depok", "Bandung", "Cirebon", "Sukabumi", "Tasikmalaya", "Semarang",
    "Surakarta", "Malang", "Kediri", "Madiun", "Medan", "Binjai", "Padang", "Pekanbaru", "Jambi",
    "Palembang", "Makassar", "Manado", "Kendari", "Palu", "Ambon", "Jayapura", "Mataram",
)  # fmt: skip
REGENCIES = (
    "Garut", "Subang", "Karawang", "Sumedang", "Cianjur", "Banyumas", "Klaten", "Sleman",
    "Bantul", "Gresik", "Sidoarjo", "Jember", "Banyuwangi", "Deli Serdang", "Agam", "Kampar",
    "Bone", "Gowa", "Minahasa", "Lombok Barat", "Kutai Kartanegara", "Sumbawa",
)  # fmt: skip
PROVINCES = (
    "Jawa Barat", "Jawa Tengah", "Jawa Timur", "Sumatera Utara", "Sumatera Barat", "Riau",
    "Sulawesi Selatan", "Sulawesi Utara", "Kalimantan Timur", "Nusa Tenggara Barat", "Bali",
)  # fmt: skip
ORGS = (
    "Asosiasi Pemerintah Kota Seluruh Indonesia", "Asosiasi Pemerintah Kabupaten Seluruh Indonesia",
    "Bank Indonesia", "Badan Pusat Statistik", "Universitas Indonesia", "Universitas Gadjah Mada",
    "Partai Golkar", "Partai Demokrat", "Kementerian Dalam Negeri", "Kementerian Perhubungan",
)  # fmt: skip
EVENTS = (
    "Musyawarah Perencanaan Pembangunan", "Festival Budaya Nusantara", "Rapat Koordinasi Daerah",
    "Pameran Produk Unggulan Daerah", "Forum Investasi Daerah",
)  # fmt: skip
OUTLETS = ("Kabar Nusantara", "Warta Daerah", "Suara Kota", "Harian Pelita")
TOPICS = (
    ("pasar rakyat", "merenovasi pasar rakyat yang rusak akibat kebakaran"),
    ("jalan desa", "memperbaiki jalan desa sepanjang dua belas kilometer"),
    ("banjir", "menangani banjir yang merendam ratusan rumah warga"),
    ("sekolah", "membangun gedung sekolah dasar di daerah terpencil"),
    ("puskesmas", "menambah tenaga kesehatan di puskesmas kecamatan"),
    ("sampah", "mengurangi sampah plastik di kawasan pesisir"),
)  # fmt: skip
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def synthetic_article(n: int, seed: int = 0) -> dict[str, object]:
    """One deterministic article: officials with titles, places, organisations, cue phrases."""
    rng = random.Random(seed * 1_000_003 + n)
    kind = rng.randrange(3)
    place = rng.choice((CITIES, REGENCIES, PROVINCES)[kind])
    office = ("Wali Kota", "Bupati", "Gubernur")[kind]
    unit = ("Kota", "Kabupaten", "Provinsi")[kind]
    leader, deputy, guest, minister = _name(rng), _name(rng), _name(rng), _name(rng)
    other = rng.choice(CITIES)
    org, event, outlet = rng.choice(ORGS), rng.choice(EVENTS), rng.choice(OUTLETS)
    topic, action = rng.choice(TOPICS)
    day, month = rng.randint(1, 28), rng.randrange(len(MONTHS))
    budget = rng.randint(2, 90)
    weekday = rng.choice(("Senin", "Selasa", "Rabu", "Kamis", "Jumat"))
    paragraphs = [
        f"{place} ({outlet}) - {office} {place} {leader} menandatangani nota kesepahaman dengan "
        f"Wali Kota {other} {guest} tentang kerja sama {topic} di {place}, {weekday} "
        f"({day}/{month + 1}).",
        f"Penandatanganan itu disaksikan Wakil {office} {place} {deputy} dan perwakilan {org} "
        f"dalam rangkaian {event} {2020 + rng.randrange(5)}.",
        f'"Kerja sama ini penting agar kami bisa {action}," kata {leader} kepada wartawan '
        f"usai acara. Menurut dia, Pemerintah {unit} {place} menyiapkan anggaran "
        f"Rp{budget} miliar.",
        f"Ia menjelaskan, program tersebut akan dimulai pada {MONTHS[(month + 2) % 9]} dan "
        "melibatkan warga setempat, pelaku usaha kecil, serta perguruan tinggi. Pemerintah "
        "daerah juga akan mengevaluasi pelaksanaannya setiap tiga bulan agar hasilnya dapat "
        "dirasakan langsung oleh masyarakat.",
        f"Sementara itu, Menteri Dalam Negeri {minister} mengatakan {place} dan {other} dapat "
        f"menjadi contoh bagi daerah lain. {guest} menambahkan bahwa {other} telah bergabung "
        f"dengan {org} sejak {2010 + rng.randrange(12)}.",
        f"Sebelumnya, {leader} juga menghadiri {event} di {rng.choice(CITIES)} bersama para "
        f"kepala daerah se-{rng.choice(PROVINCES)}.",
        f"Pewarta: {_name(rng)}\nEditor: {_name(rng)}",
        f"COPYRIGHT © {outlet.upper()} {2024}",
    ]
    return {
        "title": f"{office} {place} dan Wali Kota {other} Teken Kerja Sama {topic.title()}",
        "url": f"https://{outlet.lower().replace(' ', '')}.example/berita/{seed}/{n}",
        "date": f"2024-{month + 1:02d}-{day:02d}",
        "outlet": outlet,
        "text": "\n\n".join(paragraphs),
    }


def write_corpus(path: Path, count: int, seed: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps(synthetic_article(n, seed), ensure_ascii=False) + "\n")


# -- one configuration, in its own process -------------------------------------------------


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(c) for c in task.read_text().split())
            except OSError:
                continue
    return pids


class _Sampler(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.main = self.total = 0
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.2):
            self.main = max(self.main, _rss_kb(me))
            self.total = max(self.total, sum(_rss_kb(p) for p in _tree(me)))


def run_child(corpus: Path, store: Path, workers: str) -> None:
    import kg

    sampler = _Sampler()
    sampler.start()
    started = time.perf_counter()
    with kg.KnowledgeGraph(store) as graph:
        target: int | str = int(workers) if workers.isdigit() else workers
        report = graph.build([corpus], workers=target)
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    if report.failed:
        raise SystemExit(f"{report.failed} failures, first: {report.failures[0].message}")
    done = report.new
    print(
        json.dumps(
            {
                "workers": workers,
                "articles": done,
                "seconds": round(seconds, 1),
                "rate": round(done / seconds, 1),
                "ms_per_article": round(1000 * seconds / done, 1),
                "peak_rss_main_mb": round(sampler.main / 1024),
                "peak_rss_total_mb": round(sampler.total / 1024),
            }
        )
    )


def measure_stages(count: int, seed: int, folder: Path) -> None:
    """CPU per article of each stage, in this process: what a worker and the writer each pay."""
    import pickle

    import kg
    from kg.api import to_article_graph
    from kg.extract import extract

    articles = [
        kg.Article(str(a["text"]), title=str(a["title"]), url=str(a["url"]))
        for a in (synthetic_article(n, seed + 1) for n in range(count))
    ]
    extract(articles[0])  # load the lexicons first
    clock = time.process_time
    started = clock()
    extractions = [extract(a) for a in articles]
    extracted = clock()
    graphs = [to_article_graph(e) for e in extractions]
    modelled = clock()
    pickle.loads(pickle.dumps(graphs))
    pickled = clock()
    with kg.KnowledgeGraph(folder / "stages") as graph:
        for start in range(0, count, 50):
            graph.store.write_articles(graphs[start : start + 50])
    written = clock()
    with kg.KnowledgeGraph("memory") as graph:  # the rdflib store, for notebooks and tests
        for start in range(0, count, 50):
            graph.store.write_articles(graphs[start : start + 50])
    in_memory = clock()
    ms = 1000 / count
    print(
        f"stages, CPU ms per article ({count} articles): "
        f"extract {(extracted - started) * ms:.1f}, to RDF {(modelled - extracted) * ms:.1f}, "
        f"pickle both ways {(pickled - modelled) * ms:.1f}, "
        f"store write {(written - pickled) * ms:.1f} "
        f"({sum(len(g.triples) for g in graphs) / count:.0f} triples per article graph); "
        f"the memory store's write {(in_memory - written) * ms:.1f} "
        f"({(in_memory - written) / max(written - pickled, 1e-9):.1f}x the embedded store's)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", nargs="+", default=["1", "2"])
    parser.add_argument("--dask", default=None, help="also run on this Dask scheduler")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=float, default=1200.0, help="seconds per run")
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "STORE", "WORKERS"))
    args = parser.parse_args()
    if args.child:
        corpus, store, workers = args.child
        run_child(Path(corpus), Path(store), workers)
        return
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        started = time.perf_counter()
        write_corpus(corpus, args.articles, args.seed)
        size = corpus.stat().st_size
        print(
            f"corpus: {args.articles} articles, {size / 1e6:.1f} MB "
            f"({size / args.articles / 1e3:.1f} kB each), generated in "
            f"{time.perf_counter() - started:.1f} s; {os.cpu_count()} cores"
        )
        measure_stages(min(200, args.articles), args.seed, Path(tmp))
        configs = [*args.workers, *([args.dask] if args.dask else [])]
        for workers in configs:
            store = Path(tmp) / f"store-{len(os.listdir(tmp))}"
            store.mkdir()
            try:
                result = subprocess.run(
                    [sys.executable, __file__, "--child", str(corpus), str(store / "kg"), workers],
                    capture_output=True, text=True, check=False, timeout=args.time_limit,
                )  # fmt: skip
            except subprocess.TimeoutExpired:
                print(
                    f"workers={workers}: stopped after {args.time_limit:g} s; use fewer --articles"
                )
                continue
            if result.returncode:
                print(f"workers={workers}: failed\n{result.stderr[-2000:]}")
                continue
            row = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"workers={row['workers']}: {row['articles']} articles in {row['seconds']} s = "
                f"{row['rate']} articles/s ({row['ms_per_article']} ms each); peak RSS "
                f"{row['peak_rss_main_mb']} MB main, {row['peak_rss_total_mb']} MB with workers"
            )


if __name__ == "__main__":
    main()
