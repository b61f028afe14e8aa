"""Filing a statement of claim: what stops it from being submitted, who may file it for whom, the
defendants by ID type, and what the defendant sees before and after registration."""

import uuid

import pytest
from django.utils import translation

from cases.models import CaseCategory, Lawsuit
from cases.services import lawsuit_check, lawsuit_save_court, side_of
from requests_tracker.access import requests_for_user, viewer_for
from requests_tracker.errors import NoteRequired, RequestError, TransitionForbidden
from requests_tracker.models import IdType, PartyRole, Status
from requests_tracker.services import request_party_add, request_start, request_submit, request_transition

from ..factories import UserFactory
from ..providers import LegalProvider
from .helpers import draft_claim, file_claim, pleading_lawyer, register, sms_to

pytestmark = pytest.mark.django_db


def english_problems(draft) -> list[str]:
    with translation.override("en"):
        return lawsuit_check(draft)


def resident_id() -> str:
    from faker import Faker

    faker = Faker()
    faker.add_provider(LegalProvider)
    return faker.national_id(resident=True)


# --- What a claim needs before it is submitted -----------------------------------------------------------


def test_a_complete_claim_has_no_problem_and_is_submitted():
    plaintiff = UserFactory()
    draft = draft_claim(plaintiff, [UserFactory()])
    assert lawsuit_check(draft) == []
    request_submit(request=draft, actor=plaintiff)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_a_financial_claim_without_an_amount_is_not_submitted():
    plaintiff = UserFactory()
    draft = draft_claim(plaintiff, [UserFactory()], category="loan_repayment", amount=None)
    assert english_problems(draft) == ["This kind of claim states the amount claimed."]
    with pytest.raises(NoteRequired):
        request_submit(request=draft, actor=plaintiff)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_claim_that_is_not_financial_needs_no_amount():
    draft = draft_claim(UserFactory(), [UserFactory()], category="eviction", amount=None)
    assert lawsuit_check(draft) == []


def test_a_claim_without_a_defendant_is_not_submitted():
    plaintiff = UserFactory()
    draft = draft_claim(plaintiff, [])
    assert english_problems(draft) == ["Add at least one defendant, by ID number."]
    with pytest.raises(NoteRequired):
        request_submit(request=draft, actor=plaintiff)


def test_a_category_the_court_does_not_hear_is_caught_at_submission():
    """The step's form refuses the mismatch; the check catches one saved by any other way."""
    plaintiff = UserFactory()
    draft = draft_claim(plaintiff, [UserFactory()])
    labour = CaseCategory.objects.get(code="unpaid_wages")
    court = Lawsuit.objects.get(request=draft).court
    lawsuit_save_court(request=draft, actor=plaintiff, data={"court": court, "category": labour})
    draft.refresh_from_db()
    assert "Choose a case category heard by the court you chose." in english_problems(draft)


def test_a_family_claim_names_the_children():
    plaintiff = UserFactory()
    draft = draft_claim(plaintiff, [UserFactory()], category="custody", service="family_case")
    assert english_problems(draft) == ["Name the children this claim is about."]
    children = [{"name": "سارة", "id": "1123456789", "birth_date": "2018-05-01"}]
    complete = draft_claim(
        plaintiff, [UserFactory()], category="custody", service="family_case", children=children
    )
    assert lawsuit_check(complete) == []


# --- Defendants by ID type ---------------------------------------------------------------------------------


def test_defendants_are_named_by_national_id_iqama_or_visitor_id_and_all_hear_of_registration(
    django_capture_on_commit_callbacks,
):
    plaintiff, citizen = UserFactory(), UserFactory()
    resident = UserFactory(national_id=resident_id())
    draft = draft_claim(plaintiff, [citizen])
    request_party_add(
        request=draft, actor=plaintiff, role=PartyRole.DEFENDANT, id_type=IdType.IQAMA,
        id_number=resident.national_id,
    )  # fmt: skip
    request_party_add(
        request=draft, actor=plaintiff, role=PartyRole.DEFENDANT, id_type=IdType.VISITOR,
        id_number="V1234567", name="John Smith", phone="0551234567",
    )  # fmt: skip
    defendants = draft.parties.filter(role=PartyRole.DEFENDANT)
    assert set(defendants.values_list("id_type", flat=True)) == {"national_id", "iqama", "visitor"}
    assert defendants.get(id_type=IdType.IQAMA).user == resident, "a registered resident is found"
    assert defendants.get(id_type=IdType.VISITOR).user is None
    request_submit(request=draft, actor=plaintiff)
    draft.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        register(draft)
    assert sms_to("case_registered", draft) == {
        plaintiff.phone,
        citizen.phone,
        resident.phone,
        "+966551234567",
    }, "the visitor at the mobile the plaintiff gave"


def test_a_visitor_defendant_not_in_the_registry_needs_a_name_and_mobile():
    plaintiff = UserFactory()
    draft = draft_claim(plaintiff, [])
    with pytest.raises(TransitionForbidden):
        request_party_add(
            request=draft, actor=plaintiff, role=PartyRole.DEFENDANT, id_type=IdType.VISITOR,
            id_number="V7654321",
        )  # fmt: skip
    assert not draft.parties.filter(role=PartyRole.DEFENDANT).exists()


def test_the_plaintiff_cannot_name_himself_the_defendant():
    plaintiff = UserFactory()
    draft = draft_claim(plaintiff, [])
    with pytest.raises(TransitionForbidden):
        request_party_add(
            request=draft, actor=plaintiff, role=PartyRole.DEFENDANT, id_type=IdType.NATIONAL_ID,
            id_number=plaintiff.national_id,
        )  # fmt: skip


# --- A lawyer filing for a client -------------------------------------------------------------------------


def test_a_lawyer_files_for_a_client_only_with_the_pleading_clause():
    client = UserFactory()
    without = pleading_lawyer(client, clauses=("enforcement_application",))
    with pytest.raises(TransitionForbidden):
        request_start(service="lawsuit", applicant=without, represented=client, start_token=uuid.uuid4())

    agent = pleading_lawyer(client)
    draft = draft_claim(agent, [UserFactory()], represented=client)
    assert draft.represented == client and draft.applicant == agent
    request_submit(request=draft, actor=agent)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert side_of(draft, agent) == "plaintiff" and side_of(draft, client) == "plaintiff"
    assert draft in requests_for_user(client), "the client follows the claim filed for him"


def test_a_stranger_cannot_file_for_someone():
    with pytest.raises(TransitionForbidden):
        request_start(
            service="lawsuit", applicant=UserFactory(), represented=UserFactory(), start_token=uuid.uuid4()
        )


# --- What the defendant sees ----------------------------------------------------------------------------------


def test_the_defendant_sees_nothing_before_registration_and_the_case_after():
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = file_claim(plaintiff, [defendant])
    assert viewer_for(claim, defendant) is None
    assert claim not in requests_for_user(defendant)
    assert side_of(claim, defendant) is None

    register(claim)
    viewer = viewer_for(claim, defendant)
    assert viewer is not None and not viewer.applicant_side
    assert claim in requests_for_user(defendant)
    assert side_of(claim, defendant) == "defendant"
    assert viewer.sees("hearings") and viewer.sees("issued")
    assert not viewer.sees("thread") and not viewer.sees("history"), "not the plaintiff's own thread"


def test_a_stranger_sees_no_registered_case():
    claim = register(file_claim(UserFactory(), [UserFactory()]))
    assert viewer_for(claim, UserFactory()) is None


def test_the_plaintiff_may_withdraw_before_registration_but_not_after():
    plaintiff = UserFactory()
    claim = register(file_claim(plaintiff, [UserFactory()]))
    with pytest.raises(RequestError):
        request_transition(request=claim, to=Status.CANCELLED, actor=plaintiff)
    other = file_claim(plaintiff, [UserFactory()])
    request_transition(request=other, to=Status.CANCELLED, actor=plaintiff)
    other.refresh_from_db()
    assert other.status == Status.CANCELLED
