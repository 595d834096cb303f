"""Coded messages of the store, ingest, query and export layers.

They join koop's one catalogue (``koop.errors.MESSAGES``) when ``koop.store``
is imported, so ``KoopError("E042", ...)`` works like any other code.
"""
from __future__ import annotations

from ..errors import register_messages

STORE_MESSAGES = {
    "E040": "Cannot open database '{db}': {reason}.",
    "E041": "Database '{db}' has schema version {found}; this koop supports up to {supported}. "
            "Upgrade koop to open it.",
    "E042": "No organization in the graph matches '{name}'.{hint}",
    "E043": "'{name}' matches several organizations: {candidates}. Give the id instead.",
    "E044": "Unknown export format '{fmt}'; known: {known}.",
    "E045": "Cannot fetch '{url}': {reason}.",
    "E046": "Cannot read WARC file '{path}': {reason}.",
    "E047": "Input '{input}' is neither a file, a folder nor an http(s) URL.",
    "E048": "Feed '{url}' has no items with a link.",
    "E049": "Skipped article '{key}': extraction failed: {reason}.",
    "E062": "Folder '{path}' holds no input files.",
    "E063": "Give some text to search for (the query is empty).",
}

# the same without the input's name, for skip reports (koop.errors.Issue)
STORE_REASONS = {
    "E045": "{reason}",
    "E046": "{reason}",
    "E047": "neither a file, a folder nor an http(s) URL",
    "E048": "the feed has no items with a link",
    "E049": "article '{key}': extraction failed: {reason}",
    "E062": "a folder without input files (.txt, .md, .html, .htm, .jsonl, .warc, .warc.gz, "
            ".rss, .atom, feed .xml; hidden files are skipped)",
}

register_messages(STORE_MESSAGES, STORE_REASONS)
