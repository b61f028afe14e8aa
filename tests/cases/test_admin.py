"""The staff side of a claim in the admin: the claims-review centre registers or returns it, the
circuit judge schedules hearings, records minutes and issues the judgment, each on the case file."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from cases.models import Hearing, Judgment, Lawsuit
from requests_tracker.access import viewer_for
from requests_tracker.models import OutboundMessage, Status

from ..factories import UserFactory
from .helpers import (
    CIRCUIT_QUEUE,
    CLAIMS_QUEUE,
    admin_url,
    began,
    clerk,
    english,
    file_claim,
    judge,
    register,
    sms_to,
)

pytestmark = pytest.mark.django_db


def local_input(moment) -> str:
    """A moment as a datetime-local input sends it."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def shown_messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def registration(**overrides):
    return {
        "action": "register",
        "circuit": "الدائرة الحقوقية الثالثة",
        "starts_at": local_input(timezone.now() + timedelta(days=10)),
        "mode": Hearing.Mode.IN_PERSON,
        "room": "قاعة 4",
        **overrides,
    }


# --- The claims-review centre -------------------------------------------------------------------------------


def test_the_case_file_shows_the_claim_and_the_registration_form(client):
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = file_claim(plaintiff, [defendant])
    client.force_login(clerk())
    english(client)
    response = client.get(admin_url(CLAIMS_QUEUE, "change", claim.pk))
    assert response.status_code == 200
    page = response.text
    assert claim.reference in page and defendant.national_id in page
    assert "General Court in Riyadh" in page and "Repayment of a loan" in page
    assert f'action="{admin_url(CLAIMS_QUEUE, "case", claim.pk)}"' in page
    assert 'name="action" value="register"' in page
    for field in ("circuit", "starts_at", "mode", "room"):
        assert f'id="id_register_{field}"' in page


def test_the_queue_lists_new_claims(client):
    claim = file_claim(UserFactory(), [UserFactory()])
    client.force_login(clerk())
    page = client.get(admin_url(CLAIMS_QUEUE, "changelist")).text
    assert claim.reference in page


def test_registering_gives_the_case_its_number_circuit_and_first_hearing_and_tells_both_parties(
    client, django_capture_on_commit_callbacks
):
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = file_claim(plaintiff, [defendant])
    client.force_login(clerk())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url(CLAIMS_QUEUE, "case", claim.pk), registration())
    assert response.status_code == 302
    claim.refresh_from_db()
    lawsuit = Lawsuit.objects.get(request=claim)
    assert claim.status == Status.IN_PROGRESS
    assert lawsuit.case_number and lawsuit.circuit == "الدائرة الحقوقية الثالثة"
    [hearing] = lawsuit.hearings.all()
    assert hearing.room == "قاعة 4" and hearing.starts_at > timezone.now() + timedelta(days=9)
    assert sms_to("case_registered", claim) == {plaintiff.phone, defendant.phone}
    for party in (plaintiff, defendant):
        [sms] = OutboundMessage.objects.filter(event="case_registered", channel="sms", to=party.phone)
        assert lawsuit.case_number in sms.body
        assert timezone.localtime(hearing.starts_at).strftime("%Y-%m-%d %H:%M") in sms.body
    assert viewer_for(claim, defendant) is not None, "the defendant sees the case from now on"


def test_registration_needs_a_future_first_hearing_and_a_circuit(client):
    claim = file_claim(UserFactory(), [UserFactory()])
    client.force_login(clerk())
    english(client)
    past = registration(starts_at=local_input(timezone.now() - timedelta(hours=1)))
    response = client.post(admin_url(CLAIMS_QUEUE, "case", claim.pk), past)
    assert "A hearing is scheduled in the future." in shown_messages(response)[0]
    client.post(admin_url(CLAIMS_QUEUE, "case", claim.pk), registration(circuit=""))
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    assert not Lawsuit.objects.get(request=claim).case_number
    assert not sms_to("case_registered")


def test_a_bare_step_to_under_consideration_is_refused(client):
    claim = file_claim(UserFactory(), [UserFactory()])
    client.force_login(clerk())
    english(client)
    response = client.post(admin_url(CLAIMS_QUEUE, "transition", claim.pk), {"to": Status.IN_PROGRESS})
    assert response.status_code == 302
    assert shown_messages(response) == ["Take this step with its own form below."]
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    assert not Lawsuit.objects.get(request=claim).case_number


def test_returning_for_amendment_takes_reasons_that_reach_the_plaintiff(
    client, django_capture_on_commit_callbacks
):
    plaintiff = UserFactory()
    claim = file_claim(plaintiff, [UserFactory()])
    client.force_login(clerk())
    url = admin_url(CLAIMS_QUEUE, "transition", claim.pk)
    client.post(url, {"to": Status.RETURNED, "decision": ""})
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED, "no return without reasons"

    reasons = "أرفق صورة سند القرض وحدد تاريخ استحقاقه."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"to": Status.RETURNED, "decision": reasons})
    claim.refresh_from_db()
    assert claim.status == Status.RETURNED
    assert plaintiff.phone in sms_to("status_changed", claim)
    client.force_login(plaintiff)
    page = client.get(reverse("request_detail", args=[claim.pk])).text
    assert reasons in page


def test_a_judge_or_a_citizen_cannot_register_a_claim(client):
    claim = file_claim(UserFactory(), [UserFactory()])
    client.force_login(judge())
    response = client.post(admin_url(CLAIMS_QUEUE, "case", claim.pk), registration())
    assert response.status_code in (403, 404)
    client.force_login(UserFactory())
    response = client.post(admin_url(CLAIMS_QUEUE, "case", claim.pk), registration())
    assert response.status_code == 302 and "/login/" in response["Location"]
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED


def test_a_registered_case_leaves_the_claims_queue_for_the_circuit(client):
    claim = register(file_claim(UserFactory(), [UserFactory()]))
    client.force_login(clerk())
    assert client.get(admin_url(CLAIMS_QUEUE, "change", claim.pk)).status_code == 404
    client.force_login(judge())
    page = client.get(admin_url(CIRCUIT_QUEUE, "changelist")).text
    assert claim.reference in page


# --- The circuit judge ---------------------------------------------------------------------------------------


def test_the_judge_schedules_a_hearing_and_both_parties_are_told(client, django_capture_on_commit_callbacks):
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = register(file_claim(plaintiff, [defendant]))
    client.force_login(judge())
    english(client)
    page = client.get(admin_url(CIRCUIT_QUEUE, "change", claim.pk)).text
    assert 'name="action" value="hearing"' in page and 'name="action" value="judgment"' in page
    when = timezone.now() + timedelta(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            admin_url(CIRCUIT_QUEUE, "case", claim.pk),
            {"action": "hearing", "starts_at": local_input(when), "mode": Hearing.Mode.VIDEO},
        )
    assert shown_messages(response) == ["Done; the parties have been notified."]
    assert claim.lawsuit.hearings.count() == 2
    video = claim.lawsuit.hearings.order_by("starts_at").last()
    assert video.mode == Hearing.Mode.VIDEO and video.video_url.startswith("https://")
    assert sms_to("hearing_scheduled", claim) == {plaintiff.phone, defendant.phone}
    [sms] = OutboundMessage.objects.filter(event="hearing_scheduled", channel="sms", to=defendant.phone)
    assert timezone.localtime(when).strftime("%Y-%m-%d %H:%M") in sms.body


def test_the_claims_clerk_cannot_schedule_hearings_or_issue_judgments(client):
    claim = register(file_claim(UserFactory(), [UserFactory()]))
    client.force_login(clerk())
    response = client.post(
        admin_url(CIRCUIT_QUEUE, "case", claim.pk),
        {
            "action": "hearing",
            "starts_at": local_input(timezone.now() + timedelta(days=3)),
            "mode": Hearing.Mode.IN_PERSON,
        },
    )
    assert response.status_code in (403, 404)
    assert claim.lawsuit.hearings.count() == 1


def test_minutes_are_recorded_only_once_the_hearing_began(client):
    claim = register(file_claim(UserFactory(), [UserFactory()]))
    hearing = claim.lawsuit.hearings.get()
    client.force_login(judge())
    english(client)
    url = admin_url(CIRCUIT_QUEUE, "case", claim.pk)
    page = client.get(admin_url(CIRCUIT_QUEUE, "change", claim.pk)).text
    assert f'id="minutes-{hearing.pk}"' not in page, "no minutes form for a hearing still ahead"
    response = client.post(url, {"action": "minutes", "hearing": hearing.pk, "minutes": "حضر الطرفان."})
    assert shown_messages(response) == ["Minutes are recorded once the hearing has begun."]
    hearing.refresh_from_db()
    assert hearing.minutes == ""

    began(hearing)
    page = client.get(admin_url(CIRCUIT_QUEUE, "change", claim.pk)).text
    assert f'id="minutes-{hearing.pk}"' in page
    client.post(
        url, {"action": "minutes", "hearing": hearing.pk, "minutes": "حضر الطرفان وقدم المدعي بينته."}
    )
    hearing.refresh_from_db()
    assert hearing.minutes == "حضر الطرفان وقدم المدعي بينته." and hearing.minutes_at is not None
    page = client.get(admin_url(CIRCUIT_QUEUE, "change", claim.pk)).text
    assert "حضر الطرفان وقدم المدعي بينته." in page


def test_minutes_of_another_case_hearing_are_refused(client):
    claim = register(file_claim(UserFactory(), [UserFactory()]))
    other = register(file_claim(UserFactory(), [UserFactory()]))
    foreign = began(other.lawsuit.hearings.get())
    client.force_login(judge())
    response = client.post(
        admin_url(CIRCUIT_QUEUE, "case", claim.pk),
        {"action": "minutes", "hearing": foreign.pk, "minutes": "x"},
    )
    assert response.status_code == 403
    foreign.refresh_from_db()
    assert foreign.minutes == ""


def test_the_judge_issues_the_judgment_from_the_case_file(client, django_capture_on_commit_callbacks):
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = register(file_claim(plaintiff, [defendant]))
    client.force_login(judge())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            admin_url(CIRCUIT_QUEUE, "case", claim.pk),
            {
                "action": "judgment",
                "reasoning": "ثبت القرض بإقرار المدعى عليه.",
                "ruling": "إلزام المدعى عليه بدفع خمسين ألف ريال.",
                "judged_on": timezone.localdate().isoformat(),
                "winner": Judgment.Winner.PLAINTIFF,
                "amount": "50,000",
            },
        )
    claim.refresh_from_db()
    assert claim.status == Status.COMPLETED
    judgment = Judgment.objects.get(lawsuit__request=claim)
    assert str(judgment.amount) == "50000.00"
    assert judgment.document.pdf and judgment.document.sha256
    assert sms_to("judgment_issued", claim) == {plaintiff.phone, defendant.phone}
    page = client.get(admin_url(CIRCUIT_QUEUE, "change", claim.pk)).text
    assert judgment.document.number in page and "إلزام المدعى عليه بدفع خمسين ألف ريال." in page
    assert 'name="action" value="judgment"' not in page and 'name="action" value="hearing"' not in page


def test_a_bare_step_to_judgment_issued_is_refused(client):
    claim = register(file_claim(UserFactory(), [UserFactory()]))
    client.force_login(judge())
    client.post(admin_url(CIRCUIT_QUEUE, "transition", claim.pk), {"to": Status.COMPLETED})
    claim.refresh_from_db()
    assert claim.status == Status.IN_PROGRESS
    assert not Judgment.objects.filter(lawsuit__request=claim).exists()
