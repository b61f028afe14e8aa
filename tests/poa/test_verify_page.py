"""The POA's QR code: the link printed on the PDF, from the configured public address, opens /verify/
on that POA for anyone who scans it, and keeps telling its current standing."""

import io
import re
from html import escape
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from pypdf import PdfReader

from poa.services import poa_revoke
from requests_tracker.pdf import qr_data_uri

from ..factories import UserFactory
from .helpers import issue_poa, lawyer

pytestmark = pytest.mark.django_db

PUBLIC = "https://najiz.example.sa"


def printed_link(pdf: bytes) -> str:
    """The verification link printed under the QR code, as a reader copies it off the PDF (it wraps
    over lines anywhere, so the lines are joined first)."""
    text = "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    found = re.search(r"https?://[\w.:-]+/verify/\?number=\d+&token=[A-Za-z0-9_-]+", text)
    assert found, "the link is printed under the QR code"
    return found.group()


def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_the_qr_link_on_the_poa_opens_verify_on_it(client, settings, rendered_html):
    settings.PUBLIC_BASE_URL = PUBLIC
    principal = UserFactory(name_ar="عبد الله محمد القحطاني")
    agent = lawyer(name_ar="سارة خالد العتيبي")
    request = issue_poa(principal, [agent], clauses=("pleading", "appeal"))
    document = request.poa.document

    link = printed_link(document.pdf.read())
    assert link.startswith(f"{PUBLIC}/verify/?number={document.number}&token="), (
        "the public address, not the host"
    )
    [html] = rendered_html
    assert qr_data_uri(link) in html and escape(link) in html, "the QR code encodes the printed link"
    assert "testserver" not in html

    english(client)
    parts = urlsplit(link)
    text = client.get(f"{parts.path}?{parts.query}").text
    assert "Electronic power of attorney: Valid" in text
    assert document.number in text and document.sha256 in text
    assert "Claiming, pleading and defending" in text and "Objecting to judgments" in text
    assert "سارة…" in text and "العتيبي" not in text, "the agent's first name only"
    assert principal.national_id not in text and agent.national_id not in text

    poa_revoke(request=request, actor=principal)
    assert "Electronic power of attorney: Revoked" in client.get(f"{parts.path}?{parts.query}").text


def test_a_tampered_qr_link_shows_nothing(client, settings):
    settings.PUBLIC_BASE_URL = PUBLIC
    request = issue_poa(UserFactory(), [lawyer()])
    document = request.poa.document
    parts = urlsplit(printed_link(document.pdf.read()))
    english(client)
    tampered = client.get(parts.path, {"number": document.number, "token": "x" * 43}).text
    assert "No issued document matches this number and ID." in tampered
    assert document.sha256 not in tampered
