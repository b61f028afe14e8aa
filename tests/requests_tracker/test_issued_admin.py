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
