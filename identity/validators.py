"""Saudi identity numbers: ten digits, first digit 1 (citizen) or 2 (resident), Luhn check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Latin digits only: ``str.isdigit`` also accepts "²" or "٣", which ``int`` then refuses or the
# registry never holds. Forms read typed digits as Latin ones (identity.fields) before this check.
TEN_DIGITS = re.compile(r"[0-9]{10}")


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def luhn_check_digit(partial: str) -> str:
    """The digit that completes ``partial`` into a Luhn-valid number."""
    for digit in "0123456789":
        if luhn_valid(partial + digit):
            return digit
    raise ValueError(partial)  # pragma: no cover - one digit always fits


def validate_national_id(value: str) -> None:
    if not (isinstance(value, str) and TEN_DIGITS.fullmatch(value)):
        raise ValidationError(_("An identity number has exactly 10 digits."), code="length")
    if value[0] not in "12":
        raise ValidationError(_("An identity number starts with 1 (citizen) or 2 (resident)."), code="prefix")
    if not luhn_valid(value):
        raise ValidationError(_("This identity number is not valid; check the digits."), code="checksum")
