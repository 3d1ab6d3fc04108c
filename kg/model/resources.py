"""Locate the data files kg ships: ontology, queries, lexicons and models.

In an installed wheel they live in ``kg/_resources/``; in a source checkout (and an editable
install) they are the top-level ``ontology/``, ``queries/`` and ``data/`` folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.errors import ResourceError

__all__ = ["resource_dir", "resource_path"]

_PACKAGE = Path(__file__).resolve().parent.parent
_FOLDERS = {
    "ontology": ("_resources/ontology", "../ontology"),
    "queries": ("_resources/queries", "../queries"),
    "lexicon": ("_resources/data/lexicon", "../data/lexicon"),
    "models": ("_resources/data/models", "../data/models"),
}


@cache
def resource_dir(kind: str) -> Path:
    """Return the folder holding one kind of packaged resource.

    Args:
        kind: one of ``ontology``, ``queries``, ``lexicon``, ``models``.

    Raises:
        ResourceError: the kind is unknown or its folder is missing from the installation.

    >>> resource_dir("ontology").joinpath("kg.ttl").is_file()
    True
    """
    try:
        candidates = _FOLDERS[kind]
    except KeyError:
        raise ResourceError(
            f"unknown resource kind {kind!r}; available: {', '.join(sorted(_FOLDERS))}"
        ) from None
    for relative in candidates:
        folder = (_PACKAGE / relative).resolve()
        if folder.is_dir():
            return folder
    raise ResourceError(
        f"kg's {kind} folder is missing from {_PACKAGE}; "
        "reinstall kg (pip install --force-reinstall kg-indonesia)"
    )


def resource_path(kind: str, name: str) -> Path:
    """Return the path of one packaged file, failing clearly when it is absent.

    Raises:
        ResourceError: the file does not exist.
    """
    path = resource_dir(kind) / name
    if not path.is_file():
        raise ResourceError(f"kg's {kind} file {name!r} is missing at {path}; reinstall kg")
    return path
