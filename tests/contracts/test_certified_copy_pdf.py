"""The certified copy as an issued document: its PDF, rendered once at issue, and /verify/."""

import datetime
import hashlib
import io
import re
from html import escape
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from contracts.models import CertifiedCopy
from requests_tracker import issuing
from requests_tracker.issuing import issued_for_request
from requests_tracker.models import IssuedDocument, Status
from requests_tracker.pdf import LocalFetcher, hijri_date, qr_data_uri
from requests_tracker.services import request_transition

from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "صورة طبق الأصل مصدقة"


@pytest.fixture
def applicant(db):
    return UserFactory(name_ar="عبد الله محمد القحطاني", name_en="Abdullah Mohammed Alqahtani")


def issue_copy(applicant) -> IssuedDocument:
    """A certified-copy request taken to completion by a notary: the copy is issued."""
    request = RequestFactory(service="certified_copy", applicant=applicant)
    CertifiedCopy.objects.create(
        request=request, source="deed", source_number="4310256789", purpose="Bank", delivery="download"
    )
    notary = UserFactory(roles=["notary"])
    for status in (Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION):
        request_transition(
            request=request, to=status, actor=applicant if status == Status.SUBMITTED else notary
        )
    request_transition(request=request, to=Status.COMPLETED, actor=notary)
    return issued_for_request(request).get()


@pytest.fixture
def document(applicant):
    return issue_copy(applicant)


def download_url(document):
    return reverse("issued_document_download", args=[document.request_id, document.number])


def pdf_font_names(pdf: bytes) -> set[str]:
    """The fonts the PDF's pages draw with, as its font dictionaries name them (read with pypdf:
    scanning the raw bytes for streams misreads a compressed stream that happens to end in a
    carriage return)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object().get("/BaseFont", "")))
    return names


def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


# --- Issuing and downloading ----------------------------------------------------------------------


def test_completing_the_request_issues_the_copy_once_with_its_pdf_and_hash(applicant, rendered_html):
    document = issue_copy(applicant)
    assert document.kind == "certified_copy" and document.status == IssuedDocument.Status.VALID
    assert len(document.number) == 12 and document.number.isdigit()
    stored = document.pdf.read()
    assert stored.startswith(b"%PDF") and hashlib.sha256(stored).hexdigest() == document.sha256
    assert any("+IBM-Plex-Sans-Arabic" in name for name in pdf_font_names(stored)), (
        "the portal's font, not a fallback"
    )
    assert [(p.national_id, p.role) for p in document.parties.all()] == [(applicant.national_id, "applicant")]
    [html] = rendered_html
    assert ARABIC_TITLE in html and "Certified true copy" in html
    assert "المملكة العربية السعودية — وزارة العدل" in html
    assert applicant.name_ar in html and applicant.national_id in html
    assert "4310256789" in html and "Bank" in html and document.number in html
    assert hijri_date(timezone.localdate(document.issued_at)) in html


def test_numbers_tell_nothing_of_their_neighbours(applicant):
    numbers = [int(issue_copy(applicant).number) for _ in range(3)]
    gaps = {abs(a - b) for a in numbers for b in numbers if a != b}
    assert len(set(numbers)) == 3 and min(gaps) > 1000


def test_the_download_serves_the_stored_bytes_without_rendering_again(
    client, applicant, document, rendered_html
):
    client.force_login(applicant)
    response = client.get(download_url(document))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{document.number}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.sha256
    assert rendered_html == [], "nothing is rendered after the issue"


def test_the_request_page_links_the_issued_copy(client, applicant, document):
    client.force_login(applicant)
    page = client.get(reverse("request_detail", args=[document.request_id])).text
    assert download_url(document) in page


def test_the_qr_code_points_at_the_public_address_not_the_request_host(settings, applicant, rendered_html):
    settings.PUBLIC_BASE_URL = "https://najiz.example.sa"
    document = issue_copy(applicant)
    query = urlencode({"number": document.number, "token": document.verification_token})
    verify_url = f"https://najiz.example.sa{reverse('verify')}?{query}"
    assert escape(verify_url) in rendered_html[0]
    assert qr_data_uri(verify_url) in rendered_html[0]
    assert "testserver" not in rendered_html[0]


def test_the_issue_date_is_the_day_in_riyadh_in_both_calendars(document):
    # 22:00 UTC on 28 February 2025 is already 1 March in Riyadh: 1 Ramadan 1446.
    document.issued_at = datetime.datetime(2025, 2, 28, 22, 0, tzinfo=datetime.UTC)
    html = issuing.document_html(document)
    assert "01/03/2025" in html
    assert "01/09/1446 هـ" in html


def test_the_pdf_renderer_reads_only_the_fonts_folder():
    fetcher = LocalFetcher()
    with pytest.raises(ValueError, match="outside"):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="disallowed"):
        fetcher.fetch("http://169.254.169.254/latest/meta-data/")


def test_the_qr_data_uri_is_stable_and_depends_on_the_text():
    assert qr_data_uri("https://a.test/verify/?number=1").startswith("data:image/svg+xml;base64,")
    assert qr_data_uri("https://a.test/verify/?number=1") == qr_data_uri("https://a.test/verify/?number=1")
    assert qr_data_uri("https://a.test/verify/?number=1") != qr_data_uri("https://a.test/verify/?number=2")


def test_a_failed_completion_leaves_no_pdf_behind(applicant, private_media, monkeypatch):
    """The issue runs inside the transition: when a later hook fails, the row and the file both go."""
    from requests_tracker.registry import service_registry

    request = RequestFactory(service="certified_copy", applicant=applicant)
    CertifiedCopy.objects.create(
        request=request, source="deed", source_number="1", purpose="x", delivery="download"
    )
    notary = UserFactory(roles=["notary"])
    for status in (Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION):
        request_transition(
            request=request, to=status, actor=applicant if status == Status.SUBMITTED else notary
        )

    def broken(**kwargs):
        raise RuntimeError("a later hook fails")

    monkeypatch.setattr(service_registry, "_listeners", [*service_registry._listeners, broken])
    with pytest.raises(RuntimeError):
        request_transition(request=request, to=Status.COMPLETED, actor=notary)
    assert not IssuedDocument.objects.exists()
    issued_dir = private_media / "issued"
    assert not issued_dir.exists() or not any(issued_dir.rglob("*.pdf"))


# --- The public verification page -------------------------------------------------------------


def main(response) -> str:
    """The page's own content, without the per-response nonce and token of the layout."""
    return response.text[response.text.index("<main") : response.text.index("</main>")]


def verify(client, **data):
    if "token" in data:  # the QR code's link
        return client.get(reverse("verify"), data)
    return client.post(reverse("verify"), data)


def test_verify_by_number_and_a_partys_id_without_signing_in(client, applicant, document):
    english(client)
    response = verify(client, number=document.number, national_id=applicant.national_id)
    assert response.status_code == 200
    text = response.text
    assert "Certified copy: Valid" in text
    assert "4310256789" in text and document.sha256 in text
    assert "عبد الله…" in text, "the registry's name, as printed on the document, cut to the first name"
    assert "القحطاني" not in text and "Alqahtani" not in text
    assert text.count(applicant.national_id) == 1, "only as typed in the form, never in the answer"
    assert f"••••••{applicant.national_id[-4:]}" in text


def test_verify_by_the_qr_codes_link(client, document):
    english(client)
    response = verify(client, number=document.number, token=document.verification_token)
    assert "Certified copy: Valid" in response.text


def test_verify_masks_the_arabic_name_to_the_first_name(client, applicant, document):
    text = verify(client, number=document.number, national_id=applicant.national_id).text
    assert "عبد الله…" in text and "القحطاني" not in text


def test_a_wrong_number_and_a_wrong_id_get_the_same_answer(client, applicant, document):
    english(client)
    stranger = UserFactory().national_id
    wrong_id = verify(client, number=document.number, national_id=stranger)
    wrong_number = verify(client, number="100000000000", national_id=applicant.national_id)
    wrong_token = verify(client, number=document.number, token="x" * 43)
    for response in (wrong_id, wrong_number, wrong_token):
        assert response.status_code == 200
        assert "No issued document matches this number and ID." in response.text
        assert document.sha256 not in response.text
    typed_in = [(document.number, "N"), ("100000000000", "N"), (stranger, "I"), (applicant.national_id, "I")]

    def answer(response):
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main(response))
        for typed, placeholder in typed_in:
            text = text.replace(typed, placeholder)
        return text

    assert answer(wrong_id) == answer(wrong_number)


def test_verify_shows_a_revoked_document_as_revoked(client, applicant, document):
    issuing.document_set_status(document=document, status=IssuedDocument.Status.REVOKED, reason="test")
    english(client)
    text = verify(client, number=document.number, national_id=applicant.national_id).text
    assert "Certified copy: Revoked" in text


def test_verify_is_rate_limited_per_network(client, applicant, document):
    english(client)
    for _ in range(30):
        verify(client, number="100000000000", national_id=applicant.national_id)
    refused = verify(client, number=document.number, national_id=applicant.national_id)
    assert refused.status_code == 429
    assert "Too many checks from your network" in refused.text and document.sha256 not in refused.text
    other_network = client.post(
        reverse("verify"),
        {"number": document.number, "national_id": applicant.national_id},
        REMOTE_ADDR="10.9.8.7",
    )
    assert other_network.status_code == 200 and document.sha256 in other_network.text


def test_verify_without_a_number_shows_the_form(client):
    english(client)
    response = client.get(reverse("verify"))
    assert response.status_code == 200
    assert "Document number" in response.text
    assert "No issued document matches" not in response.text
