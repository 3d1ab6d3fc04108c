"""What the relation rules of one article share: its entities by piece, the regions its
titles hold, and the small readings every family of rules makes (the words between two names,
the names after a word, whether a name follows a locative, whether one place can hold another).
"""

from __future__ import annotations

from bisect import bisect_left

from kg.extract.lexicon import Lexicon
from kg.extract.mentions import ParsedSentence
from kg.extract.pieces import Piece
from kg.extract.resolve import Resolution
from kg.model.records import ARTICLE, Entity, Relation
from kg.model.terms import RELATIONS, EntityType

LEVEL = {
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

# the kinds of region a title without its region may take from the article when the article
# names just one (a head of state is the country's only where the article names it)
_HOME_REGION_CLASSES = {
    "place:Country": frozenset({"Country"}),
    "place:City": frozenset({"City"}),
    "place:Regency": frozenset({"Regency"}),
    "place:Province": frozenset({"Province"}),
    "place:Region": frozenset({"City", "Regency"}),
}


class Context:
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
        it), or None when it names none or several. A head of state with no country written
        is the home country's only ("Presiden Prabowo" in an article naming Indonesia alone):
        an article about Argentina that names no other country says nothing of his."""
        wanted = _HOME_REGION_CLASSES.get(unit)
        if wanted is None:
            return None
        regions = [e for e in self.entities.values() if e.cls in wanted]
        if len(regions) != 1:
            return None
        if "Country" in wanted:
            names = {tuple(n.lower().split()) for n in (regions[0].name, *regions[0].aliases)}
            if not names & set(self.phrases.home_country):
                return None
        return regions[0].key

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


def new_relation(
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


def valid(ctx: Context, s: str, p: str, o: str) -> bool:
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


def level(entity: Entity) -> int:
    return LEVEL.get(entity.cls, 5 if entity.type is EntityType.PLACE else 6)


def contains(ctx: Context, outer: Entity, inner: Entity) -> bool:
    """Whether ``outer`` can contain ``inner`` (gazetteer ancestry when both are known)."""
    if outer.type is not EntityType.PLACE:
        return False
    if inner.ident and outer.ident:
        return outer.ident in ctx.ancestors(inner.ident) and outer.ident != inner.ident
    if inner.ident is None and inner.type is EntityType.PLACE and inner.cls == "City":
        parent = world_parent(ctx, inner)
        if parent is not None and outer.ident:
            return parent == outer.ident
    return level(outer) < level(inner)


def world_parent(ctx: Context, entity: Entity) -> str | None:
    for words in {tuple(m.text.lower().split()) for m in entity.mentions}:
        for known in ctx.lex.names.get(words):
            parent = getattr(known, "parent", None)
            if parent:
                return str(parent)
    return None


def between(ps: ParsedSentence, a: Piece, b: Piece) -> list[str]:
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


def pieces_after(ps: ParsedSentence, token_index: int, window: int) -> list[Piece]:
    if token_index >= len(ps.tokens):
        return []
    start = ps.tokens[token_index].start
    limit = ps.tokens[min(len(ps.tokens) - 1, token_index + window)].end
    return [p for p in ps.pieces if p.kind != "title" and start <= p.start <= limit]


def pieces_before(ps: ParsedSentence, token_index: int) -> list[Piece]:
    end = ps.tokens[token_index].start
    return [p for p in ps.pieces if p.kind != "title" and p.end <= end]


def locative(ctx: Context, ps: ParsedSentence, piece: Piece) -> bool:
    """Whether a locative ("di", "ke" ...) stands right before the piece, or before an office
    word in lower case before it ("di kantor pusat Kemenkeu", "di gedung DPRD Banten")."""
    k = ps.index_of(piece.words[0]) - 1
    tokens, phrases = ps.tokens, ctx.phrases
    while k > 0 and tokens[k].text.islower() and tokens[k].lower in phrases.office_qualifiers:
        k -= 1
    if k > 0 and tokens[k].text.islower() and tokens[k].lower in phrases.office_heads:
        k -= 1
    return k >= 0 and tokens[k].lower in phrases.locatives
