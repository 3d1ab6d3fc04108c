"""Who cooperates with whom: the parties of an agreement, listed or joined before the cue."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract_article
from kg.model.records import Article


def _pairs(text: str) -> set[frozenset[str]]:
    ex = extract_article(Article(text))
    name = {e.key: e.name for e in ex.entities}
    return {
        frozenset((name[r.subject], name[r.object]))
        for r in ex.relations
        if r.predicate == "cooperatesWith"
    }


_THREE = {
    frozenset(("Kabupaten Garut", "Badan Gizi Nasional")),
    frozenset(("Kabupaten Garut", "Kementerian Kesehatan")),
    frozenset(("Badan Gizi Nasional", "Kementerian Kesehatan")),
}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Kegiatan ini digelar atas kerja sama Pemkab Garut, Badan Gizi Nasional (BGN), "
            "dan Kementerian Kesehatan.",
            id="atas-kerja-sama",
        ),
        pytest.param(
            "Kerja sama itu telah ditandatangani oleh Pemkab Garut, Badan Gizi Nasional, "
            "dan Kementerian Kesehatan.",
            id="signed-by-after-an-agreement",
        ),
    ],
)
def test_parties_listed_after_the_cue_each_cooperate(text: str) -> None:
    assert _pairs(text) == _THREE


def test_a_pair_before_menjalin_kerja_sama() -> None:
    text = "Pemerintah Indonesia dan Pakistan juga menjalin kerja sama di bidang pendidikan."
    assert _pairs(text) == {frozenset(("Indonesia", "Pakistan"))}


def test_signed_by_with_no_agreement_is_no_cooperation() -> None:
    assert _pairs("Surat edaran itu ditandatangani oleh Pemkab Garut dan Kemenkes.") == set()
