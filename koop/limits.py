"""koop's limits on inputs and on the network, declared once.

Each limit has a default in ``koop/defaults.toml`` (``[limits]``), an
environment variable and a CLI option. The CLI option wins over the
environment, the environment over the shipped default. The library reads
the same values: ``FetchOptions()`` and ``IngestOptions()`` start from
:func:`value`, so ``KOOP_ALLOW_PRIVATE_URLS=1`` works for ``koop ingest`` and
for ``koop.open(db).ingest(...)`` alike. ``docs/limits.md`` lists every limit
(``tests/test_limits.py`` checks that it is complete).
"""
from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import KoopError

DEFAULTS_FILE = Path(__file__).with_name("defaults.toml")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class Limit:
    """One declared limit.

    Args:
        name (str): key in ``defaults.toml`` and the env suffix (``KOOP_`` + upper case).
        kind (str): ``int``, ``float``, ``bool`` or ``networks`` (a list of CIDRs).
        option (str): the CLI option (``koop ingest``; ``koop extract`` takes the
            document limit only).
        help (str): what it limits.
        minimum (float): smallest allowed value (int and float limits).
    """

    name: str
    kind: str
    option: str
    help: str
    minimum: float | None = None

    @property
    def env(self) -> str:
        return "KOOP_" + self.name.upper()

    @property
    def default(self) -> Any:
        return shipped_defaults()[self.name]

    def parse(self, raw: object, source: str | None = None) -> Any:
        """A value from text (environment) or TOML. Raises KoopError E005 if invalid."""
        where = source or self.name
        try:
            if self.kind == "bool":
                if isinstance(raw, bool):
                    return raw
                text = str(raw).strip().lower()
                if text in _TRUE | _FALSE:
                    return text in _TRUE
                raise ValueError("use 1/0, true/false, yes/no or on/off")
            if self.kind == "networks":
                items = raw if isinstance(raw, (list, tuple)) else \
                    str(raw).replace(",", " ").split()
                return tuple(str(ipaddress.ip_network(str(x).strip(), strict=False))
                             for x in items)
            if isinstance(raw, bool):
                raise ValueError("expected a number")
            number = int(str(raw).replace("_", "")) if self.kind == "int" else float(raw)
        except (TypeError, ValueError) as e:
            raise KoopError("E005", value=raw, name=where, reason=e) from None
        if self.minimum is not None and number < self.minimum:
            raise KoopError("E005", value=raw, name=where,
                            reason=f"must be at least {self.minimum}")
        return number


LIMITS: tuple[Limit, ...] = (
    Limit("max_document_bytes", "int", "--max-document-bytes",
          "Largest single document in bytes: a .txt/.html/feed file, one JSONL line or one "
          "WARC record. A larger one is skipped (E015) without being read.", 1),
    Limit("fetch_timeout", "float", "--timeout",
          "Seconds a web request may wait to connect or for data, and may take in all.", 0.001),
    Limit("max_redirects", "int", "--max-redirects",
          "Redirects followed per web request; more (or a loop) fails the request.", 0),
    Limit("max_response_bytes", "int", "--max-bytes",
          "Largest web page or feed in bytes; a larger one is abandoned while downloading.", 1),
    Limit("fetch_retries", "int", "--retries",
          "Extra tries after connection errors, timeouts, HTTP 429 and 5xx.", 0),
    Limit("per_host_delay", "float", "--delay",
          "Minimum seconds between two requests to the same host.", 0),
    Limit("allow_private_urls", "bool", "--allow-private-urls",
          "Fetch URLs whose host is a private, loopback, link-local, multicast or reserved "
          "address (refused by default, also after redirects)."),
    Limit("allowed_networks", "networks", "--allow-network",
          "A network (CIDR, e.g. 10.20.0.0/16) fetched from although it is private; "
          "repeat the option for several (environment: separated by commas)."),
)

BY_NAME: dict[str, Limit] = {lim.name: lim for lim in LIMITS}


@lru_cache(maxsize=1)
def shipped_defaults() -> dict[str, Any]:
    """The ``[limits]`` table of ``koop/defaults.toml``, checked against ``LIMITS``."""
    with DEFAULTS_FILE.open("rb") as f:
        table = tomllib.load(f).get("limits", {})
    missing = [lim.name for lim in LIMITS if lim.name not in table]
    unknown = sorted(set(table) - set(BY_NAME))
    if missing or unknown:  # a packaging mistake, not a user error
        raise RuntimeError(f"{DEFAULTS_FILE}: missing {missing}, unknown {unknown}")
    return {lim.name: lim.parse(table[lim.name], f"{lim.name} in {DEFAULTS_FILE.name}")
            for lim in LIMITS}


def value(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """The limit ``name``: from its environment variable, else the shipped default."""
    lim = BY_NAME[name]
    env = os.environ if environ is None else environ
    raw = env.get(lim.env)
    if raw is None:
        return lim.default
    return lim.parse(raw, lim.env)


def factory(name: str) -> Callable[[], Any]:
    """A dataclass ``default_factory`` for the limit ``name`` (read when the object is made)."""
    return lambda: value(name)


def cli_value(name: str, given: object) -> Any:
    """The value of a CLI option: as given, else from the environment or the default."""
    if given is None or given == ():
        return value(name)
    return BY_NAME[name].parse(given, BY_NAME[name].option)
