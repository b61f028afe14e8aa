"""Numbers typed on an Arabic or a Persian keyboard are read as Latin digits, at the portal and the SSO;
amounts are shown with thousands separators and the currency."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from identity.digits import amount_text, format_money, latin_digits
from identity.fields import (
    AmountField,
    DigitsDateField,
    DigitsDateTimeField,
    DigitsField,
    MobileField,
    NationalIdField,
    WholeNumberField,
)
from identity.models import OutboxMessage, User
from identity.validators import validate_national_id

from ..factories import PERSON_PASSWORD, PersonFactory
from ..sso import last_code_sent_to, post_back_to_portal, start_sign_in, submit_code, submit_credentials


def arabic_indic(text: str) -> str:
    """As typed on an Arabic keyboard."""
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def persian(text: str) -> str:
    """As typed on a Persian or Urdu keyboard."""
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def arabic_amount(text: str) -> str:
    """An amount as typed on an Arabic keyboard: "12,500.50" with the Arabic thousands and decimal
    separators (U+066C, U+066B)."""
    return arabic_indic(text).translate(str.maketrans(",.", "\u066c\u066b"))


# --- The normaliser ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (arabic_indic("1023456789"), "1023456789"),
        (persian("1023456789"), "1023456789"),
        ("10" + arabic_indic("23") + persian("45"), "102345"),
        (arabic_indic("ENF-1448-000123"), "ENF-1448-000123"),
        # Direction marks carried by text pasted from an Arabic page.
        ("\u200f" + arabic_indic("123") + "\u200e", "123"),
        (arabic_indic("SA 03 80"), "SA 03 80"),
    ],
)
def test_arabic_indic_and_persian_digits_read_as_latin_digits(typed, read):
    assert latin_digits(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        (arabic_amount("12,500.50"), "12500.50"),
        ("12,500.50", "12500.50"),
        (persian("12500") + "\u066b" + persian("5"), "12500.5"),
        ("1,234,567", "1234567"),
        ("12\u00a0500", "12500"),
        (arabic_indic("12\u060c500"), "12500"),  # the Arabic comma an Arabic keyboard types
        ("7500", "7500"),
    ],
)
def test_amounts_take_the_arabic_separators_and_thousands_commas(typed, read):
    assert amount_text(typed) == read


@pytest.mark.parametrize("typed", ["12,50", "1,2345", "12,500,00", ",500"])
def test_a_comma_that_does_not_separate_thousands_is_refused_not_guessed(typed):
    with pytest.raises(ValidationError):
        AmountField().clean(typed)


# --- The form fields -----------------------------------------------------------------------------


def test_an_amount_field_reads_an_arabic_amount_and_refuses_nonsense():
    field = AmountField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    assert field.clean(arabic_amount("12,500.50")) == Decimal("12500.50")
    assert field.clean("12,500.5") == Decimal("12500.5")
    with translation.override("en"), pytest.raises(ValidationError, match=r"such as 12,500\.50"):
        field.clean("twelve")


def test_identity_and_code_fields_keep_latin_digits_within_their_length():
    assert NationalIdField().clean(arabic_indic("1000000008")) == "1000000008"
    marked = "\u200f" + persian("1000000008")
    assert NationalIdField().clean(marked) == "1000000008", "an invisible mark is no 11th digit"
    assert DigitsField(min_length=6, max_length=6).clean(arabic_indic("042917")) == "042917"
    assert MobileField().clean(arabic_indic("0512345678")) == "0512345678"


def test_whole_number_and_date_fields_read_arabic_digits():
    assert WholeNumberField(min_value=1, max_value=90).clean(arabic_indic("30")) == 30
    assert DigitsDateField().clean(arabic_indic("2026-10-01")) == datetime.date(2026, 10, 1)
    starts_at = DigitsDateTimeField().clean(arabic_indic("2026-11-03T09:30"))
    assert (starts_at.date(), starts_at.hour, starts_at.minute) == (datetime.date(2026, 11, 3), 9, 30)


def test_number_inputs_are_text_with_a_number_pad_and_no_pattern():
    """A type="number" input or a [0-9] pattern makes the browser refuse Arabic-Indic digits."""

    class Sample(forms.Form):
        national_id = NationalIdField()
        phone = MobileField()
        amount = AmountField(min_value=Decimal("0.01"), decimal_places=2)
        days = WholeNumberField(min_value=1, max_value=90)

    html = str(Sample())
    assert 'type="number"' not in html and "pattern=" not in html
    assert html.count('type="text"') == 4
    assert 'inputmode="numeric"' in html and 'inputmode="tel"' in html and 'inputmode="decimal"' in html


def test_an_identity_number_is_checked_in_latin_digits_without_a_crash_on_odd_digits():
    validate_national_id("1000000008")
    for odd in (arabic_indic("1000000008"), "10000000\u00b28", "1000000008\n"):
        with pytest.raises(ValidationError):
            validate_national_id(odd)


# --- Amounts as shown ----------------------------------------------------------------------------


def test_an_amount_is_shown_with_thousands_separators_and_the_currency_in_each_language():
    with translation.override("ar"):
        assert format_money(Decimal("12500.5")) == "12,500.50\u00a0ر.س"
    with translation.override("en"):
        assert format_money(Decimal("12500.5")) == "SAR\u00a012,500.50"
        assert format_money(Decimal("1234567.005")) == "SAR\u00a01,234,567.01"
        assert format_money(None) == ""
        assert format_money("—") == "—", "what is not an amount is shown as it is"


# --- The national SSO ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sso_takes_the_national_id_and_the_code_in_arabic_indic_digits():
    person = PersonFactory()
    client = Client()
    start_sign_in(client)
    response = submit_credentials(client, arabic_indic(person.national_id), PERSON_PASSWORD)
    assert response.status_code == 302, response.content.decode()
    form_post = submit_code(client, arabic_indic(last_code_sent_to(person)))
    assert form_post.status_code == 200 and "id_token" in form_post.text
    post_back_to_portal(client, form_post)
    assert User.objects.filter(national_id=person.national_id).exists()
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_the_sso_code_page_does_not_ask_the_browser_for_latin_digits():
    person = PersonFactory()
    client = Client()
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    page = client.get(reverse("sso:code")).text
    assert 'name="code"' in page and "pattern=" not in page


@pytest.mark.django_db
def test_nafath_takes_the_national_id_in_persian_digits():
    person = PersonFactory()
    client = Client()
    start_sign_in(client)
    client.post(reverse("sso:nafath"), {"national_id": persian(person.national_id)})
    assert OutboxMessage.objects.filter(recipient=person.phone, body__contains="/sso/app/").exists()
