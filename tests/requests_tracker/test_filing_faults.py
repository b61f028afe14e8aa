"""The database connection dropped in the middle of submitting a request: the person sees the
portal's own error page, nothing of the submission is kept, and the next page and a second try
work on a fresh connection (PostgreSQL: the test ends the request's own server process)."""

from dataclasses import replace

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from identity.models import OutboxMessage
from requests_tracker.models import Notification, OutboundMessage, Status, StatusChange
from requests_tracker.registry import service_registry

from ..conftest import postgres_only
from ..factories import RequestFactory

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def connection_dropped_on_submit(test_service):
    """The test service, its workflow given a hook on entering "submitted" that has PostgreSQL end
    the connection it runs on, once. The hook runs after the engine wrote the status, its history
    row and the notices, before the commit: a failure at the worst moment."""
    dropped = []

    def drop_connection(*, request, change, service):
        if dropped:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        other = connection.get_new_connection(connection.get_connection_params())
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])  # waits until it is gone
                dropped.append(cursor.fetchone()[0])
        finally:
            other.close()

    service_registry.unregister(test_service.code)
    service_registry.register(
        replace(
            test_service,
            workflow=replace(test_service.workflow, on_enter={Status.SUBMITTED: (drop_connection,)}),
        )
    )
    return dropped  # the test_service fixture unregisters it


def test_a_connection_dropped_while_submitting_shows_the_error_page_and_keeps_nothing(
    connection_dropped_on_submit, citizen, settings
):
    assert settings.DEBUG is False, "people see the portal's error page, never Django's debug page"
    draft = RequestFactory(applicant=citizen)
    browser = Client(raise_request_exception=False)
    browser.force_login(citizen)
    review = reverse("wizard_step", args=[draft.pk, "review"])

    failed = browser.post(review)

    assert connection_dropped_on_submit == [True], "the connection was ended in the middle of the submission"
    assert failed.status_code == 500
    page = failed.text
    assert '<html lang="ar" dir="rtl">' in page
    assert page.index("حدث خطأ من جهتنا") < page.index("Something went wrong on our side"), "Arabic first"
    assert "لم يُقدَّم شيء" in page and "nothing was submitted" in page
    assert "try again" in page and reverse("my_requests") in page
    for detail in ("Traceback", "OperationalError", "terminating connection", "psycopg", "pg_", "File "):
        assert detail not in page, f"{detail!r} is shown to the person"

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.submitted_at is None, "still a draft"
    assert not StatusChange.objects.filter(request=draft).exists(), "no history row"
    assert not Notification.objects.filter(request=draft).exists(), "no notice in the bell"
    assert not OutboundMessage.objects.filter(request=draft).exists(), "no SMS or email waiting"
    assert not OutboxMessage.objects.exists(), "none sent"

    # The next page opens, and trying again submits the request, once.
    assert browser.get(review).status_code == 200
    submitted = browser.post(review)
    assert submitted.status_code == 302
    assert submitted["Location"] == reverse("request_submitted", args=[draft.pk])
    assert draft.reference in browser.get(submitted["Location"]).text
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert StatusChange.objects.filter(request=draft).count() == 1
    assert Notification.objects.filter(request=draft, recipient=citizen).count() == 1
    assert OutboundMessage.objects.filter(request=draft).count() == 2, "one SMS and one email"
