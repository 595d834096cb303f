"""Coded error messages, so users and tests can refer to a stable code.

``E...`` codes are errors; ``W...`` codes are warnings about an input that
was read anyway. An input that is skipped or repaired is reported as an
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
}


def register_messages(messages: dict[str, str], reasons: dict[str, str] | None = None) -> None:
    """Add a layer's coded messages (and their skip-report reasons) to the one catalogue."""
    for code, msg in messages.items():
        MESSAGES.setdefault(code, msg)
    for code, msg in (reasons or {}).items():
        REASONS.setdefault(code, msg)
