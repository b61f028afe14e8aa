"""Celery tasks: thin, idempotent, by primary key; the work is in notifications and deadlines."""

from celery import shared_task

from . import deadlines, notifications


@shared_task(name="requests_tracker.deliver_message", acks_late=True, ignore_result=True)
def deliver_message(message_id: str) -> bool:
    return notifications.deliver(message_id)


@shared_task(name="requests_tracker.relay_outbox", ignore_result=True, expires=55)
def relay_outbox() -> int:
    return notifications.relay_unsent()


@shared_task(name="requests_tracker.sweep_deadlines", ignore_result=True, expires=55)
def sweep_deadlines() -> int:
    return deadlines.fire_due()
