"""Form fields for what a person types as a number: IDs, codes, references, amounts, days, dates.

Each reads Arabic-Indic and Persian digits (and, for amounts, the Arabic separators) as Latin ones
before it checks the value, so a form validates and stores Latin digits whatever the keyboard.
Their inputs are text inputs with an ``inputmode``: a phone shows its number pad, and the browser
passes every digit to the server (a ``type="number"`` input or a ``[0-9]`` pattern makes Chromium
refuse or silently empty Arabic-Indic digits).
"""

import datetime
import re

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


CHILD_SEPARATORS = re.compile(r"\s*[,،]\s*")


def _iso_date(text: str) -> bool:
    """Whether ``text`` is a real day written YYYY-MM-DD (not 2018-02-30)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def children_text(children) -> str:
    """Children as ``ChildrenField`` reads them back: one per line, name، ID، birth date."""
    return "\n".join(
        " ، ".join(filter(None, (child.get("name"), child.get("id"), child.get("birth_date"))))
        for child in children or ()
    )


class ChildrenField(forms.CharField):
    """Children typed one per line as "name, ID number, birth date (YYYY-MM-DD)", with either comma
    and any digits; cleaned into a list of ``{"name", "id", "birth_date"}`` (a family claim, an
    agreed custody)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Children"))
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return children_text(value) if isinstance(value, list | tuple) else value

    def clean(self, value):
        text = super().clean(value)
        children = []
        for line in (text or "").splitlines():
            if not line.strip():
                continue
            parts = CHILD_SEPARATORS.split(latin_digits(line.strip()))
            if len(parts) != 3 or not parts[0] or not parts[1].isdigit() or not _iso_date(parts[2]):
                raise forms.ValidationError(
                    _("Write each child as: name, ID number, birth date (YYYY-MM-DD). “%(line)s” is not.")
                    % {"line": line.strip()}
                )
            children.append({"name": parts[0], "id": parts[1], "birth_date": parts[2]})
        return children
