"""Coded messages of the web app (``koop serve``).

They join koop's one catalogue (``koop.errors.MESSAGES``) when ``koop.web``
is imported.
"""
from __future__ import annotations

from ..errors import register_messages

WEB_MESSAGES = {
    "E050": "Cannot listen on {host} port {port}: {reason}.",
    "E051": "Cannot read the API token file '{path}': {reason}.",
    "E052": "This koop server is read-only: no API token is configured. Start it with "
            "KOOP_API_TOKEN set or with --token-file to allow writes.",
    "E053": "Missing or wrong API token: send the header 'Authorization: Bearer <token>'.",
    "E054": "Give the article's 'text', or a 'url' to fetch it from.",
    "E055": "The request body is larger than {limit:,} bytes.",
    "E056": "No cooperation {id} in the graph.",
    "E057": "No article '{key}' in the graph.",
    "E058": "Unknown status '{status}'; known: {known}.",
    "E059": "Invalid request: {errors}.",
    "E060": "This koop server does not answer for host '{host}'; it answers {allowed}. "
            "Add the name with koop serve --allow-host.",
    "E061": "Internal server error; the server log has the details.",
}

register_messages(WEB_MESSAGES)
