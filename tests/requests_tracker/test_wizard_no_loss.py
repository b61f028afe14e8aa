"""Nothing typed in the wizard is lost: a party typed but not added, or a file chosen but not
uploaded, is added or uploaded when the person presses Continue, or the step stops and says why."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_tracker.models import PartyRole, Request

from ..factories import UserFactory
from ..files import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def enforcement_draft(client, citizen):
    client.force_login(citizen)
    client.post(reverse("service_start", args=["enforcement"]), {"start_token": str(uuid.uuid4())})
    return Request.objects.get(applicant=citizen, service="enforcement")


def parties_url(draft):
    return reverse("wizard_step", args=[draft.pk, "parties"])


def documents_url(draft):
    return reverse("wizard_step", args=[draft.pk, "documents"])


def test_a_debtor_typed_but_not_added_is_added_on_continue(client, enforcement_draft):
    debtor = UserFactory()
    response = client.post(
        parties_url(enforcement_draft),
        {"action": "continue", "role": "debtor", "id_type": "national_id", "id_number": debtor.national_id},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wizard_step", args=[enforcement_draft.pk, "instrument"])
    added = enforcement_draft.parties.get(role=PartyRole.DEBTOR)
    assert added.user == debtor
    assert "أُضيف الطرف الذي أدخلته." in client.get(response["Location"]).text


def test_a_debtor_typed_wrongly_stops_continue_and_says_it_was_not_added(client, enforcement_draft):
    response = client.post(
        parties_url(enforcement_draft),
        {"action": "continue", "role": "debtor", "id_type": "national_id", "id_number": "1234567890"},
    )
    assert response.status_code == 200, "the parties step again, not the next one"
    assert 'class="error-summary"' in response.text
    assert "لم يُضَف الطرف الذي أدخلته." in response.text
    assert 'value="1234567890"' in response.text, "what was typed is kept for correcting"
    assert not enforcement_draft.parties.filter(role=PartyRole.DEBTOR).exists()


def test_continue_with_nothing_typed_moves_on_without_a_party(client, enforcement_draft):
    response = client.post(
        parties_url(enforcement_draft),
        {"action": "continue", "role": "debtor", "id_type": "national_id", "id_number": " "},
    )
    assert response["Location"] == reverse("wizard_step", args=[enforcement_draft.pk, "instrument"])
    assert not enforcement_draft.parties.filter(role=PartyRole.DEBTOR).exists()


def test_the_parties_page_sends_the_typed_fields_with_continue(client, enforcement_draft):
    """Continue must be a button of the form holding the fields, or the browser never sends them."""
    page = client.get(parties_url(enforcement_draft)).text
    field = page.index('name="id_number"')
    form = page[page.rindex("<form", 0, field) : page.index("</form>", field)]
    assert 'name="action" value="add"' in form and 'name="action" value="continue"' in form


def test_a_file_chosen_but_not_uploaded_is_uploaded_on_continue(client, enforcement_draft):
    response = client.post(
        documents_url(enforcement_draft),
        {"action": "continue", "kind": "instrument", "file": SimpleUploadedFile("cheque.pdf", pdf_bytes())},
    )
    assert response["Location"] == reverse("wizard_step", args=[enforcement_draft.pk, "review"])
    assert enforcement_draft.documents.get().original_name == "cheque.pdf"
    assert "cheque.pdf" in client.get(response["Location"]).text


def test_a_refused_file_chosen_stops_continue_and_says_it_was_not_uploaded(client, enforcement_draft):
    response = client.post(
        documents_url(enforcement_draft),
        {"action": "continue", "kind": "instrument", "file": SimpleUploadedFile("cheque.pdf", b"<html>no")},
    )
    assert response.status_code == 400
    assert 'class="error-summary"' in response.text
    assert "لم يُرفع الملف الذي اخترته." in response.text
    assert not enforcement_draft.documents.exists()


def test_the_documents_page_sends_the_chosen_file_with_continue(client, enforcement_draft):
    page = client.get(documents_url(enforcement_draft)).text
    field = page.index('type="file"')
    form = page[page.rindex("<form", 0, field) : page.index("</form>", field)]
    assert 'name="action" value="upload"' in form and 'name="action" value="continue"' in form
