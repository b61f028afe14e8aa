"""Following a request: My requests, the request page, messages, awaited documents, notices."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from requests_tracker.guidance import next_step
from requests_tracker.models import Notification, PartyRole, Status
from requests_tracker.services import party_add, request_assign, request_transition

from ..factories import RequestFactory, UserFactory
from ..files import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()


@pytest.fixture
def submitted(citizen):
    request = RequestFactory(applicant=citizen)
    request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
    return request


def test_my_requests_marks_why_each_request_is_there(client, citizen, representation):
    mine = RequestFactory(applicant=citizen)
    lawyer = UserFactory()
    representation(lawyer, citizen)
    for_me = RequestFactory(applicant=lawyer, represented=citizen)
    against_me = RequestFactory()
    party_add(request=against_me, role=PartyRole.DEBTOR, id_number=citizen.national_id)
    for request in (for_me, against_me):
        request_transition(request=request, to=Status.SUBMITTED, actor=request.applicant)

    client.force_login(citizen)
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("my_requests")).text
    for request, marker in (
        (mine, "You filed it"),
        (for_me, "Filed for you"),
        (against_me, "You are a party"),
    ):
        row = page[page.index(request.reference) :].split("</tr>")[0]
        assert marker in row


def test_my_requests_filters_searches_sorts_and_pages(client, citizen):
    requests = [RequestFactory(applicant=citizen) for _ in range(23)]
    request_transition(request=requests[0], to=Status.SUBMITTED, actor=citizen)
    client.force_login(citizen)

    first_page = client.get(reverse("my_requests"))
    assert first_page.text.count('class="status-badge') == 20
    assert client.get(reverse("my_requests"), {"page": 2}).text.count('class="status-badge') == 3

    only_submitted = client.get(reverse("my_requests"), {"status": "submitted"})
    assert requests[0].reference in only_submitted.text and requests[1].reference not in only_submitted.text

    searched = client.get(reverse("my_requests"), {"q": requests[5].reference[-6:]})
    assert searched.text.count('class="status-badge') == 1

    oldest = client.get(reverse("my_requests"), {"sort": "created"}).text
    assert oldest.index(requests[0].reference) < oldest.index(requests[1].reference)

    partial = client.get(reverse("my_requests"), {"status": "draft"}, headers={"hx-request": "true"})
    assert "<html" not in partial.text and 'id="results"' in partial.text


def test_my_requests_costs_the_same_queries_for_few_or_many(client, citizen, django_assert_num_queries):
    client.force_login(citizen)
    RequestFactory(applicant=citizen)
    client.get(reverse("my_requests"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("my_requests"))
    for _ in range(15):
        RequestFactory(applicant=citizen)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("my_requests"))


def test_the_request_page_shows_the_timeline_in_gregorian_and_hijri_and_what_comes_next(
    client, submitted, citizen
):
    client.force_login(citizen)
    page = client.get(reverse("request_detail", args=[submitted.pk])).text
    today = timezone.localdate()
    assert today.strftime("%Y-%m-%d") in page
    assert "هـ" in page  # the Hijri date beside it
    submitted.refresh_from_db()
    with translation.override("ar"):
        step = next_step(submitted)
        what_next, within = str(step["text"]), step["within"]
    assert within == "خلال يومي عمل", "the clerk's review is promised in working days"
    assert what_next in page and within in page


def test_messages_are_posted_in_place_with_attachments_and_the_assignee_is_told(client, submitted, citizen):
    clerk = UserFactory(roles=["enforcement_clerk"])
    request_assign(request=submitted, assignee=clerk, actor=clerk)
    client.force_login(citizen)
    response = client.post(
        reverse("message_send", args=[submitted.pk]),
        {"body": "مرفق صورة الصك", "attachments": [SimpleUploadedFile("deed.pdf", PDF)]},
        headers={"hx-request": "true"},
    )
    assert response.status_code == 200
    assert "<html" not in response.text and "مرفق صورة الصك" in response.text and "deed.pdf" in response.text
    assert Notification.objects.filter(recipient=clerk, request=submitted).exists()


def test_staff_ask_for_a_document_the_applicant_sees_it_awaited_and_answers_with_an_upload(
    client, submitted, citizen
):
    clerk = UserFactory(roles=["enforcement_clerk"])
    request_assign(request=submitted, assignee=clerk, actor=clerk)
    client.force_login(clerk)
    process = reverse("admin:requests_tracker_request_process", args=[submitted.pk])
    client.post(process, {"action": "requirement", "text": "صورة الهوية الوطنية سارية المفعول"})
    client.post(process, {"action": "note", "body": "نرجو الإسراع"})
    starts = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(process, {"action": "interview", "starts_at": starts, "place": "محكمة الرياض العامة"})

    client.force_login(citizen)
    page = client.get(reverse("request_detail", args=[submitted.pk])).text
    assert (
        "صورة الهوية الوطنية سارية المفعول" in page
        and "نرجو الإسراع" in page
        and "محكمة الرياض العامة" in page
    )
    assert Notification.objects.filter(recipient=citizen, read_at__isnull=True).count() >= 3

    requirement = submitted.requirements.get()
    client.post(
        reverse("requirement_respond", args=[submitted.pk, requirement.pk]),
        {"files": [SimpleUploadedFile("id.png", png_bytes())]},
    )
    requirement.refresh_from_db()
    assert requirement.answered_at is not None and requirement.documents.count() == 1
    assert Notification.objects.filter(recipient=clerk, text__contains=submitted.reference).exists()


def test_the_bell_counts_unread_notices_and_they_can_be_marked_read(client, submitted, citizen):
    client.force_login(citizen)
    assert 'class="count">1<' in client.get("/").text  # "submitted"
    client.post(reverse("notifications"))
    assert 'class="count"' not in client.get("/").text
    assert Notification.objects.filter(recipient=citizen, read_at__isnull=False).count() == 1


def test_notices_are_written_in_the_recipients_language(citizen):
    english_speaker = UserFactory(language="en")
    request = RequestFactory(applicant=english_speaker)
    request_transition(request=request, to=Status.SUBMITTED, actor=english_speaker)
    assert (
        Notification.objects.get(recipient=english_speaker).text
        == f"Najiz: request {request.reference} was received. Follow it under My requests."
    )


def test_a_submitted_request_can_be_cancelled_by_its_applicant(client, submitted, citizen):
    client.force_login(citizen)
    client.post(reverse("request_cancel", args=[submitted.pk]), {"confirmed": "yes"})
    submitted.refresh_from_db()
    assert submitted.status == Status.CANCELLED


def test_the_notification_centre_pages_by_the_latest_without_counting(
    client, citizen, django_assert_num_queries
):
    Notification.objects.bulk_create(Notification(recipient=citizen, text=f"notice {n}") for n in range(5))
    client.force_login(citizen)
    client.get(reverse("notifications"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("notifications"))
    baseline = len(few)
    Notification.objects.bulk_create(
        Notification(recipient=citizen, text=f"notice {n}") for n in range(5, 40)
    )
    with django_assert_num_queries(baseline):
        latest = client.get(reverse("notifications"))
    assert "notice 39<" in latest.text and "notice 10<" in latest.text and "notice 9<" not in latest.text
    older = re.search(r'href="\?before=(\d+)"', latest.text).group(1)
    page_two = client.get(reverse("notifications"), {"before": older}).text
    assert "notice 9<" in page_two and "notice 0<" in page_two and "notice 10<" not in page_two
    assert 'href="?before=' not in page_two, "nothing older than the oldest"


def test_the_request_page_costs_the_same_queries_however_many_requests_exist(
    client, submitted, citizen, django_assert_num_queries
):
    client.force_login(citizen)
    url = reverse("request_detail", args=[submitted.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    baseline = len(few)  # now: the log it reads is cleared by the next page served
    for _ in range(10):
        other = RequestFactory(applicant=citizen)
        request_transition(request=other, to=Status.SUBMITTED, actor=citizen)
    client.get(url)  # the new notices made the bell count again once
    with django_assert_num_queries(baseline):
        assert client.get(url).status_code == 200
