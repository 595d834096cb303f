"""Finds cooperations between named organizations (spec/COOPERATIONS.md).

Per sentence: a trigger (noun, verb or idiom of cooperation) makes the
sentence a candidate; parties come from the organization mentions around it
(coordinations "X und Y", partner slots "mit X" / "with X" / "between X and
Y"); a sentence that only refers back ("Die Kooperation ...", "Diese
Gespräche ...") updates the cooperation found just before. Status comes from
cue words (the table in the spec) with negation and modality; ``since`` from
"seit"/"since"/"gegründet" dates. Observations of the same set of parties
merge into one cooperation whose status is the latest stage reported.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

from ..article import Article, Cooperation, Mention
from ..kb import default_kb, fold
from ..registry import register_stage


def _rx(*parts: str) -> re.Pattern:
    return re.compile("|".join(parts), re.I)


TRIGGERS = {
    "de": _rx(
        r"\b(?:gründe\w*|gegründet)\b.{0,40}\b(?:firma|gesellschaft|unternehmen|tochter)\s+mit\b",
        r"\bkooperation\w*", r"\bkooperier\w*", r"\baustauschprogramm\w*", r"\bforschungsprojekt\w* mit\b", r"\bzusammenarbeit\w*", r"\bpartnerschaft\w*",
        r"\b\w*partner(?:in|s|n)?\b", r"\ballianz\b", r"\ballianzen\b", r"\bjoint[- ]venture\w*",
        r"\bgemeinschaftsunternehmen\w*", r"\bbündnis\w*", r"\bkonsortium\w*",
        r"\bgemeinsame\w* sache", r"\ban der seite (?:von|des|der)\b", r"\bgemeinsam(?:e[mnrs]?)?\b",
        r"\barbeite[nt]?\b.{0,80}\bzusammen\b", r"\bzusammen(?:geschlossen|schließen|tun|getan)\b",
        r"\bschulterschluss\b", r"\bverbünde\w*", r"\bmitveranstalt\w*", r"\bmitbegründ\w*",
        r"\bgespräche?n?\b", r"\bverhande?l\w*", r"\bgesprochen\b",
        r"\bspannen\b.{0,60}\bzusammen\b", r"\btun sich\b.{0,60}\bzusammen\b",
        r"\bentwickeln\b.{0,40}\bgemeinsam\b", r"\bkooperationsvertrag\w*", r"\balliance\b",
        r"\bgegründet\b", r"\bgründe(?:n|te|ten)\b",
        r"\bins boot\b", r"\bkräfte\b.{0,20}\bbündel\w*", r"\bbündel\w*\b.{0,40}\bkräfte\b", r"\bpakt\b",
    ),
    "en": _rx(
        # longest first: at one position the first alternative wins
        r"\b(?:form|set up|establish|create|launch)(?:s|ed|ing)?\s+(?:a|an)\s+(?:[\w\-]+\s+){0,3}?"
        r"(?:company|bank|firm|fund|unit|operation|subsidiary|group|entity|venture|partnership|alliance)\s+with\b",
        r"\bpartnership\w*", r"\bpartner(?:s|ed|ing)?\b", r"\bexchange program\w*", r"\bjoint[- ]venture\w*", r"\bventure\b",
        r"\balliances?\b", r"\bco-?operat\w*", r"\bcollaborat\w*", r"\bteam(?:s|ed)? up\b",
        r"\bjointly\b", r"\bjoint\b", r"\bconsortium\b", r"\bjoin(?:s|ed)? forces\b", r"\btie-?up\b",
        r"\btalks\b", r"\bnegotiat\w*", r"\bdiscussions\b", r"\bwork(?:s|ed|ing)? together\b",
        r"\bco-?develop\w*", r"\btogether with\b", r"\bpact\b", r"\blink(?:s|ed)? up\b", r"\blinkup\b",
        r"\bjoin(?:s|ed)? hands\b", r"\bteam(?:s|ed)? with\b", r"\bco-?production\b", r"\bfounded\b", r"\bset up\b", r"\bformed\b",
        r"\b(?:agree(?:s|d)?|agreements?|letter of intent|accord|memorandum of understanding)\b.{0,60}"
        r"\bto (?:jointly |together )?(?:develop|market|produce|build|manufacture|research|design|explore|"
        r"cooperate|collaborate|work together)\b",
    ),
}
# Triggers that by themselves are weak: they need a clear party structure.
WEAK = {
    "de": _rx(r"^gemeinsam", r"^gespr", r"^pakt$", r"^verhande?l", r"partner(?:in|innen|s|n)?$", r"gründ", r"^austausch", r"^forschungsprojekt"),
    "en": _rx(r"^joint$", r"^venture$", r"^pact$", r"^exchange", r"^partner(?:s|ed|ing)?$", r"^talks$", r"^negotiat", r"^discussions$",
              r"^together with$", r"^jointly$", r"^founded$", r"^set up$", r"^formed$"),
}
# Relations that are not cooperations (spec: acquisitions, stakes, lawsuits, competition).
EXCLUDE = {
    "de": _rx(r"\bübernahme\w*", r"\bübernimm\w*", r"\bübernehmen\b", r"\bübernommen\b",
              r"\bkauft\w*", r"\bgekauft\b", r"\bakquisition\w*", r"\bbeteiligung\w*",
              r"\banteile?\b", r"\bfusion\w*", r"\bklage\w*", r"\bverklagt\w*", r"\bkonkurren\w*",
              r"\bwettbewerb\w*", r"\bkredit\w*", r"\bdarlehen\w*"),
    "en": _rx(r"\bacqui\w*", r"\btakeover\w*", r"\bbuy(?:s|ing)?\b", r"\bbought\b",
              r"\bpurchas\w*", r"\bstake\b", r"\bmerger\w*", r"\bmerge\b", r"\bsu(?:e|es|ed|ing)\b",
              r"\blawsuit\w*", r"\bcompet\w*", r"\bloan\w*", r"\bcredit\w*", r"\blend\w*",
              r"\btender offer\w*", r"\bbid\b", r"(?<!-)\bowned\b.{0,40}\bby\b"),
}
ANAPHORIC = {
    "de": _rx(r"\b(?:die|diese|der|dieser|den|dem)\s+(?:\w+\s+)?(?:kooperation|zusammenarbeit|partnerschaft|"
              r"gespräche|verhandlungen|allianz|gemeinschaftsunternehmen)\b", r"\beine kooperation\b"),
    "en": _rx(r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:partnership|venture|joint venture|alliance|talks|"
              r"cooperation|collaboration|agreement|deal)\b"),
}
STATUS_CUES = {
    "de": [
        ("failed", _rx(r"\bgescheitert\w*", r"\bscheiter\w*", r"\babgeblitzt\b", r"\bblitzte\w*\b.{0,60}\bab\b",
                       r"\babgelehnt\b", r"\blehnt\w*\b.{0,60}\bab\b", r"\bgeplatzt\b", r"\bplatzte\w*\b",
                       r"\babgesagt\b", r"\babgebrochen\b", r"\bohne einigung\b")),
        ("ended", _rx(r"\bbeendet\b", r"\bbeende[nt]\w*", r"\bendete[nt]?\b", r"\bzu ende\b", r"\beingestellt\b", r"\baufgekündigt\b", r"\bkündig\w*",
                      r"\bausgelaufen\b", r"\btrenn(?:en|t)\b.{0,40}\bsich\b", r"\bgetrennt\b",
                      r"\babgelöst\b", r"\bnicht mehr\b", r"\bauflösen\b", r"\baufgelöst\b",
                      r"\bzieh\w* sich\b.{0,40}\bzurück\b", r"\bverkaufen\b.{0,60}\banteil",
                      r"\bwar(?:en)? (?:lange|jahrelang|lange zeit|viele jahre)\b")),
        ("active", _rx(r"\bseit\b", r"\bbesteh\w*", r"\bbereits\b", r"\bweiterhin\b", r"\bimmer noch\b",
                       r"\bausgebaut\b", r"\bausbauen\b", r"\bausgeweitet\b", r"\bverlängert\b",
                       r"\blangjährig\w*", r"\bbisherig\w*", r"\bschon lange\b")),
        ("announced", _rx(r"\bvereinbar\w*", r"\bunterzeichne\w*", r"\bunterschrieben\b", r"\bgründen\b",
                          r"\bgegründet\b", r"\bgründete\w*", r"\bstarte[nt]?\b", r"\bgestartet\b",
                          r"\bjetzt\b", r"\bnun\b", r"\bkünftig\w*", r"\bin zukunft\b", r"\bbekannt\w*",
                          r"\bangekündigt\b", r"\bkündig\w* an\b", r"\beinig\w*\b", r"\bgeeinigt\b",
                          r"\bstellen\b.{0,60}\bvor\b", r"\bvorgestellt\b", r"\bschließen\b",
                          r"\bgeschlossen\b", r"\bbringen\b.{0,160}\bheraus\b", r"\berstellt\b",
                          r"\blanciert\b", r"\bneue[nrs]?\b", r"\bverständig\w*", r"\bbesiegel\w*",
                          r"\bist perfekt\b", r"\bunter dach und fach\b",
                          r"\b(?:verhandlungen|gespräche)\b.{0,60}\babgeschlossen\b", r"\bins boot\b",
                          r"\bbündel\w*", r"\bschulterschluss\b", r"\bspannen\b.{0,60}\bzusammen\b",
                          r"\btun sich\b.{0,60}\bzusammen\b")),
        ("talks", _rx(r"\bverhande?l\w*", r"\bgespräche?n?\b", r"\bgesprochen\b", r"\bsondier\w*",
                      r"\bim gespräch\b")),
        ("planned", _rx(r"\bwill\b", r"\bwollen\b", r"\bwollte\w*\b", r"\bmöchte\w*\b", r"\bplan\w*",
                        r"\bsucht\b", r"\bsuchen\b", r"\bstrebt\w*\b", r"\bprüf\w*", r"\boffen für\b",
                        r"\bdenkbar\b", r"\bvorstellbar\b", r"\binteressant\b", r"\bkönnte\w*\b",
                        r"\bwürde\w*\b", r"\bwäre\w*\b", r"\bsoll\w*\b", r"\babsicht\w*\b", r"\bziel\b",
                        r"\bgearbeitet wird\b", r"\barbeitet\w* an\b")),
    ],
    "en": [
        ("failed", _rx(r"\bfail\w*", r"\bcollaps\w*", r"\breject\w*", r"\bcalled off\b", r"\bbroke(?:n)? off\b",
                       r"\bbroke down\b", r"\babandon\w*", r"\bscrapp\w*", r"\bwithout (?:an )?agreement\b")),
        ("ended", _rx(r"\bend(?:s|ed)\b", r"\bterminat\w*", r"\bdissolv\w*", r"\bsplit\b", r"\bpull(?:ed)? out\b",
                      r"\bwithdr[ae]w\w*", r"\bsell (?:their|its) (?:combined )?\S* ?(?:pct )?stake\b",
                      r"\bdecided to sell\b", r"\bunwind\w*", r"\bno longer\b")),
        ("active", _rx(r"\bsince\b", r"\bexisting\b", r"\bongoing\b", r"\bextend\w*", r"\bexpand\w*",
                       r"\balready\b", r"\bcontinu\w*", r"(?<!-)\bowned\b", r"\bformed in\b", r"\bset up in\b",
                       r"\bestablished in\b", r"\bis a (?:partnership|joint venture)\b", r"\bbetween\b",
                       r"\bwas\b.{0,30}\bin \d{4}\b",
                       r"\bjoint\s+(?-i:[A-Z])[\w.&]*[-/](?-i:[A-Z])")),
        ("announced", _rx(r"\bagree\w*", r"\bsign\w*", r"\bform(?:s|ed|ing)?\b", r"\blaunch\w*",
                          r"\bteam(?:s|ed)? up\b", r"\bunveil\w*", r"\bannounc\w*", r"\bset up\b",
                          r"\bsets up\b", r"\bestablish\w*", r"\bentered into\b", r"\benter into\b",
                          r"\bhas entered\b", r"\bwill (?:form|set up|create|build|develop|make|produce|market)\b",
                          r"\bcreat\w*", r"\bfinalis\w*", r"\bfinaliz\w*", r"\bdeveloped in cooperation\b",
                          r"\bbegan operations\b", r"\bnew\b", r"\bis to form\b", r"\bto form\b",
                          r"\bwill\s+(?:jointly|together|co-?\w+)\b", r"\bstr(?:uck|ike)s?\b.{0,20}\bdeal\b",
                          r"\binked\b", r"\bclinch\w*", r"\bseal(?:s|ed)\b",
                          r"\b(?:complet|conclud|finish)\w*\s+(?:\w+\s+)?(?:talks|negotiations|discussions)\b",
                          r"\bteam(?:s|ed)? with\b", r"\blink(?:s|ed)? up\b", r"\bjoin(?:s|ed)? (?:hands|forces)\b",
                          r"\btie(?:s|d)? up\b")),
        ("talks", _rx(r"\btalks\b", r"\bnegotiat\w*", r"\bdiscussions\b", r"\bdiscussing\b")),
        ("planned", _rx(r"\bplan\w*", r"\bseek\w*", r"\bintend\w*", r"\bconsider\w*", r"\bexplor\w*",
                        r"\bwould\b", r"\bcould\b", r"\bmay\b", r"\bmight\b", r"\bproposed\b",
                        r"\bwants?\b", r"\bhopes?\b", r"\binterested\b", r"\bletter of intent\b",
                        r"\bpossible\b", r"\bpotential\b")),
    ],
}
NEGATION = {
    "de": _rx(r"\bkeine?[nmrs]?\b", r"\bnicht\b", r"\bnie\b", r"\bkein\b", r"\bweder\b"),
    "en": _rx(r"\bno\b", r"\bnot\b", r"\bnever\b", r"\bdenied\b", r"\bdeny\b", r"\bn't\b"),
}
# Where a media name only reports, it is not a party ("berichtet die Zeitschrift Capital").
REPORTING = {
    "de": _rx(r"\bbericht\w*\s+(?:\w+\s+){0,3}$", r"\blaut\s+(?:\w+\s+){0,3}$",
              r"\b(?:sagte|sagt|bestätigte|bestätigt|erklärte|meldete|teilte|so)\b.{0,60}\b(?:der|dem|den)\s+$",
              r"\bsagte\b.{0,60}$",
              r"\bgegenüber\s+(?:\w+\s+){0,2}$", r"\bdem\s+\w*(?:magazin|blatt|zeitung)\s*[‘'„\"]?$",
              r"\bzeitschrift\s*[„\"]?$", r"\bzeitung\s*[„\"]?$", r"\bmagazin\s*[„\"‘]?$",
              r"\bbranchenportal\s*$", r"\bnachrichtenagentur\s*$", r"\bagentur\s*$"),
    "en": _rx(r"\btold\s+(?:the\s+)?$", r"\baccording to\s+(?:the\s+)?$", r"\breported\s+$", r"\bsaid\s+$",
              r"\b(?:told|report(?:s|ed)? (?:by|in))\s+(?:the\s+)?(?:[\w\-']+\s+){0,2}$",
              r"\bnews agency\s+$", r"\bnewspaper\s+$", r"\bmagazine\s+$"),
}
PARTNER_SLOT = {
    "de": _rx(r"(?:partner\w*|partnerin)\s+(?:von|de[rs])\s+(?:(?:de[mnr]|die|das)\s+)?(?:[\w\-]+\s+){0,2}$",
              r"\b(?:mit|zwischen|an der seite von|samt)\s+(?:(?:de[mnrs]|die|das|einem|einer|ihre[mnr]?|seine[mnr]?)\s+)?"
              r"(?:[\w\-]+\s+){0,3}$"),
    "en": _rx(r"partners?\s+(?:of|to)\s+(?:the\s+)?$",
              r"\b(?:with|between|and|alongside|by)\s+(?:(?:the|its|a|an)\s+)?(?:[\w\-']+\s+){0,3}$"),
}
COORD = re.compile(r"^\s*(?:,|und|and|sowie|&|/|-|–|as well as)\s*(?:(?:de[mnrs]|die|das|the)\s+"
                   r"(?:[\w\-]+\s+)?)?<?$", re.I)  # "Zeiss und der Maschinenbauer Trumpf"
SINCE_CUE = {
    "de": _rx(r"\bseit\s*$", r"\bab\s*$", r"\bim\s*$", r"\bbereits\s*$", r"\bschon\s*$"),
    "en": _rx(r"\bsince\s*$", r"\bin\s*$", r"\bon\s*$"),
}
FOUNDED = {
    "de": _rx(r"\bgegründet\b", r"\bgründete\w*\b", r"\bbegonnen\b", r"\bbegann\b", r"\bstartete\b",
              r"\bseit\b", r"\bunterzeichnet\b", r"\bvereinbart\b"),
    "en": _rx(r"\bformed\b", r"\bset up\b", r"\bfounded\b", r"\bestablished\b", r"\bsince\b", r"\bbegan\b",
              r"\bstarted\b", r"\bcreated\b", r"\bsigned\b"),
}
# "talks continued": continuing talks are talks, not an active cooperation.
TALKS_GO_ON = {
    "de": _rx(r"\b(?:weiterhin|noch immer|immer noch|bereits|seit \w+ \w+)\b(?=.{0,40}\b(?:gespräch|verhand))",
              r"\b(?:gespräch|verhandlung)\w*\b.{0,80}\b(?:weiterhin|dauer\w* an|laufen)\b"),
    "en": _rx(r"\b(?:continu\w*|ongoing|already)\b(?=.{0,40}\b(?:talks|negotiat|discuss))",
              r"\b(?:talks|negotiations|discussions)\b.{0,80}\b(?:continu\w*|ongoing)\b"),
}
ACTIVE_BEYOND_TALKS = {lang: re.compile(STATUS_CUES[lang][2][1].pattern, re.I) for lang in ("de", "en")}
# An expansion is a stage of an existing cooperation (spec: active), even "now".
EXPANSION = {
    "de": _rx(r"\bausgebaut\b", r"\bbaue?n?\b.{0,60}\baus\b", r"\bausgeweitet\b", r"\bweite[nt]\b.{0,60}\baus\b",
              r"\berweiter\w*", r"\bverlänger\w*", r"\bvertief\w*", r"\bintensivier\w*"),
    "en": _rx(r"\bextend\w*", r"\bexpand\w*", r"\bdeepen\w*", r"\bbroaden\w*", r"\brenew\w*",
              r"\bstrengthen\w*"),
}
# A name followed by a title or a medium's kind is a modifier, not a party.
TITLE_AFTER = {
    "de": _rx(r"\s*(?:minister\w*|staatssekretär\w*)\b"),
    "en": _rx(r"\s*(?:secretary|minister|undersecretary|newspaper|magazine|daily|weekly|news agency)\b"),
}
LEAD_NEWS = {
    "de": _rx(r"\bkünftig\b", r"\bab sofort\b", r"\bab (?:jetzt|morgen|heute)\b", r"\bstarte[nt]\b",
              r"\bbringt\b.{0,80}\b(?:heraus|auf den markt)\b", r"\bvereinbart\b", r"\bkündigt\w*\b.{0,80}\ban\b",
              r"\bangekündigt\b", r"\bunterzeichne\w*"),
    "en": _rx(r"\bannounc\w*", r"\bagreed\b", r"\bsigned\b", r"\blaunch\w*", r"\bunveil\w*"),
}
BOTH = {
    "de": _rx(r"\b(?:die|den) beiden (?:\w+en )?(?:unternehmen|konzerne\w*|firmen|partner\w*|hersteller\w*|"
              r"gesellschaften)\b"),
    "en": _rx(r"\b(?:both|the two) (?:[A-Z]\w+ )?(?:companies|firms|groups|partners|makers)\b"),
}
PRONOUN_START = {
    "de": _rx(r"\s*(?:es|sie|er|das unternehmen|der konzern|die firma|die gruppe|der hersteller)\b"),
    "en": _rx(r"\s*(?:it|its|they|their|the (?:company|firm|group|concern|maker|bank))\b"),
}
# A joint statement or list of demands is no working relationship.
JOINT_STATEMENT = {
    "de": _rx(r"gemeinsame\w*\s+(?:[\w\-]+\s+)?(?:erklärung|stellungnahme|forderung\w*|brief|pressekonferenz|"
              r"appell|aufruf|schreiben|mitteilung|presseaussendung)"),
    "en": _rx(r"joint(?:ly)?\s+(?:[\w\-]+\s+)?(?:statement|news conference|press conference|letter|appeal|"
              r"communique|declaration|said|say|announced)"),
}
# Unnamed partners ("mit weiteren Herstellern", "with other chipmakers") are no party.
UNNAMED_SLOT = {
    "de": _rx(r"^\s*(?:mit|zwischen)\s+(?:verschiedenen|mehreren|anderen|weiteren|zahlreichen|diversen|"
              r"einigen|vielen|etlichen|unterschiedlichen|lokalen|regionalen|internationalen|ausländischen|"
              r"privaten|staatlichen)\b"),
    "en": _rx(r"^\s*(?:with|between)\s+(?:several|other|various|numerous|many|some|a number of|local|"
              r"foreign|international|unnamed|unidentified)\b"),
}
# A company owned by two named organizations is their joint venture ("owned 40 pct
# by MHI and 25 pct by C. Itoh", "owned equally by A and B"; "gehört je zur Hälfte A und B").
CO_OWNED = {
    "de": _rx(r"\bgehör(?:t|en|te)\s+(?:(?:je(?:weils)?\s+)?zur hälfte|zu gleichen teilen|je zu \d+ prozent)\s+"),
    "en": _rx(r"\b(?:owned|held|controlled)\s+(?:(?:\d+(?:\.\d+)?\s*(?:pct|per cent|percent|%)|equally|jointly|"
              r"50/50|50-50)\s+)?by\s+(?:the\s+)?"),
}
CO_OWNER_GAP = {
    "de": re.compile(r"\s*(?:,|und|sowie)\s*(?:(?:de[mnr]|die|das)\s+)?$", re.I),
    "en": re.compile(r"\s*(?:,|and)\s*(?:\d+(?:\.\d+)?\s*(?:pct|per cent|percent|%)\s+by\s+)?(?:the\s+)?$", re.I),
}
NOT_ONLY = re.compile(r"\b(?:nicht nur|not only|not just)\b", re.I)  # "arbeiten nicht nur ... zusammen"
NOW = re.compile(r"\b(jetzt|nun|künftig|in zukunft|new|now)\b", re.I)
# Latest stage wins when one pair is reported several times.
PRIORITY = {"failed": 6, "ended": 6, "announced": 5, "active": 4, "talks": 3, "planned": 2}
# Stock tickers and acronyms after a name: "Mazda Motor Corp <MAZT.T>", "Mitsubishi (MHI)".
_TICKER = re.compile(r"\s*(?:<[A-Z0-9.\-]{1,10}>|\([A-Z][A-Za-z0-9.&\-]{0,9}\))")
_QUOTED_NAME = re.compile(r"[„“\"»«]([^„“”\"»«\n]{2,40})[“”\"«»]")


def _same_name(a: str, b: str) -> bool:
    """One name contains the other, or one abbreviates the other ("VW", "Volkswagen")."""
    fa, fb = fold(a), fold(b)
    if fa in fb or fb in fa:
        return True
    short, long_ = sorted((a, b), key=len)
    initials = "".join(w[0] for w in re.findall(r"[A-Za-zÄÖÜäöü]+", long_)).lower()
    return short.isupper() and (short.lower() == initials or short.lower()[0] == long_[:1].lower())


@dataclass(frozen=True)
class Alliance:
    """A standing alliance of known members (koop/data/alliances.json)."""

    name: str
    members: frozenset
    pattern: re.Pattern


@lru_cache(maxsize=1)
def standing_alliances() -> tuple[Alliance, ...]:
    data = json.loads(resources.files("koop").joinpath("data/alliances.json").read_text(encoding="utf-8"))
    return tuple(Alliance(al["name"], frozenset(al["members"]),
                          re.compile(r"\b(?:" + "|".join(re.escape(t) for t in al["terms"]) + r")", re.I))
                 for al in data["alliances"])


@dataclass
class _Obs:
    """One sentence's evidence for one set of parties."""

    parties: tuple[str, ...]
    names: dict[str, str]
    status: str
    since: str | None
    sent: int
    confidence: float
    name: str | None = None


@dataclass
class _Coop:
    ids: frozenset
    names: dict[str, str]
    obs: list[_Obs] = field(default_factory=list)

    def parties(self) -> tuple[str, ...]:
        """The parties in the order the article first named them (never a set's order)."""
        ordered = dict.fromkeys(i for o in self.obs for i in o.parties)
        return tuple(ordered) or tuple(sorted(self.ids))


class CooperationFinder:
    def __init__(self) -> None:
        self.kb = default_kb()
        self.alliances = [al for al in standing_alliances() if sum(i in self.kb.orgs for i in al.members) >= 2]

    # -- helpers -----------------------------------------------------------
    def _parties_in(self, a: Article, sent: int, lang: str) -> list[Mention]:
        s = a.sentences[sent]
        out = []
        for m in a.mentions:
            if m.label != "ORG" or not m.org_id or m.sent != sent:
                continue
            org = self.kb.orgs.get(m.org_id)
            before = a.text[max(s.start, m.start - 60):m.start]
            if org is not None and org.type in ("media", "agency") and REPORTING[lang].search(before):
                continue
            if org is None and REPORTING[lang].search(before) and m.kind == "name":
                cue_before = before.lower()
                if any(w in cue_before for w in ("zeitschrift", "magazin", "zeitung", "agentur", "portal",
                                                 "bericht", "newspaper", "magazine", "agency", "told")):
                    continue
            if TITLE_AFTER[lang].match(a.text, m.end):
                continue  # "Treasury Secretary James Baker", "Asahi Shimbun newspaper"
            out.append(m)
        named = {m.org_id for m in out if m.kind in ("name", "brand")}
        if len(named) >= 2:  # "the group"/"das Unternehmen" only stands in for a missing name
            out = [m for m in out if m.kind != "anaphor"]
        # "The company ... with Holland Systems": a description resolved to a name
        # of the same sentence says nothing new (and is often resolved wrongly)
        out = [m for m in out if m.kind not in ("anaphor", "descriptor") or m.org_id not in named]
        return [m for m in out if not self._appositive(a, m, out)]

    def _split_coordinated_namesakes(self, a: Article, ms: list[Mention]) -> list[Mention]:
        """"Bayer und Monsanto": two different names the writer coordinates are two
        organizations, even where the KB has since made one a brand or alias of the
        other (an acquisition after the article). The later one keeps its own name."""
        out = list(ms)
        for k, m in enumerate(out):
            if m.kind not in ("name", "brand"):
                continue
            for prev in out[:k]:
                if (prev.org_id == m.org_id and prev.kind in ("name", "brand") and prev.end <= m.start
                        and COORD.match(_TICKER.sub("", a.text[prev.end:m.start]))
                        and not _same_name(prev.text, m.text)):
                    out[k] = replace(m, org_id="x-" + fold(m.text).replace(" ", "-"), canonical=m.text)
                    break
        return out

    @staticmethod
    def _appositive(a: Article, m: Mention, ms: list[Mention]) -> bool:
        """A description next to a name ("Die Firma, Cyanogen Inc.", "Lumora, the
        company") is that name, not a second party."""
        if m.kind not in ("anaphor", "descriptor"):
            return False
        for n in ms:
            if n is m or n.kind not in ("name", "brand"):
                continue
            gap = a.text[m.end:n.start] if n.start >= m.end else a.text[n.end:m.start]
            if re.fullmatch(r"\s*[,(–-]?\s*", gap) and gap.strip():
                return True
        return False

    def _status(self, text: str, lang: str, plural_subject: bool) -> tuple[str | None, bool]:
        """(status, negated) from the cue words of one sentence."""
        found = [st for st, rx in STATUS_CUES[lang] if rx.search(text)]
        negated = bool(NEGATION[lang].search(text))
        if not found:
            return None, negated
        if "failed" in found:
            return "failed", False
        if "ended" in found:
            return "ended", False
        if EXPANSION[lang].search(text) and ({"active", "announced", "planned"} & set(found)):
            return "active", negated  # an expansion, even a planned one, is of an existing cooperation
        if "talks" in found and "active" in found and not ACTIVE_BEYOND_TALKS[lang].search(
                TALKS_GO_ON[lang].sub(" ", text)):
            return "talks", negated  # "talks continued", "weiterhin Gespräche": still talks
        if "active" in found and "announced" in found:
            # "2018 gegründet, die immer noch besteht" vs "jetzt ... zusammen": the
            # continuation cue wins unless the sentence is about something new now
            return ("announced" if NOW.search(text) else "active"), negated
        if "announced" in found:
            if "planned" in found and not plural_subject and not re.search(
                    r"\b(bekannt|jetzt|nun|künftig|in zukunft|agreed|signed)\w*", text, re.I):
                return "planned", negated
            return "announced", negated
        if "active" in found:
            return "active", negated
        if "talks" in found:
            if "planned" in found and re.search(r"\b(offen für|open to|seek|sucht)\b", text, re.I):
                return "planned", negated
            return "talks", negated
        return "planned", negated

    def _since(self, a: Article, sent: int, lang: str) -> str | None:
        s = a.sentences[sent]
        text = a.text[s.start:s.end]
        values = []
        for d in a.dates:
            if d.sent != sent or not d.value:
                continue
            before = a.text[max(s.start, d.start - 12):d.start]
            inside = d.text.lower()
            if SINCE_CUE[lang].search(before) or inside.startswith(("seit", "since")):
                if lang == "en" and re.search(r"\b(in|on)\s*$", before, re.I) and not FOUNDED[lang].search(text):
                    continue
                if lang == "de" and re.search(r"\bim\s*$", before, re.I) and not FOUNDED[lang].search(text):
                    continue
                values.append(d.value)
            elif FOUNDED[lang].search(text) and re.fullmatch(r"\d{4}(-\d\d)?", d.value):
                values.append(d.value)
        return min(values) if values else None

    def _groups(self, a: Article, ms: list[Mention]) -> list[list[Mention]]:
        """Coordinated runs of organizations: "Panasonic, Sigma und Leica"."""
        groups: list[list[Mention]] = []
        for m in ms:
            if groups:
                prev = groups[-1][-1]
                between = _TICKER.sub("", a.text[prev.end:m.start])
                if prev.end <= m.start and COORD.match(between):
                    groups[-1].append(m)
                    continue
            groups.append([m])
        return groups

    # -- per sentence ---------------------------------------------------------
    def _observe(self, a: Article, sent: int, lang: str, focus: Mention | None,
                 previous: list[_Coop]) -> list[_Obs]:
        s = a.sentences[sent]
        text = a.text[s.start:s.end]
        spans = [(m.start - s.start, m.end - s.start) for m in a.mentions
                 if m.sent == sent and m.label == "ORG" and m.kind == "name"]
        triggers = [t for t in TRIGGERS[lang].finditer(text)
                    if not any(b <= t.start() < e for b, e in spans)
                    and not JOINT_STATEMENT[lang].match(text, t.start())]
        if not triggers:
            return self._follow_up(a, sent, lang, previous)
        strong = [t for t in triggers if not WEAK[lang].search(t.group().lower())]
        mentions = self._split_coordinated_namesakes(a, self._parties_in(a, sent, lang))
        # one mention per organization, keeping the first
        seen: set[str] = set()
        uniq = []
        for m in mentions:
            if m.org_id not in seen:
                seen.add(m.org_id)
                uniq.append(m)
        # an acquisition, stake or lawsuit in the trigger's own clause ("Apple sued
        # Samsung, while Google partnered with HTC" keeps Google and HTC)
        clean = [(b, e) for b, e in (self._clause(text, t.start(), t.end()) for t in triggers)
                 if not EXCLUDE[lang].search(text[b:e])]
        if not clean and not strong:
            return []
        if clean and EXCLUDE[lang].search(text):  # keep the parties of the clean clauses
            uniq = [m for m in uniq if any(b <= m.start - s.start < e for b, e in clean)]
        named_here = {m.org_id for m in uniq if m.kind in ("name", "brand")}
        if len(named_here) < 2 and any(UNNAMED_SLOT[lang].search(text[t.end():t.end() + 40]) for t in triggers):
            return []  # "in Zusammenarbeit mit verschiedenen Herstellern": no named partner
        negated_trigger = any(NEGATION[lang].search(text[max(0, t.start() - 25):t.start()])
                              or NEGATION[lang].search(NOT_ONLY.sub(" ", t.group()[1:])) for t in triggers)
        plural = bool(re.search(r"\b(und|and|sowie)\b", text))
        # commas inside "Panasonic, Sigma und Leica" do not end a clause
        masked = list(text)
        for g in self._groups(a, uniq):
            if len(g) > 1:
                for k in range(g[0].start - s.start, g[-1].end - s.start):
                    masked[k] = "x"
        masked = "".join(masked)
        status, negated = None, False
        for t in triggers:
            b, e = self._clause(masked, t.start(), t.end())
            status, negated = self._status(text[b:e], lang, plural)
            if status:
                break
        whole, _ = self._status(text, lang, plural)
        if status is None:
            # None: the news frame of the lead decides, once the parties are known (see obs)
            status = whole if whole in ("failed", "ended", "talks", "announced") else None
        elif whole in ("failed", "ended") or (status == "announced" and whole == "active"):
            status = whole
        if negated_trigger and status not in ("failed", "ended"):
            return []
        since = self._since(a, sent, lang)
        confidence = 0.8 if strong else 0.55
        names = {m.org_id: m.canonical for m in uniq}

        venture = self._venture_name(text, triggers)
        if venture:  # "im Gemeinschaftsunternehmen „L² Technology“": the venture is no party
            uniq = [m for m in uniq if fold(m.text) != fold(venture) and fold(m.canonical or "") != fold(venture)]

        def obs(ids, conf, st=status) -> _Obs:
            return _Obs(tuple(ids), {i: names.get(i) or self._name(i, previous) for i in ids},
                        st or self._lead_status(a, lang, set(ids)), since, sent, conf, venture)

        # parties in partner slots ("mit X", "with X", "between X and Y")
        slot = [m for m in uniq if PARTNER_SLOT[lang].search(a.text[max(s.start, m.start - 60):m.start])]
        groups = self._groups(a, uniq)
        out: list[_Obs] = []
        multi = [g for g in groups if len(g) >= 2]
        bound = self._between(a, s.start, text, triggers, multi, lang)
        if bound:
            return [obs([m.org_id for m in bound], confidence)]
        back = self._refers_back(text, lang, uniq, previous, sent)
        if back is not None:  # "Diese Gespräche sind gescheitert, sagte Leica-Chef ..."
            return [_Obs(back.parties(), dict(back.names), status or back.obs[-1].status, since, sent,
                         max(0.5, confidence - 0.2), venture)]
        if len(uniq) >= 2:
            if multi:
                def dist(g):
                    return min(min(abs(t.start() - (m.start - s.start)) for m in g) for t in triggers)
                multi.sort(key=dist)
            if multi and (not slot or all(m in multi[0] for m in slot)
                          or re.search(r"\b(between|zwischen)\s*$", a.text[s.start:multi[0][0].start][-40:], re.I)):
                g = multi[0]
                slot = [m for m in slot if m in g or not any(m in x for x in multi)]
                # "Leica und Panasonic ... mit X" adds X to the group
                extra = [m for m in slot if m not in g]
                if g[0] in slot and not extra and re.search(
                        r"\b(?:with|mit)\s+(?:\w+\s+)?$", a.text[max(s.start, g[0].start - 20):g[0].start], re.I):
                    # "A in joint venture with B, C": the subject before the slot joins
                    extra = [m for m in uniq if m not in g and m.end <= g[0].start
                             and not any(m in x for x in multi)][:1]
                out.append(obs([m.org_id for m in g + extra], confidence))
            elif slot:
                subjects = [m for m in uniq if m not in slot]
                if not subjects and focus is not None and focus.org_id not in {m.org_id for m in slot}:
                    subjects = [focus]
                if subjects:
                    subj = subjects[0]
                    for p in slot:
                        if p.org_id != subj.org_id:
                            st = status
                            local = (self._local_status(text, p, s.start, lang, plural)
                                     if len(uniq) > 2 or len(slot) > 1 else None)
                            out.append(obs([subj.org_id, p.org_id], confidence, local or st))
            elif len(uniq) == 2 and strong:
                out.append(obs([m.org_id for m in uniq], confidence - 0.15))
        elif len(uniq) == 1 and (strong or (slot and any(
                re.match(r"(austausch|forschungsprojekt|exchange)", t.group(), re.I) for t in triggers))):
            only = uniq[0]
            subject = self._pronoun_subject(a, sent, lang) if slot else None
            if subject is not None and subject.org_id != only.org_id:
                names.setdefault(subject.org_id, subject.canonical)
                out.append(obs([subject.org_id, only.org_id], confidence - 0.1))
            elif slot and focus is not None and focus.org_id != only.org_id:
                out.append(obs([focus.org_id, only.org_id], confidence - 0.2))
            else:
                # refers back: "Die Kooperation ..." updates the latest cooperation with this org
                for c in reversed(previous):
                    if only.org_id in c.ids and c.obs and sent - c.obs[-1].sent <= 3:
                        out.append(_Obs(c.parties(), dict(c.names), status or c.obs[-1].status, since,
                                        sent, confidence - 0.2))
                        break
        elif not uniq and ANAPHORIC[lang].search(text):
            c = previous[-1] if previous else None
            if c is not None and c.obs and sent - c.obs[-1].sent <= 3:
                out.append(_Obs(c.parties(), dict(c.names), status or c.obs[-1].status, since, sent,
                                max(0.5, confidence - 0.25)))
            else:
                ids = self._preceding_pair(a, sent, lang)
                if ids:
                    out.append(obs(ids, 0.5))
        return out

    def _follow_up(self, a: Article, sent: int, lang: str, previous: list[_Coop]) -> list[_Obs]:
        """"Eine entsprechende Absichtserklärung unterzeichneten die beiden Konzerne":
        a sentence about "the two companies" just after a cooperation of two reports
        its next stage, though it names no cooperation itself."""
        s = a.sentences[sent]
        text = a.text[s.start:s.end]
        if not previous or not BOTH[lang].search(text):
            return []
        c = previous[-1]
        if len(c.ids) != 2 or not c.obs or sent - c.obs[-1].sent > 2:
            return []
        named = {m.org_id for m in a.mentions if m.sent == sent and m.label == "ORG" and m.kind in ("name", "brand")}
        if not named <= c.ids:
            return []
        status, negated = self._status(text, lang, True)
        if negated or status not in ("announced", "talks", "failed", "ended"):
            return []
        return [_Obs(c.parties(), dict(c.names), status, self._since(a, sent, lang), sent, 0.5)]

    @staticmethod
    def _refers_back(text: str, lang: str, uniq: list[Mention], previous: list[_Coop],
                     sent: int) -> _Coop | None:
        """The cooperation a sentence refers back to ("Diese Gespräche ...", "die beiden
        Unternehmen ...") when it names no organization outside it."""
        if not previous or not (ANAPHORIC[lang].search(text) or BOTH[lang].search(text)):
            return None
        c = previous[-1]
        if not c.obs or sent - c.obs[-1].sent > 3 or not uniq:
            return None  # (a sentence without any organization is handled below)
        return c if all(m.org_id in c.ids for m in uniq if m.kind in ("name", "brand")) else None

    def _lead_status(self, a: Article, lang: str, ids: set[str]) -> str:
        """A sentence without a cue of its own takes the news frame of the lead:
        "Sky bringt seine Apps künftig auf Windows 10" makes the partnership
        praised further down an announcement."""
        for k in range(min(2, len(a.sentences))):
            s = a.sentences[k]
            named = {m.org_id for m in a.mentions
                     if m.sent == k and m.label == "ORG" and m.kind in ("name", "brand")}
            if named & ids and LEAD_NEWS[lang].search(a.text[s.start:s.end]):
                return "announced"  # the lead tells news about one of these parties
        return "active"

    def _pronoun_subject(self, a: Article, sent: int, lang: str) -> Mention | None:
        """"It makes trucks in cooperation with MHI": a sentence opened by a
        pronoun continues the subject of the sentence before, its first organization."""
        s = a.sentences[sent]
        if sent == 0 or not PRONOUN_START[lang].match(a.text, s.start):
            return None
        ms = [m for m in self._parties_in(a, sent - 1, lang) if m.kind in ("name", "brand")]
        if not ms:
            return None
        opening = a.text[a.sentences[sent - 1].start:ms[0].start]
        return ms[0] if len(opening.split()) <= 2 else None  # the subject opens the sentence

    def _preceding_pair(self, a: Article, sent: int, lang: str) -> list[str] | None:
        """"Das Ergebnis dieser Kooperation": the two organizations named just before."""
        for back in range(sent - 1, max(-1, sent - 3), -1):
            ms = [m for m in self._parties_in(a, back, lang) if m.kind in ("name", "brand")]
            ids = list(dict.fromkeys(m.org_id for m in ms))
            if len(ids) == 2:
                return ids
            if ids:
                return None
        return None

    def _between(self, a: Article, offset: int, text: str, triggers: list, multi: list[list[Mention]],
                 lang: str) -> list[Mention] | None:
        """ "a joint venture between X and Y", "Partnerschaft zwischen X und Y": the
        coordination after "between" is the whole party list, whatever else the
        sentence names."""
        for g in multi:
            head = text[:g[0].start - offset]
            m = re.search(r"\b(?:between|zwischen|partnership of|consisting of|bestehend aus)\s+"
                          r"(?:(?:the|de[mnr]|den)\s+)?$", head, re.I)
            if not m:
                continue
            if any(m.start() - 40 <= t.start() <= m.start() + 1 or t.start() == m.start() for t in triggers):
                return g
        return None

    @staticmethod
    def _venture_name(text: str, triggers: list) -> str | None:
        """A quoted proper name in the sentence: the joint brand, venture or alliance
        ("als „L² Technology“ zusammen", "die „L-Mount Alliance“ gegründet")."""
        for m in _QUOTED_NAME.finditer(text):
            name = m.group(1).strip()
            if 1 <= len(name.split()) <= 4 and name[:1].isupper():
                return name
        return None

    @staticmethod
    def _clause(text: str, start: int, end: int) -> tuple[int, int]:
        """The clause around text[start:end]; a "dass/that" clause keeps its frame."""
        seps = (",", ";", " / ", " – ", " - ", ":")
        b = max([text.rfind(x, 0, start) for x in seps] + [0])
        ends = [i for i in (text.find(x, end) for x in seps) if i != -1]
        e = min(ends) if ends else len(text)
        if re.match(r"^[,;]?\s*(dass|that|wonach)\b", text[b:e], re.I) and b > 0:
            b = max([text.rfind(x, 0, b) for x in seps] + [0])
        return b, e

    def _local_status(self, text, p, offset, lang, plural):
        """Status from the clause around one partner slot (several triggers in one sentence)."""
        b, e = self._clause(text, p.start - offset, p.end - offset)
        st, _ = self._status(text[b:e], lang, plural)
        return st

    def _name(self, org_id: str, previous: list[_Coop]) -> str:
        for c in previous:
            if org_id in c.names:
                return c.names[org_id]
        org = self.kb.orgs.get(org_id)
        return org.name if org else org_id

    # -- article ------------------------------------------------------------
    def find(self, a: Article) -> list[Cooperation]:
        lang = a.lang or "de"
        counts: dict[str, int] = {}
        for m in a.mentions:
            if m.label == "ORG" and m.org_id and m.kind in ("name", "brand"):
                counts[m.org_id] = counts.get(m.org_id, 0) + 1
        focus = None
        if counts:
            top = max(counts, key=counts.get)
            if counts[top] >= 3:
                focus = next(m for m in a.mentions if m.org_id == top)
        coops: dict[frozenset, _Coop] = {}
        order: list[_Coop] = []
        for sent in range(len(a.sentences)):
            for o in self._observe(a, sent, lang, focus, order):
                ids = frozenset(o.parties)
                if len(ids) < 2:
                    continue
                c = coops.get(ids)
                if c is None:
                    c = coops[ids] = _Coop(ids, dict(o.names))
                c.obs.append(o)
                if c in order:
                    order.remove(c)
                order.append(c)
        for o in self._alliance_observations(a, lang) + self._co_owner_observations(a, lang, order):
            ids = frozenset(o.parties)
            c = coops.get(ids)
            if c is None:
                c = coops[ids] = _Coop(ids, dict(o.names))
            c.obs.append(o)
        # a sentence naming both parties with "seit ..." dates an existing cooperation
        for c in coops.values():
            if any(o.since for o in c.obs):
                continue
            for sent in range(len(a.sentences)):
                ids = {m.org_id for m in a.mentions if m.sent == sent and m.label == "ORG"}
                if c.ids <= ids:
                    since = self._since(a, sent, lang)
                    if since:
                        c.obs.append(_Obs(c.parties(), c.names, "active", since, sent, 0.4))
                        break
        names = self._article_names(a)
        for c in coops.values():
            c.names.update({i: names[i] for i in c.ids if i in names})
        return [self._merge(a, c) for c in sorted(coops.values(), key=lambda c: c.obs[0].sent)]

    def _co_owner_observations(self, a: Article, lang: str, previous: list[_Coop]) -> list[_Obs]:
        """"... which is owned 50 pct by A and 50 pct by B": co-owners of one company
        run a joint venture. "the two Swedish firms" among the owners stands for the
        pair just reported. Selling their stakes ("A and B decided to sell their
        combined stake") ends it."""
        out = []
        for sent, s in enumerate(a.sentences):
            for hit in CO_OWNED[lang].finditer(a.text, s.start, s.end):
                owners = self._owners_after(a, sent, hit.end(), lang)
                pos = owners[-1].end if owners else hit.end()
                ids = list(dict.fromkeys(m.org_id for m in owners))
                names = {m.org_id: m.canonical or m.text for m in owners}
                both = BOTH[lang].search(a.text, pos, min(s.end, pos + 60))
                if both and CO_OWNER_GAP[lang].match(_TICKER.sub("", a.text[pos:both.start()])) and previous:
                    c = next((c for c in reversed(previous) if len(c.ids) == 2 and c.obs and c.obs[0].sent < sent), None)
                    if c is not None:
                        ids += [i for i in c.parties() if i not in ids]
                        names.update({i: n for i, n in c.names.items() if i not in names})
                if len(ids) >= 2:
                    status, _ = self._status(a.text[s.start:s.end], lang, True)
                    out.append(_Obs(tuple(ids), names, status if status in ("failed", "ended") else "active",
                                    self._since(a, sent, lang), sent, 0.6))
        for o in list(out):  # "A and B decided to sell their stakes": ended
            for sent, s in enumerate(a.sentences):
                named = {m.org_id for m in a.mentions if m.sent == sent and m.label == "ORG" and m.org_id}
                if set(o.parties) <= named and re.search(r"\bsell\w*\b.{0,40}\bstakes?\b|\bverkauf\w*\b.{0,40}\banteile\b",
                                                         a.text[s.start:s.end], re.I):
                    out.append(_Obs(o.parties, o.names, "ended", None, sent, 0.6))
                    break
        return out

    def _owners_after(self, a: Article, sent: int, pos: int, lang: str) -> list[Mention]:
        """The named organizations listed right after "owned ... by" (each "N pct by")."""
        owners: list[Mention] = []
        for m in sorted((m for m in a.mentions if m.sent == sent and m.label == "ORG" and m.org_id
                         and m.kind in ("name", "brand") and m.start >= pos), key=lambda m: m.start):
            gap = _TICKER.sub("", a.text[pos:m.start])
            if (not owners and gap.strip()) or (owners and not CO_OWNER_GAP[lang].match(gap)):
                break
            owners.append(m)
            pos = m.end
        return owners

    def _alliance_observations(self, a: Article, lang: str) -> list[_Obs]:
        """A standing alliance the article names ("die Sozialpartner", "Star Alliance"),
        with at least two of its members named in the article: they cooperate."""
        out = []
        for al in self.alliances:
            sent = next((i for i, s in enumerate(a.sentences) if al.pattern.search(a.text, s.start, s.end)), None)
            if sent is None:
                continue
            seen: dict[str, str] = {}
            for m in a.mentions:
                if m.label == "ORG" and m.org_id in al.members and m.kind in ("name", "brand"):
                    seen.setdefault(m.org_id, m.canonical or m.org_id)
            if len(seen) < 2:
                continue
            s = a.sentences[sent]
            status, _ = self._status(a.text[s.start:s.end], lang, True)
            out.append(_Obs(tuple(seen), seen, status if status in ("failed", "ended") else "active",
                            None, sent, 0.6, al.name))
        return out

    def _article_names(self, a: Article) -> dict[str, str]:
        """Per organization, the name to report: the KB's canonical name when the
        article uses it, else the article's own most frequent exact name (legal
        form stripped): a 1987 story about "Matsushita" reports Matsushita."""
        from ..kb import fold, strip_legal

        surfaces: dict[str, dict[str, int]] = {}
        for m in a.mentions:
            if m.label == "ORG" and m.org_id and m.kind == "name" and m.score >= 0.9:
                name = strip_legal(m.text) or m.text
                d = surfaces.setdefault(m.org_id, {})
                d[name] = d.get(name, 0) + 1
        out = {}
        for oid, d in surfaces.items():
            org = self.kb.orgs.get(oid)
            if org is None or any(fold(n) == fold(org.name) for n in d):
                continue
            best = max(d, key=lambda n: (d[n], n[:1].isupper() and not n.isupper(), len(n)))
            out[oid] = best if not best.isupper() or len(best) <= 5 else best.title()
        return out

    @staticmethod
    def _long_before(since: str | None, date: str | None) -> bool:
        """True when ``since`` lies more than a year before the article's date."""
        if not since or not date or not since[:4].isdigit() or not date[:4].isdigit():
            return False
        months = lambda d: int(d[:4]) * 12 + (int(d[5:7]) if len(d) >= 7 and d[5:7].isdigit() else 6)
        return months(date) - months(since) > 12

    def _merge(self, a: Article, c: _Coop) -> Cooperation:
        status = max((o.status for o in c.obs if o.confidence >= 0.4),
                     key=lambda st: PRIORITY[st], default=c.obs[0].status)
        sinces = [o.since for o in c.obs if o.since]
        ordered = sorted(c.obs, key=lambda o: o.sent)
        ids = [i for i in ordered[0].parties]
        for o in ordered[1:]:
            ids += [i for i in o.parties if i not in ids]
        sents = sorted({o.sent for o in c.obs})
        spans = [a.sentences[i].span() for i in sents]
        confidence = min(0.99, max(o.confidence for o in c.obs) + 0.05 * (len(sents) - 1))
        named = [o.name for o in ordered if o.name]
        since = min(sinces) if sinces else None
        if status == "announced" and self._long_before(since, a.date) and not any(
                NOW.search(a.text[s:e]) for s, e in spans):
            status = "active"  # "set up by A and B in 1984", told in 1987: it exists, it is not news
        return Cooperation(
            name=named[-1] if named else None,
            parties=[c.names.get(i) or i for i in ids], status=status,
            since=since,
            evidence=[a.text[s:e] for s, e in spans], evidence_spans=spans,
            confidence=round(confidence, 3), party_ids=ids,
        )


@register_stage("koop.cooperations.v1", requires=("mentions", "dates"), assigns=("cooperations",))
def make_cooperations():
    finder = CooperationFinder()

    def cooperations(article: Article) -> Article:
        article.cooperations = finder.find(article)
        return article

    return cooperations
