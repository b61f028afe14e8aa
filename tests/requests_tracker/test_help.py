import pytest
from django.urls import reverse

from identity import ratelimit
from identity.idp import services as sso
from requests_tracker.help import HELP_TOPICS

pytestmark = pytest.mark.django_db

SLUGS = [slug for slug, _title in HELP_TOPICS]


def _in_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_the_topics_are_the_four_expected():
    assert SLUGS == ["sign-in", "submit", "follow", "statuses"]


def test_the_index_links_every_topic_without_signing_in(client):
    response = client.get(reverse("help"))

    assert response.status_code == 200
    assert b"<h1>" in response.content
    for slug in SLUGS:
        assert reverse("help_topic", args=[slug]).encode() in response.content


@pytest.mark.parametrize("slug", SLUGS)
def test_each_topic_is_public_and_has_a_heading(client, slug):
    response = client.get(reverse("help_topic", args=[slug]))

    assert response.status_code == 200
    assert response.templates[0].name == f"requests_tracker/help/{slug}.html"
    assert b"<h1>" in response.content


@pytest.mark.parametrize("slug", SLUGS)
def test_each_topic_is_in_arabic_by_default_and_in_english_on_request(client, slug):
    url = reverse("help_topic", args=[slug])
    assert 'lang="ar" dir="rtl"' in client.get(url).content.decode()

    _in_english(client)

    assert 'lang="en" dir="ltr"' in client.get(url).content.decode()


def test_an_unknown_topic_is_404(client):
    assert client.get(reverse("help_topic", args=["no-such-topic"])).status_code == 404


def test_the_statuses_page_can_be_linked_to_each_status_and_explains_in_execution(client):
    _in_english(client)

    response = client.get(reverse("help_topic", args=["statuses"]))

    content = response.content.decode()
    assert response.status_code == 200
    for code in (
        "draft",
        "submitted",
        "under_review",
        "returned",
        "in_progress",
        "in_execution",
        "completed",
        "rejected",
        "cancelled",
    ):
        assert f'<dt id="{code}">' in content
    assert "five working days" in content and "five calendar days" in content
    assert "قيد التنفيذ" in content  # the Arabic name beside the English one


def test_the_statuses_page_in_arabic_uses_the_portals_names(client):
    content = client.get(reverse("help_topic", args=["statuses"])).content.decode()

    assert 'id="in_execution"' in content
    for name in ("مسودة", "جديد", "قيد الدراسة", "معاد للمستفيد", "قيد الإجراء", "قيد التنفيذ", "مكتمل"):
        assert name in content


def test_the_submit_page_states_the_enforced_upload_limits(client, settings):
    settings.DOCUMENT_MAX_PER_REQUEST = 7
    _in_english(client)

    content = client.get(reverse("help_topic", args=["submit"])).content.decode()

    assert "PDF, JPEG or PNG" in content
    assert "7 files a request" in content


def test_the_sign_in_page_states_the_limits_the_sso_enforces():
    """The sign-in help says these numbers in words; change the page if one of them changes."""
    assert sso.CODE_LIFETIME.total_seconds() == 5 * 60
    assert sso.MAX_WRONG_CODES == 5
    assert sso.RESEND_AFTER.total_seconds() == 60
    assert sso.MAX_RESENDS == 3
    assert ratelimit.PASSWORD_FAILURES_PER_ACCOUNT.count == 5
    assert ratelimit.PASSWORD_FAILURES_PER_ACCOUNT.window_seconds == 15 * 60
    assert ratelimit.WRONG_CODES_PER_ACCOUNT.window_seconds == 15 * 60
