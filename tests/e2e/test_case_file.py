"""Staff decide from the case file, in a real browser: the debtor and the documents on one screen,
and a step that cannot be undone asks first."""

import pytest

from enforcement.models import Measure
from requests_tracker.models import Status

from ..enforcement.orders import MANDATORY, day, debtor_row, execution_order
from ..enforcement.test_case_file import filed_request
from ..factories import UserFactory
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


def test_a_step_that_cannot_be_undone_asks_before_it_happens(browser, live_server):
    request, _creditor, _debtor, _clerk, judge = filed_request(Status.IN_EXECUTION)
    page = staff_page(browser, live_server, judge)
    page.goto(f"{live_server.url}/admin/enforcement/enforcementqueue/{request.pk}/change/")
    step = page.locator("form.queue-step", has=page.locator('input[value="rejected"]'))
    step.locator("textarea[name=decision]").fill("السند غير تنفيذي.")
    step.get_by_role("button").click()
    page.wait_for_selector('input[name="confirmed"]', state="attached")
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION, "nothing happens before the confirmation"
    page.locator(".confirm-step button[type=submit]").click()
    page.wait_for_url(f"**/enforcementqueue/{request.pk}/change/")
    request.refresh_from_db()
    assert request.status == Status.REJECTED


def test_the_judge_issues_decision_46_from_the_case_file_and_the_creditor_reads_the_measures(
    browser, live_server
):
    creditor = UserFactory()
    request = execution_order(creditor=creditor)
    day(request, 5)
    page = staff_page(browser, live_server, request.judge)
    page.goto(f"{live_server.url}/admin/enforcement/enforcementqueue/{request.pk}/change/")
    page.get_by_label("منع المنشآت المالية من التعامل معه").check()
    page.get_by_role("button", name="إصدار قرار 46").click()
    page.wait_for_url(f"**/enforcementqueue/{request.pk}/change/")
    decision = debtor_row(request).decision
    assert decision is not None and page.get_by_text(decision.number).first.is_visible()
    assert set(Measure.objects.filter(state="applied").values_list("kind", flat=True)) == MANDATORY | {
        "financial_bar"
    }
    mine = staff_page(browser, live_server, creditor)
    mine.goto(f"{live_server.url}/requests/{request.pk}/")
    assert mine.get_by_role("cell", name="إيقاف إصدار صكوك التوكيل منه").is_visible()
    assert mine.get_by_role("cell", name="منع المنشآت المالية من التعامل معه").is_visible()
