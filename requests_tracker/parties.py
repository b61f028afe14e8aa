"""Who a party is: the registry answers for a registered ID, and says no more than it must.

Naming a party by ID looks the person up in the portal's registry and tells the one filing whether
the person is registered and under what name. So look-ups are counted per person filing, a citizen
sees a registered person's first and last name only, and a registered person's name and mobile
number always come from the registry: nothing typed stands in for them.
"""

import re

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from identity.digits import latin_digits
from identity.ratelimit import Limit

from .errors import RequestError
from .models import IdType

PARTY_LOOKUPS_PER_USER = Limit("party-lookups-user", count=20, window_seconds=60 * 60)

# Only these ID types share the registry's numbering; a commercial register or visitor number
# that happens to equal someone's national ID is not that person.
REGISTRY_ID_TYPES = {IdType.NATIONAL_ID, IdType.IQAMA}

# A compound first name (عبد الله، أبو بكر) and a family name with its particle (آل سعود) are one
# name each: showing half of one would show less than a first and last name, or mislead.
FIRST_NAME_PARTICLES = {"عبد", "أبو", "ابو", "أبي", "ابي", "abdul", "abd", "abu"}
FAMILY_NAME_PARTICLES = {"آل", "ال", "أبو", "ابو", "بن", "ابن", "بنت", "al", "bin", "ibn", "bint", "abu"}

MOBILE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015().]")
SAUDI_MOBILE = re.compile(r"(?:\+966|00966|966)?0?(5[0-9]{8})")


class TooManyLookups(RequestError):
    """The person filing named more parties by ID in the last hour than the limit allows."""


class InvalidMobile(RequestError):
    """A mobile number that is not a Saudi mobile number."""


def registered_user(*, id_type: str, id_number: str):
    """The portal's user with this identity number, or None."""
    if id_type not in REGISTRY_ID_TYPES:
        return None
    return get_user_model().objects.filter(national_id=id_number).first()


def registry_name(user) -> str:
    """The name the registry holds for ``user``: the Arabic one, the legal name, when there is one."""
    return user.name_ar or user.name_en


def partial_name(full_name: str) -> str:
    """A first and a last name only, "محمد … العتيبي"; a name of two parts is shown as it is."""
    words = full_name.split()
    first = 2 if len(words) > 2 and words[0].casefold() in FIRST_NAME_PARTICLES else 1
    last = 2 if len(words) > 2 and words[-2].casefold() in FAMILY_NAME_PARTICLES else 1
    if first + last >= len(words):
        return " ".join(words)
    return f"{' '.join(words[:first])} … {' '.join(words[-last:])}"


def saudi_mobile(value: str) -> str:
    """``value`` as +9665XXXXXXXX. Takes 05XXXXXXXX, 5XXXXXXXX, +9665XXXXXXXX and 009665XXXXXXXX,
    with spaces or dashes and in Arabic-Indic digits; raises InvalidMobile for anything else."""
    digits = MOBILE_SEPARATORS.sub("", latin_digits(value))
    match = SAUDI_MOBILE.fullmatch(digits)
    if match is None:
        raise InvalidMobile(_("Enter a Saudi mobile number, such as 05XXXXXXXX or +9665XXXXXXXX."))
    return f"+966{match.group(1)}"


def count_lookup(user) -> None:
    """Count one look-up of an ID by ``user``; raises TooManyLookups past the hourly limit."""
    if PARTY_LOOKUPS_PER_USER.hit(str(user.pk)) > PARTY_LOOKUPS_PER_USER.count:
        count = PARTY_LOOKUPS_PER_USER.count
        raise TooManyLookups(
            ngettext(
                "You have looked up %(count)d ID number in the last hour, the most allowed. "
                "Your draft is saved: add the remaining parties later.",
                "You have looked up %(count)d ID numbers in the last hour, the most allowed. "
                "Your draft is saved: add the remaining parties later.",
                count,
            )
            % {"count": count}
        )
