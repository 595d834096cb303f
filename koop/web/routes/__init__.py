"""One APIRouter per resource: organizations, cooperations, articles, graph."""
