"""Where the corpus lives and how its files are read and written (one place for all tools)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
# Sources whose licence lets the project redistribute the text (corpus/README.md).
REDISTRIBUTABLE = {"reuters", "wikinews", "smartdata"}


def load_manifest() -> list[dict]:
    with open(CORPUS / "manifest.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def unmatched(manifest: list[dict], texts: dict[str, str]) -> list[str]:
    """Ids whose text is missing or differs from the SHA-256 the manifest records."""
    return [m["id"] for m in manifest if m["id"] not in texts or sha256(texts[m["id"]]) != m["sha256"]]
