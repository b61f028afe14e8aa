import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.demo import CIRCUIT_JUDGE, CITIZEN, CLAIMS_CLERK, RESIDENT, sample, seed_cases
from cases.models import Hearing, Judgment, Lawsuit
from cases.services import OBJECTION_WINDOW, may_enforce, may_object, side_of
from identity.models import User
from identity.services import terms_accept
from requests_tracker.access import staff_requests, viewer_for
from requests_tracker.issuing import document_kind
from requests_tracker.models import Deadline, IssuedDocument, OutboundMessage, Status

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=io.StringIO())


def person(national_id):
    return User.objects.get(national_id=national_id)


def state():
    return sorted(
        Lawsuit.objects.values_list(
            "request__reference", "request__status", "case_number", "request__start_token"
        )
    )


def test_seeding_twice_gives_the_same_samples_once():
    seed()
    first = state()
    counts = (Hearing.objects.count(), Judgment.objects.count(), IssuedDocument.objects.count())
    seed()
    assert state() == first
    assert (Hearing.objects.count(), Judgment.objects.count(), IssuedDocument.objects.count()) == counts
    assert len(first) == 5
    assert seed_cases() == 0


def test_without_the_demo_people_nothing_is_seeded():
    assert seed_cases() == 0
    assert not Lawsuit.objects.exists()


def test_the_claims_await_the_clerk_or_the_citizen():
    seed()
    clerk, citizen = person(CLAIMS_CLERK), person(CITIZEN)
    awaiting, returned = sample("awaiting_review"), sample("returned")
    assert awaiting.request.status == Status.SUBMITTED and awaiting.case_number is None
    assert returned.request.status == Status.RETURNED and returned.case_number is None
    assert returned.request.history.get(to_status=Status.RETURNED).decision  # the reasons the citizen reads
    queue = staff_requests(clerk).filter(status=Status.SUBMITTED)
    assert awaiting.request in queue
    assert returned.request.applicant == citizen
    # The defendant sees neither before registration.
    assert viewer_for(awaiting.request, person(RESIDENT)) is None
    assert viewer_for(returned.request, person(RESIDENT)) is None


def test_the_case_under_consideration_has_a_video_hearing_tomorrow_and_one_in_court_next_week():
    seed()
    case = sample("under_consideration")
    assert case.request.status == Status.IN_PROGRESS and case.case_number
    hearings = [(timezone.localtime(h.starts_at), h.mode) for h in case.hearings.all()]
    today = timezone.localdate()
    assert [(moment.date(), moment.time(), mode) for moment, mode in hearings] == [
        (today + datetime.timedelta(days=1), datetime.time(10, 0), Hearing.Mode.VIDEO),
        (today + datetime.timedelta(days=7), datetime.time(9, 30), Hearing.Mode.IN_PERSON),
    ]
    assert side_of(case.request, person(CITIZEN)) == "plaintiff"
    assert side_of(case.request, person(RESIDENT)) == "defendant"
    judge = person(CIRCUIT_JUDGE)
    assert case.request in staff_requests(judge).filter(status=Status.IN_PROGRESS)


def test_the_custody_claim_is_under_consideration_and_names_the_children():
    seed()
    custody = sample("custody")
    assert custody.request.service == "family_case"
    assert custody.request.status == Status.IN_PROGRESS and custody.case_number
    assert custody.category.family == "custody"
    assert [child["id"] for child in custody.children] == ["1130000011", "1130000029"]
    assert custody.hearings.get().starts_at > timezone.now()


def test_the_decided_case_has_a_final_judgment_the_citizen_may_enforce():
    seed()
    decided = sample("decided")
    citizen, resident = person(CITIZEN), person(RESIDENT)
    assert decided.request.status == Status.COMPLETED
    judgment = decided.judgment
    assert judgment.final_at is not None
    assert judgment.objection_until < timezone.localdate()
    assert judgment.judged_on < judgment.objection_until
    hearing = decided.hearings.get()
    assert hearing.starts_at < timezone.now() and hearing.minutes
    # Final through the sweep's handler: the objection deadline fired, and the parties were told.
    assert Deadline.objects.get(request=decided.request, kind=OBJECTION_WINDOW).state == Deadline.State.DONE
    assert document_kind(judgment.document.kind).is_final(judgment.document)
    for party in (citizen, resident):
        sent = OutboundMessage.objects.filter(channel="sms", to=party.phone, event="judgment_final")
        assert judgment.document.number in sent.get().body
    assert may_enforce(decided.request, citizen)
    assert not may_enforce(decided.request, resident)
    assert not may_object(decided.request, resident)


def test_the_decided_case_page_offers_the_citizen_alone_to_file_an_enforcement_request(client):
    seed()
    decided = sample("decided")
    enforce = f'action="/cases/{decided.request_id}/enforce/"'
    for national_id in (CITIZEN, RESIDENT):
        terms_accept(user=person(national_id))
    client.force_login(person(CITIZEN))
    assert enforce in client.get(f"/requests/{decided.request_id}/").content.decode()
    client.force_login(person(RESIDENT))
    page = client.get(f"/requests/{decided.request_id}/").content.decode()
    assert decided.judgment.document.number in page and enforce not in page
