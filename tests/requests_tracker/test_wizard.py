"""Filing a certified-copy request through the wizard, as a citizen does it."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contracts.models import CertifiedCopy
from requests_tracker.models import Party, PartyRole, Request, Status

from ..factories import UserFactory
from ..files import pdf_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()
DETAILS = {
    "source": "deed",
    "source_number": "4310256789",
    "purpose": "To present to the bank",
    "delivery": "download",
}


def start(client, token=None):
    token = token or str(uuid.uuid4())
    return client.post(reverse("service_start", args=["certified_copy"]), {"start_token": token})


def draft_of(user) -> Request:
    return Request.objects.get(applicant=user, service="certified_copy")


def test_the_catalogue_is_public_grouped_and_searchable(client):
    page = client.get("/")
    assert reverse("service_start", args=["certified_copy"]) in page.text
    for query in ("certified", "مصدقة"):  # either language finds it
        found = client.get("/", {"q": query})
        assert reverse("service_start", args=["certified_copy"]) in found.text
    nothing = client.get("/", {"q": "no such service at all"})
    assert reverse("service_start", args=["certified_copy"]) not in nothing.text
    partial = client.get("/", {"q": "certified"}, headers={"hx-request": "true"})
    assert "<html" not in partial.text and 'id="services"' in partial.text


def test_a_service_lists_its_further_pages_under_it_for_those_signed_in(client, citizen):
    inquiry = reverse("enforcement:inquiry")
    assert inquiry not in client.get("/").text, "the inquiry needs signing in"
    client.force_login(citizen)
    page = client.get("/").text
    assert inquiry in page
    enforcement = page.index(reverse("service_start", args=["enforcement"]))
    assert enforcement < page.index(inquiry), "listed under the enforcement request"


def test_a_signed_out_visitor_reads_the_service_page_and_is_sent_to_sign_in_to_start(client):
    page = client.get(reverse("service_start", args=["certified_copy"]))
    assert page.status_code == 200
    response = start(client)
    assert response["Location"].startswith(reverse("national_sso_login"))
    assert not Request.objects.exists()


def test_a_double_click_or_a_second_tab_starts_one_draft(client, citizen):
    client.force_login(citizen)
    token = str(uuid.uuid4())
    first, second = start(client, token), start(client, token)
    assert first["Location"] == second["Location"]
    assert Request.objects.filter(applicant=citizen).count() == 1
    assert Party.objects.get(request=draft_of(citizen)).role == PartyRole.APPLICANT


def test_filing_for_someone_else_needs_a_power_of_attorney(client, citizen):
    client_person = UserFactory()
    client.force_login(citizen)
    client.post(reverse("set_language"), {"language": "en"})
    response = client.post(
        reverse("service_start", args=["certified_copy"]),
        {"start_token": str(uuid.uuid4()), "client_national_id": client_person.national_id},
    )
    assert response.status_code == 200
    assert "You hold no valid power of attorney from this person that covers this service." in response.text
    assert not Request.objects.exists()


def test_filing_step_by_step_then_submitting_once(client, citizen):
    client.force_login(citizen)
    details_url = start(client)["Location"]
    draft = draft_of(citizen)
    assert details_url == reverse("wizard_step", args=[draft.pk, "details"])

    invalid = client.post(details_url, {"source": "deed"})
    assert invalid.status_code == 200 and 'class="error-summary"' in invalid.text

    documents_url = client.post(details_url, DETAILS)["Location"]
    assert documents_url == reverse("wizard_step", args=[draft.pk, "documents"])
    assert CertifiedCopy.objects.get(request=draft).source_number == "4310256789"

    refused = client.post(
        documents_url,
        {
            "action": "upload",
            "kind": "document_copy",
            "file": SimpleUploadedFile("deed.pdf", b"<html>not a pdf"),
        },
    )
    assert refused.status_code == 400 and "deed.pdf" in refused.text
    assert CertifiedCopy.objects.filter(request=draft).exists(), "a failed upload keeps the draft"

    client.post(
        documents_url,
        {"action": "upload", "kind": "document_copy", "file": SimpleUploadedFile("deed.pdf", PDF)},
    )
    assert draft.documents.count() == 1

    review_url = reverse("wizard_step", args=[draft.pk, "review"])
    review = client.get(review_url)
    assert "4310256789" in review.text and "deed.pdf" in review.text
    assert f"{reverse('wizard_step', args=[draft.pk, 'details'])}?return=review" in review.text

    submitted = client.post(review_url)
    assert submitted["Location"] == reverse("request_submitted", args=[draft.pk])
    confirmation = client.get(submitted["Location"])
    assert draft.reference in confirmation.text

    again = client.post(review_url)  # a double click, or the back button and submit again
    assert again["Location"] == reverse("request_detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.history.count() == 1
    assert Request.objects.filter(applicant=citizen).count() == 1


def test_changing_an_answer_from_the_review_returns_to_the_review(client, citizen):
    client.force_login(citizen)
    start(client)
    draft = draft_of(citizen)
    url = reverse("wizard_step", args=[draft.pk, "details"])
    response = client.post(f"{url}?return=review", {**DETAILS, "return": "review"})
    assert response["Location"] == reverse("wizard_step", args=[draft.pk, "review"])


def test_the_review_says_what_is_missing_and_refuses_to_submit(client, citizen):
    client.force_login(citizen)
    start(client)
    draft = draft_of(citizen)
    response = client.post(reverse("wizard_step", args=[draft.pk, "review"]))
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_draft_is_resumed_from_my_requests_on_another_device_and_can_be_deleted(client, citizen):
    from django.test import Client

    client.force_login(citizen)
    start(client)
    draft = draft_of(citizen)
    client.post(reverse("wizard_step", args=[draft.pk, "details"]), DETAILS)
    client.logout()

    phone = Client()
    phone.force_login(citizen)
    listing = phone.get(reverse("my_requests"))
    assert reverse("wizard_step", args=[draft.pk, "review"]) in listing.text
    assert "4310256789" in phone.get(reverse("wizard_step", args=[draft.pk, "review"])).text

    phone.post(reverse("request_delete", args=[draft.pk]))
    assert not Request.objects.filter(pk=draft.pk).exists()


def test_a_returned_request_is_amended_and_resubmitted(client, citizen):
    from requests_tracker.services import request_transition

    notary = UserFactory(roles=["notary"])
    client.force_login(citizen)
    start(client)
    draft = draft_of(citizen)
    client.post(reverse("wizard_step", args=[draft.pk, "details"]), DETAILS)
    client.post(reverse("wizard_step", args=[draft.pk, "review"]))
    request_transition(request=draft, to=Status.UNDER_REVIEW, actor=notary)
    request_transition(
        request=draft, to=Status.RETURNED, actor=notary, decision="The deed number has 10 digits."
    )

    page = client.get(reverse("request_detail", args=[draft.pk]))
    assert "The deed number has 10 digits." in page.text
    client.post(
        reverse("wizard_step", args=[draft.pk, "details"]), {**DETAILS, "source_number": "4310256780"}
    )
    client.post(reverse("wizard_step", args=[draft.pk, "review"]))
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.certified_copy.source_number == "4310256780"


def test_parties_are_added_by_id_named_from_the_registry_or_by_hand_and_removed(
    client, citizen, party_service
):
    # Named apart: the header shows the signed-in citizen's full name, and random names can meet.
    known = UserFactory(name_ar="نايف عبدالله المطيري")
    citizen.name_ar = "محمد سعد العتيبي"
    citizen.save(update_fields=["name_ar"])
    client.force_login(citizen)
    client.post(reverse("service_start", args=["party_service"]), {"start_token": str(uuid.uuid4())})
    draft = Request.objects.get(service="party_service")
    url = reverse("wizard_step", args=[draft.pk, "parties"])

    client.post(
        url, {"action": "add", "role": "defendant", "id_type": "national_id", "id_number": known.national_id}
    )
    # The registry's name is kept whole for the staff; the citizen reads its first and last parts.
    assert draft.parties.get(role="defendant").name == known.name_ar
    first, _father, family = known.name_ar.split()
    page = client.get(url).text
    assert f"{first} … {family}" in page and known.name_ar not in page

    unnamed = client.post(
        url, {"action": "add", "role": "witness", "id_type": "national_id", "id_number": "1000000008"}
    )
    assert unnamed.status_code == 200 and 'class="error-summary"' in unnamed.text
    client.post(
        url,
        {"action": "add", "role": "witness", "id_type": "national_id", "id_number": "1000000008",
         "name": "شاهد", "phone": "+966512345678"},
    )  # fmt: skip
    witness = draft.parties.get(role="witness")
    assert witness.user is None and witness.phone == "+966512345678"

    client.post(url, {"action": "remove", "party": witness.pk})
    assert not draft.parties.filter(role="witness").exists()


def test_a_service_registered_by_staff_is_described_but_never_started(client, citizen, test_service):
    from dataclasses import replace

    from requests_tracker.registry import service_registry

    service_registry.unregister(test_service.code)
    service_registry.register(replace(test_service, startable=False))
    client.force_login(citizen)
    url = reverse("service_start", args=[test_service.code])
    page = client.get(url)
    assert page.status_code == 200 and 'name="start_token"' not in page.text
    assert client.post(url, {"start_token": str(uuid.uuid4())}).status_code == 404
    assert not Request.objects.filter(service=test_service.code).exists()
