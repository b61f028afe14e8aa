"""Personal-status execution (Articles 73, 74 and 92): custody, visitation and delivery of a child in
kind, as the judge sets, with refusals, police and imprisonment; maintenance by monthly deductions
from the debtor's account, by moving the clock."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import RequestFactory as HttpRequestFactory
from django.urls import reverse
from django.utils.translation import override

from enforcement.admin_in_kind import in_kind_admin_action, in_kind_admin_context
from enforcement.models import (
    BankAccount,
    Dispatch,
    EnforcementQueue,
    ExecutionRequest,
    Imprisonment,
    InKindEvent,
    MaintenanceInstalment,
    Measure,
    Payment,
)
from enforcement.personal_status import (
    MAINTENANCE_DUE,
    in_kind_context,
    in_kind_imprison,
    in_kind_order_police,
    in_kind_record,
    in_kind_set_way,
    personal_status_form_errors,
    personal_status_problems,
)
from enforcement.validators import saudi_iban
from requests_tracker import deadlines
from requests_tracker.access import viewer_for
from requests_tracker.errors import RequestError
from requests_tracker.models import Deadline, OutboundMessage, PartyRole, Request, Status
from requests_tracker.services import party_add, request_transition

from ..clients import english_client
from ..factories import RequestFactory, UserFactory
from .orders import refused

pytestmark = pytest.mark.django_db

CREDITOR_IBAN = saudi_iban("80", "608010167519")
DEBTOR_IBAN = saudi_iban("10", "000012345678")
PLACE = "مركز الزيارة الأسرية، حي الملقا، الرياض"
SCHEDULE = "كل يوم جمعة من الرابعة عصرًا إلى الثامنة مساءً"


def personal_status_order(kind, *, amount=None, monthly=None, debtor_balance="0"):
    """A personal-status request taken to Decision 34, with the debtor's and the creditor's accounts."""
    creditor, debtor = UserFactory(), UserFactory()
    clerk, judge = UserFactory(roles=["enforcement_clerk"]), UserFactory(roles=["enforcement_judge"])
    request = RequestFactory(applicant=creditor, service="enforcement")
    ExecutionRequest.objects.create(
        request=request, request_type="personal_status", personal_status_kind=kind,
        instrument_type="court_judgment", instrument_number="4470112", instrument_date="2026-01-10",
        instrument_issuer="محكمة الأحوال الشخصية بالرياض", creditor_iban=CREDITOR_IBAN,
        amount=None if amount is None else Decimal(amount),
        monthly_amount=None if monthly is None else Decimal(monthly),
    )  # fmt: skip
    BankAccount.objects.create(national_id=creditor.national_id, iban=CREDITOR_IBAN, bank_name="البنك الأهلي")
    BankAccount.objects.create(
        national_id=debtor.national_id,
        iban=DEBTOR_IBAN,
        bank_name="مصرف الراجحي",
        balance=Decimal(debtor_balance),
    )
    party_add(request=request, role=PartyRole.DEBTOR, id_number=debtor.national_id)
    request_transition(request=request, to=Status.SUBMITTED, actor=creditor)
    request_transition(request=request, to=Status.UNDER_REVIEW, actor=clerk)
    request_transition(request=request, to=Status.IN_PROGRESS, actor=clerk)
    request_transition(
        request=request, to=Status.IN_EXECUTION, actor=judge, decision="يلزم المنفذ ضده بتسليم المحضون."
    )
    return Request.objects.get(pk=request.pk), creditor, debtor, clerk, judge


def told(request, event):
    return set(
        OutboundMessage.objects.filter(request=request, event=event, channel="sms").values_list(
            "to", flat=True
        )
    )


def test_custody_is_executed_in_kind_with_no_bill_no_payment_page_and_no_article_46(client):
    request, _creditor, debtor, _clerk, _judge = personal_status_order("custody")
    execution = ExecutionRequest.objects.get(request=request)
    assert request.status == Status.IN_EXECUTION and execution.amount is None
    assert execution.bill_number == ""
    assert told(request, "in_kind_order") == {debtor.phone}
    assert not OutboundMessage.objects.filter(request=request, event="execution_order").exists()
    client.force_login(debtor)
    assert client.get(reverse("enforcement:pay", args=[request.pk])).status_code == 404
    assert client.post(reverse("enforcement:pay", args=[request.pk]), {"amount": "100"}).status_code == 404
    deadlines.fire_due(now=request.status_changed_at + timedelta(days=40))
    assert not Measure.objects.filter(debtor__execution=execution).exists()
    assert not Payment.objects.filter(execution=execution).exists()
    execution.refresh_from_db()
    assert execution.bill_number == ""


def test_the_judge_sets_the_way_and_both_parties_see_it_but_no_one_else():
    request, creditor, debtor, _clerk, judge = personal_status_order("visitation")
    with pytest.raises(RequestError):
        in_kind_set_way(request=request, actor=judge, place=PLACE)  # visitation needs its days and hours
    in_kind_set_way(request=request, actor=judge, place=PLACE, schedule=SCHEDULE)
    assert told(request, "in_kind_way_set") == {creditor.phone, debtor.phone}
    for party in (creditor, debtor):
        page = render_to_string(
            "enforcement/includes/in_kind.html",
            {"in_kind": in_kind_context(request, viewer_for(request, party))},
        )
        assert PLACE in page and SCHEDULE in page
    stranger = UserFactory()
    assert in_kind_context(request, viewer_for(request, stranger)) == {}


def test_a_refusal_then_imprisonment_of_at_most_three_months_sent_to_the_police():
    request, creditor, debtor, clerk, judge = personal_status_order("child_delivery")
    in_kind_set_way(request=request, actor=judge, place=PLACE)
    assert refused(in_kind_imprison, request=request, actor=judge, months=1), "no refusal recorded yet"
    assert refused(in_kind_record, request=request, actor=clerk, kind="refused", note="")
    in_kind_record(request=request, actor=clerk, kind="refused", note="رفض الأب تسليم الطفل في الموعد.")
    assert told(request, "in_kind_refused") >= {creditor.phone, debtor.phone}
    assert refused(in_kind_imprison, request=request, actor=judge, months=4)
    assert refused(in_kind_imprison, request=request, actor=judge, months=0)
    assert not Imprisonment.objects.exists()
    imprisonment = in_kind_imprison(request=request, actor=judge, months=3)
    assert imprisonment.months == 3 and imprisonment.legal_basis == "art92"
    assert imprisonment.dispatch.authority == "police" and debtor.national_id in imprisonment.dispatch.subject
    assert told(request, "in_kind_imprisonment") == {creditor.phone, debtor.phone}
    assert refused(in_kind_imprison, request=request, actor=judge, months=1), "one imprisonment per refusal"
    in_kind_record(request=request, actor=clerk, kind="child_hidden", note="أخفى الطفل عند حضور المحضر.")
    in_kind_imprison(request=request, actor=judge, months=1)
    assert Imprisonment.objects.filter(execution_id=request.pk).count() == 2


def test_police_assistance_is_dispatched_to_the_police_once_the_way_is_set():
    request, creditor, debtor, _clerk, judge = personal_status_order("custody")
    assert refused(in_kind_order_police, request=request, actor=judge), "the place is not set yet"
    in_kind_set_way(request=request, actor=judge, place=PLACE)
    dispatch = in_kind_order_police(request=request, actor=judge)
    assert Dispatch.objects.get(execution_id=request.pk) == dispatch
    assert dispatch.authority == "police" and PLACE in dispatch.subject and dispatch.reference
    assert request.execution.in_kind_order.police_ordered
    assert told(request, "in_kind_police") == {creditor.phone, debtor.phone}


def test_a_recorded_handover_of_custody_closes_the_request_as_executed():
    request, creditor, _debtor, clerk, judge = personal_status_order("custody")
    assert refused(in_kind_record, request=request, actor=clerk, kind="executed"), "the way is not set yet"
    in_kind_set_way(request=request, actor=judge, place=PLACE)
    in_kind_record(request=request, actor=clerk, kind="executed", note="سُلّم المحضون إلى الأم.")
    request.refresh_from_db()
    assert request.status == Status.COMPLETED
    assert request.history.filter(to_status=Status.COMPLETED).exists()
    assert creditor.phone in told(request, "in_kind_executed")
    page = english_client(creditor).get(reverse("request_detail", args=[request.pk])).text
    assert "Executed in kind" in page, "the page says how the request was closed"
    assert refused(in_kind_record, request=request, actor=clerk, kind="refused", note="بعد الإغلاق")


def test_each_visit_is_recorded_and_visitation_stays_open():
    request, _creditor, _debtor, clerk, judge = personal_status_order("visitation")
    in_kind_set_way(request=request, actor=judge, place=PLACE, schedule=SCHEDULE)
    in_kind_record(request=request, actor=clerk, kind="executed")
    in_kind_record(request=request, actor=judge, kind="executed")
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION
    assert InKindEvent.objects.filter(execution_id=request.pk, kind="executed").count() == 2


def test_only_the_judge_sets_the_way_orders_police_and_imprisonment():
    request, creditor, debtor, clerk, judge = personal_status_order("custody")
    for actor in (clerk, creditor, debtor, UserFactory()):
        assert refused(in_kind_set_way, request=request, actor=actor, place=PLACE)
    in_kind_set_way(request=request, actor=judge, place=PLACE)
    for actor in (creditor, debtor, UserFactory()):
        assert refused(in_kind_record, request=request, actor=actor, kind="refused", note="رفض")
    in_kind_record(request=request, actor=clerk, kind="refused", note="رفض التسليم.")
    for actor in (clerk, creditor, debtor):
        assert refused(in_kind_imprison, request=request, actor=actor, months=1)
        assert refused(in_kind_order_police, request=request, actor=actor)
    assert not Imprisonment.objects.exists() and not Dispatch.objects.exists()


def case_file_post(user, obj, data):
    """A POST of the case file's personal-status form, as the admin view hands it on."""
    http = HttpRequestFactory().post("/", data)
    http.user, http.session = user, {}
    http._messages = FallbackStorage(http)
    return in_kind_admin_action(admin.site._registry[EnforcementQueue], http, obj)


def case_file_part(user, obj) -> str:
    http = HttpRequestFactory().get("/")
    http.user = user
    context = {**in_kind_admin_context(http, obj), "enforcement_url": "/enforcement/", "csrf_token": "x"}
    return render_to_string("admin/enforcement/includes/in_kind_actions.html", context)


def test_the_judges_and_the_clerks_actions_in_the_case_file():
    request, _creditor, _debtor, clerk, judge = personal_status_order("child_delivery")
    assert 'value="in_kind_way"' not in case_file_part(clerk, request)
    with pytest.raises(PermissionDenied):
        case_file_post(clerk, request, {"action": "in_kind_way", "place": PLACE})
    assert 'value="in_kind_way"' in case_file_part(judge, request)
    case_file_post(judge, request, {"action": "in_kind_way", "place": PLACE})
    page = case_file_part(clerk, request)
    assert PLACE in page and 'value="in_kind_record"' in page and 'value="in_kind_imprison"' not in page
    case_file_post(clerk, request, {"action": "in_kind_record", "kind": "refused", "note": "رفض التسليم."})
    assert 'value="in_kind_imprison"' in case_file_part(judge, request)
    with pytest.raises(PermissionDenied):
        case_file_post(clerk, request, {"action": "in_kind_imprison", "months": "2"})
    case_file_post(judge, request, {"action": "in_kind_imprison", "months": "4"})
    assert not Imprisonment.objects.exists()
    case_file_post(judge, request, {"action": "in_kind_imprison", "months": "٢"})
    assert Imprisonment.objects.get(execution_id=request.pk).months == 2
    assert 'value="in_kind_imprison"' not in case_file_part(judge, request)


# --- Maintenance ---------------------------------------------------------------------------------


def due_instalment(request):
    return Deadline.objects.get(request=request, kind=MAINTENANCE_DUE, state="pending")


def test_maintenance_is_deducted_monthly_on_its_dates_and_the_last_executes_the_request():
    request, creditor, debtor, _clerk, _judge = personal_status_order(
        "maintenance", amount="4500.00", monthly="1500.00", debtor_balance="10000.00"
    )
    instalments = list(MaintenanceInstalment.objects.filter(execution_id=request.pk))
    assert [(one.number, one.amount) for one in instalments] == [(n, Decimal("1500.00")) for n in (1, 2, 3)]
    months = [one.due_on.year * 12 + one.due_on.month for one in instalments]
    ordered = request.execution.ordered_at.date()
    assert months == [ordered.year * 12 + ordered.month + n for n in (1, 2, 3)]
    assert told(request, "maintenance_scheduled") == {creditor.phone, debtor.phone}
    for number in (1, 2, 3):
        deadline = due_instalment(request)
        assert deadline.due_at.date() == instalments[number - 1].due_on
        deadlines.fire_due(now=deadline.due_at - timedelta(minutes=1))
        assert MaintenanceInstalment.objects.get(execution_id=request.pk, number=number).state == "scheduled"
        deadlines.fire_due(now=deadline.due_at)
        instalment = MaintenanceInstalment.objects.get(execution_id=request.pk, number=number)
        assert instalment.state == "deducted" and instalment.bank_reference
        assert instalment.payment.source == Payment.Source.BANK_ORDER
        assert instalment.payment.amount == Decimal("1500.00")
        assert BankAccount.objects.get(iban=CREDITOR_IBAN).balance == Decimal("1500.00") * number
        request.refresh_from_db()
        assert request.status == (Status.COMPLETED if number == 3 else Status.PARTIALLY_EXECUTED)
    assert BankAccount.objects.get(iban=DEBTOR_IBAN).balance == Decimal("5500.00")
    assert not Deadline.objects.filter(request=request, kind=MAINTENANCE_DUE, state="pending").exists()


def test_an_instalment_the_bank_refuses_is_recorded_failed_both_sides_are_told_and_the_next_follows():
    request, creditor, debtor, _clerk, _judge = personal_status_order(
        "maintenance", amount="3000.00", monthly="1500.00", debtor_balance="100.00"
    )
    first = due_instalment(request)
    deadlines.fire_due(now=first.due_at)
    instalment = MaintenanceInstalment.objects.get(execution_id=request.pk, number=1)
    assert instalment.state == "failed" and instalment.failure_reason and not instalment.bank_reference
    assert told(request, "maintenance_failed") == {creditor.phone, debtor.phone}
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION and request.execution.paid == 0
    assert BankAccount.objects.get(iban=DEBTOR_IBAN).balance == Decimal("100.00")
    BankAccount.objects.filter(iban=DEBTOR_IBAN).update(balance=Decimal("2000.00"))
    deadlines.fire_due(now=due_instalment(request).due_at)
    assert MaintenanceInstalment.objects.get(execution_id=request.pk, number=2).state == "deducted"
    request.refresh_from_db()
    assert request.status == Status.PARTIALLY_EXECUTED and request.execution.balance == Decimal("1500.00")


@override("en")
def test_the_filing_refuses_an_amount_on_custody_and_a_maintenance_total_off_the_months():
    def problems(**fields):
        return personal_status_problems(ExecutionRequest(request_type="personal_status", **fields))

    assert any(
        "in kind" in problem for problem in problems(personal_status_kind="custody", amount=Decimal("10"))
    )
    assert problems(personal_status_kind="custody") == []
    assert problems() and problems(personal_status_kind="maintenance", amount=Decimal("4500"))
    assert problems(
        personal_status_kind="maintenance", amount=Decimal("4000"), monthly_amount=Decimal("1500")
    )
    assert (
        problems(personal_status_kind="maintenance", amount=Decimal("4500"), monthly_amount=Decimal("1500"))
        == []
    )
    assert personal_status_problems(ExecutionRequest(request_type="financial")) == [
        "Give the amount to execute."
    ]


def test_the_details_form_gets_each_error_beside_its_field():
    data = {
        "request_type": "personal_status",
        "personal_status_kind": "visitation",
        "amount": Decimal("5000"),
    }
    assert [field for field, _message in personal_status_form_errors(data)] == ["amount"]
    data = {
        "request_type": "personal_status",
        "personal_status_kind": "maintenance",
        "amount": Decimal("4500"),
    }
    assert [field for field, _message in personal_status_form_errors(data)] == ["monthly_amount"]
    data = {
        "request_type": "personal_status",
        "personal_status_kind": "custody",
        "monthly_amount": Decimal("9"),
    }
    assert personal_status_form_errors(data) == [] and data["monthly_amount"] is None
