"""Coded error messages, so users and tests can refer to a stable code.

``E...`` codes are errors; ``W...`` codes are warnings about an input that
was read anyway. This is koop's one catalogue: every layer's codes live here
(E00x pipeline, E01x inputs, E02x knowledge base, E03x evaluation and models,
E04x store/ingest/export, E05x web app, E07x Dask). An input that is skipped or repaired is reported as an
:class:`Issue`, one line each: ``path-or-url: reason (E013)``.
"""
from __future__ import annotations

from dataclasses import dataclass


class KoopError(Exception):
    """Base class of koop's own errors: message with a stable code."""

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        self.kwargs = kwargs
        self.message = MESSAGES[code].format(**kwargs)
        super().__init__(f"[{code}] {self.message}")

    @property
    def reason(self) -> str:
        """The message without the input's name (for ``Issue`` lines)."""
        return REASONS[self.code].format(**self.kwargs) if self.code in REASONS \
            else self.message.rstrip(".")


@dataclass(frozen=True)
class Issue:
    """Why an input (a file, a line, a record or a URL) was skipped (``E`` code) or
    read with a repair (``W`` code)."""

    input: str
    code: str
    reason: str

    @classmethod
    def of(cls, input: object, code: str, **kwargs: object) -> "Issue":
        return cls.from_error(input, KoopError(code, **kwargs))

    @classmethod
    def from_error(cls, input: object, error: KoopError, part: str | None = None) -> "Issue":
        """The issue that ``error`` names, of ``input`` or of a ``part`` of it ("line 3")."""
        return cls(str(input), error.code, f"{part}: {error.reason}" if part else error.reason)

    @property
    def skipped(self) -> bool:
        """True for an error (the input is not in the result), False for a warning."""
        return self.code.startswith("E")

    def line(self) -> str:
        """``path-or-url: reason (Exxx)``."""
        return f"{self.input}: {self.reason} ({self.code})"


MESSAGES = {
    "E001": "Stage '{stage}' did not return an Article (got {got}).",
    "E002": "Stage '{stage}' requires '{attr}', which no earlier stage assigns.",
    "E003": "Unknown pipeline stage '{name}'. Known: {known}.",
    "E004": "Config for stage '{stage}' has unknown keys {keys}; allowed: {allowed}.",
    "E005": "Bad value {value!r} for {name}: {reason}.",
    "E006": "Config names stage '{name}', which is not in this pipeline.{hint} Stages: {stages}.",
    "E007": "Config for stage '{stage}' must be a dict of settings, not {got}.",
    "E010": "Cannot read '{path}': {reason}.",
    "E011": "{path}:{line}: not a JSON object with a 'text' field: {reason}.",
    "E012": "Unsupported input type for '{path}' (use .txt, .html, .htm or .jsonl).",
    # why an input is skipped (issue 6); shown after the input's name, see Issue
    "E013": "binary data ({kind}), not text",
    "E014": "{what}",
    "E015": "{what} has {size} bytes, more than the document size limit of {limit} "
            "(see --max-document-bytes)",
    "E016": "{what}",  # a feed that cannot be read, or a feed item that cannot be used
    "E017": "refused to connect to {host} ({address}, a {kind} address); "
            "allow it with --allow-private-urls or --allow-network",
    "E018": "Refusing to write '{path}': {reason}.",
    "E019": "article '{key}' could not be stored: {reason}",
    "E020": "Knowledge base file '{path}', line {line}: {reason}.",
    "E030": "Gold file '{path}' not found or unreadable: {reason}.",
    "E031": "No input texts for gold file '{path}': expected '{texts}' or texts in the gold lines.",
    "E032": "Model '{path}' needs {package} (pip install 'koop[train]').",
    "E033": "'{path}' is not a gold file: {reason} (see 'Gold files' in the README).",
    "E034": "None of the {n} documents of gold file '{path}' is in its texts '{texts}'.",
    # the store, ingest, query and export layers
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
    "E064": "Feed '{path}' is not read by koop extract: its items' pages are fetched by "
            "koop ingest.",
    # the web app (koop serve)
    "E050": "Cannot listen on {host} port {port}: {reason}.",
    "E051": "Cannot read the API token file '{path}': {reason}.",
    "E052": "This koop server is read-only: no API token is configured. Start it with "
            "KOOP_API_TOKEN set or with --token-file to allow writes.",
    "E053": "Missing or wrong API token: send the header 'Authorization: Bearer <token>'.",
    "E054": "Give the article's 'text', or a 'url' to fetch it from.",
    "E055": "The request body is larger than {limit:,} bytes.",
    "E056": "No cooperation {id} in the graph.",
    "E057": "No article '{key}' in the graph.",
    "E058": "Unknown status '{status}'; known: {known}.",
    "E059": "Invalid request: {errors}.",
    "E060": "This koop server does not answer for host '{host}'; it answers {allowed}. "
            "Add the name with koop serve --allow-host.",
    "E061": "Internal server error; the server log has the details.",
    # scaling out on Dask (koop ingest --scheduler)
    "E070": "Cannot use Dask scheduler '{scheduler}': {reason}.",
    "E071": "Ingesting on a Dask cluster needs dask and distributed: "
            "pip install 'koop[scale]' ({reason}).",
    # warnings: the input was read, with a repair (issue 6)
    "W001": "not valid UTF-8; read as {encoding}",
    "W002": "not valid UTF-8: {count} invalid byte sequence(s) replaced by U+FFFD",
    "W003": "the feed is malformed ({reason}); read the {n} item(s) before the error",
    "W004": "publication date '{date}' dropped: {reason}",
}

# Reasons for the codes whose message names the input: an Issue puts the input first.
REASONS = {
    "E010": "cannot read: {reason}",
    "E011": "line {line}: {reason}",
    "E012": "unsupported input type (use .txt, .md, .html, .htm, .jsonl, .warc, .warc.gz, "
            ".rss, .atom or a feed .xml)",
    "E045": "{reason}",
    "E046": "{reason}",
    "E047": "neither a file, a folder nor an http(s) URL",
    "E048": "the feed has no items with a link",
    "E049": "article '{key}': extraction failed: {reason}",
    "E064": "a feed: koop extract does not fetch its items (koop ingest does)",
    "E062": "a folder without input files (.txt, .md, .html, .htm, .jsonl, .warc, .warc.gz, "
            ".rss, .atom, feed .xml; hidden files are skipped)",
}

