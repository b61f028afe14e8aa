"""Issuing a power of attorney: at once for a sole principal who confirmed with his code, after every
co-principal's answer otherwise (or never, once 48 hours passed), through the notary for a company."""

import datetime
import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from poa.forms import PoaDetailsForm
from poa.models import PoaType, PowerOfAttorney
from poa.services import poa_check
from requests_tracker import deadlines
from requests_tracker.consents import consent_give, consent_purpose
from requests_tracker.errors import RequestError, TransitionForbidden
from requests_tracker.models import IdType, IssuedDocument, PartyRole, Status
from requests_tracker.services import (
    party_add,
    request_party_add,
    request_submit,
    request_transition,
    submit_purpose,
)

from ..factories import UserFactory
from .helpers import answer, confirm, draft_poa, issue_poa, lawyer, sms_to

pytestmark = pytest.mark.django_db


def details(**changes) -> dict:
    data = {
        "poa_type": PoaType.SPECIAL,
        "clauses": ["passports"],
        "ends_on": timezone.localdate() + timedelta(days=30),
    }
    return {**data, **changes}


# --- A sole principal ------------------------------------------------------------------------------


def test_a_sole_principals_poa_is_issued_at_once_with_its_pdf_and_everyone_is_told():
    principal, advocate = UserFactory(), lawyer()
    filed = issue_poa(principal, [advocate])
    assert filed.status == Status.COMPLETED
    document = PowerOfAttorney.objects.get(request=filed).document
    assert document.status == IssuedDocument.Status.VALID and document.kind == "poa"
    assert len(document.number) == 12 and document.number.isdigit()
    with document.pdf.open("rb") as pdf:
        stored = pdf.read()
    assert stored.startswith(b"%PDF") and hashlib.sha256(stored).hexdigest() == document.sha256
    assert sms_to("poa_issued", filed) == {principal.phone, advocate.phone}


def test_a_poa_is_not_submitted_without_a_fresh_code():
    principal = UserFactory()
    draft = draft_poa(principal, [lawyer()])
    with pytest.raises(TransitionForbidden):
        request_submit(request=draft, actor=principal)
    confirm(principal, "submit:0")  # a code for another act confirms nothing here
    with pytest.raises(TransitionForbidden):
        request_submit(request=draft, actor=principal)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and not IssuedDocument.objects.exists()


def test_a_code_older_than_ten_minutes_no_longer_submits():
    principal = UserFactory()
    draft = draft_poa(principal, [lawyer()])
    confirm(principal, submit_purpose(draft))
    from identity.models import ConfirmationCode

    ConfirmationCode.objects.filter(user=principal).update(used_at=timezone.now() - timedelta(minutes=11))
    with pytest.raises(TransitionForbidden):
        request_submit(request=draft, actor=principal)


def test_a_judicial_poa_to_someone_without_an_active_lawyer_licence_is_refused_naming_him():
    principal, citizen, lapsed = UserFactory(), UserFactory(), lawyer()
    lapsed.lawyer_licence.expires_on = timezone.localdate() - timedelta(days=1)
    lapsed.lawyer_licence.save()
    draft = draft_poa(principal, [citizen, lapsed, lawyer()])
    with translation.override("en"):
        problems = poa_check(draft)
    refusals = [problem for problem in problems if "lawyer licence" in problem]
    assert len(refusals) == 2
    assert citizen.name_ar in refusals[0] and lapsed.name_ar in refusals[1]
    confirm(principal, submit_purpose(draft))
    with pytest.raises(RequestError) as refused:
        request_submit(request=draft, actor=principal)
    assert citizen.name_ar in refused.value.message
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_special_poa_may_go_to_any_registered_person():
    filed = issue_poa(UserFactory(), [UserFactory()], poa_type=PoaType.SPECIAL, clauses=["passports"])
    assert filed.status == Status.COMPLETED


@pytest.mark.parametrize("days", [0, -1, 366])
def test_an_end_date_not_after_today_or_beyond_a_year_is_refused_by_the_form_and_the_service(days):
    ends_on = timezone.localdate() + timedelta(days=days)
    form = PoaDetailsForm(data=details(ends_on=ends_on.isoformat()))
    assert not form.is_valid() and "ends_on" in form.errors
    principal = UserFactory()
    draft = draft_poa(principal, [lawyer()], ends_in_days=days)
    with translation.override("en"):
        assert "The end date must be after today and at most one year ahead." in poa_check(draft)
    confirm(principal, submit_purpose(draft))
    with pytest.raises(RequestError):
        request_submit(request=draft, actor=principal)


def test_an_end_date_a_year_ahead_is_accepted():
    form = PoaDetailsForm(data=details(ends_on=(timezone.localdate() + timedelta(days=365)).isoformat()))
    assert form.is_valid(), form.errors
    assert issue_poa(UserFactory(), [lawyer()], ends_in_days=365).status == Status.COMPLETED


def test_a_poa_has_at_most_fifty_principals():
    principal = UserFactory()
    draft = draft_poa(principal, [lawyer()])
    for number in range(49):  # with the applicant: 50
        party_add(request=draft, role=PartyRole.PRINCIPAL, id_number=f"10{number:08d}", name="موكل")
    with translation.override("en"):
        assert not any("at most" in problem for problem in poa_check(draft))
    party_add(request=draft, role=PartyRole.PRINCIPAL, id_number="1099999999", name="موكل")
    with translation.override("en"):
        assert "A power of attorney has at most 50 principals." in poa_check(draft)
    confirm(principal, submit_purpose(draft))
    with pytest.raises(RequestError):
        request_submit(request=draft, actor=principal)


def test_an_agent_not_registered_in_the_portal_cannot_be_added():
    principal = UserFactory()
    draft = draft_poa(principal, [lawyer()])
    with pytest.raises(TransitionForbidden):
        request_party_add(
            request=draft, actor=principal, role=PartyRole.AGENT, id_type=IdType.NATIONAL_ID,
            id_number="1000000008", name="شخص غير مسجل", phone="0551234567",
        )  # fmt: skip
    assert draft.parties.filter(role=PartyRole.AGENT).count() == 1


def test_a_business_representatives_poa_waits_for_the_notary_who_issues_it():
    principal, agent = UserFactory(), UserFactory()
    filed = issue_poa(
        principal, [agent], poa_type=PoaType.BUSINESS, clauses=["company_meetings"],
        company_name="شركة الاختبار", commercial_register="1010101010",
    )  # fmt: skip
    assert filed.status == Status.IN_PROGRESS
    assert PowerOfAttorney.objects.get(request=filed).document is None
    with pytest.raises(TransitionForbidden):
        request_transition(request=filed, to=Status.COMPLETED, actor=principal)
    notary = UserFactory(roles=["notary"])
    request_transition(request=filed, to=Status.COMPLETED, actor=notary)
    document = PowerOfAttorney.objects.get(request=filed).document
    assert document.status == IssuedDocument.Status.VALID and document.issued_by == notary
    assert sms_to("poa_issued", filed) == {principal.phone, agent.phone}


def test_a_business_poa_without_the_companys_details_is_refused():
    principal = UserFactory()
    form = PoaDetailsForm(data=details(poa_type=PoaType.BUSINESS))
    assert not form.is_valid() and {"company_name", "commercial_register"} <= set(form.errors)
    draft = draft_poa(principal, [UserFactory()], poa_type=PoaType.BUSINESS, clauses=["company_meetings"])
    confirm(principal, submit_purpose(draft))
    with pytest.raises(RequestError):
        request_submit(request=draft, actor=principal)


# --- Co-principals ---------------------------------------------------------------------------------


@pytest.fixture
def co_signed():
    """A POA of three principals, submitted by the first: the two others are asked."""
    principal, second, third, agent = UserFactory(), UserFactory(), UserFactory(), lawyer()
    filed = issue_poa(principal, [agent], co_principals=[second, third])
    return filed, principal, second, third, agent


def test_the_co_principals_are_asked_and_nothing_is_issued_before_they_answer(co_signed):
    filed, _principal, second, third, _agent = co_signed
    assert filed.status == Status.SUBMITTED
    assert PowerOfAttorney.objects.get(request=filed).document is None
    assert sms_to("poa_consent_requested", filed) == {second.phone, third.phone}


def test_one_rejection_ends_the_request_and_everyone_is_told(co_signed):
    filed, principal, second, third, _agent = co_signed
    answer(second, filed, accept=True)
    answer(third, filed, accept=False)
    assert filed.status == Status.REJECTED
    assert PowerOfAttorney.objects.get(request=filed).document is None
    assert not IssuedDocument.objects.filter(request=filed).exists()
    assert sms_to("poa_rejected", filed) >= {principal.phone, second.phone, third.phone}
    assert not sms_to("poa_issued", filed)


def test_every_acceptance_issues_the_poa(co_signed):
    filed, principal, second, third, agent = co_signed
    answer(second, filed)
    assert filed.status == Status.SUBMITTED
    answer(third, filed)
    assert filed.status == Status.COMPLETED
    assert PowerOfAttorney.objects.get(request=filed).document.status == IssuedDocument.Status.VALID
    assert sms_to("poa_issued", filed) == {principal.phone, second.phone, third.phone, agent.phone}


def test_the_request_lapses_48_hours_after_without_every_answer(co_signed):
    filed, principal, second, third, _agent = co_signed
    answer(second, filed)
    now = timezone.now()
    deadlines.fire_due(now=now + timedelta(hours=47, minutes=59))
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED and not sms_to("poa_lapsed")
    deadlines.fire_due(now=now + timedelta(hours=48, minutes=1))
    filed.refresh_from_db()
    assert filed.status == Status.CANCELLED
    assert sms_to("poa_lapsed", filed) >= {principal.phone, second.phone, third.phone}
    assert PowerOfAttorney.objects.get(request=filed).document is None
    with pytest.raises(TransitionForbidden):
        answer(third, filed)


def test_an_answer_needs_the_answering_principals_own_code(co_signed):
    filed, principal, second, _third, _agent = co_signed
    with pytest.raises(TransitionForbidden):
        consent_give(request=filed, actor=second, accept=True)
    confirm(principal, consent_purpose(filed))  # the applicant's code is not the co-principal's
    with pytest.raises(TransitionForbidden):
        consent_give(request=filed, actor=second, accept=True)
    confirm(second, submit_purpose(filed))  # nor is a code for another act
    with pytest.raises(TransitionForbidden):
        consent_give(request=filed, actor=second, accept=True)
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED


def test_a_stranger_or_the_agent_cannot_answer(co_signed):
    filed, principal, _second, _third, agent = co_signed
    for outsider in (UserFactory(), agent, principal):
        with pytest.raises(TransitionForbidden):
            answer(outsider, filed)
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED


def test_a_co_principal_answers_once():
    principal, second = UserFactory(), UserFactory()
    filed = issue_poa(principal, [lawyer()], co_principals=[second], ends_in_days=30)
    answer(second, filed)
    assert filed.status == Status.COMPLETED
    with pytest.raises(TransitionForbidden):
        answer(second, filed, accept=False)
    filed.refresh_from_db()
    assert filed.status == Status.COMPLETED
    assert PowerOfAttorney.objects.get(request=filed).ends_on == timezone.localdate() + datetime.timedelta(
        days=30
    )
