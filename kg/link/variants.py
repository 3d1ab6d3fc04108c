"""One node per organisation, place or event named in several ways across articles.

Extraction mints a name-based IRI for every organisation, place and event without an official
code (``org/kementerian-pupr``, ``place/geopark-cibuntu``). :func:`group_names` takes what is
known of a set of such names (a :class:`NameRecord` each, built from every article that
writes them) and of the coded nodes they may belong to (regions, countries, region-bound
bodies), and decides which node each name becomes:

1. Names sharing a key of :func:`kg.link.names.index_keys` are compared; the rules of
   :mod:`kg.link.names` (``same``, ``spelling``, ``acronym``) join them. A name's aliases
   count only where a rule shows them to be forms of its own name ("Kementerian PUPR" beside
   "Kementerian Pekerjaan Umum dan Perumahan Rakyat"), so a wrong alias never joins two bodies.
2. A join is refused when it would put two different codes (Kemendagri, ISO 3166, Wikidata)
   or two administrative classes (a Kota and a Kabupaten) in one group; and a bare place name
   joins a coded region only when its articles name a region containing it ("Ciracap" joins
   Kecamatan Ciracap where the article names Kabupaten Sukabumi; "Davos" never joins a village).
3. A shorter name joins the one group that extends it (:func:`kg.link.names.extends`), and a
   name that is an acronym alone the one group it abbreviates; with two or more ("Pengadilan
   Tipikor Jakarta Pusat", "... Bandung") it stays alone, and never where an article writes
   the two as two entities ("Cibuntu" beside "Geopark Cibuntu": the article tells them apart).
4. Each group's node is its coded member, else the name most rules joined (then the shortest).

Everything depends on the set of names only, never on the order they arrived in, so the same
corpus gives the same nodes in any order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from networkx.utils import UnionFind
from rdflib import URIRef

from kg.link.lexicon import ADMIN_CLASSES, name_lexicon
from kg.link.names import (
    Shape,
    abbreviates,
    distinctive,
    extends,
    index_keys,
    numbers,
    same_words,
    shape_of,
    spelled_alike,
)

__all__ = ["Decision", "NameRecord", "group_names"]

GENERIC = frozenset({"Organization", "Place", "Event"})
RANK = {"same": 0, "form": 0, "spelling": 1, "acronym": 2}


@dataclass
class NameRecord:
    """What the articles say of one name (or one coded node), across all of them.

    Attributes:
        iri: the name's minted IRI, or the coded node's IRI.
        family: ``org``, ``place`` or ``event`` (the IRI's first segment).
        key: the name key of its name.
        classes: classes the articles gave it.
        forms: name keys of every form written for it, its own included.
        contexts: Kemendagri codes (province, regency) and ISO codes of the places its
            articles name: where a bare place name may lie.
        code: ``kemendagri:32.15``, ``iso3166:ID`` or ``orgat:<head>:<region>`` for a coded node.
        qids: Wikidata items it is the same as.
        apart: names an article writes beside it as another entity ("Cibuntu" beside "Geopark
            Cibuntu"): the article tells them apart, so they never join.
    """

    iri: URIRef
    family: str
    key: str
    classes: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)
    contexts: set[str] = field(default_factory=set)
    code: str | None = None
    qids: set[str] = field(default_factory=set)
    apart: set[URIRef] = field(default_factory=set)

    def shapes(self) -> list[Shape]:
        """Its own name, and the forms a rule shows to be forms of it."""
        own = shape_of(self.key)
        out = [own]
        for form in sorted(self.forms - {self.key}):
            other = shape_of(form)
            if (
                self.code
                or same_words(other, own)
                or abbreviates(other, own)
                or _shortened(other, own, self.classes)
            ):
                out.append(other)
        region = _orgat_region(self)
        if region and region.startswith("iso3166:"):  # "Kepolisian Negara" of Indonesia
            head = self.code[6:].partition(":")[0] if self.code else ""
            out.append(Shape(head, tuple(head.split()), region[8:], (), tuple(head.split())))
        return out

    @property
    def admin(self) -> str | None:
        found = sorted(self.classes & ADMIN_CLASSES)
        return found[0] if len(found) == 1 else None


def _shortened(form: Shape, own: Shape, classes: set[str]) -> bool:
    """A form an article writes for its own longer name: the name without its place
    ("Geopark Cibuntu" for "Geopark Cibuntu Palabuhanratu"), or an outlet's name for its
    edition ("Kabar" for "Kabar News Pesisir"). A conjunct dropped ("Kementerian Haji" for
    "Kementerian Haji dan Umrah") is none: a renamed ministry may be another body."""
    if extends(form, own) == "place":
        return True
    words = form.words
    return (
        "NewsOutlet" in classes
        and 0 < len(words) < len(own.words)
        and own.words[: len(words)] == words
        and any(distinctive(w) for w in words)
    )


@dataclass(frozen=True)
class Decision:
    """Which node a name becomes, and why (``rule`` is empty for a node of its own)."""

    target: URIRef
    rule: str = ""
    form: str = ""  # the name it was matched to
    via: str = ""  # its own form that matched


def _compatible_classes(a: NameRecord, b: NameRecord) -> bool:
    if a.admin and b.admin and a.admin != b.admin:
        return False  # a Kota is never a Kabupaten, a Desa never a Kecamatan
    specific_a, specific_b = a.classes - GENERIC, b.classes - GENERIC
    return (
        not specific_a
        or not specific_b
        or bool(specific_a & specific_b)
        or not (a.admin or b.admin)
    )


def _ancestors(code: str) -> set[str]:
    scheme, _, value = code.partition(":")
    if scheme != "kemendagri":
        return {code}
    parts = value.split(".")
    return {f"kemendagri:{'.'.join(parts[:n])}" for n in range(1, len(parts) + 1)}


def _coded_pair(a: NameRecord, b: NameRecord) -> str | None:
    """Two coded bodies of one region whose heads are an acronym and its words ("DPRD" and
    "Dewan Perwakilan Rakyat" of region 32); coded places never join each other."""
    if not (a.code and b.code and a.code.startswith("orgat:") and b.code.startswith("orgat:")):
        return None
    head_a, _, region_a = a.code[6:].partition(":")
    head_b, _, region_b = b.code[6:].partition(":")
    if region_a != region_b:
        return None
    sa, sb = shape_of(head_a), shape_of(head_b)
    for x, y in ((sa, sb), (sb, sa)):
        word = x.key
        run = y.core
        if " " not in word and len(run) >= 2:
            initials = "".join(w[0] for w in run)
            if word in (initials, initials + "d"):  # "Daerah" is read as a region word
                return "acronym"
    return None


def _orgat_region(record: NameRecord) -> str | None:
    if record.code and record.code.startswith("orgat:"):
        return record.code[6:].partition(":")[2]
    return None


def _match(a: NameRecord, b: NameRecord) -> tuple[str, str, str] | None:
    """The rule joining two records, with the forms it matched (``a``'s first), if any."""
    if a.family != b.family or not _compatible_classes(a, b):
        return None
    if a.code and b.code:
        rule = _coded_pair(a, b)
        return (rule, a.key, b.key) if rule else None
    if numbers(shape_of(a.key)) != numbers(shape_of(b.key)):
        return None  # "Festival 2019" and "Festival 2020", "Komisi II" and "Komisi III"
    coded = a if a.code else b if b.code else None
    region = _orgat_region(coded) if coded else None
    if region and region.startswith("kemendagri:"):
        return None  # a region's body ("Kementerian Agama" of Karo) is never the national one
    best: tuple[int, str, str, str] | None = None  # the strongest rule any two forms meet
    for n, sa in enumerate(a.shapes()):
        for m, sb in enumerate(b.shapes()):
            own = (n == 0 or a is coded) and (m == 0 or b is coded)
            rule = _rule(sa, sb, own, coded, a, b)
            if rule and (best is None or RANK.get(rule, 5) < best[0]):
                best = (RANK.get(rule, 5), rule, sa.key, sb.key)
    return best[1:] if best else None


def _rule(
    sa: Shape, sb: Shape, own: bool, coded: NameRecord | None, a: NameRecord, b: NameRecord
) -> str:
    if sa.key == sb.key:
        rule = "form"
    elif same_words(sa, sb):
        rule = "same"
    else:
        other = b if coded is a else a
        cls = next(iter(other.classes - GENERIC), None) if len(other.classes) == 1 else None
        short = abbreviates(sa, sb) or abbreviates(sb, sa)
        if own and spelled_alike(sa, sb, cls):
            rule = "spelling"  # misspellings of names, never of acronyms ("Kemenkes")
        elif short == "part":
            rule = "acronym"
        elif short == "whole":
            rule = "acronym:whole" if abbreviates(sa, sb) else "acronym:whole-of"
        else:
            return ""
    if coded is not None and coded.code and coded.code.startswith("kemendagri:"):
        bare = b if coded is a else a
        specific = bare.classes - GENERIC - {"Venue"}
        bare_name = not specific or len(sa.core) == 1 or len(sb.core) == 1
        # a bare name joins a region only where its articles name one containing it
        if bare_name and not bare.contexts & (_ancestors(coded.code) - {coded.code}):
            return ""
    return rule


class _Groups:
    """Union-find that refuses a join putting two codes, QIDs or admin classes together."""

    def __init__(self, records: Sequence[NameRecord]) -> None:
        self.uf = UnionFind(range(len(records)))
        self.codes: dict[int, set[str]] = {}
        self.qids: dict[int, set[str]] = {}
        self.admin: dict[int, set[str]] = {}
        self.members: dict[int, set[URIRef]] = {}
        self.apart: dict[int, set[URIRef]] = {}
        for i, r in enumerate(records):
            self.codes[i] = {r.code} if r.code and not r.code.startswith("orgat:") else set()
            self.qids[i] = set(r.qids)
            self.admin[i] = {r.admin} if r.admin else set()
            self.members[i] = {r.iri}
            self.apart[i] = set(r.apart)

    def join(self, i: int, j: int, *, weak: bool = False) -> bool:
        """Join two names' groups; a ``weak`` join (an extension, a bare acronym) is also
        refused between names one article writes as two entities."""
        ri, rj = self.uf[i], self.uf[j]
        if ri == rj:
            return True
        for attr in (self.codes, self.qids, self.admin):
            if len(attr[ri] | attr[rj]) > 1:
                return False
        if weak and (self.members[ri] & self.apart[rj] or self.members[rj] & self.apart[ri]):
            return False
        self.uf.union(ri, rj)
        root = self.uf[ri]
        for attr in (self.codes, self.qids, self.admin):
            attr[root] = attr[ri] | attr[rj]
        for names in (self.members, self.apart):
            names[root] = names[ri] | names[rj]
        return True

    def root(self, i: int) -> int:
        return int(self.uf[i])


def _pairs(records: Sequence[NameRecord]) -> list[tuple[int, int]]:
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        keys: set[str] = set()
        for s in record.shapes():
            keys |= index_keys(s)
        for key in keys:
            buckets[f"{record.family}|{key}"].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        pairs.update(combinations(sorted(members), 2))
    return sorted(pairs)


Edge = tuple[int, int, int, str, str, str]  # (rank, from, to, rule, from's form, to's form)


def group_names(records: Sequence[NameRecord]) -> dict[URIRef, Decision]:
    """Which node each record's name becomes (see the module docstring).

    >>> p = "https://w3id.org/kg-indonesia/id/place/"
    >>> a = NameRecord(URIRef(p + "geopark-cibuntu"), "place", "geopark cibuntu", {"Venue"})
    >>> b = NameRecord(URIRef(p + "geopark-cibuntu-palabuhanratu"), "place",
    ...                "geopark cibuntu palabuhanratu", {"Venue"})
    >>> group_names([a, b])[a.iri].rule
    'extension:place'
    """
    records = sorted(records, key=lambda r: str(r.iri))
    groups = _Groups(records)
    pairs = _pairs(records)
    symmetric: list[Edge] = []
    directed: list[Edge] = []
    for i, j in pairs:
        found = _match(records[i], records[j])
        if found is None:
            continue
        rule, fi, fj = found
        if rule == "acronym:whole":  # i's name is an acronym of j's
            if fi == records[i].key:  # an acronym another name defines moves nothing
                directed.append((5, i, j, "acronym", fi, fj))
        elif rule == "acronym:whole-of":
            if fj == records[j].key:
                directed.append((5, j, i, "acronym", fj, fi))
        else:
            symmetric.append((RANK[rule], i, j, rule, fi, fj))
    accepted = [e for e in sorted(_unambiguous(records, symmetric)) if groups.join(e[1], e[2])]
    directed += _extensions(records, pairs)
    accepted += _directed(records, groups, directed)
    return _decide(records, groups, accepted)


def _unambiguous(records: Sequence[NameRecord], edges: list[Edge]) -> list[Edge]:
    """Edges without those of a name matching two coded nodes ("DPRD" and every region's)."""
    partners: dict[int, set[int]] = defaultdict(set)
    for _, i, j, *_ in edges:
        if records[j].code and not records[i].code:
            partners[i].add(j)
        if records[i].code and not records[j].code:
            partners[j].add(i)
    ambiguous = {i for i, coded in partners.items() if len(coded) > 1}
    return [
        e
        for e in edges
        if not ({e[1], e[2]} & ambiguous and (records[e[1]].code or records[e[2]].code))
    ]


def _extensions(records: Sequence[NameRecord], pairs: Iterable[tuple[int, int]]) -> list[Edge]:
    out: list[Edge] = []
    for i, j in pairs:
        a, b = records[i], records[j]
        if a.family != b.family or not _compatible_classes(a, b):
            continue
        for short, long in ((i, j), (j, i)):
            if records[short].code:
                continue
            how = extends(shape_of(records[short].key), shape_of(records[long].key))
            if how:
                rule = f"extension:{how}"
                out.append((4, short, long, rule, records[short].key, records[long].key))
    return out


def _directed(records: Sequence[NameRecord], groups: _Groups, edges: list[Edge]) -> list[Edge]:
    """Join each name to the one group it abbreviates or extends; none when several fit. An
    acronym joins only from a group of acronyms: one that holds a full name already ("KPU",
    "Komisi Pemilihan Umum") is no acronym of another ("Kementerian Pekerjaan Umum")."""
    by_iri = {r.iri: r for r in records}
    targets: dict[int, dict[int, Edge]] = defaultdict(dict)
    for edge in sorted(edges):
        source, target = groups.root(edge[1]), groups.root(edge[2])
        if source == target:
            continue
        if edge[3] == "acronym" and any(
            len(shape_of(by_iri[m].key).core) > 1 for m in groups.members[source]
        ):
            continue
        targets[source].setdefault(target, edge)
    out = []
    for source in sorted(targets):
        if len(targets[source]) == 1:
            (edge,) = targets[source].values()
            if groups.join(edge[1], edge[2], weak=True):
                out.append(edge)
    return out


def _decide(
    records: Sequence[NameRecord],
    groups: _Groups,
    edges: Sequence[tuple[int, int, int, str, str, str]],
) -> dict[URIRef, Decision]:
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        members[groups.root(i)].append(i)
    adjacent: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    for _, i, j, rule, fi, fj in edges:
        adjacent[i].append((j, rule, fj, fi))
        adjacent[j].append((i, rule, fi, fj))
    out: dict[URIRef, Decision] = {}
    for group in members.values():
        rep = min(group, key=lambda i: _rank(records[i], len(adjacent[i])))
        out[records[rep].iri] = Decision(records[rep].iri)
        seen, todo = {rep}, [rep]
        while todo:  # breadth first from the node: each name's evidence is its edge towards it
            current = todo.pop(0)
            for other, rule, other_form, current_form in sorted(adjacent[current]):
                if other in seen:
                    continue
                seen.add(other)
                todo.append(other)
                out[records[other].iri] = Decision(records[rep].iri, rule, current_form, other_form)
    return out


def _rank(record: NameRecord, degree: int) -> tuple[int, int, int, int, int, int, int, int, str]:
    """The group's node: a coded member, else a name written without designators ("Tim",
    "Kawasan", "RI"), an outlet rather than its edition, with the most words a gazetteer
    spells so ("Palabuhanratu", not "Pelabuhan Ratu"), joined by the most rules, the fullest,
    the shortest written."""
    orgat = record.code.startswith("orgat:") if record.code else False
    head = len(record.code.split(":")[1]) if record.code and orgat else 0
    shape = shape_of(record.key)
    designated = int(shape.words != tuple(record.key.split()))
    lex = name_lexicon()
    known = sum(
        1
        for w in shape.core
        if lex.known_place(w) and w not in lex.common and not lex.is_head((w,))
    )
    edition = len(shape.core) if "NewsOutlet" in record.classes else 0  # the outlet, not its
    return (  # regional edition
        0 if record.code else 1,
        head,
        designated,
        edition,
        -known,
        -degree,
        -len(shape.core),
        len(record.key),
        str(record.iri),
    )
