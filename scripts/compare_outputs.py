"""Write what the extractor makes of every known article, to compare two versions byte for byte.

    .venv/bin/python scripts/compare_outputs.py /tmp/before            # on the old commit
    .venv/bin/python scripts/compare_outputs.py /tmp/after --against /tmp/before

Extracts, in one process, every article of ``../shared/eval/train/articles``,
``../shared/eval/dev/articles`` and ``data/samples`` (and with ``--corpus`` the 1,046 articles of
``../shared/corpus/news-id.jsonl``) and writes, per article, its graph as sorted N-Triples
(``NAME.nt``) and the :class:`~kg.model.records.Extraction` record itself (``NAME.txt``: every
entity, mention, rule and confidence, which the triples only partly show). A refactoring of
``kg.extract`` must leave both unchanged: ``--against`` compares the two folders (what
``diff -r`` does) and exits 1 when a file differs. Without ``../shared`` only ``data/samples`` is
extracted (a message says so).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from kg.extract import COMPILED, extract
from kg.ingest import read_sources
from kg.model.rdf import article_triples
from kg.model.records import Article, Extraction

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = {
    "train": SHARED / "eval" / "train" / "articles",
    "dev": SHARED / "eval" / "dev" / "articles",
    "samples": ROOT / "data" / "samples",
}
CORPUS = SHARED / "corpus" / "news-id.jsonl"


def _articles(folder: Path) -> Iterator[tuple[str, Article]]:
    for path in sorted(folder.glob("*.txt")):
        for item in read_sources([path]):
            if isinstance(item, Article):
                yield path.stem, item


def _corpus() -> Iterator[tuple[str, Article]]:
    for n, item in enumerate(read_sources([CORPUS]), 1):
        if isinstance(item, Article):
            yield f"{n:04d}", item


def _ntriples(extraction: Extraction) -> str:
    _, triples = article_triples(extraction)
    return "".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples))


def _record(extraction: Extraction) -> str:
    """The extraction's records, one a line (the article's text left out: it is the input)."""
    lines = [f"published {extraction.published!r} extractor {extraction.extractor!r}"]
    lines += [f"metadata {extraction.metadata!r}"]
    lines += [repr(s) for s in extraction.sentences]
    lines += [repr(e) for e in extraction.entities]
    lines += [repr(r) for r in extraction.relations]
    lines += [repr(q) for q in extraction.quotes]
    return "\n".join(lines) + "\n"


def write_outputs(out: Path, *, corpus: bool) -> int:
    """Extract every article and write its files under ``out/SET/``; return how many."""
    sources: list[tuple[str, Iterator[tuple[str, Article]]]] = []
    for name, folder in SETS.items():
        if folder.is_dir():
            sources.append((name, _articles(folder)))
        else:
            print(f"skipped {name}: {folder} is absent", file=sys.stderr)
    if corpus and CORPUS.is_file():
        sources.append(("corpus", _corpus()))
    elif corpus:
        print(f"skipped corpus: {CORPUS} is absent", file=sys.stderr)
    count = 0
    for name, articles in sources:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for stem, article in articles:
            extraction = extract(article)
            (folder / f"{stem}.nt").write_text(_ntriples(extraction), encoding="utf-8")
            (folder / f"{stem}.txt").write_text(_record(extraction), encoding="utf-8")
            count += 1
    return count


def differences(new: Path, old: Path) -> list[str]:
    """The relative paths of files that differ, or are in one folder only."""
    files = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    files |= {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    return [
        str(rel)
        for rel in sorted(files)
        if not (new / rel).is_file()
        or not (old / rel).is_file()
        or (new / rel).read_bytes() != (old / rel).read_bytes()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (emptied of earlier files)")
    parser.add_argument("--against", type=Path, help="a folder written before, to compare with")
    parser.add_argument("--corpus", action="store_true", help="also the 1,046 corpus articles")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: only data/samples is extracted", file=sys.stderr)
    for pattern in ("*.nt", "*.txt"):
        for old in args.out.rglob(pattern):
            old.unlink()
    started = time.process_time()
    count = write_outputs(args.out, corpus=args.corpus)
    mode = "compiled" if COMPILED else "pure Python"
    seconds = time.process_time() - started
    print(f"{count} articles extracted ({mode}, {seconds:.1f} s CPU) into {args.out}")
    if args.against is not None:
        changed = differences(args.out, args.against)
        for rel in changed:
            print(f"differs: {rel}")
        print(f"{len(changed)} files differ from {args.against}")
        raise SystemExit(1 if changed else 0)


if __name__ == "__main__":
    main()
