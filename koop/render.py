"""Readable text summaries of extraction results (``--format pretty``)."""
from __future__ import annotations

from .article import Article
from .io.content import printable


def render_pretty(a: Article) -> str:
    """A short report: organizations, cooperations with evidence, people, quotes."""
    lines = [f"== {a.id}  [{a.lang}]  {a.date or 'no date'}" + (f"  {a.title}" if a.title else "")]
    orgs: dict[str, int] = {}
    for m in a.mentions:
        if m.label == "ORG" and m.canonical:
            orgs[m.canonical] = orgs.get(m.canonical, 0) + 1
    if orgs:
        lines.append("Organizations: " + ", ".join(f"{n} ({c})" for n, c in
                                                   sorted(orgs.items(), key=lambda x: -x[1])))
    if a.cooperations:
        lines.append("Cooperations:")
        for c in a.cooperations:
            since = f", since {c.since}" if c.since else ""
            name = f" as {c.name}" if c.name else ""
            parties = " + ".join(p if s in (p, "") else f"{p} (\u201c{s}\u201d)"
                                 for p, s in zip(c.parties, c.surfaces or c.parties))
            lines.append(f"  * {parties}{name}: {c.status}{since}"
                         f"  (confidence {c.confidence:.2f})")
            for ev in c.evidence[:3]:
                lines.append(f"      \u201c{ev}\u201d")
    else:
        lines.append("Cooperations: none found")
    if a.people:
        lines.append("People:")
        for p in a.people:
            role = ", ".join(x for x in (p.role, p.org) if x)
            lines.append(f"  * {p.name}" + (f" ({role})" if role else ""))
    if a.quotes:
        lines.append("Quotes:")
        for q in a.quotes:
            text = q.text if len(q.text) <= 100 else q.text[:97] + "..."
            lines.append(f"  * {q.speaker or 'unknown'}: \u201e{text}\u201c")
    return printable("\n".join(lines)) + "\n"  # no terminal control characters from articles
