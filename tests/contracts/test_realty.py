"""Real-estate sale and transfer (إفراغ): what stops a transfer, the parties' codes, the notary's
approval that moves the deed, the price released a day later or refunded, an agent filing for the
seller, and who sees what."""

import datetime
from decimal import Decimal

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from contracts.forms.realty import PropertyTransferForm
from contracts.models import PropertyTransfer, TitleDeed
from contracts.services.realty import (
    PAYMENT_RELEASE,
    property_transfer_details,
    property_transfer_save_details,
)
from enforcement.assets import asset_seize, asset_verify
from enforcement.selectors import deeds_under_seizure
from enforcement.services import execution_disclose, execution_settle, measures_lift
from requests_tracker.consents import consent_give, consent_purpose
from requests_tracker.deadlines import fire_due
from requests_tracker.errors import NoteRequired, TransitionForbidden
from requests_tracker.models import Deadline, IssuedDocument, OutboundMessage, Status
from requests_tracker.services import missing_answers, request_transition

from ..enforcement.orders import execution_order
from ..factories import UserFactory
from ..poa.helpers import answer, confirm, issue_poa, sms_to
from ..poa.test_pdf import pdf_text
from .realty_helpers import (
    IBAN,
    PRICE,
    accepted_transfer,
    approve,
    deed_for,
    draft_transfer,
    notary,
    submit,
)

pytestmark = pytest.mark.django_db

SELLER_NAME = "محمد بن سعد العتيبي"
BUYER_NAME = "أحمد حسن علي"


@pytest.fixture
def seller():
    return UserFactory(name_ar=SELLER_NAME)


@pytest.fixture
def buyer():
    return UserFactory(name_ar=BUYER_NAME, national_id="2100000005")


@pytest.fixture
def deed(seller):
    return deed_for(seller)


def seizing(owner, deed_number: str, *, up_to="seized"):
    """An enforcement request against ``owner`` in which he disclosed the deed ``deed_number``,
    taken ``up_to`` "disclosed", "verified" or "seized" (by the enforcement judge's order)."""
    request = execution_order(debtors=[owner])
    asset = execution_disclose(
        request=request,
        actor=owner,
        kind="property",
        identifier=deed_number,
        description="أرض",
        value=Decimal("90000"),
    )
    if up_to in {"verified", "seized"}:
        asset_verify(asset=asset, actor=request.clerk, verified=True)
    if up_to == "seized":
        asset_seize(asset=asset, actor=request.judge)
    return request


# --- What stops a transfer -------------------------------------------------------------------------


def test_a_deed_under_an_enforcement_seizure_is_refused_naming_the_enforcement_request(seller, buyer, deed):
    number = deed.document.number
    enforcement = seizing(seller, number)
    draft = draft_transfer(seller, buyer, deed)
    problems = " ".join(missing_answers(draft))
    assert number in problems and enforcement.reference in problems
    confirm(seller, f"submit:{draft.pk}")
    with pytest.raises(NoteRequired, match=enforcement.reference):
        from requests_tracker.services import request_submit

        request_submit(request=draft, actor=seller)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_only_a_deed_the_enforcement_judge_ordered_seized_is_held_until_the_lifting(seller, deed):
    number = deed.document.number
    seizing(seller, number, up_to="disclosed")
    seizing(seller, number, up_to="verified")
    seizing(seller, f"9{number}")  # another deed whose number holds this one
    assert deeds_under_seizure([number]) == {}, "disclosed or verified is not seized"
    running = seizing(seller, number)
    assert deeds_under_seizure([number, "777"]) == {number: running.reference}
    execution_settle(request=running, actor=running.applicant)
    measures_lift(request=running, actor=running.judge)
    assert deeds_under_seizure([number]) == {}, "released by the judge's lifting order"


def test_a_mortgaged_deed_is_refused_with_the_mortgagee(seller, buyer):
    mortgaged = deed_for(seller, mortgagee="مصرف الراجحي")
    draft = draft_transfer(seller, buyer, mortgaged)
    problems = " ".join(missing_answers(draft))
    assert mortgaged.document.number in problems and "مصرف الراجحي" in problems


def test_a_deed_not_the_sellers_is_neither_offered_nor_accepted(seller, buyer, deed):
    someone_elses = deed_for(UserFactory(), plot="77")
    draft = draft_transfer(seller, buyer, deed)
    form = PropertyTransferForm(initial=property_transfer_details(draft))
    offered = [value for value, _label in form.fields["deed"].choices]
    assert offered == [str(deed.pk)]
    posted = PropertyTransferForm(
        {
            "deed": str(someone_elses.pk),
            "price": "1000",
            "seller_iban": IBAN,
            "seller_id": someone_elses.owner_id,
        },
        initial=property_transfer_details(draft),
    )
    assert not posted.is_valid() and "deed" in posted.errors, "the posted owner does not widen the choice"
    with pytest.raises(TransitionForbidden):
        property_transfer_save_details(
            request=draft, actor=seller, data={"deed": someone_elses.pk, "price": PRICE, "seller_iban": IBAN}
        )
    assert draft.property_transfer.deed == deed


def test_a_deed_that_changed_hands_since_it_was_picked_is_refused(seller, buyer, deed):
    draft = draft_transfer(seller, buyer, deed)
    TitleDeed.objects.filter(pk=deed.pk).update(owner_id=UserFactory().national_id)
    assert any(deed.document.number in problem for problem in missing_answers(draft))


def test_a_minor_buyer_is_refused(seller, deed):
    minor = UserFactory(birth_date=timezone.localdate() - datetime.timedelta(days=17 * 365))
    draft = draft_transfer(seller, minor, deed)
    problems = " ".join(missing_answers(draft))
    assert minor.name_ar in problems and "18" in problems


def test_exactly_one_buyer_is_named(seller, buyer, deed):
    draft = draft_transfer(seller, None, deed)
    assert missing_answers(draft), "no buyer"
    from requests_tracker.models import IdType, PartyRole
    from requests_tracker.services import request_party_add

    request_party_add(
        request=draft,
        actor=seller,
        role=PartyRole.BUYER,
        id_type=IdType.NATIONAL_ID,
        id_number=buyer.national_id,
    )
    assert missing_answers(draft) == []
    with pytest.raises(TransitionForbidden):
        request_party_add(
            request=draft, actor=seller, role=PartyRole.BUYER, id_type=IdType.NATIONAL_ID,
            id_number=seller.national_id,
        )  # fmt: skip
    with pytest.raises(TransitionForbidden):  # every party is registered in the portal
        request_party_add(
            request=draft, actor=seller, role=PartyRole.BUYER, id_type=IdType.NATIONAL_ID,
            id_number="1999999990", name="غير مسجل", phone="0551234567",
        )  # fmt: skip


# --- The codes and the payment ---------------------------------------------------------------------


def test_submitting_needs_the_sellers_code_and_accepting_the_buyers(seller, buyer, deed):
    draft = draft_transfer(seller, buyer, deed)
    from requests_tracker.services import request_submit

    with pytest.raises(TransitionForbidden):
        request_submit(request=draft, actor=seller)
    filed = submit(draft, seller)
    assert filed.status == Status.SUBMITTED
    assert buyer.phone in sms_to("transfer_consent_requested", filed)

    with pytest.raises(TransitionForbidden):
        consent_give(request=filed, actor=buyer, accept=True)
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED
    assert PropertyTransfer.objects.get(request=filed).payment == PropertyTransfer.Payment.AWAITED

    with pytest.raises(TransitionForbidden):  # the seller's code is not the buyer's answer
        confirm(seller, consent_purpose(filed))
        consent_give(request=filed, actor=seller, accept=True)

    answer(buyer, filed)
    assert filed.status == Status.IN_PROGRESS, "to the notary's queue"
    transfer = PropertyTransfer.objects.get(request=filed)
    assert transfer.payment == PropertyTransfer.Payment.HELD and transfer.paid_at is not None
    assert buyer.phone in sms_to("transfer_price_held", filed)


def test_a_buyer_who_rejects_pays_nothing(seller, buyer, deed):
    filed = submit(draft_transfer(seller, buyer, deed), seller)
    answer(buyer, filed, accept=False)
    assert filed.status == Status.REJECTED
    assert PropertyTransfer.objects.get(request=filed).payment == PropertyTransfer.Payment.AWAITED
    assert deed.document.status == IssuedDocument.Status.VALID


# --- The notary's approval -------------------------------------------------------------------------


def test_the_notarys_approval_transfers_the_deed_to_the_buyer(client, seller, buyer, deed):
    filed = accepted_transfer(seller, buyer, deed)
    with TestCase.captureOnCommitCallbacks(execute=True):
        approve(filed)
    assert filed.status == Status.COMPLETED

    deed.document.refresh_from_db()
    assert deed.document.status == IssuedDocument.Status.TRANSFERRED
    assert filed.reference in deed.document.history.order_by("-pk").first().reason
    transfer = PropertyTransfer.objects.select_related("new_deed__document").get(request=filed)
    new = transfer.new_deed
    assert new.document.status == IssuedDocument.Status.VALID
    assert (new.owner_id, new.owner_name, new.previous) == (buyer.national_id, BUYER_NAME, deed)
    assert (new.city, new.district, new.plot_number, new.area) == (
        deed.city,
        deed.district,
        "1204",
        deed.area,
    )
    assert new.document.request == filed
    assert list(new.document.parties.values_list("role", "national_id")) == [("owner", buyer.national_id)]
    assert {seller.phone, buyer.phone} <= sms_to("transfer_completed", filed)
    sms = OutboundMessage.objects.get(event="transfer_completed", to=buyer.phone).body
    assert new.document.number in sms

    # Anyone holding the old deed's number and the seller's ID reads that it was transferred.
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = client.post(
        reverse("verify"), {"number": deed.document.number, "national_id": seller.national_id}
    ).text
    assert "Real-estate title deed: Transferred" in text and "الرياض" in text and "حي النرجس" in text
    assert seller.national_id not in text.split('id="verify-result"')[1], "the parties' IDs masked"
    text = client.post(
        reverse("verify"), {"number": new.document.number, "national_id": buyer.national_id}
    ).text
    assert "Real-estate title deed: Valid" in text and deed.document.number in text


def test_a_second_transfer_of_the_same_deed_approved_later_fails(seller, buyer, deed):
    other_buyer = UserFactory()
    first = accepted_transfer(seller, buyer, deed)
    second = accepted_transfer(seller, other_buyer, deed)
    approve(first)
    with pytest.raises(TransitionForbidden, match=deed.document.number):
        approve(second)
    second.refresh_from_db()
    assert second.status == Status.IN_PROGRESS
    assert TitleDeed.objects.filter(owner_id=other_buyer.national_id).count() == 0
    assert PropertyTransfer.objects.get(request=second).new_deed is None


def test_a_deed_mortgaged_or_seized_after_the_buyer_accepted_is_not_transferred(seller, buyer, deed):
    filed = accepted_transfer(seller, buyer, deed)
    TitleDeed.objects.filter(pk=deed.pk).update(mortgagee="البنك الأهلي السعودي")
    with pytest.raises(TransitionForbidden, match="البنك الأهلي السعودي"):
        approve(filed)
    TitleDeed.objects.filter(pk=deed.pk).update(mortgagee="")
    enforcement = seizing(seller, deed.document.number)
    with pytest.raises(TransitionForbidden, match=enforcement.reference):
        approve(filed)
    deed.document.refresh_from_db()
    assert deed.document.status == IssuedDocument.Status.VALID


def test_only_a_notary_approves(seller, buyer, deed):
    filed = accepted_transfer(seller, buyer, deed)
    for someone in (seller, buyer, UserFactory(roles=["enforcement_judge"])):
        with pytest.raises(TransitionForbidden):
            approve(filed, by=someone)
    filed.refresh_from_db()
    assert filed.status == Status.IN_PROGRESS


# --- The money ---------------------------------------------------------------------------------------


def test_the_price_reaches_the_seller_24_hours_after_the_transfer(seller, buyer, deed):
    filed = approve(accepted_transfer(seller, buyer, deed))
    deadline = Deadline.objects.get(request=filed, kind=PAYMENT_RELEASE)
    approved_at = filed.status_changed_at
    assert abs(deadline.due_at - approved_at - datetime.timedelta(hours=24)) < datetime.timedelta(minutes=1)

    fire_due(now=approved_at + datetime.timedelta(hours=23))
    assert PropertyTransfer.objects.get(request=filed).payment == PropertyTransfer.Payment.HELD

    with TestCase.captureOnCommitCallbacks(execute=True):
        fire_due(now=approved_at + datetime.timedelta(hours=24, minutes=1))
    transfer = PropertyTransfer.objects.get(request=filed)
    assert transfer.payment == PropertyTransfer.Payment.RELEASED and transfer.released_at is not None
    sms = OutboundMessage.objects.get(event="transfer_price_released", request=filed, channel="sms")
    assert sms.to == seller.phone and "1,250,000.00" in sms.body and filed.reference in sms.body

    fire_due(now=approved_at + datetime.timedelta(hours=48))
    assert OutboundMessage.objects.filter(event="transfer_price_released", channel="sms").count() == 1, (
        "released once"
    )


def test_a_rejection_by_the_notary_refunds_the_buyer(seller, buyer, deed):
    filed = accepted_transfer(seller, buyer, deed)
    request_transition(request=filed, to=Status.REJECTED, actor=notary(), decision="الثمن دون قيمة العقار")
    transfer = PropertyTransfer.objects.get(request=filed)
    assert transfer.payment == PropertyTransfer.Payment.REFUNDED
    assert sms_to("transfer_price_refunded", filed) == {buyer.phone}
    deed.document.refresh_from_db()
    assert deed.document.status == IssuedDocument.Status.VALID
    assert not Deadline.objects.filter(request=filed, kind=PAYMENT_RELEASE).exists()


def test_a_transfer_returned_then_cancelled_refunds_the_buyer_once(seller, buyer, deed):
    filed = accepted_transfer(seller, buyer, deed)
    request_transition(request=filed, to=Status.RETURNED, actor=notary(), decision="أرفق صورة الهوية")
    assert PropertyTransfer.objects.get(request=filed).payment == PropertyTransfer.Payment.HELD
    request_transition(request=filed, to=Status.CANCELLED, actor=seller)
    assert PropertyTransfer.objects.get(request=filed).payment == PropertyTransfer.Payment.REFUNDED
    assert OutboundMessage.objects.filter(event="transfer_price_refunded", channel="sms").count() == 1


# --- An agent for the seller -------------------------------------------------------------------------


def test_an_agent_with_a_sell_property_poa_files_for_the_seller(seller, buyer, deed):
    agent = UserFactory()
    with pytest.raises(TransitionForbidden):
        draft_transfer(seller, buyer, deed, agent=agent)
    issue_poa(seller, [agent], clauses=("sell_property",), poa_type="general")
    deed_for(agent, plot="999")  # the agent's own deed is not the seller's
    draft = draft_transfer(seller, buyer, deed, agent=agent)
    form = PropertyTransferForm(initial=property_transfer_details(draft))
    assert [value for value, _label in form.fields["deed"].choices] == [str(deed.pk)], "the seller's deeds"
    filed = accepted_transfer(seller, buyer, deed, agent=agent)
    assert (filed.applicant, filed.represented) == (agent, seller)
    approve(filed)
    assert PropertyTransfer.objects.get(request=filed).new_deed.owner_id == buyer.national_id


# --- Who sees what -------------------------------------------------------------------------------------


def test_who_sees_the_request_page(client, seller, buyer, deed):
    draft = draft_transfer(seller, buyer, deed)
    url = reverse("request_detail", args=[draft.pk])
    client.force_login(buyer)
    assert client.get(url).status_code == 404, "a draft is the seller's alone"

    filed = submit(draft, seller)
    page = client.get(url).text
    assert deed.document.number in page and "حي النرجس" in page and "1,250,000.00" in page
    assert IBAN not in page and IBAN[-4:] not in page, "the buyer never reads the seller's account"

    client.force_login(seller)
    page = client.get(url).text
    assert f"••••{IBAN[-4:]}" in page.replace("&bull;", "•")

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404, "a stranger"

    answer(buyer, filed)
    approve(filed)
    new = PropertyTransfer.objects.get(request=filed).new_deed
    client.force_login(buyer)
    page = client.get(url).text
    assert new.document.number in page
    download = client.get(reverse("issued_document_download", args=[filed.pk, new.document.number]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == new.document.pdf.read()


# --- The deed's PDF ------------------------------------------------------------------------------------


def test_the_title_deed_pdf_reads_in_arabic(seller, deed):
    text = pdf_text(deed.document.pdf.read())
    assert "صك ملكية عقار" in text
    assert SELLER_NAME in text and seller.national_id in text
    assert "حي النرجس" in text and "الرياض" in text and "1204" in text and "625.00" in text
    assert deed.document.number in text


def test_the_new_deed_pdf_names_the_buyer_and_the_previous_deed(seller, buyer, deed):
    filed = approve(accepted_transfer(seller, buyer, deed))
    new = PropertyTransfer.objects.get(request=filed).new_deed
    text = pdf_text(new.document.pdf.read())
    assert BUYER_NAME in text and SELLER_NAME not in text
    assert deed.document.number in text and filed.reference in text


def test_a_deed_the_supervisor_cancelled_is_neither_sold_nor_verified_valid(client, seller, buyer, deed):
    from requests_tracker.issuing import document_cancel

    draft = draft_transfer(seller, buyer, deed)
    document_cancel(
        document=deed.document, actor=UserFactory(roles=["supervisor"]), reason="Voided by a ruling"
    )
    assert any(deed.document.number in problem for problem in missing_answers(draft))
    client.cookies["django_language"] = "en"
    page = client.post(reverse("verify"), {"number": deed.document.number, "national_id": seller.national_id})
    assert (
        "Cancelled" in page.text and "Voided" not in page.text
    )  # the status for all, the reason for the parties
