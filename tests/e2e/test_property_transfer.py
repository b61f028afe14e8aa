"""A citizen sells his property to a resident, in a real browser: he files through every step of the
wizard and confirms with his code, the buyer accepts with his, the notary approves in the admin,
the buyer downloads his new title deed, and /verify/ tells that the old one was transferred.

Elements are found by their names, values, ids and addresses; what is checked is numbers, names,
statuses and addresses (the Arabic of new strings may come later).
"""

import re

import pytest
from django.utils import translation

from contracts.models import PropertyTransfer
from contracts.services.realty import title_deed_register
from identity.models import User
from requests_tracker.models import IssuedDocument, Request, Status

from ..factories import PersonFactory, UserFactory
from .test_filing import _session_cookie
from .test_poa import add_party, press, sign_in_through_the_sso, sms_code, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IBAN = "SA0380000000608010167519"


def new_page(browser):
    page = browser.new_context(locale="ar-SA").new_page()
    page.set_default_timeout(10_000)
    return page


def test_a_seller_transfers_his_property_to_a_buyer_who_downloads_the_new_deed(browser, live_server):
    base = live_server.url
    person = PersonFactory(name_ar="محمد بن سعد العتيبي")
    buyer = UserFactory(name_ar="أحمد حسن علي")
    notary = UserFactory(roles=["notary"])

    # The seller signs in; the registry holds his deed.
    seller_page = new_page(browser)
    sign_in_through_the_sso(seller_page, base, person, "property_transfer")
    seller = User.objects.get(national_id=person.national_id)
    deed = title_deed_register(
        owner=seller, city="الرياض", district="حي الملقا", plot_number="2231", area="480.50"
    )
    old_number = deed.document.number

    # He files through every step of the wizard.
    submit(seller_page)  # start
    seller_page.wait_for_url(re.compile(r"/file/parties/$"))
    add_party(seller_page, "buyer", buyer.national_id)
    press(seller_page, "action", "continue")
    seller_page.wait_for_url(re.compile(r"/file/property/$"))
    seller_page.locator(f"input[name=deed][value='{deed.pk}']").check()
    seller_page.locator("input[name=price]").fill("1,250,000")
    seller_page.locator("input[name=seller_iban]").fill(IBAN)
    submit(seller_page)
    seller_page.wait_for_url(re.compile(r"/file/documents/$"))
    press(seller_page, "action", "continue")
    seller_page.wait_for_url(re.compile(r"/file/review/$"))
    assert seller_page.get_by_text(old_number).first.is_visible()
    submit(seller_page)

    # Submitting asks for his one-time code.
    seller_page.wait_for_url(re.compile(r"/requests/\d+/confirm/"))
    if not seller_page.locator("input[name=code]").count():
        press(seller_page, "action", "send")
    seller_page.locator("input[name=code]").fill(sms_code(seller.phone))
    press(seller_page, "action", "confirm")
    seller_page.wait_for_url(re.compile(r"/requests/\d+/submitted/$"))
    filed = Request.objects.get(service="property_transfer", applicant=seller)
    assert filed.status == Status.SUBMITTED

    # The buyer signs in and accepts with his code: his payment is held.
    buyer_page = new_page(browser)
    buyer_page.context.add_cookies([_session_cookie(live_server, buyer)])
    buyer_page.goto(base + f"/requests/{filed.pk}/")
    assert buyer_page.get_by_text(old_number).first.is_visible()
    assert IBAN not in buyer_page.content()
    buyer_page.goto(base + f"/requests/{filed.pk}/answer/")
    press(buyer_page, "action", "send")
    buyer_page.locator("input[name=code]").fill(sms_code(buyer.phone))
    press(buyer_page, "action", "accept")
    buyer_page.wait_for_url(re.compile(rf"/requests/{filed.pk}/$"))
    filed.refresh_from_db()
    assert filed.status == Status.IN_PROGRESS
    assert PropertyTransfer.objects.get(request=filed).payment == PropertyTransfer.Payment.HELD

    # The notary approves from the case file, confirming a step that cannot be undone.
    notary_page = new_page(browser)
    notary_page.context.add_cookies([_session_cookie(live_server, notary)])
    notary_page.goto(f"{base}/admin/contracts/notaryqueue/{filed.pk}/change/")
    notary_page.locator("form.queue-step", has=notary_page.locator('input[value="completed"]')).get_by_role(
        "button"
    ).click()
    notary_page.wait_for_selector('input[name="confirmed"]', state="attached")
    notary_page.locator(".confirm-step button[type=submit]").click()
    notary_page.wait_for_url(f"**/notaryqueue/{filed.pk}/change/")
    filed.refresh_from_db()
    assert filed.status == Status.COMPLETED
    new_deed = PropertyTransfer.objects.select_related("new_deed__document").get(request=filed).new_deed
    new_number = new_deed.document.number
    assert new_deed.owner_id == buyer.national_id

    # The buyer downloads his new deed from the request page.
    buyer_page.goto(base + f"/requests/{filed.pk}/")
    assert buyer_page.locator("#new-deed").inner_text() == new_number
    with buyer_page.expect_download() as downloading:
        buyer_page.locator(f"main a[href*='{new_number}']").first.click()
    path = downloading.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read() == new_deed.document.pdf.read()

    # Anyone with the old deed's number and the seller's ID reads that it was transferred.
    verifier = new_page(browser)
    verifier.goto(base + "/verify/")
    verifier.locator("input[name=number]").fill(old_number)
    verifier.locator("input[name=national_id]").fill(seller.national_id)
    submit(verifier)
    with translation.override("ar"):
        transferred = str(IssuedDocument.Status.TRANSFERRED.label)
        valid = str(IssuedDocument.Status.VALID.label)
    result = verifier.locator("#verify-result").inner_text()
    assert transferred in result and valid not in result
    for page in (seller_page, buyer_page, notary_page, verifier):
        page.context.close()
