"""Group an article's mentions into entities: one entity per real-world thing.

Mentions are joined when they share an identity key: an official code ("kemendagri:32.71"), a
gazetteer entry, a name the article defined ("UCLG ASPAC" for "United Cities and Local
Governments Asia Pasific"), or a normalised name. A bare region name that is both a regency and
a city ("Bogor") goes to the one the article names explicitly.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from kg.extract.anatomy import Anatomy, Span
from kg.extract.lexicon import Head, KnownName, Lexicon, words_of
from kg.extract.mentions import ParsedSentence
from kg.extract.pieces import PLACE_CLASSES, Piece, surface, type_of
from kg.extract.text import Token
from kg.extract.variants import ambiguous_bare_names, designated, pairing_heads, slips, variant_rule
from kg.model.iri import name_key
from kg.model.records import Entity, Mention
from kg.model.terms import CLASS_PARENT, EntityType

__all__ = ["Resolution", "resolve"]

log = logging.getLogger(__name__)

_DUPLICATE_WORD = re.compile(r"\b(\w+)( \1\b)+", re.IGNORECASE)


@dataclass(slots=True)
class _Item:
    """One mention on its way to an entity."""

    keys: list[str]
    cls: str
    form: str
    mention: Mention
    name: str | None = None  # canonical name, when the source knows it
    aliases: list[str] = field(default_factory=list)
    ident: str | None = None


@dataclass
class Resolution:
    """Entities of one article and where each piece and span went."""

    entities: list[Entity]
    by_piece: dict[int, str]  # id(piece) -> entity key
    by_span: dict[tuple[int, int], str]  # (start, end) of anatomy spans -> entity key
    parents: dict[str, str | None]  # entity key -> ident of its parent region (gazetteer)

    def key_of(self, piece: Piece | None) -> str | None:
        return self.by_piece.get(id(piece)) if piece is not None else None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _kind(cls: str) -> str:
    return type_of(cls).value


def _explicit_idents(parsed: list[ParsedSentence]) -> set[str]:
    """Idents of regions the article names unambiguously ("Kota Bogor", "Pemkab Bogor")."""
    found: set[str] = set()
    for ps in parsed:
        for piece in ps.pieces:
            idents = {c.ident for c in piece.candidates if c.ident}
            if len(idents) == 1:
                found |= idents
            elif piece.kind == "name" and piece.rule == "gazetteer" and piece.unit is None:
                pass
    for ps in parsed:
        for piece in ps.pieces:
            if piece.kind == "title" and piece.unit is not None and piece.unit.candidates:
                ident = piece.unit.candidates[0].ident
                if ident:
                    found.add(ident)
    return found


def _choose(
    candidates: tuple[KnownName, ...], explicit: set[str], preferred: bool, dateline: bool = False
) -> KnownName:
    """The region a name means. A name a city and a regency share ("Bogor") is the city, as
    news means it, unless the article names the regency, its head or one of its districts
    (its seat); a dateline is always the city."""
    if preferred or len(candidates) == 1:
        return candidates[0]
    classes = {c.cls for c in candidates}
    cities = [c for c in candidates if c.cls == "City"] if classes == {"City", "Regency"} else []
    if dateline and len(cities) == 1:
        return cities[0]
    named = [c for c in candidates if c.ident in explicit or _holds(c, explicit)]
    if len(named) == 1:
        return named[0]
    return cities[0] if len(cities) == 1 else candidates[0]


def _holds(region: KnownName, explicit: set[str]) -> bool:
    """A regency one of whose districts the article names ("Cibinong" for Kabupaten Bogor)."""
    prefix = f"{region.ident}."
    return region.cls == "Regency" and any(i.startswith(prefix) for i in explicit)


def _piece_item(
    piece: Piece, ps: ParsedSentence, explicit: set[str], unit_ids: set[int], lex: Lexicon
) -> _Item | None:
    if piece.kind in {"title", "honorific"} or piece.cls is None:
        return None
    form = surface(piece.words)
    mention = Mention(form, piece.start, piece.end, ps.sentence.index, piece.cls, piece.rule)
    if piece.derived and piece.name and not form.isupper():
        # "Lampung" in "Kapolda Lampung" names the region, not the Polda: the unit goes by its
        # derived name only, so "Kajati Lampung" in the same article stays another unit
        # (an acronym such as "PUPR" in "Menteri PUPR" does name the ministry)
        form = piece.name
    keys: list[str] = []
    item = _Item(keys, piece.cls, form, mention, aliases=list(piece.aliases))
    kind = _kind(piece.cls)
    candidates = piece.candidates
    if len(candidates) > 1 and all(c.cls == "District" for c in candidates):
        # "Kecamatan Cisarua": one of several, only when the article names its regency
        candidates = tuple(c for c in candidates if c.parent in explicit)
        candidates = candidates if len(candidates) == 1 else ()
    if candidates:
        # "Wali Kota Bogor" is the city even where "Bupati Bogor" named the regency before
        titled = id(piece) in unit_ids
        fitting = tuple(c for c in candidates if titled and c.cls == piece.cls)
        known = _choose(fitting or candidates, explicit, id(piece) in unit_ids)
        item.cls = known.cls if _kind(known.cls) == kind else piece.cls
        item.name = known.name
        item.ident = known.ident
        keys.append(f"id:{known.ident}" if known.ident else f"known:{kind}:{name_key(known.name)}")
    if piece.name:
        if item.name and item.name != piece.name:
            item.aliases.append(piece.name)  # "Kementerian PUPR" beside the canonical name
        item.name = item.name or piece.name
        keys.append(f"name:{kind}:{name_key(piece.name)}")
    region_key = _region_key(piece, lex.phrases.generic_region_words)
    if region_key:
        keys.append(region_key)
        item.ident = item.ident or region_key  # one IRI for "DPRD Bogor" in every article
    keys.append(f"name:{kind}:{name_key(form)}")
    if piece.cls == "Village":
        keys.append(_village_key(piece.words, lex))
    for alias in piece.aliases:
        keys.append(f"name:{kind}:{name_key(alias)}")
    if kind == "Organization" and (bare := _without_legal_form(form, lex.phrases.legal_forms)):
        keys.append(f"name:{kind}:{bare}")  # "PT Bank Mandiri (Persero) Tbk" = "Bank Mandiri"
    if piece.office:
        item.aliases.append(form)
    if piece.sub_unit:
        item.aliases.append(f"{piece.sub_unit} {form}")
    if item.ident and item.ident.startswith("kemendagri:"):
        # a region is joined by its code only: "Kota Sukabumi" and "Kabupaten Sukabumi" share
        # the name "Sukabumi" but are two regions
        item.keys[:] = [k for k in keys if not k.startswith("name:")]
    return item


def _without_legal_form(name: str, legal_forms: frozenset[str]) -> str | None:
    """A company's name without its legal form, when it has one: "PT Pertamina (Persero)" ->
    "pertamina"."""
    words = name_key(name).split()
    while words and words[0] in legal_forms:
        words = words[1:]
    while words and words[-1] in legal_forms:
        words = words[:-1]
    bare = " ".join(words)
    return bare if words and bare != name_key(name) else None


def _village_key(words: list[Token], lex: Lexicon) -> str:
    """ "Desa Sukamaju" and the "Sukamaju" of "Kepala Desa Sukamaju Ujang": one village, by
    its name without the word for village (desa, kelurahan, pekon, nagari ...)."""
    lower = [w.lower for w in words if w.is_word]
    if len(lower) > 1 and any(
        isinstance(h, Head) and h.cls == "Village" and h.position == "prefix"
        for h in lex.heads.get((lower[0],))
    ):
        lower = lower[1:]
    return "village:" + " ".join(lower)


def _region_key(piece: Piece, generic: frozenset[str]) -> str | None:
    """ "DPRD Labura", "DPRD Kabupaten Labuhanbatu Utara": one body, by its head and region code."""
    region = piece.region
    if piece.type is not EntityType.ORGANIZATION or region is None or not region.candidates:
        return None
    ident = region.candidates[0].ident
    if not ident:
        return None
    head = [w.lower for w in piece.words if w.start < region.start and w.is_word]
    if piece.derived and piece.name:  # "Kapolres Metro Depok": the head is in the title
        named, place = name_key(piece.name).split(), name_key(surface(region.words)).split()
        if named[len(named) - len(place) :] == place:
            head = named[: len(named) - len(place)]
    head = [w for w in head if w not in generic]
    if not head:
        return None
    return f"orgat:{' '.join(head)}:{ident}"


def _outlet_item(span: Span, lex: Lexicon) -> _Item:
    words = words_of(span.text)
    outlet: KnownName | None = None
    whole = False  # the span is the outlet's name or alias, not a longer name starting with it
    for n in range(len(words), 0, -1):
        outlets = lex.outlets(tuple(words[:n]))
        if outlets:
            outlet, whole = outlets[0], n == len(words)
            break
    mention = Mention(span.text, span.start, span.end, -1, "NewsOutlet", "dateline-or-copyright")
    keys = [f"name:Organization:{name_key(span.text)}"]
    item = _Item(keys, "NewsOutlet", span.text, mention)
    if outlet is not None:
        keys.append(f"known:Organization:{name_key(outlet.name)}")
        item.aliases.append(outlet.name)
        if whole:  # "TEMPO.CO, Jakarta -" is Tempo; "ANTARA News Megapolitan" stays a portal
            item.name = outlet.name
    return item


def _person_item(span: Span, rule: str) -> _Item:
    mention = Mention(span.text, span.start, span.end, -1, "Person", rule)
    return _Item([f"name:Person:{name_key(span.text)}"], "Person", span.text, mention)


def _place_item(span: Span, lex: Lexicon, explicit: set[str]) -> _Item | None:
    candidates = tuple(
        k for k in lex.names.get(tuple(words_of(span.text))) if isinstance(k, KnownName)
    )
    places = tuple(c for c in candidates if c.cls in PLACE_CLASSES)
    mention = Mention(span.text, span.start, span.end, -1, "Place", "dateline")
    if not places:
        return _Item([f"name:Place:{name_key(span.text)}"], "Place", span.text.title(), mention)
    known = _choose(places, explicit, False, dateline=True)
    key = f"id:{known.ident}" if known.ident else f"known:Place:{name_key(known.name)}"
    item = _Item([key], known.cls, span.text, mention, name=known.name, ident=known.ident)
    if span.text.isupper():
        item.aliases.append(span.text.title())
    return item


def _best_name(items: list[_Item]) -> str:
    names = [i.name for i in items if i.name]
    forms = [i.form for i in items]
    person = all(_kind(i.cls) == "Person" for i in items)
    pool = forms + names if person else (names or forms)
    best = max(pool, key=lambda f: (len(f.split()), len(f)))
    return _DUPLICATE_WORD.sub(r"\1", best)


def _best_class(items: list[_Item]) -> str:
    counts = Counter(i.cls for i in items)
    specific = [c for c in counts if c in CLASS_PARENT]
    return max(specific or list(counts), key=lambda c: (counts[c], c in CLASS_PARENT))


def resolve(parsed: list[ParsedSentence], anatomy: Anatomy, lex: Lexicon) -> Resolution:
    """Turn every typed piece and anatomy span into entities with keys e1, e2, ..."""
    explicit = _explicit_idents(parsed)
    unit_ids = {id(p.unit) for ps in parsed for p in ps.pieces if p.kind == "title" and p.unit}
    owners: list[tuple[object, _Item]] = []
    for span in (anatomy.dateline, anatomy.region):
        item = _place_item(span, lex, explicit) if span is not None else None
        if item is not None:
            owners.append((span, item))
    for span in anatomy.outlets:
        owners.append((span, _outlet_item(span, lex)))
    for credit in anatomy.credits:
        owners.append((credit.name, _person_item(credit.name, "credit-" + credit.role)))
    items = {id(owner): item for owner, item in owners}
    for ps in parsed:
        before: Piece | None = None
        for piece in ps.pieces:
            item = _piece_item(piece, ps, explicit, unit_ids, lex)
            if item is not None:
                owners.append((piece, item))
                items[id(piece)] = item
                if before is not None and before.kind == "honorific" and before.end < piece.start:
                    _honorific_alias(item, f"{surface(before.words)} {item.form}", lex)
            before = piece
        for person, nickname in ps.nicknames:
            item = items.get(id(nickname))
            if item is not None:  # "Zulkarnaini alias Glok": one person, two names
                item.keys.append(f"name:Person:{name_key(surface(person.words))}")
    _person_aliases(owners, lex)
    uf = _UnionFind()
    for _, item in owners:
        for key in item.keys[1:]:
            uf.union(item.keys[0], key)
    groups: dict[str, list[tuple[object, _Item]]] = defaultdict(list)
    for owner, item in owners:
        groups[uf.find(item.keys[0])].append((owner, item))
    for root, target in _short_forms(groups).items():
        uf.union(root, target)
    for root, target in _person_short_names(groups).items():
        uf.union(root, target)
    _join_variants(groups, uf, lex)
    merged: dict[str, list[tuple[object, _Item]]] = defaultdict(list)
    for root, members in groups.items():
        merged[uf.find(root)].extend(members)
    resolution = _build(merged)
    resolution.entities[:] = [
        replace(e, local=True) if _local_only(e, lex) else e for e in resolution.entities
    ]
    return resolution


_VARIANT_KINDS = frozenset({"Person", "Organization", "Place", "Event"})
_FORMS_COMPARED = 6  # the longest forms of a group compared with another group's
_VARIANT_GROUP = 64  # the most groups sharing a head word that are compared pairwise


def _group_forms(members: list[tuple[object, _Item]]) -> list[str]:
    forms = {i.form for _, i in members} | {i.name for _, i in members if i.name}
    forms |= {a for _, i in members for a in i.aliases}
    return sorted(forms, key=lambda f: (-len(f), f))[:_FORMS_COMPARED]


def _join_variants(
    groups: dict[str, list[tuple[object, _Item]]], uf: _UnionFind, lex: Lexicon
) -> None:
    """Join the groups whose names are one name written two ways
    (:func:`kg.extract.variants.variant_rule`), never two that carry different identifiers
    (codes, regions of a body) and never a region known by its code."""
    by_head: dict[tuple[str, str], list[str]] = defaultdict(list)
    forms: dict[str, list[str]] = {}
    idents: dict[str, set[str]] = {}
    for root, members in sorted(groups.items()):
        kind = _kind(members[0][1].cls)
        keys = {k for _, i in members for k in i.keys}
        if kind not in _VARIANT_KINDS or any(k.startswith("id:kemendagri") for k in keys):
            continue
        forms[root] = _group_forms(members)
        idents[root] = {i.ident for _, i in members if i.ident}
        heads = {(kind, word) for f in forms[root] for word in pairing_heads(f, lex)}
        for head in heads:
            by_head[head].append(root)
    pairs: set[tuple[str, str]] = set()
    for head, roots in by_head.items():
        if len(roots) > _VARIANT_GROUP:
            # dozens of names sharing a first word are a list of people or bodies, not one
            # name written many ways; comparing each with each would be quadratic
            log.info("%d names start with %r: not compared as variants", len(roots), head[1])
            continue
        for n, a in enumerate(roots):
            for b in roots[n + 1 :]:
                pairs.add((a, b))
    ambiguous = ambiguous_bare_names([f for found in forms.values() for f in found], lex)
    for bare in sorted(ambiguous):
        _join_bare_to_most_named(bare, groups, forms, idents, uf, lex)
    for a, b in sorted(pairs):
        if not any(variant_rule(fa, fb, lex, ambiguous) for fa in forms[a] for fb in forms[b]):
            continue
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        joined = idents.get(ra, set()) | idents.get(rb, set())
        if len(joined) > 1:
            continue  # two identified entities: their codes decide, not their names
        uf.union(ra, rb)
        idents[uf.find(ra)] = joined


def _join_bare_to_most_named(
    bare: tuple[str, ...],
    groups: dict[str, list[tuple[object, _Item]]],
    forms: dict[str, list[str]],
    idents: dict[str, set[str]],
    uf: _UnionFind,
    lex: Lexicon,
) -> None:
    """A bare name two kinds of place share ("Ciletuh" beside "Teluk Ciletuh" and "Geopark
    Ciletuh") is the one the article names most often, if one is named more than each other;
    otherwise it stays apart."""
    named: dict[str, int] = {}
    plain: list[str] = []
    for root, found in sorted(forms.items()):
        shapes = [designated(f, lex) for f in found]
        if all(b == bare and not kind for b, kind in shapes):
            plain.append(root)
        elif any(b == bare and kind for b, kind in shapes):
            named[root] = len(groups[root])
    ranked = sorted(named.values(), reverse=True)
    if not plain or not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return
    most = next(root for root, n in named.items() if n == ranked[0])
    for root in plain:
        if len(idents.get(root, set()) | idents.get(most, set())) <= 1:
            joined = idents.get(uf.find(root), set()) | idents.get(uf.find(most), set())
            uf.union(root, most)
            idents[uf.find(most)] = joined


def _local_only(entity: Entity, lex: Lexicon) -> bool:
    """A regional body named without its region: "Polres", "Kejari", "Dinas Pendidikan".

    Every regency has one, so the name alone never identifies it across articles. National
    bodies a head also names ("KPU", "DPR", "Bawaslu") are not local: the bare name means the
    national one.
    """
    if entity.ident or entity.type is not EntityType.ORGANIZATION:
        return False
    words = tuple(name_key(entity.name).split())
    heads = [h for h in lex.heads.get(words) if isinstance(h, Head)]
    if any(h.position == "region" for h in heads):
        return True
    return any(" ".join(words[:n]) in lex.local_heads for n in range(1, len(words) + 1))


def _tokens(text: str) -> list[str]:
    return name_key(text).split()


def _short_forms(groups: dict[str, list[tuple[object, _Item]]]) -> dict[str, str]:
    """Groups that are short forms of exactly one fuller group of the same kind:
    "Hamami" -> "Marwan Hamami", "DPRD Provinsi" -> "DPRD Provinsi Jawa Barat"."""
    every: dict[str, tuple[str, list[list[str]]]] = {}
    known: set[str] = set()  # groups a gazetteer identifies: never a short form of another
    for root, members in groups.items():
        items = [i for _, i in members]
        if any(k.startswith(("id:", "known:")) for i in items for k in i.keys):
            known.add(root)
        forms = [i.form for i in items] + [i.name for i in items if i.name]
        forms += [a for i in items for a in i.aliases]
        every[root] = (_kind(items[0].cls), [t for t in map(_tokens, forms) if t])
    # the groups of a kind with a form holding a word: a fuller form holds every word of the
    # shorter one, so only the groups holding them all are compared (comparing every group
    # with every other was quadratic in the names of an article)
    holding: dict[tuple[str, str], set[str]] = defaultdict(set)
    for root, (kind, token_lists) in every.items():
        for word in {w for tokens in token_lists for w in tokens}:
            holding[(kind, word)].add(root)
    out: dict[str, str] = {}
    for root, (kind, token_lists) in every.items():
        if kind not in ("Person", "Organization") or not token_lists or root in known:
            continue
        tokens = max(token_lists, key=len)
        if len(tokens) > 3:
            continue
        candidates = set.intersection(*(holding[(kind, w)] for w in tokens)) - {root}
        fuller = [
            other
            for other in candidates
            if any(
                len(o) > len(tokens) and _contains(o, tokens, prefix=kind == "Organization")
                for o in every[other][1]
            )
        ]
        if len(fuller) == 1:
            out[root] = fuller[0]
    return out


_SHORT_NAME = 3  # letters a one-word short name needs to be read as the start of a name


def _person_short_names(groups: dict[str, list[tuple[object, _Item]]]) -> dict[str, str]:
    """One-word names of persons that stand for the one full name in the article with a word
    they start ("Pras" for Prasetyo Hadi, "Adit" for Adityawarman Adil) or misspell by one
    letter ("Dedy" for Deddy Mizwar); none where two full names would fit."""
    single: dict[str, str] = {}
    index: dict[str, set[str]] = defaultdict(set)  # a word's first letters -> full names
    words_of_group: dict[str, set[str]] = {}
    for root, members in groups.items():
        items = [i for _, i in members]
        if _kind(items[0].cls) != "Person":
            continue
        forms = [_tokens(i.form) for i in items] + [_tokens(i.name) for i in items if i.name]
        longest = max(forms, key=len, default=[])
        if len(longest) == 1 and len(longest[0]) >= _SHORT_NAME:
            single[root] = longest[0]
        elif len(longest) >= 2:
            words_of_group[root] = {w for f in forms for w in f}
            for word in words_of_group[root]:
                index[word[:_SHORT_NAME]].add(root)
    out: dict[str, str] = {}
    for root, short in single.items():
        fitting = [
            other
            for other in sorted(index.get(short[:_SHORT_NAME], ()))
            if any(_short_name_of(short, w) for w in words_of_group[other])
        ]
        if len(fitting) == 1:
            out[root] = fitting[0]
    return out


def _short_name_of(short: str, word: str) -> bool:
    if word.startswith(short):
        return True
    return len(short) >= 4 and abs(len(short) - len(word)) <= 1 and slips(short, word, 1) <= 1


def _contains(tokens: list[str], part: list[str], *, prefix: bool) -> bool:
    if prefix:
        return tokens[: len(part)] == part
    return all(p in tokens for p in part)


def _honorific_alias(item: _Item, form: str, lex: Lexicon) -> None:
    """ "kata Gus Ipul": a well-known nickname that opens with an honorific, which the parse
    reads apart from the name, names the same person as the full name."""
    full = lex.person_aliases.get(form)
    if full is not None and _kind(item.cls) == "Person":
        item.keys.append(f"name:Person:{name_key(full)}")
        item.name = full
        item.aliases.append(form)


def _person_aliases(owners: list[tuple[object, _Item]], lex: Lexicon) -> None:
    """Well-known nicknames ("Jokowi") name the same person as the full name."""
    for _, item in owners:
        full = lex.person_aliases.get(item.form)
        if full is not None and _kind(item.cls) == "Person":
            item.keys.append(f"name:Person:{name_key(full)}")
            item.name = full


def _build(groups: dict[str, list[tuple[object, _Item]]]) -> Resolution:
    entities: list[Entity] = []
    by_piece: dict[int, str] = {}
    by_span: dict[tuple[int, int], str] = {}
    parents: dict[str, str | None] = {}
    ordered = sorted(groups.values(), key=lambda g: min(i.mention.start for _, i in g))
    for n, group in enumerate(ordered, 1):
        key = f"e{n}"
        items = [i for _, i in group]
        name = _best_name(items)
        forms = {i.form for i in items} | {a for i in items for a in i.aliases}
        forms |= {i.name for i in items if i.name}
        aliases = tuple(sorted(f for f in forms if f and f != name))
        ident = next((i.ident for i in items if i.ident), None)
        mentions = tuple(sorted({i.mention for i in items}, key=lambda m: m.start))
        entities.append(Entity(key, _best_class(items), name, aliases, mentions, ident))
        for owner, _ in group:
            if isinstance(owner, Span):
                by_span[(owner.start, owner.end)] = key
            else:
                by_piece[id(owner)] = key
        parents[key] = None
    return Resolution(entities, by_piece, by_span, parents)


def entity_type(entity: Entity) -> EntityType:
    return entity.type
