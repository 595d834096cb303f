"""Builds koop/data/first_names.txt from the name list that gender-guesser ships.

Run once when updating the list: ``python tools/build_first_names.py``.
The list is general knowledge (about 40,000 given names across Europe and
beyond); koop keeps names that are reasonably common in at least one country.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import gender_guesser

SRC = Path(os.path.dirname(gender_guesser.__file__)) / "data" / "nam_dict.txt"
OUT = Path(__file__).resolve().parent.parent / "koop" / "data" / "first_names.txt"


def main() -> None:
    names = set()
    for line in SRC.read_text(encoding="iso-8859-1").splitlines():
        if line.startswith("#") or len(line) < 31 or line[0] not in "MF?1":
            continue
        name = line[3:29].strip()
        freqs = [int(c, 16) for c in line[30:85] if c.strip() and c in "0123456789abcdef"]
        if not freqs or max(freqs) < 2:
            continue
        if not re.fullmatch(r"[A-Za-zÀ-ÿ][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?", name):
            continue  # skip names with the file's own escape codes, initials, odd forms
        names.add(name)
    OUT.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} first names -> {OUT}")


if __name__ == "__main__":
    main()
