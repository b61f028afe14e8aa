import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from requests_tracker.errors import UploadRejected
from requests_tracker.services import document_add

from ..factories import UserFactory
from ..files import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 90, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


PDF = pdf_bytes()
PNG = png_bytes()
JPEG = jpeg_bytes()


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "stored_type", "shown_name"),
    [
        ("deed.pdf", PDF, "application/pdf", "deed.pdf"),
        ("id.png", PNG, "image/png", "id.png"),
        ("photo.JPEG", JPEG, "image/jpeg", "photo.JPEG"),
        # The name takes the detected type's extension: no program opens a JPEG as a ".bin".
        ("scan.bin", JPEG, "image/jpeg", "scan.jpg"),
    ],
)
def test_accepted_types_are_judged_by_content_not_by_name(
    draft, citizen, name, content, stored_type, shown_name
):
    document = document_add(request=draft, actor=citizen, upload=upload(name, content), kind="evidence")
    assert document.content_type == stored_type
    assert document.original_name == shown_name
    assert document.file.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("contract.pdf", b"<html><script>alert(1)</script></html>"),
        ("photo.png", b"MZ\x90\x00 a windows program"),
        ("claim.pdf", b"PK\x03\x04 a zip or office file"),
    ],
)
def test_a_file_posing_as_an_accepted_type_is_refused_in_the_users_language(draft, citizen, name, content):
    with translation.override("en"), pytest.raises(UploadRejected) as refusal:
        document_add(request=draft, actor=citizen, upload=upload(name, content), kind="evidence")
    assert "not a PDF, JPEG or PNG" in refusal.value.message
    assert not draft.documents.exists()

    with translation.override("ar"), pytest.raises(UploadRejected) as refusal:
        document_add(request=draft, actor=citizen, upload=upload(name, content), kind="evidence")
    assert name in refusal.value.message and "PDF" in refusal.value.message
    assert "not a PDF" not in refusal.value.message


def test_the_size_limit_is_stated_and_enforced(draft, citizen, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    with translation.override("en"), pytest.raises(UploadRejected) as refusal:
        document_add(
            request=draft, actor=citizen, upload=upload("big.pdf", PDF + b"0" * 1024), kind="evidence"
        )
    assert "the limit is \u20681.0\xa0KB\u2069 a file" in refusal.value.message
    document_add(request=draft, actor=citizen, upload=upload("small.pdf", PDF), kind="evidence")
    assert draft.documents.count() == 1


def test_empty_files_are_refused(draft, citizen):
    with pytest.raises(UploadRejected):
        document_add(request=draft, actor=citizen, upload=upload("empty.pdf", b""), kind="evidence")


def test_the_count_limit_per_request_is_enforced(draft, citizen, settings):
    settings.DOCUMENT_MAX_PER_REQUEST = 2
    for number in range(2):
        document_add(request=draft, actor=citizen, upload=upload(f"{number}.pdf", PDF), kind="evidence")
    with translation.override("en"), pytest.raises(UploadRejected) as refusal:
        document_add(request=draft, actor=citizen, upload=upload("third.pdf", PDF), kind="evidence")
    assert "at most 2 files" in refusal.value.message
    assert draft.documents.count() == 2


def test_files_are_stored_privately_under_a_name_of_ours(draft, citizen, private_media, settings):
    document = document_add(
        request=draft, actor=citizen, upload=upload("../../static/evil.html.pdf", PDF), kind="evidence"
    )
    stored = private_media / document.file.name
    assert stored.is_file()
    assert "evil" not in document.file.name and ".." not in document.file.name
    assert str(settings.STATIC_ROOT) not in str(stored)
    with pytest.raises(ValueError, match="no public URL"):
        document.file.url  # noqa: B018


def test_the_owner_downloads_a_document_as_an_attachment(client, draft, citizen):
    document = document_add(request=draft, actor=citizen, upload=upload("deed.pdf", PDF), kind="evidence")
    client.force_login(citizen)

    response = client.get(reverse("document_download", args=[draft.pk, document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    assert "sandbox" in response["Content-Security-Policy"]


def test_anyone_else_gets_404_and_anonymous_visitors_are_sent_to_sign_in(client, draft, citizen):
    document = document_add(request=draft, actor=citizen, upload=upload("deed.pdf", PDF), kind="evidence")
    url = reverse("document_download", args=[draft.pk, document.pk])

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    # A document of one request is not reachable through another request the user may open.
    own = document_add(
        request=type(draft).objects.create(
            reference="TST-1448-999999", service="test_service", applicant=citizen
        ),
        actor=citizen,
        upload=upload("x.pdf", PDF),
        kind="evidence",
    )
    client.force_login(citizen)
    assert client.get(reverse("document_download", args=[draft.pk, own.pk])).status_code == 404

    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]
