"""A person's role and organization read from the words around a mention: left of it
("Leica-Chef Oliver Kaltner", "der Vorstandschef der Deutschen Bank, John Cryan") and
right of it ("Tim Cook, Chef von Apple", "Tim Cook, Apple's chief executive")."""
from __future__ import annotations

from .orgs import OrgIndex, org_name
from .roles import RoleLexicon, RoleMatch
from .words import ACRONYM, POSSESSIVE, TOKEN, Tok


class RoleReading:
    """The role steps of :class:`~koop.pipeline.people.finder.PeopleFinder` (uses its
    word lists: articles, connectors, org_stop, copulas, copula_skip, org_connectors)."""

    # -- roles ---------------------------------------------------------------
    def _compound(self, orgs: OrgIndex, tok: Tok, pre: str, role: str,
                  lex: RoleLexicon) -> tuple[str, str | None]:
        """(role, org) of a hyphenated compound: 'Leica-Chef' -> (CEO, Leica); a prefix that is
        no organization makes it a compound like any other ('Sparten-Chef' -> head)."""
        org = self._compound_org(orgs, tok, pre)
        if org is None and pre.rpartition("-")[2].lower() not in self.org_stop:
            role = lex.head_role(tok[2].rpartition("-")[2]) or role
        return role, org

    def _compound_org(self, orgs: OrgIndex, tok: Tok, pre: str) -> str | None:
        m = orgs.inside(tok[0], tok[0] + len(pre))
        if m is not None:
            return org_name(m)
        seg = pre.rpartition("-")[2]
        for key in (pre, seg):  # named as an organization elsewhere in the article
            if key.casefold() in orgs.names:
                return orgs.names[key.casefold()]
        start = tok[0] + len(pre) - len(seg)
        if (ACRONYM.fullmatch(seg) and sum(ch.isupper() for ch in seg) >= 2
                and seg.lower() not in self.org_stop and not orgs.is_loc(start, start + len(seg))):
            return seg
        return None

    def _org_after(self, text: str, toks: list[Tok], i: int, orgs: OrgIndex,
                   pers_starts: set[int], max_skip: int = 6) -> str | None:
        """ORG mention starting at token i or after up to ``max_skip`` plain words."""
        for k in range(i, min(len(toks), i + max_skip + 1)):
            m = orgs.by_start.get(toks[k][0])
            if m is not None:
                return org_name(m)
            if not toks[k][2][0].isalnum() or toks[k][0] in pers_starts:
                return None
        return None

    def role_left(self, text: str, start: int, lo: int, lex: RoleLexicon, orgs: OrgIndex,
                  right_toks: list[Tok], pers_starts: set[int]) -> RoleMatch | None:
        toks = [(x.start(), x.end(), x.group()) for x in TOKEN.finditer(text, max(lo, start - 160), start)]
        if not toks:
            return None
        comma = toks[-1][2] == ","  # "Apple's chief executive, Tim Cook": only with an org
        last = len(toks) - 1 if comma else len(toks)
        hit = lex.match_end(toks, last) if last else None
        if hit:
            j, role, pre = hit
            if toks[j][0] in orgs.by_start and not pre and orgs.by_start[toks[j][0]].end >= toks[last - 1][1]:
                return None  # the "role" is an organization's name
            surface = text[toks[j][0]:toks[last - 1][1]]
            org = None
            if pre:
                role, org = self._compound(orgs, toks[j], pre, role, lex)
            if org is None and not pre:
                k = j - 1
                while k >= 0 and toks[k][2].lower() in lex.modifiers:
                    k -= 1
                if k >= 0:
                    m = orgs.ending_in_token(text, toks[k])
                    if m is not None:
                        org = org_name(m)
            if org is None and right_toks and right_toks[0][2].lower() in self.org_connectors:
                org = self._org_after(text, right_toks, 1, orgs, pers_starts, max_skip=3)
            if org is not None or not comma:
                return RoleMatch(role, surface, org)
        # ROLE connector [words] ORG [,] PER
        end = len(toks) - 1 if toks[-1][2] == "," else len(toks)
        if end >= 3 and toks[end - 1][2] == ")":  # "... Hessen (BSBD), Birgit Kannegießer"
            opener = next((k for k in range(end - 2, max(end - 6, 0), -1) if toks[k][2] == "("), None)
            end = opener if opener is not None else end
        if end < 3:
            return None
        om = orgs.by_end.get(toks[end - 1][1])
        if om is None:
            return None
        q = end - 1
        while q > 0 and toks[q - 1][0] >= om.start:
            q -= 1
        for skip in range(0, 4):
            c = q - 1 - skip
            if c < 1 or not toks[c + 1][2][0].isalnum():
                break
            if toks[c][2].lower() in self.connectors:
                hit = lex.match_end(toks, c)
                if hit:
                    j, role, _pre = hit
                    return RoleMatch(role, text[toks[j][0]:toks[c - 1][1]], org_name(om))
        return None

    def role_right(self, text: str, toks: list[Tok], lex: RoleLexicon, orgs: OrgIndex,
                   pers_starts: set[int]) -> RoleMatch | None:
        i = 0
        if len(toks) > 3 and toks[0][2] == "(" and toks[2][2] == ")":
            i = 3  # an age: "Tim Cook (56), Chef von Apple"
        elif len(toks) > 3 and toks[0][2] == "," and toks[1][2].isdigit() and toks[2][2] == ",":
            i = 2  # "Tim Cook, 56, chief executive of Apple"
        if i >= len(toks):
            return None
        if toks[i][2] in (",", ":"):
            i += 1
        elif toks[i][2].lower() in self.copulas:  # "Frank Roselieb ist seit 2013 Direktor des ..."
            i += 1
            for _ in range(3):
                if i < len(toks) and (toks[i][2].lower() in self.copula_skip or toks[i][2].isdigit()):
                    i += 1
        else:
            return None
        while i < len(toks) and (toks[i][2].lower() in self.articles
                                 or toks[i][2].lower() in lex.modifiers):
            i += 1
        if i >= len(toks):
            return None
        hit = lex.match_start(toks, i)
        if hit:
            k, role, pre = hit
            if k < len(toks) and toks[k][0] in pers_starts:
                return None  # the role belongs to the next person
            surface = text[toks[i][0]:toks[k - 1][1]]
            org = None
            if pre:
                role, org = self._compound(orgs, toks[i], pre, role, lex)
            if org is None and k < len(toks) and toks[k][2].lower() in self.connectors:
                org = self._org_after(text, toks, k + 1, orgs, pers_starts)
            return RoleMatch(role, surface, org)
        om = orgs.by_start.get(toks[i][0])
        if om is None:
            return None
        q = i
        while q < len(toks) and toks[q][0] < om.end:
            q += 1
        if toks[q - 1][1] > om.end and text[om.end:toks[q - 1][1]] not in POSSESSIVE:
            return None  # the mention ends inside a word that is not "Apple's"
        hit = lex.match_start(toks, q)
        if hit:
            k, role, _pre = hit
            if k < len(toks) and toks[k][0] in pers_starts:
                return None
            return RoleMatch(role, text[toks[q][0]:toks[k - 1][1]], org_name(om))
        return None
