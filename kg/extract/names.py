"""Find typed names inside capitalised chunks: gazetteer names, names built on head words
("Dinas Pariwisata Kabupaten Sukabumi", "ASEAN Mayors Forum"), places, sub-units.

:class:`NameFinder` answers "which name starts at word i, and where does it end"; the chunk
parser (:mod:`kg.extract.segment`) uses it to cut chunks into titles, names and persons.
"""

from __future__ import annotations

import re

from kg.extract.chunks import abbreviates
from kg.extract.lexicon import Head, KnownName, Lexicon, Title, words_of
from kg.extract.pieces import PLACE_CLASSES, DocName, DocNames, Piece, surface
from kg.extract.text import Token
from kg.model.terms import EntityType

__all__ = ["NameFinder", "unit_qualifier"]

_YEAR = re.compile(r"^(19|20)\d\d$")
"""A year written after an event's name, which names its edition."""
_EDITION = re.compile(r"^(?:(19|20)\d\d|ke-(?:\d+|[IVXLC]+))$")
"""A year or an ordinal ("ke-18", "ke-IV") written after an event's name: its edition."""


def _lower_key(words: list[Token], i: int, length: int) -> tuple[str, ...]:
    """The lower-cased words[i : i + length], as the tries key them."""
    if i < 0:  # a negative start slices the lower-cased list the same way
        return tuple([w.lower for w in words][i : i + length])
    return tuple(w.lower for w in words[i : i + length])


def _has_place(candidates: tuple[KnownName, ...]) -> bool:
    return any(c.cls in PLACE_CLASSES for c in candidates)


def unit_qualifier(words: list[Token], k: int, head: Head | None, lex: Lexicon) -> int:
    """How many words between a unit's head and its region qualify the unit: "Metro" of the
    metropolitan police commands ("Polres Metro Depok"), a number of a military command
    ("Kodim 0606 Kota Bogor", "Kodim 0621/Kabupaten Bogor"); else 0."""
    if head is None or k + 1 >= len(words):
        return 0
    if head.cls == "PoliceUnit" and words[k].lower in lex.phrases.police_qualifiers:
        return 1
    if head.cls == "MilitaryUnit" and any(c.isdigit() for c in words[k].text):
        return 2 if words[k + 1].text == "/" and k + 2 < len(words) else 1
    return 0


class NameFinder:
    """Lookups of one article: the lexicon plus the names the article taught so far."""

    def __init__(self, lex: Lexicon, doc: DocNames) -> None:
        self.lex = lex
        self.doc = doc
        self._suffix_ends: tuple[list[Token], list[int | None]] | None = None

    # ----------------------------------------------------------------- word lookups
    @staticmethod
    def lower(words: list[Token]) -> list[str]:
        return [w.lower for w in words]

    def _case_ok(self, words: list[Token], key: tuple[str, ...]) -> bool:
        forms = self.lex.exact_case.get(key)
        if forms is not None and key not in self.lex.any_case:
            return tuple(w.text for w in words) in forms or all(
                w.is_upper or not w.is_word for w in words
            )
        return all(
            not w.is_word
            or w.text[:1].isupper()
            or w.text[:1].isdigit()
            or w.lower in self.lex.joiners
            or (k > 0 and w.lower in self.lex.compass)  # "Jawa barat" in scraped text
            or not w.text.islower()  # lower camel case, as written: "detikNews"
            for k, w in enumerate(words)
        )

    def known_at(self, words: list[Token], i: int) -> tuple[int, tuple[KnownName, ...]]:
        """Longest gazetteer match at i: (length, candidates) or (0, ())."""
        if 0 <= i < len(words) and words[i].lower not in self.lex.names.firsts:
            return 0, ()
        for length, values in self.lex.names.token_matches(words, i):
            if self._case_ok(words[i : i + length], _lower_key(words, i, length)):
                known = tuple(dict.fromkeys(v for v in values if isinstance(v, KnownName)))
                if (
                    length == 1
                    and self.is_common(words[i])
                    and all(c.cls in ("Regency", "District") for c in known)
                ):
                    continue  # "Puncak" (a peak) names Kabupaten Puncak only with its prefix
                return length, known
        return 0, ()

    def doc_at(self, words: list[Token], i: int) -> tuple[int, DocName | None]:
        """Longest name the article taught at i, including a defined acronym's variants:
        with "UCLG ASPAC" defined, "UCLG Asia Pacific" and a bare "UCLG" name it too."""
        if not 0 <= i < len(words) or words[i].lower in self.doc.trie.firsts:
            for length, values in self.doc.trie.token_matches(words, i):
                value = values[0]
                if isinstance(value, DocName):
                    return length, value
        if not words[i].is_upper:
            return 0, None
        for key, value in self.doc.acronyms(words[i].lower):
            place = self.place_at(words, i + 1)
            if place is not None and place.candidates:
                forms = self.lex.forms.get(place.candidates[0], [])
                if any(abbreviates(key[1], words_of(f), self.lex.joiners) for f in forms):
                    return 1 + len(place.words), value
            if i + 1 >= len(words) or not words[i + 1].text[:1].isupper():
                return 1, value
        return 0, None

    def title_at(self, words: list[Token], i: int) -> tuple[int, Title | None]:
        if 0 <= i < len(words) and words[i].lower not in self.lex.titles.firsts:
            return 0, None
        for length, values in self.lex.titles.token_matches(words, i):
            value = values[0]
            if isinstance(value, Title) and not self._title_cuts_name(words, i, length):
                return length, value
        return 0, None

    def _title_cuts_name(self, words: list[Token], i: int, length: int) -> bool:
        """Whether a title of this length would take the first words of a gazetteer body
        ("Ketua Majelis" in "Ketua Majelis Ulama Indonesia": the title is "Ketua"; a place may
        share a word with its title: "Wali Kota" in "Wali Kota Bogor")."""
        for j in range(1, length):
            known_length, known = self.known_at(words, i + j)
            if known_length > length - j and not _has_place(known):
                return True
        return False

    def head_at(self, words: list[Token], i: int) -> tuple[int, Head | None]:
        if 0 <= i < len(words) and words[i].lower not in self.lex.heads.firsts:
            return 0, None
        for length, values in self.lex.heads.token_matches(words, i):
            value = values[0]
            if isinstance(value, Head):
                return length, value
        return 0, None

    def sub_unit_at(self, words: list[Token], i: int) -> int:
        if 0 <= i < len(words) and words[i].lower not in self.lex.sub_units.firsts:
            return 0
        for length, _ in self.lex.sub_units.token_matches(words, i):
            return length
        return 0

    def honorific_at(self, words: list[Token], i: int) -> int:
        """Length of an honorific or rank at i (with its dot), 0 if none."""
        if words[i].lower not in self.lex.honorifics or i + 1 >= len(words):
            return 0
        n = 2 if words[i + 1].text == "." else 1
        if i + n < len(words) and words[i + n].is_cap and self._rank_grade(words[i + n]):
            n += 1  # "Laksamana Madya": a rank of two words
        if i + n >= len(words):
            return 0
        # "Ibu Kota" is a capital city: no honorific before a name ("Pak Menkeu", "Bapak
        # Presiden Prabowo" are: a form of address before a title)
        if self.head_at(words, i + n)[1] is not None:
            return 0
        # "TNI AD" is the army, though "TNI" ends a rank ("Jenderal TNI Agus"): a known body's
        # name that starts here and runs on is no rank
        known_length, known = self.known_at(words, i)
        if known_length > n and not _has_place(known):
            return 0
        # and "TNI" alone is the body unless a rank stands before it ("perwira TNI dan Polri",
        # "pimpinan TNI": no rank, no person to expect)
        if known_length == n and not _has_place(known) and not self._after_rank(words, i):
            return 0
        return n

    def _after_rank(self, words: list[Token], i: int) -> bool:
        """Whether words[i] follows an honorific or rank ("Jenderal TNI", "Mayjen. TNI"), or a
        rank of two words ("Laksamana Madya TNI", "Marsekal Pertama TNI")."""
        k = i - 2 if i >= 2 and words[i - 1].text == "." else i - 1
        if k < 0:
            return False
        if words[k].lower in self.lex.honorifics:
            return True
        return k >= 1 and self._rank_grade(words[k]) and words[k - 1].lower in self.lex.honorifics

    def _rank_grade(self, word: Token) -> bool:
        return word.lower in self.lex.phrases.rank_grades

    def is_name_word(self, word: Token) -> bool:
        """Could this word be part of a person's name?"""
        lower = word.lower
        if not word.is_word or not word.text[:1].isupper():
            return False
        if self.lex.is_amount(lower):
            return False  # "Rp 3" and "Rp300" in "Pak Menteri Rp300 ribu" are no names
        if (
            lower in self.lex.calendar
            or lower in self.lex.suffix_heads
            or lower in self.lex.pronouns
        ):
            return False
        return self.head_at([word], 0)[1] is None

    def _month_named(self, word: Token) -> bool:
        return word.is_cap and self.lex.calendar.get(word.lower, ("", 0))[0] == "month"

    def is_common(self, word: Token) -> bool:
        """Ordinary vocabulary (initials and acronyms never are)."""
        return len(word.text) > 1 and not word.is_upper and word.lower in self.lex.common

    def plausible_person(self, words: list[Token]) -> bool:
        """Whether words can be a person's name: name-like, not all vocabulary, no head words."""
        named = [w for w in words if w.is_word]
        if not named or len(named) > 6:
            return False
        if not all(
            self.is_name_word(w) or len(w.text) == 1 or (k and self._month_named(w))
            for k, w in enumerate(named)
        ):  # a month after a name's first word is a given name: "Rudi Juli Hartanto"
            return False
        for k in range(len(words)):
            n, title = self.title_at(words, k)
            # a one-word title after a given name is a name: "Abdul Hakim", "Lukman Hakim";
            # so is one that is also a given name, first: "Raja Darmawan Siregar"
            given = (
                k == 0 and len(named) > 1 and words[0].lower in self.lex.phrases.given_name_titles
            )
            if title is not None and not (
                n == 1 and (given or (k and not self.is_common(words[k - 1])))
            ):
                return False
        return not all(self.is_common(w) for w in named)

    def starts_name(self, words: list[Token], i: int) -> bool:
        """Whether a new name, title or honorific starts at i (ends the name before it)."""
        if i >= len(words):
            return False
        return bool(
            self.title_at(words, i)[1]
            or self.honorific_at(words, i)
            or self.head_at(words, i)[1]
            or self.known_at(words, i)[0]
            or self.doc_at(words, i)[0]
            or self.suffix_end(words, i) is not None
            or words[i].lower in self.lex.phrases.government
        )

    def _boundary(self, words: list[Token], k: int) -> bool:
        """A joiner at k that separates two names ("Polda Lampung dan Unila") ends a name."""
        return words[k].text in self.lex.joiners and self.starts_name(words, k + 1)

    # ----------------------------------------------------------------- places
    def place_at(
        self,
        words: list[Token],
        i: int,
        prefer: str | None = None,
        *,
        expecting_person: bool = False,
    ) -> Piece | None:
        """A place written at i: a gazetteer place or a place head with its name.

        Args:
            prefer: the class to choose among same-named places ("City" after "Wali Kota").
            expecting_person: a person's name follows (leave it at least two words).
        """
        if i >= len(words):
            return None
        return self._place_at(words, i, prefer, expecting_person, None, -1, None)

    def _place_at(
        self,
        words: list[Token],
        i: int,
        prefer: str | None,
        expecting_person: bool,
        known: tuple[int, tuple[KnownName, ...]] | None,
        suffix: int | None,
        found: tuple[int, Head | None] | None,
    ) -> Piece | None:
        """:meth:`place_at` given, when the caller has them, ``known_at(words, i)``,
        ``suffix_end(words, i)`` and ``head_at(words, i)`` (``known`` None, ``suffix`` -1,
        ``found`` None: not computed yet)."""
        if words[i].lower in self.lex.phrases.government and i + 1 < len(words):
            inner = self.place_at(words, i + 1, prefer, expecting_person=expecting_person)
            if inner is not None and inner.cls != "Venue":  # the government of X is X
                inner.aliases.append(surface(words[i : i + 1 + len(inner.words)]))
                inner.span = words[i : i + 1 + len(inner.words)]
                return inner
        length, candidates = self.known_at(words, i) if known is None else known
        places = tuple(c for c in candidates if c.cls in PLACE_CLASSES) if length else ()
        if places:
            chosen = next((c for c in places if c.cls == prefer), places[0])
            places = (chosen, *(c for c in places if c is not chosen))
            return Piece("name", words[i : i + length], chosen.cls, places, rule="gazetteer")
        n, head = self.head_at(words, i) if found is None else found
        if head is not None and head.cls in PLACE_CLASSES and head.position != "suffix":
            end = self.name_end(words, i + n, limit=5 if head.cls == "Venue" else 3)
            if head.cls == "Venue":
                end = self._before_country(words, i + n + 1, end)
            if expecting_person and end - (i + n) > 1:
                end = max(i + n + 1, min(end, len(words) - 2))
            if end > i + n and self._strict_ok(words, i, i + n, end):
                piece = Piece("name", words[i:end], head.cls, rule="place-head")
                if head.cls == "District":  # "Kecamatan Jabung": the code, when one fits
                    piece.candidates = self._district(words[i + n : end])
                return piece
        k = self.suffix_end(words, i) if suffix == -1 else suffix
        if k is not None and self.lex.suffix_heads[words[k].lower].cls in PLACE_CLASSES:
            end = self._suffix_tail(words, k, expecting_person)
            return Piece("name", words[i:end], "Venue", rule="suffix-head")
        return None

    def _before_country(self, words: list[Token], first: int, end: int) -> int:
        """Where a country written out at the end of a venue's name starts, the venue's own name
        keeping a word at least ("Geopark Izu Peninsula Jepang": the geopark, in Japan), else
        ``end``."""
        for j in range(first, end):
            length, known = self.known_at(words, j)
            if (
                j + length == end
                and not words[j].is_upper
                and any(c.cls == "Country" for c in known)
            ):
                return j  # (an acronym is the name's own qualifier: "Istana Kepresidenan RI")
        return end

    def _district(self, words: list[Token]) -> tuple[KnownName, ...]:
        """The gazetteer districts with exactly this name (resolution picks among several by
        the regencies the article names, or gives none a code)."""
        values = self.lex.districts.get(tuple(w.lower for w in words))
        return tuple(v for v in values if isinstance(v, KnownName))

    def _suffix_tail(self, words: list[Token], k: int, expecting_person: bool = False) -> int:
        """End of a name whose suffix head may also lead ("Twin Geopark Pongkor-Ciletuh")."""
        if expecting_person or self.head_at(words, k)[1] is None or self.sub_unit_at(words, k):
            return k + 1
        return max(k + 1, self.name_end(words, k + 1, limit=3))

    def _strict_ok(self, words: list[Token], i: int, k: int, end: int) -> bool:
        """ "Kawasan Hulu" is a description; a strict head needs a proper name after it."""
        if words[i].lower not in self.lex.strict_heads:
            return True
        return any(not self.is_common(w) for w in words[k:end] if w.is_word)

    def name_end(self, words: list[Token], i: int, limit: int = 12) -> int:
        """End of a run of name words from i: stops at titles, honorifics, new heads, joiners
        between two names."""
        end = i
        while end < len(words) and end - i < limit:
            word = words[end]
            if word.lower in self.lex.calendar or self._boundary(words, end):
                break
            if end > i and (
                self.honorific_at(words, end)
                or self.title_at(words, end)[1]
                or self._stops_name(words, end)
                or self.known_at(words, end)[0] >= 2
            ):
                break
            end += 1
        while end > i and words[end - 1].lower in self.lex.joiners:
            end -= 1
        return end

    def _stops_name(self, words: list[Token], k: int) -> bool:
        """A head that starts a new name: an organisation's or a region's, not a venue word
        inside a name ("Hotel Royal Tulip Gunung Geulis")."""
        head = self.head_at(words, k)[1]
        return head is not None and head.cls != "Venue"

    # ----------------------------------------------------------------- names on head words
    def headed_at(
        self,
        words: list[Token],
        i: int,
        expecting_person: bool,
        found: tuple[int, Head | None] | None = None,
    ) -> Piece | None:
        """A name built on a prefix head: "Dinas Pariwisata Kabupaten Sukabumi", "Polda Riau".
        ``found``: ``head_at(words, i)`` when the caller has it."""
        n, head = self.head_at(words, i) if found is None else found
        if head is None:
            return None
        if words[i].lower in self.lex.phrases.office_heads:
            office = self._office(words, i + n)
            if office is not None:
                return office
        if head.cls in PLACE_CLASSES:
            return None  # place heads are read by place_at
        return self.headed(words, i, n, head, expecting_person)

    def _office(self, words: list[Token], k: int) -> Piece | None:
        """ "Kantor Bawaslu Sumut", "Gedung Komnas HAM": the body's (or region's) office."""
        start = k
        while k < len(words) and words[k].lower in self.lex.phrases.office_qualifiers:
            k += 1  # "Kantor Pusat GP Ansor", "Kantor Cabang Bank X"
        if k >= len(words):
            return None
        inner = self.name_at(words, k, expecting_person=False) or self.place_at(words, k)
        if inner is None or inner.type not in (EntityType.ORGANIZATION, EntityType.PLACE):
            return None
        if inner.type is EntityType.PLACE and inner.cls == "Venue":
            return None
        inner.office = True
        inner.span = words[start - 1 : k + len(inner.words)]
        return inner

    def headed(
        self, words: list[Token], i: int, n: int, head: Head, expecting_person: bool
    ) -> Piece | None:
        k = i + n
        if head.position in ("region", "region?"):
            end, region = self._region_tail(words, k, head)
        elif head.position == "party":
            end, region = self._party_tail(words, k)
        else:
            end, region = self._prefix_tail(words, k, expecting_person)
        bare_ok = (head.cls == "Event" and len(head.words) >= 2) or (
            head.position == "region?" and words[i].is_upper
        )
        if end == k and not bare_ok:
            return None
        if not self._strict_ok(words, i, k, end):
            return None
        piece = Piece("name", words[i:end], head.cls, rule="head:" + " ".join(head.words))
        piece.region = region
        return piece

    def _region_tail(self, words: list[Token], k: int, head: Head) -> tuple[int, Piece | None]:
        # "Setdakot Bogor" is the city's secretariat, "Setdakab Bogor" the regency's
        k += unit_qualifier(words, k, head, self.lex)
        region = self.place_at(words, k, prefer=head.level)
        if region is not None:
            return k + len(region.words), region
        if head.position == "region" and k < len(words) and self.is_name_word(words[k]):
            return k + 1, None
        end = k
        while end < len(words) and words[end].lower in self.lex.phrases.region_words:
            end += 1
        return end, None

    def _party_tail(self, words: list[Token], k: int) -> tuple[int, Piece | None]:
        """A party board ("DPD Partai Gerindra Jawa Barat", "DPC PDI Perjuangan Kota Bogor"):
        the party, then the region it covers if written; no party, no board ("Ketua DPD La
        Nyalla" is the senate's chair)."""
        length, known = self.known_at(words, k)
        if not (length and any(c.cls == "PoliticalParty" for c in known)):
            head_len, head = self.head_at(words, k)
            if head is None or head.cls != "PoliticalParty" or head.position != "prefix":
                return k, None
            length = self._prefix_tail(words, k + head_len, False)[0] - k
            if length <= head_len:
                return k, None
        end = k + length
        region = self.place_at(words, end)
        if region is not None:
            return end + len(region.words), region
        return end, None

    def _prefix_tail(
        self, words: list[Token], k: int, expecting_person: bool
    ) -> tuple[int, Piece | None]:
        end = k
        while end < len(words):
            if end > k and (
                self.honorific_at(words, end)
                or words[end].lower in self.lex.calendar
                or self._boundary(words, end)
                or self.title_at(words, end)[1]
            ):
                break
            known_len, known = self.known_at(words, end)
            if end > k and known_len and self.parent_body(known):
                return end, None  # "Badan Pengatur Jalan Tol | Kementerian PU": two bodies
            if known_len and all(c.cls not in PLACE_CLASSES for c in known):
                # "Fraksi Gerindra": the party ends the name, unless a region follows it
                # ("Dinas Kominfo Kota Depok")
                after = end + known_len
                place = self.place_at(words, after) if after < len(words) else None
                if place is not None and place.cls != "Venue" and place.candidates:
                    return after + len(place.words), place
                return after, None
            place = self.place_at(words, end)
            if place is not None and place.cls != "Venue":
                end += len(place.words)
                if not expecting_person:  # "Kabinet Indonesia Maju", "BUMD Riau Pangan Bertuah"
                    end = self.name_end(words, end)
                return end, place if place.words[-1] is words[end - 1] else None
            end += 1
        if expecting_person:
            end = self.split_person(words, k, end)
        return end, None

    def parent_body(self, known: tuple[KnownName, ...]) -> bool:
        """Whether a known name is a body agencies are part of (a ministry: phrases.tsv
        parent-body-heads), by its canonical name."""
        heads = self.lex.phrases.parent_body_heads
        return bool(known) and all(c.name.split()[0].lower() in heads for c in known)

    def split_person(self, words: list[Token], k: int, end: int) -> int:
        """Where a person's name starts at the end of an unterminated organisation name."""
        start = end
        while (
            start - 1 > k
            and end - (start - 1) <= 4
            and self.is_name_word(words[start - 1])
            and not self.is_common(words[start - 1])
            and not words[start - 1].is_upper
        ):
            start -= 1
        if start < end and words[start - 1].lower in self.lex.joiners:
            return end  # "Dinas Perikanan dan Peternakan": a word after "dan" ends the body
        return start

    def suffix_end(self, words: list[Token], i: int) -> int | None:
        """Index of the farthest suffix head after i with no title, honorific or "dan" before it."""
        cached = self._suffix_ends
        if cached is None or cached[0] is not words or len(cached[1]) != len(words) + 1:
            # every word of a chunk asks: one pass from the right answers them all (a scan
            # per word made a 25,000-word chunk without punctuation take minutes)
            cached = self._suffix_ends = (words, self._farthest_suffix_heads(words))
        return cached[1][i + 1] if i + 1 < len(words) else None

    def _farthest_suffix_heads(self, words: list[Token]) -> list[int | None]:
        """For each k, the farthest suffix head in words[k:] before a title, honorific or "dan"."""
        ends: list[int | None] = [None] * (len(words) + 1)
        for k in range(len(words) - 1, -1, -1):
            if self.honorific_at(words, k) or self.title_at(words, k)[1]:
                continue
            if words[k].lower in self.lex.phrases.and_words:
                continue
            farther = ends[k + 1]
            if farther is None and words[k].lower in self.lex.suffix_heads:
                farther = k if words[k].text[:1].isupper() else None
            ends[k] = farther
        return ends

    # ----------------------------------------------------------------- any name
    def sub_unit_org(self, words: list[Token], i: int) -> Piece | None:
        """ "Subdit IV Renakta Ditreskrimum Polda Lampung" -> Polda Lampung (the sub-unit is an
        alias of the body it belongs to)."""
        if not self.sub_unit_at(words, i):
            return None
        for j in range(i + 1, min(len(words), i + 7)):
            if self.honorific_at(words, j) or self.title_at(words, j)[1]:
                return None
            org = self.name_at(words, j, expecting_person=False, sub_units=False)
            if org is not None and org.type is EntityType.ORGANIZATION:
                org.sub_unit = surface(words[i:j])
                org.span = words[i : j + len(org.words)]
                return org
        return None

    def name_at(
        self, words: list[Token], i: int, expecting_person: bool, *, sub_units: bool = True
    ) -> Piece | None:
        """The longest name starting at i, of any kind."""
        if words[i].text in self.lex.joiners:  # a lower-case "dan" never starts a name
            return None
        options: list[tuple[int, int, Piece]] = []
        if sub_units and (org := self.sub_unit_org(words, i)) is not None:
            options.append((len(org.span), 5, org))
        known = self.known_at(words, i)
        length, candidates = known
        if length:
            cls = candidates[0].cls if candidates else None
            piece = Piece("name", words[i : i + length], cls, candidates, rule="gazetteer")
            options.append((length, 3, piece))
        dlen, doc_name = self.doc_at(words, i)
        if dlen and doc_name is not None:
            cls = self.doc.cls_of(doc_name.name, doc_name.cls) or "Organization"
            piece = Piece(
                "name",
                words[i : i + dlen],
                cls,
                doc_name.candidates,
                name=doc_name.name,
                rule="article-name",
            )
            options.append((dlen, 4, piece))
        head = self.head_at(words, i)
        headed = self.headed_at(words, i, expecting_person, head)
        if headed is not None:
            options.append((len(headed.span or headed.words), 2, headed))
        k = self.suffix_end(words, i)
        government = words[i].lower in self.lex.phrases.government
        if not (length and not government and _has_place(candidates)):
            # (else _place_at returns the gazetteer match, which is an option already)
            place = self._place_at(words, i, None, expecting_person, known, k, head)
            if place is not None and place.rule != "gazetteer":
                options.append((len(place.words), 2, place))
        if k is not None:
            cls = self.lex.suffix_heads[words[k].lower].cls
            if headed is not None and len(headed.words) <= k + 1 - i:
                cls = headed.cls or cls
            end = self._suffix_tail(words, k, expecting_person)
            options.append((end - i, 1, Piece("name", words[i:end], cls, rule="suffix-head")))
        if not options:
            return None
        if length and headed is not None and self._person_after_known(words, i, length, headed):
            options = [o for o in options if o[2] is not headed]
        options.sort(key=lambda o: (o[0], o[1]), reverse=True)
        return self._edition(options[0][2], words, i)

    def _person_after_known(self, words: list[Token], i: int, length: int, headed: Piece) -> bool:
        """ "Kemenko IPK Muhammad Rachmat": a headed name running on past the gazetteer body
        that starts it, over words that are no place and no ordinary words, runs into the
        name of a person (the body ends where the gazetteer's name ends)."""
        end = i + len(headed.span or headed.words)
        rest = words[i + length : end]
        if not rest or headed.type is not EntityType.ORGANIZATION:
            return False
        if self.place_at(words, i + length) is not None:
            return False  # "Kementerian Keuangan Republik Indonesia", "DPRD Kota Bogor"
        return all(w.is_cap and not w.is_upper and not self.is_common(w) for w in rest)

    def _edition(self, best: Piece, words: list[Token], i: int) -> Piece:
        """A year or an ordinal names an event's edition: one right after an event's name
        belongs to it ("Asia Pacific Cities Summit 2019", "Asian Games ke-18"), and an
        organisation-shaped name that is no known body and ends in a year is an event ("Forum
        Kota Hijau 2023"), unless the year ends a date ("Universitas 17 Agustus 1945")."""
        end = i + len(best.words)
        if best.span:
            return best
        if best.type is EntityType.EVENT and end < len(words) and _EDITION.match(words[end].text):
            best.words = words[i : end + 1]
        elif (
            best.type is EntityType.ORGANIZATION
            and not best.candidates
            and len(best.words) >= 3
            and _YEAR.match(best.words[-1].text)
            and best.words[-2].lower not in self.lex.calendar
        ):
            best.cls = "Event"
        return best
