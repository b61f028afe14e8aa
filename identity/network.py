"""Who is on the other end of a request: the client's IP address, which every rate limit keys on.

Behind reverse proxies the peer (REMOTE_ADDR) is the proxy, and the client is named in
X-Forwarded-For, a header anyone can send. It is believed only as far as TRUSTED_PROXIES (IPs or
CIDR ranges) says: each trusted proxy appends the address it saw, so reading from the right, the
first address that is not a trusted proxy is the client. Entries further left were written by the
client itself and are ignored. With TRUSTED_PROXIES empty the header is never read.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

type IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
type IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@cache
def _networks(proxies: tuple[str, ...]) -> tuple[IpNetwork, ...]:
    try:
        return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES holds something that is not an IP or CIDR: {error}"
        ) from None


def trusted_proxy_networks() -> tuple[IpNetwork, ...]:
    return _networks(tuple(settings.TRUSTED_PROXIES))


def _address(value: str) -> IpAddress | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d; one client, one key.
    return getattr(address, "ipv4_mapped", None) or address


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind trusted proxies the right-most address of
    X-Forwarded-For that is not one of them."""
    remote = request.META.get("REMOTE_ADDR", "")
    client = _address(remote)
    if client is None:
        return remote
    proxies = trusted_proxy_networks()
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed(forwarded):
        if not any(client in network for network in proxies):
            break
        hop = _address(entry)
        if hop is None:
            # A trusted proxy wrote something that is not an address: stop at the last hop known
            # for sure, which puts everyone behind that proxy under one limit rather than none.
            break
        client = hop
    return str(client)
