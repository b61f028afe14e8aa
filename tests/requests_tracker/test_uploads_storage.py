"""Files on disk follow the rows that name them: a rollback leaves nothing, a deletion removes them
once it has committed, and the stored and served name takes the detected type's extension."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError
from django.urls import reverse
from django.utils import translation

from requests_tracker.errors import TransitionForbidden, UploadRejected
from requests_tracker.models import Document, Message, Request, Status
from requests_tracker.services import (
    document_add,
    message_post,
    request_discard,
    request_document_remove,
    request_transition,
)
from requests_tracker.storage import atomic_with_files

from ..factories import UserFactory
from ..files import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db

PDF = pdf_bytes()


def files_in(folder) -> list:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def pdf(name="deed.pdf"):
    return SimpleUploadedFile(name, PDF)


def test_a_message_with_more_files_than_a_request_holds_leaves_storage_as_it_was(
    draft, citizen, private_media, settings
):
    assert settings.DOCUMENT_MAX_PER_REQUEST == 20
    document_add(request=draft, actor=citizen, upload=pdf(), kind="evidence")
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    before = files_in(private_media)

    with translation.override("en"), pytest.raises(UploadRejected, match="at most 20 files"):
        message_post(
            request=draft,
            author=citizen,
            body="The contract and its annexes",
            attachments=[pdf(f"annex-{number}.pdf") for number in range(25)],
        )

    assert files_in(private_media) == before, "the 19 files stored before the refusal went with their rows"
    assert not Message.objects.filter(request=draft).exists()
    assert draft.documents.count() == 1


def test_the_same_message_sent_through_the_page_says_why_and_keeps_what_was_written(
    client, draft, citizen, private_media
):
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("message_send", args=[draft.pk]),
        {"body": "My evidence", "attachments": [pdf(f"page-{number}.pdf") for number in range(25)]},
    )
    assert response.status_code == 400
    assert "A request holds at most 20 files" in response.text
    assert "My evidence" in response.text
    assert files_in(private_media) == []


def test_a_file_whose_row_cannot_be_written_is_not_left_behind(draft, citizen, private_media):
    with pytest.raises(DataError):
        # A kind longer than its column: PostgreSQL refuses the row after the file was written.
        document_add(request=draft, actor=citizen, upload=pdf(), kind="k" * 80)
    assert files_in(private_media) == []


def test_files_stored_inside_a_transaction_that_fails_later_are_removed(draft, citizen, private_media):
    with pytest.raises(RuntimeError), atomic_with_files():
        document_add(request=draft, actor=citizen, upload=pdf(), kind="evidence")
        document_add(
            request=draft, actor=citizen, upload=SimpleUploadedFile("id.png", png_bytes()), kind="id"
        )
        assert len(files_in(private_media)) == 2
        raise RuntimeError("something after the uploads failed")
    assert files_in(private_media) == []
    assert not Document.objects.exists()


def test_deleting_a_draft_deletes_its_files_once_the_rows_are_gone(
    draft, citizen, private_media, django_capture_on_commit_callbacks
):
    for number in range(3):
        document_add(request=draft, actor=citizen, upload=pdf(f"{number}.pdf"), kind="evidence")
    stored = files_in(private_media)
    assert len(stored) == 3

    with django_capture_on_commit_callbacks(execute=True):
        request_discard(request=draft, actor=citizen)
        assert not Request.objects.filter(pk=draft.pk).exists()
        assert files_in(private_media) == stored, "until the deletion commits, the files stay"
    assert files_in(private_media) == []


def test_a_refused_deletion_keeps_the_draft_and_its_files(draft, citizen, private_media):
    document_add(request=draft, actor=citizen, upload=pdf(), kind="evidence")
    with pytest.raises(TransitionForbidden):
        request_discard(request=draft, actor=UserFactory())
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    with pytest.raises(TransitionForbidden):
        request_discard(request=draft, actor=citizen)
    assert draft.documents.count() == 1
    assert len(files_in(private_media)) == 1


def test_removing_a_document_deletes_its_file_after_the_row(
    draft, citizen, private_media, django_capture_on_commit_callbacks
):
    kept = document_add(request=draft, actor=citizen, upload=pdf("kept.pdf"), kind="evidence")
    removed = document_add(request=draft, actor=citizen, upload=pdf("removed.pdf"), kind="evidence")
    with django_capture_on_commit_callbacks(execute=True):
        request_document_remove(request=draft, actor=citizen, document_pk=removed.pk)
        assert not Document.objects.filter(pk=removed.pk).exists()
        assert (private_media / removed.file.name).is_file()
    assert files_in(private_media) == [private_media / kept.file.name]


def test_documents_of_a_submitted_request_are_neither_added_nor_removed_in_the_wizard(
    draft, citizen, private_media
):
    document = document_add(request=draft, actor=citizen, upload=pdf(), kind="evidence")
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    with pytest.raises(TransitionForbidden):
        request_document_remove(request=draft, actor=citizen, document_pk=document.pk)
    with pytest.raises(TransitionForbidden):
        document_add(request=draft, actor=citizen, upload=pdf("late.pdf"), kind="evidence")
    assert files_in(private_media) == [private_media / document.file.name]


def test_the_stored_and_served_name_takes_the_detected_types_extension(client, draft, citizen):
    document = document_add(
        request=draft, actor=citizen, upload=SimpleUploadedFile("invoice.html", PDF), kind="evidence"
    )
    assert document.original_name == "invoice.pdf"
    assert document.file.name.endswith(".pdf")
    client.force_login(citizen)
    assert "invoice.pdf" in client.get(reverse("wizard_step", args=[draft.pk, "documents"])).text

    response = client.get(reverse("document_download", args=[draft.pk, document.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="invoice.pdf"'
    assert response["Content-Type"] == "application/pdf"

    # A row stored before this rule is served under the right extension all the same.
    Document.objects.filter(pk=document.pk).update(original_name="statement.html")
    response = client.get(reverse("document_download", args=[draft.pk, document.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="statement.pdf"'
