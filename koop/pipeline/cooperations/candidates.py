"""Candidate pairs of organizations and what the pair classifier reads about them.

Every two organizations an article names are a candidate (a pair the article
never puts near each other rarely cooperates, and the features say how near
they are). Each candidate carries its contexts: the sentences naming both, the
pairs of neighbouring sentences naming one each, and what the rule engine
concluded about the pair. ``features`` turns a candidate into the named
features the linear models weigh (strings with values, one namespace each).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from ...article import Article, Cooperation, Mention
from ...kb import KnowledgeBase
from ...names import fold, strip_legal
from .cues import EXCLUDE, LABOR, NAMED_AS, NEGATION, STATUS_CUES, TRIGGERS, WEAK
from .triggers import labor_talks, negated_trigger, unnamed_partners

_OPEN_QUOTE = "„“\"»«‚'"
_CLOSE_QUOTE = "“”\"«»‘'"

_WORD = re.compile(r"\w+", re.U)
_MAX_BETWEEN = 12
STOP = frozenset(
    "der die das den dem des ein eine einer einen einem und oder mit von zu im in am an auf für ist sind "
    "wird werden hat haben sich nicht auch als bei nach aus so wie es er sie wir ihr dass the a an and "
    "or of to in on at for is are was were be been has have had it its that this with by as from".split())


@dataclass
class Candidate:
    """Two organizations of one article and where the article names them."""

    a: str
    b: str
    sents_a: list[int]
    sents_b: list[int]
    mentions_a: list[Mention]
    mentions_b: list[Mention]
    rule: Cooperation | None = None
    both: list[int] = field(default_factory=list)  # sentences naming both

    @property
    def key(self) -> frozenset:
        return frozenset((self.a, self.b))


def org_mentions(a: Article) -> dict[str, list[Mention]]:
    """The article's organization mentions by organization, in text order."""
    out: dict[str, list[Mention]] = {}
    for m in a.mentions:
        if m.label == "ORG" and m.org_id:
            out.setdefault(m.org_id, []).append(m)
    return out


def candidates(a: Article, rule_coops: list[Cooperation], max_orgs: int = 40) -> list[Candidate]:
    """All pairs of organizations the article names by name at least once."""
    by_org = org_mentions(a)
    named = [o for o, ms in by_org.items() if any(m.kind in ("name", "brand") for m in ms)]
    if len(named) > max_orgs:  # a list of 100 companies: keep the most mentioned
        named = sorted(named, key=lambda o: -len(by_org[o]))[:max_orgs]
    rule_of: dict[frozenset, Cooperation] = {}
    for c in rule_coops:
        for x, y in combinations([i for i in c.party_ids if i], 2):
            rule_of.setdefault(frozenset((x, y)), c)
    # the contract: a venture's own name is no party of its founders' cooperation
    ventures = {fold(c.name): set(c.party_ids) for c in rule_coops if c.name}
    founders_of = {o: ventures.get(fold(strip_legal(by_org[o][0].text) or by_org[o][0].text), set())
                   for o in named}
    out = []
    for x, y in combinations(sorted(named, key=lambda o: by_org[o][0].start), 2):
        if y in founders_of[x] or x in founders_of[y]:
            continue
        sx = sorted({m.sent for m in by_org[x]})
        sy = sorted({m.sent for m in by_org[y]})
        out.append(Candidate(x, y, sx, sy, by_org[x], by_org[y], rule_of.get(frozenset((x, y))),
                             sorted(set(sx) & set(sy))))
    return out


class ArticleFacts:
    """What each sentence of one article holds, worked out once however many candidate
    pairs read it: its text, its triggers and the features that do not depend on the pair."""

    def __init__(self, a: Article, lang: str, rule_coops: list[Cooperation] = ()) -> None:
        self.a = a
        self.lang = lang
        self._sentences: dict[int, tuple[str, list[re.Match], dict[str, float]]] = {}
        # where the rule engine found cooperations, and whom it paired: a pair it left out of
        # a sentence where it paired others is most often a bystander ("sold by Intel, Samsung
        # and a venture of Siemens and Philips")
        starts = {x.start: k for k, x in enumerate(a.sentences)}
        self.rule_sents: set[int] = set()
        self.rule_orgs: set[str] = set()
        for c in rule_coops:
            self.rule_orgs.update(i for i in c.party_ids if i)
            self.rule_sents.update(starts[s] for s, _e in c.evidence_spans if s in starts)

    def sentence(self, s: int) -> tuple[str, list[re.Match], dict[str, float]]:
        hit = self._sentences.get(s)
        if hit is None:
            sent = self.a.sentences[s]
            text = self.a.text[sent.start:sent.end]
            trig = list(TRIGGERS[self.lang].finditer(text))
            hit = self._sentences[s] = (text, trig, _sentence_only(self.a, s, text, trig, self.lang))
        return hit

    def triggers(self, s: int) -> list[re.Match]:
        return self.sentence(s)[1]


def _bucket(n: int, edges=(0, 1, 2, 3, 5, 8, 13, 21)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "more"


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def best_sentence(facts: ArticleFacts, c: Candidate) -> int | None:
    """The sentence naming both that most looks like a cooperation: one with a trigger first."""
    if not c.both:
        return None
    return next((s for s in c.both if facts.triggers(s)), c.both[0])


def _sentence_only(a: Article, s: int, text: str, trig: list[re.Match], lang: str) -> dict[str, float]:
    """The features of a sentence whatever pair it names."""
    f: dict[str, float] = {"trigger": 1.0 if trig else 0.0}
    for t in trig[:4]:
        word = t.group().lower()
        f[f"trig={word[:14]}"] = 1.0
        if not WEAK[lang].search(word):
            f["strong_trigger"] = 1.0
    if EXCLUDE[lang].search(text):
        f["exclude"] = 1.0
    if NEGATION[lang].search(text):
        f["negation"] = 1.0
    if LABOR[lang].search(text):
        f["labor"] = 1.0
    if trig:  # the rule engine's own vetoes of a trigger sentence
        if unnamed_partners(text, trig, lang):
            f["unnamed_partners"] = 1.0  # "mit verschiedenen Herstellern"
        if labor_talks(text, trig, lang):
            f["labor_talks"] = 1.0
        if negated_trigger(text, trig, lang):
            f["negated_trigger"] = 1.0
    for status, rx in STATUS_CUES[lang]:
        if rx.search(text):
            f[f"cue={status}"] = 1.0
    orgs = {m.org_id for m in a.mentions if m.sent == s and m.label == "ORG" and m.org_id}
    f[f"orgs={_bucket(len(orgs))}"] = 1.0
    for w in set(_words(text)) - STOP:
        f[f"w={w}"] = 0.5
    if s == 0:
        f["headline"] = 1.0
    elif s <= 2:
        f["lead"] = 1.0
    return f


def _pair_in_sentence(facts: ArticleFacts, c: Candidate, s: int, f: dict[str, float]) -> None:
    """The features of where and how the sentence names the two."""
    a = facts.a
    sent = a.sentences[s]
    _text, trig, own = facts.sentence(s)
    f.update(own)
    ma = next(m for m in c.mentions_a if m.sent == s)
    mb = next(m for m in c.mentions_b if m.sent == s)
    first, second = (ma, mb) if ma.start <= mb.start else (mb, ma)
    between = a.text[first.end:second.start]
    bw = _words(between)
    f[f"dist={_bucket(len(bw))}"] = 1.0
    if len(bw) <= _MAX_BETWEEN:
        for w in bw:
            if w not in STOP:
                f[f"btw={w}"] = 1.0
        f[f"btw_n={len(bw)}"] = 1.0
        if bw in (["und"], ["and"], ["sowie"]) or between.strip() in ("/", "-", "&", ","):
            f["coordinated"] = 1.0
    if re.search(r"\b(mit|with|zwischen|between)\s+(?:\w+\s+){0,3}$", a.text[sent.start:second.start], re.I):
        f["with_slot"] = 1.0
    for t in trig[:4]:  # where the trigger stands: between the two names, before or after both
        pos = sent.start + t.start()
        where = "between" if first.end <= pos < second.start else "before" if pos < first.start else "after"
        f[f"trig_{where}"] = 1.0
    for side, m in (("1", first), ("2", second)):  # the words right around each name ("US-Partner Pfizer")
        for w in _words(a.text[max(sent.start, m.start - 30):m.start])[-2:]:
            f[f"pre{side}={w}"] = 1.0
        for w in _words(a.text[m.end:min(sent.end, m.end + 30)])[:2]:
            f[f"post{side}={w}"] = 1.0


def features(facts: ArticleFacts, c: Candidate, kb: KnowledgeBase) -> dict[str, float]:
    """The named features of one candidate pair."""
    a, lang = facts.a, facts.lang
    f: dict[str, float] = {"bias": 1.0}
    if c.rule is not None:
        f["rule"] = 1.0
        f[f"rule_status={c.rule.status}"] = 1.0
        f["rule_conf"] = c.rule.confidence
        f[f"rule_parties={_bucket(len(c.rule.parties))}"] = 1.0
    f[f"cosent={_bucket(len(c.both))}"] = 1.0
    near = min((abs(i - j) for i in c.sents_a for j in c.sents_b), default=99)
    f[f"near={_bucket(near)}"] = 1.0
    f[f"freq_a={_bucket(len(c.mentions_a))}"] = 1.0
    f[f"freq_b={_bucket(len(c.mentions_b))}"] = 1.0
    f[f"freq_min={_bucket(min(len(c.mentions_a), len(c.mentions_b)))}"] = 1.0
    for side, ms, oid in (("a", c.mentions_a, c.a), ("b", c.mentions_b, c.b)):
        kinds = {m.kind for m in ms}
        for k in kinds:
            f[f"kind={k}"] = 1.0
        org = kb.orgs.get(oid)
        f[f"type={org.type if org else 'unlinked'}"] = 1.0
    if any(_named_as(a, m) for m in c.mentions_a + c.mentions_b):
        f["venture_name"] = 1.0  # "unter dem Namen X", als „X“: the venture, not a party
    na = {m.text.lower() for m in c.mentions_a if m.kind == "name"}
    nb = {m.text.lower() for m in c.mentions_b if m.kind == "name"}
    if any(x in y or y in x for x in na for y in nb):
        f["name_overlap"] = 1.0  # "Siemens" and "Siemens Energy": often one group
    if c.rule is None:
        if set(c.both) & facts.rule_sents:
            f["rule_sentence_other_pair"] = 1.0
        paired = (c.a in facts.rule_orgs) + (c.b in facts.rule_orgs)
        f[f"rule_paired_elsewhere={paired}"] = 1.0
    s = best_sentence(facts, c)
    if s is not None:
        _pair_in_sentence(facts, c, s, f)
        with_trigger = sum(1 for other in c.both if facts.triggers(other))
        f[f"trigger_sentences={_bucket(with_trigger)}"] = 1.0
    else:
        pairs = [(i, j) for i in c.sents_a for j in c.sents_b if abs(i - j) == 1]
        if pairs:
            i, j = pairs[0]
            text = a.text[a.sentences[min(i, j)].start:a.sentences[max(i, j)].end]
            f["adjacent"] = 1.0
            if TRIGGERS[lang].search(text):
                f["adj_trigger"] = 1.0
            if EXCLUDE[lang].search(text):
                f["adj_exclude"] = 1.0
    return f


def _named_as(a: Article, m: Mention) -> bool:
    """A name the article gives something ("called X", als „X“), often a venture's own."""
    before = a.text[max(0, m.start - 24):m.start]
    if NAMED_AS.search(before):
        return True
    quoted = before.rstrip()[-1:] in _OPEN_QUOTE and a.text[m.end:m.end + 1] in _CLOSE_QUOTE
    return quoted and bool(re.search(r"\b(als|as|called|namens|name)\s*\S?$", before, re.I))


def evidence_sentences(facts: ArticleFacts, c: Candidate) -> list[int]:
    """The sentences to show for a cooperation: the rule engine's, else those naming both
    (one with a trigger first), else the nearest neighbouring pair."""
    a = facts.a
    if c.rule is not None and c.rule.evidence_spans:
        starts = {s.start: k for k, s in enumerate(a.sentences)}
        found = [starts[s] for s, _e in c.rule.evidence_spans if s in starts]
        if found:
            return found
    best = best_sentence(facts, c)
    if best is not None:
        return [best] + [s for s in c.both if s != best][:2]
    near = sorted(((abs(i - j), min(i, j), max(i, j)) for i in c.sents_a for j in c.sents_b))
    return sorted({near[0][1], near[0][2]}) if near else []

