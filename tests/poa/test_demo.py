import io

import pytest
from django.core.management import call_command

from identity.models import User
from poa.demo import CITIZEN, LAWYER, RESIDENT
from poa.models import AgentEnd, PoaType, PowerOfAttorney
from poa.selectors import representations_for
from poa.views import standing
from requests_tracker.access import acts_for, staff_requests
from requests_tracker.models import IssuedDocument, PartyConsent, Status

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=io.StringIO())


def sample(poa_type, principal=CITIZEN, status=None):
    found = PowerOfAttorney.objects.filter(poa_type=poa_type, request__applicant__national_id=principal)
    if status:
        found = found.filter(request__status=status)
    return found.select_related("request", "document").get()


def test_seeding_twice_gives_the_same_samples_once():
    seed()
    first = sorted(PowerOfAttorney.objects.values_list("request__reference", "request__status"))
    documents = IssuedDocument.objects.count()
    seed()
    assert sorted(PowerOfAttorney.objects.values_list("request__reference", "request__status")) == first
    assert IssuedDocument.objects.count() == documents
    assert len(first) == 5


def test_the_samples_stand_as_the_demo_says():
    seed()
    judicial = sample(PoaType.JUDICIAL, status=Status.COMPLETED)
    assert standing(judicial) == IssuedDocument.Status.VALID
    assert list(judicial.request.parties.filter(role="agent").values_list("id_number", flat=True)) == [LAWYER]

    partial = sample(PoaType.SPECIAL)
    assert standing(partial) == IssuedDocument.Status.PARTIALLY_TERMINATED
    ended = AgentEnd.objects.filter(poa=partial)
    assert [(end.party.id_number, end.kind) for end in ended] == [(RESIDENT, AgentEnd.Kind.REVOKED)]
    assert partial.request.parties.filter(role="agent").count() == 2

    revoked = sample(PoaType.GENERAL)
    assert standing(revoked) == IssuedDocument.Status.REVOKED

    awaiting = sample(PoaType.JUDICIAL, principal=RESIDENT)
    assert awaiting.request.status == Status.SUBMITTED and awaiting.document is None
    assert list(
        PartyConsent.objects.filter(request=awaiting.request).values_list("party__id_number", "decision")
    ) == [(CITIZEN, PartyConsent.Decision.PENDING)]

    business = sample(PoaType.BUSINESS)
    assert business.request.status == Status.IN_PROGRESS and business.document is None
    notary = User.objects.get(national_id="1010000063")
    assert list(staff_requests(notary, among=("poa",)).filter(status=Status.IN_PROGRESS)) == [
        business.request
    ]


def test_the_demo_lawyer_acts_for_the_demo_citizen_on_enforcement_only_through_the_valid_poa():
    seed()
    lawyer, citizen = User.objects.get(national_id=LAWYER), User.objects.get(national_id=CITIZEN)
    assert acts_for(lawyer, citizen, "enforcement")
    assert not acts_for(lawyer, citizen, "certified_copy")
    # The awaiting POA gives her nothing yet: only the demo citizen, through the judicial one.
    assert [representation.principal_id for representation in representations_for(lawyer)] == [citizen.pk]
