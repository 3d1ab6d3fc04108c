"""A membership an article calls former ("mantan anggota") shows in `kg query members`."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_commands import kg as _kg

# Two fictional articles: a council member in 2023, the same person a "mantan anggota" in 2025.
_CURRENT = """title: Anggota DPRD Kota Depok tinjau banjir
url: https://contoh.kg.invalid/2023/11/02/dprd-depok-banjir
date: 2023-11-02

Depok (Kantor Berita Contoh) - Anggota DPRD Kota Depok Budi Santoso meninjau lokasi banjir di
Kecamatan Beji, Kamis (2/11). Budi meminta pemerintah kota segera memperbaiki saluran air.
"""
_FORMER = """title: Warga Depok bentuk relawan kebersihan sungai
url: https://contoh.kg.invalid/2025/04/15/relawan-sungai-depok
date: 2025-04-15

Depok (Kantor Berita Contoh) - Mantan anggota DPRD Kota Depok Budi Santoso memimpin kerja bakti
warga membersihkan Sungai Ciliwung, Selasa (15/4).
"""


def _budi_in_dprd(cwd: Path) -> dict[str, object]:
    done = _kg("query", "members", "-f", "json", cwd=cwd)
    assert done.returncode == 0, done.stderr
    rows = [
        r
        for r in json.loads(done.stdout)
        if (r["member"], r["organization"]) == ("Budi Santoso", "DPRD Kota Depok")
    ]
    assert len(rows) == 1, done.stdout
    return dict(rows[0])


def test_a_former_membership_shows_when_an_article_first_calls_it_former(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "2023.txt").write_text(_CURRENT, encoding="utf-8")
    assert _kg("build", "articles", "-q", cwd=tmp_path).returncode == 0
    before = _budi_in_dprd(tmp_path)
    assert (before["lastSeen"], before["formerAsOf"]) == ("2023-11-02", None)

    (tmp_path / "articles" / "2025.txt").write_text(_FORMER, encoding="utf-8")
    assert _kg("build", "articles", "-q", cwd=tmp_path).returncode == 0
    after = _budi_in_dprd(tmp_path)
    # the 2025 article says "mantan": the membership stays current as of 2023, former as of 2025
    assert (after["lastSeen"], after["formerAsOf"], after["articles"]) == (
        "2023-11-02",
        "2025-04-15",
        2,
    )
