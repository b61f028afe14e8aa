"""A citizen gives a lawyer a judicial power of attorney, the lawyer files enforcement for him, the
citizen revokes it and the lawyer loses the request, in a real browser.

The pages are in Arabic, whose translations of the new strings come later: elements are found by
their names, values, ids and addresses, and what is checked is numbers, names and addresses.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation

from identity.models import OutboxMessage, User
from identity.services import terms_accept
from requests_tracker.models import IssuedDocument, Request, Status

from ..enforcement.helpers import DEBTOR_PARTICULARS, bank_account
from ..factories import PERSON_PASSWORD, PersonFactory, UserFactory
from ..files import pdf_bytes
from ..poa.helpers import lawyer
from .test_filing import _session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IBAN = "SA0380000000608010167519"
# A one-time code in an SMS: six digits on their own, not the tail of a reference (POA-1448-000012).
CODE = re.compile(r"(?<![\d-])\d{6}(?![\d-])")


def submit(page) -> None:
    """Press the main button of the page's (first) form and wait for the next page."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def press(page, name: str, value: str) -> None:
    with page.expect_navigation():
        page.locator(f"main button[name={name}][value={value}]").click()


def add_party(page, role: str, id_number: str) -> None:
    """Name a registered party on the wizard's parties step, and see it listed."""
    page.locator("select[name=role]").select_option(role)
    page.locator("input[name=id_number]").fill(id_number)
    press(page, "action", "add")
    assert page.locator("main tbody td", has_text=id_number).is_visible()


def sms_code(phone: str) -> str:
    body = OutboxMessage.objects.filter(recipient=phone).order_by("-pk").first().body
    return CODE.findall(body)[-1]


def sign_in_through_the_sso(page, base_url: str, person, service: str = "poa") -> None:
    """Sign ``person`` in through the national SSO on the way to ``service``'s start page, past
    the terms."""
    page.goto(base_url + f"/accounts/national_sso/login/?next=/services/{service}/")
    submit(page)  # on to the national SSO
    page.locator("input[name=national_id]").fill(person.national_id)
    page.locator("input[name=password]").fill(PERSON_PASSWORD)
    submit(page)
    page.wait_for_url(re.compile(r"/sso/signin/code/"))
    page.locator("input[name=code]").fill(sms_code(person.phone))
    submit(page)
    page.wait_for_url(re.compile(r"/terms/"))
    page.locator("main input[type=checkbox]").check()
    submit(page)
    page.wait_for_url(re.compile(rf"/services/{service}/$"))


def test_a_citizen_gives_a_lawyer_a_judicial_poa_and_revoking_it_takes_the_clients_request_from_him(
    browser, live_server, tmp_path
):
    person = PersonFactory(name_ar="سلمان بن فهد الدوسري")
    advocate = lawyer(name_ar="نورة بنت عبدالله القحطاني")
    terms_accept(user=advocate)
    debtor = UserFactory()
    base = live_server.url

    # The citizen signs in and issues the POA through the wizard.
    citizen_page = browser.new_context(locale="ar-SA").new_page()
    citizen_page.set_default_timeout(10_000)
    sign_in_through_the_sso(citizen_page, base, person)
    citizen = User.objects.get(national_id=person.national_id)
    bank_account(citizen, iban=IBAN)  # the creditor is the client: the money goes to his account
    submit(citizen_page)  # start
    citizen_page.wait_for_url(re.compile(r"/file/parties/$"))
    add_party(citizen_page, "agent", advocate.national_id)
    press(citizen_page, "action", "continue")

    citizen_page.wait_for_url(re.compile(r"/file/poa/$"))
    ends_on = timezone.localdate() + datetime.timedelta(days=200)
    citizen_page.locator("input[name=poa_type][value=judicial]").check()
    citizen_page.locator("input[name=clauses][value=pleading]").check()
    citizen_page.locator("input[name=clauses][value=enforcement_application]").check()
    citizen_page.locator("input[name=ends_on]").fill(ends_on.isoformat())
    submit(citizen_page)

    citizen_page.wait_for_url(re.compile(r"/file/documents/$"))
    press(citizen_page, "action", "continue")  # no document is asked for
    citizen_page.wait_for_url(re.compile(r"/file/review/$"))
    submit(citizen_page)

    # Submitting asks for a one-time code sent to the citizen's registered mobile (sent with the
    # press of Submit, or from the code page's own button).
    citizen_page.wait_for_url(re.compile(r"/requests/\d+/confirm/"))
    if not citizen_page.locator("input[name=code]").count():
        press(citizen_page, "action", "send")
    citizen_page.locator("input[name=code]").fill(sms_code(person.phone))
    press(citizen_page, "action", "confirm")
    citizen_page.wait_for_url(re.compile(r"/requests/\d+/submitted/$"))

    poa = Request.objects.get(service="poa", applicant=citizen)
    assert poa.status == Status.COMPLETED
    number = poa.poa.document.number
    assert poa.poa.ends_on == ends_on
    citizen_page.goto(base + "/poa/")
    assert citizen_page.locator("main a", has_text=number).is_visible()

    # The lawyer sees her new client, with the POA's number.
    lawyer_page = browser.new_context(locale="ar-SA").new_page()
    lawyer_page.set_default_timeout(10_000)
    lawyer_page.context.add_cookies([_session_cookie(live_server, advocate)])
    lawyer_page.goto(base + "/poa/clients/")
    client = lawyer_page.locator(f"section:has(#client-{citizen.pk})")
    assert client.locator("h2").inner_text() == "سلمان بن فهد الدوسري"
    assert client.get_by_text(number).is_visible()

    # She files an enforcement request for him, from the service's start page.
    lawyer_page.goto(base + "/services/enforcement/")
    lawyer_page.locator("details.file-for-client summary").click()
    lawyer_page.locator("input[name=client_national_id]").fill(citizen.national_id)
    submit(lawyer_page)
    lawyer_page.wait_for_url(re.compile(r"/file/parties/$"))
    lawyer_page.locator("input[name=id_number]").fill(debtor.national_id)
    lawyer_page.locator("input[name=national_address]").fill(DEBTOR_PARTICULARS["national_address"])
    press(lawyer_page, "action", "add")
    press(lawyer_page, "action", "continue")
    lawyer_page.wait_for_url(re.compile(r"/file/instrument/$"))
    lawyer_page.locator("input[name=request_type][value=financial]").check()
    lawyer_page.locator("select[name=instrument_type]").select_option("cheque")
    lawyer_page.locator("input[name=instrument_number]").fill("778812")
    lawyer_page.locator("input[name=instrument_date]").fill("2026-10-01")
    lawyer_page.locator("input[name=instrument_issuer]").fill("مصرف الراجحي")
    lawyer_page.locator("input[name=amount]").fill("7500")
    submit(lawyer_page)
    lawyer_page.wait_for_url(re.compile(r"/file/account/$"))
    lawyer_page.locator("input[name=creditor_iban]").fill(IBAN)
    submit(lawyer_page)
    lawyer_page.wait_for_url(re.compile(r"/file/documents/$"))
    cheque = tmp_path / "cheque.pdf"
    cheque.write_bytes(pdf_bytes())
    lawyer_page.locator("select[name=kind]").select_option("instrument")
    lawyer_page.locator("input[name=file]").set_input_files(str(cheque))
    press(lawyer_page, "action", "continue")  # uploads the chosen file on the way
    lawyer_page.wait_for_url(re.compile(r"/file/review/$"))
    submit(lawyer_page)
    lawyer_page.wait_for_url(re.compile(r"/submitted/$"))

    filed = Request.objects.get(service="enforcement")
    assert (filed.applicant, filed.represented, filed.status) == (advocate, citizen, Status.SUBMITTED)
    lawyer_page.goto(base + f"/requests/{filed.pk}/")
    assert lawyer_page.get_by_text(filed.reference).first.is_visible()

    # The citizen finds the request filed for him among his own.
    citizen_page.goto(base + "/requests/")
    assert citizen_page.get_by_role("link", name=filed.reference).is_visible()

    # He revokes the POA from its page, confirming on a page of its own.
    citizen_page.goto(base + f"/requests/{poa.pk}/")
    with citizen_page.expect_navigation():
        citizen_page.locator(f'main a[href="/poa/{poa.pk}/revoke/"]').click()
    submit(citizen_page)
    citizen_page.wait_for_url(re.compile(rf"/requests/{poa.pk}/$"))
    assert IssuedDocument.objects.get(number=number).status == IssuedDocument.Status.REVOKED

    # The lawyer's reload of her client's request: it is no longer hers to see.
    assert lawyer_page.reload().status == 404
    lawyer_page.goto(base + "/poa/clients/")
    assert lawyer_page.locator(f"#client-{citizen.pk}").count() == 0

    # Anyone checking the POA's number with the citizen's ID reads that it was revoked.
    verifier = browser.new_context(locale="ar-SA").new_page()
    verifier.goto(base + "/verify/")
    verifier.locator("input[name=number]").fill(number)
    verifier.locator("input[name=national_id]").fill(citizen.national_id)
    submit(verifier)
    with translation.override("ar"):
        revoked, valid = str(IssuedDocument.Status.REVOKED.label), str(IssuedDocument.Status.VALID.label)
    result = verifier.locator("#verify-result")
    assert number in verifier.locator("section[aria-labelledby=verify-result]").inner_text()
    assert revoked in result.inner_text() and valid not in result.inner_text()
    for page in (citizen_page, lawyer_page, verifier):
        page.context.close()
