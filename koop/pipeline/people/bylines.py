"""Authors and picture credits: a name alone on its line ("Von Anna Schmidt") is the
author; a name after "Foto:" is no person of the story."""
from __future__ import annotations

from ...article import Mention


class Bylines:
    """The byline steps of :class:`~koop.pipeline.people.finder.PeopleFinder` (uses its
    ``byline`` and ``credit`` patterns)."""

    @staticmethod
    def _line(text: str, m: Mention) -> str:
        ls = text.rfind("\n", max(0, m.start - 60), m.start) + 1
        if m.start - ls >= 40:  # far from the line start: not a byline
            return text[m.start - 40:m.end + 40]
        le = text.find("\n", m.end, m.end + 60)
        return text[ls:le if le >= 0 else m.end + 60].strip()

    def is_byline(self, text: str, m: Mention) -> bool:
        """The mention is the whole line, maybe after "Von"/"By": the article's author."""
        line = self._line(text, m)
        if len(line) > len(m.text) + 30:
            return False
        got = self.byline.match(line)
        return bool(got) and got.group("name") == m.text

    def is_credit(self, text: str, m: Mention) -> bool:
        """The mention is in a picture credit ("Foto: ...", "Beitragsbild (Montage): ...")."""
        ls = text.rfind("\n", 0, m.start) + 1
        return bool(self.credit.search(text, max(ls, m.start - 60), m.start))
