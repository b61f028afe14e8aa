import pytest

from requests_tracker.access import Representation, add_representation_provider, requests_for_user
from requests_tracker.models import PartyRole, Status
from requests_tracker.services import party_add, request_transition

from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_sees_what_they_filed_were_represented_in_or_are_a_party_to(citizen, representation):
    filed = RequestFactory(applicant=citizen)
    lawyer = UserFactory()
    representation(lawyer, citizen)
    for_them = RequestFactory(applicant=lawyer, represented=citizen)
    named = RequestFactory()
    party_add(request=named, role=PartyRole.DEBTOR, id_number=citizen.national_id)
    unrelated = RequestFactory()
    for request in (for_them, named, unrelated):
        request_transition(request=request, to=Status.SUBMITTED, actor=request.applicant)

    visible = set(requests_for_user(citizen))

    assert visible == {filed, for_them, named}
    assert unrelated not in visible


def test_a_draft_is_seen_only_by_who_wrote_it(citizen):
    draft = RequestFactory()
    party_add(request=draft, role=PartyRole.DEFENDANT, id_number=citizen.national_id)
    assert draft not in requests_for_user(citizen)
    assert draft in requests_for_user(draft.applicant)


def test_a_party_added_by_id_is_linked_and_named_from_the_registry(citizen, draft):
    party = party_add(request=draft, role=PartyRole.DEFENDANT, id_number=citizen.national_id)
    assert party.user == citizen
    assert party.name == citizen.display_name
    stranger = party_add(request=draft, role=PartyRole.WITNESS, id_number="1000000008", name="شاهد")
    assert stranger.user is None and stranger.name == "شاهد"


def test_a_domain_can_widen_access_through_a_representation(citizen):
    from requests_tracker.access import remove_representation_provider

    client_of_citizen = UserFactory()
    request = RequestFactory(applicant=client_of_citizen)
    request_transition(request=request, to=Status.SUBMITTED, actor=client_of_citizen)
    assert request not in requests_for_user(citizen)
    provider = add_representation_provider(
        lambda user: [Representation(client_of_citizen.pk)] if user == citizen else []
    )
    try:
        assert request in requests_for_user(citizen)
    finally:
        remove_representation_provider(provider)
    assert request not in requests_for_user(citizen)


def test_anonymous_visitors_see_nothing(draft):
    from django.contrib.auth.models import AnonymousUser

    assert not requests_for_user(AnonymousUser()).exists()
