"""The Nafath app alternative (DOMAIN: sign-in): the SSO shows a two-digit number; the person picks
the same number among three in the app, within 60 seconds. Statuses: WAITING, COMPLETED, REJECTED,
EXPIRED. The mock "app" is a page reached from a link sent to the registered phone, standing for the
app's push notification. Success goes through the same id_token as the password and code."""

import random
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from identity import ratelimit
from identity.gateways import send_sms
from identity.models import Person, SignInAttempt
from identity.validators import validate_national_id

from .services import (
    SignInRefused,
    count_code_sent,
    issue_id_token,
    refuse_if_account_locked,
    too_many_from_network,
)

WAITING, COMPLETED, REJECTED, EXPIRED = "WAITING", "COMPLETED", "REJECTED", "EXPIRED"
CONFIRM_WITHIN = timedelta(seconds=60)


def nafath_start(*, attempt: SignInAttempt, national_id: str, ip: str, app_url) -> None:
    """Show a number whatever the ID: only a real, active person with a verified phone gets the
    request in the app, so the page tells nobody whether the ID exists.

    The ID's locks from wrong passwords and codes hold here too, and the request to the app counts
    as a code sent: counted for every ID, sent or not, so that the limit tells nothing either."""
    if ratelimit.SIGN_IN_ATTEMPTS_PER_IP.over(ip):
        raise SignInRefused(too_many_from_network(ratelimit.SIGN_IN_ATTEMPTS_PER_IP))
    national_id = national_id.strip()
    try:
        validate_national_id(national_id)
    except ValidationError as error:
        raise SignInRefused(error.messages[0]) from None
    refuse_if_account_locked(national_id)
    count_code_sent(national_id)
    person = Person.objects.filter(national_id=national_id, is_active=True, phone_verified=True).first()
    number = 10 + secrets.randbelow(90)
    decoys = random.sample([n for n in range(10, 100) if n != number], 2)
    choices = [number, *decoys]
    random.shuffle(choices)
    with transaction.atomic():
        locked = SignInAttempt.objects.select_for_update().get(pk=attempt.pk)
        locked.person = person
        locked.nafath_number = number
        locked.nafath_choices = ",".join(str(n) for n in choices)
        locked.nafath_token = secrets.token_urlsafe(24)
        locked.nafath_status = WAITING
        locked.nafath_expires_at = timezone.now() + CONFIRM_WITHIN
        locked.save()
    if person is not None:
        with override(locked.ui_locale or settings.LANGUAGE_CODE):
            text = _("Nafath: a sign-in request awaits you. Open the app: %(url)s") % {
                "url": app_url(reverse("sso:nafath_app", args=[locked.nafath_token]))
            }
        # The link confirms the sign-in to whoever opens it: as secret as a code.
        send_sms(to=person.phone, text=text, secret=True)


def _expire_if_late(attempt: SignInAttempt) -> None:
    if attempt.nafath_status == WAITING and timezone.now() >= attempt.nafath_expires_at:
        SignInAttempt.objects.filter(pk=attempt.pk, nafath_status=WAITING).update(nafath_status=EXPIRED)
        attempt.nafath_status = EXPIRED


def nafath_answer(*, token: str, number: int) -> str:
    """The person picked ``number`` in the app; returns the new status."""
    with transaction.atomic():
        attempt = SignInAttempt.objects.select_for_update().filter(nafath_token=token).first()
        if attempt is None or attempt.person is None:
            raise SignInRefused(_("This request is no longer valid."))
        _expire_if_late(attempt)
        if attempt.nafath_status != WAITING:
            return attempt.nafath_status
        attempt.nafath_status = COMPLETED if number == attempt.nafath_number else REJECTED
        attempt.save(update_fields=["nafath_status"])
        return attempt.nafath_status


def nafath_state(*, attempt: SignInAttempt) -> str:
    """The attempt's status as the app left it (WAITING until answered or expired)."""
    attempt = SignInAttempt.objects.get(pk=attempt.pk)
    _expire_if_late(attempt)
    return attempt.nafath_status


def nafath_status(*, attempt: SignInAttempt, issuer: str) -> tuple[str, str | None]:
    """(status, id_token once completed): the id_token is issued once, as the attempt is spent."""
    with transaction.atomic():
        locked = (
            SignInAttempt.objects.select_for_update(of=("self",)).select_related("person").get(pk=attempt.pk)
        )
        _expire_if_late(locked)
        if locked.nafath_status != COMPLETED:
            return locked.nafath_status, None
        if locked.completed_at is not None:
            raise SignInRefused(_("This sign-in has ended. Start again from the service."), restart=True)
        locked.completed_at = timezone.now()
        locked.save(update_fields=["completed_at"])
        return COMPLETED, issue_id_token(locked, issuer=issuer, amr=["nafath"])
