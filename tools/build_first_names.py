"""Builds koop/data/first_names.txt and first_names_weak.txt from the name list
that gender-guesser ships.

Run once when updating the lists (needs ``pip install gender-guesser``):
``python tools/build_first_names.py``.

The list is general knowledge (about 40,000 given names across Europe and
beyond); koop keeps names that are reasonably common in at least one country.
Names that are also ordinary words ("Song", "Asset", "Foto", "Will") and
rare in Western Europe and the USA go to ``first_names_weak.txt`` too: the
tagger (HanTa, a koop dependency) reads them as common words in German or
English. A weak first name starts a person's name only before a word that
looks like a surname.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import gender_guesser
from HanTa import HanoverTagger as ht

SRC = Path(os.path.dirname(gender_guesser.__file__)) / "data" / "nam_dict.txt"
DATA = Path(__file__).resolve().parent.parent / "koop" / "data"
HEX = "0123456789abcdefABCDEF"  # frequency 10..12 is written 'A'..'C'
WESTERN = 15  # the file's first 15 country columns: Great Britain ... Switzerland


def main() -> None:
    names: set[str] = set()
    western: dict[str, int] = {}  # highest frequency in Western Europe and the USA
    for line in SRC.read_text(encoding="iso-8859-1").splitlines():
        if line.startswith("#") or len(line) < 31 or line[0] not in "MF?1":
            continue
        name = line[3:29].strip()
        freqs = [int(c, 16) for c in line[30:85] if c in HEX]
        if not freqs or max(freqs) < 2:
            continue
        if not re.fullmatch(r"[A-Za-zÀ-ÿ][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?", name):
            continue  # skip names with the file's own escape codes, initials, odd forms
        names.add(name)
        west = [int(c, 16) for c in line[30:30 + WESTERN] if c in HEX]
        western[name] = max([western.get(name, 0), *west])
    de = ht.HanoverTagger("morphmodel_ger.pgz")
    en = ht.HanoverTagger("morphmodel_en.pgz")
    # weak: the tagger reads the name as a common word in German or English, and it
    # is not a frequent given name in the West ("Mark" and "Christian" stay strong)
    weak = {n for n in names if (de.analyze(n)[1] != "NE" or en.analyze(n)[1] != "NP0")
            and western.get(n, 0) < 5}
    (DATA / "first_names.txt").write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    (DATA / "first_names_weak.txt").write_text("\n".join(sorted(weak)) + "\n", encoding="utf-8")
    print(f"{len(names)} first names ({len(weak)} also common words) -> {DATA}")


if __name__ == "__main__":
    main()
