"""One-time codes that confirm an act in the portal (DESIGN §2.4's rules, outside the sign-in).

A code is six digits from a CSPRNG, sent by SMS to the phone the registry holds for the person
(never a typed number), bound to one act (``purpose``: "poa-submit:42"), valid five minutes, used
once. Wrong entries are counted per act, not per code: a new code never buys more guesses, and
after five the act is locked for half an hour. A new code waits a minute, and codes sent are
counted per person in the shared cache.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from . import ratelimit
from .gateways import send_sms
from .models import ConfirmationCode

CODE_LIFETIME = timedelta(minutes=5)
MAX_WRONG_ENTRIES = 5
RESEND_AFTER = timedelta(seconds=60)
LOCKED_FOR = timedelta(minutes=30)
# A code confirms an act done right after it: a used code older than this confirms nothing.
USED_CODE_LASTS = timedelta(minutes=10)


class ConfirmationRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _hash(row_key: str, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{row_key}:{code}".encode(), hashlib.sha256).hexdigest()


def _locked(row: ConfirmationCode, now) -> bool:
    return row.wrong_entries >= MAX_WRONG_ENTRIES and now - row.sent_at < LOCKED_FOR


def confirmation_send(*, user, purpose: str, act) -> None:
    """Send ``user`` a code that confirms ``act`` (words such as "issuing power of attorney
    request POA-1448-000012", translated into the person's language)."""
    if not user.phone:
        raise ConfirmationRefused(
            _("No mobile number is registered for you, so no verification code can be sent.")
        )
    now = timezone.now()
    with transaction.atomic():
        row, created = ConfirmationCode.objects.select_for_update().get_or_create(
            user=user,
            purpose=purpose,
            defaults={"code_hash": "", "sent_at": now, "expires_at": now},
        )
        if not created:
            if _locked(row, now):
                raise ConfirmationRefused(_("Too many wrong codes. Try again in 30 minutes."))
            wait = row.sent_at + RESEND_AFTER - now
            if row.code_hash and row.used_at is None and wait > timedelta(0):
                seconds = int(wait.total_seconds()) + 1
                raise ConfirmationRefused(
                    ngettext(
                        "You can ask for a new code in %(seconds)d second.",
                        "You can ask for a new code in %(seconds)d seconds.",
                        seconds,
                    )
                    % {"seconds": seconds}
                )
            if row.wrong_entries >= MAX_WRONG_ENTRIES:
                row.wrong_entries = 0  # the lock has passed
        if ratelimit.CONFIRMATION_CODES_PER_ACCOUNT.over(user.national_id):
            raise ConfirmationRefused(_("Too many codes were sent to you. Try again in an hour."))
        code = f"{secrets.randbelow(10**6):06d}"
        row.code_hash = _hash(f"{user.pk}:{purpose}", code)
        row.sent_at = now
        row.expires_at = now + CODE_LIFETIME
        row.used_at = None
        row.save()
        with override(user.language or settings.LANGUAGE_CODE):
            text = _(
                "Najiz: your code to confirm %(act)s is %(code)s. Valid for 5 minutes. Do not share it."
            ) % {
                "act": act,
                "code": code,
            }
        transaction.on_commit(lambda: send_sms(to=user.phone, text=text, secret=True))


def confirmation_check(*, user, purpose: str, code: str) -> None:
    """Spend the code ``user`` typed for ``purpose``; raises ConfirmationRefused with the reason."""
    now = timezone.now()
    wrong = False
    with transaction.atomic():
        row = ConfirmationCode.objects.select_for_update().filter(user=user, purpose=purpose).first()
        if row is None or not row.code_hash or row.used_at is not None:
            raise ConfirmationRefused(_("Ask for a verification code first."))
        if _locked(row, now):
            raise ConfirmationRefused(_("Too many wrong codes. Try again in 30 minutes."))
        if now >= row.expires_at:
            raise ConfirmationRefused(_("The verification code has expired. Ask for a new code."))
        code = code.strip()
        if (
            len(code) == 6
            and code.isdigit()
            and hmac.compare_digest(_hash(f"{user.pk}:{purpose}", code), row.code_hash)
        ):
            row.used_at = now
            row.save(update_fields=["used_at"])
            return
        # A wrong entry is counted in this transaction, which must commit: the refusal comes after.
        row.wrong_entries += 1
        if row.wrong_entries >= MAX_WRONG_ENTRIES:
            # The half hour runs from the fifth wrong entry, not from when the code was sent.
            row.sent_at = now
        row.save(update_fields=["wrong_entries", "sent_at"])
        wrong = True
    left = MAX_WRONG_ENTRIES - row.wrong_entries
    if wrong and left <= 0:
        raise ConfirmationRefused(_("Too many wrong codes. Try again in 30 minutes."))
    raise ConfirmationRefused(
        ngettext(
            "The verification code is incorrect. %(left)d attempt left.",
            "The verification code is incorrect. %(left)d attempts left.",
            left,
        )
        % {"left": left}
    )


def confirmation_used(*, user, purpose: str) -> bool:
    """Whether ``user`` confirmed ``purpose`` with a code in the last few minutes (the act itself
    checks this, whatever called it)."""
    cutoff = timezone.now() - USED_CODE_LASTS
    return ConfirmationCode.objects.filter(user=user, purpose=purpose, used_at__gte=cutoff).exists()
