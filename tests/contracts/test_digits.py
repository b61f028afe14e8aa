"""A certified copy asked for and verified with numbers typed on an Arabic keyboard."""

import uuid

import pytest
from django.urls import reverse

from contracts.models import CertifiedCopy
from requests_tracker.models import Request

from ..factories import UserFactory
from .test_certified_copy_pdf import issue_copy

pytestmark = pytest.mark.django_db


def arabic_indic(text: str) -> str:
    """As typed on an Arabic keyboard."""
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def test_verify_takes_the_number_and_the_id_in_arabic_indic_digits(client):
    applicant = UserFactory()
    document = issue_copy(applicant)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("verify"),
        {"number": arabic_indic(document.number), "national_id": arabic_indic(applicant.national_id)},
    )
    assert "Certified copy: Valid" in response.text and document.sha256 in response.text


def test_the_deed_number_typed_in_arabic_indic_digits_is_stored_in_latin_digits(client):
    citizen = UserFactory()
    client.force_login(citizen)
    client.post(reverse("service_start", args=["certified_copy"]), {"start_token": str(uuid.uuid4())})
    draft = Request.objects.get(applicant=citizen, service="certified_copy")
    client.post(
        reverse("wizard_step", args=[draft.pk, "details"]),
        {
            "source": "deed",
            "source_number": arabic_indic("4310/256789"),
            "purpose": "تقديمها إلى البنك",
            "delivery": "download",
        },
    )
    assert CertifiedCopy.objects.get(request=draft).source_number == "4310/256789"
