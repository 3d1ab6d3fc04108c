"""Development tool: how many nodes each entity recurring across the dev articles gets.

Builds every article of ``../shared/eval/dev/articles`` into one fresh embedded store (the way
``kg build`` does: extraction, cross-article resolution, curation), then reads the gold
annotations of ``../shared/eval/dev/gold``: an entity "recurs" when gold entities of the same
type and normalised name occur in two or more articles. For each, it lists the store nodes the
articles' mentions landed on (target: 1) and every node that two different gold entities share
(a wrong merge; target: 0). A gold entity the extractor missed in an article is listed as
missed, not as a split.

Needs ``../shared`` (it is not part of a user's clone); exits with a message when it is absent.

    python scripts/identity_report.py [--shared ../shared] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from networkx.utils import UnionFind

import kg
from kg.ingest.files import read_text_article
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
    args = parser.parse_args()
    articles_dir = args.shared / "eval" / "dev" / "articles"
    gold_dir = args.shared / "eval" / "dev" / "gold"
    if not articles_dir.is_dir() or not gold_dir.is_dir():
        print(f"no dev set at {args.shared}/eval/dev; this development tool needs ../shared")
        return 0
    files = sorted(articles_dir.glob("*.txt"))
    iris = {}
    for path in files:
        iris[path.name[:3]] = str(article_iri(read_text_article(path)))
    with tempfile.TemporaryDirectory() as tmp, kg.KnowledgeGraph(Path(tmp) / "store") as graph:
        report = graph.build(files, workers=1)
        print(f"built: {report.summary()}", file=sys.stderr)
        nodes = _nodes_by_article(graph)

    # gold entities of different articles are one identity when type and a name or alias agree
    entries: list[tuple[str, str, str, set[str]]] = []  # (doc, type, name key, all name keys)
    for path in sorted(gold_dir.glob("*.json")):
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
    if args.markdown:
        print("| entity (gold) | type | articles | nodes | missed in | node IRIs |")
        print("|---|---|---|---|---|---|")
    for (kind, name), docs, landed, missed in rows:
        short = ", ".join(n.rsplit("/id/", 1)[-1] for n in landed)
        if args.markdown:
            print(
                f"| {name} | {kind} | {len(docs)} | {len(landed)} | {', '.join(missed) or '-'} "
                f"| {short} |"
            )
        else:
            print(f"{name:32} {kind:12} articles {len(docs)}  nodes {len(landed)}  {short}")
            if missed:
                print(f"{'':32} missed in {', '.join(missed)}")
    one = sum(1 for *_, landed, _ in rows if len(landed) == 1)
    print(f"\nrecurring entities: {len(rows)}; with exactly one node: {one}")
    print(f"nodes shared by two different gold entities (wrong merges): {len(wrong)}")
    for node, idents in sorted(wrong.items()):
        print(f"  {node}: {sorted(idents)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
