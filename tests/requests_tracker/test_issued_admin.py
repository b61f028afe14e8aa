"""Supervisors find anything the portal issued in the admin, by number or a party's ID, and read its
history; nobody changes a document there."""

import pytest

from poa.services import poa_revoke

from ..factories import UserFactory
from ..poa.helpers import issue_poa, lawyer

pytestmark = pytest.mark.django_db


def test_a_supervisor_finds_a_revoked_poa_by_a_partys_id_and_reads_its_history(client):
    principal = UserFactory()
    filed = issue_poa(principal, [lawyer()])
    poa_revoke(request=filed, actor=principal)
    number = filed.poa.document.number
    client.force_login(UserFactory(roles=["supervisor"]))
    client.cookies["django_language"] = "en"
    found = client.get("/admin/requests_tracker/issueddocument/", {"q": principal.national_id})
    assert found.status_code == 200
    assert number in found.content.decode()
    page = client.get(f"/admin/requests_tracker/issueddocument/{filed.poa.document.pk}/change/")
    assert page.status_code == 200
    assert "Revoked" in page.content.decode()
    assert (
        client.post(f"/admin/requests_tracker/issueddocument/{filed.poa.document.pk}/delete/").status_code
        == 403
    )


def test_other_staff_do_not_browse_the_registry(client):
    client.force_login(UserFactory(roles=["enforcement_clerk"]))
    assert client.get("/admin/requests_tracker/issueddocument/").status_code == 403


def test_a_supervisor_cancels_a_document_with_a_reason_and_verification_says_so(client):
    from django.urls import reverse

    from requests_tracker.errors import RequestError
    from requests_tracker.issuing import document_cancel
    from requests_tracker.models import IssuedDocument, OutboundMessage

    principal = UserFactory()
    document = issue_poa(principal, [lawyer()]).poa.document
    url = reverse("admin:requests_tracker_issueddocument_cancel", args=[document.pk])
    with pytest.raises(RequestError):  # only a supervisor
        document_cancel(document=document, actor=UserFactory(roles=["notary"]), reason="error")
    supervisor = UserFactory(roles=["supervisor"])
    client.force_login(supervisor)
    assert url in client.get(reverse("admin:requests_tracker_issueddocument_change", args=[document.pk])).text
    assert client.post(url, {"reason": "  "}).status_code == 400  # a reason is needed
    document.refresh_from_db()
    assert document.status == IssuedDocument.Status.VALID
    assert client.post(url, {"reason": "Voided by the court's ruling 4710"}).status_code == 302
    document.refresh_from_db()
    assert document.status == IssuedDocument.Status.CANCELLED
    assert document.history.last().reason == "Voided by the court's ruling 4710"
    assert OutboundMessage.objects.filter(event="document_cancelled", to=principal.phone).exists()
    assert (
        "Voided by the court's ruling 4710"
        in OutboundMessage.objects.get(event="document_cancelled", to=principal.email).body
    )
    verified = client.get(
        reverse("verify"), {"number": document.number, "token": document.verification_token}
    )
    assert "ملغاة" in verified.text  # the verification page in Arabic: "cancelled"
    assert client.post(url, {"reason": "again"}).status_code == 400  # no longer in force


def test_other_staff_cannot_reach_the_cancellation(client):
    from django.urls import reverse

    document = issue_poa(UserFactory(), [lawyer()]).poa.document
    client.force_login(UserFactory(roles=["notary"]))
    url = reverse("admin:requests_tracker_issueddocument_cancel", args=[document.pk])
    assert client.post(url, {"reason": "x"}).status_code in (403, 404)
    document.refresh_from_db()
    assert document.status == "valid"
