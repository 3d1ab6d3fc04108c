"""Linking: one node per real-world entity across articles, curation, and external identifiers.

This stage runs after extraction and reads the store: it decides which IRI an extracted entity
gets (cross-article resolution and the user's curation decisions) and links nodes to Wikidata.
"""
