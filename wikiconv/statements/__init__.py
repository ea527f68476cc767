"""Wikidata-style statements: extracted from an article, resolved to items, written as batches."""
