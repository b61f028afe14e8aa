"""The staff queues look like the portal: its font and greens, and nothing refused by the
Content-Security-Policy on the way."""

import pytest

from ..factories import UserFactory
from .test_filing import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PORTAL_GREEN = "rgb(0, 102, 79)"
PORTAL_DARK_GREEN = "rgb(0, 77, 59)"


def test_the_queue_is_drawn_in_the_portals_font_and_colours_under_the_csp(page, live_server):
    clerk = UserFactory(roles=["enforcement_clerk"])
    page.context.add_cookies([_session_cookie(live_server, clerk)])
    refused = []

    def note_refusal(message):
        # Chromium reports every stylesheet, script or font the policy blocked on the console.
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", note_refusal)

    page.goto(live_server.url + "/admin/enforcement/enforcementqueue/")
    page.evaluate("document.fonts.ready")

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"IBM Plex Sans Arabic"')
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('IBM Plex Sans Arabic') && f.status === 'loaded').length"
    )
    assert loaded >= 1, "the Arabic face itself was downloaded, not a fallback"
    assert (
        page.evaluate("getComputedStyle(document.getElementById('header')).backgroundColor") == PORTAL_GREEN
    )
    assert page.evaluate("getComputedStyle(document.querySelector('.breadcrumbs')).backgroundColor") == (
        PORTAL_DARK_GREEN
    )
    assert page.get_by_role("button", name="نفّذ").is_visible(), "the action bar's button in Arabic"
    assert refused == []
