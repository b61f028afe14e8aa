"""Saudi IBANs: SA, two check digits, 20 more characters (24 in all), checked by ISO 13616 mod-97."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from identity.digits import latin_digits

# Latin letters and digits only: ``str.isalnum`` also accepts Arabic letters, which mod-97 cannot read.
SAUDI_IBAN = re.compile(r"SA[0-9]{2}[0-9A-Z]{20}")


def normalise_iban(value: str) -> str:
    """The IBAN as the bank writes it: no spaces, capital letters, Latin digits whatever the keyboard."""
    return "".join(latin_digits(value).split()).upper()


def iban_valid(value: str) -> bool:
    iban = normalise_iban(value)
    if not SAUDI_IBAN.fullmatch(iban):
        return False
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def validate_iban(value: str) -> None:
    iban = normalise_iban(value)
    if not iban.startswith("SA") or len(iban) != 24:
        raise ValidationError(_("A Saudi IBAN is SA followed by 22 characters (24 in all)."), code="format")
    if not iban_valid(iban):
        raise ValidationError(_("This IBAN is not valid; check the characters."), code="checksum")
