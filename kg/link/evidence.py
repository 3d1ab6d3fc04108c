"""The evidence of a resolution, kept in the article graph it explains.

Each name an article writes that resolution makes another node gets a ``kg:Identification``
in that article's graph: the node it became, the rule, the name as the article writes it (its
label there, which became an alias of the node, and its key) and the form the rule matched.
``kg entities show`` lists them, so a user sees why two names are one node; removing the
article removes its evidence.
"""

from __future__ import annotations

import hashlib

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.link.variants import Decision
from kg.model.terms import KG, KGR, PROV, RDF

__all__ = ["identification", "identification_iri"]

Triple = tuple[Node, Node, Node]


def identification_iri(article: URIRef, minted: URIRef) -> URIRef:
    """The evidence node of one name (by the IRI it was minted as) in one article."""
    digest = hashlib.sha256(f"{article}\x1f{minted}".encode()).hexdigest()[:24]
    return URIRef(KGR[f"identification/{digest}"])


def identification(
    article: URIRef, minted: URIRef, key: str, label: str, decision: Decision
) -> list[Triple]:
    """The evidence triples: the node, the rule, the name as the article writes it (``label``,
    with its ``key``) and the form the rule matched."""
    node = identification_iri(article, minted)
    return [
        (node, RDF.type, KG.Identification),
        (node, KG.identifies, decision.target),
        (node, KG.nameKey, Literal(key)),
        (node, KG.form, Literal(label)),
        (node, KG.matchedForm, Literal(decision.form)),
        (node, KG.rule, Literal(decision.rule)),
        (node, PROV.wasDerivedFrom, article),
    ]
