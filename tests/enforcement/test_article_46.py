"""The Enforcement Law as it runs: each debtor notified at his registered mobile, his own five days
from delivery, publication on day 20, Decision 46 issued by the judge, grace, partial payment,
settlement, withdrawal and lifting. The clock moves by moving the deadlines, never by sleeping."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.admin import AwaitingFilter
from enforcement.assets import asset_seize, asset_sold, asset_verify
from enforcement.models import Debtor, Dispatch, Measure
from enforcement.selectors import deeds_under_seizure, poa_stops_against
from enforcement.services import (
    decision_46_issue,
    execution_disclose,
    execution_grant_grace,
    execution_pay,
    measures_lift,
)
from identity.models import Person
from requests_tracker.errors import RequestError
from requests_tracker.models import Deadline, IssuedDocument, OutboundMessage, Request, Status

from ..clients import english_client
from ..factories import UserFactory
from .orders import DISCRETIONARY, MANDATORY, day, debtor_row, deliver_orders, execution_order, measures

pytestmark = pytest.mark.django_db

ACTION = "admin:enforcement_enforcementqueue_enforcement"


def states(found) -> set:
    return set(found.values())


def land_disclosed(value: str, deed: str):
    """A request at Decision 34 whose debtor has disclosed a plot of land (deed ``deed``)."""
    debtor = UserFactory()
    request = execution_order(debtors=[debtor])
    asset = execution_disclose(
        request=request,
        actor=debtor,
        kind="property",
        identifier=deed,
        description="أرض",
        value=Decimal(value),
    )
    return request, asset


def issue(request, *, ordered=()):
    return decision_46_issue(debtor=debtor_row(request), actor=request.judge, ordered=ordered)


def test_the_order_goes_to_the_registered_mobile_and_the_clock_starts_at_delivery():
    debtor = UserFactory()
    request = execution_order(debtors=[debtor], delivered=False)
    sms = OutboundMessage.objects.get(request=request, event="execution_order", channel="sms")
    assert sms.to == debtor.phone and request.execution.bill_number in sms.body
    assert not Deadline.objects.filter(request=request, kind="five_days").exists(), "no clock before delivery"
    assert debtor_row(request).notified_at is None
    deliver_orders(request)
    row = debtor_row(request)
    assert row.notified_by == "sms" and row.notified_at is not None
    clock = Deadline.objects.get(request=request, kind="five_days", state="pending")
    assert clock.party_id == row.party_id and clock.due_at == row.notified_at + timedelta(days=5)


def test_an_unregistered_debtor_is_reached_at_the_registry_number_never_the_typed_one():
    Person.objects.create(
        national_id="1000000008", id_type="national_id", name_ar="مدين", name_en="Debtor",
        birth_date="1980-01-01", phone="+966512345678", password="x",
    )  # fmt: skip
    request = execution_order(debtors=["1000000008"], delivered=False)
    sms = OutboundMessage.objects.get(request=request, event="execution_order", channel="sms")
    assert sms.to == "+966512345678", "the registry's number, not the 0500000001 the creditor typed"


def test_no_measure_is_in_force_before_the_judge_issues_decision_46(client):
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    day(request, 4)
    assert measures(request) == {}
    day(request, 1)
    found = measures(request)
    assert states(found) == {"proposed"} and set(found) == MANDATORY | DISCRETIONARY
    assert debtor_row(request).decision_due_at is not None
    assert poa_stops_against([debtor.national_id]) == {}, "nothing is in force yet"
    assert not OutboundMessage.objects.filter(event="measures_applied").exists()
    client.force_login(creditor)
    assert "Travel ban" not in client.get(reverse("request_detail", args=[request.pk])).text
    # The judge's queue shows it as due today.
    due = AwaitingFilter(None, {"awaiting": "decision_46"}, Request, None).queryset(
        None, Request.objects.all()
    )
    assert list(due) == [request]


def test_the_judge_issues_decision_46_which_dispatches_each_measure_and_tells_both_sides(client):
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    day(request, 5)
    client.force_login(request.judge)
    client.post(
        reverse(ACTION, args=[request.pk]),
        {"action": "decision_46", "debtor": debtor_row(request).pk, "ordered": ["financial_bar"]},
    )
    found = measures(request)
    assert {kind for kind, state in found.items() if state == "applied"} == MANDATORY | {"financial_bar"}
    assert {kind for kind, state in found.items() if state == "declined"} == DISCRETIONARY - {"financial_bar"}
    document = IssuedDocument.objects.get(request=request, kind="enforcement_decision_46")
    assert debtor_row(request).decision == document and document.pdf
    sent = Dispatch.objects.filter(execution_id=request.pk, action="apply")
    assert sent.count() == 6
    assert sent.get(measure__kind="travel_ban").authority == "passports"
    assert sent.get(measure__kind="credit_bureau").authority == "credit_bureau"
    assert poa_stops_against([debtor.national_id]) == {debtor.national_id: request.reference}
    told = set(
        OutboundMessage.objects.filter(event="measures_applied", channel="sms").values_list("to", flat=True)
    )
    assert told == {creditor.phone, debtor.phone}
    page = english_client(creditor).get(reverse("request_detail", args=[request.pk])).text
    assert "Travel ban" in page and sent.get(measure__kind="travel_ban").reference in page
    assert "Imprisonment" not in page, "a measure the judge did not order is not shown as in force"
    verified = client.post(reverse("verify"), {"number": document.number, "national_id": debtor.national_id})
    assert request.reference in verified.text


def test_a_clerk_cannot_issue_decision_46_and_the_judge_issues_it_once(client):
    request = execution_order()
    day(request, 5)
    client.force_login(request.clerk)
    url = reverse(ACTION, args=[request.pk])
    assert client.post(url, {"action": "decision_46", "debtor": debtor_row(request).pk}).status_code == 403
    with pytest.raises(RequestError):
        decision_46_issue(debtor=debtor_row(request), actor=request.clerk)
    issue(request)
    with pytest.raises(RequestError):
        issue(request)


def test_two_debtors_notified_on_different_days_have_separate_clocks():
    first, second = UserFactory(), UserFactory()
    request = execution_order(debtors=[first, second], delivered=False)
    deliver_orders(request, to=request.parties.get(user=first))
    day(request, 2)
    deliver_orders(request, to=request.parties.get(user=second))
    day(request, 3)
    assert states(measures(request, first)) == {"proposed"}, "the first debtor's five days are over"
    assert measures(request, second) == {}, "the second's run two days later"
    day(request, 2)
    assert states(measures(request, second)) == {"proposed"}


def test_a_debtor_not_reached_is_published_on_day_20_at_his_cost_and_his_five_days_run_from_then(client):
    request = execution_order(debtors=["1000000008"])  # no registered mobile anywhere
    assert not OutboundMessage.objects.filter(request=request, event="execution_order").exists()
    row = debtor_row(request)
    client.force_login(request.clerk)
    url = reverse(ACTION, args=[request.pk])
    form = {"action": "publication", "debtor": row.pk, "newspaper": "صحيفة الرياض", "cost": "750.00"}
    client.post(url, {**form, "published_on": timezone.localdate().isoformat()})
    assert debtor_row(request).notified_at is None, "no publication before day 20"
    day(request, 19)
    assert debtor_row(request).publication_due_at is None
    day(request, 1)
    assert debtor_row(request).publication_due_at is not None
    due = AwaitingFilter(None, {"awaiting": "publication"}, Request, None).queryset(
        None, Request.objects.all()
    )
    assert list(due) == [request]
    client.post(url, {**form, "published_on": timezone.localdate().isoformat()})
    row = debtor_row(request)
    assert row.notified_by == "publication" and row.newspaper == "صحيفة الرياض"
    request.execution.refresh_from_db()
    assert request.execution.costs == Decimal("750.00") and request.execution.balance == Decimal("10750.00")
    day(request, 4)
    assert measures(request) == {}
    day(request, 1)
    assert states(measures(request)) == {"proposed"}


def test_the_day_three_reminder_goes_to_the_debtor_but_not_during_a_grace_period():
    debtor = UserFactory()
    request = execution_order(debtors=[debtor])
    day(request, 3)
    assert (
        OutboundMessage.objects.filter(request=request, event="payment_reminder", to=debtor.phone).count()
        == 1
    )
    other_debtor = UserFactory()
    other = execution_order(debtors=[other_debtor])
    day(other, 1)
    execution_grant_grace(request=other, actor=other.judge, days=10)
    day(other, 5)
    assert not OutboundMessage.objects.filter(request=other, event="payment_reminder").exists()
    assert measures(other) == {}


def test_grace_is_a_status_with_its_end_date_and_every_clock_resumes_after():
    request = execution_order()
    day(request, 2)
    execution_grant_grace(request=request, actor=request.judge, days=10)
    request.refresh_from_db()
    assert request.status == Status.GRACE_GRANTED
    assert debtor_row(request).grace_until.date() == (timezone.now() + timedelta(days=10)).date()
    day(request, 9)
    assert measures(request) == {}, "no measure during the grace period"
    day(request, 1)  # the grace ends: three of the five days are left
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION
    assert measures(request) == {}
    day(request, 3)
    assert states(measures(request)) == {"proposed"}


def test_part_payment_makes_the_request_partially_executed_and_the_clock_keeps_running(client):
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    execution_pay(request=request, amount=Decimal("4000.00"), actor=debtor)
    request.refresh_from_db()
    assert request.status == Status.PARTIALLY_EXECUTED and request.execution.balance == Decimal("6000.00")
    page = english_client(creditor).get(reverse("request_detail", args=[request.pk])).text
    assert "Partially executed" in page and "6,000.00" in page
    day(request, 5)
    assert states(measures(request)) == {"proposed"}, "paying a part does not stop the five days"
    issue(request)
    assert "6,000.00" in OutboundMessage.objects.filter(event="measures_applied", channel="sms").first().body


def test_full_payment_closes_the_request_and_the_judge_lifts_the_measures():
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    day(request, 5)
    issue(request)
    execution_pay(request=request, amount=Decimal("10000.00"), actor=debtor)
    request.refresh_from_db()
    assert request.status == Status.COMPLETED and request.execution.lifting_due_at is not None
    assert states(measures(request)) == {"applied", "declined"}, "in force until the judge lifts them"
    assert measures_lift(request=request, actor=request.judge) == 5
    assert states(measures(request)) == {"lifted", "declined"}
    assert Dispatch.objects.filter(execution_id=request.pk, action="lift").count() == 5
    assert poa_stops_against([debtor.national_id]) == {}
    assert OutboundMessage.objects.filter(event="measures_lifted", to=debtor.phone).exists()


def test_a_settlement_the_creditor_confirms_lifts_the_measures(client):
    creditor, debtor = UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[debtor])
    day(request, 5)
    issue(request)
    client.force_login(debtor)
    assert client.post(reverse("enforcement:close", args=[request.pk, "settle"])).status_code == 404
    confirm = english_client(creditor).get(reverse("enforcement:close", args=[request.pk, "settle"]))
    assert "Confirm the settlement" in confirm.text
    client.force_login(creditor)
    client.post(reverse("enforcement:close", args=[request.pk, "settle"]))
    request.refresh_from_db()
    assert request.status == Status.COMPLETED and request.execution.closing_reason == "settled"
    client.force_login(request.judge)
    client.post(reverse(ACTION, args=[request.pk]), {"action": "lift"})
    assert states(measures(request)) == {"lifted", "declined"}
    assert OutboundMessage.objects.filter(event="measures_lifted", to=debtor.phone).exists()


def test_the_creditor_withdraws_and_enforcement_ends(client):
    creditor = UserFactory()
    request = execution_order(creditor=creditor)
    client.force_login(creditor)
    client.post(reverse("enforcement:close", args=[request.pk, "withdraw"]))
    request.refresh_from_db()
    assert request.status == Status.CANCELLED and request.execution.closing_reason == "withdrawn"
    assert request.execution.lifting_due_at is None, "nothing was in force: nothing to lift"
    day(request, 6)
    assert measures(request) == {}


def test_an_unverified_or_refuted_disclosure_counts_as_none_a_verified_one_spares_the_decision():
    request, _asset = land_disclosed("15000", "310112")
    day(request, 5)
    assert states(measures(request)) == {"proposed"}, "a disclosure nobody verified counts as none"
    other, asset = land_disclosed("15000", "310113")
    asset_verify(asset=asset, actor=other.clerk, verified=True)
    day(other, 5)
    assert measures(other) == {}


def test_the_judge_seizes_a_verified_deed_which_cannot_be_sold_and_its_sale_pays_the_debt():
    request, asset = land_disclosed("9000", "410100")
    assert deeds_under_seizure(["410100"]) == {}
    with pytest.raises(RequestError):
        asset_seize(asset=asset, actor=request.judge)  # not verified yet
    asset_verify(asset=asset, actor=request.clerk, verified=True)
    with pytest.raises(RequestError):
        asset_seize(asset=asset, actor=request.clerk)  # a judge's order
    asset_seize(asset=asset, actor=request.judge)
    assert deeds_under_seizure(["410100"]) == {"410100": request.reference}
    asset_sold(asset=asset, actor=request.clerk, proceeds=Decimal("9000"))
    request.refresh_from_db()
    assert request.status == Status.PARTIALLY_EXECUTED and request.execution.balance == Decimal("1000.00")
    assert deeds_under_seizure(["410100"]) == {}, "sold: no longer the debtor's to sell"


def test_a_refuted_disclosure_needs_a_reason_the_parties_read():
    debtor = UserFactory()
    request = execution_order(debtors=[debtor])
    asset = execution_disclose(
        request=request, actor=debtor, kind="vehicle", description="لوحة", value=Decimal("5")
    )
    with pytest.raises(RequestError):
        asset_verify(asset=asset, actor=request.clerk, verified=False)
    asset_verify(asset=asset, actor=request.clerk, verified=False, note="لا توجد مركبة مسجلة")
    assert OutboundMessage.objects.filter(event="asset_refuted", to=debtor.phone).exists()


def test_the_legal_basis_is_shown_in_the_readers_language(client):
    creditor = UserFactory()
    request = execution_order(creditor=creditor)
    day(request, 5)
    issue(request)
    assert set(Measure.objects.values_list("legal_basis", flat=True)) == {"art46"}
    url = reverse("request_detail", args=[request.pk])
    assert "Enforcement Law, Article 46" in english_client(creditor).get(url).text
    client.force_login(creditor)
    assert "نظام التنفيذ، المادة 46" in client.get(url).text


def test_a_debtor_sees_his_own_decision_not_his_co_debtors():
    first, second = UserFactory(), UserFactory()
    request = execution_order(debtors=[first, second])
    day(request, 5)
    for row in Debtor.objects.filter(execution_id=request.pk):
        decision_46_issue(debtor=row, actor=request.judge)
    page = english_client(first).get(reverse("request_detail", args=[request.pk])).text
    assert first.name_ar in page or first.national_id in page
    assert Debtor.objects.get(party__user=second).decision.number not in page


def test_the_inquiry_shows_a_debtor_his_own_measures_and_the_creditor_all():
    first, second, creditor = UserFactory(), UserFactory(), UserFactory()
    request = execution_order(creditor=creditor, debtors=[first, second])
    day(request, 5)
    decision_46_issue(debtor=Debtor.objects.get(party__user=second), actor=request.judge)
    url = reverse("enforcement:inquiry")
    assert "Travel ban" in english_client(creditor).get(url, {"reference": request.reference}).text
    shown = english_client(first).get(url, {"reference": request.reference}).text
    assert request.reference in shown and "Travel ban" not in shown, "his co-debtor's measures are not his"
    assert "Travel ban" in english_client(second).get(url, {"reference": request.reference}).text
