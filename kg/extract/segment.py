"""Cut a capitalised chunk into titles, honorifics and typed names.

``Wali Kota Bogor Bima Arya Sugiarto`` becomes the title *Wali Kota* (mayorOf, unit: a city),
the place *Bogor* and the person *Bima Arya Sugiarto*. The parser reads left to right and at each
word takes the longest of: an honorific, a title with the unit written after it, a name
(:class:`~kg.extract.names.NameFinder`), or an unknown word. Unknown words after a title or an
honorific are a person's name when they can be one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.chunks import Chunk, abbreviates
from kg.extract.lexicon import Head, KnownName, Title, words_of
from kg.extract.names import NameFinder, unit_qualifier
from kg.extract.ner import tag
from kg.extract.pieces import PLACE_CLASSES, Piece, surface
from kg.extract.text import Token
from kg.model.terms import EntityType

__all__ = ["ChunkParser"]

_ROMAN = re.compile(r"^[IVXLC]+$")


def _tagged_person(words: list[Token]) -> bool:
    """Whether the name tagger reads all these words as one person's name."""
    spans = tag(words)
    return (
        len(spans) == 1
        and spans[0].label is EntityType.PERSON
        and ((spans[0].start_token, spans[0].end_token) == (0, len(words)))
    )


@dataclass(slots=True)
class _ParseState:
    """Where the parse of one chunk stands."""

    finder: NameFinder
    words: list[Token]
    pieces: list[Piece] = field(default_factory=list)
    unknown: list[Token] = field(default_factory=list)
    expecting: bool = False  # a title or honorific was read: unknown words name a person
    last_title: Piece | None = None

    def flush(self) -> None:
        """Close the run of unknown words as one piece."""
        if not self.unknown:
            return
        if self._body_then_person():
            return
        person = self.expecting and self.finder.plausible_person(self.unknown)
        piece = Piece("unknown", self.unknown, "Person" if person else None, rule="after-title")
        if person and self.last_title is not None and self.last_title.holder is None:
            self.last_title.holder = piece
        self.pieces.append(piece)
        self.unknown = []

    def _body_then_person(self) -> bool:
        """ "Direktur Eksekutif Poltracking Indonesia Hanta Yuda Rasyid": after a title that
        names a body no lexicon knows, the run holds the body, then its holder. The name
        tagger says where the person's name starts (two words of body at least before it)."""
        title = self.last_title
        if title is None or title.unit is not None or title.holder is not None:
            return False
        if title.title is None or title.title.unit not in ("org", "sub"):
            return False
        words = self.unknown
        spans = [s for s in tag(words) if s.label is EntityType.PERSON]
        if not spans or spans[-1].end_token != len(words) or spans[-1].start_token < 2:
            return False
        start = spans[-1].start_token
        if spans[-1].confidence < self.finder.lex.confidence.holder_split or not all(
            w.is_cap for w in words[:start]
        ):
            return False
        body = self._body(words[:start])
        person = Piece("unknown", words[start:], "Person", rule="after-title")
        title.unit, title.holder = body, person
        self.pieces += [body, person]
        self.unknown = []
        return True

    def _body(self, words: list[Token]) -> Piece:
        """The body's piece: a known body the words end with, the words before it a part of
        it ("Pengmas FMIPA UI": a part of UI, whose chief works for UI), else the words."""
        for k in range(1, len(words)):
            length, known = self.finder.known_at(words, k)
            if length == len(words) - k and known and known[0].cls not in PLACE_CLASSES:
                piece = Piece("name", words[k:], known[0].cls, known, rule="gazetteer")
                piece.sub_unit, piece.span = surface(words[:k]), list(words)
                return piece
        return Piece("name", words, "Organization", rule="title-unit-tagged")


_REGION_CLASSES = frozenset({"Province", "Regency", "City"})


class ChunkParser(NameFinder):
    """Segment the chunks of one article (the article's learned names persist between chunks)."""

    # ----------------------------------------------------------------- units of titles
    def unit_after(self, words: list[Token], i: int, title: Title) -> Piece | None:
        """The place or organisation an office belongs to, written right after its title."""
        unit = title.unit
        if unit.startswith("place:"):
            prefer = unit[6:]
            place = self.place_at(words, i, prefer=prefer, expecting_person=True)
            if place is not None and self._person_known_at(words, i, len(place.words)):
                return None  # "Wali Kota Bima Arya" once the article named Bima Arya
            if place is None and prefer in ("Country", "Region", "Province"):
                return self._org_after_title(words, i)  # "Gubernur BI", "Presiden PKS"
            if place is None and prefer == "District":
                return self._district_after_title(words, i)
            if place is None and prefer == "Village":
                return self._village_after_title(words, i)
            return place
        if unit.startswith("fixed:"):
            return self._fixed_unit(words, i, unit[6:])
        if unit.startswith("derive:"):
            return self._derived_unit(words, i, unit[7:])
        if unit in ("org", "sub"):
            return self._org_after_title(words, i, sub=unit == "sub")
        return None

    def _district_after_title(self, words: list[Token], i: int) -> Piece | None:
        """ "Camat Cibinong Ahmad Sutisna": the kecamatan from the gazetteer (its longest name);
        a name several regions share gets no code."""
        lower = [w.lower for w in words]
        found = list(self.lex.districts.matches(lower, i))
        if not found:
            return None
        length, values = max(found, key=lambda f: f[0])
        known = tuple(v for v in values if isinstance(v, KnownName))
        piece = Piece(
            "name", words[i : i + length], "District", known[:1] if len(known) == 1 else ()
        )
        piece.rule = "title-unit"
        return piece

    def _person_known_at(self, words: list[Token], i: int, place_length: int) -> bool:
        """Whether the article already named a person whose name starts at i and runs past a
        place name read there ("Bima" is a city, "Bima Arya" the mayor of Bogor)."""
        length, known = self.doc_at(words, i)
        return known is not None and known.cls == "Person" and length > place_length

    def _village_after_title(self, words: list[Token], i: int) -> Piece | None:
        """ "Kepala Desa Sukamaju Ujang Saepudin", "Lurah Sukamaju, Kecamatan ...": a village
        name from the gazetteer when the words left are a full name or nothing (the holder
        named after the village's district and regency). Village names are no identifiers (one
        name, hundreds of villages), so the piece has no code; a one-word name before a
        one-word rest is not taken ("Kepala Desa Ujang Saepudin": Ujang is a village too)."""
        lower = [w.lower for w in words]
        for length in range(min(4, len(words) - i), 0, -1):
            if " ".join(lower[i : i + length]) not in self.lex.villages:
                continue
            rest = len(words) - i - length
            if rest == 0 or rest >= 2 or length >= 2 or self._village_named_before(words, i):
                piece = Piece("name", words[i : i + length], "Village", rule="title-unit")
                return piece
            return None
        return None

    def _village_named_before(self, words: list[Token], i: int) -> bool:
        """Whether the article named the village at words[i] before ("di Balai Pekon
        Margosari ... Kapekon Margosari Suparman"): then the one word after it is the holder."""
        length, known = self.doc_at(words, i)
        return length == 1 and known is not None and known.cls == "Village"

    def _fixed_unit(self, words: list[Token], i: int, name: str) -> Piece:
        candidates = self.lex.names.get(tuple(words_of(name)))
        known = tuple(c for c in candidates if isinstance(c, KnownName))
        cls = known[0].cls if known else "GovernmentBody"
        piece = Piece("name", words[i - 1 : i], cls, known, name=name, rule="title-unit")
        piece.derived = True
        return piece

    def _org_after_title(self, words: list[Token], i: int, *, sub: bool = False) -> Piece | None:
        """The organisation after a title, allowing a sub-unit or qualifier before it:
        "Wakil Ketua Eksternal Komnas HAM", "Kepala Bagian Kerja Sama Setdakot Bogor",
        "Kasubdit IV Renakta Ditreskrimum Polda Lampung"."""
        for j in range(i, min(len(words), i + (7 if sub else 4))):
            if j > i and (self.honorific_at(words, j - 1) or self.title_at(words, j - 1)[1]):
                break
            qualifier = self.is_common(words[j - 1]) or words[j - 1].text[:1].isdigit()
            if j > i and not (sub or qualifier or self.sub_unit_at(words, i)):
                break
            piece = self.name_at(words, j, expecting_person=True)
            if piece is not None and piece.type in (EntityType.ORGANIZATION, EntityType.PLACE):
                if j > i:
                    piece.sub_unit = surface(words[i:j])
                    piece.span = words[i : j + len(piece.span or piece.words)]
                return piece
        end = i
        while (
            end < len(words)
            and words[end].is_upper
            and not _ROMAN.match(words[end].text)
            and not (end > i and self.honorific_at(words, end))  # "Ketua PWNU KH Abdul"
        ):
            end += 1
        if end > i:
            return Piece("name", words[i:end], "Organization", rule="acronym-after-title")
        return None

    def _derived_unit(self, words: list[Token], i: int, head_name: str) -> Piece | None:
        """The unit a title names by itself: "Kapolda Riau" -> Polda Riau, "Menteri Keuangan"
        -> Kementerian Keuangan."""
        values = self.lex.heads.get(tuple(words_of(head_name)))
        head = values[0] if values and isinstance(values[0], Head) else None
        if head is not None and head.position in ("region", "region?"):
            skip = unit_qualifier(words, i, head, self.lex)
            place = self.place_at(words, i + skip, expecting_person=True)
            if place is None:  # "Kapolsek Cisarua", "Kajari Lhoksukon": a district's unit
                place = self._district_after_title(words, i + skip)
            if place is None:
                return None
            written = words[i : i + skip + len(place.words)]
            piece = Piece("name", written, head.cls, name=f"{head_name} {surface(written)}")
            piece.region = place
        elif (known := self._known_derived(words, i, head_name)) is not None:
            piece = known
        else:
            end = self._before_parent_body(words, i)
            while (
                end < len(words)
                and not self.honorific_at(words, end)
                and not (end > i and self._parent_at(words, end))
                and not (end > i and self._given_name_title_at(words, end))
                and (
                    self.is_common(words[end])
                    or words[end].is_upper
                    or words[end].lower in self.lex.joiners
                )
            ):
                end += 1
            while end > i and words[end - 1].lower in self.lex.joiners:
                end -= 1
            if end == i:
                return None
            cls = head.cls if head is not None else "GovernmentBody"
            piece = Piece("name", words[i:end], cls, name=f"{head_name} {surface(words[i:end])}")
        piece.derived = True
        piece.rule = "title-unit"
        if not piece.candidates:
            found = self.lex.names.get(tuple(words_of(piece.name or "")))
            piece.candidates = tuple(k for k in found if isinstance(k, KnownName))
        return piece

    def _parent_at(self, words: list[Token], k: int) -> bool:
        """Whether a ministry's name (phrases.tsv parent-body-heads) starts at k."""
        length, known = self.known_at(words, k)
        return bool(length) and self.parent_body(known)

    def _before_parent_body(self, words: list[Token], i: int) -> int:
        """Where a ministry's name starts a few capitalised words after i ("Direktur Jenderal
        Bina Marga Kementerian PU": the directorate general is Bina Marga's), else i."""
        for p in range(i + 1, min(len(words), i + 6)):
            if not words[p - 1].is_cap and words[p - 1].lower not in self.lex.joiners:
                return i
            if self._parent_at(words, p):
                return p
        return i

    def _known_derived(self, words: list[Token], i: int, head_name: str) -> Piece | None:
        """The longest gazetteer body named by the head plus the words after the title:
        "Menteri Perhubungan" -> Kementerian Perhubungan, "Menteri PUPR" -> Kementerian PUPR."""
        head = words_of(head_name)
        lower = self.lower(words)
        for end in range(len(words), i, -1):
            found = self.lex.names.get(tuple(head + lower[i:end]))
            known = tuple(k for k in found if isinstance(k, KnownName))
            if known:
                name = f"{head_name} {surface(words[i:end])}"
                return Piece("name", words[i:end], known[0].cls, known, name=name)
        return None

    # ----------------------------------------------------------------- definitions
    def long_form_start(self, words: list[Token], p: int, short: str) -> int:
        """Where the words a bracketed short form stands for begin (they end at p)."""
        for start in range(p):
            if abbreviates(short, [w.text for w in words[start:p]], self.lex.joiners):
                for n in (2, 1):  # "Jalur Poros Timur Tengah (PTT)": the head belongs to it
                    if start >= n and self.head_at(words, start - n)[0] == n:
                        return start - n
                return start
        start = 0
        while start < p:
            n = self.honorific_at(words, start) or self.title_at(words, start)[0]
            if not n:
                break
            start += n
        return start

    def is_name_phrase(self, words: list[Token]) -> bool:
        """Whether a defined long form is a name ("Dewan Kehormatan ...") rather than a term
        ("Rencana Aksi Nasional", "produk domestik bruto")."""
        head = self.head_at(words, 0)
        if head[1] is not None or words[-1].lower in self.lex.suffix_heads:
            return self._strict_ok(words, 0, head[0], len(words))
        if self.known_at(words, 0)[0]:
            return True
        # "Satuan Pelayanan Pemenuhan Gizi (SPPG)", "Program Legislasi Nasional (Prolegnas)":
        # words of the language only, with no head word, name a term
        return any(
            not self.lex.is_vocabulary(w.text)
            for w in words
            if w.is_word and w.lower not in self.lex.joiners
        )

    # ----------------------------------------------------------------- the chunk
    def parse(self, chunk: Chunk) -> list[Piece]:
        """Cut one chunk into pieces; a name a bracketed short form defines stays whole."""
        words = chunk.words
        pieces = self._parse_words(words, chunk.sentence_start)
        for definition in chunk.definitions:
            p = definition.position
            s = self.long_form_start(words, p, surface(list(definition.short)))
            if p - s < 2 or self.title_at(words[s:p], 0)[0] == p - s:
                continue
            left = self._parse_words(words[:s], chunk.sentence_start)
            # "Ketua Gerakan Pemuda Tani (GPT) Hendra", read as one person across the brackets:
            # what they spell is the title's unit, the words after them its holder
            unit = (
                p < len(words)
                and bool(left)
                and left[-1].kind == "title"
                and left[-1].unit is None
                and any(
                    q.cls == "Person" and q.start <= words[p - 1].start and q.end >= words[p].end
                    for q in pieces
                )
            )
            if not (unit or p == len(words) or all(t.is_upper for t in definition.short)):
                continue
            if not unit and (
                not self.is_name_phrase(words[s:p])
                or surface(list(definition.short)).lower() in self.lex.terms
            ):
                continue
            first, last = words[s], words[p - 1]
            if any(
                (q.kind == "name" and (q.span or q.words)[0].start <= first.start)
                # "Mantan Gubernur X Basuki Tjahaja Purnama (Ahok)" (a person's name running
                # on past the brackets was read across them: "Gerakan Tani (GT) Hendra")
                or (q.cls == "Person" and q.end == last.end)
                for q in pieces
                if q.end >= last.end and q.start <= last.start
            ):
                continue
            forced = Piece("name", words[s:p], self._defined_class(words[s:p]), rule="defined-name")
            if left and left[-1].kind == "title" and left[-1].unit is None:
                left[-1].unit = forced
            elif forced.cls == "Person":
                title = next((q for q in reversed(left) if q.kind == "title"), None)
                if title is not None and title.holder is None:
                    title.holder = forced  # "Menko Infrastruktur Agus Harimurti Yudhoyono (AHY)"
            rest = self._parse_words(words[p:], False)
            if left and left[-1].kind == "title" and left[-1].unit is forced:
                self._holder_after(left[-1], rest)
            pieces = [*left, forced, *rest]
        return pieces

    def _holder_after(self, title: Piece, rest: list[Piece]) -> None:
        """ "Ketua Tim Anggaran Pemerintah Daerah (TAPD) Pemkab Bone Andi Saharuddin": after a
        unit defined in brackets and the places that locate it, the name is the holder."""
        if title.holder is not None:
            return
        for piece in rest:
            if piece.type is EntityType.PLACE:
                continue
            if piece.kind == "unknown" and self.plausible_person(piece.words):
                piece.cls, piece.rule = "Person", "after-title"
                title.holder = piece
            return

    def _defined_class(self, words: list[Token]) -> str:
        whole = self.name_at(words, 0, expecting_person=False)
        if whole is not None and whole.cls and len(whole.words) == len(words):
            return whole.cls
        if words[-1].lower in self.lex.suffix_heads:
            return self.lex.suffix_heads[words[-1].lower].cls
        head = self.head_at(words, 0)[1]
        if head is not None:
            return head.cls
        if self.plausible_person(words) and _tagged_person(words):
            return "Person"  # "Agus Harimurti Yudhoyono (AHY)", "Basuki Tjahaja Purnama (Ahok)"
        return "Organization"

    def _capital_noun(self, words: list[Token], i: int) -> int:
        """Length of "Ibu Kota" (phrases.tsv capital-noun) at i, when no known name starts
        there ("Ibu Kota Nusantara" is one), else 0."""
        first = words[i].lower
        for phrase in self.lex.phrases.capital_nouns:
            n = len(phrase)
            if phrase[0] == first and tuple(w.lower for w in words[i : i + n]) == phrase:
                return 0 if self.known_at(words, i)[0] else n
        return 0

    def _parse_words(self, words: list[Token], sentence_start: bool) -> list[Piece]:
        state = _ParseState(self, words)
        i = 0
        while i < len(words):
            word = words[i]
            joiner_inside = (
                word.text in self.lex.joiners
                and state.unknown
                and i + 1 < len(words)
                and not self.starts_name(words, i + 1)
                and not self.lex.is_amount(words[i + 1].text)  # "A dan Rp 10 juta"
            )
            skip = word.text in self.lex.joiners or word.text in self.lex.phrases.office_chain
            if joiner_inside:  # "Pembangunan Politik dan Sistem Kepartaian": one name
                state.unknown.append(word)
                i += 1
            elif word.text == "." and self._initial_inside(state, i):
                state.unknown.append(word)  # "Dedie A. Rachim": an initial's period is the name's
                i += 1
            elif word.lower in self.lex.calendar and self._month_in_name(state, i):
                state.unknown.append(word)  # "Rudi Juli Hartanto": a month that is a given name
                i += 1
            elif word.text == "." or word.lower in self.lex.calendar or skip:
                state.flush()
                if skip and self._units_coordinated(state, i):
                    state.expecting = False  # "pimpinan TNI dan Polri": a second body, no holder
                i += 1
            elif i == 0 and sentence_start and self._ordinary_opening(words):
                i += 1
            elif n := self._capital_noun(words, i):
                state.flush()  # "Ibu Kota Jakarta": the capital, Jakarta
                i += n
            elif n := self.honorific_at(words, i):
                state.flush()
                state.pieces.append(Piece("honorific", words[i : i + n]))
                state.expecting = True
                i += n
            elif (
                (found := self.title_at(words, i))[1] is not None
                and not state.unknown
                and not self._holder_named_like_a_title(state, i, found[0])
            ):
                i = self._take_title(state, i, found[0], found[1])
            else:
                i = self._take_name(state, i)
        state.flush()
        self._strip_degrees(state.pieces)
        return state.pieces

    def _units_coordinated(self, state: _ParseState, i: int) -> bool:
        """Whether words[i], "dan", follows the unit of the title just read: the
        title's holder would stand right after its unit ("Kapolda Jabar Irjen Rudi"), so what
        follows "dan" is another unit or another person ("pimpinan TNI dan Polri")."""
        title, words = state.last_title, state.words
        if not state.expecting or title is None or title.unit is None or title.holder is not None:
            return False
        last = state.pieces[-1] if state.pieces else None
        return (
            words[i].lower in self.lex.phrases.and_words
            and last is not None
            and (last is title.unit or last is title.unit.parent)
            and last.last_word is words[i - 1]
        )

    def _month_in_name(self, state: _ParseState, i: int) -> bool:
        """Whether the month at words[i] is a word of the name being read ("Rudi Juli Hartanto",
        "Menteri Perikanan Raja Juli"): after a capitalised name word, before neither a number
        (a date: "Juli 2025") nor a title, and before a capitalised word unless the name is a
        title's holder."""
        words = state.words
        if self.lex.calendar[words[i].lower][0] != "month" or not state.unknown:
            return False
        before = state.unknown[-1]
        if before is not words[i - 1] or not before.is_cap or not before.is_word:
            return False
        if i + 1 < len(words) and (
            words[i + 1].text[:1].isdigit() or self.title_at(words, i + 1)[1] is not None
        ):
            return False
        following = i + 1 < len(words) and words[i + 1].is_cap and words[i + 1].is_word
        return following or state.expecting

    def _given_name_title_at(self, words: list[Token], i: int) -> bool:
        """Whether words[i] is a title that is also a given name, before a capitalised word."""
        return (
            words[i].lower in self.lex.phrases.given_name_titles
            and i + 1 < len(words)
            and words[i + 1].is_cap
            and words[i + 1].is_word
        )

    def _holder_named_like_a_title(self, state: _ParseState, i: int, n: int) -> bool:
        """Whether the title word at words[i] opens the name of the previous title's holder
        ("Menteri Perikanan Raja Darmawan Siregar"): a title that is also a given name, right
        after a title and its unit, before a capitalised word."""
        title = state.last_title
        return (
            n == 1
            and self._given_name_title_at(state.words, i)
            and state.expecting
            and title is not None
            and title.unit is not None
            and title.holder is None
            and bool(state.pieces)
            and state.pieces[-1] is title.unit
        )

    def _initial_inside(self, state: _ParseState, i: int) -> bool:
        """Whether words[i] is the period of an initial, then a capitalised word that opens no
        title or honorific: one capital letter after a name's words or opening a person's name
        after a title or rank ("Dedie A. Rachim", "Marsekal TNI M. Tonny Harjono"), or a given
        name written short anywhere in a name ("Muh. Afridzal Mukhlis"; phrases.tsv)."""
        words = state.words
        if i + 1 >= len(words) or not state.unknown:
            return False
        initial, after = state.unknown[-1], words[i + 1]
        short_name = initial.is_cap and initial.lower in self.lex.phrases.name_abbreviations
        letter = len(initial.text) == 1 and initial.text.isupper()
        if not short_name and (not letter or (len(state.unknown) == 1 and not state.expecting)):
            return False
        return (
            after.is_cap
            and not self.honorific_at(words, i + 1)
            and self.title_at(words, i + 1)[1] is None
        )

    def _take_name(self, state: _ParseState, i: int) -> int:
        words = state.words
        faction = (
            state.expecting
            and not state.unknown
            and words[i].lower in self.lex.phrases.faction_heads
            and state.last_title is not None
            and state.last_title.unit is not None
            and state.pieces[-1] is state.last_title.unit
        )  # "Anggota Komisi II DPR Fraksi PDIP Deddy": the party group, then the holder
        if state.expecting and not faction:
            piece = None
        else:
            piece = self.name_at(words, i, expecting_person=False)
        if piece is None or piece.cls is None:
            state.unknown.append(words[i])
            return i + 1
        state.flush()
        state.pieces.append(piece)
        if faction and state.last_title is not None and piece.type is EntityType.ORGANIZATION:
            state.last_title.extra_units.append(piece)
        return self._after(words, i, piece)

    @staticmethod
    def _after(words: list[Token], i: int, piece: Piece) -> int:
        last = piece.last_word
        return next((k + 1 for k in range(i, len(words)) if words[k] is last), i + 1)

    def _take_title(self, state: _ParseState, i: int, n: int, title: Title | None) -> int:
        """Record a title at i and the unit written after it; return where parsing goes on."""
        assert title is not None
        words = state.words
        state.flush()
        piece = Piece("title", words[i : i + n], title=title)
        state.pieces.append(piece)
        state.last_title = piece
        state.expecting = True
        i += n
        unit = self.unit_after(words, i, title)
        if unit is None:
            return i + self._standing_body(words, i)
        piece.unit = unit
        state.pieces.append(unit)
        if unit.sub_unit is not None and len(title.words) > 1:
            head = " ".join(w.text for w in words[i - n + 1 : i])
            unit.sub_unit = f"{head} {unit.sub_unit}"
        elif title.unit == "sub" and len(title.words) > 1 and unit.sub_unit is None:
            unit.sub_unit = " ".join(w.text for w in words[i - n + 1 : i])
        if unit.words[0] is words[i - 1]:
            return i  # the unit is the title itself ("Kapolri")
        after = self._after(words, i, unit)
        council = self._faction_council(words, after, unit)
        if council:  # "Ketua Fraksi Golkar DPRD Jawa Barat Hendra": the council's faction
            unit.name = surface(words[after - len(unit.words) : after + council])
            unit.words = [*unit.words, *words[after : after + council]]
            unit.candidates = ()
            return after + council
        parent = self._parent_body(words, after, unit)
        if parent is not None:
            unit.parent = parent
            state.pieces.append(parent)
            return self._after(words, after, parent)
        return self._regional_office(words, after, unit)

    def _standing_body(self, words: list[Token], i: int) -> int:
        """How many words at i name a council's standing body written without its council,
        before the holder ("Anggota Banggar Hendra Wijaya"): a sub-unit of several words or one
        that is no word of the language (not "Bagian", "Satuan"), else 0. No entity: the body is the
        council's."""
        n = self.sub_unit_at(words, i)
        if not n or (n == 1 and self.lex.is_vocabulary(words[i].text)):
            return 0
        after = i + n
        if after >= len(words) or not words[after].is_cap or not words[after].is_word:
            return 0
        return n

    def _faction_council(self, words: list[Token], k: int, unit: Piece) -> int:
        """How many words at k name the council of a faction that is a title's unit ("Fraksi
        Golkar DPRD Jawa Barat Hendra", "Fraksi Golkar DPRD Jawa Barat, Hendra"), else 0."""
        if not unit.words or unit.words[0].lower not in self.lex.phrases.faction_heads:
            return 0
        if k >= len(words) or unit.words[-1] is not words[k - 1]:
            return 0
        council = self.name_at(words, k, expecting_person=True)
        if council is None or council.cls != "Legislature":
            return 0
        return len(council.span or council.words)

    def _parent_body(self, words: list[Token], k: int, unit: Piece) -> Piece | None:
        """ "Kepala Badan Pengatur Jalan Tol (BPJT) Kementerian PU Wilan": the ministry written
        right after an agency that is a title's unit, with the holder still to come."""
        if unit.type is not EntityType.ORGANIZATION:
            return None
        if unit.candidates and self.parent_body(unit.candidates):
            return None  # a ministry is no agency of another
        length, known = self.known_at(words, k)
        if not length or not self.parent_body(known) or k + length >= len(words):
            return None
        return self.name_at(words, k, expecting_person=True)

    def _regional_office(self, words: list[Token], k: int, unit: Piece) -> int:
        """ "Kepala BPS Jawa Barat Marsudijono", "Ketua PWNU Jawa Timur KH Abdul Hakim": a region
        right after a national body's name, with the holder's name still to come, makes the
        unit that body's office in the region (not a person "Jawa Barat Marsudijono"). Returns
        where parsing goes on."""
        if unit.type is not EntityType.ORGANIZATION or unit.region is not None:
            return k
        region = self.place_at(words, k, expecting_person=True)
        if region is None or region.cls not in _REGION_CLASSES | {"Country"}:
            return k  # ("Menteri Luar Negeri Tiongkok Wang Yi": that country's ministry)
        end = k + len(region.words)
        if end >= len(words) or not words[end].is_cap:
            return k
        unit.name = f"{unit.name or surface(unit.words)} {surface(region.words)}"
        unit.words = [*unit.words, *words[k:end]]
        unit.candidates = ()  # the regional office, not the national body
        unit.region = region
        return end

    def _ordinary_opening(self, words: list[Token]) -> bool:
        """Whether a sentence's capitalised first word is just an ordinary word ("Menurut")."""
        first = words[0]
        if not self.is_common(first) or first.lower in self.lex.honorifics:
            return False
        return not (
            self.title_at(words, 0)[1] or self.head_at(words, 0)[1] or self.known_at(words, 0)[0]
        )

    def _strip_degrees(self, pieces: list[Piece]) -> None:
        for piece in pieces:
            if piece.kind != "unknown":
                continue
            while len(piece.words) > 1 and piece.words[-1].lower in self.lex.degrees:
                piece.words = piece.words[:-1]
