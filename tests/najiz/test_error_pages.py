"""The portal's own error pages: Arabic first, plain, and rendered without the database, since they
are what people see when it is unreachable (the 500 page is rendered with an empty context)."""

import pytest
from django.template import loader
from django.urls import reverse

from ..factories import RequestFactory, UserFactory

PAGES = {
    "400.html": ("تعذّر فهم الطلب", "Bad request"),
    "403.html": ("لا يمكنك فتح هذه الصفحة", "You cannot open this page"),
    "404.html": ("الصفحة غير موجودة", "Page not found"),
    "500.html": ("حدث خطأ من جهتنا", "Something went wrong on our side"),
}


def shows(page: str, template: str) -> bool:
    arabic, english = PAGES[template]
    return '<html lang="ar" dir="rtl">' in page and page.index(arabic) < page.index(english)


@pytest.mark.parametrize("template", PAGES)
def test_each_error_page_renders_with_no_database_and_no_request(template):
    """No ``django_db`` mark: any query would fail the test, as it would fail the page."""
    page = loader.get_template(template).render()
    assert shows(page, template)
    assert '<div lang="en" dir="ltr">' in page, "the English version follows the Arabic one"
    assert "{{" not in page and "None" not in page


def test_a_missing_page_and_a_request_of_someone_else_get_the_portals_404(client, settings, db):
    assert settings.DEBUG is False
    citizen = UserFactory()
    someone_elses = RequestFactory(applicant=UserFactory())
    client.force_login(citizen)
    for url in ("/no-such-page/", reverse("request_detail", args=[someone_elses.pk])):
        response = client.get(url)
        assert response.status_code == 404
        assert shows(response.text, "404.html"), url
        assert someone_elses.reference not in response.text


def test_a_page_refused_to_a_clerk_gets_the_portals_403(client, db):
    client.force_login(UserFactory(roles=["enforcement_clerk"]))
    response = client.get(reverse("admin:requests_tracker_deadline_changelist"))
    assert response.status_code == 403
    assert shows(response.text, "403.html")


def test_a_request_for_an_unknown_host_gets_the_portals_400(client):
    response = client.get("/", headers={"host": "najiz.example.invalid"})
    assert response.status_code == 400
    assert shows(response.text, "400.html")
