"""Property-based tests of the whole HTTP API from its own OpenAPI document
(schemathesis): no request that the document allows, nor one that breaks it,
may give a 500, and every answer must be one the document describes.

Bounded and deterministic: a fixed number of examples per operation and a
derandomized search, so CI sees the same cases every run (about a minute).
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)
from web_helpers import TOKEN, copy_db

from koop.io.web import FetchOptions
from koop.web import WebSettings, create_app

EXAMPLES = 40  # per operation and phase; 11 operations
# valid and invalid data (huge numbers, wrong types, strings outside the patterns),
# always the same cases
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {"seed": 14, "generation": {"mode": "all", "deterministic": True,
                                "max-examples": EXAMPLES}})
HEADERS = {"Authorization": f"Bearer {TOKEN}"}


def no_internal_error(ctx, response, case):
    """No 500: an answer is a documented result or a documented refusal. (A 502 for a
    posted URL that cannot be fetched is documented; there is no network here.)"""
    if response.status_code == 500:
        raise AssertionError(f"500 for {case.method} {case.formatted_path}: {response.text[:300]}")


CHECKS = [no_internal_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(seeds_db, tmp_path_factory):
    """The API of a writable copy of the seeds graph (posted URLs fail fast: no network;
    schemathesis calls the app as "testserver", so that host is allowed)."""
    db = copy_db(seeds_db, tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    fetch = FetchOptions(timeout=2, retries=0, per_host_delay=0)
    app = create_app(WebSettings(db=str(db), token=TOKEN, fetch=fetch,
                                 allowed_hosts=("testserver",)))
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_follows_its_openapi_document(case):
    case.call_and_validate(headers=HEADERS, checks=CHECKS)
