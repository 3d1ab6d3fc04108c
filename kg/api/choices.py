"""Defaults of the API's options that the command line shows before it loads any stage."""

from __future__ import annotations

__all__ = ["LINK_TYPES"]

LINK_TYPES = ("person", "organization", "place")
"""Entity types ``kg link --wikidata`` links by default (events are rarely Wikidata items)."""
