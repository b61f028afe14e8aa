"""The marriage contract: the husband files, the wife, her guardian and two witnesses accept with
their codes, the chosen ma'zoun approves and the marriage deed is issued (issue 14, point 1)."""

import datetime
import io
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from contracts.services.marriage import SCREENING_DOCUMENT, marriage_save_details
from requests_tracker.errors import NoteRequired, TransitionForbidden
from requests_tracker.issuing import issued_for_request
from requests_tracker.models import IdType, OutboundMessage, PartyRole, Status
from requests_tracker.services import (
    document_add,
    missing_answers,
    request_party_add,
    request_start,
    request_submit,
    request_transition,
    submit_purpose,
)

from ..factories import UserFactory
from ..files import pdf_upload
from ..poa.helpers import answer, confirm

pytestmark = pytest.mark.django_db

HUSBAND_NAME, WIFE_NAME = "فهد سعد العتيبي", "سارة ناصر القحطاني"


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) + datetime.timedelta(days=days)


@pytest.fixture
def mazoun(db):
    return UserFactory(roles=["mazoun"], name_ar="عبدالله محمد المطيري")


@pytest.fixture
def people(db):
    return {
        "husband": UserFactory(name_ar=HUSBAND_NAME),
        "wife": UserFactory(name_ar=WIFE_NAME),
        "guardian": UserFactory(),
        "witnesses": [UserFactory(), UserFactory()],
    }


def draft_contract(people, mazoun, *, husband=None, wife=None, witnesses=None):
    husband = husband or people["husband"]
    draft = request_start(service="marriage_contract", applicant=husband, start_token=uuid.uuid4())
    named = [
        (PartyRole.WIFE, wife or people["wife"]),
        (PartyRole.GUARDIAN, people["guardian"]),
        *((PartyRole.WITNESS, witness) for witness in (witnesses or people["witnesses"])),
    ]
    for role, person in named:
        request_party_add(
            request=draft, actor=husband, role=role, id_type=IdType.NATIONAL_ID, id_number=person.national_id
        )
    marriage_save_details(
        request=draft,
        actor=husband,
        data={
            "mazoun": mazoun,
            "dowry_advanced": Decimal("50000"),
            "dowry_deferred": Decimal("25000"),
            "conditions": "أن تكمل الزوجة دراستها",
        },
    )
    return draft


def submitted(people, mazoun, **kwargs):
    draft = draft_contract(people, mazoun, **kwargs)
    husband = kwargs.get("husband") or people["husband"]
    confirm(husband, submit_purpose(draft))
    request_submit(request=draft, actor=husband)
    draft.refresh_from_db()
    return draft


def accepted_by_all(people, mazoun, **kwargs):
    contract = submitted(people, mazoun, **kwargs)
    for person in (kwargs.get("wife") or people["wife"], people["guardian"], *people["witnesses"]):
        answer(person, contract)
    return contract


def approved(contract, actor):
    return request_transition(request=contract, to=Status.COMPLETED, actor=actor)


def pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


# --- Who may be a party ------------------------------------------------------------------------------


def test_a_minor_wife_is_refused(people, mazoun):
    people["wife"] = UserFactory(birth_date=years_ago(18, days=1))  # 18 tomorrow
    draft = draft_contract(people, mazoun)
    confirm(people["husband"], submit_purpose(draft))
    with pytest.raises(NoteRequired) as refused:
        request_submit(request=draft, actor=people["husband"])
    assert "18" in str(refused.value)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_minor_witness_is_refused_and_an_adult_one_accepted(people, mazoun):
    minor = UserFactory(birth_date=years_ago(17))
    draft = draft_contract(people, mazoun, witnesses=[people["witnesses"][0], minor])
    assert any(minor.name_ar in problem for problem in missing_answers(draft))
    adult = draft_contract(people, mazoun)
    assert missing_answers(adult) == []


def test_a_minor_husband_is_refused(people, mazoun):
    people["husband"] = UserFactory(birth_date=years_ago(17))
    draft = draft_contract(people, mazoun)
    assert any(people["husband"].name_ar in problem for problem in missing_answers(draft))


def test_two_witnesses_one_guardian_and_nobody_twice(people, mazoun):
    draft = draft_contract(people, mazoun, witnesses=people["witnesses"][:1])
    assert len(missing_answers(draft)) == 1
    # The guardian named a witness too: one person, two parts.
    request_party_add(
        request=draft,
        actor=people["husband"],
        role=PartyRole.WITNESS,
        id_type=IdType.NATIONAL_ID,
        id_number=people["guardian"].national_id,
    )
    assert len(missing_answers(draft)) == 1


def test_the_husband_cannot_name_himself_the_guardian(people, mazoun):
    draft = request_start(service="marriage_contract", applicant=people["husband"], start_token=uuid.uuid4())
    with pytest.raises(TransitionForbidden):
        request_party_add(
            request=draft,
            actor=people["husband"],
            role=PartyRole.GUARDIAN,
            id_type=IdType.NATIONAL_ID,
            id_number=people["husband"].national_id,
        )


def test_an_unregistered_party_is_refused(people, mazoun):
    draft = request_start(service="marriage_contract", applicant=people["husband"], start_token=uuid.uuid4())
    with pytest.raises(TransitionForbidden):
        request_party_add(
            request=draft,
            actor=people["husband"],
            role=PartyRole.WITNESS,
            id_type=IdType.NATIONAL_ID,
            id_number="1000000008",
            name="شاهد غير مسجل",
            phone="0551234567",
        )


def test_a_non_saudi_spouse_needs_the_screening_certificate(people, mazoun):
    resident = UserFactory(national_id="2123456788", name_ar="أحمد حسن علي")
    draft = draft_contract(people, mazoun, husband=resident)
    confirm(resident, submit_purpose(draft))
    assert len(missing_answers(draft)) == 1  # the certificate, and nothing else
    with pytest.raises(NoteRequired):
        request_submit(request=draft, actor=resident)
    document_add(request=draft, actor=resident, upload=pdf_upload("screening.pdf"), kind=SCREENING_DOCUMENT)
    assert missing_answers(draft) == []
    request_submit(request=draft, actor=resident)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_a_non_saudi_wife_needs_it_too(people, mazoun):
    wife = UserFactory(national_id="2123456788")
    draft = draft_contract(people, mazoun, wife=wife)
    assert len(missing_answers(draft)) == 1


def test_a_saudi_couple_needs_no_screening_certificate(people, mazoun):
    assert submitted(people, mazoun).status == Status.SUBMITTED


def test_the_husband_confirms_with_his_code(people, mazoun):
    draft = draft_contract(people, mazoun)
    with pytest.raises(TransitionForbidden):
        request_submit(request=draft, actor=people["husband"])


# --- The parties' codes, then the ma'zoun ---------------------------------------------------------------


def test_every_party_accepts_with_a_code_then_the_chosen_mazoun_has_it(people, mazoun):
    contract = submitted(people, mazoun)
    asked = OutboundMessage.objects.filter(
        request=contract, event="marriage_consent_requested", channel="sms"
    )
    assert set(asked.values_list("to", flat=True)) == {
        person.phone for person in (people["wife"], people["guardian"], *people["witnesses"])
    }
    for person in (people["wife"], people["guardian"], people["witnesses"][0]):
        answer(person, contract)
        assert contract.status == Status.SUBMITTED
    answer(people["witnesses"][1], contract)
    assert contract.status == Status.IN_PROGRESS
    assert contract.assignee == mazoun
    assert OutboundMessage.objects.filter(
        request=contract, event="marriage_to_mazoun", to=mazoun.phone
    ).exists()


def test_a_rejection_by_the_guardian_rejects_the_contract(people, mazoun):
    contract = submitted(people, mazoun)
    answer(people["wife"], contract)
    answer(people["guardian"], contract, accept=False)
    assert contract.status == Status.REJECTED
    with pytest.raises(TransitionForbidden):
        answer(people["witnesses"][0], contract)


def test_only_the_chosen_mazoun_approves(people, mazoun):
    contract = accepted_by_all(people, mazoun)
    other = UserFactory(roles=["mazoun"])
    with pytest.raises(TransitionForbidden):
        approved(contract, other)
    contract.refresh_from_db()
    assert contract.status == Status.IN_PROGRESS
    assert not issued_for_request(contract).exists()
    approved(contract, mazoun)
    contract.refresh_from_db()
    assert contract.status == Status.COMPLETED


def test_a_supervisor_may_approve_for_the_mazoun(people, mazoun):
    contract = accepted_by_all(people, mazoun)
    approved(contract, UserFactory(roles=["supervisor"]))
    assert issued_for_request(contract).get().kind == "marriage_deed"


def test_the_husband_cannot_approve_his_own_contract(people, mazoun):
    contract = accepted_by_all(people, mazoun)
    with pytest.raises(TransitionForbidden):
        approved(contract, people["husband"])


# --- The deed ------------------------------------------------------------------------------------------------


def test_the_deed_names_the_spouses_in_arabic_and_every_party_is_told(people, mazoun):
    contract = accepted_by_all(people, mazoun)
    with translation.override("en"):
        approved(contract, mazoun)
    deed = issued_for_request(contract).get()
    text = pdf_text(deed.pdf.read())
    for part in (HUSBAND_NAME, WIFE_NAME, "عبدالله محمد المطيري", people["wife"].national_id, deed.number):
        assert part in text
    assert "50000" in text and "25000" in text
    roles = set(deed.parties.values_list("role", flat=True))
    assert roles == {PartyRole.HUSBAND, PartyRole.WIFE, PartyRole.GUARDIAN, PartyRole.WITNESS}
    told = OutboundMessage.objects.filter(request=contract, event="marriage_deed_issued", channel="sms")
    assert set(told.values_list("to", flat=True)) == {
        person.phone
        for person in (people["husband"], people["wife"], people["guardian"], *people["witnesses"])
    }
    assert all(deed.number in body for body in told.values_list("body", flat=True))


def test_the_wife_downloads_the_deed_a_witness_and_a_stranger_do_not(client, people, mazoun):
    contract = accepted_by_all(people, mazoun)
    approved(contract, mazoun)
    deed = issued_for_request(contract).get()
    url = reverse("issued_document_download", args=[contract.pk, deed.number])
    client.force_login(people["wife"])
    assert client.get(url).status_code == 200
    client.force_login(people["husband"])
    assert client.get(url).status_code == 200
    client.force_login(people["witnesses"][0])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("request_detail", args=[contract.pk])).status_code == 404


def test_the_parties_see_the_contract_from_its_submission(client, people, mazoun):
    draft = draft_contract(people, mazoun)
    client.force_login(people["guardian"])
    assert client.get(reverse("request_detail", args=[draft.pk])).status_code == 404
    confirm(people["husband"], submit_purpose(draft))
    request_submit(request=draft, actor=people["husband"])
    page = client.get(reverse("request_detail", args=[draft.pk]))
    assert page.status_code == 200
    assert "50000" in page.content.decode()


def test_verify_shows_the_mazoun_and_the_date_not_the_dowry(client, people, mazoun):
    contract = accepted_by_all(people, mazoun)
    approved(contract, mazoun)
    deed = issued_for_request(contract).get()
    page = client.post(reverse("verify"), {"number": deed.number, "national_id": people["wife"].national_id})
    text = page.content.decode()
    assert "عبدالله محمد المطيري" in text
    assert "50000" not in text and "50,000" not in text


def test_the_wizard_offers_active_mazouns_and_saves_the_contract(client, people, mazoun):
    retired = UserFactory(roles=["mazoun"], name_ar="مأذون متقاعد", is_active=False)
    draft = request_start(service="marriage_contract", applicant=people["husband"], start_token=uuid.uuid4())
    client.force_login(people["husband"])
    url = reverse("wizard_step", args=[draft.pk, "contract"])
    page = client.get(url).content.decode()
    assert mazoun.name_ar in page and retired.name_ar not in page
    response = client.post(
        url,
        {
            "mazoun": mazoun.pk,
            "dowry_advanced": "\u0665\u0660\u066c\u0660\u0660\u0660",
            "dowry_deferred": "0",
            "conditions": "",
        },
    )
    assert response.status_code == 302  # typed in Arabic-Indic digits with the Arabic separator
    assert draft.marriage_contract.dowry_advanced == Decimal("50000")
    review = client.get(reverse("wizard_step", args=[draft.pk, "review"])).content.decode()
    assert mazoun.name_ar in review


def test_in_the_mazouns_queue_another_mazoun_is_refused_and_the_chosen_one_approves(client, people, mazoun):
    contract = accepted_by_all(people, mazoun)
    url = reverse("admin:contracts_mazounqueue_transition", args=[contract.pk])
    step = {"to": Status.COMPLETED, "confirmed": "yes"}
    client.force_login(UserFactory(roles=["mazoun"]))
    client.post(url, step)
    contract.refresh_from_db()
    assert contract.status == Status.IN_PROGRESS
    client.force_login(mazoun)
    client.post(url, step)
    contract.refresh_from_db()
    assert contract.status == Status.COMPLETED
    assert issued_for_request(contract).get().kind == "marriage_deed"


def test_the_mazoun_cannot_be_a_party_to_the_contract_he_approves(people, mazoun):
    people["witnesses"][1] = mazoun
    draft = draft_contract(people, mazoun)
    assert len(missing_answers(draft)) == 1
    assert (
        missing_answers(draft_contract(people | {"witnesses": [UserFactory(), UserFactory()]}, mazoun)) == []
    )
