"""An enforcement request filed, paid and looked up with digits typed on an Arabic keyboard; its
amounts shown with thousands separators and the currency, in Arabic and in English."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from enforcement.court_forms import GraceForm
from enforcement.models import ExecutionRequest
from identity.validators import luhn_check_digit
from requests_tracker.models import Request

from ..factories import UserFactory
from .helpers import bank_account
from .orders import VALID_IBAN
from .orders import order_between as execution_order

pytestmark = pytest.mark.django_db


def arabic_indic(text: str) -> str:
    """As typed on an Arabic keyboard."""
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def arabic_amount(text: str) -> str:
    """An amount as typed on an Arabic keyboard, with the Arabic thousands and decimal separators."""
    return arabic_indic(text).translate(str.maketrans(",.", "\u066c\u066b"))


@pytest.fixture
def draft(client):
    creditor = UserFactory()
    bank_account(creditor, iban=VALID_IBAN)
    client.force_login(creditor)
    client.post(reverse("service_start", args=["enforcement"]), {"start_token": str(uuid.uuid4())})
    return Request.objects.get(applicant=creditor, service="enforcement")


def test_the_debtors_id_and_mobile_typed_in_arabic_indic_digits_are_stored_in_latin_digits(client, draft):
    debtor_id = "1" + "23456789"
    debtor_id += luhn_check_digit(debtor_id)
    client.post(
        reverse("wizard_step", args=[draft.pk, "parties"]),
        {
            "action": "add",
            "role": "debtor",
            "id_type": "national_id",
            "id_number": arabic_indic(debtor_id),
            "name": "مدين غير مسجل",
            "phone": arabic_indic("050 123 4567"),
        },
    )
    party = draft.parties.get(role="debtor")
    assert (party.id_number, party.phone) == (debtor_id, "+966501234567")


def test_the_instrument_amount_and_iban_typed_in_arabic_indic_digits_are_stored_in_latin_digits(
    client, draft
):
    client.post(
        reverse("wizard_step", args=[draft.pk, "instrument"]),
        {
            "request_type": "financial",
            "instrument_type": "cheque",
            "instrument_number": arabic_indic("778812"),
            "instrument_date": arabic_indic("2026-10-01"),
            "instrument_issuer": "مصرف الراجحي",
            "instrument_in_arabic": "on",
            "amount": arabic_amount("12,500.50"),
        },
    )
    client.post(
        reverse("wizard_step", args=[draft.pk, "account"]), {"creditor_iban": arabic_indic(VALID_IBAN)}
    )
    execution = ExecutionRequest.objects.get(request=draft)
    assert execution.amount == Decimal("12500.50")
    assert execution.instrument_number == "778812"
    assert execution.instrument_date == datetime.date(2026, 10, 1)
    assert execution.creditor_iban == VALID_IBAN

    review = client.get(reverse("wizard_step", args=[draft.pk, "review"])).text
    assert "12,500.50\u00a0ر.س" in review
    client.cookies["django_language"] = "en"
    review = client.get(reverse("wizard_step", args=[draft.pk, "review"])).text
    assert "SAR\u00a012,500.50" in review


def test_an_amount_whose_comma_is_not_a_thousands_separator_is_refused_with_an_example(client, draft):
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("wizard_step", args=[draft.pk, "instrument"]),
        {
            "request_type": "financial",
            "instrument_type": "cheque",
            "instrument_number": "778812",
            "instrument_date": "2026-10-01",
            "instrument_issuer": "Al Rajhi Bank",
            "amount": "12,50",
        },
    )
    assert "Enter an amount in riyals, such as 12,500.50." in response.text
    assert not ExecutionRequest.objects.filter(request=draft).exists()


def test_the_debtor_pays_an_amount_typed_in_arabic_digits_and_sees_the_amounts_with_separators(client):
    request, _creditor, debtor = execution_order(amount="25000.00")
    client.force_login(debtor)
    client.post(reverse("enforcement:pay", args=[request.pk]), {"amount": arabic_amount("2,500")})
    request.execution.refresh_from_db()
    assert request.execution.paid == Decimal("2500.00")

    page = client.get(reverse("request_detail", args=[request.pk])).text
    for shown in ("25,000.00\u00a0ر.س", "2,500.00\u00a0ر.س", "22,500.00\u00a0ر.س"):
        assert shown in page
    client.cookies["django_language"] = "en"
    page = client.get(reverse("request_detail", args=[request.pk])).text
    for shown in ("SAR\u00a025,000.00", "SAR\u00a02,500.00", "SAR\u00a022,500.00"):
        assert shown in page
    assert "ر.س" not in page, "one form of amount on a page"


def test_an_inquiry_by_a_number_typed_in_arabic_indic_digits_finds_the_request(client):
    request, creditor, _debtor = execution_order(amount="10000.00")
    client.force_login(creditor)
    found = client.get(reverse("enforcement:inquiry"), {"reference": arabic_indic(request.reference.lower())})
    assert request.reference in found.text and "10,000.00\u00a0ر.س" in found.text


def test_the_judge_grants_grace_days_typed_in_arabic_indic_digits():
    request, _creditor, _debtor = execution_order()
    form = GraceForm({"days": arabic_indic("15")}, request=request)
    assert form.is_valid() and form.cleaned_data["days"] == 15


def test_my_requests_finds_a_reference_typed_in_arabic_indic_digits(client):
    request, creditor, _debtor = execution_order()
    other, _creditor, _debtor = execution_order(creditor=creditor)
    client.force_login(creditor)
    number = request.reference.rsplit("-", 1)[1]
    listed = client.get(reverse("my_requests"), {"q": arabic_indic(number)}).text
    assert request.reference in listed and other.reference not in listed
