"""A sentence states at most MAX_FACTS_PER_SENTENCE facts: a table pasted as one sentence
cannot make an article's RDF blow up (issue 15); a note says what was left out."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from kg.extract import extract_text
from kg.extract.relations import MAX_FACTS_PER_SENTENCE, cap_facts
from kg.model.records import Relation


def _listing(count: int) -> str:
    """One sentence naming ``count`` distinct made-up people who attended an event."""
    syllables = ("ba", "di", "ka", "ma", "sa", "ta", "ra", "wi", "jo", "no", "su", "har")
    surnames = ["".join(pair).capitalize() for pair in itertools.product(syllables, repeat=2)]
    given = ("Adi", "Bayu", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hadi", "Indra", "Joko")
    names = [f"{given[n % 10]} {surnames[n // 10 % 144]} {surnames[n % 144]}" for n in range(count)]
    return "Rapat Koordinasi Daerah Kota Bogor dihadiri oleh " + ", ".join(names) + "."


def test_a_sentence_states_at_most_the_cap_of_facts_and_a_note_says_so() -> None:
    listing = _listing(MAX_FACTS_PER_SENTENCE + 60)
    text = f"Bogor (ANTARA) - {listing} Wali Kota Bogor Dedie Rachim membuka rapat itu."
    extraction = extract_text(text)
    per_sentence = Counter(r.sentence for r in extraction.relations)
    assert per_sentence[0] == MAX_FACTS_PER_SENTENCE
    assert per_sentence[1] >= 1  # the next sentence keeps its own facts
    (note,) = extraction.notes
    stated = re.fullmatch(r"sentence 1 states (\d+) facts; kept the (\d+) most confident .*", note)
    assert stated
    assert int(stated[1]) > MAX_FACTS_PER_SENTENCE + 50
    assert int(stated[2]) == MAX_FACTS_PER_SENTENCE
    participants = sum(r.predicate == "participatedIn" for r in extraction.relations)
    assert participants >= MAX_FACTS_PER_SENTENCE - 5
    assert len(extraction.entities) > MAX_FACTS_PER_SENTENCE + 60  # every name is still an entity


def test_a_list_within_the_cap_keeps_every_fact_and_says_nothing() -> None:
    extraction = extract_text(_listing(40))
    assert sum(r.predicate == "participatedIn" for r in extraction.relations) >= 38
    assert extraction.notes == ()


def test_cap_facts_keeps_the_most_confident_in_order_and_never_cuts_the_frame() -> None:
    def fact(subject: str, sentence: int, confidence: float) -> Relation:
        return Relation(subject, "participatedIn", "e", sentence, 0, 1, confidence, "r")

    frame = [fact(f"author{n}", -1, 0.5) for n in range(5)]
    facts = [fact("a", 0, 0.6), fact("b", 0, 0.9), fact("c", 0, 0.7), fact("d", 1, 0.1)]
    kept, notes = cap_facts(frame + facts, limit=2)
    assert [r.subject for r in kept] == [*(f"author{n}" for n in range(5)), "b", "c", "d"]
    assert notes == [
        "sentence 1 states 3 facts; kept the 2 most confident (at most 2 a sentence: split a "
        "long list into sentences to keep every fact)"
    ]
