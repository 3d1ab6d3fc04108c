"""Relations between an article's entities, each with its sentence, offsets, confidence and rule.

Rule families:

* offices from titles: "Wali Kota Bogor Bima Arya" -> Bima mayorOf Bogor;
* locations from appositions: "Manila, Filipina" -> Manila locatedIn Filipina (only when the
  second place can contain the first);
* cue phrases (``data/lexicon/cues.tsv``): "bergabung dalam forum X" -> memberOf X, "menandatangani
  kerja sama dengan X" -> cooperatesWith X, "hadir sebagai pembicara dalam E" -> participatedIn E,
  "E yang berlangsung di P" -> E locatedIn P;
* article frame: credit lines -> author/editor, dateline and copyright outlet -> publisher.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from itertools import pairwise

from kg.extract.anatomy import Anatomy
from kg.extract.lexicon import Lexicon, Title
from kg.extract.mentions import ParsedSentence
from kg.extract.pieces import Piece
from kg.extract.resolve import Resolution
from kg.model.records import ARTICLE, Entity, Relation
from kg.model.terms import RELATIONS, EntityType

__all__ = ["find_relations"]

_LEVEL = {
    "WorldRegion": -1,
    "Country": 0,
    "Province": 1,
    "Regency": 2,
    "City": 2,
    "District": 3,
    "Village": 4,
    "Venue": 5,
    "Place": 5,
}
_MEMBERSHIP = {"PoliticalParty"}
# the kinds of region a title without its region may take from the article when the article
# names just one (a head of state is the country's only where the article names it)
_HOME_REGION_CLASSES = {
    "place:Country": frozenset({"Country"}),
    "place:City": frozenset({"City"}),
    "place:Regency": frozenset({"Regency"}),
    "place:Province": frozenset({"Province"}),
    "place:Region": frozenset({"City", "Regency"}),
}
_SEPARATORS = {",", "(", ")"}


class _Context:
    """What relation rules need about one article."""

    def __init__(self, parsed: list[ParsedSentence], resolution: Resolution, lex: Lexicon) -> None:
        self.parsed = parsed
        self.res = resolution
        self.lex = lex
        self.phrases = lex.phrases
        self.conf = lex.confidence
        self.entities: dict[str, Entity] = {e.key: e for e in resolution.entities}
        self.offices = self._offices()
        self.title_units = {
            id(p.unit) for ps in parsed for p in ps.pieces if p.kind == "title" and p.unit
        }
        self._events: list[Piece] | None = None
        self.sentence_of = {id(p): ps for ps in parsed for p in ps.pieces}

    def home_region(self, unit: str) -> str | None:
        """The region a regional title with no region written after it belongs to: the one
        region of the title's kind the article names ("Sekda" with "Bupati Sukabumi" before
        it), or None when it names none or several."""
        wanted = _HOME_REGION_CLASSES.get(unit)
        if wanted is None:
            return None
        regions = [e.key for e in self.entities.values() if e.cls in wanted]
        return regions[0] if len(regions) == 1 else None

    def last_event(self, before: int) -> Piece | None:
        """The event named last before an offset: what "kegiatan tersebut" refers to."""
        if self._events is None:
            self._events = [
                piece
                for ps in self.parsed
                for piece in ps.pieces
                if (e := self.entity(piece)) is not None and e.type is EntityType.EVENT
            ]
        starts = [p.start for p in self._events]
        k = bisect_left(starts, before)
        return self._events[k - 1] if k else None

    def last_person(self, sentence: int, before: int) -> Piece | None:
        """The person named last before a point: what "ia"/"dia" refers to."""
        found: Piece | None = None
        for ps in self.parsed[: sentence + 1]:
            for piece in ps.pieces:
                entity = self.entity(piece)
                if entity is not None and entity.type is EntityType.PERSON and piece.start < before:
                    found = piece
        return found

    def entity(self, piece: Piece | None) -> Entity | None:
        key = self.res.key_of(piece)
        return self.entities.get(key) if key else None

    def _offices(self) -> dict[str, str]:
        """Person key -> the region they head (for "the mayor signed" = the city signed)."""
        heads: dict[str, str] = {}
        for ps in self.parsed:
            for piece in ps.pieces:
                title = piece.title
                if piece.kind != "title" or title is None or not title.unit.startswith("place:"):
                    continue
                holder, unit = self.res.key_of(piece.holder), self.res.key_of(piece.unit)
                if (
                    holder
                    and unit
                    and title.relation in ("mayorOf", "regentOf", "governorOf", "headOf")
                ):
                    heads.setdefault(holder, unit)
        return heads

    def ancestors(self, ident: str | None) -> set[str]:
        seen: set[str] = set()
        while ident and ident not in seen:
            seen.add(ident)
            known = self.lex.regions.get(ident)
            ident = known.parent if known else None
        return seen - set()


def _relation(
    ps: ParsedSentence,
    s: str,
    p: str,
    o: str,
    start: int,
    end: int,
    conf: float,
    rule: str,
    qualifiers: tuple[tuple[str, str], ...] = (),
) -> Relation:
    return Relation(s, p, o, ps.sentence.index, start, end, conf, rule, qualifiers)


def _valid(ctx: _Context, s: str, p: str, o: str) -> bool:
    spec = RELATIONS[p]
    if s == o:
        return False
    obj = ctx.entities.get(o)
    if obj is None or obj.type not in spec.objects:
        return False
    if s == ARTICLE:
        return spec.article
    subj = ctx.entities.get(s)
    return subj is not None and subj.type in spec.subjects


# ---------------------------------------------------------------- offices from titles
_REGION_OFFICES = {
    "governorOf": "headOf",
    "mayorOf": "headOf",
    "regentOf": "headOf",
    "viceGovernorOf": "worksFor",
    "viceMayorOf": "worksFor",
    "viceRegentOf": "worksFor",
}


def _title_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    for piece in ps.pieces:
        title = piece.title
        if piece.kind != "title" or title is None or title.relation is None:
            continue
        for holder_piece in [piece.holder, *piece.co_holders]:
            yield from _office_relations(ctx, ps, piece, title, holder_piece)


def _office_relations(
    ctx: _Context, ps: ParsedSentence, piece: Piece, title: Title, holder_piece: Piece | None
) -> Iterator[Relation]:
    """The facts one holder of a title gets: the office, and memberships it implies."""
    holder, unit = ctx.res.key_of(holder_piece), ctx.res.key_of(piece.unit)
    if holder and not unit and piece.unit is None:
        unit = ctx.home_region(title.unit)  # "Sekretaris Daerah Iyos Somantri": the article's
    if not holder or not unit:
        return
    before = [t.lower for t in ps.tokens if t.end <= piece.start][-2:]
    past = ctx.phrases.past & set(before)
    qualifiers: tuple[tuple[str, str], ...] = (("past", "true"),) if past else ()
    qualifiers += (("role", " ".join(w.text for w in piece.words)),)
    start = min(piece.start, holder_piece.start if holder_piece else piece.start)
    end = max(
        piece.end,
        holder_piece.end if holder_piece else piece.end,
        piece.unit.end if piece.unit else 0,
    )
    rule = "title:" + " ".join(title.words)
    relation = title.relation
    if relation in _REGION_OFFICES and ctx.entities[unit].type is EntityType.ORGANIZATION:
        relation = _REGION_OFFICES[relation]  # "Gubernur BI": the bank's head, not a governor
    if relation == "headOf" and piece.unit is not None and piece.unit.sub_unit:
        relation = "worksFor"  # "Ketua Komisi VIII DPR RI": the chief of a part of the body
    if relation is not None and _valid(ctx, holder, relation, unit):
        yield _relation(ps, holder, relation, unit, start, end, ctx.conf.title, rule, qualifiers)
        if relation in ("headOf", "worksFor") and ctx.entities[unit].cls in _MEMBERSHIP:
            # an officer of a party or council is also one of its members
            conf = ctx.conf.title_member
            yield _relation(ps, holder, "memberOf", unit, start, end, conf, rule, qualifiers)
    for extra in piece.extra_units:
        other = ctx.res.key_of(extra)
        if other and _valid(ctx, holder, "memberOf", other):
            yield _relation(
                ps,
                holder,
                "memberOf",
                other,
                start,
                max(end, extra.end),
                ctx.conf.title_faction,
                "title-faction",
                qualifiers,
            )


# ---------------------------------------------------------------- locations from appositions
def _level(entity: Entity) -> int:
    return _LEVEL.get(entity.cls, 5 if entity.type is EntityType.PLACE else 6)


def _contains(ctx: _Context, outer: Entity, inner: Entity) -> bool:
    """Whether ``outer`` can contain ``inner`` (gazetteer ancestry when both are known)."""
    if outer.type is not EntityType.PLACE:
        return False
    if inner.ident and outer.ident:
        return outer.ident in ctx.ancestors(inner.ident) and outer.ident != inner.ident
    if inner.ident is None and inner.type is EntityType.PLACE and inner.cls == "City":
        parent = _world_parent(ctx, inner)
        if parent is not None and outer.ident:
            return parent == outer.ident
    return _level(outer) < _level(inner)


def _world_parent(ctx: _Context, entity: Entity) -> str | None:
    for words in {tuple(m.text.lower().split()) for m in entity.mentions}:
        for known in ctx.lex.names.get(words):
            parent = getattr(known, "parent", None)
            if parent:
                return str(parent)
    return None


def _between(ps: ParsedSentence, a: Piece, b: Piece) -> list[str]:
    """The lower-cased words between two pieces, each piece taken with every word it consumed
    ("Pemerintah Prefektur Shizuoka" starts at "Pemerintah"), bracketed asides left out:
    "Indonesia Investment Forum (IIF) di ..." reads "di", "PT Pertamina (Persero) dan PT PLN"
    reads "dan"."""
    end = (a.span or a.words)[-1].end
    start = (b.span or b.words)[0].start
    words: list[str] = []
    depth = 0
    for token in ps.between(end, start):
        if token.text == "(":
            depth += 1
        elif token.text == ")":  # also closes brackets opened inside the piece before the gap
            depth = max(0, depth - 1)
        elif not depth:
            words.append(token.lower)
    return words


def _apposition_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    names = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    for a, b in pairwise(names):
        gap = _between(ps, a, b)
        if gap not in ([","], []):
            continue
        inner, outer = ctx.entity(a), ctx.entity(b)
        if inner is None or outer is None or inner.key == outer.key:
            continue
        if inner.type is EntityType.PERSON or not _located(ctx, a, inner, outer, b):
            continue
        conf = ctx.conf.apposition
        yield _relation(ps, inner.key, "locatedIn", outer.key, a.start, b.end, conf, "apposition")


def _located(ctx: _Context, piece: Piece, inner: Entity, outer: Entity, outer_piece: Piece) -> bool:
    """Whether "inner, outer" says inner lies in outer: a place in a larger one, an office
    ("Kantor X, Y"), a body written where something happens ("di KPK, Jakarta"), a local body
    no gazetteer knows ("Dinas Pariwisata dan Kebudayaan, Pemprov Jawa Barat"), or a body
    bound to a region that outer contains ("KPU Kabupaten Labuhanbatu Utara (Labura), Sumut")."""
    if inner.type is EntityType.ORGANIZATION:
        if _region_within(inner, outer, ctx):
            return True
        ps = ps_of(ctx, piece)
        local = (
            not inner.ident
            and not piece.candidates
            and outer.cls in _REGION_LEVELS
            and _set_off(ps, outer_piece)
        )
        placed = piece.office or _locative(ctx, ps, piece) or local
        return placed and _contains(ctx, outer, inner)
    return _contains(ctx, outer, inner)


_REGION_LEVELS = frozenset({"Province", "Regency", "City", "District", "Village"})
_SET_OFF = frozenset({",", ".", ")", ";"})


def _set_off(ps: ParsedSentence, piece: Piece) -> bool:
    """Whether a name stands apart as an aside: followed by a comma, a bracket or the end,
    not by the rest of a clause it opens ("..., Kota Bogor dapat berbagi")."""
    k = ps.index_of(piece.last_word) + 1
    return k >= len(ps.tokens) or ps.tokens[k].text in _SET_OFF


def ps_of(ctx: _Context, piece: Piece) -> ParsedSentence:
    """The parsed sentence a piece belongs to."""
    return ctx.sentence_of[id(piece)]


def _placed_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "Gedung Moh Toha di Soreang", "Pondok Pesantren Al-Falah di Kabupaten Cianjur",
    "Sungai Ciliwung di Jakarta Timur": a place, or a body no gazetteer knows, right before
    "di" and a place that can contain it (events: :func:`_event_place_relations`)."""
    names = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    for a, b in pairwise(names):
        inner, outer = ctx.entity(a), ctx.entity(b)
        if inner is None or outer is None or inner.key == outer.key:
            continue
        if inner.type is EntityType.ORGANIZATION:
            if inner.ident or a.candidates or id(a) in ctx.title_units:
                continue  # a national body "di Jakarta" is where something happened
        elif inner.type is not EntityType.PLACE:
            continue
        if tuple(_between(ps, a, b)) not in ctx.phrases.place_links:
            continue
        if _contains(ctx, outer, inner):
            conf = ctx.conf.location
            yield _relation(ps, inner.key, "locatedIn", outer.key, a.start, b.end, conf, "x-di-y")


def _namely_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "di Kota Bogor ada dua sungai besar yaitu Ciliwung dan Cisadane", "di seluruh Indonesia
    khususnya di Provinsi Lampung", "kawasan Geopark X meliputi A, B, dan C": the places
    listed after a word that introduces them lie in the place before it."""
    names = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    words = ps.lower
    for n, container in enumerate(names[:-1]):
        outer = ctx.entity(container)
        if outer is None or outer.type is not EntityType.PLACE:
            continue
        end = ps.index_of(container.last_word) + 1
        start = ps.index_of(names[n + 1].words[0])
        cue = _namely_in(ctx, words, end, start)
        if cue is None:
            continue
        containing = cue in ctx.phrases.containing
        previous = container
        for member in names[n + 1 :]:
            inner = ctx.entity(member)
            if inner is None or inner.type is not EntityType.PLACE or inner.key == outer.key:
                break
            if previous is not container:
                gap = tuple(w for w in _between(ps, previous, member) if w != "di")
                if gap not in ctx.phrases.list_gaps:
                    break
            if _contains(ctx, outer, inner) or (containing and _level(outer) <= _level(inner)):
                conf, rule = ctx.conf.location, "namely:" + " ".join(cue)
                yield _relation(
                    ps, inner.key, "locatedIn", outer.key, container.start, member.end, conf, rule
                )
            previous = member


def _namely_in(ctx: _Context, words: list[str], start: int, end: int) -> tuple[str, ...] | None:
    """The word that introduces what a place holds, among the few words between it and the
    next name (a description may stand between: "memiliki dua sungai besar yaitu")."""
    if end - start > 8:
        return None
    for k in range(start, end):
        for cue in ctx.phrases.namely:
            if tuple(words[k : k + len(cue)]) == cue:
                rest = [w for w in words[k + len(cue) : end] if w != "di"]
                return cue if not rest else None
    return None


def _region_within(body: Entity, place: Entity, ctx: _Context) -> bool:
    """Whether a body bound to a region ("KPU Kabupaten Labuhanbatu Utara") lies in a place
    written after it ("..., Sumut"): the place contains the body's region."""
    region = (body.ident or "").rpartition(":kemendagri:")[2]
    if not region or not place.ident:
        return False
    ident = f"kemendagri:{region}"
    return place.ident in ctx.ancestors(ident) and place.ident != ident


def _event_place_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    """A named event right before "di" and a place: "menghadiri KTT ASEAN di Jakarta",
    "peringatan HUT ke-78 RI di Istana Merdeka" -> the event locatedIn the place."""
    names = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    for a, b in pairwise(names):
        event, place = ctx.entity(a), ctx.entity(b)
        if event is None or place is None or event.type is not EntityType.EVENT:
            continue
        if place.type is not EntityType.PLACE:
            continue
        if tuple(_between(ps, a, b)) not in ctx.phrases.event_place_links:
            continue
        conf = ctx.conf.event_place
        yield _relation(
            ps, event.key, "locatedIn", place.key, a.start, b.end, conf, "event-di-place"
        )


# ---------------------------------------------------------------- cue phrases
def _pieces_after(ps: ParsedSentence, token_index: int, window: int) -> list[Piece]:
    if token_index >= len(ps.tokens):
        return []
    start = ps.tokens[token_index].start
    limit = ps.tokens[min(len(ps.tokens) - 1, token_index + window)].end
    return [p for p in ps.pieces if p.kind != "title" and start <= p.start <= limit]


def _pieces_before(ps: ParsedSentence, token_index: int) -> list[Piece]:
    end = ps.tokens[token_index].start
    return [p for p in ps.pieces if p.kind != "title" and p.end <= end]


def _first(ctx: _Context, pieces: list[Piece], types: set[EntityType]) -> Piece | None:
    for piece in pieces:
        entity = ctx.entity(piece)
        if entity is not None and entity.type in types:
            return piece
    return None


def _subject(
    ctx: _Context, pieces: list[Piece], types: set[EntityType], nearest: bool
) -> Piece | None:
    ordered = list(reversed(pieces)) if nearest else pieces
    for piece in ordered:
        if piece.speaker or piece.rule == "nickname" or id(piece) in ctx.title_units:
            continue
        entity = ctx.entity(piece)
        if entity is not None and entity.type in types:
            return piece
    return None


_ALL = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE}
_ORG_PLACE = {EntityType.ORGANIZATION, EntityType.PLACE}


def _as_party(ctx: _Context, key: str) -> str:
    """A person signing for the region they head stands for that region."""
    entity = ctx.entities[key]
    if entity.type is EntityType.PERSON:
        return ctx.offices.get(key, key)
    return key


def _cue_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    words = ps.lower
    taken: dict[str, set[int]] = {}
    index = ctx.lex.cue_index
    for k in [k for k, word in enumerate(words) if word in index]:  # words that start a cue
        for relation, cue in index[words[k]]:
            if tuple(words[k : k + len(cue)]) != cue:
                continue
            used = taken.setdefault(relation, set())
            if k in used:
                continue
            used.update(range(k, k + len(cue)))
            yield from _one_cue(ctx, ps, relation, cue, k)


def _one_cue(
    ctx: _Context, ps: ParsedSentence, relation: str, cue: tuple[str, ...], k: int
) -> Iterator[Relation]:
    after = _pieces_after(ps, k + len(cue), 8)
    before = _pieces_before(ps, k)
    said = _reported_from(ctx, ps, k)
    if said is not None:  # "Maria mengatakan Kota Depok bergabung ...": the clause's subject
        before = [p for p in before if p.start >= said]
    rule = "cue:" + " ".join(cue)
    cue_start, cue_end = ps.tokens[k].start, ps.tokens[k + len(cue) - 1].end
    pairs: list[tuple[Piece | None, Piece | None, float]]
    conf, phrases = ctx.conf, ctx.phrases
    if relation == "participatedIn":
        obj = _first(ctx, after, {EntityType.EVENT})
        if obj is None:  # "hadir dalam kegiatan tersebut": the event named before
            obj = _event_anaphor(ctx, ps, k + len(cue), k + len(cue) + 3)
        # the speaker takes part in the event where he speaks: "ujar Idrus dalam diskusi E"
        people = [p for p in before if (e := ctx.entity(p)) and e.type is EntityType.PERSON]
        if people:
            joined = _joined_people(ps, people, phrases.subject_joiners)
            pairs = [(person, obj, conf.participation) for person in joined]
        else:
            pairs = [(_subject(ctx, before, _ALL, nearest=False), obj, conf.participation)]
    elif relation == "locatedIn":
        obj = _first(ctx, _pieces_after(ps, k + len(cue), 3), {EntityType.PLACE})
        kinds = {EntityType.EVENT, EntityType.ORGANIZATION, EntityType.PLACE}
        subj = _subject(ctx, before, kinds, nearest=True)
        pairs = [(subj, obj, conf.location)]
    elif (
        relation == "memberOf"
        and cue[0] in phrases.membership_nouns
        and (pair := _membership_of(ctx, ps, k + len(cue)))
    ):
        pairs = [(pair[0], pair[1], conf.membership)]  # "keanggotaan Kota Depok dalam Apeksi"
    elif relation == "memberOf":
        obj = _first(ctx, after[:3], {EntityType.ORGANIZATION})
        subj = _subject(ctx, before, _ALL, nearest=False)
        if subj is None and obj is not None:
            subj = _first(ctx, [p for p in ps.pieces if p.start > obj.end], _ORG_PLACE)
        if (
            subj is None
            and obj is not None
            and phrases.subject_pronouns & {t.lower for t in ps.tokens[:k]}
        ):
            subj = ctx.last_person(ps.sentence.index, obj.start)
        members = _members_listed(ctx, ps, before, subj)
        pairs = [(member, obj, conf.membership) for member in members]
    else:  # cooperatesWith
        pairs = _cooperation_pairs(ctx, ps, cue, k, before)
    for subj, obj, confidence in pairs:
        s, o = ctx.res.key_of(subj), ctx.res.key_of(obj)
        if not s or not o or subj is None or obj is None:
            continue
        if relation == "cooperatesWith":
            s, o = _as_party(ctx, s), _as_party(ctx, o)
        if _valid(ctx, s, relation, o):
            start = min(subj.start, cue_start)
            end = max(obj.end, cue_end)
            yield _relation(ps, s, relation, o, start, end, confidence, rule)


def _event_anaphor(ctx: _Context, ps: ParsedSentence, start: int, end: int) -> Piece | None:
    """The event an event noun and a demonstrative between tokens start and end point back
    at ("kegiatan tersebut", "acara itu", "tengah acara ini"): the one named last before."""
    words = ps.lower[start:end]
    for n, word in enumerate(words[:-1]):
        if word in ctx.lex.event_nouns and words[n + 1] in ctx.phrases.demonstratives:
            return ctx.last_event(ps.tokens[start + n].start)
    return None


def _attendance_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "Upacara Praspa ... dihadiri oleh Wakil Presiden A, Panglima TNI B ...", "Kegiatan itu
    diselenggarakan oleh Dinas X": the event before a passive word of taking part (or the one
    named last, when a noun and a demonstrative stand for it), and the persons after it (the
    first name after it may be a body or a region)."""
    words = ps.lower
    for k in range(len(words)):
        cue = next(
            (c for c in ctx.phrases.passive_participation if tuple(words[k : k + len(c)]) == c),
            None,
        )
        if cue is None:
            continue
        cue_start = ps.tokens[k].start
        events = [
            p
            for p in _pieces_before(ps, k)
            if (e := ctx.entity(p)) is not None and e.type is EntityType.EVENT
        ]
        event = events[-1] if events else _event_anaphor(ctx, ps, max(0, k - 4), k)
        if event is None:
            continue
        after = [p for p in _pieces_after(ps, k + len(cue), len(words)) if ctx.entity(p)]
        for n, piece in enumerate(after):
            entity = ctx.entity(piece)
            if entity is None or id(piece) in ctx.title_units:
                continue
            if entity.type is not EntityType.PERSON and (n or _locative(ctx, ps, piece)):
                continue
            s, o = ctx.res.key_of(piece), ctx.res.key_of(event)
            if s and o and _valid(ctx, s, "participatedIn", o):
                start, end = min(event.start, cue_start), max(piece.end, cue_start)
                conf, rule = ctx.conf.participation, "cue:" + " ".join(cue)
                yield _relation(ps, s, "participatedIn", o, start, end, conf, rule)
        return


_MEMBER_CLASSES = frozenset({"PoliticalParty", "Legislature", "Association"})


def _affiliation_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "Andi Wijaya (TNI AD)", "Deddy Sitorus (PDIP)": a body in brackets right after a
    person is the body the person serves (worksFor) or belongs to (memberOf: a party, a
    council, an association)."""
    pieces = [p for p in ps.pieces if p.kind in ("name", "unknown") and ctx.entity(p)]
    for person, body in pairwise(pieces):
        subject, obj = ctx.entity(person), ctx.entity(body)
        if subject is None or obj is None or subject.type is not EntityType.PERSON:
            continue
        if obj.type is not EntityType.ORGANIZATION:
            continue
        k, j = ps.index_of(person.last_word), ps.index_of(body.words[0])
        end = ps.index_of(body.last_word)
        if j != k + 2 or ps.lower[k + 1] != "(" or ps.lower[end + 1 : end + 2] != [")"]:
            continue
        predicate = "memberOf" if obj.cls in _MEMBER_CLASSES else "worksFor"
        if _valid(ctx, subject.key, predicate, obj.key):
            conf, rule = ctx.conf.apposition, "affiliation"
            yield _relation(ps, subject.key, predicate, obj.key, person.start, body.end, conf, rule)


def _speaker_event_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "ujar Prabowo dalam Sidang Kabinet Paripurna": who speaks in an event takes part."""
    speakers = [p for p in ps.pieces if p.speaker and ctx.entity(p) is not None]
    if not speakers:
        return
    for piece in ps.pieces:
        event = ctx.entity(piece)
        k = ps.index_of(piece.words[0])
        if event is None or event.type is not EntityType.EVENT or k < 1:
            continue
        if ps.lower[k - 1] not in ctx.phrases.event_in:
            continue
        for speaker in speakers:
            s = ctx.res.key_of(speaker)
            if speaker.end <= piece.start and s and _valid(ctx, s, "participatedIn", event.key):
                conf, rule = ctx.conf.participation, "speaker-in-event"
                yield _relation(
                    ps, s, "participatedIn", event.key, speaker.start, piece.end, conf, rule
                )


def _joined_people(
    ps: ParsedSentence, people: list[Piece], joiners: tuple[tuple[str, ...], ...]
) -> list[Piece]:
    """The last person before a cue and the persons joined to it: "Wali Kota A X bersama Wali
    Kota B Y menghadiri ..." and "X dan Y mengikuti ..." both take part."""
    titles = {id(p.holder): p for p in ps.pieces if p.kind == "title" and p.holder is not None}
    joined = [people[-1]]
    for person in reversed(people[:-1]):
        first = titles.get(id(joined[0]), joined[0])  # the title opens the later person's phrase
        gap = tuple(t.lower for t in ps.between(person.end, first.start))
        if gap not in joiners:
            break
        joined.insert(0, person)
    return joined


def _members_listed(
    ctx: _Context, ps: ParsedSentence, before: list[Piece], first: Piece | None
) -> list[Piece | None]:
    """The subject and the names listed after it: "Kota Semarang, Kota Surakarta, dan
    Kabupaten Kudus bergabung dalam ..." are each a member."""
    if first is None or first not in before:
        return [first]
    members = [first]
    for piece in before[before.index(first) + 1 :]:
        entity = ctx.entity(piece)
        if entity is None or id(piece) in ctx.title_units:
            continue
        gap = tuple(_between(ps, members[-1], piece))
        if entity.type is EntityType.EVENT or gap not in ctx.phrases.list_gaps:
            break
        members.append(piece)
        if gap[-1] in ctx.phrases.list_ends:
            return list(members)  # "A, B, dan C": the list ends with its last member
    return [first]  # "Kota Bogor, Jawa Barat, bergabung ...": an apposition, not a list


def _reported_from(ctx: _Context, ps: ParsedSentence, k: int) -> int | None:
    """Offset where reported speech starts before token k ("X mengatakan [bahwa] ..."), if any."""
    for j in range(k - 1, -1, -1):
        word = ps.tokens[j].lower
        if word in ctx.lex.speech_before or word in ctx.phrases.complementisers:
            return ps.tokens[j].end
    return None


def _membership_of(ctx: _Context, ps: ParsedSentence, k: int) -> tuple[Piece, Piece] | None:
    after = [p for p in _pieces_after(ps, k, 8) if ctx.entity(p) is not None]
    if len(after) < 2 or ps.index_of(after[0].words[0]) != k:
        return None
    member, body = after[0], after[1]
    if tuple(_between(ps, member, body)) not in ctx.phrases.membership_links:
        return None
    entity = ctx.entity(body)
    if entity is None or entity.type is not EntityType.ORGANIZATION:
        return None
    return member, body


def _party(ctx: _Context, piece: Piece) -> bool:
    entity = ctx.entity(piece)
    return (
        entity is not None
        and entity.type in _ORG_PLACE
        and entity.cls not in ("WorldRegion", "Venue")
    )


def _locative(ctx: _Context, ps: ParsedSentence, piece: Piece) -> bool:
    k = ps.index_of(piece.words[0])
    return k > 0 and ps.tokens[k - 1].lower in ctx.phrases.locatives


def _listed(ctx: _Context, ps: ParsedSentence, k: int) -> list[Piece]:
    """The parties listed from token k on: "A, B, dan C" / "A dengan B" (venues allowed)."""
    found: list[Piece] = []
    for piece in _pieces_after(ps, k, 16):
        entity = ctx.entity(piece)
        if entity is None or entity.type not in _ORG_PLACE or entity.cls == "WorldRegion":
            continue
        if not found:
            if ps.index_of(piece.words[0]) - k > 2:
                break
        elif tuple(_between(ps, found[-1], piece)) not in ctx.phrases.list_gaps:
            break
        found.append(piece)
    return found


def _joined_pair(
    ctx: _Context, ps: ParsedSentence, parties: list[Piece]
) -> tuple[Piece, Piece] | None:
    """The last two parties joined by "dan": "Pemprov Jabar dan Pemerintah Prefektur Shizuoka"."""
    for a, b in reversed(list(pairwise(parties))):
        if tuple(_between(ps, a, b)) in ctx.phrases.pair_joiners:
            return a, b
    return None


def _cooperation_pairs(
    ctx: _Context, ps: ParsedSentence, cue: tuple[str, ...], k: int, before: list[Piece]
) -> list[tuple[Piece | None, Piece | None, float]]:
    conf, phrases = ctx.conf, ctx.phrases
    if cue[-1] in phrases.between:  # "kerja sama antara A dan B", "sinergi antara A, B, dan C"
        found = _listed(ctx, ps, k + len(cue))
        return [(a, b, conf.cooperation) for n, a in enumerate(found) for b in found[n + 1 :]]
    near = [
        p
        for p in _pieces_after(ps, k + len(cue), 3)
        if _party(ctx, p) and not _locative(ctx, ps, p)
    ]
    obj = near[0] if near else None
    signers = [
        p
        for p in before
        if (e := ctx.entity(p)) and e.type is EntityType.PERSON and e.key in ctx.offices
    ]
    if obj is None and cue[-1] not in phrases.with_words and len(signers) >= 2:
        # "Wali Kota A X dan Wali Kota B Y menandatangani MoU": the two heads sign for their
        # regions
        return [(signers[-2], signers[-1], conf.cooperation_pair)]
    signer = _subject(ctx, before, {EntityType.PERSON}, nearest=False)
    if signer is not None and ctx.res.key_of(signer) in ctx.offices:
        return [(signer, obj, conf.cooperation)]
    parties = [p for p in before if _party(ctx, p) and not p.speaker and not _locative(ctx, ps, p)]
    if obj is None and cue[-1] not in phrases.with_words:  # "A dan B menandatangani MoU"
        pair = _joined_pair(ctx, ps, parties)
        return [(pair[0], pair[1], conf.cooperation_pair)] if pair else []
    return [(parties[-1] if parties else None, obj, conf.cooperation)]


def _agreement_between(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "nota kesepahaman ... kerja sama X antara A dengan B": "antara" a few words after an
    agreement noun lists the parties."""
    words = [t.lower for t in ps.tokens]
    phrases = ctx.phrases
    for k, word in enumerate(words):
        if word not in phrases.between:
            continue
        if not phrases.agreement_nouns & set(words[max(0, k - 7) : k]):
            continue
        if k > 0 and words[k - 1] in phrases.agreement_cue_words:
            continue  # the plain cue already covers "kerja sama antara"
        found = _listed(ctx, ps, k + 1)
        for n, a in enumerate(found):
            for b in found[n + 1 :]:
                s, o = ctx.res.key_of(a), ctx.res.key_of(b)
                if s and o and _valid(ctx, s, "cooperatesWith", o):
                    yield _relation(
                        ps,
                        s,
                        "cooperatesWith",
                        o,
                        ps.tokens[k].start,
                        b.end,
                        ctx.conf.agreement_between,
                        "cue:agreement antara",
                    )


# ---------------------------------------------------------------- article frame
def _frame_relations(ctx: _Context, anatomy: Anatomy) -> Iterator[Relation]:
    if anatomy.dateline is not None and anatomy.region is not None:  # "Medan, Sumut (ANTARA)"
        place = ctx.res.by_span.get((anatomy.dateline.start, anatomy.dateline.end))
        region = ctx.res.by_span.get((anatomy.region.start, anatomy.region.end))
        if place and region and _valid(ctx, place, "locatedIn", region):
            start, end = anatomy.dateline.start, anatomy.region.end
            conf = ctx.conf.dateline
            yield Relation(place, "locatedIn", region, -1, start, end, conf, "dateline")
    for credit in anatomy.credits:
        key = ctx.res.by_span.get((credit.name.start, credit.name.end))
        if key:
            yield Relation(
                ARTICLE,
                credit.role,
                key,
                -1,
                credit.name.start,
                credit.name.end,
                ctx.conf.credit_line,
                "credit-line",
            )
    for span in anatomy.outlets:
        key = ctx.res.by_span.get((span.start, span.end))
        if key:
            conf = ctx.conf.publisher
            rule = "dateline-or-copyright"
            yield Relation(ARTICLE, "publisher", key, -1, span.start, span.end, conf, rule)


def _outlet_relations(ctx: _Context, ps: ParsedSentence) -> Iterator[Relation]:
    for piece in ps.pieces:
        entity = ctx.entity(piece)
        if entity is None or entity.cls != "NewsOutlet":
            continue
        for cue in ctx.phrases.outlet_cues:
            before = [t.lower for t in ps.tokens if t.end <= piece.start][-len(cue) :]
            if tuple(before) == cue:
                conf = ctx.conf.told_outlet
                yield _relation(
                    ps,
                    ARTICLE,
                    "publisher",
                    entity.key,
                    piece.start,
                    piece.end,
                    conf,
                    "told-outlet",
                )
                break


def find_relations(
    parsed: list[ParsedSentence], resolution: Resolution, anatomy: Anatomy, lex: Lexicon
) -> list[Relation]:
    """Every relation the rules find: one per (subject, predicate, object), best evidence kept."""
    ctx = _Context(parsed, resolution, lex)
    found: list[Relation] = list(_frame_relations(ctx, anatomy))
    for ps in parsed:
        found += _title_relations(ctx, ps)
        found += _apposition_relations(ctx, ps)
        found += _event_place_relations(ctx, ps)
        found += _placed_relations(ctx, ps)
        found += _namely_relations(ctx, ps)
        found += _cue_relations(ctx, ps)
        found += _attendance_relations(ctx, ps)
        found += _speaker_event_relations(ctx, ps)
        found += _affiliation_relations(ctx, ps)
        found += _agreement_between(ctx, ps)
        found += _outlet_relations(ctx, ps)
    best: dict[tuple[str, str, str], Relation] = {}
    for relation in found:
        key = (relation.subject, relation.predicate, relation.object)
        if RELATIONS[relation.predicate].symmetric:
            key = (
                min(relation.subject, relation.object),
                relation.predicate,
                max(relation.subject, relation.object),
            )
        if key not in best or relation.confidence > best[key].confidence:
            best[key] = relation
    return sorted(best.values(), key=lambda r: (r.sentence, r.start, r.predicate))
