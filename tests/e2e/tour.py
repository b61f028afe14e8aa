"""A tour of every kind of page, for each kind of visitor, on the demo data of `make run`.

The layout and accessibility tests walk the same tour: the catalogue, a service's start page, each
wizard step, check your answers, the confirmation, My requests, a request as its creditor and as its
debtor, notifications, the help pages, /verify/, the profile, the national SSO's pages, an error page,
powers of attorney (issuing one with its code, My POAs, one in each standing, revoking, a
co-principal's answer, a lawyer's clients), lawsuits (the wizard's court and claim steps, a case as
plaintiff and as defendant, My sessions, the case inquiry) and, for staff, the admin's index, a queue
and a request's change page (the claims-review and circuit case files among them).
"""

import datetime
import io
import uuid
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from django.utils import timezone

from cases.demo import sample
from cases.models import CaseCategory, Court
from cases.services import lawsuit_save_court
from enforcement.demo import NAMESPACE as ENFORCEMENT_DEMO
from identity.demo import DEMO_PASSWORD
from identity.models import ConfirmationCode, User
from identity.services import terms_accept
from poa.models import PoaType
from poa.services import poa_save_details
from requests_tracker.help import HELP_TOPICS
from requests_tracker.issuing import verification_url
from requests_tracker.models import IssuedDocument, PartyRole, Request, Status
from requests_tracker.services import party_add, request_start

CITIZEN = "1010000006"  # the creditor of the demo's enforcement requests
DEBTOR = "2100000005"
LAWYER = "1010000014"
ENFORCEMENT_CLERK = "1010000048"
ENFORCEMENT_JUDGE = "1010000055"
SUPERVISOR = "1010000089"
NOTARY = "1010000063"
CLAIMS_CLERK = "1010000022"
CIRCUIT_JUDGE = "1010000030"
MAZOUN = "1010000071"
BRIDE = "1010000402"

PHONE_WIDTHS = (390, 320)


@dataclass(frozen=True)
class Stop:
    """One page of the tour: where to go, or what to do on the page before it to get there."""

    name: str
    path: str = ""
    action: object = None  # a function of the Playwright page, for pages reached by a form
    status: int = 200  # what the page answers: a tour stop that has gone missing fails the tour

    def visit(self, page, base_url: str):
        if self.action is not None:
            self.action(page)
        else:
            response = page.goto(base_url + self.path)
            if response is not None and response.status != self.status:
                raise AssertionError(
                    f"{self.name}: {self.path} answered {response.status}, not {self.status}"
                )
        page.wait_for_load_state()


@pytest.fixture
def demo(live_server):
    """The demo data of `make run`, every demo person past the terms, and a draft of each service."""
    call_command("seed_demo", stdout=io.StringIO())
    for user in User.objects.all():
        terms_accept(user=user)
    creditor, debtor = User.objects.get(national_id=CITIZEN), User.objects.get(national_id=DEBTOR)
    enforcement_draft = request_start(service="enforcement", applicant=creditor, start_token=uuid.uuid4())
    party_add(request=enforcement_draft, role=PartyRole.DEBTOR, id_number=debtor.national_id)
    poa_draft = request_start(service="poa", applicant=creditor, start_token=uuid.uuid4())
    party_add(request=poa_draft, role=PartyRole.AGENT, id_number=LAWYER)
    poa_save_details(
        request=poa_draft,
        actor=creditor,
        data={
            "poa_type": PoaType.JUDICIAL, "clauses": ["pleading", "appeal"], "may_delegate": False,
            "ends_on": timezone.localdate() + datetime.timedelta(days=90),
            "company_name": "", "commercial_register": "",
        },
    )  # fmt: skip
    lawsuit_draft = request_start(service="lawsuit", applicant=creditor, start_token=uuid.uuid4())
    party_add(request=lawsuit_draft, role=PartyRole.DEFENDANT, id_number=debtor.national_id)
    category = CaseCategory.objects.get(code="loan_repayment")
    court = Court.objects.get(court_type=category.court_type, city_en="Riyadh")
    lawsuit_save_court(request=lawsuit_draft, actor=creditor, data={"court": court, "category": category})
    sale_draft = request_start(service="property_transfer", applicant=creditor, start_token=uuid.uuid4())
    party_add(request=sale_draft, role=PartyRole.BUYER, id_number=debtor.national_id)
    return live_server


def session_cookie(base_url: str, national_id: str) -> dict:
    """The portal session the SSO would leave in the browser of this demo person."""
    user = User.objects.get(national_id=national_id)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": base_url}


def new_page(browser, base_url: str, *, language: str, national_id: str | None = None, width: int = 1280):
    """A page in a fresh browser context, in ``language``, signed in as ``national_id`` if given."""
    context = browser.new_context(locale="ar-SA", viewport={"width": width, "height": 800})
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    if national_id:
        cookies.append(session_cookie(base_url, national_id))
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def _submit(page):
    page.locator("main form button[type=submit]").first.click()


def _sign_in_as_demo_citizen(page):
    page.locator("input[name=national_id]").fill(CITIZEN)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    _submit(page)


def _nafath(page):
    page.locator(".sso-secondary a").click()


def _request(service: str, status: str, applicant: str = CITIZEN) -> Request:
    return Request.objects.filter(service=service, status=status, applicant__national_id=applicant).first()


def _enforcement(name: str = "under_enforcement") -> Request:
    """One of the demo's enforcement requests (enforcement/demo.py), by its sample name."""
    return Request.objects.get(start_token=uuid.uuid5(ENFORCEMENT_DEMO, name))


def _poa(poa_type: str, status: str = Status.COMPLETED, applicant: str = CITIZEN) -> Request:
    return Request.objects.filter(
        service="poa", status=status, applicant__national_id=applicant, poa__poa_type=poa_type
    ).first()


def _send_code(page):
    """Ask for a code on the confirmation page, as if the minute before another may be sent had
    passed since the last one (the tour passes here once in each language)."""
    ConfirmationCode.objects.filter(user__national_id=CITIZEN).update(
        sent_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    with page.expect_navigation():
        page.locator("main button[name=action][value=send]").click()


def poa_tour() -> list[Stop]:
    """The demo citizen's powers of attorney: issuing one, My POAs, one in each standing, revoking,
    and his answer as a co-principal of the demo resident's."""
    draft = _poa(PoaType.JUDICIAL, Status.DRAFT)
    valid = _poa(PoaType.JUDICIAL)
    partial = _poa(PoaType.SPECIAL)
    one_agent = partial.parties.filter(role=PartyRole.AGENT, poa_end__isnull=True).first()
    awaiting = _poa(PoaType.JUDICIAL, Status.SUBMITTED, applicant=DEBTOR)
    return [
        Stop("service start: POA", "/services/poa/"),
        *(
            Stop(f"POA wizard: {step}", f"/requests/{draft.pk}/file/{step}/")
            for step in ("parties", "poa", "documents", "review")
        ),
        Stop("POA: code confirmation", f"/requests/{draft.pk}/confirm/"),
        Stop("POA: code sent", action=_send_code),
        Stop("my POAs", "/poa/"),
        Stop("my POAs: revoked", "/poa/?standing=revoked"),
        Stop("POA: valid", f"/requests/{valid.pk}/"),
        Stop("POA: partially terminated", f"/requests/{partial.pk}/"),
        Stop("POA: revoked", f"/requests/{_poa(PoaType.GENERAL).pk}/"),
        Stop("POA: with the notary", f"/requests/{_poa(PoaType.BUSINESS, Status.IN_PROGRESS).pk}/"),
        Stop("POA: revoke", f"/poa/{valid.pk}/revoke/"),
        Stop("POA: revoke for one agent", f"/poa/{partial.pk}/revoke/?agent={one_agent.pk}"),
        Stop("POA: awaiting his answer", f"/requests/{awaiting.pk}/"),
        Stop("POA: co-principal's code", f"/requests/{awaiting.pk}/answer/"),
    ]


def notarization_tour(side: str) -> list[Stop]:
    """The demo's notarizations as the citizen (seller, husband, beneficiary, divorced) or the
    resident (the buyer) sees them."""
    transfer = _request("property_transfer", Status.IN_PROGRESS)
    if side == "buyer":
        return [Stop("property sale: buyer", f"/requests/{transfer.pk}/")]
    draft = _request("property_transfer", Status.DRAFT)
    return [
        Stop("service start: property sale", "/services/property_transfer/"),
        *(
            Stop(f"property sale wizard: {step}", f"/requests/{draft.pk}/file/{step}/")
            for step in ("parties", "property", "review")
        ),
        Stop("property sale: seller", f"/requests/{transfer.pk}/"),
        Stop(
            "marriage contract: husband", f"/requests/{_request('marriage_contract', Status.IN_PROGRESS).pk}/"
        ),
        Stop(
            "acknowledgment: beneficiary",
            f"/requests/{_request('acknowledgment', Status.COMPLETED, DEBTOR).pk}/",
        ),
        Stop("divorce deed", f"/requests/{_request('divorce_deed', Status.COMPLETED).pk}/"),
        Stop("service start: divorce deed", "/services/divorce_deed/"),
    ]


def bride_tour() -> list[Stop]:
    contract = _request("marriage_contract", Status.SUBMITTED, applicant=DEBTOR)
    return [
        Stop("marriage contract: the bride", f"/requests/{contract.pk}/"),
        Stop("marriage contract: the bride's code", f"/requests/{contract.pk}/answer/"),
    ]


def case_tour(side: str) -> list[Stop]:
    """The demo's lawsuits as the citizen (the plaintiff) or the resident (the defendant) sees them."""
    case, decided, custody = sample("under_consideration"), sample("decided"), sample("custody")
    stops = []
    if side == "plaintiff":
        draft = _request("lawsuit", Status.DRAFT)
        stops = [
            Stop("service start: lawsuit", "/services/lawsuit/"),
            *(
                Stop(f"lawsuit wizard: {step}", f"/requests/{draft.pk}/file/{step}/")
                for step in ("court", "claim")
            ),
            Stop("claim: under review", f"/requests/{sample('awaiting_review').request_id}/"),
            Stop("claim: returned", f"/requests/{sample('returned').request_id}/"),
        ]
    return [
        *stops,
        Stop(f"case: {side}", f"/requests/{case.request_id}/"),
        Stop(f"case decided: {side}", f"/requests/{decided.request_id}/"),
        Stop(f"custody case: {side}", f"/requests/{custody.request_id}/"),
        Stop("my sessions", "/cases/sessions/"),
        Stop("case inquiry", "/cases/inquiry/"),
        Stop("case inquiry: found", f"/cases/inquiry/?case_number={case.case_number}"),
        Stop("case inquiry: not found", "/cases/inquiry/?case_number=1"),
    ]  # fmt: skip


def signed_out_tour() -> list[Stop]:
    link = urlsplit(verification_url(IssuedDocument.objects.first()))
    return [
        Stop("catalogue", "/"),
        Stop("catalogue search", "/?q=zzz"),
        Stop("service start", "/services/enforcement/"),
        Stop("help index", "/help/"),
        *(Stop(f"help: {slug}", f"/help/{slug}/") for slug, _title in HELP_TOPICS),
        Stop("verify", "/verify/"),
        Stop("verify: a document", f"{link.path}?{link.query}"),
        Stop("enforcement inquiry", "/enforcement/inquiry/"),
        Stop("page not found", "/no-such-page/", status=404),
        Stop("SSO: sign-in ended", "/sso/signin/", status=400),
        Stop("sign in", "/accounts/national_sso/login/?next=/requests/"),
        Stop("SSO: password", action=_submit),
        Stop("SSO: password refused", action=_submit),
        Stop("SSO: code", action=_sign_in_as_demo_citizen),
        Stop("SSO: Nafath", "/sso/signin/nafath/"),
    ]


def citizen_tour() -> list[Stop]:
    enforcement = _enforcement()
    in_force, in_kind = _enforcement("measures_in_force"), _enforcement("custody_in_kind")
    enforcement_draft = _request("enforcement", Status.DRAFT)
    copy_draft = _request("certified_copy", Status.DRAFT)
    submitted = _request("certified_copy", Status.SUBMITTED)
    returned = _request("certified_copy", Status.RETURNED)
    completed = _request("certified_copy", Status.COMPLETED)
    steps = ("parties", "instrument", "account", "documents", "review")
    return [
        Stop("catalogue", "/"),
        Stop("service start", "/services/certified_copy/"),
        *(
            Stop(f"enforcement wizard: {step}", f"/requests/{enforcement_draft.pk}/file/{step}/")
            for step in steps
        ),
        *(
            Stop(f"certified-copy wizard: {step}", f"/requests/{copy_draft.pk}/file/{step}/")
            for step in ("details", "documents", "review")
        ),
        Stop("submitted", f"/requests/{submitted.pk}/submitted/"),
        Stop("my requests", "/requests/"),
        Stop("request: creditor", f"/requests/{enforcement.pk}/"),
        Stop("enforcement: Decision 46 in force", f"/requests/{in_force.pk}/"),
        Stop("enforcement: custody in kind", f"/requests/{in_kind.pk}/"),
        Stop("enforcement: settlement", f"/enforcement/{in_force.pk}/close/settle/"),
        Stop("enforcement: withdrawal", f"/enforcement/{in_force.pk}/close/withdraw/"),
        Stop("enforcement: a motion", f"/enforcement/{in_force.pk}/motions/sadad_bill/"),
        Stop("request: returned", f"/requests/{returned.pk}/"),
        Stop("request: completed", f"/requests/{completed.pk}/"),
        *poa_tour(),
        *case_tour("plaintiff"),
        *notarization_tour("seller"),
        Stop("notifications", "/notifications/"),
        Stop("profile", "/profile/"),
        Stop("terms", "/terms/"),
        Stop("verify", "/verify/"),
    ]


def debtor_tour() -> list[Stop]:
    enforcement = _enforcement()
    return [
        Stop("my requests", "/requests/"),
        Stop("request: debtor", f"/requests/{enforcement.pk}/"),
        Stop("pay", f"/enforcement/{enforcement.pk}/pay/"),
        Stop("disclose", f"/enforcement/{enforcement.pk}/disclose/"),
        Stop("my POAs", "/poa/"),
        *case_tour("defendant"),
        *notarization_tour("buyer"),
        Stop("notifications", "/notifications/"),
    ]


def lawyer_tour() -> list[Stop]:
    return [
        Stop("catalogue", "/"),
        Stop("service start", "/services/enforcement/"),
        Stop("my requests", "/requests/"),
        Stop("my clients", "/poa/clients/"),
        Stop("POA: as agent", f"/requests/{_poa(PoaType.JUDICIAL).pk}/"),
        Stop("POA: withdraw", f"/poa/{_poa(PoaType.JUDICIAL).pk}/withdraw/"),
        Stop("profile", "/profile/"),
    ]


def staff_tour(queue: str, request: Request | None = None) -> list[Stop]:
    request = request or _enforcement()
    return [
        Stop("admin index", "/admin/"),
        Stop("queue", f"/admin/{queue}/"),
        Stop("change page", f"/admin/{queue}/{request.pk}/change/"),
    ]


# Who tours what: (visitor, national ID or None, tour).
PORTAL_VISITORS = {
    "signed out": (None, signed_out_tour),
    "citizen and creditor": (CITIZEN, citizen_tour),
    "debtor": (DEBTOR, debtor_tour),
    "lawyer": (LAWYER, lawyer_tour),
    "bride": (BRIDE, bride_tour),
}
STAFF_VISITORS = {
    "enforcement clerk": (ENFORCEMENT_CLERK, lambda: staff_tour("enforcement/enforcementqueue")),
    "enforcement judge": (
        ENFORCEMENT_JUDGE,
        lambda: [
            *staff_tour("enforcement/enforcementqueue", _enforcement("decision_due")),
            Stop("awaiting Decision 46", "/admin/enforcement/enforcementqueue/?awaiting=decision_46"),
            Stop(
                "custody in kind",
                f"/admin/enforcement/enforcementqueue/{_enforcement('custody_in_kind').pk}/change/",
            ),
            Stop("motions", "/admin/enforcement/motion/"),
            Stop(
                "a motion to decide",
                f"/admin/enforcement/motion/{_enforcement('measures_in_force').motions.get().pk}/decide/",
            ),
        ],
    ),
    "supervisor": (
        SUPERVISOR,
        lambda: [
            *staff_tour("requests_tracker/request"),
            Stop(
                "cancel a document",
                f"/admin/requests_tracker/issueddocument/{IssuedDocument.objects.first().pk}/cancel/",
            ),
        ],
    ),
    "notary": (NOTARY, lambda: staff_tour("poa/poaqueue", _poa(PoaType.BUSINESS, Status.IN_PROGRESS))),
    "notary, notarizations": (
        NOTARY,
        lambda: staff_tour("contracts/notaryqueue", _request("property_transfer", Status.IN_PROGRESS)),
    ),
    "ma'zoun": (
        MAZOUN,
        lambda: [
            *staff_tour("contracts/mazounqueue", _request("marriage_contract", Status.IN_PROGRESS)),
            Stop("register a divorce", "/admin/contracts/divorcedeed/add/"),
        ],
    ),
    "claims clerk": (
        CLAIMS_CLERK,
        lambda: staff_tour("cases/claimsreviewqueue", sample("awaiting_review").request),
    ),
    "circuit judge": (
        CIRCUIT_JUDGE,
        lambda: [
            *staff_tour("cases/circuitqueue", sample("under_consideration").request),
            Stop("decided case file", f"/admin/cases/circuitqueue/{sample('decided').request_id}/change/"),
        ],
    ),
}
