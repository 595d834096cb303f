"""Read queries over the graph, one module per resource.

Every function takes a Connection and returns plain dataclasses or dicts; the SQL
is portable Core. ``organizations`` (lookup, aliases, listings), ``cooperations``
(views, history, partners, timelines, filters), ``network`` (counts, stats, the
filtered graph), ``text_search`` and ``articles``. Outside the store, read through
``koop.graph`` (``Graph``, ``GraphReader``); the names are gathered here for it and
for tests.
"""
from __future__ import annotations

from .articles import get_article, list_articles, stored_article_key  # noqa: F401
from .cooperations import (  # noqa: F401
    ArticleRef, CooperationFilter, CooperationSummary, CooperationView, Evidence, Observation,
    TimelineEvent, cooperation_ids_of, cooperation_summaries, cooperation_views,
    cooperations_of, date_bounds, filter_cooperations, list_cooperations, partners,
    surfaces_in, timeline)
from .network import (  # noqa: F401
    cooperation_graph, count_rows, graph_version, info_counts, stats, status_counts)
from .organizations import (  # noqa: F401
    FUZZY_CUTOFF, MATCH_KINDS, SUGGEST_CUTOFF, Org, OrgMatch, PartnerHit, aliases_of, find_org,
    get_org, match_org, org_summaries, organizations_with_counts, people_list,
    search_organizations)
from .text_search import SearchResult, search  # noqa: F401
