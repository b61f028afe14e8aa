"""Acknowledgments (debt, waiver, repayment): filed by the acknowledger in person with his code,
accepted by the beneficiary with hers, approved by a notary; at most SAR 3,000,000 a year per
person; a notarized debt acknowledgment is an executive instrument its beneficiary can enforce."""

import datetime
import io
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from contracts.models import Acknowledgment
from contracts.services.acknowledgment import acknowledgment_save_details
from enforcement.models import PickedInstrument
from enforcement.services import execution_details
from requests_tracker.consents import consent_give
from requests_tracker.errors import AmountOutOfRange, NoteRequired, TransitionForbidden
from requests_tracker.issuing import issued_for_request
from requests_tracker.models import IdType, PartyRole, Request, Status
from requests_tracker.services import (
    missing_answers,
    request_party_add,
    request_start,
    request_submit,
    request_transition,
    submit_purpose,
)

from ..clients import english_client as browser
from ..factories import UserFactory
from ..poa.helpers import answer, confirm, sms_to

pytestmark = pytest.mark.django_db

ACKNOWLEDGER, BENEFICIARY = "خالد سعيد الغامدي", "منيرة عبد الله الشهري"
SUBJECT = "قرض حسن لشراء سيارة"


@pytest.fixture
def acknowledger(db):
    return UserFactory(name_ar=ACKNOWLEDGER, name_en="Khalid Saeed Alghamdi")


@pytest.fixture
def beneficiary(db):
    return UserFactory(name_ar=BENEFICIARY, name_en="Munira Abdullah Alshehri")


@pytest.fixture
def notary(db):
    return UserFactory(roles=["notary"])


def draft_acknowledgment(acknowledger, beneficiary=None, *, kind="debt", amount="50000.00", due_on="past"):
    draft = request_start(service="acknowledgment", applicant=acknowledger, start_token=uuid.uuid4())
    if beneficiary is not None:
        request_party_add(
            request=draft,
            actor=acknowledger,
            role=PartyRole.BENEFICIARY,
            id_type=IdType.NATIONAL_ID,
            id_number=beneficiary.national_id,
        )
    days = {"past": -10, "future": 30}
    acknowledgment_save_details(
        request=draft,
        actor=acknowledger,
        data={
            "kind": kind,
            "amount": Decimal(amount),
            "subject": SUBJECT,
            "due_on": timezone.localdate() + datetime.timedelta(days=days[due_on]) if due_on else None,
        },
    )
    return draft


def submitted(acknowledger, beneficiary, **kwargs) -> Request:
    draft = draft_acknowledgment(acknowledger, beneficiary, **kwargs)
    confirm(acknowledger, submit_purpose(draft))
    request_submit(request=draft, actor=acknowledger)
    draft.refresh_from_db()
    return draft


def accepted(acknowledger, beneficiary, **kwargs) -> Request:
    filed = submitted(acknowledger, beneficiary, **kwargs)
    answer(beneficiary, filed)
    return filed


def issued(acknowledger, beneficiary, notary, **kwargs) -> Request:
    filed = accepted(acknowledger, beneficiary, **kwargs)
    request_transition(request=filed, to=Status.COMPLETED, actor=notary)
    filed.refresh_from_db()
    return filed


def pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def page(user, filed):
    return browser(user).get(reverse("request_detail", args=[filed.pk]))


def enforce_url(filed, document) -> str:
    return reverse("enforcement:from_instrument", args=[filed.pk, document.number])


# --- Codes, the beneficiary's acceptance, the notary, the document ---------------------------------------


def test_the_acknowledger_and_the_beneficiary_confirm_with_codes_then_a_notary_issues_it(
    acknowledger, beneficiary, notary
):
    draft = draft_acknowledgment(acknowledger, beneficiary, amount="75000.00")
    with pytest.raises(TransitionForbidden):
        request_submit(request=draft, actor=acknowledger)  # no code yet
    confirm(acknowledger, submit_purpose(draft))
    request_submit(request=draft, actor=acknowledger)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert sms_to("consent_requested", draft) == {beneficiary.phone}

    with pytest.raises(TransitionForbidden):
        consent_give(request=draft, actor=beneficiary, accept=True)  # her code first
    answer(beneficiary, draft)
    assert draft.status == Status.IN_PROGRESS, "to the notaries' queue"
    assert not issued_for_request(draft).exists()

    with pytest.raises(TransitionForbidden):
        request_transition(request=draft, to=Status.COMPLETED, actor=UserFactory(roles=["mazoun"]))
    request_transition(request=draft, to=Status.COMPLETED, actor=notary)
    document = issued_for_request(draft).get()
    assert document.kind == "acknowledgment" and document.details["kind"] == "debt"
    assert set(document.parties.values_list("national_id", flat=True)) == {
        acknowledger.national_id,
        beneficiary.national_id,
    }
    assert sms_to("acknowledgment_issued", draft) == {acknowledger.phone, beneficiary.phone}


def test_a_rejection_by_the_beneficiary_rejects_it(acknowledger, beneficiary):
    filed = submitted(acknowledger, beneficiary)
    answer(beneficiary, filed, accept=False)
    assert filed.status == Status.REJECTED


def test_the_pdf_is_arabic_with_the_kind_amount_subject_and_parties(acknowledger, beneficiary, notary):
    filed = issued(acknowledger, beneficiary, notary, amount="1250000.00")
    document = issued_for_request(filed).get()
    text = pdf_text(document.pdf.read())
    for expected in ("إقرار بدين", "1,250,000.00", SUBJECT, ACKNOWLEDGER, BENEFICIARY, document.number):
        assert expected in text, expected
    assert acknowledger.national_id in text and beneficiary.national_id in text


def test_verify_shows_the_kind_and_the_amount(client, acknowledger, beneficiary, notary):
    filed = issued(acknowledger, beneficiary, notary, kind="waiver", amount="8000.00")
    document = issued_for_request(filed).get()
    client.cookies["django_language"] = "en"
    text = client.post(
        reverse("verify"), {"number": document.number, "national_id": beneficiary.national_id}
    ).text
    assert "Waiver" in text and "8,000.00" in text
    assert BENEFICIARY not in text, "names are masked"


# --- Who may be a party ----------------------------------------------------------------------------------


def test_a_minor_beneficiary_or_acknowledger_is_refused(acknowledger):
    minor = UserFactory(birth_date=timezone.localdate() - datetime.timedelta(days=365 * 16))
    draft = draft_acknowledgment(acknowledger, minor)
    with translation.override("en"):
        assert any("under 18" in problem for problem in missing_answers(draft))
    young = UserFactory(birth_date=timezone.localdate() - datetime.timedelta(days=365 * 17))
    draft = draft_acknowledgment(young, UserFactory())
    with translation.override("en"):
        assert any("under 18" in problem for problem in missing_answers(draft))
    confirm(young, submit_purpose(draft))
    with pytest.raises(NoteRequired, match="18"):
        request_submit(request=draft, actor=young)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_exactly_one_beneficiary_who_is_not_the_acknowledger(acknowledger, beneficiary):
    alone = draft_acknowledgment(acknowledger)
    with translation.override("en"):
        assert "Name exactly one beneficiary." in missing_answers(alone)
    with pytest.raises(TransitionForbidden):
        request_party_add(
            request=alone,
            actor=acknowledger,
            role=PartyRole.BENEFICIARY,
            id_type=IdType.NATIONAL_ID,
            id_number=acknowledger.national_id,
        )
    two = draft_acknowledgment(acknowledger, beneficiary)
    request_party_add(
        request=two,
        actor=acknowledger,
        role=PartyRole.BENEFICIARY,
        id_type=IdType.NATIONAL_ID,
        id_number=UserFactory().national_id,
    )
    with translation.override("en"):
        assert "Name exactly one beneficiary." in missing_answers(two)
    assert missing_answers(draft_acknowledgment(acknowledger, beneficiary)) == []


# --- The yearly limit ------------------------------------------------------------------------------------


def refusals(draft) -> str:
    with translation.override("en"):
        return " ".join(missing_answers(draft))


def test_the_yearly_limit_refuses_what_goes_past_three_million_and_says_what_is_left(
    acknowledger, beneficiary
):
    submitted(acknowledger, beneficiary, amount="2900000.00")
    second = draft_acknowledgment(acknowledger, UserFactory(), amount="200000.00")
    refused = refusals(second)
    assert "100,000.00" in refused, "what is left this year"
    confirm(acknowledger, submit_purpose(second))
    with pytest.raises(NoteRequired, match=r"100,000\.00"), translation.override("en"):
        request_submit(request=second, actor=acknowledger)
    second.refresh_from_db()
    assert second.status == Status.DRAFT
    assert refusals(draft_acknowledgment(acknowledger, UserFactory(), amount="100000.00")) == ""
    assert refusals(draft_acknowledgment(UserFactory(), beneficiary, amount="200000.00")) == "", "per person"


def test_a_refused_or_cancelled_acknowledgment_no_longer_counts(acknowledger, beneficiary):
    first = submitted(acknowledger, beneficiary, amount="2900000.00")
    answer(beneficiary, first, accept=False)
    assert refusals(draft_acknowledgment(acknowledger, beneficiary, amount="200000.00")) == ""


def test_a_new_year_counts_afresh(acknowledger, beneficiary, notary):
    last_year = issued(acknowledger, beneficiary, notary, amount="2900000.00")
    assert "100,000.00" in refusals(draft_acknowledgment(acknowledger, beneficiary, amount="200000.00"))
    Request.objects.filter(pk=last_year.pk).update(
        submitted_at=timezone.now().replace(year=timezone.localdate().year - 1, month=6, day=1)
    )
    assert refusals(draft_acknowledgment(acknowledger, beneficiary, amount="200000.00")) == ""


def test_the_notary_checks_the_limit_again_when_two_were_filed_together(acknowledger, beneficiary, notary):
    first = accepted(acknowledger, beneficiary, amount="2900000.00")
    second = accepted(acknowledger, UserFactory(), amount="50000.00")
    # As when both were checked at the same moment, neither seeing the other: together past the limit.
    Acknowledgment.objects.filter(request=second).update(amount=Decimal("200000.00"))
    request_transition(request=first, to=Status.COMPLETED, actor=notary)
    with translation.override("en"), pytest.raises(AmountOutOfRange, match=r"100,000\.00"):
        request_transition(request=second, to=Status.COMPLETED, actor=notary)
    second.refresh_from_db()
    assert second.status == Status.IN_PROGRESS and not issued_for_request(second).exists()


# --- The executive instrument ----------------------------------------------------------------------------


def test_the_beneficiary_of_a_debt_files_an_enforcement_request_with_it(acknowledger, beneficiary, notary):
    filed = issued(acknowledger, beneficiary, notary, amount="64000.00")
    document = issued_for_request(filed).get()
    url = enforce_url(filed, document)
    html = page(beneficiary, filed).content.decode()
    assert url in html
    assert url not in page(acknowledger, filed).content.decode()
    assert browser(acknowledger).post(url).status_code == 404, "the acknowledger enforces nothing"
    assert browser(UserFactory()).post(url).status_code == 404

    started = browser(beneficiary).post(url)
    draft = Request.objects.get(service="enforcement", applicant=beneficiary)
    assert started["Location"] == reverse("wizard_step", kwargs={"pk": draft.pk, "step": "parties"})
    assert draft.status == Status.DRAFT
    assert PickedInstrument.objects.get(request=draft).document == document
    details = execution_details(draft)
    assert details["instrument_type"] == "notarized" and details["instrument_number"] == document.number
    assert details["amount"] == Decimal("64000.00")


@pytest.mark.parametrize("kind", ["waiver", "repayment"])
def test_a_waiver_or_a_repayment_is_not_enforced(acknowledger, beneficiary, notary, kind):
    filed = issued(acknowledger, beneficiary, notary, kind=kind)
    document = issued_for_request(filed).get()
    url = enforce_url(filed, document)
    assert url not in page(beneficiary, filed).content.decode()
    assert browser(beneficiary).post(url).status_code == 404


def test_a_debt_not_yet_due_is_not_enforced(acknowledger, beneficiary, notary):
    filed = issued(acknowledger, beneficiary, notary, due_on="future")
    document = issued_for_request(filed).get()
    assert enforce_url(filed, document) not in page(beneficiary, filed).content.decode()
    assert browser(beneficiary).post(enforce_url(filed, document)).status_code == 404


def test_strangers_get_404_and_the_beneficiary_sees_it_only_once_submitted(acknowledger, beneficiary, notary):
    draft = draft_acknowledgment(acknowledger, beneficiary)
    assert page(beneficiary, draft).status_code == 404, "a draft is its author's alone"
    filed = issued(acknowledger, beneficiary, notary)
    document = issued_for_request(filed).get()
    stranger = UserFactory()
    assert page(stranger, filed).status_code == 404
    download = reverse("issued_document_download", args=[filed.pk, document.number])
    assert browser(stranger).get(download).status_code == 404
    assert browser(beneficiary).get(download).status_code == 200
    assert page(beneficiary, filed).status_code == 200


def test_the_wizard_takes_the_details_and_the_review_shows_them(acknowledger, beneficiary):
    draft = draft_acknowledgment(acknowledger, beneficiary)
    client = browser(acknowledger)
    url = reverse("wizard_step", kwargs={"pk": draft.pk, "step": "acknowledgment"})
    assert client.get(url).status_code == 200
    typed = "\u0662\u0665\u066c\u0660\u0660\u0660"  # 25,000 in Arabic-Indic digits and separator
    response = client.post(
        url, {"kind": "waiver", "amount": typed, "subject": SUBJECT, "due_on": "2020-01-01"}
    )
    assert response.status_code == 302
    saved = Acknowledgment.objects.get(request=draft)
    assert saved.kind == "waiver" and saved.amount == Decimal("25000") and saved.due_on is None
    review = client.get(reverse("wizard_step", kwargs={"pk": draft.pk, "step": "review"}))
    assert review.status_code == 200 and "25,000.00" in review.content.decode()
