"""What the names of a sentence are, decided from the words around them: names of nothing
(terms, languages, products), persons after a cue, a speech verb or in apposition, events
after a cue of taking part or a noun of an occasion, and what the statistical tagger decides
for the names the rules could not type. Sentence stages of
:data:`kg.extract.pipeline.SENTENCE_STAGES`."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from kg.extract.lexicon import KnownName, Lexicon
from kg.extract.mentions import (
    ParsedSentence,
    looks_like_name,
    name_follows,
    open_title,
    preceded_by,
    words_after,
    words_before,
)
from kg.extract.ner import tag
from kg.extract.pieces import Piece, surface
from kg.extract.segment import ChunkParser
from kg.model.terms import EntityType

__all__ = [
    "classify_unknowns",
    "drop_non_names",
    "initials_and_ages",
    "leading_cues",
    "list_peers",
    "tag_unknowns",
]


def leading_cues(ps: ParsedSentence, parser: ChunkParser) -> None:
    """ "Teradu Adi Susanto", "Pelapor Rifiq Syahri": a capitalised person cue that opens an
    unknown piece is not part of the name; it says the rest is a person's."""
    for piece in ps.pieces:
        if piece.kind != "unknown" or piece.cls is not None:
            continue
        lower = tuple(w.lower for w in piece.words)
        for cue in parser.lex.person_cues.phrases:
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
    ps.pieces = [p for p in ps.pieces if not _names_nothing(ps, p, lex) and not _ticket(ps, p, lex)]
    _drop_products(ps, lex)


_TICKET = re.compile(r"[A-Z][a-z]{2,}-[A-Z][a-z]{2,}")


def _ticket(ps: ParsedSentence, piece: Piece, lex: Lexicon) -> bool:
    """ "pasangan Budi-Sari", "pemerintahan Budi-Sari": two persons named together by a
    hyphen after a word for a ticket or a government (``phrases.tsv``), no person of that
    name."""
    return (
        piece.kind == "unknown"
        and piece.cls is None
        and len(piece.words) == 1
        and _TICKET.fullmatch(piece.words[0].text) is not None
        and preceded_by(ps, piece, lex.phrases.ticket_cues)
    )


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
    """Whether a product noun ("aplikasi", "merek dagang", phrases.tsv) ends right before."""
    return preceded_by(ps, piece, lex.phrases.product_nouns)


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
        if piece.kind == "unknown" and piece.cls is None and looks_like_name(piece, lex):
            _classify_one(ps, k, piece, parser)
        lead = pieces[k - 1] if k and pieces[k - 1].kind == "honorific" else piece
        if piece.cls == "Person" and words_before(ps, lead, 1) == (",",):
            title = open_title(pieces, k)
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
        before = words_before(ps, piece, 1)
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
    before1, before2 = words_before(ps, piece, 1), words_before(ps, piece, 2)
    after1 = words_after(ps, piece, 1)
    nxt = pieces[k + 1] if k + 1 < len(pieces) else None
    if all(w.lower in lex.honorifics for w in piece.words if w.is_word):
        return  # a form of address alone ("Pak Presiden, Bapak sudah ...") names nobody
    if (before1 and before1[0] in lex.speech) or " ".join(before2) in lex.speech:
        piece.cls, piece.rule = "Person", "speech-verb"
    elif after1 and after1[0] in lex.speech_before:
        piece.cls, piece.rule = "Person", "speaker-subject"
    elif preceded_by(ps, piece, lex.person_cues):
        piece.cls, piece.rule = "Person", "person-cue"
    elif after1 == ("alias",) and nxt is not None and looks_like_name(nxt, lex):
        piece.cls, piece.rule = "Person", "alias"
        nxt.cls, nxt.rule = "Person", "nickname"
        ps.nicknames.append((piece, nxt))
    elif (
        before1 == (",",)
        and looks_like_name(piece, lex)
        and (title := open_title(pieces, k)) is not None
    ):
        piece.cls, piece.rule = "Person", "apposition"
        title.holder = piece
    elif (
        nxt is not None
        and nxt.kind == "title"
        and nxt.holder is None
        and (
            (after1 == (",",) and words_before(ps, nxt, 1) == (",",))
            or any(words_after(ps, piece, len(link)) == link for link in phrases.role_links)
        )
        and not name_follows(ps, nxt.unit or nxt)
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
    before = words_before(ps, piece, 1)
    return bool(before) and before[0] in lex.phrases.celebration and piece.words[0].is_cap


def _attended(ps: ParsedSentence, piece: Piece, lex: Lexicon) -> bool:
    """ "menghadiri Gerakan Pangan Murah", "dalam acara Ngobrol Bareng Bupati", "upacara
    pelantikan Prasetya Perwira": a name no rule typed, right after a cue of taking part
    (``cues.tsv``) or a noun of an occasion (``phrases.tsv``), is the event."""
    if not piece.words[0].is_cap or len(piece.words) < 2:
        return False
    before = words_before(ps, piece, 2)
    if before[-1:] and before[-1] in lex.phrases.occasion_nouns:
        return True
    if len(before) == 2 and before[0] in lex.phrases.occasion_nouns and _nominal(before[1], lex):
        return True  # "upacara pelantikan Prasetya Perwira"
    return preceded_by(ps, piece, lex.participation_cues)


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
    """ "Anggota DPRD Provinsi Jawa Barat dari Fraksi Gerindra Lina", "Anggota Komisi II DPR
    Fraksi PDIP, Deddy": the person holds the office and belongs to the faction."""
    pieces = ps.pieces
    if k < 2:
        return False
    faction = pieces[k - 1]
    if faction.kind != "name" or faction.type is not EntityType.ORGANIZATION:
        return False
    gap = ps.index_of(pieces[k].words[0]) - ps.index_of(faction.words[-1]) - 1
    if gap not in (0, 1) or (gap and words_before(ps, pieces[k], 1) != (",",)):
        return False  # "... dari Fraksi Gerindra Lina", "... dari Fraksi PKS, Abdul Hadi"
    right_after_unit = (
        faction.words[0].lower in lex.phrases.faction_heads
        and pieces[k - 2].kind == "name"
        and ps.index_of(faction.words[0]) == ps.index_of(pieces[k - 2].last_word) + 1
    )  # "Anggota Komisi II DPR Fraksi PDIP, Deddy"
    if words_before(ps, faction, 1) not in lex.phrases.unit_links and not right_after_unit:
        return False
    title = open_title(pieces, k - 1)
    if title is None:
        return False
    title.holder = pieces[k]
    if faction not in title.extra_units:
        title.extra_units.append(faction)
    return True


def _maybe_place(ps: ParsedSentence, k: int, piece: Piece, parser: ChunkParser) -> None:
    """ "di Cibinong", "di Tebet Timur, Jakarta Selatan": a district, or a place before a region."""
    words = [w.lower for w in piece.words]
    for _, values in parser.lex.districts.matches(words, 0):
        if len(values) and len(words) == len(getattr(values[0], "name", "").split()):
            piece.cls, piece.rule = "District", "district-gazetteer"
            piece.candidates = tuple(v for v in values if isinstance(v, KnownName))
            return
    after = words_after(ps, piece, 1)
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


def tag_unknowns(ps: ParsedSentence, parser: ChunkParser) -> None:
    """Names the rules could not type: the statistical tagger (kg.extract.ner) decides."""
    lex = parser.lex
    unknown = [
        p
        for p in ps.pieces
        if p.kind == "unknown"
        and p.cls is None
        and looks_like_name(p, lex)
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
            start = span.start_token
            if (
                span.label.value == "Person"
                and start - 2 >= first
                and ps.tokens[start - 1].text == "."
                and ps.tokens[start - 2].lower in lex.phrases.name_abbreviations
            ):
                start -= 2  # "Muh. Afridzal Mukhlis": the given name written short is the name's
            words = ps.tokens[start : span.end_token]
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
                if looks_like_name(other, parser.lex) and not any(w.is_upper for w in other.words):
                    other.cls, other.rule = "Person", "list-peer"
                    changed = True
