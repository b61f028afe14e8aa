"""Who may act is the service's own check (DESIGN §3): each write service called directly, as a
shell, a task or a careless view would, with the wrong actor, is refused and changes nothing."""

import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from enforcement.models import AssetDisclosure, Measure, Payment
from enforcement.services import (
    decision_46_issue,
    execution_disclose,
    execution_grant_grace,
    execution_pay,
    execution_record_publication,
    execution_save_account,
    execution_settle,
    execution_withdraw,
    measures_lift,
)
from requests_tracker.models import Message, OutboundMessage, PartyRole, Requirement, Status
from requests_tracker.services import (
    interview_schedule,
    message_post,
    party_add,
    request_assign,
    request_party_remove,
    request_start,
    request_transition,
    requirement_add,
)

from ..factories import UserFactory
from .orders import day, debtor_row, refused
from .orders import order_between as execution_order

pytestmark = pytest.mark.django_db


def test_a_creditor_cannot_pay_the_debt_owed_to_him(representation):
    request, creditor, _debtor = execution_order()
    creditors_lawyer = UserFactory()
    representation(creditors_lawyer, creditor, services=["enforcement"])
    for payer in (creditor, creditors_lawyer, UserFactory(), UserFactory(roles=["enforcement_judge"])):
        assert refused(execution_pay, request=request, amount=Decimal("10000.00"), actor=payer)
    assert not Payment.objects.exists()
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION


def test_the_debtors_agent_pays_on_his_behalf(representation):
    request, _creditor, debtor = execution_order()
    agent = UserFactory()
    representation(agent, debtor, services=["enforcement"])
    execution_pay(request=request, amount=Decimal("10000.00"), actor=agent)
    request.refresh_from_db()
    assert request.status == Status.COMPLETED


def test_a_creditor_who_names_himself_the_debtor_still_cannot_pay_himself():
    creditor = UserFactory()
    request, _creditor, _debtor = execution_order(creditor=creditor, debtor=creditor)
    assert refused(execution_pay, request=request, amount=Decimal("10000.00"), actor=creditor)


def test_only_the_debtors_side_discloses_only_after_the_order_and_within_bounds():
    request, creditor, debtor = execution_order()
    asset = {"kind": "property", "description": "صك 310112"}
    for stranger in (creditor, UserFactory(), UserFactory(roles=["enforcement_clerk"])):
        assert refused(execution_disclose, request=request, actor=stranger, value=Decimal("5000"), **asset)
    for value in ("0", "-1", "1000000000000"):
        assert refused(execution_disclose, request=request, actor=debtor, value=Decimal(value), **asset)
    assert refused(
        execution_disclose,
        request=request,
        actor=debtor,
        value=Decimal("5"),
        kind="property",
        description=" ",
    )
    execution_disclose(request=request, actor=debtor, value=Decimal("5000"), **asset)
    assert AssetDisclosure.objects.count() == 1

    early_creditor, early_debtor = UserFactory(), UserFactory()
    submitted = request_start(service="enforcement", applicant=early_creditor, start_token=uuid.uuid4())
    party_add(request=submitted, role=PartyRole.DEBTOR, id_number=early_debtor.national_id)
    request_transition(request=submitted, to=Status.SUBMITTED, actor=early_creditor)
    assert refused(execution_disclose, request=submitted, actor=early_debtor, value=Decimal("5000"), **asset)


def test_publication_is_recorded_by_the_enforcement_clerk_or_judge_and_tells_the_creditor():
    request, creditor, _debtor = execution_order(debtor_phone=False)
    day(request, 20)
    published = {
        "debtor": debtor_row(request), "newspaper": "عكاظ", "published_on": timezone.localdate(), "cost": Decimal("500"),
    }  # fmt: skip
    for wrong in (creditor, UserFactory(roles=["notary"]), UserFactory(roles=["supervisor"])):
        assert refused(execution_record_publication, request=request, actor=wrong, **published)
    assert debtor_row(request).notified_at is None
    for bad in (
        {"newspaper": " "},
        {"cost": Decimal("-1")},
        {"published_on": timezone.localdate() + timezone.timedelta(days=1)},
    ):
        assert refused(
            execution_record_publication, request=request, actor=request.clerk, **{**published, **bad}
        )
    execution_record_publication(request=request, actor=UserFactory(roles=["enforcement_clerk"]), **published)
    told = OutboundMessage.objects.filter(request=request, event="order_published", channel="sms")
    assert [message.to for message in told] == [creditor.phone]


def test_decision_46_grace_and_lifting_are_the_judges_alone_and_both_sides_are_told():
    request, creditor, debtor = execution_order()
    day(request, 5)
    row = debtor_row(request)
    clerk, supervisor = UserFactory(roles=["enforcement_clerk"]), UserFactory(roles=["supervisor"])
    for wrong in (clerk, supervisor, creditor, debtor, UserFactory(roles=["notary"])):
        assert refused(decision_46_issue, debtor=row, actor=wrong, ordered=["imprisonment"])
        assert refused(execution_grant_grace, request=request, actor=wrong, days=10)
    assert set(Measure.objects.values_list("state", flat=True)) == {"proposed"}
    assert debtor_row(request).grace_until is None

    judge = UserFactory(roles=["enforcement_judge"])
    decision_46_issue(debtor=row, actor=judge, ordered=["imprisonment"])
    execution_grant_grace(request=request, actor=judge, days=10)
    for event in ("measures_applied", "grace_granted"):
        told = set(OutboundMessage.objects.filter(event=event, channel="sms").values_list("to", flat=True))
        assert told == {creditor.phone, debtor.phone}, event
    assert refused(execution_grant_grace, request=request, actor=judge, days=91)
    execution_settle(request=request, actor=creditor)
    for wrong in (clerk, supervisor, creditor, debtor):
        assert refused(measures_lift, request=request, actor=wrong)
    assert Measure.objects.filter(state="applied").count() == 6
    assert measures_lift(request=request, actor=judge) == 6


def test_only_the_creditors_side_settles_or_withdraws(representation):
    request, creditor, debtor = execution_order()
    lawyer = UserFactory()
    representation(lawyer, debtor, services=["enforcement"])
    for wrong in (debtor, lawyer, UserFactory(), UserFactory(roles=["enforcement_judge"])):
        assert refused(execution_settle, request=request, actor=wrong)
        assert refused(execution_withdraw, request=request, actor=wrong)
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION
    execution_withdraw(request=request, actor=creditor)
    request.refresh_from_db()
    assert request.status == Status.CANCELLED


def test_the_creditors_answers_are_changed_only_by_their_author_while_editable():
    creditor = UserFactory()
    draft = request_start(service="enforcement", applicant=creditor, start_token=uuid.uuid4())
    iban = {"creditor_iban": "SA0380000000608010167519"}
    assert refused(execution_save_account, request=draft, data=iban, actor=UserFactory())
    party = party_add(request=draft, role=PartyRole.DEBTOR, id_number=UserFactory().national_id)
    assert refused(request_party_remove, request=draft, actor=UserFactory(), party_pk=party.pk)
    assert draft.parties.filter(pk=party.pk).exists()


def test_staff_act_only_on_requests_of_their_queue():
    request, creditor, _debtor = execution_order()
    notary = UserFactory(roles=["notary"])
    when = timezone.now() + timezone.timedelta(days=2)
    assert refused(requirement_add, request=request, actor=notary, text="صورة الهوية")
    assert refused(interview_schedule, request=request, actor=notary, starts_at=when, place="المحكمة")
    assert refused(request_assign, request=request, assignee=notary, actor=notary)
    assert refused(
        request_assign, request=request, assignee=notary, actor=UserFactory(roles=["enforcement_clerk"])
    )
    assert refused(message_post, request=request, author=notary, body="رسالة", from_staff=True)
    assert refused(requirement_add, request=request, actor=creditor, text="x")
    assert not Requirement.objects.exists()
    assert not Message.objects.filter(from_staff=True).exists()


def test_only_the_applicants_side_writes_in_the_thread(representation):
    request, creditor, debtor = execution_order()
    assert refused(message_post, request=request, author=debtor, body="رسالة")
    assert refused(message_post, request=request, author=UserFactory(), body="رسالة")
    message_post(request=request, author=creditor, body="رسالة")
    draft = request_start(service="enforcement", applicant=creditor, start_token=uuid.uuid4())
    assert refused(message_post, request=draft, author=creditor, body="قبل التقديم")


def test_a_draft_and_its_transitions_stay_its_authors():
    creditor = UserFactory()
    draft = request_start(service="enforcement", applicant=creditor, start_token=uuid.uuid4())
    for wrong in (UserFactory(), UserFactory(roles=["enforcement_clerk"]), UserFactory(roles=["supervisor"])):
        assert refused(request_transition, request=draft, to=Status.CANCELLED, actor=wrong)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_creditor_cannot_name_himself_the_debtor(client):
    from requests_tracker.services import request_party_add

    creditor = UserFactory()
    draft = request_start(service="enforcement", applicant=creditor, start_token=uuid.uuid4())
    assert refused(
        request_party_add,
        request=draft,
        actor=creditor,
        role=PartyRole.DEBTOR,
        id_type="national_id",
        id_number=creditor.national_id,
    )
    assert not draft.parties.filter(role=PartyRole.DEBTOR).exists()
