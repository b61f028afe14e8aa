"""The staff workbench on an enforcement request: the case file, decisions, confirmations, queue work."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from enforcement.models import ExecutionRequest
from requests_tracker.models import Deadline, PartyRole, Request, Status
from requests_tracker.services import document_add, party_add, request_assign, request_transition

from ..factories import RequestFactory, UserFactory
from ..files import pdf_bytes, png_bytes
from .orders import deliver_orders

pytestmark = pytest.mark.django_db

IBAN = "SA0380000000608010167519"
QUEUE = "admin:enforcement_enforcementqueue"


def filed_request(status=Status.IN_PROGRESS, *, debtor=None):
    """An enforcement request with a registered debtor and two documents, taken to ``status``."""
    creditor = UserFactory(name_ar="سارة سعد العتيبي")
    debtor = debtor or UserFactory(name_ar="ماجد بن سالم المري", name_en="Majed Salem Almarri")
    request = RequestFactory(applicant=creditor, service="enforcement")
    ExecutionRequest.objects.create(
        request=request, request_type="financial", instrument_type="cheque", instrument_number="778812",
        instrument_date="2026-10-01", instrument_issuer="Al Rajhi Bank", amount=Decimal("7500"),
        creditor_iban=IBAN,
    )  # fmt: skip
    party_add(request=request, role=PartyRole.DEBTOR, id_number=debtor.national_id)
    document_add(
        request=request,
        actor=creditor,
        upload=SimpleUploadedFile("cheque.pdf", pdf_bytes(), "application/pdf"),
        kind="instrument",
    )
    document_add(
        request=request,
        actor=creditor,
        upload=SimpleUploadedFile("stamp.png", png_bytes(), "image/png"),
        kind="instrument",
    )
    clerk, judge = UserFactory(roles=["enforcement_clerk"]), UserFactory(roles=["enforcement_judge"])
    path = [Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION]
    for step in path[: path.index(status) + 1]:
        actor = {Status.SUBMITTED: creditor, Status.IN_EXECUTION: judge}.get(step, clerk)
        decision = "نأمر المنفذ ضده بالسداد خلال خمسة أيام." if step == Status.IN_EXECUTION else ""
        request_transition(request=request, to=step, actor=actor, decision=decision)
    deliver_orders(request)  # the debtor's five days run from here
    return Request.objects.get(pk=request.pk), creditor, debtor, clerk, judge


def url(name, *args):
    return reverse(f"{QUEUE}_{name}", args=args)


def test_the_case_file_shows_the_debtor_the_instrument_the_iban_and_the_documents(client):
    request, _creditor, debtor, clerk, _judge = filed_request()
    client.force_login(clerk)
    page = client.get(url("change", request.pk)).text
    assert "ماجد بن سالم المري" in page and "Majed Salem Almarri" in page and debtor.national_id in page
    assert "778812" in page and IBAN in page, "the instrument and the creditor's account"
    assert "cheque.pdf" in page and "stamp.png" in page
    document = request.documents.get(original_name="cheque.pdf")
    preview = url("document_preview", request.pk, document.pk)
    assert f'<iframe class="case-preview" src="{preview}"' in page
    image = request.documents.get(original_name="stamp.png")
    assert f'<img class="case-preview" src="{url("document_preview", request.pk, image.pk)}"' in page
    # The whole history, with who took each step.
    assert page.count('class="case-history"') == 1 and clerk.display_name in page


def test_a_preview_opens_inside_the_portal_only_and_only_for_the_queue(client):
    request, _creditor, _debtor, clerk, _judge = filed_request()
    document = request.documents.get(original_name="cheque.pdf")
    client.force_login(clerk)
    response = client.get(url("document_preview", request.pk, document.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert not response.get("Content-Disposition", "").startswith("attachment")
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    # The download stays a download, sandboxed.
    download = client.get(url("document", request.pk, document.pk))
    assert (
        download["Content-Disposition"].startswith("attachment")
        and "sandbox" in download["Content-Security-Policy"]
    )

    client.force_login(UserFactory(roles=["notary"]))
    assert client.get(url("document_preview", request.pk, document.pk)).status_code in {403, 404}


def test_the_case_file_shows_deadlines_with_the_time_left_and_overdue_in_red(client):
    request, _creditor, _debtor, _clerk, judge = filed_request(Status.IN_EXECUTION)
    client.force_login(judge)
    page = client.get(url("change", request.pk)).text
    assert "data-countdown" in page and '<li class="overdue">' not in page
    Deadline.objects.filter(request=request).update(due_at=timezone.now() - timedelta(hours=1))
    page = client.get(url("change", request.pk)).text
    assert '<li class="overdue">' in page


def test_the_judge_writes_the_execution_order_in_its_own_field_and_both_parties_read_it(client):
    request, creditor, debtor, _clerk, judge = filed_request(Status.IN_PROGRESS)
    client.force_login(judge)
    page = client.get(url("change", request.pk)).text
    assert '<textarea id="decision-in_execution" name="decision" rows="4" required' in page

    client.post(url("transition", request.pk), {"to": Status.IN_EXECUTION, "decision": "", "note": "x"})
    request.refresh_from_db()
    assert request.status == Status.IN_PROGRESS, "no order without its text"

    client.post(
        url("transition", request.pk),
        {"to": Status.IN_EXECUTION, "decision": "نأمر بالسداد.", "note": "الملف مكتمل، للمتابعة."},
    )
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION
    assert request.execution.order_text == "نأمر بالسداد."
    for party in (creditor, debtor):
        client.force_login(party)
        page = client.get(reverse("request_detail", args=[request.pk])).text
        assert "نأمر بالسداد." in page
        assert "الملف مكتمل" not in page, "the internal note is for staff only"


def test_the_judge_cannot_close_a_request_as_executed_by_a_click(client):
    """A request is executed by full payment or a settlement the creditor confirms, each of which
    leaves the lifting of the measures to the judge's order; a bare click would skip both."""
    request, _creditor, _debtor, _clerk, judge = filed_request(Status.IN_EXECUTION)
    client.force_login(judge)
    page = client.get(url("change", request.pk)).text
    assert f'value="{Status.COMPLETED}"' not in page
    client.post(url("transition", request.pk), {"to": Status.COMPLETED, "confirmed": "yes"})
    request.refresh_from_db()
    assert request.status == Status.IN_EXECUTION


def test_rejecting_keeps_its_reasons_through_the_confirmation(client):
    request, creditor, _debtor, clerk, _judge = filed_request(Status.UNDER_REVIEW)
    client.force_login(clerk)
    page = client.post(url("transition", request.pk), {"to": Status.REJECTED, "decision": "السند منتهي."})
    assert 'value="السند منتهي."' in page.text
    client.post(
        url("transition", request.pk), {"to": Status.REJECTED, "decision": "السند منتهي.", "confirmed": "yes"}
    )
    request.refresh_from_db()
    assert request.status == Status.REJECTED
    client.force_login(creditor)
    assert "السند منتهي." in client.get(reverse("request_detail", args=[request.pk])).text


def test_the_citizen_confirms_before_cancelling(client):
    request = RequestFactory(service="enforcement")
    request_transition(request=request, to=Status.SUBMITTED, actor=request.applicant)
    client.force_login(request.applicant)
    cancel = reverse("request_cancel", args=[request.pk])
    page = client.post(cancel)
    request.refresh_from_db()
    assert page.status_code == 200 and request.status == Status.SUBMITTED
    assert "لا يمكن التراجع" in page.text or "cannot be undone" in page.text
    client.post(cancel, {"confirmed": "yes"})
    request.refresh_from_db()
    assert request.status == Status.CANCELLED


def test_take_it_assigns_the_request_to_me(client):
    request, _creditor, _debtor, clerk, _judge = filed_request(Status.UNDER_REVIEW)
    client.force_login(clerk)
    client.post(url("take", request.pk))
    request.refresh_from_db()
    assert request.assignee == clerk
    assert request.reference in client.get(url("changelist"), {"assigned": "me"}).text


def test_the_overdue_and_due_soon_filters(client):
    late, *_ = filed_request(Status.IN_EXECUTION)
    soon, *_ = filed_request(Status.IN_EXECUTION)
    later, *_ = filed_request(Status.IN_EXECUTION)
    now = timezone.now()
    Deadline.objects.filter(request=late, kind="five_days").update(due_at=now - timedelta(hours=2))
    Deadline.objects.filter(request=soon, kind="five_days").update(due_at=now + timedelta(hours=5))
    client.force_login(UserFactory(roles=["enforcement_judge"]))
    overdue = client.get(url("changelist"), {"due": "overdue"}).text
    assert late.reference in overdue and soon.reference not in overdue and later.reference not in overdue
    within_a_day = client.get(url("changelist"), {"due": "24h"}).text
    assert soon.reference in within_a_day and late.reference not in within_a_day
    assert later.reference not in within_a_day


def test_bulk_steps_exclude_decisions_and_what_cannot_be_undone_and_report_each_request(client):
    judge = UserFactory(roles=["enforcement_judge"])
    client.force_login(judge)
    names = {
        name for name, _label in client.get(url("changelist")).context["action_form"].fields["action"].choices
    }
    assert "move_to_completed" not in names, "closing as executed is confirmed on its request"
    assert "move_to_in_execution" not in names, "the order's text is written request by request"

    clerk = UserFactory(roles=["enforcement_clerk"])
    taken, free = filed_request(Status.UNDER_REVIEW)[0], filed_request(Status.UNDER_REVIEW)[0]
    client.force_login(clerk)
    response = client.post(
        url("changelist"),
        {"action": "move_to_in_progress", "_selected_action": [taken.pk, free.pk]},
        follow=True,
    )
    lines = [str(message) for message in response.context["messages"]]
    assert any(taken.reference in line and free.reference in line for line in lines)


def test_the_admin_index_opens_with_todays_counts(client):
    request, _creditor, _debtor, clerk, _judge = filed_request(Status.SUBMITTED)
    filed_request(Status.SUBMITTED)
    request_assign(request=request, assignee=clerk, actor=clerk)
    client.force_login(clerk)
    page = client.get(reverse("admin:index")).text
    queue = url("changelist")
    assert f'<a href="{queue}?status=submitted"><strong>2</strong>' in page, "two new requests"
    assert f'<a href="{queue}?assigned=me"><strong>1</strong>' in page, "one of them mine"
    assert f'<a href="{queue}?due=overdue"><strong>0</strong>' in page


def test_the_supervisor_sees_escalations_and_failed_timers(client):
    request, *_ = filed_request(Status.IN_EXECUTION)
    Request.objects.filter(pk=request.pk).update(escalated_at=timezone.now())
    Deadline.objects.filter(request=request, kind="five_days").update(state=Deadline.State.FAILED)
    supervisor = UserFactory(roles=["supervisor"])
    client.force_login(supervisor)
    page = client.get(reverse("admin:index")).text
    assert "?due=escalated" in page and "?trouble=failed" in page
    escalated = client.get(reverse("admin:requests_tracker_request_changelist"), {"due": "escalated"}).text
    assert request.reference in escalated
