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
* ``acronym``: the same head word, then an acronym of the other's words ("PT KCIC").

Words that only say what kind of area a name is ("kawasan", "wilayah") are left out first.
"""

from __future__ import annotations

from kg.extract.chunks import abbreviates
from kg.extract.lexicon import KnownName, Lexicon
from kg.extract.pieces import PLACE_CLASSES
from kg.model.iri import name_key

__all__ = ["allowed_slips", "expand", "slips", "variant_rule"]

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
    longest = _longest_key(lex.expansions)
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


_LONGEST: dict[int, tuple[dict[tuple[str, ...], tuple[str, ...]], int]] = {}


def _longest_key(expansions: dict[tuple[str, ...], tuple[str, ...]]) -> int:
    """The most words a short form has (found once per table: expand runs for every name)."""
    known = _LONGEST.get(id(expansions))
    if known is None or known[0] is not expansions:
        known = (expansions, max((len(k) for k in expansions), default=1))
        _LONGEST[id(expansions)] = known
    return known[1]


def slips(a: str, b: str, limit: int) -> int:
    """How many letters must be inserted, deleted, changed or swapped with a neighbour to turn
    one string into the other (optimal string alignment), counted up to ``limit + 1``.

    >>> slips("ciletuh", "cilteuh", 3), slips("palabuhanratu", "pelabuhanratu", 3)
    (1, 1)
    >>> slips("bandung", "bantul", 1)
    2
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


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


def variant_rule(a: str, b: str, lex: Lexicon) -> str | None:
    """The rule by which two forms of names of the same kind are one name, or None.

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
    return None
