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
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from hijridate import Gregorian, Hijri
from hijridate.ummalqura import HIJRI_RANGE

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


GREGORIAN = "gregorian"
HIJRI = "hijri"
CALENDARS = ((GREGORIAN, _("Gregorian")), (HIJRI, _("Hijri (Umm al-Qura)")))
# The years the Umm al-Qura tables cover (1924 to 2077): a Gregorian date given with one of these
# years is a Hijri date whose calendar was not switched.
HIJRI_FIRST_YEAR, HIJRI_LAST_YEAR = HIJRI_RANGE[0][0], HIJRI_RANGE[1][0]

DATE_SEPARATOR = r"\s*[-/.\u2010-\u2015]\s*"
DATE_PARTS = re.compile(rf"(\d{{1,4}}){DATE_SEPARATOR}(\d{{1,2}}){DATE_SEPARATOR}(\d{{1,4}})")
# What a written date may end with: the Hijri mark (U+0647, with or without the tatweel), the
# Gregorian one (U+0645), AH or AD.
CALENDAR_MARK = re.compile(r"\s*(\u0647\u0640?|\u0645|AH|AD)\.?$", re.IGNORECASE)


def hijri_text(day: datetime.date) -> str:
    """``day`` in the Umm al-Qura calendar, its month named in the page's language: "1 محرم 1447 هـ";
    "" outside the calendar's tables."""
    try:
        converted = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return ""
    language = "ar" if (get_language() or "ar").startswith("ar") else "en"
    return f"{converted.day} {converted.month_name(language)} {converted.year} {'هـ' if language == 'ar' else 'AH'}"


def _date_parts(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date written year first (1447-01-01, 1447/1/1) or day first
    (01/01/1447), in any digits; None when ``text`` is not written so."""
    text = CALENDAR_MARK.sub("", latin_digits(text).strip())
    match = DATE_PARTS.fullmatch(text)
    if match is None:
        return None
    first, month, last = match.groups()
    if len(first) == 4 and len(last) <= 2:
        return int(first), int(month), int(last)
    if len(last) == 4 and len(first) <= 2:
        return int(last), int(month), int(first)
    return None


def _hijri_to_gregorian(year: int, month: int, day: int) -> datetime.date:
    if not HIJRI_FIRST_YEAR <= year <= HIJRI_LAST_YEAR:
        raise ValidationError(
            _("A Hijri year is from %(first)s to %(last)s; %(year)s is not. Is this a Gregorian date?"),
            code="hijri_year",
            params={"first": HIJRI_FIRST_YEAR, "last": HIJRI_LAST_YEAR, "year": year},
        )
    if not 1 <= month <= 12:
        raise ValidationError(
            _("A Hijri month is from 1 to 12; %(month)s is not."), code="hijri_month", params={"month": month}
        )
    first_of_month = Hijri(year, month, 1)
    days = first_of_month.month_length()
    if not 1 <= day <= days:
        language = "ar" if (get_language() or "ar").startswith("ar") else "en"
        raise ValidationError(
            _("%(month)s %(year)s AH has %(days)s days: there is no day %(day)s."),
            code="hijri_day",
            params={"month": first_of_month.month_name(language), "year": year, "days": days, "day": day},
        )
    return Hijri(year, month, day).to_gregorian()


class HijriOrGregorianDateWidget(forms.MultiWidget):
    """A date typed year-month-day, and the calendar it is written in (two radio buttons).

    The date is a text box, not a date picker: a browser's picker knows only the Gregorian
    calendar. The field's own label names the date box (``id_for_label``); the calendar is a group
    with its own legend. Its names are the field's name for the date, so a form posted without the
    calendar (an older page, a test) is read as a Gregorian date, and ``<name>_calendar``.
    """

    template_name = "identity/widgets/hijri_or_gregorian_date.html"
    use_fieldset = False

    def __init__(self, attrs=None):
        widgets = {
            "": forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
            "calendar": forms.RadioSelect(choices=CALENDARS),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.isoformat(), GREGORIAN]
        return [value or "", GREGORIAN]

    def id_for_label(self, id_):
        # The date box is the first sub-widget: the label and the error summary's link go to it.
        return f"{id_}_0" if id_ else ""


class HijriOrGregorianDateField(forms.MultiValueField):
    """A date given in the Gregorian or the Hijri (Umm al-Qura) calendar, cleaned to the Gregorian
    ``datetime.date`` a ``DateField`` stores. A Hijri day that does not exist (1447-13-01, the 30th
    of a month of 29 days) is refused by name."""

    widget = HijriOrGregorianDateWidget
    default_error_messages = {
        "invalid": _(
            "Write the date as year-month-day, such as 2025-06-26, or 1447-01-01 in the Hijri calendar."
        ),
        "gregorian_day": _("This day does not exist in the Gregorian calendar: check the month and the day."),
        "hijri_year": _("%(year)s is a Hijri year: choose the Hijri calendar, or give the Gregorian date."),
    }

    def __init__(self, **kwargs):
        required = kwargs.get("required", True)
        fields = (
            forms.CharField(required=required),
            forms.ChoiceField(choices=CALENDARS, required=False),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)
        # An empty date box is a missing answer like any other, not an "incomplete" one.
        self.fields[0].error_messages["incomplete"] = self.error_messages["required"]

    def compress(self, data_list):
        text, calendar = [*(data_list or ()), "", ""][:2]
        if not text:
            return None
        if isinstance(text, datetime.date):
            return text
        parts = _date_parts(str(text))
        if parts is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        year, month, day = parts
        if calendar == HIJRI:
            return _hijri_to_gregorian(year, month, day)
        if HIJRI_FIRST_YEAR <= year <= HIJRI_LAST_YEAR:
            raise ValidationError(self.error_messages["hijri_year"], code="hijri_year", params={"year": year})
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise ValidationError(self.error_messages["gregorian_day"], code="gregorian_day") from None

    def display(self, value) -> str:
        """How the date is shown back (check your answers, the request page): as the portal writes
        dates, with its Hijri day beside it."""
        if not isinstance(value, datetime.date):
            return value
        hijri = hijri_text(value)
        return f"{date_format(value)} ({hijri})" if hijri else date_format(value)


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
