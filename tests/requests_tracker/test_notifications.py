"""The notification outbox: what is written with each event, how it is sent, retried and never doubled."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from identity.gateways import SmsError
from identity.models import OutboxMessage
from requests_tracker import notifications
from requests_tracker.models import OutboundMessage, PartyRole, Status
from requests_tracker.registry import service_registry
from requests_tracker.services import party_add, request_transition

from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db

SMS_TWO_SEGMENTS_ARABIC = 134  # UCS-2: 67 characters a segment when split
SMS_TWO_SEGMENTS_LATIN = 306  # GSM-7: 153 characters a segment when split


def submit(request):
    request_transition(request=request, to=Status.SUBMITTED, actor=request.applicant)


def test_a_status_change_writes_one_sms_and_one_email_with_the_event(citizen):
    request = RequestFactory(applicant=citizen)
    submit(request)
    rows = OutboundMessage.objects.filter(request=request)
    assert sorted(rows.values_list("channel", flat=True)) == ["email", "sms"]
    sms = rows.get(channel="sms")
    assert sms.to == citizen.phone and request.reference in sms.body
    assert citizen.national_id not in sms.body and citizen.name_ar not in sms.body
    assert rows.get(channel="email").to == citizen.email


def test_email_is_off_when_the_person_says_so_but_sms_legal_notices_are_not(client, citizen):
    client.force_login(citizen)
    client.post(reverse("profile"), {"language": "en"})  # email box left unticked
    citizen.refresh_from_db()
    assert citizen.email_notifications is False and citizen.language == "en"
    request = RequestFactory(applicant=citizen)
    submit(request)
    assert list(OutboundMessage.objects.filter(request=request).values_list("channel", flat=True)) == ["sms"]
    assert OutboundMessage.objects.get(request=request).body.startswith("Najiz: request")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_sms_fits_in_two_segments_in_both_languages(language):
    from django.utils.translation import override

    params = {
        "reference": "ENF-1448-000123",
        "status": "معاد للمستفيد",
        "when": "2026-12-01 10:30",
        "due": "2026-12-01",
        "amount": "1,250,000.00",
        "balance": "1,250,000.00",
        "bill": "12345678901",
        "until": "2026-12-01",
        "measure": "منع التعامل مع المؤسسات المالية",
        # A power of attorney's messages name its number, its principals and agents.
        "number": "493817265014",
        "certificate": "720394618253",
        "principal": "عبد الرحمن بن عبد العزيز آل سعود",
        "agent": "عبد الرحمن بن عبد العزيز آل سعود",
        "name": "عبد الرحمن بن عبد العزيز آل سعود",
        "case": "1448000123",
        # Notarization's name the deed, who issued it and the price.
        "deed": "310115000123",
        "issuer": "المحكمة العامة بالرياض",
        "price": "1,250,000.00",
        # Enforcement's name the newspaper of a publication, its cost, an asset, why measures were lifted.
        "newspaper": "صحيفة الرياض",
        "cost": "1,500.00",
        "asset": "عقار",
        "reason": "تسوية أكدها طالب التنفيذ",
        # Personal-status execution names the matter, the place, the months and the instalments.
        "matter": "تسليم محضون",
        "place": "مركز شمل للزيارة والتسليم بحي الملقا في الرياض",
        "months": "3",
        "monthly": "1,500.00",
        "first": "2026-12-27",
        "count": "12",
        "date": "2026-12-27",
        "id": "1010000006",
        "motion": "طلب إصدار فاتورة سداد للمنفذ ضده",
    }
    limit = SMS_TWO_SEGMENTS_ARABIC if language == "ar" else SMS_TWO_SEGMENTS_LATIN
    with override(language):
        for name, event in notifications.EVENTS.items():
            text = str(event.sms) % params
            assert len(text) <= limit, f"{name} in {language}: {len(text)} characters"
            # Each names what it is about: the request, or the issued document it concerns.
            assert "ENF-1448-000123" in text or "493817265014" in text


def test_parties_are_told_where_the_service_says_so(citizen, test_service):
    defendant = UserFactory()
    request = RequestFactory(applicant=citizen)
    party_add(request=request, role=PartyRole.DEFENDANT, id_number=defendant.national_id)
    party_add(
        request=request, role=PartyRole.WITNESS, id_number="1000000008", name="x", phone="+966511112222"
    )
    service_registry.unregister(test_service.code)
    service_registry.register(
        type(test_service)(**{**test_service.__dict__, "notify_parties_on": frozenset({Status.SUBMITTED})})
    )
    submit(request)
    events = set(OutboundMessage.objects.filter(event="party_named").values_list("to", flat=True))
    assert events == {defendant.phone, defendant.email, "+966511112222"}


def test_a_message_is_delivered_once_whatever_runs_twice(citizen):
    request = RequestFactory(applicant=citizen)
    submit(request)
    sms = OutboundMessage.objects.get(request=request, channel="sms")
    assert notifications.deliver(sms.pk) is True
    assert notifications.deliver(sms.pk) is False
    sms.refresh_from_db()
    assert sms.state == "sent" and sms.attempts == 1
    assert OutboxMessage.objects.filter(channel="sms", recipient=citizen.phone).count() == 1


def test_a_failing_gateway_is_retried_with_backoff_then_marked_failed_for_staff(citizen, monkeypatch, client):
    request = RequestFactory(applicant=citizen)
    submit(request)
    sms = OutboundMessage.objects.get(request=request, channel="sms")

    def refuse(**kwargs):
        raise SmsError("gateway answered 503")

    monkeypatch.setattr(notifications, "send_sms", refuse)
    waits = []
    for _ in range(notifications.MAX_ATTEMPTS):
        OutboundMessage.objects.filter(pk=sms.pk).update(next_attempt_at=timezone.now())
        notifications.deliver(sms.pk)
        sms.refresh_from_db()
        waits.append(sms.next_attempt_at - timezone.now())
    assert sms.state == "failed" and sms.attempts == notifications.MAX_ATTEMPTS and "503" in sms.last_error
    assert waits[1] > waits[0], "each retry waits longer"

    supervisor = UserFactory(roles=["supervisor"])
    client.force_login(supervisor)
    changelist = reverse("admin:requests_tracker_outboundmessage_changelist")
    page = client.get(changelist, {"state": "failed"})
    assert sms.to in page.text

    client.post(changelist, {"action": "send_again", "_selected_action": [str(sms.pk)]})
    sms.refresh_from_db()
    assert sms.state == "pending" and sms.attempts == 0, "a supervisor gives it a new round of attempts"


def test_a_worker_killed_mid_send_neither_loses_nor_duplicates(citizen, monkeypatch):
    request = RequestFactory(applicant=citizen)
    submit(request)
    sms = OutboundMessage.objects.get(request=request, channel="sms")
    real_send = notifications.send_sms

    def send_then_die(**kwargs):
        real_send(**kwargs)  # the gateway took it...
        raise SystemExit("worker killed")  # ...and the worker died before recording it

    monkeypatch.setattr(notifications, "send_sms", send_then_die)
    with pytest.raises(SystemExit):
        notifications.deliver(sms.pk)
    monkeypatch.setattr(notifications, "send_sms", real_send)

    sms.refresh_from_db()
    assert sms.state == "sending"
    assert notifications.relay_unsent() == 0, "another worker may still hold it"
    OutboundMessage.objects.filter(pk=sms.pk).update(claimed_at=timezone.now() - timedelta(minutes=10))
    later = timezone.now()
    assert sms.pk in set(notifications.unsent_due(later).values_list("pk", flat=True))
    notifications.deliver(sms.pk)
    sms.refresh_from_db()
    assert sms.state == "sent"
    assert OutboxMessage.objects.filter(channel="sms", recipient=citizen.phone).count() == 1


def test_the_sweep_picks_up_what_the_broker_never_got(citizen):
    request = RequestFactory(applicant=citizen)
    submit(request)
    assert notifications.relay_unsent() == 0, "fresh messages belong to their after-commit task"
    OutboundMessage.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    assert notifications.unsent_due().count() == 2
