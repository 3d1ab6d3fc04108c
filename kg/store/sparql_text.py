"""SPARQL text as its grammar sees it, for the few checks kg makes without parsing a query:
does it use ``GRAPH`` (:mod:`kg.store.sparql` picks the dataset by it), does it use ``SERVICE``
(``kg serve`` refuses it by default)."""

from __future__ import annotations

import re

__all__ = ["code_only", "uses_keyword"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NOISE = (
    re.compile(r"<[^<>\s]*>"),  # IRIs
    re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'', re.S),
    re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''),  # strings
    re.compile(r"#[^\n]*"),  # comments
)


def code_only(text: str) -> str:
    """The text with ``\\u`` escapes undone (SPARQL undoes them before anything else, keywords
    included) and IRIs, strings and comments blanked out.

    >>> code_only('SELECT * { ?s <http://x/GRAPH> "a \\\\"b" } # c')
    'SELECT * { ?s     }  '
    """
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    for pattern in _NOISE:
        text = pattern.sub(" ", text)
    return text


def uses_keyword(text: str, keyword: str) -> bool:
    """Whether SPARQL text uses a keyword (not as part of a name, variable, IRI or string).

    >>> uses_keyword("SELECT * { SERVI\\\\u0043E <http://x/> { ?s ?p ?o } }", "SERVICE")
    True
    >>> uses_keyword('SELECT ?service { ?s kg:service "SERVICE" } # SERVICE', "SERVICE")
    False
    """
    pattern = rf"(?<![\w:?$-]){re.escape(keyword)}(?![\w:-])"
    return re.search(pattern, code_only(text), re.I) is not None
