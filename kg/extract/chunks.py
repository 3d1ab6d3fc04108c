"""Capitalised chunks: the runs of words where Indonesian news writes its names.

"Wali Kota Bogor Bima Arya Sugiarto hadir ..." holds one chunk, ``Wali Kota Bogor Bima Arya
Sugiarto``, that :mod:`kg.extract.names` later cuts into a title, a place and a person.
Parenthesised short forms inside or after a chunk ("Kepolisian Daerah (Polda) Lampung",
"... Asia Pasific (UCLG ASPAC)") are lifted out as definitions so the chunk reads on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.lexicon import Head, KnownName, Lexicon
from kg.extract.text import Token
from kg.model.terms import EntityType, entity_type_of

__all__ = ["Chunk", "Definition", "abbreviates", "find_chunks"]

_ORGANIZATION = EntityType.ORGANIZATION
_ORDINAL = re.compile(r"^(?:ke-?(?:\d+|[IVXLC]+)|\d+(?:st|nd|rd|th|an)?|[IVXLC]+)$")


@dataclass(frozen=True, slots=True)
class Definition:
    """A short form given in brackets next to the words it stands for."""

    short: tuple[Token, ...]
    position: int  # index in the chunk's word list where the brackets stood


@dataclass(slots=True)
class Chunk:
    """A run of capitalised words, brackets lifted out.

    Attributes:
        words: the tokens of the run, without bracketed definitions.
        definitions: short forms found in brackets inside or right after the run.
        sentence_start: whether the run opens its sentence (its first word may be an ordinary
            capitalised word, not a name).
    """

    words: list[Token]
    definitions: list[Definition] = field(default_factory=list)
    sentence_start: bool = False

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


def _capish(token: Token) -> bool:
    return token.text[:1].isupper() or (token.text[:1].isdigit() and token.text[:1] != "")


def _bracket_end(tokens: list[Token], i: int) -> int | None:
    """Index of the closing bracket for tokens[i] == "(" (or "["), within 10 tokens."""
    closer = ")" if tokens[i].text == "(" else "]"
    for j in range(i + 1, min(len(tokens), i + 12)):
        if tokens[j].text == closer:
            return j
        if tokens[j].text in {"(", "[", '"'}:
            return None
    return None


def _is_short_form(inner: list[Token]) -> bool:
    """Brackets that hold a name's short form: (DKPP), (Pemkab), (UCLG ASPAC), (PN).

    One capitalised word, or two words of which one is an acronym; never a phrase such as
    "(S1 Teknik Elektro)".
    """
    if len(inner) == 1:
        word = inner[0]
        return word.is_word and word.text[:1].isupper() and len(word.text) <= 16
    if len(inner) == 2:
        return all(t.is_word and t.text[:1].isupper() for t in inner) and any(
            t.is_upper for t in inner
        )
    return False


def _affiliation(inner: list[Token], before: list[Token], lex: Lexicon) -> bool:
    """ "Andi Wijaya (TNI AD)", "Deddy Sitorus (PDIP)": a known body in brackets after words
    it does not abbreviate is the body the person belongs to, not a short form of them."""
    known = lex.names.get(tuple(t.lower for t in inner))
    if not any(
        isinstance(k, KnownName)
        and k.cls != "NewsOutlet"
        and entity_type_of(k.cls) is EntityType.ORGANIZATION
        for k in known
    ):
        return False
    if any(lex.names.get(tuple(t.lower for t in before[-n:])) for n in (1, 2, 3)):
        return False  # "jaringan global Unesco (UGG)": a body's own short form or alias
    short = "".join(t.text for t in inner)
    return not any(
        abbreviates(short, [w.text for w in before[k:]], lex.joiners) for k in range(len(before))
    )


def find_chunks(tokens: list[Token], lex: Lexicon) -> list[Chunk]:
    """Find the capitalised runs of one sentence.

    >>> from kg.extract.lexicon import load_lexicon
    >>> from kg.extract.text import tokenize
    >>> t = tokenize("Kepala Badan (Bappeda) Kota Bogor, Ani, hadir di Manila.")
    >>> [" ".join(w.text for w in c.words) for c in find_chunks(t, load_lexicon())]
    ['Kepala Badan Kota Bogor', 'Ani', 'Manila']
    """
    chunks: list[Chunk] = []
    current: Chunk | None = None
    current_at = 0  # where the current chunk starts in tokens
    first_word = next((k for k, t in enumerate(tokens) if t.is_word), 0)
    title_first = lex.titles.has_first  # most words start no title: skip _lower_title for them
    skips = lex.phrases.bracket_skips  # "PT Pertamina (Persero)": the brackets end no name
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.text in {"(", "["} and current is not None:
            close = _bracket_end(tokens, i)
            if close is not None:
                inner = tokens[i + 1 : close]
                if inner and all(t.lower in skips for t in inner if t.is_word):
                    i = close + 1
                    continue
                if _is_short_form(inner) and not _affiliation(inner, current.words, lex):
                    current.definitions.append(Definition(tuple(inner), len(current.words)))
                    i = close + 1
                    continue
        if token.text == "," and current is not None:
            # "Kementerian Pendidikan Tinggi, Sains, dan Teknologi": a known name with commas
            end = _known_across(tokens, current_at, i, lex)
            if end == i:  # "Dinas Pemuda, Olahraga, dan Pariwisata": the fields an office serves
                end = _fields_across(tokens, current_at, i, lex)
            if end > i:
                current.words.extend(tokens[i:end])
                i = end
                continue
        if current is not None and _continues(tokens, i, current, lex):
            current.words.append(token)
            i += 1
            continue
        if current is not None:
            chunks.append(_trim(current, lex))
            current = None
        if token.is_word and (token.is_cap or _camel_outlet(token, lex)):
            # is_cap: the first character is upper case; "detikNews": an outlet's channel
            current = Chunk([token], sentence_start=(i == first_word))
            current_at = i
        elif token.is_word and title_first(token.lower) and (n := _lower_title(tokens, i, lex)):
            # "ujar bupati Ela Siti Nuryamah", "anggota DPRD Jabar Ahmad": a title in lower case
            current = Chunk(list(tokens[i : i + n]), sentence_start=(i == first_word))
            current_at = i
            i += n
            continue
        i += 1
    if current is not None:
        chunks.append(_trim(current, lex))
    return [c for c in chunks if c.words]


def _known_across(tokens: list[Token], start: int, comma: int, lex: Lexicon) -> int:
    """Where a gazetteer name that starts with the chunk (at ``start``) and runs past the comma
    at ``comma`` ends, else ``comma``: an official name with commas is one name."""
    for length, values in lex.names.token_matches(tokens, start):
        if start + length > comma + 1 and any(isinstance(v, KnownName) for v in values):
            return start + length
    return comma


def _field_word(token: Token, lex: Lexicon) -> bool:
    """A capitalised word of the language that starts no name: a field an office serves."""
    return (
        token.is_word
        and token.is_cap
        and not token.is_upper
        and lex.is_vocabulary(token.text)
        and not lex.heads.has_first(token.lower)
        and not lex.names.get((token.lower,))
    )


def _fields(tokens: list[Token], k: int, lex: Lexicon) -> int:
    """How many field words (one to three) start at k."""
    n = 0
    while n < 3 and k + n < len(tokens) and _field_word(tokens[k + n], lex):
        n += 1
    return n


def _fields_across(tokens: list[Token], start: int, comma: int, lex: Lexicon) -> int:
    """Where an office's name that lists its fields runs past the comma at ``comma`` ends, else
    ``comma``: an organisation head, one to three field words, then more fields separated by
    commas, the last after "dan" or "serta" ("Dinas Pemuda, Olahraga, dan Pariwisata",
    "Badan Teknologi, Informasi, dan Intelijen Keuangan"). A listed word that is a head or a
    known name ("Dinas Pertanian, Dinas Perikanan dan ...") makes it a list of bodies."""
    before = 0
    while comma - before - 1 > start and _field_word(tokens[comma - before - 1], lex):
        before += 1
    if not before or before > 3:
        return comma
    head_end = comma - before  # the head's words end right before the fields
    if not any(
        isinstance(h, Head) and h.position == "prefix" and entity_type_of(h.cls) is _ORGANIZATION
        for n in (1, 2, 3)
        if head_end - n >= start
        for h in lex.heads.get(tuple(t.lower for t in tokens[head_end - n : head_end]))
    ):
        return comma
    k = comma + 1
    while k < len(tokens):
        if tokens[k].lower in lex.phrases.list_ends:
            last = _fields(tokens, k + 1, lex)
            return k + 1 + last if last else comma
        n = _fields(tokens, k, lex)
        if not n:
            return comma
        k += n
        if k < len(tokens) and tokens[k].text == ",":
            k += 1
        elif k >= len(tokens) or tokens[k].lower not in lex.phrases.list_ends:
            return comma
    return comma


def _camel_outlet(token: Token, lex: Lexicon) -> bool:
    """ "detikNews", "detikSulsel": a news outlet's channel, written in lower camel case."""
    text = token.text
    return text[:1].islower() and not text.islower() and bool(lex.outlets((token.lower,)))


def _lower_title(tokens: list[Token], i: int, lex: Lexicon) -> int:
    """Length of a lower-case title at i that a capitalised name follows, else 0."""
    if i >= len(tokens) or not lex.titles.has_first(tokens[i].lower):
        return 0
    words = [t.lower for t in tokens[i : i + lex.titles.longest + 1]]
    for length, _ in lex.titles.matches(words, 0):
        after = tokens[i + length] if i + length < len(tokens) else None
        if after is not None and after.is_word and after.text[:1].isupper():
            return length
        break
    return 0


def _next_word(tokens: list[Token], i: int) -> Token | None:
    return tokens[i + 1] if i + 1 < len(tokens) else None


def _continues(tokens: list[Token], i: int, chunk: Chunk, lex: Lexicon) -> bool:
    token = tokens[i]
    after = _next_word(tokens, i)
    if token.is_word and token.is_cap:
        return True
    if token.is_word and _ORDINAL.match(token.text):
        return True
    if token.text.islower() and token.lower in lex.honorifics and after is not None:
        return _capish(after) or after.text == "."  # "Wakil Menteri Kesehatan dr Benjamin"
    if (
        token.text == "/"
        and after is not None
        and after.is_cap
        and _ORDINAL.match(chunk.words[-1].text)
    ):
        return True  # "Kodam XIV/Hasanuddin", "Kodim 0621/Kabupaten Bogor": a numbered command
    if token.lower in lex.compass and _place_with(chunk, token, lex):
        return True  # "Jawa barat", "Jakarta selatan" in scraped text
    if token.lower in lex.phrases.office_chain and _lower_title(tokens, i + 1, lex):
        return True  # "Ketua merangkap anggota KPU ...": one office chain
    if (
        chunk.words
        and token.is_word
        and lex.titles.get((token.lower,))
        and _lower_title(tokens, i, lex)
    ):
        return True
    if token.lower in lex.joiners and after is not None and after.is_word and _capish(after):
        return True
    if token.text == "." and after is not None and after.is_word and _capish(after):
        before = chunk.words[-1]
        short = before.lower in lex.abbreviations or before.lower in lex.honorifics
        return short or len(before.text) == 1 or before.lower in lex.degrees
    return False


def _place_with(chunk: Chunk, compass: Token, lex: Lexicon) -> bool:
    """Whether the chunk's last words and a lower-case compass word name a known place."""
    words = [w.lower for w in chunk.words[-3:]]
    return any(lex.names.get((*words[k:], compass.lower)) for k in range(len(words)) if words[k:])


def _trim(chunk: Chunk, lex: Lexicon) -> Chunk:
    words = chunk.words
    while words and (
        words[-1].text == "." or (words[-1].lower in lex.joiners and not words[-1].is_upper)
    ):
        words.pop()  # (an acronym is no joiner: "TNI AL" is the navy)
    if chunk.definitions:
        chunk.definitions = [d for d in chunk.definitions if d.position <= len(words)]
    return chunk


def _letters(text: str) -> str:
    return "".join(filter(str.isalnum, text.lower()))


def abbreviates(short: str, words: list[str], joiners: frozenset[str] = frozenset()) -> bool:
    """Whether ``short`` can be read as prefixes of ``words`` taken in order.

    Every word contributes a non-empty prefix, except joiners ("dan", "and", "of"), which may
    contribute nothing.

    >>> abbreviates("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu".split(),
    ...             frozenset({"dan"}))
    True
    >>> abbreviates("Sekjen", ["Sekretaris", "Jenderal"])
    True
    >>> abbreviates("KPU", ["Komisi", "Pemilihan"])
    False
    """
    target = _letters(short)
    parts = [_letters(w) for w in words]
    if not target or not parts:
        return False

    def fits(ti: int, wi: int) -> bool:
        if wi == len(parts):
            return ti == len(target)
        if ti == len(target):
            return all(words[k].lower() in joiners for k in range(wi, len(parts)))
        word = parts[wi]
        if words[wi].lower() in joiners and fits(ti, wi + 1):
            return True
        for n in range(1, len(word) + 1):
            if target[ti : ti + n] != word[:n]:
                break
            if fits(ti + n, wi + 1):
                return True
        return False

    return fits(0, 0)
