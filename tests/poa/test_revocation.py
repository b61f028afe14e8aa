"""Ending a POA: revoked whole or for one agent by a principal, or an agent stepping down. Each issues
a revocation certificate, tells every party, and takes the authority away at once."""

import pytest
from django.test import Client
from django.urls import reverse

from poa.models import AgentEnd, PoaType, PowerOfAttorney
from poa.services import poa_revoke, poa_withdraw
from requests_tracker.access import acts_for
from requests_tracker.errors import TransitionForbidden
from requests_tracker.models import Deadline, IssuedDocument, PartyRole, Status

from ..factories import UserFactory
from .helpers import enforcement_filed_for, issue_poa, lawyer, sms_to

pytestmark = pytest.mark.django_db


def document_of(filed) -> IssuedDocument:
    return PowerOfAttorney.objects.select_related("document").get(request=filed).document


def agent_party(filed, user):
    return filed.parties.get(role=PartyRole.AGENT, user=user)


def test_a_principal_revokes_the_whole_poa_with_a_certificate_and_every_party_is_told():
    principal, first, second = UserFactory(), lawyer(), lawyer()
    filed = issue_poa(principal, [first, second])
    certificate = poa_revoke(request=filed, actor=principal)
    assert document_of(filed).status == IssuedDocument.Status.REVOKED
    assert certificate.kind == "poa_revocation" and certificate.request == filed
    assert IssuedDocument.objects.filter(request=filed, kind="poa_revocation").count() == 1
    assert certificate.details["poa_number"] == document_of(filed).number and certificate.details["whole"]
    assert certificate.sha256 and len(certificate.number) == 12
    assert sms_to("poa_revoked", filed) == {principal.phone, first.phone, second.phone}
    for agent in (first, second):
        assert not acts_for(agent, principal, "enforcement")
    assert not Deadline.objects.filter(request=filed, state="pending").exists(), (
        "no notice of its end follows"
    )
    with pytest.raises(TransitionForbidden):
        poa_revoke(request=filed, actor=principal)


def test_revoking_one_of_two_agents_partially_terminates_the_poa():
    principal, kept, revoked = UserFactory(), lawyer(), lawyer()
    filed = issue_poa(principal, [kept, revoked])
    certificate = poa_revoke(request=filed, actor=principal, agent_pk=agent_party(filed, revoked).pk)
    assert document_of(filed).status == IssuedDocument.Status.PARTIALLY_TERMINATED
    assert certificate.kind == "poa_revocation" and not certificate.details["whole"]
    assert [agent["id"] for agent in certificate.details["agents"]] == [revoked.national_id]
    assert acts_for(kept, principal, "enforcement")
    assert not acts_for(revoked, principal, "enforcement")
    assert sms_to("poa_agent_ended", filed) == {principal.phone, kept.phone, revoked.phone}
    end = AgentEnd.objects.get(party__user=revoked)
    assert end.kind == AgentEnd.Kind.REVOKED and end.by == principal and end.certificate == certificate
    with pytest.raises(TransitionForbidden):
        poa_revoke(request=filed, actor=principal, agent_pk=agent_party(filed, revoked).pk)
    # Ending the last agent too ends the whole POA.
    poa_revoke(request=filed, actor=principal, agent_pk=agent_party(filed, kept).pk)
    assert document_of(filed).status == IssuedDocument.Status.REVOKED
    assert not acts_for(kept, principal, "enforcement")


def test_an_agent_withdraws_himself():
    principal, staying, leaving = UserFactory(), lawyer(), lawyer()
    filed = issue_poa(principal, [staying, leaving])
    certificate = poa_withdraw(request=filed, actor=leaving)
    assert certificate.kind == "poa_revocation"
    assert document_of(filed).status == IssuedDocument.Status.PARTIALLY_TERMINATED
    assert AgentEnd.objects.get(party__user=leaving).kind == AgentEnd.Kind.WITHDRAWN
    assert acts_for(staying, principal, "enforcement") and not acts_for(leaving, principal, "enforcement")
    assert principal.phone in sms_to("poa_agent_ended", filed)
    with pytest.raises(TransitionForbidden):
        poa_withdraw(request=filed, actor=leaving)


def test_the_last_agent_withdrawing_ends_the_poa():
    principal, agent = UserFactory(), UserFactory()
    filed = issue_poa(principal, [agent], poa_type=PoaType.SPECIAL, clauses=["sell_property"])
    poa_withdraw(request=filed, actor=agent)
    assert document_of(filed).status == IssuedDocument.Status.REVOKED
    assert not acts_for(agent, principal, "property_transfer")


def test_only_a_principal_revokes_and_only_an_agent_withdraws():
    principal, second, agent, stranger = UserFactory(), UserFactory(), lawyer(), UserFactory()
    filed = issue_poa(principal, [agent], co_principals=[second])
    from .helpers import answer

    answer(second, filed)
    for outsider in (agent, stranger):
        with pytest.raises(TransitionForbidden):
            poa_revoke(request=filed, actor=outsider)
    for outsider in (principal, second, stranger):
        with pytest.raises(TransitionForbidden):
            poa_withdraw(request=filed, actor=outsider)
    assert document_of(filed).status == IssuedDocument.Status.VALID
    assert not IssuedDocument.objects.filter(kind="poa_revocation").exists()
    # A co-principal may revoke.
    poa_revoke(request=filed, actor=second)
    assert document_of(filed).status == IssuedDocument.Status.REVOKED


def test_a_poa_not_yet_issued_cannot_be_revoked():
    principal, second, agent = UserFactory(), UserFactory(), lawyer()
    filed = issue_poa(principal, [agent], co_principals=[second])
    with pytest.raises(TransitionForbidden):
        poa_revoke(request=filed, actor=principal)


def test_revocation_closes_the_requests_the_lawyer_filed_for_the_client_at_once(client):
    principal, advocate = UserFactory(), lawyer()
    poa = issue_poa(principal, [advocate])
    filed = enforcement_filed_for(advocate, principal)
    assert filed.status == Status.SUBMITTED and filed.represented == principal
    lawyer_client = Client()
    lawyer_client.force_login(advocate)
    client.force_login(principal)
    page = reverse("request_detail", args=[filed.pk])
    assert lawyer_client.get(page).status_code == 200
    assert client.get(page).status_code == 200
    assert filed.reference.encode() in lawyer_client.get(reverse("my_requests")).content
    poa_revoke(request=poa, actor=principal)
    assert lawyer_client.get(page).status_code == 404
    assert client.get(page).status_code == 200
    assert lawyer_client.get(reverse("my_requests")).content.count(filed.reference.encode()) == 0


def test_withdrawal_closes_the_requests_the_lawyer_filed_too():
    principal, advocate = UserFactory(), lawyer()
    poa = issue_poa(principal, [advocate])
    filed = enforcement_filed_for(advocate, principal)
    lawyer_client = Client()
    lawyer_client.force_login(advocate)
    page = reverse("request_detail", args=[filed.pk])
    assert lawyer_client.get(page).status_code == 200
    poa_withdraw(request=poa, actor=advocate)
    assert lawyer_client.get(page).status_code == 404
