"""Motions on an enforcement request: who files which, the law's preconditions, and what the
enforcement judge's grant does (a new amount, an order to the employer, a new bill, grace and
reactivation)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from enforcement.models import Debtor, Dispatch, ExecutionRequest, Motion
from enforcement.motions import motion_decide, motion_file, motions_open_to
from enforcement.services import execution_pay
from identity.roles import Role, grant, sync_role_groups
from requests_tracker import deadlines
from requests_tracker.errors import RequestError
from requests_tracker.models import Deadline, OutboundMessage, Request, Status

from ..factories import UserFactory
from .orders import execution_order

pytestmark = pytest.mark.django_db

REASON = "تعذر على المنفذ ضده السداد في المهلة."


@pytest.fixture(autouse=True)
def english():
    """Refusals are read in English here: the Arabic catalogue may translate them."""
    with translation.override("en"):
        yield


@pytest.fixture
def judge_may_decide_in_admin():
    """The permission the enforcement judge's group holds for the motions queue."""
    grant({Role.ENFORCEMENT_JUDGE}, "enforcement.view_motion", "enforcement.change_motion")
    sync_role_groups()


def refusal(**arguments) -> str:
    with pytest.raises(RequestError) as refused:
        motion_file(**{"reason": REASON, **arguments})
    return str(refused.value.message)


def file_and_grant(request, actor, kind, **details) -> Motion:
    motion = motion_file(request=request, actor=actor, kind=kind, reason=REASON, **details)
    return motion_decide(motion=motion, actor=request.judge, grant=True, note="")


def told(event) -> set[str]:
    return set(OutboundMessage.objects.filter(event=event, channel="sms").values_list("to", flat=True))


# --- Each kind granted does what it asks -----------------------------------------------------------


def test_a_new_amount_granted_changes_the_balance_the_parties_see(client):
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    execution_pay(request=request, amount=Decimal("2000.00"), actor=debtor)
    file_and_grant(request, creditor, "amend_amount", new_amount=Decimal("7000.00"))
    request.refresh_from_db()
    request.execution.refresh_from_db()
    assert request.execution.amount == Decimal("7000.00") and request.execution.balance == Decimal("5000.00")
    assert request.status == Status.PARTIALLY_EXECUTED
    client.force_login(debtor)
    assert "5,000.00" in client.get(reverse("request_detail", args=[request.pk])).text
    assert told("motion_granted") == {creditor.phone, debtor.phone}


def test_a_new_amount_below_what_was_paid_is_refused():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    execution_pay(request=request, amount=Decimal("3000.00"), actor=debtor)
    message = refusal(request=request, actor=creditor, kind="amend_amount", new_amount=Decimal("2999.99"))
    assert "3,000.00" in message
    assert not Motion.objects.exists()


def test_wage_garnishment_granted_sends_the_order_to_the_employer():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    file_and_grant(request, creditor, "wage_garnishment", employer="شركة المراعي")
    sent = Dispatch.objects.get(execution_id=request.pk, authority="employer")
    assert "شركة المراعي" in sent.subject and debtor.national_id in sent.subject
    assert sent.debtor.party.user == debtor and sent.reference


def test_a_sadad_bill_granted_goes_by_sms_to_the_debtor():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    old_bill = request.execution.bill_number
    motion = file_and_grant(request, creditor, "sadad_bill")
    request.execution.refresh_from_db()
    new_bill = request.execution.bill_number
    assert new_bill and new_bill != old_bill and motion.bill_number == new_bill
    sms = OutboundMessage.objects.get(event="motion_bill", channel="sms")
    assert sms.to == debtor.phone and new_bill in sms.body and "10,000.00" in sms.body


def test_grace_granted_stops_the_debtors_clock_and_reactivation_starts_it_again():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    row = Debtor.objects.get(party__user=debtor)
    clock = Deadline.objects.filter(request=request, party=row.party, kind=deadlines.FIVE_DAYS)
    assert clock.get().state == "pending"

    file_and_grant(request, debtor, "grace", days=20)
    row.refresh_from_db()
    request.refresh_from_db()
    assert row.in_grace() and request.status == Status.GRACE_GRANTED
    assert clock.get().state == "paused"

    file_and_grant(request, creditor, "reactivation")
    row.refresh_from_db()
    request.refresh_from_db()
    assert not row.in_grace() and request.status == Status.IN_EXECUTION
    assert clock.get().state == "pending"
    assert told("motion_granted") == {creditor.phone, debtor.phone}


def test_a_refusal_carries_the_judges_note_to_both_sides():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    motion = motion_file(request=request, actor=debtor, kind="grace", days=30, reason=REASON)
    with pytest.raises(RequestError):
        motion_decide(motion=motion, actor=request.judge, grant=False, note=" ")
    motion_decide(motion=motion, actor=request.judge, grant=False, note="لم يقدم ما يثبت العسر.")
    motion.refresh_from_db()
    assert motion.state == "refused" and motion.decision_note == "لم يقدم ما يثبت العسر."
    assert not Debtor.objects.get(party__user=debtor).in_grace()
    assert told("motion_refused") == {creditor.phone, debtor.phone}
    email = OutboundMessage.objects.filter(event="motion_refused", channel="email").first()
    assert "لم يقدم ما يثبت العسر." in email.body
    with pytest.raises(RequestError):
        motion_decide(motion=motion, actor=request.judge, grant=True)


# --- Preconditions ---------------------------------------------------------------------------------


def test_no_motion_before_the_execution_order_or_after_the_request_ends():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    execution_pay(request=request, amount=Decimal("10000.00"), actor=debtor)
    request.refresh_from_db()
    assert request.status == Status.COMPLETED
    message = refusal(request=request, actor=creditor, kind="sadad_bill")
    assert message == "Motions are filed only while the request is under enforcement."

    early = execution_order(creditor=creditor, debtors=[UserFactory()])
    ExecutionRequest.objects.filter(pk=early.pk).update(ordered_at=None)
    early = Request.objects.get(pk=early.pk)
    assert refusal(request=early, actor=creditor, kind="sadad_bill") == (
        "Motions are filed only once the execution order (Decision 34) is issued."
    )


def test_one_motion_of_a_kind_per_15_days_refused_or_not_then_again():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    first = motion_file(request=request, actor=creditor, kind="sadad_bill", reason=REASON)
    motion_decide(motion=first, actor=request.judge, grant=False, note="الفاتورة القائمة سارية.")
    message = refusal(request=request, actor=creditor, kind="sadad_bill")
    assert message.startswith("A motion of this kind was filed on this request on")
    assert "sadad_bill" not in motions_open_to(request, creditor)
    # Another kind is not held back by it.
    motion_file(request=request, actor=creditor, kind="wage_garnishment", employer="أرامكو", reason=REASON)

    # The clock moves 15 days on: the motion was filed 15 days and a minute ago.
    Motion.objects.filter(pk=first.pk).update(filed_at=first.filed_at - timedelta(days=15, minutes=1))
    assert "sadad_bill" in motions_open_to(request, creditor)
    second = motion_file(request=request, actor=creditor, kind="sadad_bill", reason=REASON)
    assert second.state == "pending"
    # A minute short of 15 days is still too soon.
    Motion.objects.filter(pk=second.pk).update(
        filed_at=timezone.now() - timedelta(days=15) + timedelta(minutes=1)
    )
    assert refusal(request=request, actor=creditor, kind="sadad_bill").startswith("A motion of this kind")


def test_an_execution_in_kind_has_no_amount_or_bill_motions():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(
        creditor=creditor, debtors=[debtor], amount=None, request_type="personal_status",
        personal_status_kind="custody",
    )  # fmt: skip
    assert request.execution.in_kind and request.status in {Status.IN_EXECUTION}
    expected = "This request is executed in kind: it has no amount or bill for this motion."
    assert refusal(request=request, actor=creditor, kind="amend_amount", new_amount=Decimal("5")) == expected
    assert refusal(request=request, actor=creditor, kind="wage_garnishment", employer="x") == expected
    assert refusal(request=request, actor=creditor, kind="sadad_bill") == expected
    assert set(motions_open_to(request, creditor)) == {"grace"}


def test_reactivation_only_during_grace_and_no_second_grace():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    assert refusal(request=request, actor=creditor, kind="reactivation").startswith(
        "No grace period is running"
    )
    file_and_grant(request, creditor, "grace", days=10)
    Motion.objects.update(filed_at=timezone.now() - timedelta(days=16))
    assert refusal(request=request, actor=debtor, kind="grace", days=5) == (
        "A grace period is already running for this debtor."
    )


# --- Who files, who decides ------------------------------------------------------------------------


def test_the_debtor_may_ask_only_for_grace_and_staff_file_nothing(representation):
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    for kind, details in (
        ("amend_amount", {"new_amount": Decimal("1.00")}),
        ("wage_garnishment", {"employer": "شركة"}),
        ("sadad_bill", {}),
        ("reactivation", {}),
    ):
        assert refusal(request=request, actor=debtor, kind=kind, **details) == (
            "The debtor's side may only ask for a grace period."
        )
    assert motions_open_to(request, debtor) == ["grace"]
    creditors_lawyer = UserFactory()
    representation(creditors_lawyer, creditor, services=["enforcement"])
    assert set(motions_open_to(request, creditors_lawyer)) == {
        "amend_amount", "wage_garnishment", "sadad_bill", "grace",
    }  # fmt: skip
    for staff in (request.clerk, request.judge, UserFactory(roles=["supervisor"]), UserFactory()):
        assert motions_open_to(request, staff) == []
        assert refusal(request=request, actor=staff, kind="grace", days=5).startswith(
            "Only the creditor's side"
        )
    motion = motion_file(request=request, actor=debtor, kind="grace", days=15, reason=REASON)
    assert motion.debtor.user == debtor and told("motion_filed") == {debtor.phone}


def test_only_the_enforcement_judge_decides(client, judge_may_decide_in_admin):
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    motion = motion_file(request=request, actor=creditor, kind="sadad_bill", reason=REASON)
    for wrong in (
        request.clerk, UserFactory(roles=["circuit_judge"]), UserFactory(roles=["supervisor"]), creditor, debtor,
    ):  # fmt: skip
        with pytest.raises(RequestError):
            motion_decide(motion=motion, actor=wrong, grant=True)
    motion.refresh_from_db()
    assert motion.state == "pending" and not OutboundMessage.objects.filter(event="motion_bill").exists()

    decide_url = reverse("admin:enforcement_motion_decide", args=[motion.pk])
    client.force_login(request.clerk)
    assert client.post(decide_url, {"decision": "grant"}).status_code in {403, 404}
    motion.refresh_from_db()
    assert motion.state == "pending"

    client.force_login(request.judge)
    queue = client.get(reverse("admin:enforcement_motion_changelist"))
    assert queue.status_code == 200 and request.reference in queue.text
    assert reverse("admin:enforcement_enforcementqueue_change", args=[request.pk]) in queue.text
    page = client.get(decide_url)
    assert page.status_code == 200 and REASON in page.text
    refused_without_reason = client.post(decide_url, {"decision": "refuse", "note": ""})
    assert refused_without_reason.status_code == 200 and 'class="errornote"' in refused_without_reason.text
    client.post(decide_url, {"decision": "grant", "note": "تصدر فاتورة جديدة."})
    motion.refresh_from_db()
    assert motion.state == "granted" and motion.decided_by == request.judge


def test_the_judges_queue_lists_pending_motions_first_and_refuses_in_bulk(client, judge_may_decide_in_admin):
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    decided = file_and_grant(request, creditor, "sadad_bill")
    pending = motion_file(
        request=request, actor=creditor, kind="wage_garnishment", employer="سابك", reason=REASON
    )
    Motion.objects.filter(pk=pending.pk).update(filed_at=decided.filed_at - timedelta(hours=1))
    client.force_login(request.judge)
    queue = client.get(reverse("admin:enforcement_motion_changelist")).text
    decide_link = reverse("admin:enforcement_motion_decide", args=[pending.pk])
    assert decide_link in queue
    assert queue.index(decide_link) < queue.index(
        reverse("admin:enforcement_motion_change", args=[decided.pk])
    )

    changelist = reverse("admin:enforcement_motion_changelist")
    chosen = {"action": "refuse_selected", "_selected_action": [pending.pk]}
    confirmation = client.post(changelist, chosen)
    assert confirmation.status_code == 200 and "سابك" in confirmation.text
    client.post(changelist, {**chosen, "confirmed": "yes", "note": "لا يثبت أن المنفذ ضده يعمل لديها."})
    pending.refresh_from_db()
    assert pending.state == "refused" and not Dispatch.objects.filter(authority="employer").exists()


# --- The request page ------------------------------------------------------------------------------


def test_both_sides_see_the_motions_and_the_form_is_404_to_whoever_may_not_file(client, representation):
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    page_url = reverse("request_detail", args=[request.pk])
    bill_form = reverse("enforcement:motion_new", args=[request.pk, "sadad_bill"])
    grace_form = reverse("enforcement:motion_new", args=[request.pk, "grace"])

    client.force_login(creditor)
    assert bill_form in client.get(page_url).text
    assert client.get(bill_form).status_code == 200
    answer = client.post(bill_form, {"reason": "انتهت صلاحية الفاتورة السابقة."})
    assert answer.status_code == 302
    assert "انتهت صلاحية الفاتورة السابقة." in client.get(page_url).text
    assert client.get(bill_form).status_code == 404, "a second one within 15 days"

    client.force_login(debtor)
    debtors_page = client.get(page_url).text
    assert "انتهت صلاحية الفاتورة السابقة." in debtors_page
    assert grace_form in debtors_page and bill_form not in debtors_page
    assert client.get(reverse("enforcement:motion_new", args=[request.pk, "amend_amount"])).status_code == 404
    invalid = client.post(grace_form, {"days": "500", "reason": REASON})
    assert invalid.status_code == 200 and 'class="error-summary"' in invalid.text
    client.post(grace_form, {"days": "30", "reason": REASON})
    assert Motion.objects.get(kind="grace").days == 30

    for stranger in (UserFactory(), request.clerk):
        client.force_login(stranger)
        assert (
            client.get(reverse("enforcement:motion_new", args=[request.pk, "wage_garnishment"])).status_code
            == 404
        )
        assert client.post(grace_form, {"days": "5", "reason": REASON}).status_code == 404
    assert Motion.objects.count() == 2


def test_the_queue_reads_the_same_few_rows_however_many_motions(client, judge_may_decide_in_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    creditor = UserFactory()
    request = execution_order(creditor=creditor, debtors=[UserFactory()])
    motion_file(request=request, actor=creditor, kind="sadad_bill", reason=REASON)
    client.force_login(request.judge)
    changelist = reverse("admin:enforcement_motion_changelist")
    client.get(changelist)
    with CaptureQueriesContext(connection) as one:
        client.get(changelist)
    for kind, details in (("wage_garnishment", {"employer": "سابك"}), ("grace", {"days": 5})):
        motion_file(request=request, actor=creditor, kind=kind, reason=REASON, **details)
    with CaptureQueriesContext(connection) as three:
        assert client.get(changelist).text.count("/decide/") == 3
    assert len(three) == len(one)
