"""axe-core on every kind of page, in Arabic and English, signed out and as each role (WCAG 2.2 AA).

``make test`` fetches a pinned axe-core from the npm registry into .tools/ (see the Makefile) and
passes its path in AXE_CORE_JS. It is evaluated in the page through the DevTools protocol, which
the portal's Content-Security-Policy (scripts only with the page's nonce) does not apply to.
"""

import os
from pathlib import Path

import pytest

from .tour import PORTAL_VISITORS, STAFF_VISITORS, demo, new_page  # noqa: F401 - the demo fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
# Violations of these impacts fail the test; "moderate" and "minor" ones are for review.
BLOCKING = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def axe_source() -> str:
    configured = os.environ.get("AXE_CORE_JS")
    candidates = [Path(configured)] if configured else sorted(ROOT.glob(".tools/axe-core-*/axe.min.js"))
    for path in candidates:
        if path.is_file():
            return path.read_text()
    pytest.skip("axe-core is missing from .tools/: `make test` downloads the version pinned in the Makefile")


@pytest.fixture(scope="module")
def axe():
    return axe_source()


def blocking_violations(page, axe: str) -> list[tuple[str, str]]:
    """(rule, description) of each serious or critical violation on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe)
    violations = page.evaluate(
        "options => axe.run(document, options).then(result => result.violations)", AXE_OPTIONS
    )
    found = []
    for violation in violations:
        if violation["impact"] in BLOCKING:
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            found.append(
                (violation["id"], f"{violation['impact']} {violation['id']} ({violation['help']}): {targets}")
            )
    return found


def tour_violations(browser, base_url: str, axe: str, visitors: dict) -> list[tuple[str, str]]:
    found = []
    for visitor, (national_id, tour) in visitors.items():
        for language in ("ar", "en"):
            page = new_page(browser, base_url, language=language, national_id=national_id)
            for stop in tour():
                stop.visit(page, base_url)
                where = f"{visitor}, {language}, {stop.name} ({page.url})"
                found += [(rule, f"{where}: {text}") for rule, text in blocking_violations(page, axe)]
            page.context.close()
    return found


@pytest.mark.usefixtures("demo")
def test_portal_pages_have_no_serious_accessibility_violation(browser, live_server, axe):
    found = tour_violations(browser, live_server.url, axe, PORTAL_VISITORS)
    assert not found, "axe:\n" + "\n".join(text for _rule, text in found)


@pytest.mark.usefixtures("demo")
def test_staff_queues_have_no_serious_accessibility_violation(browser, live_server, axe):
    found = tour_violations(browser, live_server.url, axe, STAFF_VISITORS)
    assert not found, "axe:\n" + "\n".join(text for _rule, text in found)


def test_axe_finds_what_it_is_meant_to_find(browser, live_server, axe):
    """The check is live: a page with an unlabelled field and unreadable text fails it."""
    page = new_page(browser, live_server.url, language="en")
    page.goto(live_server.url + "/help/")
    page.evaluate(
        """() => {
            document.querySelector('main').insertAdjacentHTML('beforeend',
                '<input type="text"><p style="color:#eee;background:#fff">faint</p>');
        }"""
    )
    rules = {rule for rule, _text in blocking_violations(page, axe)}
    assert {"label", "color-contrast"} <= rules
    page.context.close()
