"""Every object URL answers 404 to every other signed-in user and sends an anonymous visitor to sign in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contracts.models import CertifiedCopy
from requests_tracker.models import Request, Status
from requests_tracker.services import document_add, message_post, request_transition, requirement_add

from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def owned(citizen):
    """A completed certified-copy request with a document, a message attachment and a requirement."""
    request = RequestFactory(applicant=citizen, service="certified_copy")
    CertifiedCopy.objects.create(
        request=request, source="deed", source_number="1", purpose="x", delivery="download"
    )
    document = document_add(request=request, actor=citizen, upload=SimpleUploadedFile("a.pdf", PDF), kind="x")
    request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
    message = message_post(
        request=request, author=citizen, body="hi", attachments=[SimpleUploadedFile("b.pdf", PDF)]
    )
    requirement = requirement_add(request=request, actor=UserFactory(roles=["notary"]), text="ID")
    Request.objects.filter(pk=request.pk).update(status=Status.COMPLETED)
    CertifiedCopy.objects.filter(request=request).update(issued_at="2026-11-01T10:00:00+03:00")
    attachment = message.attachments.get()
    return {
        "get": [
            reverse("request_detail", args=[request.pk]),
            reverse("wizard_step", args=[request.pk, "review"]),
            reverse("request_submitted", args=[request.pk]),
            reverse("document_download", args=[request.pk, document.pk]),
            reverse("document_download", args=[request.pk, attachment.pk]),
            reverse("contracts:certified_copy_pdf", args=[request.pk]),
        ],
        "post": [
            reverse("message_send", args=[request.pk]),
            reverse("requirement_respond", args=[request.pk, requirement.pk]),
            reverse("request_cancel", args=[request.pk]),
            reverse("request_delete", args=[request.pk]),
        ],
    }


def test_the_owner_reaches_every_page(client, citizen, owned):
    client.force_login(citizen)
    for url in owned["get"]:
        assert client.get(url).status_code in {200, 302}, url


@pytest.mark.parametrize("role", [None, "lawyer", "notary", "enforcement_judge", "supervisor"])
def test_every_other_signed_in_user_gets_404(client, owned, role):
    client.force_login(UserFactory(roles=[role] if role else None))
    for url in owned["get"]:
        assert client.get(url).status_code == 404, url
    for url in owned["post"]:
        assert client.post(url, {"body": "x", "answer": "x"}).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in(client, owned):
    for url in owned["get"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("national_sso_login")
        ), url
    for url in owned["post"]:
        response = client.post(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("national_sso_login")
        ), url


def test_another_party_sees_the_request_but_not_the_applicants_message_thread(client, citizen):
    from requests_tracker.models import PartyRole
    from requests_tracker.services import party_add

    request = RequestFactory(applicant=citizen)
    request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
    message = message_post(
        request=request, author=citizen, body="رسالة خاصة", attachments=[SimpleUploadedFile("p.pdf", PDF)]
    )
    debtor = UserFactory()
    party_add(request=request, role=PartyRole.DEBTOR, id_number=debtor.national_id)
    client.force_login(debtor)
    page = client.get(reverse("request_detail", args=[request.pk]))
    assert page.status_code == 200 and "رسالة خاصة" not in page.text
    attachment = message.attachments.get()
    assert client.get(reverse("document_download", args=[request.pk, attachment.pk])).status_code == 404
    assert client.post(reverse("message_send", args=[request.pk]), {"body": "x"}).status_code == 404
