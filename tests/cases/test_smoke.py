import pytest

from cases.models import Lawsuit
from requests_tracker.access import viewer_for
from requests_tracker.models import Status

from ..factories import UserFactory
from .helpers import decide, file_claim, judge, register

pytestmark = pytest.mark.django_db


def test_a_claim_is_registered_heard_and_decided(django_capture_on_commit_callbacks):
    plaintiff, defendant = UserFactory(), UserFactory()
    claim = file_claim(plaintiff, [defendant])
    assert claim.status == Status.SUBMITTED
    assert viewer_for(claim, defendant) is None
    register(claim)
    assert claim.status == Status.IN_PROGRESS
    assert Lawsuit.objects.get(request=claim).case_number
    assert viewer_for(claim, defendant) is not None
    judgment = decide(claim, by=judge())
    assert claim.status == Status.COMPLETED
    assert judgment.document.number
