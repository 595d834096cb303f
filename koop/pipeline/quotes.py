"""Finds quotations and who said them.

Quotation marks: „…“ „…” ‚…‘ »…« «…» ›…‹ “…” ‘…’ ‘…‘ and straight "…". A
quote may run over several sentences of a paragraph; one left open at the end
of a paragraph continues when the next paragraph opens a quote again (the
English convention for long quotes). A quote whose opening mark is missing at
the start of a paragraph ("… unser Ziel“, sagte X) starts at the paragraph.

Kept are quotes of at least ``min_words`` words that are not titles (1–5
capitalized words such as ‘Capital‘ or „Das Erwachen der Macht“). A *direct*
quote (at a paragraph or sentence start, after ":" or ",") is kept even
without a known speaker; a *fragment* embedded in a sentence ('… seien „die
Zukunft“', 'expects "excellent results"') only when the sentence attributes it
to a speaker.

The speaker is a PER mention in the attribution after the quote ("…“, sagte
Leica-Chef Oliver Kaltner", '," said John Smith', '" Smith said', "so
Kaufmann") or before it ("Kaufmann sagte: „…“"), a subject pronoun ("sagte
er", "he said") that refers back to the last person named as a subject or
speaker (else the last person named), or a definite role noun ("sagte der
Leica-Chef") that refers back to the person with that role. A quote followed
by a comma but by no attribution ('„Verein für …“, eine Initiative der …') is
a name, not speech, and is dropped.
A direct quote without one keeps the speaker of the quote right before it in
the same or the previous paragraph, unless somebody else is named in between.
Speakers are reported by full name ("Kaufmann" -> "Andreas Kaufmann").
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..article import Article, Quote
from ..registry import register_stage
from . import lexicon as lx
from .people.roles import role_lexicon
from .people.words import TOKEN

# opening mark -> closing marks
PAIRS = {
    "„": "“”‟\"",
    "‚": "‘’",
    "»": "«",
    "«": "»",
    "›": "‹",
    "‹": "›",
    "“": "”“",
    "‘": "’‘",
    '"': '"',
}
_SINGLE = set("‚‘’›‹")
_ALWAYS_OPEN = set("„‚")
_ORPHAN_CLOSERS = {"de": set("“”\"«»"), "en": set("”\"")}
_MARKS = re.compile("[„“”‟‚‘’»«›‹\"]")
_OPEN_BEFORE = set("([{/–—-:;,.!?") | set(PAIRS) | set("“”’«»‹›")
_DIRECT_BEFORE = set(".!?:;,–—-(") | set("“”‟’«»‹›\"")
_WORD = re.compile(r"\w+")
_TITLE_WORD = re.compile(r"[\w'’.&-]+")
_COMMA_AFTER = re.compile(r"\s*,")
_SENTENCE_PUNCT = re.compile(r"[,;:!?]|\.\s*$")
_PARAGRAPH = re.compile(r"[^\n]+")
_LOWER_WORD = re.compile(r"(?<![\w'’.-])[a-zäöüß]")


@lru_cache(maxsize=1)
def load_quote_cues() -> dict[str, Any]:
    """The speech cues shipped as ``koop/data/quote_cues.json``."""
    return lx.speech_cues()


@dataclass(slots=True)
class _Cand:
    """A quotation found by the scanner, before filtering and attribution."""

    open: int          # offset of the opening mark (or of the text when the mark is missing)
    close_end: int     # offset after the closing mark (paragraph end when left open)
    start: int         # quoted text
    end: int
    par: int           # paragraph number
    par_start: int
    par_end: int
    open_end: bool = False
    direct: bool = True
    speaker: str | None = None
    keep: bool = True


@dataclass(slots=True)
class _Speaker:
    pos: int
    end: int
    name: str | None
    kind: str  # "per", "pron", "role"


class QuoteFinder:
    """Scans quotation marks and attributes speakers (built once per stage).

    Args:
        min_words (int): shortest quote kept, in words.
    """

    def __init__(self, min_words: int = 3, cues: dict[str, Any] | None = None) -> None:
        cues = cues or load_quote_cues()
        self.min_words = min_words
        self.cue: dict[str, re.Pattern] = {}
        self.cue_after: dict[str, re.Pattern] = {}
        self.cue_before: dict[str, re.Pattern] = {}
        self.pron: dict[str, re.Pattern] = {}
        self.article_words: dict[str, set[str]] = {}
        for lang in ("de", "en"):
            alts = []
            for v in sorted(cues["verbs"][lang], key=len, reverse=True):
                if v == "so":
                    alts.append(r",\s*so")
                else:
                    alts.append(r"\s+".join(re.escape(w) for w in v.split()))
            self.cue[lang] = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(alts), re.IGNORECASE)
            # a speech verb right after or right before a name: "Reagan said", "sagte Leica-Chef X"
            self.cue_after[lang] = re.compile(r"\s+(?:[\w.'’-]+\s+)?(?:%s)(?!\w)" % "|".join(alts),
                                              re.IGNORECASE)
            self.cue_before[lang] = re.compile(
                r"(?<!\w)(?:%s)\s+(?:[\w.'’-]+\s+){0,2}\Z" % "|".join(alts), re.IGNORECASE)
            self.pron[lang] = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(cues["pronouns"][lang]),
                                         re.IGNORECASE)
            self.article_words[lang] = {w.lower() for w in cues["definite_articles"][lang]}
        self.function_words = {w.lower() for w in cues["title_function_words"]}
        self.v2 = re.compile(r"\s*,\s*[a-zäöüß]+\s+$")

    # -- scanning ------------------------------------------------------------
    @staticmethod
    def _opens(text: str, pos: int, ch: str, ps: int, pe: int) -> bool:
        nxt = text[pos + 1] if pos + 1 < pe else " "
        if nxt.isspace():
            return False
        if ch in _ALWAYS_OPEN:
            return True
        prev = text[pos - 1] if pos > ps else " "
        return prev.isspace() or prev in _OPEN_BEFORE

    @staticmethod
    def _closes(text: str, pos: int, ch: str, opener: str, ps: int, pe: int) -> bool:
        prev = text[pos - 1] if pos > ps else " "
        nxt = text[pos + 1] if pos + 1 < pe else " "
        if ch in _SINGLE or ch == '"' or opener == "“":
            return not prev.isspace() and not nxt.isalnum()
        return not (prev.isspace() and nxt.isalnum())

    def scan(self, text: str, lang: str) -> list[_Cand]:
        """All quotation spans of ``text``, paragraph by paragraph."""
        orphans = _ORPHAN_CLOSERS.get(lang, _ORPHAN_CLOSERS["de"])
        pars = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
        marks_all = [(m.start(), m.group()) for m in _MARKS.finditer(text)]
        mark_pos = [p for p, _ in marks_all]
        out: list[_Cand] = []
        for pi, (ps, pe) in enumerate(pars):
            marks = marks_all[bisect_left(mark_pos, ps):bisect_left(mark_pos, pe)]
            disabled: set[int] = set()
            found_any = False
            i, cur = 0, None  # cur: (pos, ch, index)
            while i < len(marks):
                pos, ch = marks[i]
                if cur is None:
                    if pos not in disabled and ch in PAIRS and self._opens(text, pos, ch, ps, pe):
                        cur = (pos, ch, i)
                        found_any = True
                    elif (not found_any and ch in orphans and pos > ps and not text[pos - 1].isspace()
                          and (text[pos - 1] == "," or _COMMA_AFTER.match(text, pos + 1, pos + 4))):
                        start = ps + len(text[ps:pos]) - len(text[ps:pos].lstrip(" \t–—-•"))
                        out.append(_Cand(start, pos + 1, start, pos, pi, ps, pe))
                        found_any = True
                elif ch in PAIRS[cur[1]] and pos > cur[0] + 1 and self._closes(text, pos, ch, cur[1], ps, pe):
                    out.append(_Cand(cur[0], pos + 1, cur[0] + 1, pos, pi, ps, pe))
                    cur = None
                i += 1
                if i == len(marks) and cur is not None:
                    nxt_par = pars[pi + 1] if pi + 1 < len(pars) else None
                    head = text[nxt_par[0]:nxt_par[1]].lstrip()[:1] if nxt_par else ""
                    if head and head in PAIRS:  # a quote running on into the next paragraph
                        out.append(_Cand(cur[0], pe, cur[0] + 1, pe, pi, ps, pe, open_end=True))
                    else:  # an unmatched mark: scan on as if it were not there
                        disabled.add(cur[0])
                        i = cur[2] + 1
                    cur = None
        for c in out:  # trim spaces inside the marks, and the comma of '"…," he said'
            seg = text[c.start:c.end]
            c.start += len(seg) - len(seg.lstrip())
            c.end -= len(seg) - len(seg.rstrip(" \t,;"))
        return out

    def is_title(self, s: str) -> bool:
        """1–5 capitalized words without sentence punctuation: a name or title, not a quote."""
        if _SENTENCE_PUNCT.search(s):
            return False
        words = _TITLE_WORD.findall(s)
        if not words or len(words) > 5 or not (words[0][0].isupper() or words[0][0].isdigit()):
            return False
        return all(w[0].isupper() or w[0].isdigit() or w.lower() in self.function_words for w in words)

    # -- speakers ------------------------------------------------------------
    def _candidates(self, article: Article, lo: int, hi: int, ctx: "_Ctx") -> list[_Speaker]:
        if hi <= lo:
            return []
        text = article.text
        out: list[_Speaker] = []
        i = bisect_left(ctx.per_starts, lo)
        while i < len(ctx.pers) and ctx.pers[i][0] < hi:
            s, e, name = ctx.pers[i]
            out.append(_Speaker(s, e, name, "per"))
            i += 1
        for m in self.pron[ctx.lang].finditer(text, lo, hi):
            out.append(_Speaker(m.start(), m.end(), self.antecedent(ctx, m.start()), "pron"))
        if not out:
            toks = [(x.start(), x.end(), x.group()) for x in TOKEN.finditer(text, lo, hi)]
            for k, t in enumerate(toks[:-1]):
                if t[2].lower() in self.article_words[ctx.lang]:
                    hit = ctx.lex.match_start(toks, k + 1)
                    if hit:
                        end = toks[hit[0] - 1][1]
                        out.append(_Speaker(t[0], end, ctx.person_with_role(hit[1], hit[2], t[0]), "role"))
        out.sort(key=lambda sp: sp.pos)
        return out

    def antecedent(self, ctx: "_Ctx", pos: int, window: int = 2500) -> str | None:
        """The person a pronoun at ``pos`` refers to: the latest one named as a subject or
        speaker (at the start of a sentence, or next to a speech verb) within ``window``
        characters, else the latest one named at all."""
        i = bisect_left(ctx.per_starts, pos) - 1
        if i < 0:
            return None
        for k in range(i, -1, -1):
            s, e, name = ctx.pers[k]
            if pos - s > window:
                break
            if ctx.salient(k, self):
                return name
        return ctx.pers[i][2]

    def _after(self, article: Article, lo: int, hi: int, ctx: "_Ctx") -> _Speaker | None:
        """Speaker named after the quote: '…“, sagte X', '," X said', ', so X'."""
        text = article.text
        cands = self._candidates(article, lo, hi, ctx)
        if not cands:
            return None
        c = cands[0]
        if len(_WORD.findall(text, lo, c.pos)) > 6:
            return None
        if self.cue[ctx.lang].search(text, lo, min(hi, c.end + 60)):
            return c
        if ctx.lang == "de" and self.v2.match(text[lo:c.pos]) and c.kind != "role":
            return c  # "„…“, lacht Maria": any verb right after the comma
        return None

    def _nearest_to_cue(self, text: str, cands: list[_Speaker], lo: int, hi: int,
                        lang: str) -> _Speaker | None:
        cues = [m.start() for m in self.cue[lang].finditer(text, lo, hi)]
        if not cues:
            return None
        return min(cands, key=lambda sp: (min(abs(sp.pos - q) for q in cues), sp.pos))

    def _before(self, article: Article, lo: int, hi: int, ctx: "_Ctx") -> _Speaker | None:
        """Speaker named before the quote: 'Kaufmann sagte: „…“', 'Tsipras: "…"'."""
        text = article.text
        stripped = text[lo:hi].rstrip()
        if not stripped or stripped[-1] not in ":,":
            return None
        cands = self._candidates(article, lo, hi, ctx)
        if not cands:
            return None
        best = self._nearest_to_cue(text, cands, lo, hi, ctx.lang)
        if best is None and stripped[-1] == ":" and text[cands[-1].end:hi].strip() == ":":
            best = cands[-1]  # "Tsipras: „…“"
        return best

    def _fragment(self, article: Article, q: _Cand, lo: int, hi: int, ctx: "_Ctx") -> _Speaker | None:
        """Speaker of a quote embedded in a sentence: needs a speech cue in that sentence."""
        text = article.text
        cands = [c for c in self._candidates(article, lo, q.open, ctx)
                 + self._candidates(article, q.close_end, hi, ctx)]
        if not cands:
            return None
        cues = [m.start() for m in self.cue[ctx.lang].finditer(text, lo, q.open)]
        cues += [m.start() for m in self.cue[ctx.lang].finditer(text, q.close_end, hi)]
        if not cues:
            return None
        return min(cands, key=lambda sp: (min(abs(sp.pos - x) for x in cues), sp.pos))

    # -- main ----------------------------------------------------------------
    def find(self, article: Article) -> list[Quote]:
        """Quotes of ``article`` with their speakers.

        Args:
            article (Article): segmented, with PER mentions and the people stage's
                ``person_clusters`` (who each PER mention is, and their roles).
        RETURNS (list[Quote]): in text order.
        """
        text = article.text
        lang = "en" if article.lang == "en" else "de"
        cands = self.scan(text, lang)
        if not cands:
            return []
        for q in cands:
            qtext = text[q.start:q.end]
            if len(_WORD.findall(qtext)) < self.min_words or self.is_title(qtext):
                q.keep = False
                continue
            before = text[q.par_start:q.open].rstrip()
            q.direct = q.open == q.start or not before or before[-1] in _DIRECT_BEFORE
        kept = [q for q in cands if q.keep]
        if not kept:
            return []
        ctx = _Ctx(article, kept, lang)
        for q in kept:
            s_lo, s_hi = ctx.sentence_bounds(q.open, max(q.open, q.close_end - 1))
            prev_end = max((p.close_end for p in kept if p.par == q.par and p.close_end <= q.open),
                           default=q.par_start)
            next_open = min((p.open for p in kept if p.par == q.par and p.open >= q.close_end),
                            default=q.par_end)
            lo, hi = max(s_lo, prev_end, q.par_start), min(s_hi, next_open, q.par_end)
            if q.direct:
                sp = self._after(article, q.close_end, hi, ctx) or self._before(article, lo, q.open, ctx)
                if (sp is None and (_COMMA_AFTER.match(text, q.close_end) or "," in text[q.end:q.close_end])
                        and not self.cue[lang].search(text, q.close_end, min(hi, q.close_end + 80))):
                    q.keep = False  # '"Verein für …", eine Initiative der …': a name, not speech
                    continue
            else:
                sp = self._fragment(article, q, lo, hi, ctx)
                if sp is None or sp.name is None:
                    q.keep = False
                    continue
            q.speaker = sp.name if sp else None
        kept = [q for q in kept if q.keep]
        for k in range(1, len(kept)):  # a quote right after a quote keeps its speaker
            q, p = kept[k], kept[k - 1]
            if q.speaker is None and q.direct and p.speaker and self._continues(p, q, ctx):
                q.speaker = p.speaker
        for k in range(len(kept) - 2, -1, -1):  # a long quote's first paragraphs
            q, n = kept[k], kept[k + 1]
            if q.speaker is None and q.open_end and n.speaker and n.par == q.par + 1:
                q.speaker = n.speaker
        return [Quote(q.speaker, text[q.start:q.end], q.start, q.end) for q in kept]

    @staticmethod
    def _continues(p: _Cand, q: _Cand, ctx: "_Ctx") -> bool:
        if not (q.par == p.par or (q.par == p.par + 1 and q.open == q.par_start + (
                len(ctx.text[q.par_start:q.open]) - len(ctx.text[q.par_start:q.open].lstrip())))):
            return False
        i = bisect_right(ctx.per_starts, p.close_end - 1)
        while i < len(ctx.pers) and ctx.pers[i][0] < q.open:
            if ctx.pers[i][2] != p.speaker:
                return False
            i += 1
        return True


class _Ctx:
    """Per-article lookups for attribution: PER mentions outside quotes, sentences, roles."""

    def __init__(self, article: Article, cands: list[_Cand], lang: str) -> None:
        self.text = article.text
        self.article = article
        self.lang = lang
        self.lex = role_lexicon(lang)
        self.people = article.person_clusters
        name_of = {span: c.name for c in self.people for span in c.spans}
        spans = [(c.start, c.end) for c in cands]
        pers = []
        for m in article.mentions:
            if m.label != "PER" or any(s <= m.start and m.end <= e for s, e in spans):
                continue
            pers.append((m.start, m.end, name_of.get((m.start, m.end)) or m.text))
        pers.sort()
        self.pers = pers
        self.per_starts = [p[0] for p in pers]
        self._salient: dict[int, bool] = {}

    def salient(self, k: int, finder: QuoteFinder) -> bool:
        """PER mention k is a subject or speaker: sentence-initial (after capitalized words
        only) or next to a speech verb with no punctuation in between."""
        if k in self._salient:
            return self._salient[k]
        s, e, _ = self.pers[k]
        lo, _hi = self.sentence_bounds(s, s)
        text = self.text
        ok = (not _LOWER_WORD.search(text, max(lo, s - 200), s)
              or bool(finder.cue_after[self.lang].match(text, e))
              or bool(finder.cue_before[self.lang].search(text, max(lo, s - 60), s)))
        self._salient[k] = ok
        return ok

    def person_with_role(self, role: str, prefix: str, pos: int) -> str | None:
        best, best_pos = None, -1
        for c in self.people:
            if c.role is None or c.role != role:
                continue
            if prefix and c.role_org and prefix.rpartition("-")[2].lower() not in c.role_org.lower():
                continue
            before = [s for s, _ in c.spans if s < pos]
            if before and max(before) > best_pos:
                best, best_pos = c.name, max(before)
        return best

    def sentence_bounds(self, a: int, b: int) -> tuple[int, int]:
        sents = self.article.sentences
        if not sents:
            return 0, len(self.text)
        return sents[self.article.sentence_at(a)].start, sents[self.article.sentence_at(b)].end


@register_stage("koop.quotes.v1", requires=("mentions", "person_clusters"), assigns=("quotes",),
                default_config={"min_words": 3})
def make_quotes(min_words: int = 3):
    """Stage: fill ``article.quotes``.

    Args:
        min_words (int): shortest quote kept, in words.
    RETURNS (Callable[[Article], Article]): the stage.
    """
    finder = QuoteFinder(min_words=min_words)

    def quotes(article: Article) -> Article:
        article.quotes = finder.find(article)
        return article

    return quotes
