"""SMS and email gateways.

``send_sms`` and ``send_email`` are what the rest of the portal calls. The SMS backend is chosen by
SMS_BACKEND: the development outbox (kept for /dev/outbox/ and printed) or an HTTP gateway
configured by SMS_GATEWAY_URL, SMS_SENDER, SMS_GATEWAY_TOKEN and SMS_GATEWAY_TIMEOUT. Email goes
through Django's mailers; in development the outbox backend below keeps it for /dev/outbox/.
"""

import hashlib
import logging
from functools import cache

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.module_loading import import_string

from .models import OutboxMessage

logger = logging.getLogger(__name__)


class SmsError(Exception):
    """The gateway did not take the message; the caller may try again later."""


def outbox_key(idempotency_key: str) -> str:
    """The development outbox's key for a message: a digest, so that any key fits its 64-character
    column (a message id and a 31-character address did not, and PostgreSQL refused the row)."""
    return hashlib.sha256(idempotency_key.encode()).hexdigest()


class SmsBackend:
    def send(self, *, to: str, text: str, key: str | None = None, secret: bool = False) -> None:
        """Send one SMS; ``key`` makes a repeated send of the same message a no-op at the gateway.
        A ``secret`` message (a one-time code, a sign-in link) is for its recipient's eyes only:
        a backend may deliver it but never log or keep its text."""
        raise NotImplementedError


WITHHELD = "[one-time code withheld: it is never logged or kept in production]"


class DevOutboxSmsBackend(SmsBackend):
    """Keeps every SMS for /dev/outbox/ and prints it: nothing leaves the machine.

    In production (a demo deployment, DEMO_MODE) it keeps and prints secret messages without their
    text: a code in a log or a table is a code anyone with access to either can use."""

    def send(self, *, to: str, text: str, key: str | None = None, secret: bool = False) -> None:
        if secret and settings.PRODUCTION:
            text = WITHHELD
        if key is None:
            OutboxMessage.objects.create(channel=OutboxMessage.Channel.SMS, recipient=to, body=text)
        else:
            OutboxMessage.objects.get_or_create(
                key=outbox_key(key),
                defaults={"channel": OutboxMessage.Channel.SMS, "recipient": to, "body": text},
            )
        logger.info("SMS to %s: %s", to, text)


class HttpSmsBackend(SmsBackend):
    """A JSON-over-HTTPS SMS gateway: POST {"to", "from", "text"} with a bearer token."""

    def __init__(self) -> None:
        self.url = settings.SMS_GATEWAY_URL
        if not self.url:
            raise ImproperlyConfigured("HttpSmsBackend needs SMS_GATEWAY_URL.")
        self.sender = settings.SMS_SENDER
        self.token = settings.SMS_GATEWAY_TOKEN
        self.timeout = settings.SMS_GATEWAY_TIMEOUT

    def send(self, *, to: str, text: str, key: str | None = None, secret: bool = False) -> None:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        if key:
            headers["Idempotency-Key"] = key
        try:
            response = requests.post(
                self.url,
                json={"to": to, "from": self.sender, "text": text},
                headers=headers,
                timeout=self.timeout,
            )
        except requests.RequestException as error:
            raise SmsError(f"SMS gateway unreachable: {error}") from error
        if not 200 <= response.status_code < 300:
            raise SmsError(f"SMS gateway answered {response.status_code}")


@cache
def sms_backend() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()


def send_sms(*, to: str, text: str, key: str | None = None, secret: bool = False) -> None:
    sms_backend().send(to=to, text=text, key=key, secret=secret)


IDEMPOTENCY_HEADER = "X-Najiz-Message-Id"


def send_email(*, to: str, subject: str, body: str, key: str | None = None) -> None:
    headers = {IDEMPOTENCY_HEADER: key} if key else {}
    EmailMessage(subject=subject, body=body, to=[to], headers=headers).send()


class DevOutboxEmailBackend(BaseEmailBackend):
    """Email backend for development: keeps each message for /dev/outbox/ and prints it."""

    def send_messages(self, email_messages):
        for message in email_messages:
            key = message.extra_headers.get(IDEMPOTENCY_HEADER)
            for recipient in message.recipients():
                fields = {
                    "channel": OutboxMessage.Channel.EMAIL,
                    "recipient": recipient,
                    "subject": str(message.subject),
                    "body": str(message.body),
                }
                if key:
                    OutboxMessage.objects.get_or_create(key=outbox_key(f"{key}:{recipient}"), defaults=fields)
                else:
                    OutboxMessage.objects.create(**fields)
                logger.info("Email to %s: %s", recipient, message.subject)
        return len(email_messages)
