"""Notices by SMS, email and in the portal, through an outbox (DESIGN §2.3).

``notify_event`` writes, in the caller's transaction, a bell notice and one ``OutboundMessage`` per
channel for each recipient, in the recipient's language. After commit a Celery task delivers each
message; the minute sweep re-sends what is still pending (broker down, worker killed). A message's
id travels to the gateway as an idempotency key, so a retry never delivers it twice.

Whatever a gateway raises is the failure of that one message: recorded, retried with backoff, failed
for good after ``MAX_ATTEMPTS`` and listed for supervisors; the rest of its batch goes on. Each
message is marked sent the moment its gateway takes it, so a worker killed later in the batch never
has it sent again, even through a gateway without idempotency keys (plain SMTP). A claim that
outlives its worker is taken back by the sweep and counts as an attempt.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from identity.gateways import SmsError, send_email, send_sms
from identity.registry import registry_phone

from .models import Notification, OutboundMessage, Party, Request
from .parties import registered_user

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# A "sending" row older than this lost its worker: Celery kills any task after
# CELERY_TASK_TIME_LIMIT (two minutes), long before.
CLAIM_TIMEOUT = timedelta(minutes=5)
SWEEP_GRACE = timedelta(minutes=1)  # fresh rows are the after-commit task's; the sweep takes the rest
# The sweep stops taking batches after this, well inside the task's soft time limit, so that a long
# backlog is relayed over several runs instead of a run being cut off in the middle of a batch.
RELAY_BUDGET_SECONDS = 45.0
LOST_CLAIM = "The worker sending it stopped before recording the outcome; its claim was taken back."


@dataclass(frozen=True)
class Event:
    """The words of one kind of notice: a short SMS (also the bell's text) and an email."""

    sms: object
    subject: object
    email: object


EVENTS = {
    "submitted": Event(
        sms=_("Najiz: request %(reference)s was received. Follow it under My requests."),
        subject=_("Request %(reference)s received"),
        email=_(
            "Your request %(reference)s (%(service)s) was received.\n\n"
            "You can follow it under My requests in the Najiz portal; you will be told of every change."
        ),
    ),
    "status_changed": Event(
        sms=_("Najiz: request %(reference)s is now “%(status)s”."),
        subject=_("Request %(reference)s: %(status)s"),
        email=_(
            "The status of your request %(reference)s (%(service)s) is now “%(status)s”.\n\n"
            "Open the request in the Najiz portal to see what happens next."
        ),
    ),
    "party_named": Event(
        sms=_("Najiz: you are named as a party in request %(reference)s. Sign in to see it."),
        subject=_("You are a party to request %(reference)s"),
        email=_(
            "You are named as a party in request %(reference)s (%(service)s), now “%(status)s”.\n\n"
            "Sign in to the Najiz portal to see it."
        ),
    ),
    "message": Event(
        sms=_("Najiz: new message about request %(reference)s."),
        subject=_("New message about request %(reference)s"),
        email=_("There is a new message about request %(reference)s. Read it in the Najiz portal."),
    ),
    "requirement": Event(
        sms=_("Najiz: request %(reference)s needs documents or information from you."),
        subject=_("Request %(reference)s: documents or information needed"),
        email=_(
            "Documents or information are needed for request %(reference)s. "
            "Open the request in the Najiz portal to see what, and send it there."
        ),
    ),
    "requirement_answered": Event(
        sms=_("Najiz: the applicant answered on request %(reference)s."),
        subject=_("Request %(reference)s: the applicant answered"),
        email=_("The applicant sent what was asked for on request %(reference)s."),
    ),
    "interview": Event(
        sms=_("Najiz: interview for request %(reference)s on %(when)s. Details in the portal."),
        subject=_("Request %(reference)s: interview on %(when)s"),
        email=_(
            "An interview about request %(reference)s is scheduled on %(when)s. The place or link is in the portal."
        ),
    ),
    "consent_requested": Event(
        sms=_(
            "Najiz: %(name)s named you in request %(reference)s. Accept or reject it in Najiz within 48 hours."
        ),
        subject=_("Request %(reference)s: your answer is awaited"),
        email=_(
            "%(name)s named you a party in request %(reference)s (%(service)s).\n\n"
            "Sign in to Najiz, read it, and accept or reject it with a code sent to your mobile within 48 hours; "
            "otherwise the request lapses."
        ),
    ),
    "consent_rejected": Event(
        sms=_("Najiz: request %(reference)s was rejected by %(name)s, a party to it."),
        subject=_("Request %(reference)s rejected by a party"),
        email=_(
            "%(name)s, a party to request %(reference)s (%(service)s), rejected it, so it goes no further."
        ),
    ),
    "consent_lapsed": Event(
        sms=_("Najiz: request %(reference)s lapsed: not every party answered within 48 hours."),
        subject=_("Request %(reference)s lapsed"),
        email=_(
            "Request %(reference)s (%(service)s) lapsed because not every party answered within 48 hours."
        ),
    ),
    "document_cancelled": Event(
        sms=_("Najiz: document %(number)s was cancelled and no longer has effect."),
        subject=_("Document %(number)s cancelled"),
        email=_(
            "Document %(number)s, issued by the Najiz portal, was cancelled and no longer has effect.\n\n"
            "Reason: %(reason)s\n\nIts verification page now says it is cancelled, with the date."
        ),
    ),
    "deadline_reminder": Event(
        sms=_("Najiz: request %(reference)s is due to be completed by %(due)s."),
        subject=_("Request %(reference)s: due by %(due)s"),
        email=_("Request %(reference)s, now “%(status)s”, is due to be completed by %(due)s."),
    ),
    "deadline_missed": Event(
        sms=_("Najiz: request %(reference)s passed its expected time; a supervisor is following it up."),
        subject=_("Request %(reference)s: referred to a supervisor"),
        email=_(
            "Request %(reference)s was not completed within the expected time. "
            "It has been referred to a supervisor, who will follow it up."
        ),
    ),
}


UNREAD_LIFETIME = 10 * 60


def _unread_key(user_pk) -> str:
    return f"notifications:unread:{user_pk}"


def unread_count(user) -> int:
    """How many notices ``user`` has not read: counted once, then kept in the shared cache until a
    new notice or a read one changes it."""
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_LIFETIME)
    return count


def forget_unread_counts(user_pks) -> None:
    """The counts of these users changed: drop them now and again once the change has committed (a
    page read in between may have cached the count from before it)."""
    keys = [_unread_key(pk) for pk in set(user_pks)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(partial(cache.delete_many, keys), robust=True)


# What a domain does once a message of an event reaches the gateway (a debtor's clock starts from the
# delivery of his legal notice, not from its queueing): ``listener(message=)``.
_delivery_listeners: dict[str, Callable[..., None]] = {}


def register_delivery_listener(event: str, listener: Callable[..., None]) -> None:
    _delivery_listeners[event] = listener


def register_event(name: str, event: Event) -> Event:
    """Let a domain add the words of its own notices (an execution order, Article 46 measures)."""
    EVENTS[name] = event
    return event


def _render(text, language: str, params: dict) -> str:
    with override(language or settings.LANGUAGE_CODE):
        return str(text) % {key: str(value) for key, value in params.items()}


def _recipient_contacts(recipient, *, legal: bool = False):
    """(user or None, language, phone, email or "") for a user or a party. A party whose ID is
    registered is reached at the registry's contacts, also when it was named before the person
    registered: legal notices never go to a number the filer typed for a registered person. A
    ``legal`` notice (an execution order) never goes to a typed number at all: an unregistered party
    is reached at the mobile the national registry holds for the ID, or not by SMS."""
    if isinstance(recipient, Party):
        user = recipient.user or registered_user(id_type=recipient.id_type, id_number=recipient.id_number)
        if user is not None:
            return _recipient_contacts(user)
        phone = registry_phone(recipient.id_number) if legal else recipient.phone
        return None, settings.LANGUAGE_CODE, phone, ""
    email = recipient.email if recipient.email_notifications else ""
    return recipient, recipient.language, recipient.phone, email


def notify_event(
    *, event: str, request: Request | None, recipients, params: dict | None = None, legal: bool = False
) -> None:
    """Tell ``recipients`` (users, or parties not registered in the portal) of ``event``.

    Writes the bell notice and the SMS and email outbox rows now, in the caller's transaction, and
    asks a worker to send them once that transaction commits.
    """
    words = EVENTS[event]
    params = {"reference": request.reference if request else "", **(params or {})}
    if request is not None:
        params.setdefault("service", request.service_definition.name)
    seen, notices, messages = set(), [], []
    for recipient in recipients:
        if recipient is None:
            continue
        user, language, phone, email = _recipient_contacts(recipient, legal=legal)
        party = recipient if isinstance(recipient, Party) else None
        identity = user.pk if user else phone
        if not identity or identity in seen:
            continue
        seen.add(identity)
        sms = _render(words.sms, language, params)
        if user is not None:
            notices.append(Notification(recipient=user, request=request, text=sms))
        if phone:  # legal notices go by SMS whatever the preferences
            messages.append(
                OutboundMessage(
                    recipient=user,
                    party=party,
                    request=request,
                    event=event,
                    channel="sms",
                    to=phone,
                    body=sms,
                )
            )
        if email:
            messages.append(
                OutboundMessage(
                    recipient=user, request=request, event=event, channel="email", to=email,
                    subject=_render(words.subject, language, params), body=_render(words.email, language, params),
                )
            )  # fmt: skip
    Notification.objects.bulk_create(notices)
    forget_unread_counts(notice.recipient_id for notice in notices)
    OutboundMessage.objects.bulk_create(messages)
    for message in messages:
        transaction.on_commit(partial(enqueue_delivery, message.pk))


def enqueue_delivery(message_id) -> None:
    """Hand one message to a worker; with the broker down it stays pending for the sweep."""
    from .tasks import deliver_message

    try:
        deliver_message.delay(str(message_id))
    except Exception:  # the broker is down: the row is safe in the database
        logger.warning("Broker unreachable; message %s waits for the outbox sweep", message_id, exc_info=True)


def _backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def _claim(queryset, limit: int) -> tuple[list[OutboundMessage], int]:
    """Take up to ``limit`` messages of ``queryset`` for this worker: locked rows other workers skip,
    marked as being sent, each attempt counted. A claim taken back from a worker that stopped counts
    the attempt it was; after the last one the message has failed for good.

    Returns the claimed messages and how many rows were taken (claimed or failed)."""
    now = timezone.now()
    with transaction.atomic():
        taken = list(queryset.select_for_update(skip_locked=True).order_by("next_attempt_at")[:limit])
        lost = [m for m in taken if m.state == OutboundMessage.State.SENDING]
        exhausted = {m.pk for m in lost if m.attempts >= MAX_ATTEMPTS}
        if lost:
            OutboundMessage.objects.filter(pk__in=[m.pk for m in lost]).update(last_error=LOST_CLAIM)
            for message in lost:
                failed = message.pk in exhausted
                logger.log(
                    logging.ERROR if failed else logging.WARNING,
                    "Message %s: the worker sending it stopped (attempt %s)%s",
                    message.pk, message.attempts, "; failed for good" if failed else "",
                )  # fmt: skip
        if exhausted:
            OutboundMessage.objects.filter(pk__in=exhausted).update(state=OutboundMessage.State.FAILED)
        claimed = [m for m in taken if m.pk not in exhausted]
        if claimed:
            OutboundMessage.objects.filter(pk__in=[m.pk for m in claimed]).update(
                state=OutboundMessage.State.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    for message in claimed:
        message.attempts += 1
    return claimed, len(taken)


def _hand_to_gateway(message: OutboundMessage) -> None:
    if message.channel == OutboundMessage.Channel.SMS:
        send_sms(to=message.to, text=message.body, key=str(message.pk))
    else:
        send_email(to=message.to, subject=message.subject, body=message.body, key=str(message.pk))


def _record_failure(message: OutboundMessage, error: Exception) -> None:
    failed = message.attempts >= MAX_ATTEMPTS
    OutboundMessage.objects.filter(pk=message.pk).update(
        state=OutboundMessage.State.FAILED if failed else OutboundMessage.State.PENDING,
        next_attempt_at=timezone.now() + _backoff(message.attempts),
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )
    logger.log(
        logging.ERROR if failed else logging.WARNING,
        "Message %s not sent (attempt %s%s): %s",
        message.pk, message.attempts, ", failed for good" if failed else "", error,
        # A gateway's refusal is expected and said in a line; anything else is a bug: its traceback.
        exc_info=None if isinstance(error, SmsError) else error,
    )  # fmt: skip


def _send(claimed: list[OutboundMessage]) -> int:
    """Hand claimed messages to their gateways, one by one; returns how many went."""
    sent = 0
    for message in claimed:
        try:
            _hand_to_gateway(message)
        except Exception as error:  # whatever it is, it is this message's failure, not its batch's
            _record_failure(message, error)
            if isinstance(error, SoftTimeLimitExceeded):
                raise  # the task is out of time: the rest of the batch is taken back after CLAIM_TIMEOUT
            continue
        # Recorded at once, in its own transaction (the relay runs outside any), so that a worker
        # killed later in the batch leaves this message sent, not to send again; with what its
        # delivery starts, so that the two are never apart (a listener that fails leaves the message
        # to be claimed again, and the gateway's idempotency key keeps it from going out twice).
        try:
            with transaction.atomic():
                message.sent_at = timezone.now()
                OutboundMessage.objects.filter(pk=message.pk).update(
                    state=OutboundMessage.State.SENT, sent_at=message.sent_at
                )
                listener = _delivery_listeners.get(message.event)
                if listener is not None:
                    listener(message=message)
        except Exception as error:
            _record_failure(message, error)
            continue
        sent += 1
    return sent


def _claimable(now):
    return Q(state=OutboundMessage.State.PENDING, next_attempt_at__lte=now) | Q(
        state=OutboundMessage.State.SENDING, claimed_at__lte=now - CLAIM_TIMEOUT
    )


def deliver(message_id) -> bool:
    """Send one outbox message unless it is sent, failed for good, backing off, or another worker
    has it; True when this call delivered it."""
    claimed, _taken = _claim(OutboundMessage.objects.filter(_claimable(timezone.now()), pk=message_id), 1)
    return _send(claimed) == 1


def unsent_due(now=None):
    """Messages the sweep must send: pending past the grace given to their own task, or stuck sending."""
    now = now or timezone.now()
    return OutboundMessage.objects.filter(
        Q(state=OutboundMessage.State.PENDING, next_attempt_at__lte=now, created_at__lte=now - SWEEP_GRACE)
        | Q(state=OutboundMessage.State.SENDING, claimed_at__lte=now - CLAIM_TIMEOUT)
    )


def relay_unsent(now=None, *, batch: int = 200) -> int:
    """The beat sweep, run in a worker: send everything still unsent, in batches, for up to
    ``RELAY_BUDGET_SECONDS``; returns how many messages it took (sent, rescheduled or failed)."""
    started = time.monotonic()
    total = 0
    while True:
        claimed, taken = _claim(unsent_due(now), batch)
        _send(claimed)
        total += taken
        if taken < batch or time.monotonic() - started > RELAY_BUDGET_SECONDS:
            return total


def retry_failed(*, message_ids, actor) -> int:
    """Give messages that failed for good another round of attempts (a supervisor's decision)."""
    if not actor.has_perm("requests_tracker.change_outboundmessage"):
        raise PermissionDenied
    failed = OutboundMessage.objects.filter(pk__in=list(message_ids), state=OutboundMessage.State.FAILED)
    ids = list(failed.values_list("pk", flat=True))
    OutboundMessage.objects.filter(pk__in=ids, state=OutboundMessage.State.FAILED).update(
        state=OutboundMessage.State.PENDING, next_attempt_at=timezone.now(), attempts=0
    )
    for message_id in ids:
        transaction.on_commit(partial(enqueue_delivery, message_id))
    return len(ids)
