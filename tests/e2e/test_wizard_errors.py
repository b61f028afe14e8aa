"""In a real browser: nothing typed in the wizard is lost, errors answered to htmx appear beside the
form and in the summary, and the focus goes where a keyboard or screen-reader user needs it."""

import re

import pytest
from django.urls import reverse

from requests_tracker.models import PartyRole, Request, Status
from requests_tracker.services import request_transition

from ..factories import RequestFactory, UserFactory
from ..files import pdf_bytes
from .test_filing import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Functions, not expressions: Playwright evaluates an expression again on every poll inside the page,
# which the portal's CSP (no 'unsafe-eval') refuses once the first check has not already passed.
FOCUSED_IS_ERROR_SUMMARY = "() => document.activeElement.classList.contains('error-summary')"


def signed_in(page, live_server, user):
    page.context.add_cookies([_session_cookie(live_server, user)])
    return page


def mark_the_page(page):
    """A mark that a full page load would wipe: it tells an htmx swap from a reload."""
    page.evaluate("window.stillTheSamePage = true")


def still_the_same_page(page) -> bool:
    return page.evaluate("window.stillTheSamePage === true")


def test_a_debtor_typed_but_not_added_stops_continue_when_wrong_and_is_added_when_right(page, live_server):
    creditor, debtor = UserFactory(), UserFactory()
    signed_in(page, live_server, creditor)
    page.goto(live_server.url + "/services/enforcement/")
    page.get_by_role("button", name="ابدأ الآن").click()
    parties_url = page.url

    page.get_by_label("رقم الهوية").fill("1234567890")
    page.get_by_role("button", name="متابعة", exact=True).click()
    summary = page.locator(".error-summary")
    summary.wait_for()
    assert page.url == parties_url, "the step stops"
    page.wait_for_function(FOCUSED_IS_ERROR_SUMMARY)  # the focus is on the summary of what went wrong
    assert page.get_by_label("رقم الهوية").input_value() == "1234567890", "what was typed is kept"
    assert not Request.objects.get(applicant=creditor).parties.filter(role=PartyRole.DEBTOR).exists()

    page.get_by_label("رقم الهوية").fill(debtor.national_id)
    page.get_by_role("button", name="متابعة", exact=True).click()
    page.wait_for_url(re.compile(r"/instrument/$"))
    assert Request.objects.get(applicant=creditor).parties.get(role=PartyRole.DEBTOR).user == debtor


def test_a_refused_upload_shows_its_error_in_place_and_a_good_one_takes_the_focus(
    page, live_server, tmp_path
):
    creditor = UserFactory()
    draft = RequestFactory(service="enforcement", applicant=creditor)
    signed_in(page, live_server, creditor)
    page.goto(live_server.url + reverse("wizard_step", args=[draft.pk, "documents"]))
    mark_the_page(page)

    fake = tmp_path / "cheque.pdf"
    fake.write_bytes(b"<html><script>alert(1)</script></html>")
    page.get_by_label("الملف").set_input_files(str(fake))
    page.get_by_role("button", name="رفع", exact=True).click()

    summary = page.locator("#documents-panel .error-summary[role=alert]")
    summary.wait_for()
    assert still_the_same_page(page), "answered in place by htmx"
    assert "cheque.pdf" in summary.inner_text()
    beside = page.locator("#id_file_error")
    assert beside.is_visible() and "cheque.pdf" in beside.inner_text()
    assert "id_file_error" in page.get_by_label("الملف").get_attribute("aria-describedby")
    page.wait_for_function(FOCUSED_IS_ERROR_SUMMARY)
    assert not draft.documents.exists()

    good = tmp_path / "instrument.pdf"
    good.write_bytes(pdf_bytes())
    page.get_by_label("الملف").set_input_files(str(good))
    page.get_by_role("button", name="رفع", exact=True).click()
    page.get_by_role("link", name="instrument.pdf").wait_for()
    assert page.locator(".error-summary").count() == 0
    # Focus moves once htmx has settled the swap, a moment after the link appears.
    page.wait_for_function("() => document.activeElement.textContent.trim() === 'instrument.pdf'")


def test_a_file_chosen_but_not_uploaded_is_uploaded_on_continue(page, live_server, tmp_path):
    creditor = UserFactory()
    draft = RequestFactory(service="enforcement", applicant=creditor)
    signed_in(page, live_server, creditor)
    page.goto(live_server.url + reverse("wizard_step", args=[draft.pk, "documents"]))
    chosen = tmp_path / "chosen.pdf"
    chosen.write_bytes(pdf_bytes())
    page.get_by_label("الملف").set_input_files(str(chosen))
    page.get_by_role("button", name="المتابعة إلى المراجعة").click()
    page.wait_for_url(re.compile(r"/review/$"))
    assert page.get_by_text("chosen.pdf").first.is_visible()
    assert draft.documents.get().original_name == "chosen.pdf"


def _submitted_request(citizen):
    filed = RequestFactory(applicant=citizen)
    request_transition(request=filed, to=Status.SUBMITTED, actor=citizen)
    return filed


def test_an_empty_message_says_so_in_place_and_takes_the_focus(page, live_server):
    citizen = UserFactory()
    filed = _submitted_request(citizen)
    signed_in(page, live_server, citizen)
    page.goto(live_server.url + reverse("request_detail", args=[filed.pk]))
    mark_the_page(page)
    page.get_by_role("button", name="إرسال الرسالة").click()

    summary = page.locator("#thread .error-summary[role=alert]")
    summary.wait_for()
    assert still_the_same_page(page)
    assert page.locator("#id_body_error").is_visible()
    page.wait_for_function(FOCUSED_IS_ERROR_SUMMARY)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_body", "the summary's link reaches the field"
    assert not filed.messages.exists()


def test_an_empty_message_without_javascript_shows_the_page_with_the_error(browser, live_server):
    citizen = UserFactory()
    filed = _submitted_request(citizen)
    context = browser.new_context(locale="ar-SA", java_script_enabled=False)
    page = signed_in(context.new_page(), live_server, citizen)
    page.goto(live_server.url + reverse("request_detail", args=[filed.pk]))
    page.get_by_role("button", name="إرسال الرسالة").click()
    page.locator("#thread .error-summary").wait_for()
    assert page.locator("#id_body_error").is_visible()
    assert not filed.messages.exists()
    context.close()


def test_a_failed_submit_focuses_the_summary_whose_radio_link_reaches_the_first_radio(page, live_server):
    creditor = UserFactory()
    draft = RequestFactory(service="enforcement", applicant=creditor)
    signed_in(page, live_server, creditor)
    page.goto(live_server.url + reverse("wizard_step", args=[draft.pk, "instrument"]))
    page.get_by_role("button", name="حفظ ومتابعة").click()
    page.locator(".error-summary").wait_for()
    page.wait_for_function(FOCUSED_IS_ERROR_SUMMARY)

    first_radio = page.get_by_role("radio").first
    radio_link = page.locator(f".error-summary a[href='#{first_radio.get_attribute('id')}']")
    radio_link.click()
    assert page.evaluate("document.activeElement.type") == "radio"
