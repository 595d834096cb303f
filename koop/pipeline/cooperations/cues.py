"""The language cue tables: the German and English words and patterns each step reads.

Every table is keyed by language ("de", "en") unless it serves both. The tables are
grouped by the step that reads them: triggers and exclusions (triggers.py), status
and dates (status.py), party slots (parties.py, pairing.py), references back
(references.py), and co-ownership (structures.py). Patterns are case-insensitive
unless they say otherwise.
"""
from __future__ import annotations

import re

from ...statuses import RANK, status_cues


def _rx(*parts: str) -> re.Pattern:
    """One case-insensitive pattern of alternatives."""
    return re.compile("|".join(parts), re.I)


# -- triggers: what makes a sentence a candidate --------------------------------
# A noun, verb or idiom of cooperation.
TRIGGERS = {
    "de": _rx(
        r"\b(?:gründe\w*|gegründet)\b.{0,40}\b(?:firma|gesellschaft|unternehmen|tochter)\s+mit\b",
        # compounds too: "Forschungskooperation", "Vertriebspartnerschaft", "Entwicklungsallianz"
        r"\b\w*kooperation\w*", r"\bkooperier\w*", r"\baustauschprogramm\w*", r"\bforschungsprojekt\w* mit\b",
        r"\b\w*zusammenarbeit\w*", r"\b\w*partnerschaft\w*",
        r"\b\w*partner(?:in|s|n)?\b", r"\b\w*sponsor\w*", r"\bwerbedeal\w*", r"\b\w*allianz\b", r"\b\w*allianzen\b", r"\bjoint[- ]venture\w*",
        r"\bgemeinschaftsunternehmen\w*", r"\b\w*bündnis\w*", r"\b\w*konsortium\w*",
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
        r"\bpartnership\w*", r"\bpartner(?:s|ed|ing)?\b", r"\bsponsor(?:s|ed|ing|ship)?\b", r"\bexchange program\w*", r"\bjoint[- ]venture\w*", r"\bventure\b",
        r"\balliances?\b", r"\bco-?operat\w*", r"\bcollaborat\w*", r"\bteam(?:s|ed)? up\b",
        r"\bjointly\b", r"\bjoint\b", r"\bconsortium\b", r"\bjoin(?:s|ed)? forces\b", r"\btie-?up\b",
        r"\btalks\b", r"\bnegotiat\w*", r"\bdiscussions\b", r"\bwork(?:s|ed|ing)? together\b",
        r"\bco-?develop\w*", r"\btogether with\b", r"\bpact\b", r"\blink(?:s|ed)? up\b", r"\blinkup\b",
        r"\bjoin(?:s|ed)? hands\b", r"\bteam(?:s|ed)? with\b", r"\bco-?production\b",
        r"\b(?:research|cooperation|cooperative|collaborative|development|technology|technical|marketing)\s+"
        r"(?:agreement|accord|pact|deal|venture)\b", r"\bfounded\b", r"\bset up\b", r"\bformed\b",
        r"\b(?:agree(?:s|d)?|agreements?|letter of intent|accord|memorandum of understanding)\b.{0,60}"
        r"\bto (?:jointly |together )?(?:develop|market|produce|build|manufacture|research|design|explore|"
        r"cooperate|collaborate|work together)\b",
    ),
}
# Triggers that by themselves are weak: they need a clear party structure.
WEAK = {
    "de": _rx(r"^gemeinsam", r"^gespr", r"^pakt$", r"^verhande?l", r"partner(?:in|innen|s|n)?$", r"sponsor", r"^werbedeal", r"gründ", r"^austausch", r"^forschungsprojekt"),
    "en": _rx(r"^joint$", r"^venture$", r"^pact$", r"^exchange", r"^partner(?:s|ed|ing)?$", r"^sponsor", r"^talks$", r"^negotiat", r"^discussions$",
              r"^together with$", r"^jointly$", r"^founded$", r"^set up$", r"^formed$"),
}
# A joint statement or list of demands is no working relationship.
JOINT_STATEMENT = {
    "de": _rx(r"gemeinsame\w*\s+(?:[\w\-]+\s+)?(?:erklärung|stellungnahme|forderung\w*|brief|pressekonferenz|"
              r"appell|aufruf|schreiben|mitteilung|presseaussendung)"),
    "en": _rx(r"joint(?:ly)?\s+(?:[\w\-]+\s+)?(?:statement|news conference|press conference|letter|appeal|"
              r"communique|declaration|said|say|announced)"),
}
# Negation before a trigger drops the sentence, but not "nicht nur" ("arbeiten nicht nur ... zusammen").
NOT_ONLY = re.compile(r"\b(?:nicht nur|not only|not just)\b", re.I)
# Talks of unions or about wages are collective bargaining, no cooperation.
TALKS_TRIGGER = re.compile(r"(?:gespr|verhand|talks|negotiat|discussions)", re.I)
LABOR = {
    "de": _rx(r"\bgewerkschaft\w*", r"\bbetriebsr[aä]t\w*", r"\blohn\w*", r"\bkollektivvertrag\w*",
              r"\bkv-\w+", r"\btarif(?:verhandlung|runde|konflikt|vertrag)\w*", r"\bgehaltsrunde\w*"),
    "en": _rx(r"\bunions?\b", r"\bwage\w*", r"\blabor contract\w*", r"\bcollective bargaining\b"),
}
# Unnamed partners ("mit weiteren Herstellern", "with other chipmakers") are no party.
UNNAMED_SLOT = {
    "de": _rx(r"^\s*(?:mit|zwischen)\s+(?:verschiedenen|mehreren|anderen|weiteren|zahlreichen|diversen|"
              r"einigen|vielen|etlichen|unterschiedlichen|lokalen|regionalen|internationalen|ausländischen|"
              r"privaten|staatlichen)\b"),
    "en": _rx(r"^\s*(?:with|between)\s+(?:several|other|various|numerous|many|some|a number of|local|"
              r"foreign|international|unnamed|unidentified)\b"),
}
# A weak trigger that counts with a single named party in a partner slot
# ("ein Austauschprogramm mit der TU Wien"); matched at the trigger's start.
SLOT_TRIGGER = re.compile(r"(austausch|forschungsprojekt|exchange)", re.I)

# -- exclusions: relations that are no cooperation ------------------------------
# Acquisitions, stakes, lawsuits, competition, loans (spec): a trigger in a clause
# with one of these does not count.
EXCLUDE = {
    "de": _rx(r"\bübernahme\w*", r"\bübernimm\w*", r"\bübernehmen\b", r"\bübernommen\b",
              r"\bkauft\w*", r"\bgekauft\b", r"\bakquisition\w*", r"\bbeteiligung\w*",
              r"\banteile?\b", r"\bfusion\w*", r"\bklage\w*", r"\bverklagt\w*", r"\bkonkurren\w*",
              r"\bwettbewerb\w*", r"\bkredit\w*", r"\bdarlehen\w*", r"\bverkauf (?:von|de[rs])\b",
              r"\bhält\w*\b.{0,30}\bprozent\b", r"\bprozent (?:an|am)\b", r"\bliefervertr[aä]g\w*",
              r"\blieferungen\b",
              r"\bveräußer\w*"),
    "en": _rx(r"\bacqui\w*", r"\btakeover\w*", r"\bbuy(?:s|ing)?\b", r"\bbought\b",
              r"\bpurchas\w*", r"\bstake\b", r"\bmerger\w*", r"\bmerge\b", r"\bsu(?:e|es|ed|ing)\b",
              r"\blawsuit\w*", r"\bcompet\w*", r"\bloan\w*", r"\bcredit\w*", r"\blend\w*",
              r"\btender offer\w*", r"\bbid\b", r"(?<!-)\bowned\b.{0,40}\bby\b",
              r"\bsale of (?:its|their|the|a|an|\w+'s)\b", r"\bdivest\w*", r"\bsupplies of\b",
              r"\bsupply (?:contract|deal|agreement)\b"),
}
# A "that" clause belongs to the clause that frames it ("sagte, dass ..."): a
# trigger's clause reaches back over it.
THAT_CLAUSE = re.compile(r"^[,;]?\s*(dass|that|wonach)\b", re.I)

# -- status: the stage a sentence reports (the table in the spec) ---------------
# Each stage's cue words, from the status table (koop/data/statuses.toml), in the
# order failed, ended, active, announced, talks, planned; status.cue_status
# settles a sentence with cues of several stages.
STATUS_CUES = {lang: [(name, _rx(*patterns)) for name, patterns in status_cues(lang)]
               for lang in ("de", "en")}
# Negation: a negated trigger is no cooperation (unless it failed or ended).
NEGATION = {
    "de": _rx(r"\bkeine?[nmrs]?\b", r"\bnicht\b", r"\bnie\b", r"\bkein\b", r"\bweder\b"),
    "en": _rx(r"\bno\b", r"\bnot\b", r"\bnever\b", r"\bdenied\b", r"\bdeny\b", r"\bn't\b"),
}
# The cooperation itself is denied or ruled out, wherever the words stand in the
# trigger's clause: "eine Zusammenarbeit mit Google ist derzeit kein Thema".
RULED_OUT = {
    "de": _rx(r"\bkein thema\b", r"\bnicht (?:geplant|vorgesehen|zur debatte)\b", r"\bausgeschlossen\b",
              r"\bdementier\w*", r"\bnichts dran\b"),
    "en": _rx(r"\bruled out\b", r"\brules out\b", r"\bnot (?:planned|considering|interested)\b",
              r"\bdenied\b", r"\bdenies\b", r"\bno plans?\b"),
}
# "talks continued": continuing talks are talks, not an active cooperation.
TALKS_GO_ON = {
    "de": _rx(r"\b(?:weiterhin|noch immer|immer noch|bereits|seit \w+ \w+)\b(?=.{0,40}\b(?:gespräch|verhand))",
              r"\b(?:gespräch|verhandlung)\w*\b.{0,80}\b(?:weiterhin|dauer\w* an|laufen)\b(?:.{0,40}\bseit\b)?"),
    "en": _rx(r"\b(?:continu\w*|ongoing|already)\b(?=.{0,40}\b(?:talks|negotiat|discuss))",
              r"\b(?:talks|negotiations|discussions)\b.{0,80}\b(?:continu\w*|ongoing)\b"),
}
# An expansion is a stage of an existing cooperation (spec: active), even "now".
EXPANSION = {
    "de": _rx(r"\bausgebaut\b", r"\bbaue?n?\b.{0,60}\baus\b", r"\bausgeweitet\b", r"\bweite[nt]\b.{0,60}\baus\b",
              r"\berweiter\w*", r"\bverlänger\w*", r"\bvertief\w*", r"\bintensivier\w*"),
    "en": _rx(r"\bextend\w*", r"\bexpand\w*", r"\bdeepen\w*", r"\bbroaden\w*", r"\brenew\w*",
              r"\bstrengthen\w*"),
}
# A sentence with both announced and planned cues is planned ("will ... gründen")
# unless it has several subjects or says the news is settled ("bekannt", "agreed").
SETTLED_NEWS = re.compile(r"\b(bekannt|jetzt|nun|künftig|in zukunft|agreed|signed)\w*", re.I)
# Talks in which one side is open to or seeks a partner are planned.
SEEKING = re.compile(r"\b(offen für|open to|seek|sucht)\b", re.I)
# A conjunction anywhere in the sentence: it may have several subjects ("Zeiss und
# Trumpf wollen"). Case-sensitive, unlike the other patterns.
PLURAL = re.compile(r"\b(und|and|sowie)\b")
# News of now: it makes a sentence with continuation cues an announcement, and keeps
# an old "since" from turning an announcement into "active".
NOW = re.compile(r"\b(jetzt|nun|künftig|in zukunft|new|now)\b", re.I)
# Latest stage wins when one pair is reported several times (the table's ranks).
PRIORITY = dict(RANK)
# A sentence without a status cue of its own: news in the lead makes it an announcement.
LEAD_NEWS = {
    "de": _rx(r"\bkünftig\b", r"\bab sofort\b", r"\bab (?:jetzt|morgen|heute)\b", r"\bstarte[nt]\b",
              r"\bbringt\b.{0,80}\b(?:heraus|auf den markt)\b", r"\bvereinbart\b", r"\bkündigt\w*\b.{0,80}\ban\b",
              r"\bangekündigt\b", r"\bunterzeichne\w*", r"\beröffne\w*", r"\bvorgestellt\b",
              r"\bpräsentier\w*", r"\bgestartet\b"),
    "en": _rx(r"\bannounc\w*", r"\bagreed\b", r"\bsigned\b", r"\blaunch\w*", r"\bunveil\w*"),
}

# -- since: the date a cooperation began ----------------------------------------
# A date right after one of these words is the start ("seit 2018", "since March").
SINCE_CUE = {
    "de": _rx(r"\bseit\s*$", r"\bab\s*$", r"\bim\s*$", r"\bbereits\s*$", r"\bschon\s*$"),
    "en": _rx(r"\bsince\s*$", r"\bin\s*$", r"\bon\s*$"),
}
# A bare "in"/"im" before a date is a start only in a sentence about founding.
DATE_IN = {
    "de": re.compile(r"\bim\s*$", re.I),
    "en": re.compile(r"\b(in|on)\s*$", re.I),
}
# Words of founding or beginning: a year in such a sentence is the start.
FOUNDED = {
    "de": _rx(r"\bgegründet\b", r"\bgründete\w*\b", r"\bbegonnen\b", r"\bbegann\b", r"\bstartete\b",
              r"\bseit\b", r"\bunterzeichnet\b", r"\bvereinbart\b"),
    "en": _rx(r"\bformed\b", r"\bset up\b", r"\bfounded\b", r"\bestablished\b", r"\bsince\b", r"\bbegan\b",
              r"\bstarted\b", r"\bcreated\b", r"\bsigned\b"),
}

# -- party slots: which organizations are parties -------------------------------
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
# Words before a name unknown to the KB that make it the reporting medium.
MEDIA_WORDS = ("zeitschrift", "magazin", "zeitung", "agentur", "portal",
               "bericht", "newspaper", "magazine", "agency", "told")
# A name before "-Tochter" names the parent of the party that follows
# ("die BASF-Tochter Wintershall"): the subsidiary is the party.
PARENT_OF_NEXT = re.compile(r"-(?:tochter|tochtergesellschaft|tochterfirma|schwester|mutter)\s+\S", re.I)
# A name followed by a title or a medium's kind is a modifier, not a party.
TITLE_AFTER = {
    "de": _rx(r"\s*(?:minister\w*|staatssekretär\w*)\b"),
    "en": _rx(r"\s*(?:secretary|minister|undersecretary|newspaper|magazine|daily|weekly|news agency)\b"),
}
# The subject matter of the talks, not a party: "talks ... on rescuing X",
# "Gespräche zwischen A und B über C".
TOPIC_BEFORE = {
    "de": _rx(r"\büber\s+(?:(?:die|den|das|de[mnrs])\s+)?$"),
    "en": _rx(r"\b(?:on|about|over|regarding|concerning)\s+(?:\w+ing\s+)?(?:the\s+)?$"),
}
# "Die Sponsoren Red Bull und Puma": co-sponsors of a third, not partners of each other.
CO_SPONSORS_BEFORE = re.compile(r"\b\w*sponsor(?:en|s)\s+(?:(?:wie|like|such as)\s+)?$", re.I)
# The slot of a partner: "mit X", "with X", "between X and Y", "Partner von X".
PARTNER_SLOT = {
    "de": _rx(r"(?:partner\w*|partnerin|sponsor\w*)\s+(?:von|de[rs])\s+(?:(?:de[mnr]|die|das)\s+)?(?:[\w\-]+\s+){0,2}$",
              r"\b(?:mit|zwischen|an der seite von|samt)\s+(?:(?:de[mnrs]|die|das|einem|einer|ihre[mnr]?|seine[mnr]?)\s+)?"
              r"(?:[\w\-]+\s+){0,3}$"),
    "en": _rx(r"(?:partners?|sponsors?)\s+(?:of|to)\s+(?:the\s+)?$",
              r"\b(?:with|between|and|alongside|by)\s+(?:(?:the|its|a|an)\s+)?(?:[\w\-']+\s+){0,3}$"),
}
# Between two names of one coordinated group ("Zeiss und der Maschinenbauer Trumpf").
COORD = re.compile(r"^\s*(?:,|und|and|sowie|&|/|-|–|as well as)\s*(?:(?:de[mnrs]|die|das|the)\s+"
                   r"(?:(?!(?:of|von|with|mit|for|für|des|der|zu[mr]?|in|im|joint|venture|gemeinschafts\w*)\b)"
                   r"[\w\-]+\s+){0,3})?<?$", re.I)  # "..., dem britisch-niederländischen Ölkonzern Shell"
# Where a listed party comes from, between list items: "Aerospatiale of France,
# MBB of West Germany and ...", "Lettrétage aus Deutschland, ... und ...".
ORIGIN = re.compile(r"\s+(?:of|from|aus)\s+(?:the\s+|de[mnr]\s+)?(?:(?:West|East|North|South|Nord|Süd|Ost)[\s-]?)?"
                    r"[A-ZÄÖÜ][\w.]+(?:\s+[A-ZÄÖÜ][\w.]+)?(?=\s*(?:,|and\b|und\b|sowie\b|$))")
# The members of a consortium or alliance named just before: "Members include A, B
# and C", "The partners, A, B and C, hold ...", "Mitglieder sind A, B und C".
MEMBER_LIST = {
    "de": _rx(r"\b\w*(?:mitglieder|partner|gesellschafter|teilnehmer)\s+(?:sind|waren)\b\s*:?\s*"
              r"(?:(?:de[mnr]|die|das)\s+(?:[\w\-]+\s+){0,3})?$",
              r"\bzu den (?:mitgliedern|partnern|gesellschaftern)\s+(?:\w+\s+)?(?:gehören|zählen)\s*:?\s*$",
              r"\b(?:die|den)\s+(?:\w+\s+)?(?:partnern?|mitgliedern?)\s*[,:]\s*$"),
    "en": _rx(r"\b(?:members|partners|participants|shareholders)\s+(?:include|are|were|comprise)\b\s*:?\s*"
              r"(?:the\s+)?$",
              r"\bthe\s+(?:\w+\s+)?(?:partners|members)\s*[,:]\s*$"),
}
# A consortium or alliance whose members a following sentence may list.
GROUP_OF_MEMBERS = {
    "de": _rx(r"\bkonsorti\w*", r"\ballianz\w*", r"\blabor\b", r"\w*zentrum\b", r"\bvorhaben\b", r"\bbündnis\w*", r"\bgemeinschaftsunternehmen\w*",
              r"\bjoint[- ]venture\w*", r"\bkooperation\w*", r"\bpartnerschaft\w*", r"\bprojekt\w*"),
    "en": _rx(r"\bconsorti\w*", r"\balliance\w*", r"\bjoint[- ]venture\w*", r"\bpartnership\w*",
              r"\bcooperation\b", r"\bprogram(?:me)?\b", r"\bproject\b"),
}
# A trigger noun with a definite article names a cooperation already known ("the
# consortium", "das Konsortium"); alone it does not pair two names of its sentence.
DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|its|der|die|das|dem|den|des|dieses?|diese[mnr])\s+$", re.I)
# Stock tickers and acronyms after a name: "Mazda Motor Corp <MAZT.T>", "Mitsubishi (MHI)".
TICKER = re.compile(r"\s*(?:<[A-Z0-9.\-]{1,10}>|\([A-Z][A-Za-z0-9.&\-]{0,9}\))")
# A name given to the venture ("unter dem Namen X AG", "called X Inc") is no party.
NAMED_AS = re.compile(r"(?:\bunter dem\s+(?:namen\s+)?|\bnamens\s+|\b(?:called|named|known as)\s+(?:the\s+)?)$", re.I)
# A quoted name: the joint brand, venture or alliance ("als „L² Technology“").
QUOTED_NAME = re.compile(r"[„“\"»«]([^„“”\"»«\n]{2,40})[“”\"«»]")
# Words before a coordinated group that make it the whole party list.
BETWEEN_HEAD = re.compile(r"\b(?:between|zwischen|partnership of|consisting of|bestehend aus)\s+"
                          r"(?:(?:the|de[mnr]|den)\s+)?$", re.I)
# "between" just before a coordinated group beats a partner slot elsewhere.
BETWEEN_BEFORE = re.compile(r"\b(between|zwischen)\s*$", re.I)
# "with"/"mit" (and one word) just before a coordinated group: its subject joins it.
WITH_BEFORE = re.compile(r"\b(?:with|mit)\s+(?:[\w\-]+\s+){0,3}$", re.I)

# -- references back: sentences about a cooperation already reported ------------
# "Die Kooperation ...", "this partnership": a sentence about a cooperation already named.
ANAPHORIC = {
    "de": _rx(r"\b(?:die|diese|der|dieser|den|dem)\s+(?:\w+\s+)?(?:kooperation|zusammenarbeit|partnerschaft|"
              r"gespräche|verhandlungen|allianz|gemeinschaftsunternehmen)\b", r"\beine kooperation\b"),
    "en": _rx(r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:partnership|venture|joint venture|alliance|talks|"
              r"cooperation|collaboration|agreement|deal)\b"),
}
# "die beiden Unternehmen", "the two companies": the pair just reported.
BOTH = {
    "de": _rx(r"\b(?:die|den) beiden (?:\w+en )?(?:unternehmen|konzerne\w*|firmen|partner\w*|hersteller\w*|"
              r"gesellschaften)\b"),
    "en": _rx(r"\b(?:both|the two) (?:[A-Z]\w+ )?(?:companies|firms|groups|partners|makers)\b"),
}
# A sentence opened by a pronoun continues the subject of the sentence before.
PRONOUN_START = {
    "de": _rx(r"\s*(?:es|sie|er|das unternehmen|der konzern|die firma|die gruppe|der hersteller)\b"),
    "en": _rx(r"\s*(?:it|its|they|their|the (?:company|firm|group|concern|maker|bank))\b"),
}

# -- co-ownership ---------------------------------------------------------------
# A company owned by two named organizations is their joint venture ("owned 40 pct
# by MHI and 25 pct by C. Itoh", "owned equally by A and B"; "gehört je zur Hälfte A und B").
CO_OWNED = {
    "de": _rx(r"\bgehör(?:t|en|te)\s+(?:(?:je(?:weils)?\s+)?zur hälfte|zu gleichen teilen|je zu \d+ prozent)\s+"),
    "en": _rx(r"\b(?:owned|held|controlled)\s+(?:(?:\d+(?:\.\d+)?\s*(?:pct|per cent|percent|%)|equally|jointly|"
              r"50/50|50-50)\s+)?(?:each\s+)?by\s+(?:the\s+)?"),
}
# Between two owners: "A and 25 pct by B", "A und B".
CO_OWNER_GAP = {
    "de": re.compile(r"\s*(?:,|und|sowie)\s*(?:(?:de[mnr]|die|das)\s+)?$", re.I),
    "en": re.compile(r"\s*(?:,|and)\s*(?:\d+(?:\.\d+)?\s*(?:pct|per cent|percent|%)\s+by\s+)?(?:the\s+)?$", re.I),
}
# Owners selling their stakes end the joint venture.
SELL_STAKES = re.compile(r"\bsell\w*\b.{0,40}\bstakes?\b|\bverkauf\w*\b.{0,40}\banteile\b", re.I)
