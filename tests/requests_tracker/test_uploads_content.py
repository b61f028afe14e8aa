"""Uploads are judged by their whole content: real PDFs and images built here, hostile ones refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from weasyprint import HTML

from requests_tracker.errors import UploadRejected
from requests_tracker.services import document_add

from ..files import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def jpeg_bytes(size=(24, 16)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def one_page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def refusal(draft, citizen, name: str, content: bytes) -> str:
    with translation.override("en"), pytest.raises(UploadRejected) as refused:
        document_add(request=draft, actor=citizen, upload=SimpleUploadedFile(name, content), kind="evidence")
    assert not draft.documents.exists()
    return refused.value.message


def stored(draft, citizen, name: str, content: bytes):
    return document_add(
        request=draft, actor=citizen, upload=SimpleUploadedFile(name, content), kind="evidence"
    )


ACTIVE = "contains active content"
PNG = png_bytes(size=(24, 16))


def test_a_pdf_that_runs_javascript_on_opening_is_refused(draft, citizen):
    writer = one_page()
    writer.add_open_action(JavaScript("app.launchURL('https://attacker.example/');"))
    assert ACTIVE in refusal(draft, citizen, "claim.pdf", written(writer))


def test_javascript_in_a_pages_additional_actions_is_refused(draft, citizen):
    writer = one_page()
    writer.pages[0][NameObject("/AA")] = DictionaryObject(
        {
            NameObject("/O"): DictionaryObject(
                {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("this.x=1")}
            )
        }
    )
    assert ACTIVE in refusal(draft, citizen, "claim.pdf", written(writer))


def test_a_pdf_with_an_embedded_file_is_refused(draft, citizen):
    writer = one_page()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00 a program")
    assert ACTIVE in refusal(draft, citizen, "claim.pdf", written(writer))


def test_a_pdf_that_launches_a_program_is_refused(draft, citizen):
    writer = one_page()
    launch = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(launch)
    assert ACTIVE in refusal(draft, citizen, "claim.pdf", written(writer))


def test_javascript_hidden_behind_escaped_names_is_found_in_the_parsed_objects(draft, citizen):
    writer = one_page()
    writer.add_open_action(JavaScript("app.alert(1)"))
    # "/J#61vaScript" is "/JavaScript" to a PDF reader, and no longer to a search of the bytes.
    disguised = written(writer).replace(b"/JavaScript", b"/J#61vaScript").replace(b"/JS ", b"/J#53 ")
    assert b"/JavaScript" not in disguised
    assert ACTIVE in refusal(draft, citizen, "claim.pdf", disguised)


def test_a_pdf_locked_with_a_password_is_refused_and_one_that_opens_without_is_taken(draft, citizen):
    locked = one_page()
    locked.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    assert "protected by a password" in refusal(draft, citizen, "locked.pdf", written(locked))

    print_restricted = one_page()  # opens for anyone; only the owner may change it
    print_restricted.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    assert (
        stored(draft, citizen, "restricted.pdf", written(print_restricted)).content_type == "application/pdf"
    )


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(pdf_bytes()[:-60], id="cut short"),
        pytest.param(pdf_bytes()[: len(pdf_bytes()) // 2], id="cut in half"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"\n%%EOF\n", id="garbage after the header"),
        pytest.param(b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", id="no pages"),
    ],
)
def test_a_pdf_that_does_not_parse_is_refused(draft, citizen, content):
    assert "damaged or is not a complete PDF" in refusal(draft, citizen, "deed.pdf", content)


def test_pdfs_as_the_portal_and_office_programs_make_them_are_taken(draft, citizen):
    weasyprint = HTML(
        string='<h1 dir="rtl">صك</h1><p><a href="https://najiz.example/verify/">verify</a></p>'
    ).write_pdf()
    assert stored(draft, citizen, "deed.pdf", weasyprint).content_type == "application/pdf"
    pages = one_page()
    pages.add_blank_page(width=595, height=842)
    assert stored(draft, citizen, "pages.pdf", written(pages)).content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("id.png", png_bytes()[:-30], id="png cut short"),
        pytest.param("id.jpg", jpeg_bytes()[:-40], id="jpeg cut short"),
        pytest.param("id.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, id="png header then nothing"),
        pytest.param("id.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, id="jpeg header then nothing"),
        pytest.param(
            "id.png",
            PNG[:40] + bytes(b ^ 0xFF for b in PNG[40:60]) + PNG[60:],
            id="png with a corrupt chunk",
        ),
    ],
)
def test_an_image_that_does_not_decode_is_refused(draft, citizen, name, content):
    assert "damaged or incomplete" in refusal(draft, citizen, name, content)


def test_images_from_cameras_and_editors_are_taken(draft, citizen):
    exif = Image.Exif()
    exif[0x010F] = "Phone camera"
    with_exif = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(with_exif, "JPEG", exif=exif.tobytes())
    progressive = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(progressive, "JPEG", progressive=True)
    for name, content in [
        ("a.jpg", with_exif.getvalue()),
        ("b.jpg", progressive.getvalue()),
        ("c.png", png_bytes()),
    ]:
        assert stored(draft, citizen, name, content).size == len(content)


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_an_image_with_more_pixels_than_pillow_allows_is_refused(draft, citizen, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    # Between the limit and twice the limit Pillow only warns; the portal refuses.
    assert "too many pixels" in refusal(draft, citizen, "huge.png", png_bytes(size=(1200, 1000)))
    # Past twice the limit Pillow refuses on its own; the person reads the same reason.
    assert "too many pixels" in refusal(draft, citizen, "huger.png", png_bytes(size=(2000, 1500)))
    assert stored(draft, citizen, "fine.png", png_bytes(size=(1000, 1000))).content_type == "image/png"


POLYGLOT = "holds data of another kind"


def png_with_text_chunk(text: bytes) -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text.decode("latin-1"))
    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), "white").save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("photo.png", png_bytes() + pdf_bytes(), id="a PDF after the PNG's end"),
        pytest.param("photo.png", png_with_text_chunk(pdf_bytes()), id="a PDF inside a PNG chunk"),
        pytest.param(
            "photo.jpg", jpeg_bytes() + b"<html><script>alert(1)</script></html>", id="html after a JPEG"
        ),
        pytest.param(
            "photo.jpg", jpeg_bytes() + b"PK\x03\x04\x14\x00 a zip archive", id="a zip after a JPEG"
        ),
        pytest.param("deed.pdf", pdf_bytes() + b"PK\x03\x04\x14\x00 a zip archive", id="a zip after a PDF"),
        pytest.param(
            "deed.pdf",
            pdf_bytes().replace(b"\n", b"\n%<html><script>alert(1)</script>\n", 1),
            id="a PDF whose first bytes are a web page too",
        ),
    ],
)
def test_a_polyglot_is_refused(draft, citizen, name, content):
    assert POLYGLOT in refusal(draft, citizen, name, content)


def test_the_wizard_shows_the_reason_beside_the_field_and_keeps_the_draft(client, draft, citizen):
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    writer = one_page()
    writer.add_open_action(JavaScript("app.alert(1)"))
    response = client.post(
        reverse("wizard_step", args=[draft.pk, "documents"]),
        {"action": "upload", "kind": "other", "file": SimpleUploadedFile("claim.pdf", written(writer))},
    )
    assert response.status_code == 400
    assert "The PDF claim.pdf contains active content" in response.text
    assert type(draft).objects.filter(pk=draft.pk).exists()
    assert not draft.documents.exists()
