"""Development tool: how many nodes each entity recurring across the eval articles gets.

Builds every article of ``../shared/eval/{train,dev}/articles`` into one fresh embedded store
(the way ``kg build`` does: extraction, cross-article resolution, curation), then reads the gold
annotations of the same sets: an entity "recurs" when gold entities of the same type and
normalised name occur in two or more articles. For each, it lists the store nodes the
articles' mentions landed on (target: 1) and every node that two different gold entities share
(a wrong merge; target: 0). A gold entity the extractor missed in an article is listed as
missed, not as a split. ``--why`` prints, under each split entity, the evidence
(``kg:Identification``) of the names its nodes joined. ``--xdoc`` also runs the product
owner's ruler, ``../shared/eval/xdoc.py``, on the store's N-Quads with the sets' gold folders
joined (the figures issue 17 asks for: recurring, found, exactly one node, wrong merges).

Needs ``../shared`` (it is not part of a user's clone); exits with a message when it is absent.

    python scripts/identity_report.py [--shared ../shared] [--sets train dev] [--markdown] [--why]
        [--xdoc]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from networkx.utils import UnionFind

import kg
from kg.ingest.files import read_text_article
from kg.link.curation import Identified
from kg.model.iri import article_iri, name_key
from kg.model.terms import KG, RDFS, SKOS, entity_type_of, local_name

ROOT = Path(__file__).resolve().parent.parent


Nodes = dict[str, dict[str, tuple[str, set[str], set[str]]]]


def _nodes_by_article(graph: kg.KnowledgeGraph) -> Nodes:
    """article IRI -> node IRI -> (scored type, all normalised names, preferred ones)."""
    rows = graph.store.select(
        f"SELECT ?a ?e ?c ?l ?p WHERE {{ ?a <{KG.mentions}> ?e . ?e a ?c ;"
        f" <{RDFS.label}>|<{SKOS.altLabel}> ?l . OPTIONAL {{ ?e <{RDFS.label}> ?p }} }}"
    )
    out: Nodes = defaultdict(dict)
    for a, e, c, label, pref in rows:
        try:
            kind = entity_type_of(local_name(c)).value
        except ValueError:
            continue
        _, names, preferred = out[str(a)].setdefault(str(e), (kind, set(), set()))
        names.add(name_key(str(label)))
        if pref is not None:
            preferred.add(name_key(str(pref)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument("--sets", nargs="+", default=["train", "dev"], help="eval sets to build")
    parser.add_argument("--why", action="store_true", help="print the evidence of split entities")
    parser.add_argument("--xdoc", action="store_true", help="also run ../shared/eval/xdoc.py")
    args = parser.parse_args()
    folders = [args.shared / "eval" / name for name in args.sets]
    missing = [f for f in folders if not (f / "articles").is_dir() or not (f / "gold").is_dir()]
    if missing:
        print(f"no eval set at {missing[0]}; this development tool needs ../shared")
        return 0
    files = sorted(p for f in folders for p in (f / "articles").glob("*.txt"))
    iris = {}
    for path in files:
        iris[path.name[:3]] = str(article_iri(read_text_article(path)))
    with tempfile.TemporaryDirectory() as tmp, kg.KnowledgeGraph(Path(tmp) / "store") as graph:
        report = graph.build(files, workers=1)
        print(f"built: {report.summary()}", file=sys.stderr)
        nodes = _nodes_by_article(graph)
        rows, wrong = _recurring(folders, nodes, iris)
        why = (
            {n: graph.entity(n).evidence for *_, landed, _ in rows for n in landed}
            if args.why
            else {}
        )
        if args.xdoc:
            _xdoc(graph, folders, args.shared, Path(tmp))
    _print(rows, wrong, why, markdown=args.markdown)
    return 0


def _xdoc(graph: kg.KnowledgeGraph, folders: Sequence[Path], shared: Path, tmp: Path) -> None:
    """Run the eval kit's cross-article check on this store (its docstring's commands)."""
    gold = tmp / "gold"
    gold.mkdir()
    for folder in folders:
        for path in (folder / "gold").glob("*.json"):
            shutil.copy(path, gold / path.name)  # a temporary copy, deleted with tmp
    dump = graph.export(tmp / "store.nq", "nq")
    command = [sys.executable, str(shared / "eval" / "xdoc.py"), str(gold), str(dump)]
    result = subprocess.run(
        [*command, str(ROOT / "ontology")], check=False, capture_output=True, text=True
    )
    print(result.stdout.strip() or result.stderr.strip(), file=sys.stderr)


def _recurring(
    folders: list[Path], nodes: Nodes, iris: dict[str, str]
) -> tuple[list[tuple[tuple[str, str], list[str], list[str], list[str]]], dict[str, set[str]]]:
    """The recurring gold identities with the nodes they landed on, and the shared nodes."""

    # gold entities of different articles are one identity when type and a name or alias agree
    entries: list[tuple[str, str, str, set[str]]] = []  # (doc, type, name key, all name keys)
    for path in sorted(p for f in folders for p in (f / "gold").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for ent in doc["entities"]:
            key = name_key(ent["name"])
            names = {key} | {name_key(a) for a in ent.get("aliases", [])}
            entries.append((path.stem, ent["type"], key, names))
    groups = UnionFind(range(len(entries)))
    for i, (doc_i, type_i, _, names_i) in enumerate(entries):
        for j in range(i):
            doc_j, type_j, _, names_j = entries[j]
            if doc_i != doc_j and type_i == type_j and names_i & names_j:
                groups.union(i, j)

    owner: dict[str, set[str]] = defaultdict(set)
    rows = []
    for members in map(sorted, groups.to_sets()):
        label = entries[members[0]][2]
        kind = entries[members[0]][1]
        landed: set[str] = set()
        missed: list[str] = []
        for i in members:
            doc, _, key, names = entries[i]
            article = nodes.get(iris.get(doc, ""), {})
            # the gold name first; its aliases only against a node's preferred label
            found = {n for n, (k, labels, _) in article.items() if k == kind and key in labels}
            if not found:
                found = {n for n, (k, _, pref) in article.items() if k == kind and pref & names}
            for node in found:
                owner[node].add(f"{kind}:{label}")
            if found:
                landed |= found
            else:
                missed.append(doc)
        docs = sorted({entries[i][0] for i in members})
        if len(docs) > 1:
            rows.append(((kind, label), docs, sorted(landed), missed))
    rows.sort()

    wrong = {node: idents for node, idents in owner.items() if len(idents) > 1}
    return rows, wrong


def _print(
    rows: list[tuple[tuple[str, str], list[str], list[str], list[str]]],
    wrong: dict[str, set[str]],
    why: Mapping[str, Sequence[Identified]],
    *,
    markdown: bool,
) -> None:
    if markdown:
        print("| entity (gold) | type | articles | nodes | missed in | node IRIs |")
        print("|---|---|---|---|---|---|")
    for (kind, name), docs, landed, missed in rows:
        short = ", ".join(n.rsplit("/id/", 1)[-1] for n in landed)
        if markdown:
            print(
                f"| {name} | {kind} | {len(docs)} | {len(landed)} | {', '.join(missed) or '-'} "
                f"| {short} |"
            )
        else:
            print(f"{name:32} {kind:12} articles {len(docs)}  nodes {len(landed)}  {short}")
            if missed:
                print(f"{'':32} missed in {', '.join(missed)}")
            for node in landed if len(landed) > 1 else ():
                for reason in why.get(node, ()):
                    print(f"{'':32} {node.rsplit('/id/', 1)[-1]}: {reason}")
    one = sum(1 for *_, landed, _ in rows if len(landed) == 1)
    print(f"\nrecurring entities: {len(rows)}; with exactly one node: {one}")
    print(f"nodes shared by two different gold entities (wrong merges): {len(wrong)}")
    for node, idents in sorted(wrong.items()):
        print(f"  {node}: {sorted(idents)}")


if __name__ == "__main__":
    sys.exit(main())
