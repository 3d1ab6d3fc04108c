"""Read every sentence of an article into typed pieces, using the whole sentence as context.

Two passes: the first learns the short forms the article defines in brackets, the second cuts
each chunk into pieces (:mod:`kg.extract.names`) and then decides what the leftover unknown
words are from the words around them: a speech verb ("kata Bima"), an apposition
("Sekretaris Dinas X, Agus Ridhallah,"), a role phrase ("Adi Susanto selaku Ketua KPU").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from kg.extract.chunks import Chunk, abbreviates, find_chunks
from kg.extract.lexicon import KnownName, Lexicon, words_of
from kg.extract.ner import tag
from kg.extract.pieces import DocNames, Piece, surface
from kg.extract.segment import ChunkParser
from kg.extract.text import Token, tokenize
from kg.model.records import Sentence
from kg.model.terms import EntityType

__all__ = ["ParsedSentence", "read_sentences"]

_ROLE_LINKS = (
    ("selaku",),
    ("sebagai",),
    ("dari", "jabatan"),
    ("yang", "juga"),
    ("yang", "menjabat"),
)
_NICKNAME_CUES = (
    ("akrab", "disapa"),
    ("biasa", "disapa"),
    ("akrab", "dipanggil"),
    ("biasa", "dipanggil"),
    ("disapa",),
    ("alias",),
)


@dataclass(slots=True)
class ParsedSentence:
    """One sentence: its tokens, chunks and the pieces found in them."""

    sentence: Sentence
    tokens: list[Token]
    chunks: list[Chunk]
    pieces: list[Piece]
    nicknames: list[tuple[Piece, Piece]]  # (person, nickname piece)
    lower: list[str] = field(init=False)
    _index: dict[int, int] = field(init=False, repr=False)
    _ends: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.lower = [t.lower for t in self.tokens]
        self._index = {t.start: k for k, t in enumerate(self.tokens)}
        self._ends = [t.end for t in self.tokens]

    def index_of(self, token: Token) -> int:
        return self._index.get(token.start, -1)

    def between(self, end: int, start: int) -> list[Token]:
        """The tokens that lie wholly between offsets ``end`` and ``start`` (in order)."""
        tokens = self.tokens
        first = bisect_left(self._ends, end)  # tokens ending before ``end`` start before it
        while first < len(tokens) and tokens[first].start < end:
            first += 1
        last = bisect_right(self._ends, start)
        return tokens[first:last]


def _learn_definitions(chunk: Chunk, parser: ChunkParser, doc: DocNames) -> None:
    words = chunk.words
    for definition in chunk.definitions:
        short_text = surface(list(definition.short))
        p = definition.position
        if p == 0:
            continue
        start = parser.long_form_start(words, p, short_text)
        long_words = words[start:p]
        if short_text.lower() in parser.lex.terms:
            continue  # "Produk Domestik Bruto (PDB)": a term, not a name
        if not long_words or parser.title_at(long_words, 0)[0] == len(long_words):
            continue  # "Sekretaris Jenderal (Sekjen)": a title's short form, in titles.tsv
        if not parser.is_name_phrase(long_words):
            continue  # "Rencana Aksi Nasional (RAN)": a term, not a name
        if not _plausible_short(definition.short, long_words, parser):
            continue
        rest = words[p:] if p < len(words) else []
        full = surface(long_words + _region_tail(rest, parser))
        if rest:
            tail = surface(_region_tail(rest, parser))
            if tail:
                doc.add(f"{short_text} {tail}", full, None)
        if p == len(words) or all(t.is_upper for t in definition.short):
            doc.add(short_text, full, None, short=True)


_BARE_PLACE_CLASSES = frozenset({"Province", "Regency", "City", "District", "Village"})


def _learn_bare_place(piece: Piece, parser: ChunkParser, doc: DocNames) -> None:
    """ "Prefektur Shizuoka", "Desa Sukamaju": later the bare name ("Shizuoka bisa ...") is
    the same place, not a person."""
    if piece.rule != "place-head" or piece.cls not in _BARE_PLACE_CLASSES:
        return
    n = parser.head_at(piece.words, 0)[0]
    if 0 < n < len(piece.words):
        full = piece.name or surface(piece.words)
        doc.add(surface(piece.words[n:]), full, piece.cls, candidates=piece.candidates)
        doc.classes.setdefault(full, piece.cls)


def _learn_body(piece: Piece, doc: DocNames) -> None:
    """ "Yayasan Pandu Cendekia": a body's whole name, so that "Ketua Yayasan Pandu Cendekia
    Fajar R Budiman" later ends the body where the article's own name for it ends."""
    if piece.type is not EntityType.ORGANIZATION or not piece.rule.startswith("head:"):
        return
    if len(piece.words) >= 3 and not piece.derived and not piece.span:
        form = surface(piece.words)
        doc.add(form, piece.name or form, piece.cls)


def _plausible_short(
    short: tuple[Token, ...], long_words: list[Token], parser: ChunkParser
) -> bool:
    """An acronym, or a short word that abbreviates the long form or names a headed body."""
    if all(t.is_upper for t in short):
        return True
    text = surface(list(short))
    if abbreviates(text, [w.text for w in long_words], parser.lex.joiners):
        return True
    return parser.head_at(long_words, 0)[1] is not None


def _region_tail(rest: list[Token], parser: ChunkParser) -> list[Token]:
    place = parser.place_at(rest, 0) if rest else None
    return list(place.words) if place is not None else []


def _before(ps: ParsedSentence, piece: Piece, n: int) -> tuple[str, ...]:
    k = ps.index_of(piece.words[0])
    return tuple(ps.lower[max(0, k - n) : k]) if k >= 0 else ()


_CUE_SETS: dict[int, tuple[tuple[tuple[str, ...], ...], dict[int, frozenset[tuple[str, ...]]]]] = {}


def _preceded_by(ps: ParsedSentence, piece: Piece, cues: tuple[tuple[str, ...], ...]) -> bool:
    """Whether one of the cue phrases ends right before the piece (same as comparing
    ``_before(ps, piece, len(cue))`` with every cue, with one lookup per cue length)."""
    known = _CUE_SETS.get(id(cues))
    if known is None or known[0] is not cues:
        by_length: dict[int, set[tuple[str, ...]]] = {}
        for cue in cues:
            by_length.setdefault(len(cue), set()).add(cue)
        known = (cues, {n: frozenset(group) for n, group in by_length.items()})
        _CUE_SETS[id(cues)] = known
    k = ps.index_of(piece.words[0])
    if k < 0:
        return False
    lower = ps.lower
    return any(k >= n and tuple(lower[k - n : k]) in group for n, group in known[1].items())


def _after(ps: ParsedSentence, piece: Piece, n: int) -> tuple[str, ...]:
    k = ps.index_of(piece.words[-1])
    return tuple(ps.lower[k + 1 : k + 1 + n]) if k >= 0 else ()


def _looks_like_name(piece: Piece, lex: Lexicon) -> bool:
    words = [w for w in piece.words if w.is_word and w.text not in lex.joiners]
    if not words or len(words) > 8:
        return False
    if any(w.lower in lex.pronouns for w in words):
        return False
    if all(lex.is_common(w.text) for w in words):
        return False
    return all(w.text[:1].isupper() and not w.text[:1].isdigit() for w in words)


def _mark_speakers(ps: ParsedSentence, lex: Lexicon) -> None:
    speech, lower = lex.speech, ps.lower
    for piece in ps.pieces:
        if piece.kind in ("name", "unknown"):
            # the one or two words before the piece (as _before(ps, piece, 1 and 2) reads them)
            k = ps.index_of(piece.words[0])
            before2 = " ".join(lower[max(0, k - 2) : k]) if k >= 0 else ""
            if (k >= 1 and lower[k - 1] in speech) or before2 in speech:
                piece.speaker = True


_LANGUAGE_WORDS = frozenset({"bahasa", "sastra"})


def _leading_cues(ps: ParsedSentence, lex: Lexicon) -> None:
    """ "Teradu Adi Susanto", "Pelapor Rifiq Syahri": a capitalised person cue that opens an
    unknown piece is not part of the name; it says the rest is a person's."""
    for piece in ps.pieces:
        if piece.kind != "unknown" or piece.cls is not None:
            continue
        lower = tuple(w.lower for w in piece.words)
        for cue in lex.person_cues:
            if len(lower) > len(cue) and lower[: len(cue)] == cue:
                piece.words = piece.words[len(cue) :]
                piece.cls, piece.rule = "Person", "person-cue"
                break


_INITIAL_CUES = frozenset({"berinisial", "inisial", "bernama"})
_AGE = re.compile(r"^\d{1,2}$")


def _initials_and_ages(ps: ParsedSentence) -> None:
    """ "tersangka berinisial AS (34)": initials after "berinisial", or a name followed by an
    age in brackets, are a person even where a gazetteer knows the letters (AS: the USA)."""
    for piece in ps.pieces:
        if piece.kind not in ("name", "unknown") or piece.cls == "Person" or len(piece.words) > 3:
            continue
        k = ps.index_of(piece.words[0])
        end = ps.index_of(piece.words[-1]) + 1
        cued = k > 0 and ps.lower[k - 1] in _INITIAL_CUES
        aged = ps.lower[end : end + 1] == ["("] and ps.lower[end + 2 : end + 3] == [")"]
        if aged and piece.kind == "name" and piece.type is not EntityType.PLACE:
            aged = False  # "Gerindra (86)": a party's seats, not an age
        if cued or (aged and bool(_AGE.match(ps.lower[end + 1]))):
            piece.kind, piece.cls, piece.rule = "unknown", "Person", "initials-or-age"
            piece.candidates, piece.name = (), None


def _drop_non_names(ps: ParsedSentence, lex: Lexicon) -> None:
    """Capitalised words that name no entity leave the sentence's pieces."""
    ps.pieces = [p for p in ps.pieces if not _names_nothing(ps, p, lex)]


def _names_nothing(ps: ParsedSentence, piece: Piece, lex: Lexicon) -> bool:
    """A language ("Bahasa Indonesia": not the place), a term ("PDB", "APBN 2025", "Rancangan
    Undang-Undang") or a degree on its own ("Hermanto Siregar, M.Si.")."""
    if piece.kind not in ("name", "unknown") or piece.derived:  # "Menteri BUMN": the ministry
        return False
    k = ps.index_of(piece.words[0])
    before = ps.lower[k - 1] if k > 0 else ""
    if piece.kind == "name" and piece.type is EntityType.PLACE and before in _LANGUAGE_WORDS:
        return True
    words = piece.words
    named = [w for w in words if w.is_word]
    if named and all(w.lower in lex.degrees for w in named):
        return True
    while len(words) > 1 and words[-1].text.isdigit():
        words = words[:-1]
    return surface(words).lower() in lex.terms


def _classify_unknowns(ps: ParsedSentence, parser: ChunkParser) -> None:
    """Decide from the words around them what unknown pieces are (mostly: persons)."""
    lex = parser.lex
    pieces = ps.pieces
    _speaking_regions(ps, lex)
    for k, piece in enumerate(pieces):
        if piece.kind == "unknown" and piece.cls is None and _celebrated(ps, piece):
            piece.cls, piece.rule = "Event", "celebrated"
        if piece.kind == "unknown" and piece.cls is None and _looks_like_name(piece, lex):
            _classify_one(ps, k, piece, parser)
        lead = pieces[k - 1] if k and pieces[k - 1].kind == "honorific" else piece
        if piece.cls == "Person" and _before(ps, lead, 1) == (",",):
            title = _open_title(pieces, k)
            if title is not None and title.holder is None:
                title.holder = piece  # "Kasubdit ... Polda Lampung, AKBP Ferdiyan Fahmi"


_REGION_CLASSES = frozenset({"Province", "Regency", "City"})


def _speaking_regions(ps: ParsedSentence, lex: Lexicon) -> None:
    """A bare one-word region name right after a speech verb is the speaker's name, not the
    region's: regions do not speak ("ujar Bima", "kata Bima Arya" with the rest of the name)."""
    pieces = ps.pieces
    for k, piece in enumerate(pieces):
        if piece.kind != "name" or piece.cls not in _REGION_CLASSES or len(piece.words) != 1:
            continue
        before = _before(ps, piece, 1)
        if not before or before[0] not in lex.speech:
            continue
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        if (
            nxt is not None
            and nxt.kind == "unknown"
            and ps.index_of(nxt.words[0]) == ps.index_of(piece.words[-1]) + 1
        ):
            piece.words = [*piece.words, *nxt.words]
            del pieces[k + 1]
        piece.kind, piece.cls, piece.rule = "unknown", "Person", "speech-verb"
        piece.candidates = ()


def _classify_one(ps: ParsedSentence, k: int, piece: Piece, parser: ChunkParser) -> None:
    lex = parser.lex
    pieces = ps.pieces
    before1, before2 = _before(ps, piece, 1), _before(ps, piece, 2)
    after1 = _after(ps, piece, 1)
    nxt = pieces[k + 1] if k + 1 < len(pieces) else None
    if (before1 and before1[0] in lex.speech) or " ".join(before2) in lex.speech:
        piece.cls, piece.rule = "Person", "speech-verb"
    elif after1 and after1[0] in lex.speech_before:
        piece.cls, piece.rule = "Person", "speaker-subject"
    elif _preceded_by(ps, piece, lex.person_cues):
        piece.cls, piece.rule = "Person", "person-cue"
    elif after1 == ("alias",) and nxt is not None and _looks_like_name(nxt, lex):
        piece.cls, piece.rule = "Person", "alias"
        nxt.cls, nxt.rule = "Person", "nickname"
        ps.nicknames.append((piece, nxt))
    elif before1 == (",",) and (title := _open_title(pieces, k)) is not None:
        piece.cls, piece.rule = "Person", "apposition"
        title.holder = piece
    elif (
        nxt is not None
        and nxt.kind == "title"
        and nxt.holder is None
        and (
            (after1 == (",",) and _before(ps, nxt, 1) == (",",))
            or any(_after(ps, piece, len(link)) == link for link in _ROLE_LINKS)
        )
    ):
        piece.cls, piece.rule = "Person", "apposition"
        nxt.holder = piece
    elif _quoted_event(ps, piece, lex):
        piece.cls, piece.rule = "Event", "quoted-event"
    elif _member_after_faction(ps, k):
        piece.cls, piece.rule = "Person", "title-faction"
    elif before1 in (("di",), ("ke",), ("dari",), (",",)):
        _maybe_place(ps, piece, parser)


# words after which a capitalised name is the day or occasion celebrated
_CELEBRATION = frozenset({"peringatan", "perayaan", "memperingati", "merayakan", "memeriahkan"})


def _celebrated(ps: ParsedSentence, piece: Piece) -> bool:
    """ "peringatan Hari Kesehatan Nasional ke-60", "merayakan Imlek": the occasion celebrated."""
    before = _before(ps, piece, 1)
    return bool(before) and before[0] in _CELEBRATION and piece.words[0].is_cap


def _quoted_event(ps: ParsedSentence, piece: Piece, lex: Lexicon) -> bool:
    """'dalam sebuah diskusi "Pembangunan Politik ..." di Jakarta': a named event."""
    k = ps.index_of(piece.words[0])
    j = ps.index_of(piece.words[-1])
    if k < 2 or j < 0 or j + 1 >= len(ps.tokens):
        return False
    quote = ps.tokens[k - 1].text
    if quote not in ("'", '"') or ps.tokens[j + 1].text != quote:
        return False
    before = [t.lower for t in ps.tokens[max(0, k - 3) : k - 1]]
    return any(word in lex.event_nouns for word in before)


def _member_after_faction(ps: ParsedSentence, k: int) -> bool:
    """ "Anggota DPRD Provinsi Jawa Barat dari Fraksi Gerindra Lina": Lina holds the office and
    belongs to the faction."""
    pieces = ps.pieces
    if k < 2:
        return False
    faction = pieces[k - 1]
    if faction.kind != "name" or faction.type is not EntityType.ORGANIZATION:
        return False
    gap = ps.index_of(pieces[k].words[0]) - ps.index_of(faction.words[-1]) - 1
    if gap not in (0, 1) or (gap and _before(ps, pieces[k], 1) != (",",)):
        return False  # "... dari Fraksi Gerindra Lina", "... dari Fraksi PKS, Abdul Hadi"
    if _before(ps, faction, 1) != ("dari",):
        return False
    title = _open_title(pieces, k - 1)
    if title is None:
        return False
    title.holder = pieces[k]
    title.extra_units.append(faction)
    return True


_TAGGER_MIN_CONFIDENCE = {"Person": 0.5, "Organization": 0.8, "Place": 0.8}


def _tag_unknowns(ps: ParsedSentence, lex: Lexicon) -> None:
    """Names the rules could not type: the statistical tagger (kg.extract.ner) decides."""
    unknown = [
        p for p in ps.pieces if p.kind == "unknown" and p.cls is None and _looks_like_name(p, lex)
    ]
    if not unknown:
        return
    ranges = [(ps.index_of(p.words[0]), ps.index_of(p.words[-1]) + 1) for p in unknown]
    spans = tag(ps.tokens, within=ranges)
    for piece, (first, last) in zip(unknown, ranges, strict=True):
        inside = [
            s
            for s in spans
            if first <= s.start_token
            and s.end_token <= last
            and s.confidence >= _TAGGER_MIN_CONFIDENCE.get(s.label.value, 1.0)
        ]
        if not inside:
            continue
        # one chunk may hold several names joined by "dan" ("dihadiri Andi Wijaya dan Budi
        # Santoso"): the first keeps the piece, each other one becomes a piece after it;
        # otherwise the longest name is the piece
        names = sorted(inside, key=lambda s: s.start_token)
        listed = all(
            a.end_token < b.start_token
            and all(
                t.text == "," or t.lower in lex.joiners
                for t in ps.tokens[a.end_token : b.start_token]
            )
            for a, b in pairwise(names)
        )
        if not listed:
            names = [max(inside, key=lambda s: (s.end_token - s.start_token, s.confidence))]
        at = ps.pieces.index(piece)
        for n, span in enumerate(names):
            words = ps.tokens[span.start_token : span.end_token]
            if n == 0:
                piece.words, piece.cls, piece.rule = words, span.label.value, span.model
            else:
                ps.pieces.insert(at + n, Piece("unknown", words, span.label.value, rule=span.model))


_PEER_GAPS = ([","], [",", "dan"], [",", "serta"], ["dan"], ["serta"])


def _list_peers(ps: ParsedSentence, lex: Lexicon) -> None:
    """Untyped names listed among persons are persons: "Rizal Firmansyah (S1 Teknik),
    Wulandari (S1 Manajemen), serta Hendra Kurniawan (S1 Hukum)" (asides in brackets skipped)."""
    depth, inside = 0, set()
    for token in ps.tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(token.start)
    names = [
        p for p in ps.pieces if p.kind in ("name", "unknown") and p.words[0].start not in inside
    ]
    pairs = []
    for a, b in pairwise(names):
        gap = [t.lower for t in ps.between(a.end, b.start) if t.start not in inside]
        if [w for w in gap if w not in ("(", ")")] in _PEER_GAPS:
            pairs.append((a, b))
    changed = bool(pairs)
    while changed:  # a person at either end of a list types the names listed with it
        changed = False
        for a, b in pairs:
            for known, other in ((a, b), (b, a)):
                if known.cls != "Person" or other.kind != "unknown" or other.cls is not None:
                    continue
                if _looks_like_name(other, lex):
                    other.cls, other.rule = "Person", "list-peer"
                    changed = True


_ENUMERATORS = (("yakni",), ("yaitu",), ("antara", "lain"), ("masing-masing",), (":",))


def _enumerated_holders(ps: ParsedSentence) -> None:
    """ "anggota DPRD Kota Bogor, yaitu A dan B", "tiga Anggota Majelis dari Tim Pemeriksa
    Daerah Sumut yakni A, B, dan C": each person listed holds the title."""
    pieces = ps.pieces
    for k, title in enumerate(pieces):
        if title.kind != "title" or title.holder is not None:
            continue
        unit = title.unit
        j = k + 1
        while j < len(pieces) and pieces[j].kind == "unknown" and pieces[j].cls is None:
            j += 1  # "Anggota Majelis dari ...": words of the title the lexicon does not know
        if unit is None and j < len(pieces) and pieces[j].type is EntityType.ORGANIZATION:
            if _before(ps, pieces[j], 1) != ("dari",):
                continue
            unit = pieces[j]
        if unit is None or unit not in pieces:
            continue
        people: list[Piece] = []
        for person in pieces[pieces.index(unit) + 1 :]:
            if person.cls != "Person":
                break
            gap = tuple(
                t.lower for t in ps.between((people[-1] if people else unit).end, person.start)
            )
            gap = tuple(w for w in gap if w != ",") if people else gap
            if people and gap not in ((), ("dan",), ("serta",)):
                break
            if not people and tuple(w for w in gap if w != ",") not in _ENUMERATORS:
                break
            people.append(person)
        if len(people) >= 2:
            title.unit, title.holder, title.co_holders = unit, people[0], people[1:]


def _maybe_place(ps: ParsedSentence, piece: Piece, parser: ChunkParser) -> None:
    """ "di Cibinong", "di Tebet Timur, Jakarta Selatan": a district, or a place before a region."""
    words = [w.lower for w in piece.words]
    for _, values in parser.lex.districts.matches(words, 0):
        if len(values) and len(words) == len(getattr(values[0], "name", "").split()):
            piece.cls, piece.rule = "District", "district-gazetteer"
            piece.candidates = tuple(v for v in values if isinstance(v, KnownName))
            return
    after = _after(ps, piece, 1)
    if after == (",",):
        k = ps.pieces.index(piece)
        nxt = ps.pieces[k + 1] if k + 1 < len(ps.pieces) else None
        if nxt is not None and nxt.type is EntityType.PLACE and nxt.cls != "Venue":
            # "Davos, Swiss" is a town of that country, never an Indonesian village
            piece.cls = "City" if _foreign(nxt) else "Village"
            piece.rule = "before-region"


def _foreign(piece: Piece) -> bool:
    """A place the gazetteers put outside Indonesia (a country, or a place in one)."""
    codes = {c.ident if c.cls == "Country" else c.parent for c in piece.candidates}
    return bool(codes) and all(
        code is not None and code.startswith("iso3166:") and code != "iso3166:ID" for code in codes
    )


def _link_titles(ps: ParsedSentence) -> None:
    """Titles that share a holder or a unit: "Ketua merangkap anggota KPU X",
    "Wali Kota Izu Peninsula yang juga Ketua Dewan Promosi Izu Geopark Yutaka Kikuchi"."""
    titles = [p for p in ps.pieces if p.kind == "title"]
    for first, second in pairwise(titles):
        gap = [t.lower for t in ps.tokens if (first.unit or first).end <= t.start < second.start]
        if gap in (["merangkap"], ["sekaligus"], ["dan"]) and first.unit is None:
            first.unit = second.unit
        if gap[:2] == ["yang", "juga"] or gap in (["merangkap"], ["sekaligus"]):
            first.holder = first.holder or second.holder
            second.holder = second.holder or first.holder


_POSTINGS = (EntityType.PLACE, EntityType.ORGANIZATION)  # to a country, or to ASEAN, the UN


def _envoys(ps: ParsedSentence) -> None:
    """ "Duta Besar Jepang untuk Indonesia Kenji Kanasugi": the country an envoy is posted to
    stands between the office and its holder."""
    pieces = ps.pieces
    for k, title in enumerate(pieces[:-2]):
        unit, themed = pieces[k + 1 : k + 3]
        if (  # "Duta Besar Belanda untuk HAM Kees van Dijk": a theme, then the envoy
            title.kind == "title"
            and title.holder is None
            and title.unit is unit
            and _after(ps, unit, 1) == ("untuk",)
            and themed.kind == "unknown"
            and len(themed.words) >= 3
            and themed.words[0].is_upper
            and themed.words[1].is_cap
        ):
            themed.words, themed.cls, themed.rule = themed.words[1:], "Person", "envoy"
            title.holder = themed
    for k, title in enumerate(pieces[:-3]):
        unit, to, holder = pieces[k + 1 : k + 4]
        if title.kind != "title" or title.holder is not None or title.unit is not unit:
            continue
        if _after(ps, unit, 1) != ("untuk",) or to.type not in _POSTINGS:
            continue
        untyped = holder.kind == "unknown" and holder.cls is None
        if holder.cls != "Person" and not untyped:
            continue
        if ps.index_of(holder.words[0]) != ps.index_of(to.words[-1]) + 1:
            continue
        if ps.index_of(to.words[0]) == ps.index_of(unit.words[-1]) + 2:
            title.holder = holder
            if untyped:  # the words after the posting are the envoy's name
                holder.cls, holder.rule = "Person", "envoy"


def _open_title(pieces: list[Piece], k: int) -> Piece | None:
    """The title just before pieces[k] without holder: only its unit, honorifics and the places
    that locate the unit between ("Kepala Desa Sukamaju, Kecamatan Cibadak, Kabupaten Sukabumi,
    Ujang Saepudin")."""
    between: list[Piece] = []
    for j in range(k - 1, -1, -1):
        piece = pieces[j]
        if piece.kind == "title":
            names = [b for b in reversed(between) if b.kind == "name"]
            unit = piece.unit
            if piece.holder is not None or (names and (unit is None or names[0] is not unit)):
                return None
            if all(n.type is EntityType.PLACE for n in names[1:]):
                return piece
            return None
        if piece.kind == "unknown":
            return None
        between.append(piece)
    return None


def _nicknames(ps: ParsedSentence) -> None:
    for k, piece in enumerate(ps.pieces):
        if piece.kind not in ("unknown", "name") or k == 0:
            continue
        if _preceded_by(ps, piece, _NICKNAME_CUES):
            person = next((p for p in reversed(ps.pieces[:k]) if p.cls == "Person"), None)
            if person is not None:
                piece.cls, piece.rule = "Person", "nickname"
                ps.nicknames.append((person, piece))


def read_sentences(
    text: str,
    sentences: list[Sentence],
    lex: Lexicon,
    tokens: list[list[Token]] | None = None,
) -> list[ParsedSentence]:
    """Tokenise, chunk and segment every sentence of an article.

    >>> from kg.extract.lexicon import load_lexicon
    >>> t = "Wali Kota Bogor Bima Arya hadir."
    >>> ps = read_sentences(t, [Sentence(0, 0, len(t), t)], load_lexicon())[0]
    >>> [(p.cls, surface(p.words)) for p in ps.pieces]
    [(None, 'Wali Kota'), ('City', 'Bogor'), ('Person', 'Bima Arya')]
    """
    doc = DocNames()
    parser = ChunkParser(lex, doc)
    parsed: list[ParsedSentence] = []
    for n, sentence in enumerate(sentences):
        words = tokens[n] if tokens is not None else tokenize(text, sentence.start, sentence.end)
        chunks = find_chunks(words, lex)
        parsed.append(ParsedSentence(sentence, words, chunks, [], []))
        for chunk in chunks:
            _learn_definitions(chunk, parser, doc)
    for ps in parsed:
        for chunk in ps.chunks:
            pieces = parser.parse(chunk)
            _attach_definitions(chunk, pieces)
            for piece in pieces:
                if piece.kind == "name" and piece.cls:
                    doc.classes.setdefault(piece.name or surface(piece.words), piece.cls)
                    _learn_bare_place(piece, parser, doc)
                    _learn_body(piece, doc)
            ps.pieces.extend(pieces)
        _drop_non_names(ps, lex)
        _leading_cues(ps, lex)
        _initials_and_ages(ps)
        _classify_unknowns(ps, parser)
        _tag_unknowns(ps, lex)
        _list_peers(ps, lex)
        _enumerated_holders(ps)
        _link_titles(ps)
        _envoys(ps)
        _mark_speakers(ps, lex)
        _nicknames(ps)
        for piece in ps.pieces:
            if piece.cls == "Person" and len(piece.words) >= 2:
                _learn_person(piece, doc, lex)
            elif piece.kind == "unknown" and piece.cls == "Organization" and len(piece.words) <= 4:
                # a body only the tagger knew ("GoTo"): "CEO GoTo Patrick Walujo" later
                form = surface(piece.words)
                doc.add(form, form, "Organization")
    return parsed


def _learn_person(piece: Piece, doc: DocNames, lex: Lexicon) -> None:
    """Remember a person's full name and the short forms later sentences may use for it."""
    full = surface(piece.words)
    doc.add(full, full, "Person")
    names = [w.text for w in piece.words if w.is_word and len(w.text) > 1]
    shorts = {" ".join(names[:2])} if len(names) > 2 else set()
    shorts |= {n for n in names if len(n) >= 3}
    for short in shorts:
        if not lex.is_common(short) and short.lower() not in lex.honorifics:
            doc.add(short, full, "Person")
    doc.classes[full] = "Person"


def _attach_definitions(chunk: Chunk, pieces: list[Piece]) -> None:
    """Give a name the short forms bracketed inside or right after it."""
    if not chunk.definitions:
        return
    index = {id(w): k for k, w in enumerate(chunk.words)}
    for definition in chunk.definitions:
        short = surface(list(definition.short))
        if len(definition.short) >= 2 and not all(t.is_upper for t in definition.short):
            continue
        for piece in pieces:
            if piece.kind != "name":
                continue
            covered = piece.span or piece.words
            first, last = index.get(id(covered[0])), index.get(id(piece.words[-1]))
            if first is None or last is None or not first < definition.position <= last + 1:
                continue
            rest = chunk.words[definition.position : last + 1]
            if definition.position == last + 1:
                piece.aliases.append(short)
            else:
                piece.aliases.append(f"{short} {surface(rest)}".strip())
                if all(t.is_upper for t in definition.short):
                    piece.aliases.append(short)
            break


def words_key(text: str) -> tuple[str, ...]:
    """The lower-cased words of a form, for comparing names."""
    return tuple(w for w in words_of(text) if w.isalnum() or "-" in w)
