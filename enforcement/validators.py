"""Saudi IBANs: SA, two check digits, 20 more characters (24 in all), checked by ISO 13616 mod-97;
and the dates an instrument may bear."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from identity.digits import latin_digits

# Latin letters and digits only: ``str.isalnum`` also accepts Arabic letters, which mod-97 cannot read.
SAUDI_IBAN = re.compile(r"SA[0-9]{2}[0-9A-Z]{20}")


def normalise_iban(value: str) -> str:
    """The IBAN as the bank writes it: no spaces, capital letters, Latin digits whatever the keyboard."""
    return "".join(latin_digits(value).split()).upper()


def _mod_97(text: str) -> int:
    return int("".join(str(int(char, 36)) for char in text)) % 97


def iban_valid(value: str) -> bool:
    iban = normalise_iban(value)
    if not SAUDI_IBAN.fullmatch(iban):
        return False
    return _mod_97(iban[4:] + iban[:4]) == 1


def saudi_iban(bank_code: str, account: str) -> str:
    """The IBAN of ``account`` (18 characters) at the bank numbered ``bank_code`` (2 digits), with
    its check digits: for the registry's sample accounts."""
    bban = f"{bank_code:0>2}{account:0>18}".upper()
    check = 98 - _mod_97(f"{bban}SA00")
    return f"SA{check:02d}{bban}"


def validate_iban(value: str) -> None:
    iban = normalise_iban(value)
    if not iban.startswith("SA") or len(iban) != 24:
        raise ValidationError(_("A Saudi IBAN is SA followed by 22 characters (24 in all)."), code="format")
    if not iban_valid(iban):
        raise ValidationError(_("This IBAN is not valid; check the characters."), code="checksum")


def validate_not_future(value: datetime.date) -> None:
    """An instrument is dated the day it was issued or drawn, never after today (in Riyadh)."""
    if value > timezone.localdate():
        raise ValidationError(
            _("The instrument's date cannot be in the future: give the date it was issued."), code="future"
        )
