"""A POA's end date: a notice a week before and on the last day (09:00 Riyadh), then it expires at
midnight and its agents' authority with it; the date decides even before the night's sweep runs.
The clock is moved through the sweep's ``now``, never by sleeping."""

import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from poa.models import PowerOfAttorney
from requests_tracker import deadlines
from requests_tracker.access import acts_for
from requests_tracker.models import IssuedDocument, OutboundMessage

from ..factories import UserFactory
from .helpers import enforcement_filed_for, issue_poa, lawyer, sms_to

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")


def at(day: datetime.date, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=RIYADH)


def test_notices_a_week_before_and_on_the_last_day_then_it_expires_at_midnight():
    principal, advocate = UserFactory(), lawyer()
    filed = issue_poa(principal, [advocate], ends_in_days=10)
    poa = PowerOfAttorney.objects.get(request=filed)
    case = enforcement_filed_for(advocate, principal)
    lawyer_client = Client()
    lawyer_client.force_login(advocate)
    page = reverse("request_detail", args=[case.pk])
    everyone = {principal.phone, advocate.phone}

    deadlines.fire_due(now=at(poa.ends_on - timedelta(days=7), 8, 59))
    assert not sms_to("poa_ending")
    deadlines.fire_due(now=at(poa.ends_on - timedelta(days=7), 9))
    assert sms_to("poa_ending", filed) == everyone
    assert not sms_to("poa_ends_today")
    deadlines.fire_due(now=at(poa.ends_on - timedelta(days=1), 9))
    assert OutboundMessage.objects.filter(event="poa_ending", channel="sms").count() == 2, "sent once"
    assert not sms_to("poa_ends_today")

    deadlines.fire_due(now=at(poa.ends_on, 9))
    assert sms_to("poa_ends_today", filed) == everyone
    poa.document.refresh_from_db()
    assert poa.document.status == IssuedDocument.Status.VALID
    assert acts_for(advocate, principal, "enforcement")
    deadlines.fire_due(now=at(poa.ends_on, 23, 59))
    poa.document.refresh_from_db()
    assert poa.document.status == IssuedDocument.Status.VALID
    assert lawyer_client.get(page).status_code == 200

    deadlines.fire_due(now=at(poa.ends_on + timedelta(days=1)))
    poa.document.refresh_from_db()
    assert poa.document.status == IssuedDocument.Status.EXPIRED
    assert not acts_for(advocate, principal, "enforcement")
    assert lawyer_client.get(page).status_code == 404
    assert OutboundMessage.objects.filter(event="poa_ends_today", channel="sms").count() == 2


def test_the_authority_ends_with_the_date_even_before_the_sweep_runs():
    principal, advocate = UserFactory(), lawyer()
    filed = issue_poa(principal, [advocate], ends_in_days=10)
    case = enforcement_filed_for(advocate, principal)
    lawyer_client = Client()
    lawyer_client.force_login(advocate)
    page = reverse("request_detail", args=[case.pk])
    assert lawyer_client.get(page).status_code == 200
    yesterday = timezone.localdate() - timedelta(days=1)
    PowerOfAttorney.objects.filter(request=filed).update(ends_on=yesterday)
    poa = PowerOfAttorney.objects.select_related("document").get(request=filed)
    assert poa.document.status == IssuedDocument.Status.VALID, "the sweep has not run"
    # Asked afresh, as the next page view does (the date is moved in the database here, not by the
    # clock, so an answer kept on the same user object for the same day would not know).
    advocate = type(advocate).objects.get(pk=advocate.pk)
    assert not acts_for(advocate, principal, "enforcement")
    assert lawyer_client.get(page).status_code == 404
    principal_client = Client()
    principal_client.force_login(principal)
    assert principal_client.get(page).status_code == 200
    expired = principal_client.get(reverse("poa:mine"), {"standing": "expired"})
    assert poa.document.number.encode() in expired.content
    valid = principal_client.get(reverse("poa:mine"), {"standing": "valid"})
    assert poa.document.number.encode() not in valid.content
    # Nor can it be revoked any more: it already ended.
    principal_client.post(reverse("poa:revoke", args=[filed.pk]), {"confirmed": "yes"})
    assert not IssuedDocument.objects.filter(kind="poa_revocation").exists()


def test_a_revoked_poa_sends_no_end_notices():
    principal, agent = UserFactory(), lawyer()
    filed = issue_poa(principal, [agent], ends_in_days=10)
    from poa.services import poa_revoke

    poa_revoke(request=filed, actor=principal)
    ends_on = PowerOfAttorney.objects.get(request=filed).ends_on
    deadlines.fire_due(now=at(ends_on + timedelta(days=1), 1))
    assert not sms_to("poa_ending") and not sms_to("poa_ends_today")
    assert PowerOfAttorney.objects.get(request=filed).document.status == IssuedDocument.Status.REVOKED
