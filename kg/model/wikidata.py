"""Wikidata items of well-known entities, from the table kg ships (``data/lexicon/wikidata.tsv``).

Countries are found by ISO 3166 code, Indonesian regions by Kemendagri code (their
``Entity.ident``), national bodies by their full name as ``organizations.tsv`` writes it. The
table's header states its sources and what it does not cover; ``kg link --wikidata`` finds
the others online.
"""

from __future__ import annotations

from functools import cache

from kg.errors import ResourceError
from kg.model.iri import name_key
from kg.model.records import Entity
from kg.model.resources import resource_path
from kg.model.terms import EntityType

__all__ = ["wikidata_qid", "wikidata_table"]

_SCHEMES = {
    "country": "iso3166",
    "province": "kemendagri",
    "regency": "kemendagri",
    "city": "kemendagri",
}


@cache
def wikidata_table() -> dict[str, str]:
    """The table as a dict: ``iso3166:ID``, ``kemendagri:35.78`` or ``org:<name key>`` -> QID.

    Raises:
        ResourceError: the table is missing or a row is malformed.

    >>> wikidata_table()["iso3166:ID"]
    'Q252'
    """
    path = resource_path("lexicon", "wikidata.tsv")
    table: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 or not fields[2].startswith("Q") or not fields[2][1:].isdigit():
            raise ResourceError(
                f"{path}:{number}: expected kind, key and a QID, got {line!r}; "
                "regenerate it with scripts/build_wikidata.py"
            )
        kind, key, qid = fields[:3]
        scheme = _SCHEMES.get(kind)
        table[f"{scheme}:{key}" if scheme else f"org:{name_key(key)}"] = qid
    return table


def wikidata_qid(entity: Entity) -> str | None:
    """The Wikidata QID of an entity the shipped table knows, else None.

    >>> wikidata_qid(Entity("e1", "Country", "Filipina", ident="iso3166:PH"))
    'Q928'
    >>> wikidata_qid(Entity("e2", "Person", "Bima Arya Sugiarto")) is None
    True
    """
    table = wikidata_table()
    if entity.ident and entity.ident in table:
        return table[entity.ident]
    if entity.type is EntityType.ORGANIZATION:
        return table.get(f"org:{name_key(entity.name)}")
    return None
