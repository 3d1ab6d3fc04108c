"""Events named after words of taking part, and who took part in them."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract_article
from kg.model.records import Article


def _facts(text: str) -> set[tuple[str, str, str]]:
    ex = extract_article(Article(text))
    name = {e.key: e.name for e in ex.entities}
    return {(name[r.subject], r.predicate, name[r.object]) for r in ex.relations}


def _types(text: str) -> dict[str, str]:
    return {e.name: e.type.value for e in extract_article(Article(text)).entities}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Camat Andi Wijaya menghadiri Gebyar Kopi Sukamaju di balai desa.",
            "Gebyar Kopi Sukamaju",
            id="after-a-cue-of-taking-part",
        ),
        pytest.param(
            "Para perwira mengucapkan sumpah saat upacara pelantikan Tunas Bhakti Perwira.",
            "Tunas Bhakti Perwira",
            id="after-an-occasion-noun",
        ),
        pytest.param(
            "Upacara Bhakti Nusa di alun-alun berlangsung khidmat.",
            "Upacara Bhakti Nusa",
            id="upacara-heads-an-event",
        ),
    ],
)
def test_events_named_by_their_context(text: str, name: str) -> None:
    assert _types(text).get(name) == "Event"


def test_a_person_after_a_committee_word_stays_a_person() -> None:
    types = _types("Ketua panitia kegiatan Rudi Hartono menjelaskan jadwal.")
    assert types.get("Rudi Hartono") == "Person"


def test_a_product_launched_is_no_event() -> None:
    assert (
        _types("Perusahaan itu merayakan peluncuran Mobil Kencana di Medan.").get("Mobil Kencana")
        != "Event"
    )


def test_who_attends_an_event_in_the_passive() -> None:
    text = (
        "Upacara Bhakti Nusa di alun-alun turut dihadiri oleh Bupati Garut Rudi Hartono, "
        "Kapolres Garut AKBP Dedi Kurnia, dan Ketua DPRD Garut Sari Lestari."
    )
    facts = _facts(text)
    for person in ("Rudi Hartono", "Dedi Kurnia", "Sari Lestari"):
        assert (person, "participatedIn", "Upacara Bhakti Nusa") in facts
    assert not {f for f in facts if f[1] == "participatedIn" and "Polres" in f[0]}


def test_an_event_noun_and_a_demonstrative_point_back_at_the_event() -> None:
    text = (
        "Pemkab Garut menggelar Gebyar Kopi Sukamaju di alun-alun. "
        "Wakil Bupati Garut Dedi Kurnia hadir dalam kegiatan tersebut."
    )
    assert ("Dedi Kurnia", "participatedIn", "Gebyar Kopi Sukamaju") in _facts(text)


def test_a_speaker_takes_part_in_the_event_he_speaks_in() -> None:
    text = '"Kami siap," ujar Rudi Hartono dalam Rapat Koordinasi Pangan Garut di Bandung.'
    assert ("Rudi Hartono", "participatedIn", "Rapat Koordinasi Pangan Garut") in _facts(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param(
            "Ia berlaga di Asian Games ke-18 di Jakarta.", "Asian Games ke-18", id="number"
        ),
        pytest.param(
            "Ia berlaga di Asian Games ke-IV di Jakarta.", "Asian Games ke-IV", id="roman"
        ),
    ],
)
def test_an_ordinal_after_an_event_names_its_edition(text: str, name: str) -> None:
    assert _types(text).get(name) == "Event"
