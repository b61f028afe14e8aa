import pytest

from poa.selectors import representations_for
from poa.services import poa_revoke
from requests_tracker.access import acts_for, request_for_user_or_404
from requests_tracker.models import IssuedDocument, Status

from ..factories import RequestFactory, UserFactory
from .helpers import issue_poa, lawyer

pytestmark = pytest.mark.django_db


def test_a_judicial_poa_lets_the_lawyer_file_enforcement_until_it_is_revoked():
    client = UserFactory()
    advocate = lawyer()
    poa = issue_poa(client, [advocate])
    assert poa.status == Status.COMPLETED
    assert poa.poa.document.status == IssuedDocument.Status.VALID
    assert acts_for(advocate, client, "enforcement")
    assert not acts_for(advocate, client, "certified_copy")
    filed = RequestFactory(service="enforcement", applicant=advocate, represented=client)
    assert request_for_user_or_404(advocate, filed.pk) == filed
    poa_revoke(request=poa, actor=client)
    assert representations_for(advocate) == []
    from django.http import Http404

    with pytest.raises(Http404):
        request_for_user_or_404(advocate, filed.pk)
