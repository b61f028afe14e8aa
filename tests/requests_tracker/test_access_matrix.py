"""Who sees what (DESIGN §3), URL by URL: every role, every status, every object URL of an
enforcement request (page, htmx partial, documents, pay, disclose, the staff queue's page and
download), against a table written here from the law's rules, not read back from the code."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from enforcement.services import execution_save_account, execution_save_details
from requests_tracker.access import viewer_for
from requests_tracker.models import PartyRole, Request, Status
from requests_tracker.services import (
    document_add,
    message_post,
    party_add,
    request_start,
    request_transition,
    requirement_add,
)

from ..factories import RequestFactory, UserFactory
from ..files import pdf_upload

pytestmark = pytest.mark.django_db

CLERK, JUDGE = "enforcement_clerk", "enforcement_judge"
# How each status is reached through the engine, and who takes each step.
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [Status.SUBMITTED],
    Status.UNDER_REVIEW: [Status.SUBMITTED, Status.UNDER_REVIEW],
    Status.RETURNED: [Status.SUBMITTED, Status.UNDER_REVIEW, Status.RETURNED],
    Status.IN_PROGRESS: [Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS],
    Status.IN_EXECUTION: [Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION],
    Status.PARTIALLY_EXECUTED: [
        Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION, Status.PARTIALLY_EXECUTED,
    ],
    Status.GRACE_GRANTED: [
        Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION, Status.GRACE_GRANTED,
    ],
    Status.COMPLETED: [
        Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION, Status.COMPLETED,
    ],
    Status.REJECTED: [Status.SUBMITTED, Status.UNDER_REVIEW, Status.REJECTED],
    Status.CANCELLED: [Status.SUBMITTED, Status.CANCELLED],
}  # fmt: skip
BY_STAFF = {
    Status.UNDER_REVIEW: CLERK,
    Status.RETURNED: CLERK,
    Status.IN_PROGRESS: CLERK,
    Status.REJECTED: CLERK,
    Status.IN_EXECUTION: JUDGE,
}
# The stages of enforcement and its end follow payments and grace periods: the system's steps.
BY_SYSTEM = {Status.PARTIALLY_EXECUTED, Status.GRACE_GRANTED, Status.COMPLETED}
NOTES = {Status.RETURNED: "أرفق السند", Status.REJECTED: "السند غير تنفيذي", Status.IN_EXECUTION: "أمر تنفيذ"}

PORTAL_KINDS = ("page", "partial", "requirement", "document", "attachment")
KINDS = (*PORTAL_KINDS, "pay", "disclose", "admin_page", "admin_document")
STAFF_OF_ENFORCEMENT = {CLERK, JUDGE, "supervisor"}
OTHER_STAFF = {"notary", "claims_clerk", "circuit_judge", "mazoun"}
UNDER_ENFORCEMENT = {Status.IN_EXECUTION, Status.PARTIALLY_EXECUTED, Status.GRACE_GRANTED}
DEBTOR_SEES = {*UNDER_ENFORCEMENT, Status.COMPLETED}


def expected(role: str, status: str, kind: str) -> bool:
    """The law's answer: True where the person may reach the URL, False where it must be 404."""
    if role in {"creditor", "creditors_agent"}:
        # A draft is its author's alone; the creditor's side sees everything of the request else.
        if status == Status.DRAFT and role != "creditor":
            return False
        return kind in PORTAL_KINDS and not (kind == "attachment" and status == Status.DRAFT)
    if role in {"debtor", "debtors_agent"}:
        # From the execution order on: the order and what is owed, never the creditor's documents,
        # IBAN or thread; paying and disclosing while under enforcement.
        if kind == "page":
            return status in DEBTOR_SEES
        return kind in {"pay", "disclose"} and status in UNDER_ENFORCEMENT
    if role in STAFF_OF_ENFORCEMENT:
        return kind in {"admin_page", "admin_document"} and status != Status.DRAFT
    return False  # other citizens, a lawyer with no power of attorney, other staff


@pytest.fixture
def people(representation):
    creditor, debtor = UserFactory(), UserFactory()
    people = {
        "creditor": creditor,
        "creditors_agent": UserFactory(),
        "debtor": debtor,
        "debtors_agent": UserFactory(),
        "stranger": UserFactory(),
        "lawyer": UserFactory(roles=["lawyer"]),
        **{role: UserFactory(roles=[role]) for role in STAFF_OF_ENFORCEMENT | OTHER_STAFF},
    }
    representation(people["creditors_agent"], creditor, services=["enforcement"])
    representation(people["debtors_agent"], debtor, services=["enforcement"])
    return people


def enforcement_request_in(status, people) -> dict:
    """An enforcement request taken to ``status`` through the engine, with a document, a thread
    attachment and a requirement where the status allows them; returns its URLs by kind."""
    creditor = people["creditor"]
    request = request_start(service="enforcement", applicant=creditor, start_token=uuid.uuid4())
    execution_save_details(
        request=request,
        data={
            "request_type": "financial", "instrument_type": "cheque", "instrument_number": "778812",
            "instrument_date": "2026-10-01", "instrument_issuer": "Al Rajhi Bank", "instrument_in_arabic": True,
            "amount": Decimal("10000.00"), "title_deeds": "",
        },
        actor=creditor,
    )  # fmt: skip
    execution_save_account(
        request=request, data={"creditor_iban": "SA0380000000608010167519"}, actor=creditor
    )
    party_add(request=request, role=PartyRole.DEBTOR, id_number=people["debtor"].national_id)
    document = document_add(
        request=request, actor=creditor, upload=pdf_upload("cheque.pdf"), kind="instrument"
    )
    attachment = requirement = None
    for step in PATHS[status]:
        if step == Status.UNDER_REVIEW:
            message = message_post(request=request, author=creditor, body="مرفق", attachments=[pdf_upload()])
            attachment = message.attachments.get()
            requirement = requirement_add(request=request, actor=people[CLERK], text="صورة الهوية")
        actor = None if step in BY_SYSTEM else people[BY_STAFF[step]] if step in BY_STAFF else creditor
        request_transition(request=request, to=step, actor=actor, decision=NOTES.get(step, ""))
    request = Request.objects.get(pk=request.pk)
    assert request.status == status
    urls = {
        "page": ("get", reverse("request_detail", args=[request.pk])),
        "partial": ("htmx", reverse("message_send", args=[request.pk])),
        "requirement": ("post", reverse("requirement_respond", args=[request.pk, requirement.pk]))
        if requirement
        else None,
        "document": ("get", reverse("document_download", args=[request.pk, document.pk])),
        "attachment": ("get", reverse("document_download", args=[request.pk, attachment.pk]))
        if attachment
        else None,
        "pay": ("get", reverse("enforcement:pay", args=[request.pk])),
        "disclose": ("get", reverse("enforcement:disclose", args=[request.pk])),
        "admin_page": ("get", reverse("admin:enforcement_enforcementqueue_change", args=[request.pk])),
        "admin_document": (
            "get",
            reverse("admin:enforcement_enforcementqueue_document", args=[request.pk, document.pk]),
        ),
    }
    return {"request": request, "urls": urls}


def refused(client, method, url) -> bool:
    """404; or, for the admin, the sign-in page a person who is not staff is sent to (the same for
    any address, so it tells nothing)."""
    if method == "get":
        response = client.get(url)
    elif method == "htmx":
        response = client.post(url, {"body": "سؤال"}, headers={"HX-Request": "true"})
    else:
        response = client.post(url, {"answer": "مرسل"})
    if url.startswith("/admin/") and response.status_code == 302:
        return response["Location"].startswith(reverse("admin:login"))
    return response.status_code == 404


def test_every_role_in_every_status_reaches_exactly_what_the_law_gives_it(client, people):
    built = {status: enforcement_request_in(status, people) for status in PATHS}
    wrong = []
    for role, user in people.items():
        client.force_login(user)
        for status, case in built.items():
            for kind in KINDS:
                target = case["urls"][kind]
                if target is None:
                    continue  # no requirement or attachment exists yet in this status
                if expected(role, status, kind) == refused(client, *target):
                    wrong.append(f"{role} x {status} x {kind}")
            # The pages ask the access module; the module's answer and the page's must agree.
            viewer = viewer_for(case["request"], user)
            if (viewer is None) != (not expected(role, status, "page")):
                wrong.append(f"{role} x {status}: the access module says {viewer}")
    assert wrong == []


def test_the_debtor_never_reads_the_creditors_iban_documents_or_thread(client, people):
    case = enforcement_request_in(Status.IN_EXECUTION, people)
    client.force_login(people["debtor"])
    page = client.get(case["urls"]["page"][1]).text
    assert "أمر تنفيذ" in page and "10,000.00" in page, "the order and the amount"
    assert case["request"].execution.bill_number in page
    assert "SA0380000000608010167519" not in page, "the creditor's IBAN"
    assert "cheque.pdf" not in page and "مرفق" not in page, "the creditor's documents and thread"
    client.force_login(people["creditor"])
    creditors_page = client.get(case["urls"]["page"][1]).text
    assert "SA0380000000608010167519" in creditors_page and "cheque.pdf" in creditors_page


def test_anonymous_visitors_are_sent_to_sign_in(client, people):
    case = enforcement_request_in(Status.IN_EXECUTION, people)
    for kind in KINDS:
        method, url = case["urls"][kind]
        response = client.get(url) if method == "get" else client.post(url)
        sign_in = reverse("admin:login") if kind.startswith("admin") else reverse("national_sso_login")
        assert response.status_code == 302 and response["Location"].startswith(sign_in), kind


def test_an_issued_pdf_only_for_its_side_once_issued(client, citizen):
    from contracts.models import CertifiedCopy
    from requests_tracker.issuing import issued_for_request

    request = RequestFactory(applicant=citizen, service="certified_copy")
    CertifiedCopy.objects.create(
        request=request, source="deed", source_number="1", purpose="x", delivery="download"
    )
    notary = UserFactory(roles=["notary"])
    client.force_login(citizen)
    for step in (Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION):
        request_transition(request=request, to=step, actor=citizen if step == Status.SUBMITTED else notary)
        assert not issued_for_request(request).exists(), f"nothing is issued while {step}"
    request_transition(request=request, to=Status.COMPLETED, actor=notary)
    document = issued_for_request(request).get()
    url = reverse("issued_document_download", args=[request.pk, document.number])
    assert client.get(url)["Content-Type"] == "application/pdf"
    for other in (UserFactory(), notary, UserFactory(roles=["supervisor"])):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.force_login(citizen)
    other_request = RequestFactory(applicant=citizen)
    request_transition(request=other_request, to=Status.SUBMITTED, actor=citizen)
    elsewhere = reverse("issued_document_download", args=[other_request.pk, document.number])
    assert client.get(elsewhere).status_code == 404, "a document is reached only through its own request"
