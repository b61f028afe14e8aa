"""Errors answered to htmx requests are swapped in beside the form, and the same errors reach a
person without JavaScript; hints and errors are tied to their fields for screen readers."""

import html
import json
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_tracker.models import Request, Status
from requests_tracker.services import request_transition

from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"hx-request": "true"}


def htmx_swaps(page: str, status: int) -> bool:
    """What htmx 2 does with an answer of ``status``, by the configuration the page gives it: the
    first rule whose code matches (an unanchored regular expression, as htmx reads it) decides."""
    config = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page).group(1)
    rules = json.loads(html.unescape(config)).get(
        "responseHandling",
        [{"code": "204", "swap": False}, {"code": "[23]..", "swap": True}, {"code": "[45]..", "swap": False}],
    )
    return next((rule["swap"] for rule in rules if re.search(rule["code"], str(status))), False)


def element_text(page: str, element_id: str) -> str:
    match = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"[^>]*>(.*?)</\1>', page, re.DOTALL)
    assert match, f"no element with id {element_id}"
    return re.sub(r"<[^>]+>", "", match.group(2))


def described_by(page: str, element_id: str) -> list[str]:
    tag = re.search(rf'<[^>]*\bid="{re.escape(element_id)}"[^>]*>', page).group(0)
    found = re.search(r'aria-describedby="([^"]*)"', tag)
    return found.group(1).split() if found else []


@pytest.fixture
def submitted(citizen):
    request = RequestFactory(applicant=citizen)
    request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
    return request


@pytest.fixture
def enforcement_draft(client, citizen):
    client.force_login(citizen)
    client.post(reverse("service_start", args=["enforcement"]), {"start_token": str(uuid.uuid4())})
    return Request.objects.get(applicant=citizen, service="enforcement")


def test_a_refused_upload_through_htmx_is_swapped_in_with_its_errors(client, enforcement_draft):
    url = reverse("wizard_step", args=[enforcement_draft.pk, "documents"])
    page = client.get(url).text
    response = client.post(
        url,
        {"action": "upload", "kind": "instrument", "file": SimpleUploadedFile("cheque.pdf", b"<html>no")},
        headers=HTMX,
    )
    assert htmx_swaps(page, response.status_code), f"htmx would drop a {response.status_code} answer"
    assert response.status_code != 200, "still an error to anything that reads the status"
    fragment = response.text
    assert "<html" not in fragment and 'id="documents-panel"' in fragment
    assert 'class="error-summary" role="alert"' in fragment
    assert "id_file_error" in described_by(fragment, "id_file")
    assert "cheque.pdf" in element_text(fragment, "id_file_error")
    assert not enforcement_draft.documents.exists()


def test_other_error_answers_are_still_not_swapped(client):
    page = client.get("/").text
    assert not htmx_swaps(page, 403) and not htmx_swaps(page, 500) and htmx_swaps(page, 200)


def test_an_empty_message_through_htmx_is_swapped_in_with_its_error(client, citizen, submitted):
    client.force_login(citizen)
    page = client.get(reverse("request_detail", args=[submitted.pk])).text
    response = client.post(reverse("message_send", args=[submitted.pk]), {"body": ""}, headers=HTMX)
    assert htmx_swaps(page, response.status_code)
    assert 'id="thread"' in response.text and 'class="error-summary" role="alert"' in response.text
    assert 'href="#id_body"' in response.text
    assert "id_body_error" in described_by(response.text, "id_body")
    assert element_text(response.text, "id_body_error").strip()
    assert not submitted.messages.exists()


def test_an_empty_message_without_javascript_shows_the_whole_page_with_the_error(client, citizen, submitted):
    client.force_login(citizen)
    response = client.post(reverse("message_send", args=[submitted.pk]), {"body": ""})
    assert response.status_code == 400
    assert "<html" in response.text and 'class="error-summary" role="alert"' in response.text
    assert element_text(response.text, "id_body_error").strip()
    assert not submitted.messages.exists()


def test_a_fields_hint_is_read_with_it(client, enforcement_draft):
    page = client.get(reverse("wizard_step", args=[enforcement_draft.pk, "parties"])).text
    hint_ids = described_by(page, "id_phone")
    assert hint_ids, "the phone field names its hint"
    assert all(f'id="{hint_id}"' in page for hint_id in hint_ids)
    assert "05XXXXXXXX" in " ".join(element_text(page, hint_id) for hint_id in hint_ids)


def test_a_fields_error_is_read_with_it_beside_its_hint(client, enforcement_draft):
    page = client.post(
        reverse("wizard_step", args=[enforcement_draft.pk, "parties"]),
        {
            "action": "add",
            "role": "debtor",
            "id_type": "national_id",
            "id_number": "1000000008",
            "phone": "1",
        },
    ).text
    ids = described_by(page, "id_phone")
    texts = [element_text(page, element_id) for element_id in ids]
    assert any("05XXXXXXXX" in text for text in texts), "the hint"
    assert any(
        element_id.endswith("_error") and text.strip() for element_id, text in zip(ids, texts, strict=True)
    )


def test_a_radio_groups_error_summary_link_reaches_its_first_radio(client, enforcement_draft):
    page = client.post(reverse("wizard_step", args=[enforcement_draft.pk, "instrument"]), {}).text
    summary = page[
        page.index('class="error-summary"') : page.index("</div>", page.index('class="error-summary"'))
    ]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets
    for target in targets:
        assert re.search(rf'<(input|select|textarea)[^>]*\bid="{re.escape(target)}"', page), target
    radio = re.search(r'<input type="radio"[^>]*\bid="([^"]+)"', page).group(1)
    assert radio in targets, "the radio group's link goes to its first radio"


def test_the_group_of_radios_is_described_by_its_error(client, enforcement_draft):
    page = client.post(reverse("wizard_step", args=[enforcement_draft.pk, "instrument"]), {}).text
    fieldset = re.search(r'<fieldset aria-describedby="([^"]+)">', page)
    assert fieldset
    assert all(element_text(page, element_id).strip() for element_id in fieldset.group(1).split())


def test_each_awaited_requirement_has_its_own_answer_form_and_only_the_answered_one_its_errors(
    client, citizen, submitted
):
    clerk = UserFactory(roles=["enforcement_clerk"])
    for text in ("صورة الهوية", "صورة الصك"):
        submitted.requirements.create(text=text, requested_by=clerk)
    first, second = submitted.requirements.order_by("pk")
    client.force_login(citizen)
    page = client.get(reverse("request_detail", args=[submitted.pk])).text
    ids = re.findall(r'\bid="(id_[^"]+)"', page)
    assert len(ids) == len(set(ids)), "no id twice on the page"

    refused = client.post(
        reverse("requirement_respond", args=[submitted.pk, second.pk]),
        {"files": [SimpleUploadedFile("id.pdf", b"<html>no")]},
    )
    assert refused.status_code == 400
    assert refused.text.count('class="error-summary"') == 1
    assert f'id="id_requirement_{second.pk}_files_error"' in refused.text
    assert f'id="id_requirement_{first.pk}_files_error"' not in refused.text


def test_the_catalogue_search_announces_how_many_services_it_found(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    partial = client.get("/", {"q": "enforcement"}, headers=HTMX).text
    region = re.search(r'<p id="search-results-count"[^>]*>(.*?)</p>', partial, re.DOTALL)
    assert region and 'hx-swap-oob="innerHTML"' in region.group(0)
    listed = len(re.findall(r'class="service-link"', partial))
    assert listed and re.search(rf"\b{listed} services? matches? your search", region.group(1))

    nothing = client.get("/", {"q": "no such service at all"}, headers=HTMX).text
    assert "No service matches your search." in re.search(r'id="search-results-count".*?</p>', nothing).group(
        0
    )

    page = client.get("/").text
    live = re.search(r'<p id="search-results-count"[^>]*role="status"[^>]*>(.*?)</p>', page, re.DOTALL)
    assert live and not live.group(1).strip(), "an empty live region waits in the page"
    assert "input changed" in page and "compositionend" in page and "keyup" not in page


def test_flash_messages_are_a_list_inside_a_live_region(client, citizen, enforcement_draft):
    response = client.post(reverse("request_delete", args=[enforcement_draft.pk]), follow=True)
    page = response.text
    region = page[page.index('class="messages-region"') :]
    assert re.search(r'class="messages-region" role="status"', page)
    assert re.search(r'<ul class="messages">\s*<li class="message', region)
    assert '<ul class="messages" role=' not in page
