"""The client's IP, which every rate limit keys on: X-Forwarded-For is believed only from trusted proxies."""

import pytest
from django.test import RequestFactory

from identity.network import client_ip


def request_from(remote_addr: str, forwarded_for: str | None = None):
    headers = {} if forwarded_for is None else {"x-forwarded-for": forwarded_for}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, headers=headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_client_is_the_address_it_appended(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request_from("10.0.0.2", "198.51.100.1")) == "198.51.100.1"


def test_what_the_client_wrote_itself_is_ignored(settings):
    """The attacker sends X-Forwarded-For: 1.1.1.1 to pose as someone else; the proxy appends the
    real address, and the right-most untrusted one is taken."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    request = request_from("10.0.0.2", "1.1.1.1, 198.51.100.1, 192.0.2.10")
    assert client_ip(request) == "198.51.100.1"


def test_a_request_not_from_a_trusted_proxy_is_its_own_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_every_hop_trusted_gives_the_left_most_and_garbage_stops_at_the_last_good_hop(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request_from("10.0.0.2", "10.0.0.9, 10.0.0.3")) == "10.0.0.9"
    assert client_ip(request_from("10.0.0.2", "not-an-ip")) == "10.0.0.2"
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("remote_addr", "forwarded_for", "expected"),
    [
        ("::ffff:10.0.0.2", "198.51.100.1", "198.51.100.1"),
        ("2001:db8::1", "2001:db8:1::5", "2001:db8:1::5"),
        ("10.0.0.2", " 2001:DB8:1:0::5 ", "2001:db8:1::5"),
    ],
)
def test_ipv6_and_ipv4_mapped_addresses(settings, remote_addr, forwarded_for, expected):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/64"]
    assert client_ip(request_from(remote_addr, forwarded_for)) == expected
