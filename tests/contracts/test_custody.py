"""Agreed custody, notarized: the custodian files in person with her code, the father and two
witnesses accept with theirs, a notary issues the custody deed; refused while a custody case between
the same two people is pending."""

import datetime
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from cases.models import Lawsuit
from cases.selectors import custody_case_pending
from contracts.forms.custody import CustodyDetailsForm
from contracts.services.custody import custody_save_details
from requests_tracker.errors import TransitionForbidden
from requests_tracker.issuing import issued_for_request
from requests_tracker.models import IdType, PartyRole, Status
from requests_tracker.services import (
    missing_answers,
    request_party_add,
    request_start,
    request_submit,
    request_transition,
    submit_purpose,
)

from ..cases.helpers import decide, file_claim, judge, register
from ..clients import english_client as browser
from ..factories import UserFactory
from ..poa.helpers import answer, confirm, sms_to

pytestmark = pytest.mark.django_db

MOTHER, FATHER = "نورة سعد القحطاني", "فهد محمد الدوسري"
CHILDREN_TEXT = "ريم فهد الدوسري، ١١٣٠٠٠٠٠١١، ٢٠١٦-٠٤-٠٢\nسلمان فهد الدوسري, 1130000029, 2019-09-15\n"  # noqa: RUF001
CHILDREN = CustodyDetailsForm.base_fields["children"].clean(CHILDREN_TEXT)


@pytest.fixture
def mother(db):
    return UserFactory(name_ar=MOTHER, name_en="Noura Saad Alqahtani")


@pytest.fixture
def father(db):
    return UserFactory(name_ar=FATHER, name_en="Fahad Mohammed Aldosari")


@pytest.fixture
def notary(db):
    return UserFactory(roles=["notary"])


def add(draft, actor, role, person):
    request_party_add(
        request=draft, actor=actor, role=role, id_type=IdType.NATIONAL_ID, id_number=person.national_id
    )


def draft_custody(custodian, father=None, witnesses=None, *, children=CHILDREN):
    draft = request_start(service="custody_agreement", applicant=custodian, start_token=uuid.uuid4())
    if father is not None:
        add(draft, custodian, PartyRole.FATHER, father)
    for witness in UserFactory.create_batch(2) if witnesses is None else witnesses:
        add(draft, custodian, PartyRole.WITNESS, witness)
    custody_save_details(
        request=draft,
        actor=custodian,
        data={
            "children": list(children),
            "reason": "انفصال الوالدين وإقامة الأطفال مع والدتهم",
            "visitation": "كل يوم جمعة من العاشرة صباحًا حتى الثامنة مساءً",
        },
    )
    return draft


def problems(draft) -> list[str]:
    with translation.override("en"):
        return missing_answers(draft)


def custody_case(plaintiff, defendant):
    """A custody claim filed in the personal status court, not yet decided."""
    return file_claim(
        plaintiff,
        [defendant],
        category="custody",
        service="family_case",
        children=[{"name": "ريم", "id": "1130000011", "birth_date": "2016-04-02"}],
    )


def pdf_text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


# --- The whole way: codes, acceptances, the deed ---------------------------------------------------------


def test_the_father_and_witnesses_accept_and_the_notary_issues_the_custody_deed(mother, father, notary):
    witnesses = UserFactory.create_batch(2)
    draft = draft_custody(mother, father, witnesses)
    assert problems(draft) == []
    with pytest.raises(TransitionForbidden):
        request_submit(request=draft, actor=mother)  # her code first
    confirm(mother, submit_purpose(draft))
    request_submit(request=draft, actor=mother)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert sms_to("consent_requested", draft) == {father.phone, *(w.phone for w in witnesses)}
    for person in (father, witnesses[0]):
        answer(person, draft)
        assert draft.status == Status.SUBMITTED, "still awaiting a witness"
    answer(witnesses[1], draft)
    assert draft.status == Status.IN_PROGRESS

    request_transition(request=draft, to=Status.COMPLETED, actor=notary)
    document = issued_for_request(draft).get()
    assert document.kind == "custody_deed" and document.details["children"] == 2
    assert sms_to("custody_deed_issued", draft) == {mother.phone, father.phone, *(w.phone for w in witnesses)}

    text = pdf_text(document.pdf.read())
    for expected in ("صك حضانة", "ريم فهد الدوسري", "سلمان فهد الدوسري", "1130000011", MOTHER, FATHER):
        assert expected in text, expected
    for witness in witnesses:
        assert witness.national_id in text


def test_verify_shows_the_number_of_children_and_the_custodian_masked(client, mother, father, notary):
    draft = draft_custody(mother, father)
    confirm(mother, submit_purpose(draft))
    request_submit(request=draft, actor=mother)
    for party in draft.parties.exclude(role=PartyRole.APPLICANT).select_related("user"):
        answer(party.user, draft)
    request_transition(request=draft, to=Status.COMPLETED, actor=notary)
    document = issued_for_request(draft).get()
    client.cookies["django_language"] = "en"
    text = client.post(reverse("verify"), {"number": document.number, "national_id": father.national_id}).text
    assert "Custody deed" in text
    assert "نورة…" in text and MOTHER not in text


def test_a_rejection_by_the_father_rejects_it(mother, father):
    draft = draft_custody(mother, father)
    confirm(mother, submit_purpose(draft))
    request_submit(request=draft, actor=mother)
    answer(father, draft, accept=False)
    assert draft.status == Status.REJECTED


# --- Who may be a party ----------------------------------------------------------------------------------


def test_a_minor_father_or_witness_is_refused(mother, father):
    minor = UserFactory(birth_date=timezone.localdate() - datetime.timedelta(days=365 * 15))
    draft = draft_custody(mother, father, [minor, UserFactory()])
    assert any("under 18" in problem for problem in problems(draft))
    young_father = UserFactory(birth_date=timezone.localdate() - datetime.timedelta(days=365 * 17))
    assert any("under 18" in problem for problem in problems(draft_custody(mother, young_father)))


def test_one_father_two_witnesses_and_at_least_one_child(mother, father):
    assert "Name exactly one father." in problems(draft_custody(mother))
    assert "Name exactly two witnesses." in problems(draft_custody(mother, father, [UserFactory()]))
    assert "The father cannot also be a witness." in problems(
        draft_custody(mother, father, [father, UserFactory()])
    )
    assert "Name at least one child." in problems(draft_custody(mother, father, children=[]))


def test_the_children_are_read_as_in_a_family_claim():
    form = CustodyDetailsForm(data={"children": "ريم، 113, 2016-02-30", "reason": "سفر"})
    assert not form.is_valid() and "children" in form.errors
    assert [child["id"] for child in CHILDREN] == ["1130000011", "1130000029"], "Arabic-Indic digits read"


# --- A pending custody case -------------------------------------------------------------------------------


def test_refused_while_a_custody_case_between_them_is_pending_either_way_round(mother, father):
    case = custody_case(father, mother)
    assert custody_case_pending(mother.national_id, father.national_id) == case.reference
    refused = " ".join(problems(draft_custody(mother, father)))
    assert case.reference in refused, "the refusal names the case"

    other_father = UserFactory()
    own_case = custody_case(mother, other_father)
    assert own_case.reference in " ".join(problems(draft_custody(mother, other_father)))
    assert custody_case_pending(mother.national_id, UserFactory().national_id) is None
    assert problems(draft_custody(mother, UserFactory())) == [], "a case with someone else does not count"


def test_a_case_withdrawn_or_decided_for_good_no_longer_blocks(mother, father):
    case = custody_case(father, mother)
    request_transition(request=case, to=Status.CANCELLED, actor=father)
    assert custody_case_pending(mother.national_id, father.national_id) is None
    assert problems(draft_custody(mother, father)) == []

    decided = register(custody_case(mother, father))
    number = Lawsuit.objects.get(request=decided).case_number
    assert custody_case_pending(father.national_id, mother.national_id) == number, "registered: by its number"
    decide(decided, by=judge(), winner="plaintiff", amount=None)
    assert custody_case_pending(father.national_id, mother.national_id) is None, "judged: no longer pending"
    assert problems(draft_custody(mother, father)) == []


def test_a_case_filed_while_it_waits_stops_the_notary(mother, father, notary):
    draft = draft_custody(mother, father)
    confirm(mother, submit_purpose(draft))
    request_submit(request=draft, actor=mother)
    for party in draft.parties.exclude(role=PartyRole.APPLICANT).select_related("user"):
        answer(party.user, draft)
    case = custody_case(father, mother)
    with translation.override("en"), pytest.raises(TransitionForbidden, match=case.reference):
        request_transition(request=draft, to=Status.COMPLETED, actor=notary)
    draft.refresh_from_db()
    assert draft.status == Status.IN_PROGRESS and not issued_for_request(draft).exists()


# --- Who sees it ----------------------------------------------------------------------------------------


def test_strangers_get_404_and_the_father_sees_it_once_submitted(mother, father, notary):
    draft = draft_custody(mother, father)
    url = reverse("request_detail", args=[draft.pk])
    assert browser(father).get(url).status_code == 404, "a draft is its author's alone"
    confirm(mother, submit_purpose(draft))
    request_submit(request=draft, actor=mother)
    assert browser(father).get(url).status_code == 200
    assert browser(UserFactory()).get(url).status_code == 404
    for party in draft.parties.exclude(role=PartyRole.APPLICANT).select_related("user"):
        answer(party.user, draft)
    request_transition(request=draft, to=Status.COMPLETED, actor=notary)
    document = issued_for_request(draft).get()
    download = reverse("issued_document_download", args=[draft.pk, document.number])
    assert browser(UserFactory()).get(download).status_code == 404
    assert browser(father).get(download).status_code == 200


def test_the_wizard_takes_the_children_one_per_line(mother, father):
    draft = draft_custody(mother, father, children=[])
    client = browser(mother)
    url = reverse("wizard_step", kwargs={"pk": draft.pk, "step": "custody"})
    assert client.get(url).status_code == 200
    response = client.post(url, {"children": CHILDREN_TEXT, "reason": "سفر الأب", "visitation": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert [child["name"] for child in draft.custody_agreement.children] == [
        "ريم فهد الدوسري",
        "سلمان فهد الدوسري",
    ]
    review = client.get(reverse("wizard_step", kwargs={"pk": draft.pk, "step": "review"})).content.decode()
    assert "سلمان فهد الدوسري" in review


def test_the_deed_is_the_custodians_and_the_fathers_a_witness_reads_only_what_he_attests(
    mother, father, notary
):
    witnesses = UserFactory.create_batch(2)
    draft = draft_custody(mother, father, witnesses)
    confirm(mother, submit_purpose(draft))
    request_submit(request=draft, actor=mother)
    for person in (father, *witnesses):
        answer(person, draft)
    request_transition(request=draft, to=Status.COMPLETED, actor=notary)
    number = issued_for_request(draft).get().number
    download = reverse("issued_document_download", args=[draft.pk, number])
    for holder in (mother, father):
        assert browser(holder).get(download).status_code == 200
    witness = browser(witnesses[0])
    page = witness.get(reverse("request_detail", args=[draft.pk]))
    assert page.status_code == 200 and "ريم فهد الدوسري" in page.text  # the children he attested
    assert download not in page.text
    assert witness.get(download).status_code == 404
