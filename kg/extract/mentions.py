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

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.extract.chunks import Chunk, abbreviates, find_chunks
from kg.extract.lexicon import KnownName, Lexicon, words_of
from kg.extract.phrases import CueSet
from kg.extract.pieces import DocNames, Piece, surface, type_of
from kg.extract.segment import ChunkParser
from kg.extract.text import Token
from kg.model.iri import name_key
from kg.model.records import Sentence
from kg.model.terms import EntityType

__all__ = [
    "ParsedSentence",
    "learn_names",
    "link_nicknames",
    "looks_like_name",
    "mark_speakers",
    "name_follows",
    "open_title",
    "preceded_by",
    "read_chunks",
    "segment",
    "words_after",
    "words_before",
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
    text = surface(list(short))
    if all(t.is_upper for t in short):
        return not _acronym_of_other_words(short, long_words, parser.lex)
    if abbreviates(text, [w.text for w in long_words], parser.lex.joiners):
        return True
    return parser.head_at(long_words, 0)[1] is not None


def _acronym_of_other_words(
    short: Sequence[Token], long_words: Sequence[Token], lex: Lexicon
) -> bool:
    """A short form of three letters or more after one word it does not abbreviate: in
    "jaringan geopark global Unesco (UGG)" it stands for the lower-case phrase, not for
    "Unesco"; "Environmental, Social, and Governance (ESG)", "dolar Australia (AUD)", "Menteri
    Keuangan (Menkeu)" give no alias to "Governance", "Australia" or the ministry."""
    text = surface(list(short))
    if len(long_words) != 1 or len(text) < 3 or name_key(text) == long_words[0].lower:
        return False
    return not abbreviates(text, [long_words[0].text], lex.joiners)


def _region_tail(rest: list[Token], parser: ChunkParser) -> list[Token]:
    place = parser.place_at(rest, 0) if rest else None
    return list(place.words) if place is not None else []


def words_before(ps: ParsedSentence, piece: Piece, n: int) -> tuple[str, ...]:
    k = ps.index_of(piece.words[0])
    return tuple(ps.lower[max(0, k - n) : k]) if k >= 0 else ()


def preceded_by(ps: ParsedSentence, piece: Piece, cues: CueSet) -> bool:
    """Whether one of the cue phrases ends right before the piece (one lookup per cue
    length)."""
    k = ps.index_of(piece.words[0])
    if k < 0:
        return False
    lower = ps.lower
    return any(k >= n and tuple(lower[k - n : k]) in group for n, group in cues.by_length)


def words_after(ps: ParsedSentence, piece: Piece, n: int) -> tuple[str, ...]:
    k = ps.index_of(piece.words[-1])
    return tuple(ps.lower[k + 1 : k + 1 + n]) if k >= 0 else ()


def looks_like_name(piece: Piece, lex: Lexicon) -> bool:
    words = [w for w in piece.words if w.is_word and w.text not in lex.joiners]
    if not words or len(words) > 8:
        return False
    if any(w.lower in lex.pronouns for w in words):
        return False
    if all(lex.is_common(w.text) for w in words):
        return False
    if any(lex.is_amount(w.text) for w in words):
        return False  # "Rp300" in "tambahan dari Bapak Presiden, Rp300 ribu"
    return all(w.text[:1].isupper() and not w.text[:1].isdigit() for w in words)


def name_follows(ps: ParsedSentence, piece: Piece) -> bool:
    """Whether a capitalised word follows the piece: in "A, Menteri X B" the title is B's,
    even where B's name was not read."""
    k = ps.index_of(piece.last_word) + 1
    return k < len(ps.tokens) and ps.tokens[k].is_cap


def open_title(pieces: list[Piece], k: int) -> Piece | None:
    """The title just before pieces[k] without holder: only its unit, honorifics, the places
    that locate the unit and the ministry of an agency between ("Kepala Desa Sukamaju, Kecamatan
    Cibadak, Kabupaten Sukabumi, Ujang Saepudin")."""
    between: list[Piece] = []
    for j in range(k - 1, -1, -1):
        piece = pieces[j]
        if piece.kind == "title":
            names = [b for b in reversed(between) if b.kind == "name"]
            unit = piece.unit
            if piece.holder is not None or (names and (unit is None or names[0] is not unit)):
                return None
            parent = unit.parent if unit else None  # "Kepala BPJT Kementerian PU NAME"
            if all(n.type is EntityType.PLACE or n is parent for n in names[1:]):
                return piece
            return None
        if piece.kind == "unknown":
            return None
        between.append(piece)
    return None


def mark_speakers(ps: ParsedSentence, parser: ChunkParser) -> None:
    """A name right after a speech verb is a speaker ("kata Bima", "Menurut Tyas")."""
    speech, lower = parser.lex.speech, ps.lower
    for piece in ps.pieces:
        if piece.kind in ("name", "unknown"):
            # the one or two words before the piece (as words_before(ps, piece, 1 and 2) reads them)
            k = ps.index_of(piece.words[0])
            before2 = " ".join(lower[max(0, k - 2) : k]) if k >= 0 else ""
            if (k >= 1 and lower[k - 1] in speech) or before2 in speech:
                piece.speaker = True


def link_nicknames(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "Rizali Hasibuan, akrab disapa Bang Jali": the nickname is the person named before."""
    for k, piece in enumerate(ps.pieces):
        if piece.kind not in ("unknown", "name") or k == 0:
            continue
        if preceded_by(ps, piece, parser.lex.phrases.nickname_cues):
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
        _attach_definitions(chunk, pieces, parser.lex)
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


def _attach_definitions(chunk: Chunk, pieces: list[Piece], lex: Lexicon) -> None:
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
                if not _acronym_of_other_words(definition.short, piece.words, lex):
                    piece.aliases.append(short)
                    _translated_known_body(piece, definition.short, lex)
            else:
                piece.aliases.append(f"{short} {surface(rest)}".strip())
                if all(t.is_upper for t in definition.short):
                    piece.aliases.append(short)
            break


def _translated_known_body(piece: Piece, short: Sequence[Token], lex: Lexicon) -> None:
    """ "Dana Moneter Internasional (IMF)", "Organisasi Kesehatan Dunia (WHO)": a name the
    gazetteer does not know, bracketed with the acronym of one body it does, that the acronym
    does not abbreviate, is that body's name in translation (an acronym the long form or its
    last words spell, "Pusat Kajian Bisnis (PKB)", "SMK dan Madrasah Aliyah (MA)", stays the
    article's own body)."""
    if piece.candidates or not all(t.is_upper for t in short):
        return
    key = tuple(words_of(surface(list(short))))
    known = list(dict.fromkeys(k for k in lex.names.get(key) if isinstance(k, KnownName)))
    if len(known) != 1 or type_of(known[0].cls) is not EntityType.ORGANIZATION:
        return
    text, words = surface(list(short)), [w.text for w in piece.words]
    if any(abbreviates(text, words[k:], lex.joiners) for k in range(len(words))):
        return  # "Dewan Komisioner Lembaga Penjamin Simpanan (LPS)", "Madrasah Aliyah (MA)"
    piece.candidates = (known[0],)
    piece.cls = known[0].cls


def words_key(text: str) -> tuple[str, ...]:
    """The lower-cased words of a form, for comparing names."""
    return tuple(w for w in words_of(text) if w.isalnum() or "-" in w)
