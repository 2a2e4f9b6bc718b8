"""Where the server may POST. A team chooses its webhook URL, and the server then connects
to it: without a guard a team could make the server reach its own network (the cloud
metadata service at 169.254.169.254, admin ports on localhost, private ranges). So every
address a webhook's host resolves to must be public, unless it lies in
`webhook_allowed_networks`. Checked when the URL is set (an error naming `url`), and again
at each delivery at connect time, on the very address connected to: DNS can change
between the two (and between a check and a connect)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
KINDS = (("is_unspecified", "an unspecified"), ("is_loopback", "a loopback"),
         ("is_link_local", "a link-local"), ("is_multicast", "a multicast"),
         ("is_private", "a private"), ("is_reserved", "a reserved"))


class Refused(ValueError):
    """The server will not connect there; `reason` says why."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class Unresolvable(Refused):
    """The host has no address now (at delivery: perhaps a passing DNS failure)."""


def refusal(ip: Address, allowed: Sequence[Network] = ()) -> str | None:
    """What `ip` is that the server will not connect to ("a loopback address"; None: it
    will)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in allowed):
        return None
    for attr, what in KINDS:
        if getattr(ip, attr):
            return f"{what} address"
    return None if ip.is_global else "not a public address"


def resolve(host: str, port: int) -> list[Address]:
    host = host.strip("[]")  # an IPv6 literal as a URL writes it
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Unresolvable(f"host {host} does not resolve ({exc})") from None
    # a scoped IPv6 address comes as fe80::1%eth0
    return list(dict.fromkeys(ipaddress.ip_address(str(i[4][0]).split("%", 1)[0])
                              for i in infos))


def checked(host: str, port: int, allowed: Sequence[Network]) -> list[Address]:
    """The addresses of `host`, every one allowed, or Refused naming the first that is not
    (a name resolving to a public and a private address is refused)."""
    addresses = resolve(host, port)
    for ip in addresses:
        if (why := refusal(ip, allowed)) is not None:
            raise Refused(f"{ip} is {why}" if host == str(ip)
                          else f"{host} resolves to {ip}, {why}")
    return addresses


def check_url(url: str, allowed: Sequence[Network] = ()) -> None:
    parsed = urlparse(url)
    if not parsed.hostname:
        raise Refused("the URL names no host")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    checked(parsed.hostname, port, allowed)


class GuardedBackend(httpcore.SyncBackend):
    """Connects only to allowed addresses, to the address it checked (no second lookup)."""

    def __init__(self, allowed: Iterable[Network]):
        self.allowed = tuple(allowed)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options=None
                    ) -> httpcore.NetworkStream:
        last: Exception | None = None
        for ip in checked(host, port, self.allowed):
            try:
                return super().connect_tcp(str(ip), port, timeout, local_address,
                                           socket_options)
            except httpcore.ConnectError as exc:  # the next address of the name
                last = exc
        assert last is not None
        raise last


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport whose connections go through `GuardedBackend` (TLS still verifies
    the URL's host name: httpcore takes it from the request, not from the address)."""

    def __init__(self, allowed: Iterable[Network]):
        super().__init__()
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                             network_backend=GuardedBackend(allowed))
