"""Read every sentence of an article into typed pieces, using the whole sentence as context.

The sentence stages of the pipeline (:data:`kg.extract.pipeline.SENTENCE_STAGES`, in the order
they run there): :func:`read_chunks` first learns the short forms the article defines in brackets;
then, one sentence at a time, :func:`segment` cuts each chunk into pieces
(:mod:`kg.extract.segment`) and the stages after it decide what the leftover unknown words are
from the words around them: a speech verb ("kata Bima"), an apposition ("Sekretaris Dinas X,
Agus Ridhallah,"), a role phrase ("Adi Susanto selaku Ketua KPU"). Each stage is a function
``(sentence, parser)`` that changes only the parts of the sentence its declaration names.
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
from kg.extract.text import Token
from kg.model.records import Sentence
from kg.model.terms import EntityType

__all__ = [
    "ParsedSentence",
    "classify_unknowns",
    "drop_non_names",
    "enumerated_holders",
    "envoys",
    "initials_and_ages",
    "leading_cues",
    "learn_names",
    "link_nicknames",
    "link_titles",
    "list_peers",
    "mark_speakers",
    "read_chunks",
    "segment",
    "tag_unknowns",
]


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


def mark_speakers(ps: ParsedSentence, parser: ChunkParser) -> None:
    """A name right after a speech verb is a speaker ("kata Bima", "Menurut Tyas")."""
    speech, lower = parser.lex.speech, ps.lower
    for piece in ps.pieces:
        if piece.kind in ("name", "unknown"):
            # the one or two words before the piece (as _before(ps, piece, 1 and 2) reads them)
            k = ps.index_of(piece.words[0])
            before2 = " ".join(lower[max(0, k - 2) : k]) if k >= 0 else ""
            if (k >= 1 and lower[k - 1] in speech) or before2 in speech:
                piece.speaker = True


def leading_cues(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "Teradu Adi Susanto", "Pelapor Rifiq Syahri": a capitalised person cue that opens an
    unknown piece is not part of the name; it says the rest is a person's."""
    for piece in ps.pieces:
        if piece.kind != "unknown" or piece.cls is not None:
            continue
        lower = tuple(w.lower for w in piece.words)
        for cue in parser.lex.person_cues:
            if len(lower) > len(cue) and lower[: len(cue)] == cue:
                piece.words = piece.words[len(cue) :]
                piece.cls, piece.rule = "Person", "person-cue"
                break


_AGE = re.compile(r"^\d{1,2}$")


def initials_and_ages(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "tersangka berinisial AS (34)": initials after "berinisial", or a name followed by an
    age in brackets, are a person even where a gazetteer knows the letters (AS: the USA)."""
    for piece in ps.pieces:
        if piece.kind not in ("name", "unknown") or piece.cls == "Person" or len(piece.words) > 3:
            continue
        k = ps.index_of(piece.words[0])
        end = ps.index_of(piece.words[-1]) + 1
        cued = k > 0 and ps.lower[k - 1] in parser.lex.phrases.initial_cues
        aged = ps.lower[end : end + 1] == ["("] and ps.lower[end + 2 : end + 3] == [")"]
        if aged and piece.kind == "name" and piece.type is not EntityType.PLACE:
            aged = False  # "Gerindra (86)": a party's seats, not an age
        if cued or (aged and bool(_AGE.match(ps.lower[end + 1]))):
            piece.kind, piece.cls, piece.rule = "unknown", "Person", "initials-or-age"
            piece.candidates, piece.name = (), None


def drop_non_names(ps: ParsedSentence, parser: ChunkParser) -> None:
    """Capitalised words that name no entity leave the sentence's pieces."""
    lex = parser.lex
    ps.pieces = [p for p in ps.pieces if not _names_nothing(ps, p, lex)]
    _drop_products(ps, lex)


def _drop_products(ps: ParsedSentence, lex: Lexicon) -> None:
    """ "mobil BMW, Hyundai Palisade, hingga mobil Jeep", "aplikasi TikTok": names of products
    and brands, after a noun of their kind (``phrases.tsv``) or listed after one, are no
    entities; a name a gazetteer or a head word types stands."""
    kept: list[Piece] = []
    previous: Piece | None = None  # the last product dropped
    for piece in ps.pieces:
        untyped = piece.kind == "unknown" and piece.cls is None
        listed = (
            previous is not None
            and tuple(t.lower for t in ps.between(previous.end, piece.start))
            in lex.phrases.product_list_gaps
        )
        if untyped and (listed or _after_product_noun(ps, piece, lex)):
            previous = piece
            continue
        if piece.kind != "honorific":
            previous = None
        kept.append(piece)
    ps.pieces = kept


def _after_product_noun(ps: ParsedSentence, piece: Piece, lex: Lexicon) -> bool:
    k = ps.index_of(piece.words[0])
    before = ps.lower[max(0, k - 2) : k]
    return any(
        tuple(before[len(before) - len(noun) :]) == noun for noun in lex.phrases.product_nouns
    )


def _names_nothing(ps: ParsedSentence, piece: Piece, lex: Lexicon) -> bool:
    """A language ("Bahasa Indonesia": not the place), a term ("PDB", "APBN 2025", "Rancangan
    Undang-Undang") or a degree on its own ("Hermanto Siregar, M.Si.")."""
    if piece.kind not in ("name", "unknown") or piece.derived:  # "Menteri BUMN": the ministry
        return False
    k = ps.index_of(piece.words[0])
    before = ps.lower[k - 1] if k > 0 else ""
    language = lex.phrases.language_words
    if piece.kind == "name" and piece.type is EntityType.PLACE and before in language:
        return True
    words = piece.words
    named = [w for w in words if w.is_word]
    if named and all(w.lower in lex.degrees for w in named):
        return True
    while len(words) > 1 and words[-1].text.isdigit():
        words = words[:-1]
    return surface(words).lower() in lex.terms


def classify_unknowns(ps: ParsedSentence, parser: ChunkParser) -> None:
    """Decide from the words around them what unknown pieces are (mostly: persons)."""
    lex = parser.lex
    pieces = ps.pieces
    _speaking_regions(ps, lex)
    for k, piece in enumerate(pieces):
        if piece.kind == "unknown" and piece.cls is None and _celebrated(ps, piece, lex):
            piece.cls, piece.rule = "Event", "celebrated"
        if piece.kind == "unknown" and piece.cls is None and _attended(ps, piece, lex):
            piece.cls, piece.rule = "Event", "attended"
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
    phrases = lex.phrases
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
            or any(_after(ps, piece, len(link)) == link for link in phrases.role_links)
        )
        and not _name_follows(ps, nxt.unit or nxt)
    ):
        piece.cls, piece.rule = "Person", "apposition"
        nxt.holder = piece
    elif _quoted_event(ps, piece, lex):
        piece.cls, piece.rule = "Event", "quoted-event"
    elif _member_after_faction(ps, k, lex):
        piece.cls, piece.rule = "Person", "title-faction"
    elif before1 in phrases.place_before:
        _maybe_place(ps, k, piece, parser)


def _celebrated(ps: ParsedSentence, piece: Piece, lex: Lexicon) -> bool:
    """ "peringatan Hari Kesehatan Nasional ke-60", "merayakan Imlek": the occasion celebrated."""
    before = _before(ps, piece, 1)
    return bool(before) and before[0] in lex.phrases.celebration and piece.words[0].is_cap


def _attended(ps: ParsedSentence, piece: Piece, lex: Lexicon) -> bool:
    """ "menghadiri Gerakan Pangan Murah", "dalam acara Ngobrol Bareng Bupati", "upacara
    pelantikan Prasetya Perwira": a name no rule typed, right after a cue of taking part
    (``cues.tsv``) or a noun of an occasion (``phrases.tsv``), is the event."""
    if not piece.words[0].is_cap or len(piece.words) < 2:
        return False
    before = _before(ps, piece, 2)
    if before[-1:] and before[-1] in lex.phrases.occasion_nouns:
        return True
    if len(before) == 2 and before[0] in lex.phrases.occasion_nouns and _nominal(before[1], lex):
        return True  # "upacara pelantikan Prasetya Perwira"
    return any(_before(ps, piece, len(cue)) == cue for cue in lex.cues.get("participatedIn", ()))


def _nominal(word: str, lex: Lexicon) -> bool:
    """A noun made of a verb with the affixes of ``phrases.tsv`` ("pelantikan", "peresmian")."""
    return len(word) > 6 and any(
        word.startswith(prefix) and word.endswith(suffix)
        for prefix, suffix in lex.phrases.nominal_affixes
    )


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


def _member_after_faction(ps: ParsedSentence, k: int, lex: Lexicon) -> bool:
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
    if _before(ps, faction, 1) not in lex.phrases.unit_links:
        return False
    title = _open_title(pieces, k - 1)
    if title is None:
        return False
    title.holder = pieces[k]
    title.extra_units.append(faction)
    return True


def tag_unknowns(ps: ParsedSentence, parser: ChunkParser) -> None:
    """Names the rules could not type: the statistical tagger (kg.extract.ner) decides."""
    lex = parser.lex
    unknown = [
        p
        for p in ps.pieces
        if p.kind == "unknown"
        and p.cls is None
        and _looks_like_name(p, lex)
        and not (len(p.words) == 1 and lex.is_vocabulary(p.words[0].text))
    ]  # a lone word of the language, capitalised, with nothing around it to type it, is no
    # name ("Ekonom mengingatkan", '"Musibah ini ...')
    if not unknown:
        return
    ranges = [(ps.index_of(p.words[0]), ps.index_of(p.words[-1]) + 1) for p in unknown]
    spans = tag(ps.tokens, within=ranges)
    least = lex.tagger_min_confidence
    # each piece looks only at the spans that start inside it, found by bisection (a sentence
    # listing thousands of names has thousands of pieces and spans)
    order = sorted(range(len(spans)), key=lambda n: spans[n].start_token)
    starts = [spans[n].start_token for n in order]
    cursor = 0  # where the previous piece stands in ps.pieces (pieces keep their order)
    for piece, (first, last) in zip(unknown, ranges, strict=True):
        at_start = bisect_left(starts, first)
        found = sorted(order[at_start : bisect_left(starts, last, lo=at_start)])
        inside = [
            s
            for s in (spans[n] for n in found)
            if s.end_token <= last
            and s.confidence >= least.get(s.label.value, 1.0)  # an unlisted type: never
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
        at = cursor = next(k for k in range(cursor, len(ps.pieces)) if ps.pieces[k] is piece)
        for n, span in enumerate(names):
            words = ps.tokens[span.start_token : span.end_token]
            if n == 0:
                piece.words, piece.cls, piece.rule = words, span.label.value, span.model
            else:
                ps.pieces.insert(at + n, Piece("unknown", words, span.label.value, rule=span.model))


def list_peers(ps: ParsedSentence, parser: ChunkParser) -> None:
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
        if tuple(w for w in gap if w not in ("(", ")")) in parser.lex.phrases.peer_gaps:
            pairs.append((a, b))
    changed = bool(pairs)
    while changed:  # a person at either end of a list types the names listed with it
        changed = False
        for a, b in pairs:
            for known, other in ((a, b), (b, a)):
                if known.cls != "Person" or other.kind != "unknown" or other.cls is not None:
                    continue
                if _looks_like_name(other, parser.lex) and not any(w.is_upper for w in other.words):
                    other.cls, other.rule = "Person", "list-peer"
                    changed = True


def trailing_titles(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "Rudi Hartono, anggota Fraksi Partai Golkar, menambahkan ...", "Andi selaku Ketua
    Panitia": a title with no holder of its own, written right after a person and a comma or
    a role link ("selaku", "sebagai", "yang juga" ...), is that person's."""
    pieces, links = ps.pieces, parser.lex.phrases.role_links
    for k, title in enumerate(pieces):
        if k == 0 or title.kind != "title" or title.holder is not None:
            continue
        person = pieces[k - 1]
        if person.kind == "honorific" or person.cls != "Person":
            continue
        gap = tuple(t.lower for t in ps.between(person.end, title.start))
        if (gap == (",",) or gap in links) and not _name_follows(ps, title.unit or title):
            title.holder = person


def _name_follows(ps: ParsedSentence, piece: Piece) -> bool:
    """Whether a capitalised word follows the piece: in "A, Menteri X B" the title is B's,
    even where B's name was not read."""
    k = ps.index_of(piece.last_word) + 1
    return k < len(ps.tokens) and ps.tokens[k].is_cap


def enumerated_holders(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "anggota DPRD Kota Bogor, yaitu A dan B", "tiga Anggota Majelis dari Tim Pemeriksa
    Daerah Sumut yakni A, B, dan C": each person listed holds the title."""
    pieces, phrases = ps.pieces, parser.lex.phrases
    for k, title in enumerate(pieces):
        if title.kind != "title" or title.holder is not None:
            continue
        unit = title.unit
        j = k + 1
        while j < len(pieces) and pieces[j].kind == "unknown" and pieces[j].cls is None:
            j += 1  # "Anggota Majelis dari ...": words of the title the lexicon does not know
        if unit is None and j < len(pieces) and pieces[j].type is EntityType.ORGANIZATION:
            if _before(ps, pieces[j], 1) not in phrases.unit_links:
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
            if people and gap and gap not in phrases.co_holder_gaps:
                break
            if not people and tuple(w for w in gap if w != ",") not in phrases.enumerators:
                break
            people.append(person)
        if len(people) >= 2:
            title.unit, title.holder, title.co_holders = unit, people[0], people[1:]


def _maybe_place(ps: ParsedSentence, k: int, piece: Piece, parser: ChunkParser) -> None:
    """ "di Cibinong", "di Tebet Timur, Jakarta Selatan": a district, or a place before a region."""
    words = [w.lower for w in piece.words]
    for _, values in parser.lex.districts.matches(words, 0):
        if len(values) and len(words) == len(getattr(values[0], "name", "").split()):
            piece.cls, piece.rule = "District", "district-gazetteer"
            piece.candidates = tuple(v for v in values if isinstance(v, KnownName))
            return
    after = _after(ps, piece, 1)
    if after == (",",):  # (k: the piece's place, known: a search per piece was quadratic)
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


def link_titles(ps: ParsedSentence, parser: ChunkParser) -> None:
    """Titles that share a holder or a unit: "Ketua merangkap anggota KPU X",
    "Wali Kota Izu Peninsula yang juga Ketua Dewan Promosi Izu Geopark Yutaka Kikuchi"."""
    phrases = parser.lex.phrases
    chain, also = phrases.office_chain, phrases.also_holds
    titles = [p for p in ps.pieces if p.kind == "title"]
    for first, second in pairwise(titles):
        gap = [t.lower for t in ps.tokens if (first.unit or first).end <= t.start < second.start]
        one = gap[0] if len(gap) == 1 else ""
        if (one in chain or one in phrases.and_words) and first.unit is None:
            first.unit = second.unit
        if any(tuple(gap[: len(a)]) == a for a in also) or one in chain:
            first.holder = first.holder or second.holder
            second.holder = second.holder or first.holder


_POSTINGS = (EntityType.PLACE, EntityType.ORGANIZATION)  # to a country, or to ASEAN, the UN


def envoys(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "Duta Besar Jepang untuk Indonesia Kenji Kanasugi": the country an envoy is posted to
    stands between the office and its holder."""
    pieces, postings = ps.pieces, parser.lex.phrases.envoy_postings
    for k, title in enumerate(pieces[:-2]):
        unit, themed = pieces[k + 1 : k + 3]
        if (  # "Duta Besar Belanda untuk HAM Kees van Dijk": a theme, then the envoy
            title.kind == "title"
            and title.holder is None
            and title.unit is unit
            and _after(ps, unit, 1) in postings
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
        if _after(ps, unit, 1) not in postings or to.type not in _POSTINGS:
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


def link_nicknames(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "Rizali Hasibuan, akrab disapa Bang Jali": the nickname is the person named before."""
    for k, piece in enumerate(ps.pieces):
        if piece.kind not in ("unknown", "name") or k == 0:
            continue
        if _preceded_by(ps, piece, parser.lex.phrases.nickname_cues):
            person = next((p for p in reversed(ps.pieces[:k]) if p.cls == "Person"), None)
            if person is not None:
                piece.cls, piece.rule = "Person", "nickname"
                ps.nicknames.append((person, piece))


def read_chunks(
    sentences: list[Sentence], tokens: list[list[Token]], parser: ChunkParser
) -> list[ParsedSentence]:
    """Find every sentence's capitalised chunks and learn the short forms the article defines
    in brackets (all of them first: a short form may be used before the sentence defining it).

    >>> from kg.extract.lexicon import load_lexicon
    >>> from kg.extract.pieces import DocNames
    >>> from kg.extract.text import tokenize
    >>> t = "Wali Kota Bogor Bima Arya hadir."
    >>> parser = ChunkParser(load_lexicon(), DocNames())
    >>> ps = read_chunks([Sentence(0, 0, len(t), t)], [tokenize(t)], parser)[0]
    >>> segment(ps, parser)
    >>> [(p.cls, surface(p.words)) for p in ps.pieces]
    [(None, 'Wali Kota'), ('City', 'Bogor'), ('Person', 'Bima Arya')]
    """
    parsed: list[ParsedSentence] = []
    for sentence, words in zip(sentences, tokens, strict=True):
        chunks = find_chunks(words, parser.lex)
        parsed.append(ParsedSentence(sentence, words, chunks, [], []))
        for chunk in chunks:
            _learn_definitions(chunk, parser, parser.doc)
    return parsed


def segment(ps: ParsedSentence, parser: ChunkParser) -> None:
    """Cut the sentence's chunks into pieces (:meth:`ChunkParser.parse`), give names the short
    forms bracketed beside them, and learn each typed name for the chunks after it."""
    doc = parser.doc
    for chunk in ps.chunks:
        pieces = parser.parse(chunk)
        _attach_definitions(chunk, pieces)
        for piece in pieces:
            if piece.kind == "name" and piece.cls:
                doc.classes.setdefault(piece.name or surface(piece.words), piece.cls)
                _learn_bare_place(piece, parser, doc)
                _learn_body(piece, doc)
        ps.pieces.extend(pieces)


def learn_names(ps: ParsedSentence, parser: ChunkParser) -> None:
    """Remember the sentence's persons, and the bodies only the tagger knew, for later
    sentences ("Bima Arya" ... "Bima"; "GoTo" ... "CEO GoTo Patrick Walujo")."""
    doc, lex = parser.doc, parser.lex
    for piece in ps.pieces:
        if piece.cls == "Person" and len(piece.words) >= 2:
            _learn_person(piece, doc, lex)
        elif piece.kind == "unknown" and piece.cls == "Organization" and len(piece.words) <= 4:
            # a body only the tagger knew ("GoTo"): "CEO GoTo Patrick Walujo" later
            form = surface(piece.words)
            doc.add(form, form, "Organization")


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
