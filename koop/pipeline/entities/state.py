"""The working state of one article while the steps run.

Every step claims tokens for its mentions; a token belongs to at most one
mention, so a later step only finds what no earlier step took.
"""
from __future__ import annotations

from ...article import Article, Mention


class ArticleState:
    """The working state of one article: tokens, claimed tokens and mentions."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.toks = article.tokens
        self.lang = article.lang or "de"
        n = len(self.toks)
        self.owner: list[Mention | None] = [None] * n
        self.spans: dict[int, tuple[int, int]] = {}  # id(mention) -> token span
        self.mentions: list[Mention] = []
        self.sent_end = [0] * n
        self.sent_start = [0] * n
        for s in article.sentences:
            for k in range(s.first_token, s.last_token):
                self.sent_end[k] = s.last_token
                self.sent_start[k] = s.first_token
        self.sent_first = {s.first_token for s in article.sentences}
        self.seen_ids: set[str] = set()
        self.doc_orgs: dict[str, tuple[str, str]] = {}  # folded one-word alias -> (id, name)
        self.doc_names: dict[str, tuple[str, str]] = {}  # squashed multi-token name -> (id, name)
        # short forms that are common English words ("Consolidated" of "Consolidated Widget Corp"): a
        # mention needs a verb or role noun after it ("Consolidated said")
        self.weak_short: set[str] = set()
        self.pending: list[tuple[Mention, int, int]] = []
        self.speakers: set[str] = set()  # one-word KB names used as a speaker's name
        # id(mention) -> (mention, ids): a name several organizations bear ("PSA")
        self.alternatives: dict[int, tuple[Mention, list[str]]] = {}

    def free(self, i: int, j: int) -> bool:
        """Whether no mention has claimed tokens i..j."""
        return all(self.owner[k] is None for k in range(i, j + 1))

    def add(self, i: int, j: int, m: Mention) -> Mention:
        """Record ``m`` as the owner of tokens i..j."""
        self.mentions.append(m)
        self.spans[id(m)] = (i, j)
        for k in range(i, j + 1):
            self.owner[k] = m
        if m.label == "ORG" and m.org_id and m.kind in ("name", "brand"):
            self.seen_ids.add(m.org_id)
        return m

    def remove(self, m: Mention) -> None:
        """Drop ``m`` and release its tokens."""
        i, j = self.spans.pop(id(m))
        self.mentions.remove(m)
        for k in range(i, j + 1):
            if self.owner[k] is m:
                self.owner[k] = None

    def claim_over(self, i: int, j: int, m: Mention) -> bool:
        """Add ``m`` over tokens i..j, replacing shorter ORG mentions lying inside it."""
        inside = {id(o): o for o in self.owner[i:j + 1] if o is not None}
        for o in inside.values():
            a, b = self.spans[id(o)]
            if a < i or b > j or o.label != "ORG" or (a, b) == (i, j):
                return False
        for o in inside.values():
            self.remove(o)
        self.add(i, j, m)
        return True

    def same_sentence(self, i: int, j: int) -> bool:
        """Whether tokens i and j both exist and lie in one sentence."""
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) and self.toks[i].sent == self.toks[j].sent
