"""Coded error messages, so users and tests can refer to a stable code."""
from __future__ import annotations


class KoopError(Exception):
    """Base class of koop's own errors: message with a stable code."""

    def __init__(self, code: str, **kwargs: object) -> None:
        self.code = code
        self.message = MESSAGES[code].format(**kwargs)
        super().__init__(f"[{code}] {self.message}")


MESSAGES = {
    "E001": "Stage '{stage}' did not return an Article (got {got}).",
    "E002": "Stage '{stage}' requires '{attr}', which no earlier stage assigns.",
    "E003": "Unknown pipeline stage '{name}'. Known: {known}.",
    "E004": "Config for stage '{stage}' has unknown keys {keys}; allowed: {allowed}.",
    "E010": "Cannot read '{path}': {reason}.",
    "E011": "{path}:{line}: not a JSON object with a 'text' field: {reason}.",
    "E012": "Unsupported input type for '{path}' (use .txt, .html, .htm or .jsonl).",
    "E020": "Knowledge base file '{path}', line {line}: {reason}.",
    "E030": "Gold file '{path}' not found or unreadable: {reason}.",
    "E031": "No input texts for gold file '{path}': expected '{texts}' or texts in the gold lines.",
}
