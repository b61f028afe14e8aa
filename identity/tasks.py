"""Celery tasks: thin, idempotent; the work is in the services."""

from celery import shared_task

from .idp.services import sign_in_attempts_purge


@shared_task(name="identity.purge_sign_in_attempts", ignore_result=True, expires=10 * 60)
def purge_sign_in_attempts() -> int:
    return sign_in_attempts_purge()
