"""Which ``Host`` headers the server answers: a defence against DNS rebinding.

A page on another site can point its own host name at 127.0.0.1 and then read
a local koop as if it were its own origin; the browser still sends that name
in ``Host``. So koop answers only the names it listens on: for a loopback
address ``localhost`` and the loopback addresses, for a wildcard address
(``0.0.0.0``, ``::``) the machine's names and any IP address (a page cannot
make the browser send an IP as the host of another site), and for a given
address or name just that one. ``WebSettings.allowed_hosts`` (``koop serve
--allow-host``) adds names, e.g. a reverse proxy's; ``*`` allows every host.
"""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("", "0.0.0.0", "::")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_of(header: str) -> str:
    """The host name of a ``Host`` header, without port or IPv6 brackets, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    if header.count(":") == 1:
        header = header.split(":", 1)[0]
    return header.rstrip(".")


@dataclass(frozen=True)
class HostPolicy:
    """The host names a server answers.

    Args:
        names (frozenset[str]): allowed names and addresses (lower case).
        any_ip (bool): also any IP address (the server listens on all of them).
        anything (bool): every host (``*`` was configured).
    """

    names: frozenset[str]
    any_ip: bool = False
    anything: bool = False

    def allows(self, header: str | None) -> bool:
        if self.anything:
            return True
        if not header:
            return False
        host = host_of(header)
        return host in self.names or (self.any_ip and _is_ip(host))

    def describe(self) -> str:
        """The allowed hosts for a message."""
        if self.anything:
            return "any host"
        extra = ["any IP address"] if self.any_ip else []
        return ", ".join(sorted(self.names) + extra)


def _machine_names() -> set[str]:
    names = set()
    for get in (socket.gethostname, socket.getfqdn):
        try:
            names.add(get().lower())
        except OSError:
            pass
    return {n for n in names if n}


def host_policy(listen_host: str, extra: tuple[str, ...] = ()) -> HostPolicy:
    """The hosts to answer when listening on ``listen_host``, plus ``extra`` names.

    RETURNS (HostPolicy): see the module docstring.
    """
    extra_names = {host_of(h) for h in extra if h.strip()}
    if "*" in extra_names:
        return HostPolicy(frozenset(), anything=True)
    host = host_of(listen_host) if listen_host not in WILDCARDS else listen_host
    if host in WILDCARDS:
        return HostPolicy(frozenset({*LOOPBACK_NAMES, *_machine_names(), *extra_names}),
                          any_ip=True)
    if _is_loopback(host):
        return HostPolicy(frozenset({*LOOPBACK_NAMES, host, *extra_names}))
    return HostPolicy(frozenset({host, *extra_names}))
