"""Cut a capitalised chunk into titles, honorifics and typed names.

``Wali Kota Bogor Bima Arya Sugiarto`` becomes the title *Wali Kota* (mayorOf, unit: a city),
the place *Bogor* and the person *Bima Arya Sugiarto*. The parser reads left to right and at each
word takes the longest of: a title, an honorific, a gazetteer name, a name built on a head word
("Dinas ...", "... Forum"), or an unknown word. Unknown words after a title or honorific are a
person's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.chunks import Chunk, abbreviates
from kg.extract.lexicon import Head, KnownName, Lexicon, Title, Trie, words_of
from kg.extract.text import Token
from kg.model.terms import EntityType, entity_type_of

__all__ = ["ChunkParser", "DocNames", "Piece", "surface"]

PLACE_CLASSES = frozenset(
    {
        "Place",
        "Country",
        "Province",
        "Regency",
        "City",
        "District",
        "Village",
        "WorldRegion",
        "Venue",
    }
)


def surface(words: list[Token]) -> str:
    """The words as written, brackets lifted out, original spacing kept between neighbours."""
    out: list[str] = []
    for k, word in enumerate(words):
        if k and words[k - 1].end != word.start:
            out.append(" ")
        out.append(word.text)
    return "".join(out)


@dataclass
class Piece:
    """A part of a chunk: a title, an honorific or a (possibly unknown) name."""

    kind: str  # title | honorific | name | unknown
    words: list[Token]
    cls: str | None = None
    candidates: tuple[KnownName, ...] = ()
    title: Title | None = None
    name: str | None = None  # canonical or derived name, when it differs from the surface
    rule: str = ""
    region: Piece | None = None  # a place written inside an organisation's or event's name
    aliases: list[str] = field(default_factory=list)
    office: bool = False  # written as "Kantor X" / "Gedung X": X's office building
    unit: Piece | None = None  # for titles: the organisation or place the office belongs to
    holder: Piece | None = None  # for titles: the person holding it
    derived: bool = False  # the name is built from a title ("Kapolda Lampung" -> Polda Lampung)
    sub_unit: str | None = None  # "Bagian Kerja Sama" in "Kepala Bagian Kerja Sama Setdakot Bogor"
    speaker: bool = False  # named right after a speech verb ("kata Bima", "Menurut Tyas")

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def type(self) -> EntityType | None:
        return entity_type_of(self.cls) if self.cls else None


@dataclass(frozen=True)
class DocName:
    """A name the article itself taught: a bracketed short form or an already seen name."""

    name: str
    cls: str | None


class DocNames:
    """Names learned while reading one article, looked up like the gazetteer."""

    def __init__(self) -> None:
        self.trie = Trie()
        self.classes: dict[str, str] = {}  # name -> class, once known
        self.short_forms: dict[tuple[str, ...], DocName] = {}

    def add(self, form: str, name: str, cls: str | None, *, short: bool = False) -> None:
        words = words_of(form)
        if tuple(words) in self.trie:
            return
        value = DocName(name, cls)
        self.trie.add(words, value)
        if short:
            self.short_forms[tuple(words)] = value

    def cls_of(self, name: str, fallback: str | None) -> str | None:
        return self.classes.get(name, fallback)

    def acronyms(self, first: str) -> list[tuple[tuple[str, ...], DocName]]:
        """Defined two-word short forms starting with this word ("UCLG" -> "UCLG ASPAC")."""
        return [
            (key, value)
            for key, value in self.short_forms.items()
            if len(key) == 2 and key[0] == first
        ]


@dataclass
class _ParseState:
    """Where the parse of one chunk stands."""

    words: list[Token]
    pieces: list[Piece] = field(default_factory=list)
    unknown: list[Token] = field(default_factory=list)
    expecting: bool = False  # a title or honorific was read: unknown words name a person
    last_title: Piece | None = None

    def flush(self) -> None:
        """Close the run of unknown words as one piece."""
        if not self.unknown:
            return
        cls = "Person" if self.expecting else None
        piece = Piece("unknown", self.unknown, cls, rule="after-title")
        if self.expecting and self.last_title is not None and self.last_title.holder is None:
            self.last_title.holder = piece
        self.pieces.append(piece)
        self.unknown = []


class ChunkParser:
    """Segment chunks of one article (keeps the article's learned names between chunks)."""

    def __init__(self, lex: Lexicon, text: str, doc: DocNames) -> None:
        self.lex = lex
        self.text = text
        self.doc = doc

    # ----------------------------------------------------------------- lookups
    def _lower(self, words: list[Token]) -> list[str]:
        return [w.lower for w in words]

    def _case_ok(self, words: list[Token], key: tuple[str, ...]) -> bool:
        forms = self.lex.exact_case.get(key)
        if forms is not None:
            return tuple(w.text for w in words) in forms or all(
                w.is_upper or not w.is_word for w in words
            )
        return all(
            not w.is_word
            or w.text[:1].isupper()
            or w.text[:1].isdigit()
            or w.lower in self.lex.joiners
            for w in words
        )

    def known_at(self, words: list[Token], i: int) -> tuple[int, tuple[KnownName, ...]]:
        """Longest gazetteer match at i: (length, candidates) or (0, ())."""
        lower = self._lower(words)
        for length, values in self.lex.names.matches(lower, i):
            span = words[i : i + length]
            if self._case_ok(span, tuple(lower[i : i + length])):
                return length, tuple(v for v in values if isinstance(v, KnownName))
        return 0, ()

    def doc_at(self, words: list[Token], i: int) -> tuple[int, DocName | None]:
        """Longest name the article taught at i, including a defined acronym's variants:
        with "UCLG ASPAC" defined, "UCLG Asia Pacific" and a bare "UCLG" name it too."""
        lower = self._lower(words)
        for length, values in self.doc.trie.matches(lower, i):
            value = values[0]
            if isinstance(value, DocName):
                return length, value
        if not words[i].is_upper:
            return 0, None
        for key, value in self.doc.acronyms(lower[i]):
            place = self.place_at(words, i + 1)
            if place is not None and place.candidates:
                forms = self.lex.forms.get(place.candidates[0], [])
                if any(abbreviates(key[1], words_of(f), self.lex.joiners) for f in forms):
                    return 1 + len(place.words), value
            if i + 1 >= len(words) or not words[i + 1].text[:1].isupper():
                return 1, value
        return 0, None

    def title_at(self, words: list[Token], i: int) -> tuple[int, Title | None]:
        lower = self._lower(words)
        for length, values in self.lex.titles.matches(lower, i):
            value = values[0]
            if isinstance(value, Title):
                return length, value
        return 0, None

    def head_at(self, words: list[Token], i: int) -> tuple[int, Head | None]:
        lower = self._lower(words)
        for length, values in self.lex.heads.matches(lower, i):
            value = values[0]
            if isinstance(value, Head):
                return length, value
        return 0, None

    def honorific_at(self, words: list[Token], i: int) -> int:
        """Length of an honorific or rank at i (with its dot), 0 if none."""
        word = words[i]
        if word.lower not in self.lex.honorifics or i + 1 >= len(words):
            return 0
        follower = words[i + 1]
        n = 1
        if follower.text == ".":
            n = 2
            if i + 2 >= len(words):
                return 0
            follower = words[i + 2]
        # "Ibu Kota" is a capital city, "Bapak Pembangunan" a title: not honorifics before a name
        if self.head_at(words, i + n)[1] is not None or self.title_at(words, i + n)[1] is not None:
            return 0
        return n

    def is_name_word(self, word: Token) -> bool:
        """Could this word be part of a person's name?"""
        lower = word.lower
        if not word.is_word or not word.text[:1].isupper():
            return False
        if lower in self.lex.calendar or lower in self.lex.suffix_heads:
            return False
        return self.head_at([word], 0)[1] is None

    # ----------------------------------------------------------------- names
    def place_at(self, words: list[Token], i: int, prefer: str | None = None) -> Piece | None:
        """A place written at i: a gazetteer place or a place head with its name.

        Args:
            prefer: the class to choose among same-named places ("City" after "Wali Kota").
        """
        length, candidates = self.known_at(words, i)
        places = tuple(c for c in candidates if c.cls in PLACE_CLASSES)
        if length and places:
            chosen = next((c for c in places if c.cls == prefer), places[0])
            places = (chosen, *(c for c in places if c is not chosen))
            return Piece("name", words[i : i + length], chosen.cls, places, rule="gazetteer")
        n, head = self.head_at(words, i)
        if head is not None and head.cls in PLACE_CLASSES and head.position != "suffix":
            end = self._name_end(words, i + n, limit=4)
            if end > i + n:
                return Piece("name", words[i:end], head.cls, rule="place-head")
        return None

    def _name_end(self, words: list[Token], i: int, limit: int = 12) -> int:
        """End of a run of name words from i (stops at titles and honorifics)."""
        end = i
        while end < len(words) and end - i < limit:
            word = words[end]
            if word.lower in self.lex.calendar:
                break
            if end > i and (self.honorific_at(words, end) or self.title_at(words, end)[1]):
                break
            end += 1
        while end > i and words[end - 1].lower in self.lex.joiners:
            end -= 1
        return end

    def headed_at(self, words: list[Token], i: int, expecting_person: bool) -> Piece | None:
        """A name built on a prefix head: "Dinas Pariwisata Kabupaten Sukabumi", "Polda Riau"."""
        n, head = self.head_at(words, i)
        if head is None or (head.cls in PLACE_CLASSES and head.position in ("region", "region?")):
            return None
        return self._headed(words, i, n, head, expecting_person)

    def _headed(
        self, words: list[Token], i: int, n: int, head: Head, expecting_person: bool
    ) -> Piece | None:
        k = i + n
        region: Piece | None = None
        if head.position in ("region", "region?"):
            region = self.place_at(words, k)
            if region is not None:
                end = k + len(region.words)
            elif head.position == "region" and k < len(words) and self.is_name_word(words[k]):
                end = k + 1
            else:
                end = k
                while end < len(words) and words[end].lower in {
                    "ri",
                    "pusat",
                    "provinsi",
                    "kabupaten",
                    "kota",
                }:
                    end += 1
        else:
            end = k
            while end < len(words):
                if end > k and (
                    self.honorific_at(words, end) or words[end].lower in self.lex.calendar
                ):
                    break
                place = self.place_at(words, end)
                if place is not None and place.cls != "Venue":
                    region = place
                    end += len(place.words)
                    break
                end += 1
            if region is None and expecting_person:
                end = self._split_person(words, k, end)
            if end == k and head.cls not in PLACE_CLASSES:
                return None
        piece = Piece("name", words[i:end], head.cls, rule="head:" + " ".join(head.words))
        piece.region = region if region is not None and region.words[-1] is words[end - 1] else None
        if head.words[0] in ("kantor", "gedung") and end > k:
            inner = self.name_at(words[k:end], 0, expecting_person=False)
            if inner is not None and inner.type is EntityType.ORGANIZATION:
                inner.office = True
                inner.words = words[k : k + len(inner.words)]
                return inner
        return piece

    def _split_person(self, words: list[Token], k: int, end: int) -> int:
        """Where a person's name starts at the end of an unterminated organisation name."""
        start = end
        while (
            start - 1 > k
            and end - (start - 1) <= 4
            and self.is_name_word(words[start - 1])
            and not self.lex.is_common(words[start - 1].text)
            and not words[start - 1].is_upper
        ):
            start -= 1
        return start

    def suffix_end(self, words: list[Token], i: int) -> int | None:
        """Index of the farthest suffix head after i with no title or honorific before it."""
        best = None
        for k in range(i + 1, len(words)):
            if self.honorific_at(words, k) or (k > i and self.title_at(words, k)[1]):
                break
            if words[k].lower in self.lex.suffix_heads and words[k].text[:1].isupper():
                best = k
        return best

    def name_at(self, words: list[Token], i: int, expecting_person: bool) -> Piece | None:
        """The longest name starting at i, of any kind."""
        options: list[tuple[int, int, Piece]] = []
        length, candidates = self.known_at(words, i)
        if length:
            cls = candidates[0].cls if candidates else None
            piece = Piece("name", words[i : i + length], cls, candidates, rule="gazetteer")
            if candidates and all(c.cls in PLACE_CLASSES for c in candidates):
                piece.cls = candidates[0].cls
            options.append((length, 3, piece))
        dlen, doc_name = self.doc_at(words, i)
        if dlen and doc_name is not None:
            cls = self.doc.cls_of(doc_name.name, doc_name.cls) or "Organization"
            piece = Piece("name", words[i : i + dlen], cls, name=doc_name.name, rule="article-name")
            options.append((dlen, 4, piece))
        headed = self.headed_at(words, i, expecting_person)
        if headed is not None:
            options.append((len(headed.words), 2, headed))
        place = self.place_at(words, i)
        if place is not None and place.rule == "place-head":
            options.append((len(place.words), 2, place))
        k = self.suffix_end(words, i)
        if k is not None:
            suffix = self.lex.suffix_heads[words[k].lower]
            cls = suffix.cls
            if headed is not None and len(headed.words) <= k + 1 - i:
                cls = headed.cls or cls
            options.append((k + 1 - i, 1, Piece("name", words[i : k + 1], cls, rule="suffix-head")))
        if not options:
            return None
        options.sort(key=lambda o: (o[0], o[1]), reverse=True)
        return options[0][2]

    # ----------------------------------------------------------------- units of titles
    def unit_after(self, words: list[Token], i: int, title: Title) -> Piece | None:
        """The place or organisation an office belongs to, written right after its title."""
        unit = title.unit
        if unit.startswith("place:"):
            return self.place_at(words, i, prefer=unit[6:])
        if unit.startswith("fixed:"):
            name = unit[6:]
            candidates = self.lex.names.get(tuple(words_of(name)))
            known = tuple(c for c in candidates if isinstance(c, KnownName))
            cls = known[0].cls if known else "GovernmentBody"
            piece = Piece("name", words[i - 1 : i], cls, known, name=name, rule="title-unit")
            piece.derived = True
            return piece
        if unit.startswith("derive:"):
            return self._derived_unit(words, i, unit[7:])
        if unit == "sub":
            return self._sub_unit(words, i)
        if unit == "org":
            return self._org_after_title(words, i)
        return None

    def _org_after_title(self, words: list[Token], i: int) -> Piece | None:
        if i >= len(words):
            return None
        piece = self.name_at(words, i, expecting_person=True)
        if piece is not None and piece.type is not EntityType.PERSON:
            return piece
        end = i
        while end < len(words) and words[end].is_upper:
            end += 1
        if end > i:
            return Piece("name", words[i:end], "Organization", rule="acronym-after-title")
        return None

    def _derived_unit(self, words: list[Token], i: int, head_name: str) -> Piece | None:
        head_words = tuple(words_of(head_name))
        values = self.lex.heads.get(head_words)
        head = values[0] if values and isinstance(values[0], Head) else None
        if head is not None and head.position in ("region", "region?"):
            place = self.place_at(words, i)
            if place is None:
                return None
            piece = Piece("name", place.words, head.cls, name=f"{head_name} {surface(place.words)}")
            piece.region = place
        elif (gazetteer := self._known_derived(words, i, head_name)) is not None:
            piece = gazetteer
        else:
            end = i
            while end < len(words) and (
                self.lex.is_common(words[end].text)
                or words[end].is_upper
                or words[end].lower in self.lex.joiners
            ):
                if self.honorific_at(words, end):
                    break
                end += 1
            while end > i and words[end - 1].lower in self.lex.joiners:
                end -= 1
            if end == i:
                return None
            cls = head.cls if head is not None else "GovernmentBody"
            name = f"{head_name} {surface(words[i:end])}"
            piece = Piece("name", words[i:end], cls, name=name)
        piece.derived = True
        piece.rule = "title-unit"
        if not piece.candidates:
            found = self.lex.names.get(tuple(words_of(piece.name or "")))
            piece.candidates = tuple(k for k in found if isinstance(k, KnownName))
        return piece

    def _known_derived(self, words: list[Token], i: int, head_name: str) -> Piece | None:
        """The longest gazetteer body named by the head plus the words after the title:
        "Menteri Perhubungan" -> Kementerian Perhubungan, "Menteri PUPR" -> Kementerian PUPR."""
        head = words_of(head_name)
        lower = self._lower(words)
        for end in range(len(words), i, -1):
            found = self.lex.names.get(tuple(head + lower[i:end]))
            known = tuple(k for k in found if isinstance(k, KnownName))
            if known:
                name = f"{head_name} {surface(words[i:end])}"
                return Piece("name", words[i:end], known[0].cls, known, name=name)
        return None

    def _sub_unit(self, words: list[Token], i: int) -> Piece | None:
        end = i
        while end < len(words):
            org = self.name_at(words, end, expecting_person=True)
            if org is not None and org.type is EntityType.ORGANIZATION and end > i:
                org.sub_unit = surface(words[i:end])
                return org
            if not (self.lex.is_common(words[end].text) or words[end].lower in self.lex.joiners):
                break
            end += 1
        return None

    # ----------------------------------------------------------------- the chunk
    def long_form_start(self, words: list[Token], p: int, short: str) -> int:
        """Where the words a bracketed short form stands for begin (they end at p)."""
        for start in range(p):
            if abbreviates(short, [w.text for w in words[start:p]], self.lex.joiners):
                return start
        start = 0
        while start < p:
            n = self.honorific_at(words, start) or self.title_at(words, start)[0]
            if not n:
                break
            start += n
        return start

    def parse(self, chunk: Chunk) -> list[Piece]:
        """Cut one chunk into pieces; a name a bracketed short form defines stays whole."""
        words = chunk.words
        pieces = self._parse_words(words, chunk.sentence_start)
        for definition in chunk.definitions:
            p = definition.position
            if not (p == len(words) or all(t.is_upper for t in definition.short)):
                continue
            s = self.long_form_start(words, p, surface(list(definition.short)))
            if p - s < 2 or self.title_at(words[s:p], 0)[0] == p - s:
                continue
            first, last = words[s], words[p - 1]
            if any(
                q.kind == "name" and q.start <= first.start and q.end >= last.end for q in pieces
            ):
                continue
            left = self._parse_words(words[:s], chunk.sentence_start)
            forced = Piece("name", words[s:p], self._defined_class(words[s:p]), rule="defined-name")
            if left and left[-1].kind == "title" and left[-1].unit is None:
                left[-1].unit = forced
            pieces = [*left, forced, *self._parse_words(words[p:], False)]
        return pieces

    def _defined_class(self, words: list[Token]) -> str:
        whole = self.name_at(words, 0, expecting_person=False)
        if whole is not None and whole.cls and len(whole.words) == len(words):
            return whole.cls
        if words[-1].lower in self.lex.suffix_heads:
            return self.lex.suffix_heads[words[-1].lower].cls
        head = self.head_at(words, 0)[1]
        if head is not None:
            return head.cls
        return "Organization"

    def _parse_words(self, words: list[Token], sentence_start: bool) -> list[Piece]:
        state = _ParseState(words)
        i = 0
        while i < len(words):
            word = words[i]
            if word.text == "." or word.lower in self.lex.calendar:
                state.flush()
                i += 1
            elif i == 0 and sentence_start and self._ordinary_opening(words):
                i += 1
            elif n := self.honorific_at(words, i):
                state.flush()
                state.pieces.append(Piece("honorific", words[i : i + n]))
                state.expecting = True
                i += n
            elif (found := self.title_at(words, i))[1] is not None and not state.unknown:
                i = self._take_title(state, i, found[0], found[1])
            else:
                piece = None if state.expecting else self.name_at(words, i, expecting_person=False)
                if piece is not None and piece.cls is not None:
                    state.flush()
                    state.pieces.append(piece)
                    i += len(piece.words)
                else:
                    state.unknown.append(word)
                    i += 1
        state.flush()
        self._strip_degrees(state.pieces)
        return state.pieces

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
            return i
        piece.unit = unit
        state.pieces.append(unit)
        if unit.sub_unit is not None and len(title.words) > 1:
            head = " ".join(w.text for w in words[i - n + 1 : i])
            unit.sub_unit = f"{head} {unit.sub_unit}"
        last = next((k for k in range(i, len(words)) if words[k] is unit.words[-1]), None)
        return i if last is None else last + 1

    def _ordinary_opening(self, words: list[Token]) -> bool:
        """Whether a sentence's capitalised first word is just an ordinary word ("Menurut")."""
        first = words[0]
        if not self.lex.is_common(first.text) or first.lower in self.lex.honorifics:
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
