"""Form fields for what a person types as a number: IDs, codes, references, amounts, days, dates.

Each reads Arabic-Indic and Persian digits (and, for amounts, the Arabic separators) as Latin ones
before it checks the value, so a form validates and stores Latin digits whatever the keyboard.
Their inputs are text inputs with an ``inputmode``: a phone shows its number pad, and the browser
passes every digit to the server (a ``type="number"`` input or a ``[0-9]`` pattern makes Chromium
refuse or silently empty Arabic-Indic digits).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .digits import amount_text, format_money, latin_digits


def number_input(inputmode: str = "numeric", **attrs) -> forms.TextInput:
    """A left-to-right text input that shows a number pad (``inputmode`` numeric, decimal or tel)."""
    return forms.TextInput(attrs={"inputmode": inputmode, "dir": "ltr", **attrs})


class LatinDigitsMixin:
    """Reads a typed value's digits as Latin digits before the field parses and validates it."""

    def to_python(self, value):
        if isinstance(value, str):
            value = latin_digits(value)
        return super().to_python(value)


class DigitsField(LatinDigitsMixin, forms.CharField):
    """Text that is or holds a number: an ID, a code, a reference, an instrument or deed number."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", number_input())
        super().__init__(**kwargs)


class NationalIdField(DigitsField):
    """A national ID or iqama number as typed; the form or the service decides what it accepts."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)


class MobileField(DigitsField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", number_input("tel", autocomplete="tel"))
        super().__init__(**kwargs)


class AmountField(forms.DecimalField):
    """An amount in riyals: "12,500.50", "12500.5" and the same in Arabic-Indic digits with the
    Arabic separators are all 12500.50."""

    default_error_messages = {"invalid": _("Enter an amount in riyals, such as 12,500.50.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", number_input("decimal", autocomplete="off"))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = amount_text(value)
        return super().to_python(value)

    def display(self, value) -> str:
        """How the value is shown back to the person: with separators and the currency."""
        return format_money(value)


class WholeNumberField(LatinDigitsMixin, forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", number_input())
        super().__init__(**kwargs)


class DigitsDateField(LatinDigitsMixin, forms.DateField):
    """A date. Its picker (``type="date"``) always sends Latin digits; a browser without one shows
    a text box, whose typed digits are read here."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(**kwargs)


class DigitsDateTimeField(LatinDigitsMixin, forms.DateTimeField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateTimeInput(attrs={"type": "datetime-local"}))
        super().__init__(**kwargs)
