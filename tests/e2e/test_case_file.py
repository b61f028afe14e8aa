"""Staff decide from the case file, in a real browser: the debtor and the documents on one screen,
and a step that cannot be undone asks first."""

import pytest

from requests_tracker.models import Status

from ..enforcement.test_case_file import filed_request
from .test_filing import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def staff_page(browser, live_server, user):
    page = browser.new_context(locale="ar-SA").new_page()
    page.set_default_timeout(10_000)
    page.context.add_cookies([_session_cookie(live_server, user)])
    return page


def test_the_clerk_sees_the_debtor_and_opens_the_document_in_the_page(browser, live_server):
    request, _creditor, debtor, clerk, _judge = filed_request(Status.UNDER_REVIEW)
    page = staff_page(browser, live_server, clerk)
    with page.expect_response(
        lambda response: "/preview/" in response.url and ".pdf" not in response.url
    ) as shown:
        page.goto(f"{live_server.url}/admin/enforcement/enforcementqueue/{request.pk}/change/")
    assert shown.value.status == 200 and shown.value.headers["content-type"] == "application/pdf"
    assert page.get_by_role("cell", name="ماجد بن سالم المري").is_visible()
    assert page.get_by_text(debtor.national_id).first.is_visible()
    assert page.locator("iframe.case-preview").first.is_visible()

    # The image opens when its document is unfolded.
    page.get_by_text("stamp.png").click()
    image = page.locator("img.case-preview")
    image.wait_for()
    # Shown once it has loaded (lazily, when unfolded): wait_for_function fails the test if it never does.
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())


def test_closing_as_executed_asks_before_it_happens(browser, live_server):
    request, _creditor, _debtor, _clerk, judge = filed_request(Status.IN_EXECUTION)
    page = staff_page(browser, live_server, judge)
    page.goto(f"{live_server.url}/admin/enforcement/enforcementqueue/{request.pk}/change/")
    page.locator("form.queue-step", has=page.locator('input[value="completed"]')).get_by_role(
        "button"
    ).click()
    page.wait_for_selector('input[name="confirmed"]', state="attached")
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION, "nothing happens before the confirmation"
    page.locator(".confirm-step button[type=submit]").click()
    page.wait_for_url(f"**/enforcementqueue/{request.pk}/change/")
    request.refresh_from_db()
    assert request.status == Status.COMPLETED
