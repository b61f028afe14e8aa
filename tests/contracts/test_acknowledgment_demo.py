"""The demo's acknowledgments and agreed custody: the demo citizen can enforce a notarized debt
acknowledged to him, and the notary finds an acknowledgment and a custody agreement in her queue."""

import pytest
from django.urls import reverse

from contracts.demo import acknowledgment, custody
from identity.demo import seed_people
from identity.models import User
from identity.services import terms_accept
from requests_tracker.access import staff_requests
from requests_tracker.issuing import issued_for_request
from requests_tracker.models import Request, Status

from ..clients import english_client as browser

pytestmark = pytest.mark.django_db


def seed():
    seed_people()
    acknowledgment.seed()
    custody.seed()


def test_seeding_twice_gives_the_same_samples_once():
    seed()
    first = sorted(
        Request.objects.filter(service__in=("acknowledgment", "custody_agreement")).values_list(
            "reference", "status"
        )
    )
    seed()
    assert (
        sorted(
            Request.objects.filter(service__in=("acknowledgment", "custody_agreement")).values_list(
                "reference", "status"
            )
        )
        == first
    )
    assert len(first) == 3


def test_the_demo_citizen_can_enforce_the_debt_acknowledged_to_him():
    seed()
    citizen = User.objects.get(national_id=acknowledgment.CITIZEN)
    terms_accept(user=citizen)  # as on his first sign-in
    debt = Request.objects.get(service="acknowledgment", applicant__national_id=acknowledgment.RESIDENT)
    assert debt.status == Status.COMPLETED
    document = issued_for_request(debt).get()
    url = reverse("enforcement:from_instrument", args=[debt.pk, document.number])
    assert url in browser(citizen).get(reverse("request_detail", args=[debt.pk])).content.decode()
    started = browser(citizen).post(url)
    draft = Request.objects.get(service="enforcement", applicant=citizen, status=Status.DRAFT)
    assert started["Location"] == reverse("wizard_step", kwargs={"pk": draft.pk, "step": "parties"})


def test_the_notary_has_an_acknowledgment_and_a_custody_agreement_to_approve():
    seed()
    notary = User.objects.get(national_id=acknowledgment.NOTARY)
    waiting = staff_requests(notary).filter(status=Status.IN_PROGRESS)
    assert set(waiting.values_list("service", flat=True)) >= {"acknowledgment", "custody_agreement"}
