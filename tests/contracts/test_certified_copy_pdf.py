import datetime
import re
import zlib
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

import contracts.pdf
from contracts.models import CertifiedCopy
from contracts.pdf import hijri_date, qr_data_uri
from requests_tracker.models import Request, Status

from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "صورة طبق الأصل مصدقة"


@pytest.fixture
def applicant(db):
    return UserFactory(name_ar="عبد الله محمد القحطاني", name_en="Abdullah Mohammed Alqahtani")


def certified_copy(applicant, *, status=Status.COMPLETED, issued=True) -> CertifiedCopy:
    request = RequestFactory(service="certified_copy", applicant=applicant)
    copy = CertifiedCopy.objects.create(
        request=request,
        source="deed",
        source_number="4310256789",
        purpose="Bank",
        delivery="download",
        issued_at=timezone.now() if issued else None,
    )
    Request.objects.filter(pk=request.pk).update(status=status)
    return CertifiedCopy.objects.select_related("request__applicant").get(pk=copy.pk)


@pytest.fixture
def copy(applicant):
    return certified_copy(applicant)


def pdf_url(copy):
    return reverse("contracts:certified_copy_pdf", args=[copy.request.pk])


@pytest.fixture
def rendered_html(monkeypatch):
    """The HTML that each PDF was made from (pypdf is not installed to read the PDF's text)."""
    pages = []
    real = contracts.pdf.certified_copy_html

    def spy(*args, **kwargs):
        pages.append(real(*args, **kwargs))
        return pages[-1]

    monkeypatch.setattr(contracts.pdf, "certified_copy_html", spy)
    return pages


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, to look for names in it."""
    inflated = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            inflated.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(inflated)


def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


# --- The PDF ------------------------------------------------------------------------------------


def test_the_applicant_downloads_the_certified_copy_pdf(client, applicant, copy, rendered_html):
    client.force_login(applicant)
    response = client.get(pdf_url(copy))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{copy.request.reference}.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    assert b"+IBM-Plex-Sans-Arabic" in pdf_objects(response.content)  # the portal's font, not a fallback

    [html] = rendered_html
    assert copy.request.reference in html
    assert ARABIC_TITLE in html
    assert "Certified true copy" in html
    assert "المملكة العربية السعودية — وزارة العدل" in html
    assert applicant.name_ar in html and applicant.national_id in html
    assert "4310256789" in html and "Bank" in html
    assert copy.verification_code in html
    assert hijri_date(timezone.localdate(copy.issued_at)) in html


def test_the_qr_code_encodes_the_public_verification_url(client, applicant, copy, rendered_html):
    client.force_login(applicant)
    client.get(pdf_url(copy))

    verify_url = "http://testserver" + reverse("verify") + "?" + urlencode({"code": copy.verification_code})
    assert qr_data_uri(verify_url) in rendered_html[0]
    assert verify_url in rendered_html[0]


def test_another_signed_in_person_gets_404(client, copy):
    client.force_login(UserFactory())
    assert client.get(pdf_url(copy)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, copy):
    response = client.get(pdf_url(copy))
    assert response.status_code == 302
    assert response.url.startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize(
    ("status", "issued"),
    [(Status.SUBMITTED, False), (Status.IN_EXECUTION, True), (Status.COMPLETED, False)],
    ids=["submitted", "not-completed-yet", "completed-but-not-issued"],
)
def test_no_pdf_before_the_copy_is_completed_and_issued(client, applicant, status, issued):
    copy = certified_copy(applicant, status=status, issued=issued)
    client.force_login(applicant)
    assert client.get(pdf_url(copy)).status_code == 404


def test_no_pdf_for_a_request_of_another_service(client, applicant):
    other = RequestFactory(applicant=applicant)
    Request.objects.filter(pk=other.pk).update(status=Status.COMPLETED)
    client.force_login(applicant)
    url = reverse("contracts:certified_copy_pdf", args=[other.pk])
    assert client.get(url).status_code == 404


def test_the_issue_date_is_the_day_in_riyadh_in_both_calendars(copy):
    # 22:00 UTC on 28 February 2025 is already 1 March in Riyadh: 1 Ramadan 1446.
    copy.issued_at = datetime.datetime(2025, 2, 28, 22, 0, tzinfo=datetime.UTC)
    html = contracts.pdf.certified_copy_html(copy, verify_url="https://example.test/verify/?code=X")
    assert "01/03/2025" in html
    assert "01/09/1446 هـ" in html


def test_the_pdf_renderer_reads_only_the_fonts_folder():
    fetcher = contracts.pdf._LocalFetcher()
    with pytest.raises(ValueError, match="outside"):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError, match="disallowed"):
        fetcher.fetch("http://169.254.169.254/latest/meta-data/")


def test_the_qr_data_uri_is_stable_and_depends_on_the_text():
    assert qr_data_uri("https://a.test/verify/?code=1").startswith("data:image/svg+xml;base64,")
    assert qr_data_uri("https://a.test/verify/?code=1") == qr_data_uri("https://a.test/verify/?code=1")
    assert qr_data_uri("https://a.test/verify/?code=1") != qr_data_uri("https://a.test/verify/?code=2")


# --- The public verification page -------------------------------------------------------------


def test_verify_shows_a_valid_copy_without_signing_in(client, applicant, copy):
    english(client)
    response = client.get(reverse("verify"), {"code": copy.verification_code})

    assert response.status_code == 200
    text = response.text
    assert "Valid" in text
    assert copy.request.reference in text
    assert "4310256789" in text
    assert "Abdullah…" in text
    assert "Mohammed" not in text and "Alqahtani" not in text
    assert applicant.national_id not in text


def test_verify_masks_the_arabic_name_to_the_first_name(client, applicant, copy):
    text = client.get(reverse("verify"), {"code": copy.verification_code}).text
    assert "عبد الله…" in text
    assert "القحطاني" not in text
    assert applicant.national_id not in text


def test_verify_ignores_case_and_spaces_around_the_code(client, copy):
    english(client)
    response = client.get(reverse("verify"), {"code": f"  {copy.verification_code.lower()} "})
    assert "Valid" in response.text and copy.request.reference in response.text


def test_verify_an_unknown_code(client, copy):
    english(client)
    response = client.get(reverse("verify"), {"code": "000000000000"})
    assert response.status_code == 200
    assert "No issued document has this code." in response.text
    assert copy.request.reference not in response.text


def test_verify_does_not_confirm_a_copy_that_is_not_issued(client, applicant):
    pending = certified_copy(applicant, status=Status.IN_EXECUTION, issued=False)
    english(client)
    response = client.get(reverse("verify"), {"code": pending.verification_code})
    assert "No issued document has this code." in response.text
    assert pending.request.reference not in response.text


def test_verify_without_a_code_shows_the_form(client):
    english(client)
    response = client.get(reverse("verify"))
    assert response.status_code == 200
    assert "Verification code" in response.text
    assert "The code printed under the QR code of the document." in response.text
    assert "No issued document has this code." not in response.text
