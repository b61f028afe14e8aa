import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_tracker.models import Request, Status
from requests_tracker.services import request_transition

from ..factories import RequestFactory, UserFactory
from ..files import pdf_bytes

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:requests_tracker_request_changelist")


def submitted(count):
    requests = []
    for _ in range(count):
        request = RequestFactory()
        request_transition(request=request, to=Status.SUBMITTED, actor=request.applicant)
        requests.append(request)
    return requests


def test_the_queue_list_costs_the_same_queries_for_3_or_30_rows(client, clerk, django_assert_num_queries):
    client.force_login(clerk)
    submitted(3)
    client.get(CHANGELIST)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(CHANGELIST).status_code == 200
    submitted(27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(CHANGELIST)
    assert response.content.count(b'class="status-badge') == 25, "a page of the queue: its first 25"
    assert client.get(CHANGELIST, {"p": 2}).content.count(b'class="status-badge') == 5


def test_assigned_to_me_shows_only_my_requests(client, clerk):
    mine, others = submitted(2)
    client.force_login(clerk)
    client.post(CHANGELIST, {"action": "assign_to_me", "_selected_action": [mine.pk]})
    response = client.get(CHANGELIST, {"assigned": "me"})
    assert mine.reference in response.text and others.reference not in response.text
    response = client.get(CHANGELIST, {"assigned": "none"})
    assert others.reference in response.text and mine.reference not in response.text


def test_bulk_actions_offer_only_the_steps_of_the_staff_members_role(client, clerk, judge):
    client.force_login(clerk)
    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices
    names = {name for name, _label in actions}
    assert "move_to_under_review" in names
    assert "move_to_in_execution" not in names  # the judge's step
    assert "move_to_returned" not in names  # needs a written reason: a button on the request

    client.force_login(judge)
    names = {name for name, _label in client.get(CHANGELIST).context["action_form"].fields["action"].choices}
    assert "move_to_in_execution" in names and "move_to_under_review" not in names


def test_a_bulk_step_goes_through_the_engine_and_reports_refusals(client, clerk):
    ready = submitted(2)
    (taken,) = submitted(1)
    request_transition(request=taken, to=Status.UNDER_REVIEW, actor=clerk)
    draft = RequestFactory()
    client.force_login(clerk)
    response = client.post(
        CHANGELIST,
        {"action": "move_to_under_review", "_selected_action": [r.pk for r in [*ready, taken, draft]]},
        follow=True,
    )
    for request in ready:
        request.refresh_from_db()
        assert request.status == Status.UNDER_REVIEW
        assert request.history.last().actor == clerk
    text = [str(m) for m in response.context["messages"]]
    assert any(taken.reference in line and "لا يمكن" in line for line in text)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not any(draft.reference in line for line in text), "a draft is not in any staff queue"


def test_the_request_page_shows_the_open_steps_as_buttons_that_use_the_engine(client, clerk):
    (request,) = submitted(1)
    client.force_login(clerk)
    change_url = reverse("admin:requests_tracker_request_change", args=[request.pk])
    page = client.get(change_url)
    assert [step["target"] for step in page.context["queue_steps"]] == [Status.UNDER_REVIEW]

    transition_url = reverse("admin:requests_tracker_request_transition", args=[request.pk])
    client.post(transition_url, {"to": Status.UNDER_REVIEW})
    response = client.post(transition_url, {"to": Status.RETURNED, "decision": ""}, follow=True)
    request.refresh_from_db()
    assert request.status == Status.UNDER_REVIEW, "returning without a reason is refused"
    assert response.status_code == 200

    client.post(
        transition_url,
        {"to": Status.RETURNED, "decision": "Missing the contract copy.", "note": "Checked twice."},
    )
    request.refresh_from_db()
    assert request.status == Status.RETURNED
    change = request.history.last()
    assert (change.decision, change.note) == ("Missing the contract copy.", "Checked twice.")


def test_saving_the_change_form_never_writes_status(client, clerk):
    (request,) = submitted(1)
    client.force_login(clerk)
    change_url = reverse("admin:requests_tracker_request_change", args=[request.pk])
    stale = Request.objects.get(pk=request.pk)
    request_transition(request=request, to=Status.UNDER_REVIEW, actor=clerk)
    client.post(change_url, {"status": Status.COMPLETED, "_save": "Save"})
    stale.refresh_from_db()
    assert stale.status == Status.UNDER_REVIEW


def test_citizens_and_anonymous_visitors_do_not_reach_the_queue(client, citizen):
    assert client.get(CHANGELIST).status_code == 302
    client.force_login(citizen)
    assert client.get(CHANGELIST).status_code == 302


def test_staff_download_documents_through_the_access_checked_admin_view(client, clerk, draft, citizen):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from requests_tracker.services import document_add

    document = document_add(
        request=draft, actor=citizen, upload=SimpleUploadedFile("a.pdf", pdf_bytes()), kind="evidence"
    )
    url = reverse("admin:requests_tracker_request_document", args=[draft.pk, document.pk])
    client.force_login(clerk)
    assert client.get(url).status_code == 404, "a draft is its author's alone, even for staff"
    assert client.get(reverse("admin:requests_tracker_request_change", args=[draft.pk])).status_code == 404
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    assert client.get(url)["Content-Disposition"].startswith("attachment;")
    client.force_login(UserFactory(is_staff=True))  # staff, but no queue role: not even told it exists
    assert client.get(url).status_code == 404


def test_staff_see_only_the_requests_of_services_where_their_role_acts(client, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from requests_tracker.services import document_add

    (own,) = submitted(1)
    deed = RequestFactory(service="certified_copy")
    # Documents are added while the applicant files; a submitted request takes them by message.
    document = document_add(
        request=deed, actor=deed.applicant, upload=SimpleUploadedFile("a.pdf", pdf_bytes()), kind="x"
    )
    request_transition(request=deed, to=Status.SUBMITTED, actor=deed.applicant)
    client.force_login(clerk)  # an enforcement clerk
    listing = client.get(CHANGELIST).text
    assert own.reference in listing and deed.reference not in listing
    assert client.get(reverse("admin:requests_tracker_request_change", args=[deed.pk])).status_code == 404
    url = reverse("admin:requests_tracker_request_document", args=[deed.pk, document.pk])
    assert client.get(url).status_code == 404
    notary = UserFactory(roles=["notary"])
    client.force_login(notary)
    assert deed.reference in client.get(CHANGELIST).text
