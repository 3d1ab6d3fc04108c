"""Forms of one name in one article: expansions, region qualifiers, misspellings, acronyms.

News rarely writes a name twice the same way. One article writes "Geopark Ciletuh-Palabuhanratu",
"Geopark Ciletuh", "Geopark Cilteuh Palabuhanratu" and "kawasan Geopark Ciletuh Pelabuhan Ratu";
another "Kejaksaan Negeri Majalengka" and "Kejari Majalengka", or "PT Kereta Cepat Indonesia
China" and "PT KCIC". :func:`variant_rule` says whether two forms of the same kind of entity
are one name written two ways, and by which rule:

* ``expansion``: equal once the short forms of ``data/lexicon/expansions.tsv`` are expanded
  ("Kejari" -> "kejaksaan negeri", "LH" -> "lingkungan hidup");
* ``qualified``: one is the other followed by a place ("Geopark Ciletuh" and "Geopark Ciletuh
  Palabuhanratu", "Dinas Pendidikan" and "Dinas Pendidikan Kota Bogor");
* ``spelling``: equal but for one slip in a long name (a letter missed, added, changed or two
  swapped; a word split or joined: "Pelabuhan Ratu", "Palabuhanratu");
* ``acronym``: the same head word, then an acronym of the other's words ("PT KCIC");
* ``designation``: equal once the words saying what kind of protected or natural place a name
  is are left out ("Geopark X", "X UNESCO Global Geopark", "Geopark Nasional X"; "Danau X" and
  a bare "X"), when X is no region of the gazetteers ("Danau Toba" is not the regency "Toba")
  and the two designations, if both have one, share a word ("Danau X" is not "Gunung X").

Words that only say what kind of area a name is ("kawasan", "wilayah") are left out first.
"""

from __future__ import annotations

from kg.extract.chunks import abbreviates
from kg.extract.lexicon import KnownName, Lexicon
from kg.extract.pieces import PLACE_CLASSES
from kg.model.iri import name_key
from kg.model.spelling import slips

__all__ = [
    "allowed_slips",
    "ambiguous_bare_names",
    "designated",
    "expand",
    "pairing_heads",
    "slips",
    "variant_rule",
]

_MIN_SPELLED = 9  # letters a name needs before one slip may be forgiven
_SLIPPED_WORD = 6  # letters a word needs before one slip in it may be forgiven


def expand(words: list[str], lex: Lexicon) -> list[str]:
    """The words with every short form of the lexicon's expansions written out (longest
    first).

    >>> from kg.extract.lexicon import load_lexicon
    >>> expand("kejari majalengka".split(), load_lexicon())
    ['kejaksaan', 'negeri', 'majalengka']
    """
    out: list[str] = []
    i = 0
    longest = lex.expansion_words
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            full = lex.expansions.get(tuple(words[i : i + n]))
            if full is not None:
                out.extend(full)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def allowed_slips(text: str) -> int:
    """Slips forgiven in a name of this many letters: none below 9, then one per 10 letters."""
    return 0 if len(text) < _MIN_SPELLED else 1 + (len(text) - _MIN_SPELLED) // 10


def _without_fillers(words: list[str], lex: Lexicon) -> list[str]:
    kept = [w for w in words if w not in lex.area_words]
    return kept or words


def _is_qualifier(words: list[str], lex: Lexicon) -> bool:
    """Whether the words name a region that may follow a name without making it another one:
    a place of the gazetteers, but no country other than Indonesia ("Kementerian Luar Negeri
    Tiongkok" is China's ministry, not Indonesia's)."""
    if not words:
        return False
    if tuple(words) in lex.phrases.home_country:
        return True
    known = [k for k in lex.names.get(tuple(words)) if isinstance(k, KnownName)]
    if any(k.cls == "Country" for k in known):
        return False
    if any(k.cls in PLACE_CLASSES for k in known):
        return True
    # a district name or a village ("Palabuhanratu", "Sukamaju")
    return bool(lex.districts.get(tuple(words))) or " ".join(words) in lex.villages


def _designated(words: list[str], lex: Lexicon) -> tuple[list[str], set[str]]:
    """The words without the place designations before and after them, and the designations'
    words.

    >>> from kg.extract.lexicon import load_lexicon
    >>> bare, kind = _designated("sindang raya unesco global geopark".split(), load_lexicon())
    >>> bare, sorted(kind)
    (['sindang', 'raya'], ['geopark', 'global', 'unesco'])
    """
    designations = lex.phrases.place_designations
    start, end = 0, len(words)
    taken: set[str] = set()
    cut = True
    while cut:
        cut = False
        for phrase in designations:
            n = len(phrase)
            if end - start <= n:
                continue
            if tuple(words[start : start + n]) == phrase:
                start += n
            elif tuple(words[end - n : end]) == phrase:
                end -= n
            else:
                continue
            taken.update(phrase)
            cut = True
            break
    return words[start:end], taken


def _is_region(words: list[str], lex: Lexicon) -> bool:
    """Whether the words name a place of the gazetteers (a country too), a district or a
    village."""
    key = tuple(words)
    if any(isinstance(k, KnownName) for k in lex.names.get(key)):
        return True
    return bool(lex.districts.get(key)) or " ".join(words) in lex.villages


def _designation(
    a: list[str], b: list[str], lex: Lexicon, ambiguous: frozenset[tuple[str, ...]]
) -> bool:
    bare_a, kind_a = _designated(a, lex)
    bare_b, kind_b = _designated(b, lex)
    if bare_a != bare_b or not (kind_a or kind_b) or len("".join(bare_a)) < 4:
        return False
    if kind_a and kind_b:
        return bool(kind_a & kind_b)
    return tuple(bare_a) not in ambiguous and not _is_region(bare_a, lex)


def designated(form: str, lex: Lexicon) -> tuple[tuple[str, ...], frozenset[str]]:
    """A form's words without short forms, area words and place designations, and the
    designations' words ("Kawasan Geopark X" -> ("x",), {"geopark"})."""
    bare, kind = _designated(_without_fillers(expand(name_key(form).split(), lex), lex), lex)
    return tuple(bare), frozenset(kind)


def ambiguous_bare_names(forms: list[str], lex: Lexicon) -> frozenset[tuple[str, ...]]:
    """Names an article gives two kinds of place that share no designation word ("Teluk X" and
    "Geopark X"): there a bare "X" is not joined by its name alone.

    >>> from kg.extract.lexicon import load_lexicon
    >>> sorted(ambiguous_bare_names(["Teluk Sindang", "Geopark Sindang"], load_lexicon()))
    [('sindang',)]
    """
    kinds: dict[tuple[str, ...], list[frozenset[str]]] = {}
    for form in forms:
        bare, kind = designated(form, lex)
        if kind:
            kinds.setdefault(bare, []).append(kind)
    return frozenset(
        bare
        for bare, found in kinds.items()
        if any(not (x & y) for n, x in enumerate(found) for y in found[n + 1 :])
    )


def pairing_heads(form: str, lex: Lexicon) -> set[str]:
    """The first words a form may share with its variants: its own, once short forms are
    expanded, and that of its name without area words and place designations (so that
    "Kawasan X" meets "Geopark X")."""
    words = expand(name_key(form).split(), lex)
    if not words:
        return set()
    bare, _ = _designated(_without_fillers(words, lex), lex)
    return {words[0], bare[0]} if bare else {words[0]}


def _alike(a: list[str], b: list[str]) -> bool:
    """Equal, or spelled alike: the first words equal (the head, or a name's first word), and
    either one other word off by one slip (a word of at least six letters: "Sukamaju Jaya" and
    "Sukamaju Raya" are two names) or, where words were split or joined, the rest with spaces
    left out within the slips its length forgives."""
    if a == b:
        return True
    if a[0] != b[0]:
        return False
    if len(a) == len(b):
        differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(differing) == 1 and all(
            min(len(x), len(y)) >= _SLIPPED_WORD and slips(x, y, 1) <= 1 for x, y in differing
        )
    rest_a, rest_b = "".join(a[1:]), "".join(b[1:])
    limit = allowed_slips(min(rest_a, rest_b, key=len))
    return limit > 0 and slips(rest_a, rest_b, limit) <= limit


def _acronym(short: str, long_words: list[str], lex: Lexicon) -> bool:
    """ "PT KCIC" and "PT Kereta Cepat Indonesia China": the same head, then an acronym."""
    parts = short.split()
    if len(parts) != 2 or len(long_words) < 3 or not parts[1].isupper() or len(parts[1]) < 3:
        return False
    if name_key(parts[0]) != long_words[0]:
        return False
    return abbreviates(parts[1], long_words[1:], lex.joiners)


def variant_rule(
    a: str, b: str, lex: Lexicon, ambiguous: frozenset[tuple[str, ...]] = frozenset()
) -> str | None:
    """The rule by which two forms of names of the same kind are one name, or None.
    ``ambiguous`` holds the bare names a designation may not join
    (:func:`ambiguous_bare_names`).

    >>> from kg.extract.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> variant_rule("Kejari Majalengka", "Kejaksaan Negeri Majalengka", lex)
    'expansion'
    >>> variant_rule("Geopark Ciletuh", "Geopark Ciletuh Palabuhanratu", lex)
    'qualified'
    >>> variant_rule("Geopark Cilteuh-Palabuhanratu", "Geopark Ciletuh Pelabuhan Ratu", lex)
    'spelling'
    >>> variant_rule("PT KCIC", "PT Kereta Cepat Indonesia China", lex)
    'acronym'
    >>> variant_rule("Universitas Indonesia", "Universitas Islam Indonesia", lex) is None
    True
    >>> variant_rule("Dewan Perwakilan Rakyat", "Dewan Perwakilan Rakyat Daerah", lex) is None
    True
    >>> variant_rule("Kawasan Sindang Raya", "Sindang Raya UNESCO Global Geopark", lex)
    'designation'
    >>> variant_rule("Danau Toba", "Toba", lex) is None
    True
    """
    words_a, words_b = name_key(a).split(), name_key(b).split()
    if not words_a or not words_b or words_a == words_b:
        return None
    full_a = _without_fillers(expand(words_a, lex), lex)
    full_b = _without_fillers(expand(words_b, lex), lex)
    if full_a == full_b:
        return "expansion"
    short, long = (full_a, full_b) if len(full_a) <= len(full_b) else (full_b, full_a)
    if (
        2 <= len(short) < len(long)
        and _alike(short, long[: len(short)])
        and _is_qualifier(long[len(short) :], lex)
    ):
        return "qualified"
    if _alike(full_a, full_b):
        return "spelling"
    if _acronym(a, words_b, lex) or _acronym(b, words_a, lex):
        return "acronym"
    if _designation(full_a, full_b, lex, ambiguous):
        return "designation"
    return None
