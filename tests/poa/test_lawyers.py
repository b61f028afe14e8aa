"""What a POA lets its agent do: file and act for the principal on exactly the services its clauses
cover; and the Article 46 stop that bars a debtor from giving a POA over money."""

import uuid

import pytest
from django.utils import translation

from poa.models import Clause, PoaType
from poa.services import poa_check
from requests_tracker.access import acts_for
from requests_tracker.errors import RequestError, TransitionForbidden
from requests_tracker.models import IssuedDocument, Status
from requests_tracker.services import request_start, request_submit, submit_purpose

from ..factories import UserFactory
from .helpers import confirm, draft_poa, issue_poa, lawyer, poa_stop_against

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("clause", "service"),
    [
        ("pleading", "lawsuit"),
        ("enforcement_application", "enforcement"),
        ("sell_property", "property_transfer"),
    ],
)
def test_each_clause_opens_its_service_to_the_agent(clause, service):
    assert service in Clause.objects.get(code=clause).services
    principal, agent = UserFactory(), UserFactory()
    issue_poa(principal, [agent], poa_type=PoaType.SPECIAL, clauses=[clause])
    assert acts_for(agent, principal, service)
    others = {"lawsuit", "enforcement", "property_transfer", "certified_copy"} - set(
        Clause.objects.get(code=clause).services
    )
    assert not any(acts_for(agent, principal, other) for other in others)
    assert not acts_for(principal, agent, service), "the principal does not act for his agent"
    assert not acts_for(agent, UserFactory(), service), "nor the agent for anyone else"


def test_a_lawyer_files_for_his_client_on_a_covered_service():
    client, advocate = UserFactory(), lawyer()
    issue_poa(client, [advocate], clauses=["enforcement_application"])
    draft = request_start(
        service="enforcement", applicant=advocate, represented=client, start_token=uuid.uuid4()
    )
    assert draft.represented == client and draft.status == Status.DRAFT
    with pytest.raises(TransitionForbidden):
        request_start(
            service="certified_copy", applicant=advocate, represented=client, start_token=uuid.uuid4()
        )


def test_a_poa_of_banking_clauses_gives_no_filing_rights():
    client, agent = UserFactory(), UserFactory()
    issue_poa(
        client,
        [agent],
        poa_type=PoaType.GENERAL,
        clauses=["open_account", "withdraw_deposit", "receive_cheques"],
    )
    for service in ("enforcement", "lawsuit", "property_transfer", "certified_copy"):
        assert not acts_for(agent, client, service)
    with pytest.raises(TransitionForbidden):
        request_start(service="enforcement", applicant=agent, represented=client, start_token=uuid.uuid4())


def test_a_poa_not_yet_issued_gives_nothing():
    principal, second, agent = UserFactory(), UserFactory(), lawyer()
    filed = issue_poa(principal, [agent], co_principals=[second])
    assert filed.status == Status.SUBMITTED
    assert not acts_for(agent, principal, "enforcement")
    assert not acts_for(agent, second, "enforcement")


# --- Article 46: the stop of POAs over money ---------------------------------------------------------


def test_a_debtor_under_the_poa_stop_cannot_give_a_poa_over_money():
    debtor = UserFactory()
    enforcement = poa_stop_against(debtor)
    draft = draft_poa(
        debtor,
        [UserFactory()],
        poa_type=PoaType.GENERAL,
        clauses=["sell_property", "withdraw_deposit", "passports"],
    )
    with translation.override("en"):
        problems = poa_check(draft)
    assert len(problems) == 1
    refusal = problems[0]
    assert "stop of issuing powers of attorney over money" in refusal and enforcement.reference in refusal
    assert "Selling and transferring real estate" in refusal and "Withdrawing, depositing" in refusal
    assert "passports" not in refusal
    confirm(debtor, submit_purpose(draft))
    with pytest.raises(RequestError) as refused:
        request_submit(request=draft, actor=debtor)
    assert enforcement.reference in refused.value.message
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and not IssuedDocument.objects.filter(request=draft).exists()


def test_a_debtor_under_the_poa_stop_may_still_give_a_poa_without_money_clauses():
    debtor = UserFactory()
    poa_stop_against(debtor)
    filed = issue_poa(debtor, [lawyer()], clauses=["pleading", "appeal"])
    assert filed.status == Status.COMPLETED


def test_the_stop_against_a_co_principal_also_bars_money_clauses():
    principal, debtor = UserFactory(), UserFactory()
    enforcement = poa_stop_against(debtor)
    draft = draft_poa(
        principal,
        [UserFactory()],
        poa_type=PoaType.GENERAL,
        clauses=["sell_property"],
        co_principals=[debtor],
    )
    with translation.override("en"):
        problems = poa_check(draft)
    assert len(problems) == 1 and debtor.national_id in problems[0] and enforcement.reference in problems[0]


def test_a_lifted_stop_no_longer_bars_money_clauses():
    from enforcement.models import Measure

    debtor = UserFactory()
    poa_stop_against(debtor)
    Measure.objects.update(state=Measure.State.LIFTED)
    filed = issue_poa(debtor, [UserFactory()], poa_type=PoaType.GENERAL, clauses=["sell_property"])
    assert filed.status == Status.COMPLETED
