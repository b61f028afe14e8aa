"""The judgment and after: the issued document, the 30 days of objection, finality, /verify/, and
enforcing a final judgment or decree through the enforcement request it starts."""

import re
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Hearing, Judgment, Objection
from cases.services import (
    hearing_record_minutes,
    hearing_schedule,
    judgment_issue,
    may_enforce,
    may_object,
    objection_file,
)
from enforcement.services import (
    execution_details,
    execution_save_account,
    execution_save_details,
    execution_start_from_document,
)
from requests_tracker.deadlines import fire_due
from requests_tracker.errors import NoteRequired, RequestError, TransitionForbidden
from requests_tracker.issuing import document_is_final
from requests_tracker.models import IdType, PartyRole, Status
from requests_tracker.services import document_add, request_party_add, request_start, request_submit

from ..enforcement.helpers import DEBTOR_PARTICULARS, bank_account
from ..factories import UserFactory
from ..files import pdf_upload
from .helpers import (
    began,
    decide,
    english,
    file_claim,
    judge,
    pleading_lawyer,
    register,
    sms_to,
    thirty_days_pass,
)

pytestmark = pytest.mark.django_db

CHILDREN = [{"name": "سارة محمد", "id": "1123456789", "birth_date": "2018-05-01"}]


def decided_case(*, winner="plaintiff", category="loan_repayment", amount="50000.00"):
    plaintiff, defendant = UserFactory(), UserFactory()
    circuit_judge = judge()
    claim = register(file_claim(plaintiff, [defendant], category=category))
    judgment = decide(claim, by=circuit_judge, winner=winner, amount=amount)
    return claim, judgment, plaintiff, defendant


def final_judgment(**kwargs):
    claim, judgment, plaintiff, defendant = decided_case(**kwargs)
    thirty_days_pass()
    judgment.refresh_from_db()
    return claim, judgment, plaintiff, defendant


def verify_page(client, document) -> str:
    english(client)
    return client.get(
        reverse("verify"), {"number": document.number, "token": document.verification_token}
    ).text


def row(label: str, value: str) -> str:
    return f'<tr><th scope="row">{label}</th><td dir="auto">{value}</td></tr>'


# --- The judgment ------------------------------------------------------------------------------------------------


def test_the_judgment_is_an_issued_document_with_its_pdf_and_the_parties_are_told(rendered_html):
    claim, judgment, plaintiff, defendant = decided_case()
    document = judgment.document
    assert claim.status == Status.COMPLETED
    assert document.kind == "judgment" and re.fullmatch(r"\d{12}", document.number)
    assert document.pdf.read().startswith(b"%PDF") and document.sha256
    assert set(document.parties.values_list("national_id", flat=True)) == {
        plaintiff.national_id,
        defendant.national_id,
    }
    [html] = rendered_html
    assert claim.lawsuit.case_number in html and "إلزام المدعى عليه بالسداد." in html
    assert sms_to("judgment_issued", claim) == {plaintiff.phone, defendant.phone}
    assert judgment.objection_until == timezone.localdate() + timedelta(days=30)


def test_only_the_circuit_judge_issues_it_and_with_reasoning_and_ruling():
    plaintiff = UserFactory()
    claim = register(file_claim(plaintiff, [UserFactory()]))
    for actor in (plaintiff, UserFactory(roles=["claims_clerk"])):
        with pytest.raises(TransitionForbidden):
            decide(claim, by=actor)
    with pytest.raises(TransitionForbidden):
        judgment_issue(
            request=claim, actor=judge(), reasoning="  ", ruling="إلزام.", judged_on=timezone.localdate(),
            winner="plaintiff",
        )  # fmt: skip
    claim.refresh_from_db()
    assert claim.status == Status.IN_PROGRESS and not Judgment.objects.exists()


def test_a_case_is_judged_once():
    claim, _judgment, _plaintiff, _defendant = decided_case()
    with pytest.raises(RequestError):
        decide(claim, by=judge())
    assert Judgment.objects.count() == 1


# --- Thirty days of objection, then final ----------------------------------------------------------------------------


def test_without_an_objection_the_judgment_is_final_after_thirty_days():
    claim, judgment, plaintiff, defendant = decided_case()
    assert not document_is_final(judgment.document)
    fire_due(now=timezone.now() + timedelta(days=29))
    judgment.refresh_from_db()
    assert judgment.final_at is None and not sms_to("judgment_final"), "not on day 29"

    thirty_days_pass()
    judgment.refresh_from_db()
    assert judgment.final_at is not None
    assert document_is_final(judgment.document)
    assert sms_to("judgment_final", claim) == {plaintiff.phone, defendant.phone}
    assert not may_object(claim, defendant), "too late to object"
    with pytest.raises(TransitionForbidden):
        objection_file(request=claim, actor=defendant, grounds="اعتراض متأخر.")


def test_the_losing_side_objects_within_the_window_and_the_judgment_does_not_become_final():
    claim, judgment, plaintiff, defendant = decided_case(winner="plaintiff")
    assert may_object(claim, defendant) and not may_object(claim, plaintiff)
    objection = objection_file(request=claim, actor=defendant, grounds="البينة لا تثبت القرض.")
    assert objection.on_behalf_of == defendant and objection.by == defendant
    assert sms_to("objection_filed", claim) == {plaintiff.phone, defendant.phone}
    assert not may_object(claim, defendant), "one objection"
    with pytest.raises(TransitionForbidden):
        objection_file(request=claim, actor=defendant, grounds="ثانية.")

    thirty_days_pass()
    judgment.refresh_from_db()
    assert judgment.final_at is None
    assert not document_is_final(judgment.document)
    assert not sms_to("judgment_final")


def test_the_winning_side_cannot_object():
    claim, _judgment, plaintiff, defendant = decided_case(winner="defendant")
    with pytest.raises(TransitionForbidden):
        objection_file(request=claim, actor=defendant, grounds="أعترض.")
    assert may_object(claim, plaintiff)
    objection_file(request=claim, actor=plaintiff, grounds="أعترض على رد الدعوى.")
    assert Objection.objects.count() == 1


def test_a_judgment_partly_for_each_may_be_objected_to_by_either_side():
    claim, _judgment, plaintiff, defendant = decided_case(winner="partly")
    assert may_object(claim, plaintiff) and may_object(claim, defendant)


def test_a_stranger_cannot_object_and_grounds_are_required():
    claim, _judgment, _plaintiff, defendant = decided_case()
    with pytest.raises(TransitionForbidden):
        objection_file(request=claim, actor=UserFactory(), grounds="أعترض.")
    with pytest.raises(TransitionForbidden):
        objection_file(request=claim, actor=defendant, grounds="   ")
    assert not Objection.objects.exists()


def test_after_the_last_day_of_the_window_no_objection_is_taken():
    claim, judgment, _plaintiff, defendant = decided_case()
    Judgment.objects.filter(pk=judgment.pk).update(objection_until=timezone.localdate() - timedelta(days=1))
    assert not may_object(claim, defendant)
    with pytest.raises(TransitionForbidden):
        objection_file(request=claim, actor=defendant, grounds="أعترض.")


def test_in_a_commercial_case_only_a_licensed_lawyer_under_poa_objects():
    claim, judgment, _plaintiff, defendant = decided_case(category="supply_contract")
    assert claim.lawsuit.court.court_type == "commercial"
    with pytest.raises(TransitionForbidden):
        objection_file(request=claim, actor=defendant, grounds="أعترض بنفسي.")
    unauthorised = pleading_lawyer(UserFactory())
    with pytest.raises(TransitionForbidden):
        objection_file(request=claim, actor=unauthorised, grounds="أعترض عنه بلا وكالة.")
    assert not Objection.objects.exists()

    agent = pleading_lawyer(defendant)
    objection = objection_file(request=claim, actor=agent, grounds="الاعتراض بواسطة المحامي.")
    assert objection.by == agent and objection.on_behalf_of == defendant
    thirty_days_pass()
    judgment.refresh_from_db()
    assert judgment.final_at is None


def test_in_a_general_case_the_party_objects_himself():
    claim, _judgment, _plaintiff, defendant = decided_case(category="loan_repayment")
    objection_file(request=claim, actor=defendant, grounds="أعترض.")
    assert Objection.objects.count() == 1


# --- /verify/ -------------------------------------------------------------------------------------------------------


def test_verify_shows_the_case_the_court_the_ruling_and_finality(client):
    claim, judgment, _plaintiff, defendant = decided_case()
    lawsuit = claim.lawsuit
    page = verify_page(client, judgment.document)
    assert row("Case number", lawsuit.case_number) in page
    assert row("Court", lawsuit.court.name_ar) in page
    assert row("Ruling", "إلزام المدعى عليه بالسداد.") in page
    assert row("Final", "Not yet: the objection period is running or an objection was filed") in page
    assert defendant.national_id not in page

    thirty_days_pass()
    page = verify_page(client, judgment.document)
    assert row("Final", "Yes") in page


def test_verify_keeps_saying_not_final_after_an_objection(client):
    claim, judgment, _plaintiff, defendant = decided_case()
    objection_file(request=claim, actor=defendant, grounds="أعترض.")
    thirty_days_pass()
    page = verify_page(client, judgment.document)
    assert row("Final", "Not yet: the objection period is running or an objection was filed") in page


# --- The whole path, to enforcement --------------------------------------------------------------------------------


def test_claim_to_final_judgment_to_an_enforcement_draft_filled_in_from_it(client):
    plaintiff, defendant = UserFactory(), UserFactory()
    circuit_judge = judge()
    claim = register(file_claim(plaintiff, [defendant]), mode=Hearing.Mode.IN_PERSON)
    second = hearing_schedule(
        request=claim, actor=circuit_judge, starts_at=timezone.now() + timedelta(days=21), mode="in_person"
    )
    for hearing in claim.lawsuit.hearings.all():
        began(hearing, ago=timedelta(hours=1) if hearing != second else timedelta(minutes=10))
        hearing_record_minutes(hearing=hearing, actor=circuit_judge, minutes="حضر الطرفان.")
    judgment = decide(claim, by=circuit_judge, amount="48500.00")
    document = judgment.document
    with pytest.raises(TransitionForbidden):
        execution_start_from_document(document=document, applicant=plaintiff, start_token=uuid.uuid4())

    thirty_days_pass()
    assert may_enforce(claim, plaintiff) and not may_enforce(claim, defendant)
    draft = execution_start_from_document(document=document, applicant=plaintiff, start_token=uuid.uuid4())
    assert draft.service == "enforcement" and draft.status == Status.DRAFT and draft.applicant == plaintiff
    details = execution_details(draft)
    assert details["instrument_number"] == document.number
    assert details["instrument_type"] == "court_judgment" and details["request_type"] == "financial"
    assert details["instrument_date"] == timezone.localdate()
    assert details["amount"] == Decimal("48500.00")

    client.force_login(plaintiff)
    english(client)
    response = client.get(reverse("wizard_step", args=[draft.pk, "instrument"]))
    assert response.status_code == 200
    page = response.text
    assert f'value="{document.number}"' in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert f'value="{claim.lawsuit.court.name_en}"' in page
    assert "48500" in page.replace(",", "")


def enforcement_with_number(creditor, debtor, number: str, amount="50000.00"):
    """An enforcement request whose creditor typed a judgment's number as the instrument."""
    filed = request_start(service="enforcement", applicant=creditor, start_token=uuid.uuid4())
    execution_save_details(
        request=filed,
        data={
            "request_type": "financial", "instrument_type": "court_judgment", "instrument_number": number,
            "instrument_date": timezone.localdate(), "instrument_issuer": "المحكمة العامة بالرياض",
            "instrument_in_arabic": True, "amount": Decimal(amount), "title_deeds": "",
        },
        actor=creditor,
    )  # fmt: skip
    execution_save_account(request=filed, data={"creditor_iban": bank_account(creditor).iban}, actor=creditor)
    request_party_add(request=filed, actor=creditor, role=PartyRole.DEBTOR, id_type=IdType.NATIONAL_ID,
                      id_number=debtor.national_id, **DEBTOR_PARTICULARS)  # fmt: skip
    document_add(request=filed, actor=creditor, upload=pdf_upload("judgment.pdf"), kind="instrument")
    return filed


def test_a_judgment_not_final_yet_is_refused_at_the_enforcement_submission_and_taken_once_final():
    _claim, judgment, plaintiff, defendant = decided_case()
    filed = enforcement_with_number(plaintiff, defendant, judgment.document.number)
    with pytest.raises(NoteRequired) as refused:
        request_submit(request=filed, actor=plaintiff)
    assert judgment.document.number in refused.value.message
    filed.refresh_from_db()
    assert filed.status == Status.DRAFT

    thirty_days_pass()
    request_submit(request=filed, actor=plaintiff)
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED


def test_a_judgment_objected_to_is_not_enforced():
    claim, judgment, plaintiff, defendant = decided_case()
    objection_file(request=claim, actor=defendant, grounds="أعترض.")
    thirty_days_pass()
    with pytest.raises(TransitionForbidden):
        execution_start_from_document(
            document=judgment.document, applicant=plaintiff, start_token=uuid.uuid4()
        )
    filed = enforcement_with_number(plaintiff, defendant, judgment.document.number)
    with pytest.raises(NoteRequired):
        request_submit(request=filed, actor=plaintiff)


def test_a_custody_claim_ends_in_a_decree_that_once_final_starts_a_personal_status_enforcement(client):
    mother, father = UserFactory(), UserFactory()
    circuit_judge = judge()
    claim = register(
        file_claim(mother, [father], service="family_case", category="custody", children=CHILDREN)
    )
    assert claim.service == "family_case" and claim.lawsuit.children == CHILDREN
    assert claim.lawsuit.court.court_type == "personal_status"
    decree = decide(claim, by=circuit_judge, amount=None)
    document = decree.document
    assert document.kind == "family_decree"
    assert document.pdf.read().startswith(b"%PDF")
    with pytest.raises(TransitionForbidden):
        execution_start_from_document(document=document, applicant=mother, start_token=uuid.uuid4())

    thirty_days_pass()
    assert document_is_final(document)
    draft = execution_start_from_document(document=document, applicant=mother, start_token=uuid.uuid4())
    details = execution_details(draft)
    assert details["request_type"] == "personal_status"
    assert details["instrument_number"] == document.number
    assert "amount" not in details, "a custody decree awards no amount"

    client.force_login(mother)
    page = client.get(reverse("wizard_step", args=[draft.pk, "instrument"])).text
    assert f'value="{document.number}"' in page
    assert re.search(r'<input[^>]*value="personal_status"[^>]*checked', page)


def test_an_enforcement_draft_from_a_judgment_starts_once_for_the_same_start():
    _claim, judgment, plaintiff, _defendant = final_judgment()
    token = uuid.uuid4()
    first = execution_start_from_document(document=judgment.document, applicant=plaintiff, start_token=token)
    again = execution_start_from_document(document=judgment.document, applicant=plaintiff, start_token=token)
    assert first == again


def test_the_judgment_date_is_the_one_the_judge_gave():
    plaintiff = UserFactory()
    claim = register(file_claim(plaintiff, [UserFactory()]))
    judged_on = timezone.localdate() - timedelta(days=2)
    judgment = judgment_issue(
        request=claim, actor=judge(), reasoning="ثبت.", ruling="إلزام.", judged_on=judged_on,
        winner="plaintiff", amount=Decimal("100.00"),
    )  # fmt: skip
    thirty_days_pass()
    draft = execution_start_from_document(
        document=judgment.document, applicant=plaintiff, start_token=uuid.uuid4()
    )
    assert execution_details(draft)["instrument_date"] == judged_on


def test_only_a_party_the_judgment_favours_may_have_it_enforced():
    _claim, judgment, plaintiff, defendant = final_judgment()
    stranger = UserFactory()
    for person in (defendant, stranger):
        with pytest.raises(TransitionForbidden):
            execution_start_from_document(
                document=judgment.document, applicant=person, start_token=uuid.uuid4()
            )
    # Typing the number by hand does not get round it: the submission names the refusal.
    typed = enforcement_with_number(stranger, defendant, judgment.document.number)
    with pytest.raises(NoteRequired, match=judgment.document.number):
        request_submit(request=typed, actor=stranger)
    assert execution_start_from_document(
        document=judgment.document, applicant=plaintiff, start_token=uuid.uuid4()
    )


def test_a_lawyer_with_the_pleading_clause_files_a_family_claim_for_his_client():
    mother = UserFactory()
    agent = pleading_lawyer(mother)
    draft = request_start(
        service="family_case", applicant=agent, represented=mother, start_token=uuid.uuid4()
    )
    assert draft.represented == mother
