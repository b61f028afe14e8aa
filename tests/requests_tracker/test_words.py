"""One name per status: the badge, the timeline, the notices and the help say the same words."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from requests_tracker.guidance import NEXT, next_step
from requests_tracker.models import Notification, OutboundMessage, Status, StatusChange
from requests_tracker.registry import service_registry
from requests_tracker.services import notify_on_transition

from ..factories import RequestFactory

pytestmark = pytest.mark.django_db

# The seed's names of the shared statuses (DESIGN §2.1).
SEED_NAMES = {
    Status.DRAFT: "مسودة",
    Status.SUBMITTED: "جديد",
    Status.UNDER_REVIEW: "قيد الدراسة",
    Status.RETURNED: "معاد للمستفيد",
    Status.IN_PROGRESS: "قيد الإجراء",
    Status.IN_EXECUTION: "قيد التنفيذ",
    Status.PARTIALLY_EXECUTED: "منفذ جزئيًا",
    Status.GRACE_GRANTED: "تم منح مهلة",
    Status.COMPLETED: "مكتمل",
    Status.REJECTED: "مرفوض",
    Status.CANCELLED: "ملغى",
}
PORTAL_SERVICES = ("enforcement", "certified_copy")
SEEN = [
    (code, status)
    for code in PORTAL_SERVICES
    for status in service_registry.get(code).workflow.statuses
    if status != Status.DRAFT  # a draft has no notice and no timeline
]


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def in_status(citizen, code, status):
    """A request of service ``code`` that has just entered ``status``, as the engine leaves it: the
    status, its history row, and the notices of the core listener."""
    request = RequestFactory(applicant=citizen, service=code)
    # Any status but a draft: a request leaving its draft is "received", a notice with no status in it.
    came_from = Status.RETURNED if status == Status.SUBMITTED else Status.SUBMITTED
    request.status, request.status_changed_at = status, timezone.now()
    request.save(update_fields=["status", "status_changed_at"])
    change = StatusChange.objects.create(
        request=request, from_status=came_from, to_status=status, actor=citizen, actor_role="applicant"
    )
    notify_on_transition(request=request, change=change, service=service_registry.get(code))
    return request


def test_the_shared_statuses_read_as_the_seed_names_them():
    with override("ar"):
        assert {status: str(Status(status).label) for status in Status.values} == SEED_NAMES


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize(("code", "status"), SEEN)
def test_badge_timeline_notices_and_help_name_a_status_alike(client, citizen, language, code, status):
    citizen.language = language
    citizen.save(update_fields=["language"])
    request = in_status(citizen, code, status)
    client.force_login(citizen)
    client.post(reverse("set_language"), {"language": language})

    page = client.get(reverse("request_detail", args=[request.pk])).text
    badge = text_of(re.search(r'<span class="status-badge[^"]*">(.*?)</span>', page).group(1))
    timeline = re.search(r'<ol class="timeline">(.*?)</ol>', page, re.S).group(1)
    with override(language):
        label = service_registry.get(code).status_label(status)
        timeline_line = gettext("Status: %(status)s")
    assert badge == label
    assert timeline_line % {"status": label} in text_of(timeline)

    sms = OutboundMessage.objects.get(request=request, channel="sms").body
    email = OutboundMessage.objects.get(request=request, channel="email")
    bell = Notification.objects.get(request=request).text
    for notice in (sms, email.subject, email.body, bell):
        assert label in notice, notice

    help_page = client.get(reverse("help_topic", args=["statuses"])).text
    entry = re.search(rf'<dt id="{status}">(.*?)(?=<dt id=|</dl>)', help_page, re.S).group(1)
    assert label in text_of(entry), f"the help names {status} as the {code} page does"


def test_my_requests_and_the_request_page_use_the_same_badge(client, citizen):
    request = in_status(citizen, "enforcement", Status.IN_EXECUTION)
    client.force_login(citizen)
    listed = client.get(reverse("my_requests")).text
    shown = client.get(reverse("request_detail", args=[request.pk])).text
    badge = '<span class="status-badge status-in_execution">قيد التنفيذ</span>'
    assert badge in listed and badge in shown


def test_the_enforcement_page_says_what_in_execution_means_for_enforcement(client, citizen):
    request = in_status(citizen, "enforcement", Status.IN_EXECUTION)
    with override("en"):
        step = next_step(request)
        text = str(step["text"])
        assert text != str(NEXT[Status.IN_EXECUTION])
        assert "execution order" in text and "5 calendar days" in text and "Article 46" in text
        assert step["within"] == "within 5 calendar days"
    other = in_status(citizen, "certified_copy", Status.IN_EXECUTION)
    with override("en"):
        assert next_step(other)["within"] == "within 5 working days"
    client.force_login(citizen)
    client.post(reverse("set_language"), {"language": "en"})
    page = text_of(client.get(reverse("request_detail", args=[request.pk])).text)
    assert text in page and "Expected within 5 calendar days" in page


def test_the_catalogue_says_which_days_a_duration_counts(client):
    client.post(reverse("set_language"), {"language": "en"})
    enforcement = text_of(client.get(reverse("service_start", args=["enforcement"])).text)
    copy = text_of(client.get(reverse("service_start", args=["certified_copy"])).text)
    assert "within 2 working days" in enforcement
    assert "5 calendar days from the notice of the execution order" in enforcement
    assert "5 working days" in copy
