"""The small word lists and the confidences the extraction rules read (``phrases.tsv``,
``confidences.tsv`` in ``data/lexicon``), as typed records of the
:class:`~kg.extract.lexicon.Lexicon`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from kg.errors import ResourceError

__all__ = ["Confidences", "CueSet", "Phrase", "Phrases", "read_confidences", "read_phrases"]

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class CueSet:
    """Cue phrases a rule looks for right before a name, grouped by their length so that
    :func:`kg.extract.mentions.preceded_by` makes one lookup per length."""

    phrases: tuple[Phrase, ...] = ()  # in the order given
    by_length: tuple[tuple[int, frozenset[Phrase]], ...] = ()

    @staticmethod
    def of(phrases: Iterable[Phrase]) -> CueSet:
        """
        >>> CueSet.of([("pasangan",), ("tim", "pemenangan")]).by_length
        ((1, frozenset({('pasangan',)})), (2, frozenset({('tim', 'pemenangan')})))
        """
        given = tuple(phrases)
        groups: dict[int, set[Phrase]] = defaultdict(set)
        for phrase in given:
            groups[len(phrase)].add(phrase)
        return CueSet(given, tuple((n, frozenset(groups[n])) for n in sorted(groups)))


@dataclass(frozen=True)
class Phrases:
    """The words and phrases rules read around a name (``phrases.tsv``, one list each).

    A set holds single words; a tuple holds phrases as lower-case word tuples, in file order.
    """

    word_prefixes: tuple[str, ...] = ()  # longest first, as written in the file
    word_suffixes: tuple[str, ...] = ()
    nasal_prefixes: tuple[Phrase, ...] = ()  # (prefix, the root's first letter)
    role_links: tuple[Phrase, ...] = ()
    product_nouns: CueSet = CueSet()
    ticket_cues: CueSet = CueSet()
    product_list_gaps: frozenset[Phrase] = frozenset()
    nickname_cues: CueSet = CueSet()
    language_words: frozenset[str] = frozenset()
    initial_cues: frozenset[str] = frozenset()
    name_abbreviations: frozenset[str] = frozenset()
    given_name_titles: frozenset[str] = frozenset()
    rank_grades: frozenset[str] = frozenset()
    currency_signs: frozenset[str] = frozenset()
    celebration: frozenset[str] = frozenset()
    place_before: tuple[Phrase, ...] = ()
    peer_gaps: tuple[Phrase, ...] = ()
    enumerators: tuple[Phrase, ...] = ()
    co_holder_gaps: tuple[Phrase, ...] = ()
    also_holds: tuple[Phrase, ...] = ()
    office_chain: frozenset[str] = frozenset()
    and_words: frozenset[str] = frozenset()
    envoy_postings: tuple[Phrase, ...] = ()
    unit_links: tuple[Phrase, ...] = ()
    faction_heads: frozenset[str] = frozenset()
    capital_nouns: tuple[Phrase, ...] = ()
    parent_body_heads: frozenset[str] = frozenset()
    region_words: frozenset[str] = frozenset()
    generic_region_words: frozenset[str] = frozenset()
    office_heads: frozenset[str] = frozenset()
    office_qualifiers: frozenset[str] = frozenset()
    police_qualifiers: frozenset[str] = frozenset()
    government: frozenset[str] = frozenset()
    bracket_skips: frozenset[str] = frozenset()
    legal_forms: frozenset[str] = frozenset()
    acting: tuple[str, ...] = ()  # as written ("pelaksana tugas"), for str.startswith
    past: frozenset[str] = frozenset()
    subject_pronouns: frozenset[str] = frozenset()
    locatives: frozenset[str] = frozenset()
    outlet_cues: tuple[Phrase, ...] = ()
    subject_joiners: tuple[Phrase, ...] = ()
    list_gaps: tuple[Phrase, ...] = ()
    list_ends: frozenset[str] = frozenset()
    membership_links: tuple[Phrase, ...] = ()
    membership_nouns: frozenset[str] = frozenset()
    pair_joiners: tuple[Phrase, ...] = ()
    agreement_nouns: frozenset[str] = frozenset()
    agreement_cue_words: frozenset[str] = frozenset()
    between: frozenset[str] = frozenset()
    listing_agreement: frozenset[str] = frozenset()
    with_words: frozenset[str] = frozenset()
    complementisers: frozenset[str] = frozenset()
    event_place_links: tuple[Phrase, ...] = ()
    passive_participation: tuple[Phrase, ...] = ()
    place_links: tuple[Phrase, ...] = ()
    namely: tuple[Phrase, ...] = ()
    containing: tuple[Phrase, ...] = ()
    demonstratives: frozenset[str] = frozenset()
    event_in: frozenset[str] = frozenset()
    occasion_nouns: frozenset[str] = frozenset()
    nominal_affixes: tuple[Phrase, ...] = ()  # (prefix, suffix) pairs
    home_country: tuple[Phrase, ...] = ()
    place_designations: tuple[Phrase, ...] = ()  # longest first
    quote_pronouns: tuple[str, ...] = ()  # in file order, for a regular expression
    enclitics: tuple[str, ...] = ()
    date_start: tuple[str, ...] = ()
    date_end: tuple[str, ...] = ()
    date_units: tuple[str, ...] = ()
    term_cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Confidences:
    """The confidence each relation rule gives its facts (``confidences.tsv``)."""

    title: float = 0.0
    title_member: float = 0.0
    title_faction: float = 0.0
    apposition: float = 0.0
    event_place: float = 0.0
    participation: float = 0.0
    location: float = 0.0
    membership: float = 0.0
    cooperation: float = 0.0
    cooperation_pair: float = 0.0
    agreement_between: float = 0.0
    dateline: float = 0.0
    credit_line: float = 0.0
    publisher: float = 0.0
    told_outlet: float = 0.0
    holder_split: float = 0.0  # the tagger's least confidence in a holder it splits off a body


def read_phrases(
    rows: Iterable[tuple[str, Phrase]], pronouns: Iterable[list[str]], path: Path
) -> Phrases:
    """The lists of ``phrases.tsv`` (``rows``: each list's name and a phrase's words), each
    read once or more, and the pronouns of ``pronouns.txt`` by their uses.

    Raises:
        ResourceError: a list is missing, or no rule reads it.
    """
    uses = [(row[0], row[1].split(",") if len(row) > 1 else []) for row in pronouns]
    lists: dict[str, list[Phrase]] = defaultdict(list)
    for name, phrase in rows:
        lists[name].append(phrase)

    def take(name: str) -> list[tuple[str, ...]]:
        if name not in lists:
            raise ResourceError(f"{path}: no phrases of the list {name!r}; add them")
        return lists.pop(name)

    def phrases(name: str) -> tuple[tuple[str, ...], ...]:
        return tuple(take(name))

    def words(name: str) -> frozenset[str]:
        return frozenset(" ".join(p) for p in take(name))

    def ordered(name: str) -> tuple[str, ...]:
        return tuple(" ".join(p) for p in take(name))

    found = Phrases(
        word_prefixes=ordered("word-prefix"),
        word_suffixes=ordered("word-suffix"),
        nasal_prefixes=phrases("nasal-prefix"),
        role_links=phrases("role-link"),
        product_nouns=CueSet.of(phrases("product-noun")),
        ticket_cues=CueSet.of(phrases("ticket-cue")),
        product_list_gaps=frozenset(phrases("product-list-gap")),
        nickname_cues=CueSet.of(phrases("nickname-cue")),
        language_words=words("language-word"),
        initial_cues=words("initial-cue"),
        name_abbreviations=words("name-abbreviations"),
        given_name_titles=words("given-name-title"),
        rank_grades=words("rank-grade"),
        currency_signs=words("currency-signs"),
        celebration=words("celebration"),
        place_before=phrases("place-before"),
        peer_gaps=phrases("peer-gap"),
        enumerators=phrases("enumerator"),
        co_holder_gaps=phrases("co-holder-gap"),
        also_holds=phrases("also-holds"),
        office_chain=words("office-chain"),
        and_words=words("and"),
        envoy_postings=phrases("envoy-posting"),
        unit_links=phrases("unit-link"),
        faction_heads=words("faction-heads"),
        capital_nouns=phrases("capital-noun"),
        parent_body_heads=words("parent-body-heads"),
        region_words=words("region-word"),
        generic_region_words=words("generic-region-word"),
        office_heads=words("office-head"),
        office_qualifiers=words("office-qualifiers"),
        police_qualifiers=words("police-qualifier"),
        government=words("government"),
        bracket_skips=words("bracket-skip"),
        legal_forms=words("legal-form"),
        acting=ordered("acting"),
        past=words("past"),
        subject_pronouns=frozenset(word for word, use in uses if "subject" in use),
        locatives=words("locative"),
        outlet_cues=phrases("outlet-cue"),
        subject_joiners=phrases("subject-joiner"),
        list_gaps=phrases("list-gap"),
        list_ends=words("list-end"),
        membership_links=phrases("membership-link"),
        membership_nouns=words("membership-noun"),
        pair_joiners=phrases("pair-joiner"),
        agreement_nouns=words("agreement-noun"),
        agreement_cue_words=words("agreement-cue-word"),
        between=words("between"),
        listing_agreement=words("listing-agreement"),
        with_words=words("with"),
        complementisers=words("complementiser"),
        event_place_links=phrases("event-place-link"),
        passive_participation=phrases("passive-participation"),
        place_links=phrases("place-link"),
        namely=phrases("namely"),
        containing=phrases("containing"),
        demonstratives=words("demonstratives"),
        event_in=words("event-in"),
        occasion_nouns=words("occasion-noun"),
        nominal_affixes=phrases("nominal-affixes"),
        home_country=phrases("home-country"),
        place_designations=tuple(sorted(phrases("place-designation"), key=len, reverse=True)),
        quote_pronouns=tuple(word for word, use in uses if "quote" in use),
        enclitics=ordered("enclitic"),
        date_start=ordered("date-start"),
        date_end=ordered("date-end"),
        date_units=ordered("date-unit"),
        term_cues=ordered("term-cue"),
    )
    if lists:
        raise ResourceError(
            f"{path}: unknown lists {', '.join(sorted(lists))}; no rule reads them (remove them, "
            "or add a field to kg.extract.lexicon.Phrases)"
        )
    return found


def read_confidences(rows: Iterable[list[str]], path: Path) -> tuple[Confidences, dict[str, float]]:
    """``confidences.tsv``: each relation rule's confidence, and the tagger's least confidence
    by type.

    Raises:
        ResourceError: a value is no number, or a rule is unknown or missing.
    """
    values: dict[str, float] = {}
    tagger: dict[str, float] = {}
    for rule, value in rows:
        try:
            number = float(value)
        except ValueError:
            raise ResourceError(f"{path}: {rule!r} has no number ({value!r}); fix it") from None
        if rule.startswith("tagger:"):
            tagger[rule.removeprefix("tagger:")] = number
        else:
            values[rule.replace("-", "_")] = number
    known = [f.name for f in fields(Confidences)]
    unknown = sorted(set(values) - set(known))
    missing = [name for name in known if name not in values]
    if unknown or missing:
        raise ResourceError(
            f"{path}: unknown rules {unknown or 'none'}, missing rules {missing or 'none'}; "
            "give each rule of kg.extract.lexicon.Confidences a line"
        )
    return Confidences(**values), tagger
