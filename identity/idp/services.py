"""The mock national SSO's sign-in rules (DESIGN §2.4, NIST SP 800-63B, OWASP ASVS).

National ID and password, then a 6-digit code from a CSPRNG sent by SMS to the verified phone:
single use, bound to the attempt, valid 5 minutes, at most 5 wrong entries (a new code does not
give more), a new code after 60 seconds at most 3 times; failures counted per account and per IP
in the shared cache, each counted before it is judged (see identity.ratelimit). No answer tells
whether a national ID exists.
"""

import hashlib
import hmac
import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http.request import validate_host
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from identity import ratelimit
from identity.gateways import send_sms
from identity.models import Person, SignInAttempt
from identity.validators import validate_national_id

from . import keys

CODE_LIFETIME = timedelta(minutes=5)
MAX_WRONG_CODES = 5
RESEND_AFTER = timedelta(seconds=60)
MAX_RESENDS = 3
ID_TOKEN_LIFETIME = timedelta(minutes=5)
ATTEMPT_LIFETIME = timedelta(minutes=30)
REDIRECT_URI_MAX_LENGTH = SignInAttempt._meta.get_field("redirect_uri").max_length

# Checked against when the ID is unknown, so that a wrong ID costs the same time as a wrong password.
_UNKNOWN_PERSON_HASH = make_password(secrets.token_urlsafe(16))


class SignInRefused(Exception):
    def __init__(self, message: str, *, restart: bool = False, rate_limited: bool = False):
        super().__init__(message)
        self.message = message
        self.restart = restart  # the attempt is spent: the person starts again from the portal
        self.rate_limited = rate_limited


def _minutes(limit: ratelimit.Limit) -> int:
    return limit.window_seconds // 60


def too_many_from_network(limit: ratelimit.Limit) -> str:
    minutes = _minutes(limit)
    return ngettext(
        "Too many sign-in attempts from your network. Try again in %(minutes)d minute.",
        "Too many sign-in attempts from your network. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def _locked_message(limit: ratelimit.Limit) -> str:
    minutes = _minutes(limit)
    return ngettext(
        "Too many failed attempts for this ID. Sign-in is locked; try again in %(minutes)d minute.",
        "Too many failed attempts for this ID. Sign-in is locked; try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def refuse_if_account_locked(national_id: str) -> None:
    """The locks that wrong passwords and wrong codes put on an ID hold at every step of a sign-in."""
    for limit in (ratelimit.PASSWORD_FAILURES_PER_ACCOUNT, ratelimit.WRONG_CODES_PER_ACCOUNT):
        if limit.exceeded(national_id):
            raise SignInRefused(_locked_message(limit))


def count_code_sent(national_id: str) -> None:
    """Count an SMS about to be sent for ``national_id``; refuses once the account has had its share."""
    if ratelimit.CODES_SENT_PER_ACCOUNT.over(national_id):
        minutes = _minutes(ratelimit.CODES_SENT_PER_ACCOUNT)
        raise SignInRefused(
            ngettext(
                "Too many verification codes were sent to this ID. Try again in %(minutes)d minute.",
                "Too many verification codes were sent to this ID. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes}
        )


def client_redirect_allowed(client_id: str, redirect_uri: str) -> bool:
    """The portal is the one client: its callback path, on a host this deployment serves."""
    if client_id != settings.NATIONAL_SSO_CLIENT_ID or len(redirect_uri) > REDIRECT_URI_MAX_LENGTH:
        return False
    try:
        parts = urlsplit(redirect_uri)
        port = parts.port  # raises for a port that is not a number from 0 to 65535
    except ValueError:  # also a broken IPv6 host such as http://[::1/
        return False
    return (
        parts.scheme in {"http", "https"}
        and "@" not in parts.netloc
        and validate_host(
            parts.netloc.rsplit(":", 1)[0] if port is not None else parts.netloc, settings.ALLOWED_HOSTS
        )
        and parts.path == reverse("national_sso_callback")
    )


def attempt_start(
    *, client_id: str, redirect_uri: str, nonce: str, state: str, ip: str, ui_locale: str = ""
) -> SignInAttempt:
    """A sign-in requested by a service; anyone may ask, so each network may start only so many."""
    if ratelimit.SIGN_IN_STARTS_PER_IP.over(ip):
        raise SignInRefused(too_many_from_network(ratelimit.SIGN_IN_STARTS_PER_IP), rate_limited=True)
    if not client_redirect_allowed(client_id, redirect_uri):
        raise SignInRefused(_("This sign-in request did not come from a registered service."))
    if not nonce or not state or len(nonce) > 128 or len(state) > 128:
        raise SignInRefused(_("This sign-in request is incomplete. Start again from the service."))
    return SignInAttempt.objects.create(
        id=uuid.uuid4(),
        client_id=client_id,
        redirect_uri=redirect_uri,
        nonce=nonce,
        state=state,
        ui_locale=ui_locale[:8],
    )


def attempt_is_alive(attempt: SignInAttempt) -> bool:
    """Not used, not dead of wrong codes, not abandoned: whatever step comes next, it may happen."""
    return (
        attempt.completed_at is None
        and attempt.wrong_codes < MAX_WRONG_CODES
        and timezone.now() - attempt.created_at < ATTEMPT_LIFETIME
    )


def _code_hash(attempt: SignInAttempt, code: str) -> str:
    message = f"{attempt.pk}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _send_code(attempt: SignInAttempt) -> None:
    """A new code for the attempt, replacing the last one. The count of wrong entries stays: it
    belongs to the attempt, not to the code, so a new code never buys more guesses."""
    count_code_sent(attempt.person.national_id)
    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    attempt.code_hash = _code_hash(attempt, code)
    attempt.code_sent_at = now
    attempt.code_expires_at = now + CODE_LIFETIME
    with override(attempt.ui_locale or settings.LANGUAGE_CODE):
        text = _(
            "National SSO verification code: %(code)s. Valid for 5 minutes. Do not share it with anyone."
        ) % {"code": code}
    send_sms(to=attempt.person.phone, text=text, secret=True)


def attempt_check_password(*, attempt: SignInAttempt, national_id: str, password: str, ip: str) -> None:
    """Check the national ID and password; on success send the code. Raises SignInRefused."""
    if ratelimit.SIGN_IN_ATTEMPTS_PER_IP.over(ip):
        raise SignInRefused(too_many_from_network(ratelimit.SIGN_IN_ATTEMPTS_PER_IP))
    national_id = national_id.strip()
    try:
        validate_national_id(national_id)
    except ValidationError as error:
        raise SignInRefused(error.messages[0]) from None
    if ratelimit.WRONG_CODES_PER_ACCOUNT.exceeded(national_id):
        raise SignInRefused(_locked_message(ratelimit.WRONG_CODES_PER_ACCOUNT))
    # Counted as a failure until the password proves right: parallel guesses each take a number,
    # and those past the limit are refused without their password being looked at.
    if ratelimit.PASSWORD_FAILURES_PER_ACCOUNT.over(national_id):
        raise SignInRefused(_locked_message(ratelimit.PASSWORD_FAILURES_PER_ACCOUNT))

    person = Person.objects.filter(national_id=national_id).first()
    if not check_password(password, person.password if person else _UNKNOWN_PERSON_HASH) or person is None:
        raise SignInRefused(_("The national ID or the password is incorrect."))
    ratelimit.PASSWORD_FAILURES_PER_ACCOUNT.reset(national_id)
    if not person.is_active:
        raise SignInRefused(
            _("This account is inactive. Activate it in the national portal (Absher), then sign in again.")
        )
    if not person.phone_verified:
        raise SignInRefused(
            _(
                "Your mobile number is not activated, so no verification code can be sent. "
                "Activate your phone number in the national portal first, then sign in again."
            )
        )
    with transaction.atomic():
        locked = SignInAttempt.objects.select_for_update().get(pk=attempt.pk)
        locked.person = person
        locked.resends = 0
        _send_code(locked)
        locked.save()


def attempt_resend_code(*, attempt: SignInAttempt) -> None:
    with transaction.atomic():
        locked = (
            SignInAttempt.objects.select_for_update(of=("self",)).select_related("person").get(pk=attempt.pk)
        )
        if locked.wrong_codes >= MAX_WRONG_CODES:
            raise SignInRefused(_("Too many wrong codes. Start signing in again."), restart=True)
        if locked.person is None or not attempt_is_alive(locked):
            raise SignInRefused(_("This sign-in has ended. Start again from the service."), restart=True)
        if locked.resends >= MAX_RESENDS:
            raise SignInRefused(
                ngettext(
                    "You have asked for a new code %(count)d time, the most allowed. Start signing in again.",
                    "You have asked for a new code %(count)d times, the most allowed. Start signing in again.",
                    MAX_RESENDS,
                )
                % {"count": MAX_RESENDS},
                restart=True,
            )
        wait = locked.code_sent_at + RESEND_AFTER - timezone.now()
        if wait > timedelta(0):
            seconds = int(wait.total_seconds()) + 1
            raise SignInRefused(
                ngettext(
                    "You can ask for a new code in %(seconds)d second.",
                    "You can ask for a new code in %(seconds)d seconds.",
                    seconds,
                )
                % {"seconds": seconds}
            )
        refuse_if_account_locked(locked.person.national_id)
        locked.resends += 1
        _send_code(locked)
        locked.save(update_fields=["code_hash", "code_sent_at", "code_expires_at", "resends"])


def attempt_verify_code(*, attempt: SignInAttempt, code: str, issuer: str, ip: str) -> str:
    """Check the code; on success the attempt is spent and a signed id_token is returned."""
    if ratelimit.CODE_ENTRIES_PER_IP.over(ip):
        raise SignInRefused(too_many_from_network(ratelimit.CODE_ENTRIES_PER_IP))
    with transaction.atomic():
        locked = (
            SignInAttempt.objects.select_for_update(of=("self",)).select_related("person").get(pk=attempt.pk)
        )
        if locked.completed_at is not None:
            raise SignInRefused(_("This code has already been used. Start signing in again."), restart=True)
        if locked.wrong_codes >= MAX_WRONG_CODES:
            raise SignInRefused(_("Too many wrong codes. Start signing in again."), restart=True)
        if locked.person is None or not attempt_is_alive(locked):
            raise SignInRefused(_("This sign-in has ended. Start again from the service."), restart=True)
        if timezone.now() >= locked.code_expires_at:
            raise SignInRefused(_("The verification code has expired. Ask for a new code."))
        national_id = locked.person.national_id
        # Counted as wrong until it proves right, as passwords are (see attempt_check_password).
        if ratelimit.WRONG_CODES_PER_ACCOUNT.over(national_id):
            raise SignInRefused(_locked_message(ratelimit.WRONG_CODES_PER_ACCOUNT))
        code = code.strip()
        if (
            len(code) == 6
            and code.isdigit()
            and hmac.compare_digest(_code_hash(locked, code), locked.code_hash)
        ):
            locked.completed_at = timezone.now()
            locked.save(update_fields=["completed_at"])
            ratelimit.WRONG_CODES_PER_ACCOUNT.reset(national_id)
            return issue_id_token(locked, issuer=issuer)
        # A wrong code is counted in this transaction, which must commit: the refusal comes after.
        locked.wrong_codes += 1
        locked.save(update_fields=["wrong_codes"])
    left = MAX_WRONG_CODES - locked.wrong_codes
    if left <= 0:
        raise SignInRefused(_("Too many wrong codes. Start signing in again."), restart=True)
    raise SignInRefused(
        ngettext(
            "The verification code is incorrect. %(left)d attempt left.",
            "The verification code is incorrect. %(left)d attempts left.",
            left,
        )
        % {"left": left}
    )


def sign_in_attempts_purge() -> int:
    """Delete the attempts past their lifetime (nobody can use them any more); returns how many."""
    cutoff = timezone.now() - ATTEMPT_LIFETIME
    deleted, _by_model = SignInAttempt.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def issue_id_token(attempt: SignInAttempt, *, issuer: str, amr=("pwd", "otp")) -> str:
    person = attempt.person
    now = timezone.now()
    return keys.sign(
        {
            "iss": issuer,
            "aud": attempt.client_id,
            "sub": person.national_id,
            "iat": int(now.timestamp()),
            "auth_time": int(now.timestamp()),
            "exp": int((now + ID_TOKEN_LIFETIME).timestamp()),
            "nonce": attempt.nonce,
            "jti": secrets.token_urlsafe(16),
            "amr": list(amr),
            "id_type": person.id_type,
            "name_ar": person.name_ar,
            "name_en": person.name_en,
            "phone_number": person.phone,
            "email": person.email,
            "birthdate": person.birth_date.isoformat(),
        }
    )
