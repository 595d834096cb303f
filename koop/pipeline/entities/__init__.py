"""Finds organizations, people and places, and links organizations to the KB.

Order matters, and each step only claims tokens no earlier step took (a few
steps may replace a shorter mention inside a longer name):
0. newswire angle brackets ("<Wagner and Brown>") and social-media handles
   and hashtags ("@Siemens_Presse", "#Bosch");
1. organizations named with a legal form that the KB does not know as a whole
   ("Müller Feinmechanik GmbH" although the KB has "Müller"; a leading place
   adjective, "die Welser X GmbH", or a common noun, "unter dem Namen X AG", is no
   part of it), then hyphen
   compounds of two organizations' names that name a joint venture
   ("Quillmoor-Siemens Radio Systems", "Sapporo-Genentech Inc");
2. knowledge-base names, aliases, legal names and brands (with German
   inflection and genitive, hyphen compounds such as "Leica-Chef", units such
   as "Bosch Deutschland", generic words of the organization's sector before a
   legal form such as "Carlsberg Brewery Ltd", and typos); ambiguous names need
   evidence, and some spots rule them out ("on Monday", "in Nokia", "North
   Sea", "News of the World"); a name several organizations bear ("PSA") goes
   to the one the context points to; an institute's name with its acronym is
   one name ("Fraunhofer-Institut ICT");
3. organizations in no KB: names ending in a designator ("Harlow Times",
   "China International Exhibition Centre"), cue
   nouns ("der Hersteller X", "der Entsorger X Umwelttechnik"), an institution head
   and a place or region ("FH Oberösterreich"), name compounds ("Helmut-Berger-Institut"),
   firm names ("Hallmann+Weiss"), acronym definitions ("Austrian Institute of
   Technology (AIT)", also defining an alias of a known organization; an acronym
   defined as a thing, "adenosine triphosphate, or ATP", names none), coordinated
   ellipsis ("die TU Wien und Graz"), and later mentions of all of these, short
   forms included ("Quillmoor" of "Quillmoor Microwave Inc");
4. people: a known first name followed by name words, or name words after a
   role noun ("Sprecher Tarek Ozdil"), then later mentions of the same
   surname; a party in brackets after a person ("(SPD)") is an organization;
5. places from the country list, seas and regions, and the KB's headquarters
   cities;
6. descriptions ("das Wetzlarer Unternehmen", "der US-Konzern") and
   headquarters metonymy ("in Cupertino"), resolved to organizations; these
   are relation-only mentions (kind descriptor/metonym/anaphor); an anaphor
   ("the company") stands for the organization its own sentence names before it
   ("Quillmoor president John Smith said the company"), else the latest one;
   a plural nationality ("die Franzosen") or a nationality with a cue compound
   ("der Schweizer Uhrenhersteller") is the latest organization of that country
   named before, and a definite head noun ("die Akademie") the latest one whose
   name has that head.

Spans follow the SmartData conventions: a legal form belongs to the name
("Miller Bros. Logistics GmbH"), a genitive "s" too ("Deutschen
Banks"), a handle keeps its "@", and of a hyphen compound ("Lufthansa-Chef")
only the name is marked.

The modules: finder.py runs the steps in this order; state.py holds an
article's claimed tokens; tables.py the KB and word tables; words.py the
word tests the steps share; kb_lookup.py the KB queries; handles.py step 0;
legal_forms.py and (ventures) unknown_orgs.py step 1; kb_names.py and
ambiguity.py step 2; doc_names.py, unknown_orgs.py, acronyms.py and
coordination.py step 3; persons.py step 4; places.py step 5; descriptions.py
step 6.
"""
from __future__ import annotations

from pathlib import Path

from ...article import Article
from ...kb import KnowledgeBase, default_kb
from ...registry import register_stage
from .finder import EntityFinder
from .learned import MODEL_DIR, LearnedRecognizer
from .unify import unify_organizations

__all__ = ["EntityFinder", "LearnedRecognizer", "make_entities"]


@register_stage("koop.entities.v1", requires=("sentences", "tokens"), assigns=("mentions",),
                default_config={"learned": True, "model_dir": None})
def make_entities(kb: KnowledgeBase | None = None, learned: bool = True, model_dir: str | None = None):
    """Entity stage; ``kb`` is the pipeline's knowledge base (``Pipeline(kb=...)``;
    alone: the default one); ``learned`` lets the trained recogniser decide the spans
    (where a model for the article's language is shipped, or in ``model_dir``)."""
    kb = kb if kb is not None else default_kb()
    finder = EntityFinder(kb)
    recognizer = LearnedRecognizer(kb, frozenset(finder.tables.first_names),
                                   Path(model_dir) if model_dir else MODEL_DIR) if learned else None

    def entities(article: Article) -> Article:
        mentions = finder.find(article)
        if recognizer is not None and recognizer.available(article.lang or "de"):
            mentions = recognizer.apply(article, mentions)
            unify_organizations(article.text, mentions, kb)  # the model's spans get ids of their own
        article.mentions = mentions
        return article

    return entities
