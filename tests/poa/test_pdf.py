"""The POA and its revocation certificate as PDFs: rendered once at issue, in Arabic whatever the
reader's language, read back here from the stored bytes as a reader's PDF viewer would."""

import hashlib
import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from poa.services import poa_revoke, poa_withdraw
from requests_tracker import issuing
from requests_tracker.models import Status
from requests_tracker.pdf import gregorian_date, hijri_date
from requests_tracker.services import request_transition

from ..factories import UserFactory
from .helpers import issue_poa, lawyer

pytestmark = pytest.mark.django_db

PRINCIPAL, AGENT, SECOND_AGENT = "عبد الله محمد القحطاني", "سارة خالد العتيبي", "فهد ناصر الدوسري"
# In position order, as the ministry's list has them (poa/migrations/0002_clauses.py).
PLEADING = "المطالبة والمرافعة والمدافعة وسماع الدعاوى والرد عليها"
APPEAL = "الاعتراض على الأحكام وطلب الاستئناف"
ENFORCEMENT = "طلب تنفيذ الأحكام والسندات التنفيذية ومتابعتها"
SELL_PROPERTY = "البيع والإفراغ للعقار وقبض الثمن"


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as pypdf reads it, each run of spaces and line breaks made one space (a long
    clause wraps over two lines)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def in_order(text: str, *parts: str) -> bool:
    """Every part is in ``text``, each after the one before."""
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


def download_url(document) -> str:
    return reverse("issued_document_download", args=[document.request_id, document.number])


def downloaded(client, document) -> bytes:
    response = client.get(download_url(document))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


@pytest.fixture
def principal(db):
    return UserFactory(name_ar=PRINCIPAL, name_en="Abdullah Mohammed Alqahtani")


@pytest.fixture
def agent(db):
    return lawyer(name_ar=AGENT, name_en="Sara Khalid Alotaibi")


@pytest.fixture
def rendered(monkeypatch):
    """How many times a PDF's HTML is made: once per document, at its issue."""
    calls = []
    real = issuing.document_html

    def counting(document):
        calls.append(document.number)
        return real(document)

    monkeypatch.setattr(issuing, "document_html", counting)
    return calls


def test_the_poa_pdf_reads_in_arabic_parties_then_clauses_in_their_order(principal, agent):
    # Issued while the interface speaks English: the document is Arabic all the same.
    with translation.override("en"):
        request = issue_poa(
            principal, [agent], clauses=("enforcement_application", "sell_property", "appeal", "pleading"),
            poa_type="general",
        )  # fmt: skip
    poa = request.poa
    text = pdf_text(poa.document.pdf.read())
    assert "وكالة إلكترونية" in text and "وكالة عامة" in text
    assert poa.document.number in text and request.reference in text
    assert in_order(text, PRINCIPAL, principal.national_id) or in_order(
        text, principal.national_id, PRINCIPAL
    )
    assert agent.national_id in text
    assert in_order(text, PRINCIPAL, AGENT), "the principal, then the agent"
    assert in_order(text, "الترافع والتقاضي", PLEADING, APPEAL, ENFORCEMENT, "العقارات", SELL_PROPERTY), (
        "each clause under its group's Arabic name, in the list's order whatever order they were chosen in"
    )
    for english in ("Litigation", "Real estate", "General", "Claiming, pleading"):
        assert english not in text
    assert hijri_date(poa.ends_on).removesuffix(" هـ") in text and gregorian_date(poa.ends_on) in text
    assert "ليس للوكيل حق توكيل الغير" in text


def test_a_judicial_poa_to_two_lawyers_who_may_delegate(principal, agent):
    second = lawyer(name_ar=SECOND_AGENT)
    request = issue_poa(principal, [agent, second], may_delegate=True)
    text = pdf_text(request.poa.document.pdf.read())
    assert "وكالة قضائية" in text
    assert in_order(text, PRINCIPAL, AGENT, SECOND_AGENT)
    assert "الوكلاء المذكورين" in text, "the statement speaks of the agents in the plural"
    assert "للوكيل حق توكيل الغير" in text and "ليس للوكيل" not in text


def test_a_business_representatives_poa_names_the_company(principal):
    agent = UserFactory(name_ar=SECOND_AGENT)
    request = issue_poa(
        principal, [agent], poa_type="business", clauses=("company_meetings",),
        company_name="شركة الرياض للتجارة", commercial_register="1010123456",
    )  # fmt: skip
    assert request.status == Status.IN_PROGRESS, "a notary checks the company first"
    request_transition(request=request, to=Status.COMPLETED, actor=UserFactory(roles=["notary"]))
    request.refresh_from_db()
    text = pdf_text(request.poa.document.pdf.read())
    assert "وكالة ممثل منشأة" in text
    assert "شركة الرياض للتجارة" in text and "1010123456" in text
    assert in_order(text, "الشركات", "حضور الجمعيات العامة والتصويت")


def test_the_stored_pdf_is_the_hashed_one_and_downloads_as_stored(client, principal, agent, rendered):
    request = issue_poa(principal, [agent])
    document = request.poa.document
    stored = document.pdf.read()
    assert stored.startswith(b"%PDF") and hashlib.sha256(stored).hexdigest() == document.sha256
    assert rendered == [document.number]
    client.force_login(principal)
    assert downloaded(client, document) == stored
    client.force_login(agent)
    assert downloaded(client, document) == stored, "the agent holds the same document"
    assert rendered == [document.number], "nothing is rendered again on download"
    client.force_login(UserFactory())
    assert client.get(download_url(document)).status_code == 404
    client.logout()
    assert client.get(download_url(document)).status_code != 200


def test_the_revocation_certificate_reads_in_arabic_and_names_only_the_ended_agent(client, principal, agent):
    second = lawyer(name_ar=SECOND_AGENT)
    request = issue_poa(principal, [agent, second])
    ended = request.parties.get(user=second)
    with translation.override("en"):
        certificate = poa_revoke(request=request, actor=principal, agent_pk=ended.pk)
    stored = certificate.pdf.read()
    assert hashlib.sha256(stored).hexdigest() == certificate.sha256
    text = pdf_text(stored)
    assert "شهادة فسخ وكالة" in text and certificate.number in text
    assert request.poa.document.number in text, "the POA it ends"
    assert "فسخ من الموكل" in text and "فسخ الوكالة عن بعض الوكلاء" in text
    assert in_order(text, PRINCIPAL, SECOND_AGENT)
    assert second.national_id in text
    assert AGENT not in text and agent.national_id not in text, "the agent who keeps his authority"
    assert "Revoked by a principal" not in text

    client.force_login(principal)
    assert downloaded(client, certificate) == stored
    client.force_login(UserFactory())
    assert client.get(download_url(certificate)).status_code == 404


def test_an_agents_withdrawal_certificate_ends_the_whole_poa_when_he_was_the_only_one(principal, agent):
    request = issue_poa(principal, [agent])
    certificate = poa_withdraw(request=request, actor=agent)
    text = pdf_text(certificate.pdf.read())
    assert "عزل الوكيل نفسه" in text and "فسخ الوكالة كاملة" in text
    assert in_order(text, PRINCIPAL, AGENT)
