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

from enforcement.services import execution_pay
from enforcement.validators import validate_iban
from requests_tracker import deadlines
from requests_tracker.errors import RequestError
from requests_tracker.models import Deadline, Request, Status

from ..conftest import postgres_only
from ..factories import UserFactory
from ..files import pdf_bytes
from .helpers import bank_account
from .orders import VALID_IBAN, day, measures
from .orders import order_between as execution_order

pytestmark = pytest.mark.django_db


def test_payment_on_day_four_executes_the_request_and_no_measure_follows():
    request, _creditor, debtor = execution_order()
    day(request, 4)
    execution_pay(request=request, amount=Decimal("10000.00"), actor=debtor)
    request.refresh_from_db()
    assert request.status == Status.COMPLETED and request.execution.lifting_due_at is None
    day(request, 2)
    assert measures(request) == {}


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
    bank_account(creditor, iban=VALID_IBAN)
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
    assert states <= {"declined"}, "a decision the sweep prepared first is dropped by the full payment"
    assert request.execution.lifting_due_at is None, "nothing was in force"
    assert not Deadline.objects.filter(request=request, state__in=["pending", "paused"]).exists()
