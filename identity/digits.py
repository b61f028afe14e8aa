"""Numbers as people type them, and amounts as the portal shows them.

An Arabic keyboard types Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩), a Persian or Urdu one Extended
Arabic-Indic digits (۰۱۲۳۴۵۶۷۸۹); text pasted from an Arabic page often carries invisible direction
marks. The registry, the IBANs and the references are in Latin digits, so every number a person
types is read through ``latin_digits`` before it is checked or stored. Amounts may also carry the
Arabic decimal separator (U+066B) and thousands separators (U+066C, or a comma).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.template.defaultfilters import filesizeformat
from django.utils.translation import pgettext

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
EXTENDED_ARABIC_INDIC_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

# Invisible marks that change only how text is displayed: the left-to-right, right-to-left and
# Arabic letter marks, the embeddings and overrides, the isolates, and the zero-width characters.
DIRECTION_MARKS = (
    "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)

_TO_LATIN = str.maketrans(
    ARABIC_INDIC_DIGITS + EXTENDED_ARABIC_INDIC_DIGITS,
    "0123456789" * 2,
    DIRECTION_MARKS,
)

ARABIC_DECIMAL_SEPARATOR = "\u066b"
# Between groups of three digits: the Arabic thousands separator (U+066C), a comma, the Arabic
# comma (U+060C) that an Arabic keyboard types in its place, and spaces (a no-break or thin one
# from a pasted amount).
GROUP_SEPARATORS = re.compile("[\u066c,\u060c\\s]")


def latin_digits(text: str) -> str:
    """``text`` with its Arabic-Indic and Extended Arabic-Indic digits as Latin digits, and without
    invisible direction marks; every other character is kept."""
    return text.translate(_TO_LATIN)


def amount_text(text: str) -> str:
    """A typed amount as plain decimal text: "12,500.50", in Latin or Arabic-Indic digits and with
    the Arabic separators or not, gives "12500.50".

    A thousands separator counts only between groups of three digits: "12,50" is returned as it
    is, so that the amount is refused rather than read as 1250 when the person meant 12.50."""
    text = latin_digits(text).strip().replace(ARABIC_DECIMAL_SEPARATOR, ".")
    whole, point, fraction = text.partition(".")
    groups = GROUP_SEPARATORS.split(whole)
    if len(groups) > 1:
        first, rest = groups[0].lstrip("+-"), groups[1:]
        if not (1 <= len(first) <= 3 and first.isdigit() and all(len(g) == 3 and g.isdigit() for g in rest)):
            return text
    return "".join(groups) + point + fraction


def _riyals(amount) -> Decimal | None:
    try:
        return Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return None


def money_figure(amount) -> str:
    """An amount in riyals as a figure with thousands separators and two decimals: "12,500.00"; for
    texts that place the currency themselves (an SMS). Anything not an amount is returned as it is."""
    number = _riyals(amount)
    return str(amount) if number is None else f"{number:,.2f}"


def format_money(amount) -> str:
    """An amount in riyals with thousands separators and two decimals, with the currency placed as
    the page's language writes it: "12,500.00 ر.س" in Arabic, "SAR 12,500.00" in English."""
    if amount is None or amount == "":
        return ""
    number = _riyals(amount)
    if number is None:
        return str(amount)  # not an amount: shown as it is rather than breaking the page
    # No-break spaces: an amount never wraps away from its currency.
    figure = f"{number:,.2f}"
    return (pgettext("amount with currency", "SAR %(amount)s") % {"amount": figure}).replace(" ", "\u00a0")


# A file size is a number and a unit ("10.0 م.ب", "10.0 MB"). Beside a file name on an Arabic page the
# bidirectional algorithm joins the number to the Latin text before it and the unit jumps to the other
# side; isolated, the size reads the same wherever it stands: in a ``<bdi>`` on a page, between the
# Unicode isolate marks in plain text (a message built with ``%``, whose HTML would be escaped).
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def file_size_text(size_in_bytes) -> str:
    """A size in bytes as the language writes it, isolated by Unicode marks, for a sentence."""
    return f"{FIRST_STRONG_ISOLATE}{filesizeformat(size_in_bytes)}{POP_DIRECTIONAL_ISOLATE}"
