"""Enforcement requests: the five-day rule of Article 46, by moving the clock, never by sleeping."""

import threading
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from enforcement.models import ExecutionRequest, Measure
from enforcement.services import execution_disclose, execution_grant_grace, execution_pay
from enforcement.validators import validate_iban
from requests_tracker import deadlines
from requests_tracker.errors import RequestError
from requests_tracker.models import Deadline, OutboundMessage, PartyRole, Request, Status
from requests_tracker.services import party_add, request_transition

from ..conftest import postgres_only
from ..factories import RequestFactory, UserFactory
from ..files import pdf_bytes

pytestmark = pytest.mark.django_db

VALID_IBAN = "SA0380000000608010167519"
MANDATORY = {"travel_ban", "poa_stop", "asset_disclosure", "licence_disclosure", "credit_bureau"}
DISCRETIONARY = {"government_bar", "financial_bar", "family_disclosure", "imprisonment"}


def execution_order(*, creditor=None, debtor=None, amount="10000.00", debtor_phone=True):
    """An enforcement request taken to Decision 34: the debtor has just been notified."""
    creditor = creditor or UserFactory()
    debtor = debtor or UserFactory()
    request = RequestFactory(applicant=creditor, service="enforcement")
    ExecutionRequest.objects.create(
        request=request, request_type="financial", instrument_type="cheque", instrument_number="778812",
        instrument_date="2026-10-01", instrument_issuer="Al Rajhi Bank", amount=Decimal(amount),
        creditor_iban=VALID_IBAN,
    )  # fmt: skip
    if debtor_phone:
        party_add(request=request, role=PartyRole.DEBTOR, id_number=debtor.national_id)
    else:
        party_add(request=request, role=PartyRole.DEBTOR, id_number="1000000008", name="مدين غير مسجل")
    clerk, judge = UserFactory(roles=["enforcement_clerk"]), UserFactory(roles=["enforcement_judge"])
    request_transition(request=request, to=Status.SUBMITTED, actor=creditor)
    request_transition(request=request, to=Status.UNDER_REVIEW, actor=clerk)
    request_transition(request=request, to=Status.IN_PROGRESS, actor=clerk)
    request_transition(
        request=request, to=Status.IN_EXECUTION, actor=judge, decision="يلزم المنفذ ضده بالسداد."
    )
    return Request.objects.get(pk=request.pk), creditor, debtor


def day(request, number):
    """Move the clock to ``number`` days after the notice, by moving the deadlines back."""
    shift = timedelta(days=number)
    for deadline in Deadline.objects.filter(request=request, state="pending"):
        Deadline.objects.filter(pk=deadline.pk).update(due_at=deadline.due_at - shift)
    return deadlines.fire_due()


def measures(request):
    return dict(Measure.objects.filter(execution__request=request).values_list("kind", "state"))


def test_decision_34_records_the_order_and_notifies_the_debtor_by_sms():
    request, _creditor, debtor = execution_order()
    execution = request.execution
    assert execution.order_text == "يلزم المنفذ ضده بالسداد." and execution.notified_by == "sms"
    assert len(execution.bill_number) == 11
    sms = OutboundMessage.objects.get(request=request, event="execution_order", channel="sms")
    assert sms.to == debtor.phone and execution.bill_number in sms.body
    assert Deadline.objects.filter(request=request, kind=deadlines.FIVE_DAYS, state="pending").exists()


def test_no_payment_brings_the_measures_on_day_five_exactly_once():
    request, creditor, debtor = execution_order()
    day(request, 4)
    assert measures(request) == {}
    day(request, 1)
    found = measures(request)
    assert {kind for kind, state in found.items() if state == "applied"} == MANDATORY
    assert {kind for kind, state in found.items() if state == "proposed"} == DISCRETIONARY
    assert Measure.objects.filter(legal_basis__contains="46").count() == 9
    assert deadlines.fire_due() == 0
    day(request, 3)
    assert Measure.objects.filter(execution__request=request).count() == 9
    told = set(
        OutboundMessage.objects.filter(event="measures_applied", channel="sms").values_list("to", flat=True)
    )
    assert told == {creditor.phone, debtor.phone}


def test_the_debtor_is_reminded_on_day_three():
    request, _creditor, debtor = execution_order()
    day(request, 3)
    assert OutboundMessage.objects.filter(request=request, event="payment_reminder", to=debtor.phone).exists()


def test_payment_on_day_four_executes_the_request_and_no_measure_follows():
    request, _creditor, debtor = execution_order()
    day(request, 3)
    execution_pay(request=request, amount=Decimal("10000.00"), actor=debtor)
    request.refresh_from_db()
    assert request.status == Status.COMPLETED
    day(request, 2)
    assert measures(request) == {}


def test_partial_payment_leaves_measures_for_the_balance():
    request, creditor, debtor = execution_order()
    execution_pay(request=request, amount=Decimal("4000.00"), actor=debtor)
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION and request.execution.balance == Decimal("6000.00")
    assert OutboundMessage.objects.filter(event="partial_payment", to=creditor.phone).exists()
    day(request, 5)
    assert set(measures(request)) == MANDATORY | DISCRETIONARY
    assert "6,000.00" in OutboundMessage.objects.filter(event="measures_applied", channel="sms").first().body


def test_full_payment_after_the_measures_lifts_them_with_notices():
    request, creditor, debtor = execution_order()
    day(request, 5)
    execution_pay(request=request, amount=Decimal("10000.00"), actor=debtor)
    assert set(measures(request).values()) == {"lifted"}
    assert OutboundMessage.objects.filter(event="measures_lifted", to=creditor.phone).exists()


def test_enough_disclosed_assets_spare_the_debtor_the_measures():
    request, _creditor, debtor = execution_order()
    execution_disclose(
        request=request, actor=debtor, kind="property", description="صك 310112", value=Decimal("15000")
    )
    day(request, 5)
    assert measures(request) == {}


def test_a_grace_period_pauses_the_clock_and_it_resumes_after():
    request, _creditor, _debtor = execution_order()
    day(request, 2)
    judge = UserFactory(roles=["enforcement_judge"])
    execution_grant_grace(request=request, actor=judge, days=10)
    day(request, 9)
    assert measures(request) == {}, "no measures during the grace period"
    day(request, 1)  # the grace ends: three of the five days are left
    assert measures(request) == {}
    day(request, 3)
    assert set(measures(request)) == MANDATORY | DISCRETIONARY


def test_without_a_mobile_number_the_clock_waits_for_publication(client):
    request, _creditor, _debtor = execution_order(debtor_phone=False)
    assert request.execution.notified_at is None
    day(request, 30)
    assert measures(request) == {}
    clerk = UserFactory(roles=["enforcement_clerk"])
    client.force_login(clerk)
    client.post(
        reverse("admin:enforcement_enforcementqueue_enforcement", args=[request.pk]),
        {"action": "publication"},
    )
    request.execution.refresh_from_db()
    assert request.execution.notified_by == "publication"
    day(request, 5)
    assert set(measures(request)) == MANDATORY | DISCRETIONARY


def test_the_judge_orders_or_declines_each_discretionary_measure(client):
    request, _creditor, _debtor = execution_order()
    day(request, 5)
    judge = UserFactory(roles=["enforcement_judge"])
    client.force_login(judge)
    url = reverse("admin:enforcement_enforcementqueue_enforcement", args=[request.pk])
    travel = Measure.objects.get(execution__request=request, kind="imprisonment")
    client.post(url, {"action": "decline", "measure": travel.pk})
    bar = Measure.objects.get(execution__request=request, kind="financial_bar")
    client.post(url, {"action": "order", "measure": bar.pk})
    assert measures(request)["imprisonment"] == "declined" and measures(request)["financial_bar"] == "applied"
    clerk = UserFactory(roles=["enforcement_clerk"])
    client.force_login(clerk)
    government = Measure.objects.get(execution__request=request, kind="government_bar")
    assert client.post(url, {"action": "order", "measure": government.pk}).status_code == 403


def test_a_payment_beyond_the_balance_is_refused():
    request, _creditor, debtor = execution_order()
    with pytest.raises(RequestError):
        execution_pay(request=request, amount=Decimal("10000.01"), actor=debtor)
    request.execution.refresh_from_db()
    assert request.execution.paid == 0


def test_the_debtor_sees_the_request_pays_on_the_bill_page_and_discloses(client):
    request, _creditor, debtor = execution_order()
    client.force_login(debtor)
    assert request.reference in client.get(reverse("my_requests")).text
    page = client.get(reverse("request_detail", args=[request.pk])).text
    assert "يلزم المنفذ ضده بالسداد." in page and request.execution.bill_number in page
    client.post(
        reverse("enforcement:disclose", args=[request.pk]),
        {"kind": "vehicle", "description": "لوحة أ ب ج 1234", "value": "20000"},
    )
    client.post(reverse("enforcement:pay", args=[request.pk]), {"amount": "2500.00"})
    request.execution.refresh_from_db()
    assert request.execution.paid == Decimal("2500.00")
    assert request.execution.disclosures.count() == 1


def test_inquiry_by_number_shows_only_requests_the_person_may_see(client):
    request, creditor, _debtor = execution_order()
    client.force_login(creditor)
    found = client.get(reverse("enforcement:inquiry"), {"reference": request.reference})
    assert "10,000.00" in found.text and request.reference in found.text
    client.force_login(UserFactory())
    hidden = client.get(reverse("enforcement:inquiry"), {"reference": request.reference})
    assert "10,000.00" not in hidden.text and 'class="error-text"' in hidden.text


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        (VALID_IBAN, True),
        ("sa03 8000 0000 6080 1016 7519", True),
        ("SA0380000000608010167518", False),
        ("GB29NWBK60161331926819", False),
        ("SA03800000006080101675", False),
    ],
)
def test_iban_is_checked_by_iso_13616_mod_97(iban, valid):
    if valid:
        validate_iban(iban.replace(" ", "").upper())
    else:
        with pytest.raises(ValidationError):
            validate_iban(iban)


def test_filing_needs_a_debtor_and_a_translation_of_a_foreign_instrument(client):
    creditor = UserFactory()
    client.force_login(creditor)
    client.post(reverse("service_start", args=["enforcement"]), {"start_token": str(uuid.uuid4())})
    draft = Request.objects.get(applicant=creditor)
    bad_id = client.post(
        reverse("wizard_step", args=[draft.pk, "parties"]),
        {
            "action": "add",
            "role": "debtor",
            "id_type": "national_id",
            "id_number": "1234567890",
            "name": "x",
            "phone": "1",
        },
    )
    assert 'class="error-summary"' in bad_id.text and not draft.parties.filter(role="debtor").exists()
    client.post(
        reverse("wizard_step", args=[draft.pk, "instrument"]),
        {"request_type": "financial", "instrument_type": "foreign", "instrument_number": "A-1",
         "instrument_date": "2026-01-01", "instrument_issuer": "Cairo court", "amount": "500"},
    )  # fmt: skip
    bad_iban = client.post(
        reverse("wizard_step", args=[draft.pk, "account"]), {"creditor_iban": "SA0380000000608010167518"}
    )
    assert bad_iban.status_code == 200 and 'class="error-summary"' in bad_iban.text
    client.post(reverse("wizard_step", args=[draft.pk, "account"]), {"creditor_iban": VALID_IBAN})
    client.post(
        reverse("wizard_step", args=[draft.pk, "documents"]),
        {"action": "upload", "kind": "instrument", "file": SimpleUploadedFile("i.pdf", pdf_bytes())},
    )
    review = client.post(reverse("wizard_step", args=[draft.pk, "review"]))
    assert review.status_code == 400
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_payment_racing_the_sweep_ends_consistent():
    request, _creditor, debtor = execution_order()
    Deadline.objects.filter(request=request).update(due_at=timezone.now() - timedelta(seconds=1))
    barrier = threading.Barrier(2)
    outcome = {}

    def sweep():
        barrier.wait()
        try:
            outcome["fired"] = deadlines.fire_due()
        finally:
            connection.close()

    def pay():
        barrier.wait()
        try:
            execution_pay(
                request=Request.objects.get(pk=request.pk), amount=Decimal("10000.00"), actor=debtor
            )
            outcome["paid"] = True
        except RequestError:
            outcome["paid"] = False
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep), threading.Thread(target=pay)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    request.refresh_from_db()
    assert outcome["paid"] is True and request.status == Status.COMPLETED
    states = set(measures(request).values())
    assert states <= {"lifted"}, "measures, if the sweep came first, are lifted by the full payment"
    assert not Deadline.objects.filter(request=request, state__in=["pending", "paused"]).exists()
