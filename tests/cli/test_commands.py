"""The command line: one-line errors, exit codes, every command documented."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        check=False,
    )


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert cli.commands[command].help
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkg {command}\b", readme), f"`kg {command}` is not in the README"


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld"])
def test_extract_writes_every_format(tmp_path: Path, seed_path: Path, suffix: str) -> None:
    out = tmp_path / f"seed{suffix}"
    result = kg("extract", str(seed_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    if suffix in (".nq", ".trig", ".jsonld"):
        ds = Dataset()
        ds.parse(out, format={".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld"}[suffix])
        assert len(list(ds.quads())) > 50
    else:
        assert len(Graph().parse(out)) > 50


def test_build_query_export_stats_validate(tmp_path: Path, samples_path: Path) -> None:
    store = str(tmp_path / "store")
    assert kg("build", str(samples_path), "--store", store).returncode == 0
    officials = kg("query", "officials", "--store", store, "-f", "json")
    assert officials.returncode == 0, officials.stderr
    assert {
        "person": "Bima Arya Sugiarto",
        "office": "mayorOf",
        "unit": "Kota Bogor",
        "from": None,
        "until": None,
        "lastSeen": None,  # the seed is dated by its year only: no day
        "formerAsOf": None,
        "articles": 1,
    } in json.loads(officials.stdout)
    assert (
        kg("export", "-f", "gexf", "-o", str(tmp_path / "g.gexf"), "--store", store).returncode == 0
    )
    assert (tmp_path / "g.gexf").stat().st_size > 500
    assert "articles: " in kg("stats", "--store", store).stdout
    assert kg("validate", "--store", store).returncode == 0


def test_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    result = kg("query", "no-such-query", "--store", "memory")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "unknown query 'no-such-query'; available:" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert kg("query").returncode == 2


def test_build_reports_bad_files_and_goes_on(tmp_path: Path, seed_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    result = kg("build", str(folder), "--store", str(tmp_path / "s"))
    assert result.returncode == 1
    assert "empty.txt: empty file" in result.stderr
    assert "binary.txt: binary content" in result.stderr
    assert "1 new" in result.stdout


def test_build_and_extract_say_which_facts_of_a_long_list_they_left_out(tmp_path: Path) -> None:
    given = ("Adi", "Bayu", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hadi", "Indra", "Joko")
    family = [a + b for a in ("Ba", "Di", "Ka", "Ma", "Sa", "Ta") for b in ("ra", "wi", "no", "su")]
    names = [f"{given[n % 10]} {family[n // 10 % 24]} {family[n % 24]}wan" for n in range(240)]
    listing = tmp_path / "peserta.txt"
    listing.write_text(
        "Bogor (ANTARA) - Rapat Koordinasi Daerah Kota Bogor dihadiri oleh "
        + ", ".join(names)
        + ".",
        encoding="utf-8",
    )
    built = kg("build", str(listing), "--store", str(tmp_path / "s"), "-q")
    assert built.returncode == 0, built.stderr
    assert "1 new" in built.stdout
    (note,) = [line for line in built.stderr.splitlines() if line.startswith("kg: note: ")]
    assert re.match(
        rf"kg: note: {re.escape(str(listing))}: sentence 1 states \d+ facts; kept the 100", note
    )
    extracted = kg("extract", str(listing), "-o", str(tmp_path / "x.nq"))
    assert extracted.returncode == 0, extracted.stderr
    assert note in extracted.stderr.splitlines()
    participants = Dataset()
    participants.parse(tmp_path / "x.nq", format="nquads")
    facts = {(s, o) for s, p, o, _ in participants.quads() if str(p).endswith("#participatedIn")}
    assert len(facts) == 100


def test_a_locked_store_error_names_the_fix(tmp_path: Path, seed_path: Path) -> None:
    import kg as kglib

    with kglib.KnowledgeGraph(tmp_path / "s"):
        result = kg("build", str(seed_path), "--store", str(tmp_path / "s"))
    assert result.returncode == 1
    assert "is in use by a Python process" in result.stderr
    assert "wait for it to finish" in result.stderr


def test_read_commands_run_side_by_side(tmp_path: Path, seed_path: Path) -> None:
    import kg as kglib

    store = str(tmp_path / "s")
    assert kg("build", str(seed_path), "--store", store, "-q").returncode == 0
    reads = [
        ["query", "articles", "--store", store, "-f", "json"],
        ["stats", "--store", store],
        ["entities", "list", "--store", store],
        ["query", "officials", "--store", store, "-f", "csv"],
    ]
    # a reader holds the store; readers share it (a writer waits for them: kg.store.lock)
    with kglib.KnowledgeGraph(store, read_only=True):
        readers = [
            subprocess.Popen(
                [sys.executable, "-m", "kg.cli", *args],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for args in reads * 2
        ]
        results = [(r, *r.communicate(timeout=300)) for r in readers]
    for reader, out, err in results:
        assert reader.returncode == 0, err
        assert out.strip()
