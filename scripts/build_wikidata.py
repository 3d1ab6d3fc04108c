"""Regenerate data/lexicon/wikidata.tsv: Wikidata QIDs of countries, regions and national bodies.

    .venv/bin/python scripts/build_wikidata.py [--cache DIR]

Every QID comes from a package that a registry serves (fetched with ``npm pack``, pinned):

- countries: npm ``@rapideditor/country-coder`` (ISC). Its ``src/data/borders.json`` gives each
  ISO 3166-1 alpha-2 code its Wikidata item (``wikidata`` property of the feature).
- national bodies and Indonesian places: npm ``name-suggestion-index`` (BSD-3-Clause). Its
  ``dist/wikidata/wikidata.json`` holds the English label and description of every Wikidata item
  the index names (brands and operators: state companies, the police, ministries, ...). An
  organisation of ``organizations.tsv`` gets a QID when its full name or one of its aliases is the
  item's label (or a label named in ``_LABELS`` below, for bodies Wikidata labels in English)
  AND the item's description is compatible (it names Indonesia, or it describes an international
  body for kg's international organisations; companies, chains and cities are refused, so an
  acronym such as "DPD" never picks up a parcel company). A place gets a QID when the item is
  described as a city/regency/province of Indonesia and ``regions.tsv`` has exactly one region
  of that class and name.

Wikidata's data is CC0; the packages' licences are stated in the table's header. Groups no
registry package covers are left out rather than guessed; the header says so.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import tarfile
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon"
COUNTRY_CODER = "@rapideditor/country-coder@5.6.1"
NSI = "name-suggestion-index@8.0.20260918"

# kg's canonical name -> the English label Wikidata (as shipped in the NSI) gives the same body.
_LABELS = {
    "Kepolisian Negara Republik Indonesia": "Indonesian National Police",
    "Kementerian Kesehatan": "Ministry of Health of Indonesia",
    "Palang Merah Indonesia": "Indonesian Red Cross Society",
}
_REFUSED = re.compile(r"\b(company|chain|restaurant|store|shop|city|brand)\b", re.I)
_INDONESIAN = re.compile(r"\bIndonesia", re.I)
_INTERNATIONAL = re.compile(
    r"\b(international|intergovernmental|united nations|alliance|union of)\b", re.I
)
_PLACE = (
    (re.compile(r"^city in .*Indonesia", re.I), "City", "Kota "),
    (re.compile(r"^regency (of|in) .*Indonesia", re.I), "Regency", "Kabupaten "),
    (re.compile(r"^province of Indonesia", re.I), "Province", ""),
)


def key(name: str) -> str:
    """Same normalisation as kg.model.iri.name_key (accents, case, punctuation ignored)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).replace("_", " ").split())


def fetch(spec: str, cache: Path) -> Path:
    """``npm pack`` a pinned package into ``cache`` and unpack it; returns its folder."""
    folder = cache / re.sub(r"[^\w.-]+", "_", spec)
    if not (folder / "package").is_dir():
        cache.mkdir(parents=True, exist_ok=True)
        out = subprocess.run(
            ["npm", "pack", spec, "--silent", "--pack-destination", str(cache)],
            check=True,
            capture_output=True,
            text=True,
        )
        with tarfile.open(cache / out.stdout.strip().splitlines()[-1]) as tar:
            tar.extractall(folder, filter="data")
    return folder / "package"


def _lexicon_rows(name: str) -> Iterator[list[str]]:
    for line in (LEXICON / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def build_countries(coder: Path) -> list[tuple[str, str, str, str, str]]:
    known = {row[0] for row in _lexicon_rows("countries.tsv")}
    borders = json.loads((coder / "src/data/borders.json").read_text(encoding="utf-8"))
    rows = []
    for feature in borders["features"]:
        props = feature["properties"]
        code, qid = props.get("iso1A2"), props.get("wikidata")
        if code in known and qid:
            rows.append(("country", code, qid, props.get("nameEn", ""), COUNTRY_CODER))
    return sorted(rows, key=lambda row: row[1])


def _compatible(cls: str, description: str) -> bool:
    """Whether a Wikidata description fits an organisation of this kg class."""
    if cls != "Company" and _REFUSED.search(description):
        return False  # "DPD": a parcel company; "G20": a store chain
    if cls == "InternationalOrganization":
        return bool(_INTERNATIONAL.search(description))
    return bool(_INDONESIAN.search(description))


def build_bodies(items: dict[str, dict[str, str]]) -> list[tuple[str, str, str, str, str]]:
    by_label: dict[str, list[str]] = {}
    for qid, item in items.items():
        by_label.setdefault(key(item.get("label", "")), []).append(qid)
    rows = []
    for full, cls, *rest in _lexicon_rows("organizations.tsv"):
        aliases = [a for a in (rest[0] if rest else "").split("|") if a]
        found: set[str] = set()
        for name in [full, *aliases, _LABELS.get(full, "")]:
            for qid in by_label.get(key(name), []) if name else []:
                if _compatible(cls, items[qid].get("description", "")):
                    found.add(qid)
        if len(found) == 1:  # two items for one body: ambiguous, leave it out
            qid = found.pop()
            rows.append(("body", full, qid, items[qid]["label"], NSI))
    return rows


def build_places(items: dict[str, dict[str, str]]) -> list[tuple[str, str, str, str, str]]:
    regions: dict[tuple[str, str], list[str]] = {}
    for code, cls, name, *_ in _lexicon_rows("regions.tsv"):
        regions.setdefault((cls, key(name)), []).append(code)
    rows = []
    for qid, item in items.items():
        for pattern, cls, prefix in _PLACE:
            if pattern.search(item.get("description", "")):
                codes = regions.get((cls, key(prefix + item.get("label", ""))), [])
                if len(codes) == 1:
                    rows.append((cls.lower(), codes[0], qid, item["label"], NSI))
    return sorted(rows)


HEADER = """\
# Wikidata items of countries, Indonesian regions and national bodies, for owl:sameAs links.
# Generated by scripts/build_wikidata.py from pinned npm packages; do not edit by hand.
# Sources: countries from npm {coder} (ISC licence, its borders.json "wikidata" property);
#   bodies and places from npm {nsi} (BSD-3-Clause, dist/wikidata/wikidata.json labels and
#   descriptions). Wikidata's data itself is CC0.
# Coverage: {counts}. Indonesian provinces, regencies and cities are NOT covered except where
#   the NSI names one: no registry package found carries their QIDs (kg link --wikidata can
#   find them online). Missing rows are left out, never guessed.
# Columns: kind (country|province|regency|city|body) <TAB> key (ISO 3166-1 alpha-2, Kemendagri
#   code, or the full name of organizations.tsv) <TAB> QID <TAB> Wikidata English label <TAB> source
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="where npm pack puts the packages")
    args = parser.parse_args()
    cache = args.cache or Path(tempfile.mkdtemp(prefix="kg-wikidata-"))
    coder, nsi = fetch(COUNTRY_CODER, cache), fetch(NSI, cache)
    items = json.loads((nsi / "dist/wikidata/wikidata.json").read_text(encoding="utf-8"))
    items = items["wikidata"]
    rows = build_countries(coder) + build_places(items) + build_bodies(items)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[0]] = counts.get(row[0], 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    text = HEADER.format(coder=COUNTRY_CODER, nsi=NSI, counts=summary)
    text += "".join("\t".join(row) + "\n" for row in rows)
    (LEXICON / "wikidata.tsv").write_text(text, encoding="utf-8")
    print(f"wikidata.tsv: {summary}")


if __name__ == "__main__":
    main()
