"""Filing and deciding lawsuits in tests the way the portal does: through the service functions."""

import uuid
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cases.models import CaseCategory, Court, Hearing
from cases.services import judgment_issue, lawsuit_register, lawsuit_save_claim, lawsuit_save_court
from requests_tracker.deadlines import fire_due
from requests_tracker.models import IdType, OutboundMessage, PartyRole
from requests_tracker.services import request_party_add, request_start, request_submit

from ..factories import UserFactory
from ..poa.helpers import issue_poa, lawyer, sms_to  # noqa: F401  (sms_to: for the tests)


def clerk():
    return UserFactory(roles=["claims_clerk"])


def judge():
    return UserFactory(roles=["circuit_judge"])


def draft_claim(
    plaintiff,
    defendants,
    *,
    category="loan_repayment",
    court_type=None,
    amount="50000.00",
    represented=None,
    service="lawsuit",
    children=(),
):
    category = CaseCategory.objects.get(code=category)
    court = Court.objects.filter(court_type=court_type or category.court_type, city_en="Riyadh").first()
    draft = request_start(
        service=service, applicant=plaintiff, represented=represented, start_token=uuid.uuid4()
    )
    for defendant in defendants:
        request_party_add(
            request=draft,
            actor=plaintiff,
            role=PartyRole.DEFENDANT,
            id_type=IdType.NATIONAL_ID,
            id_number=defendant.national_id,
        )
    lawsuit_save_court(request=draft, actor=plaintiff, data={"court": court, "category": category})
    lawsuit_save_claim(
        request=draft,
        actor=plaintiff,
        data={
            "national_address": "RRRD2929، حي العليا، الرياض",
            "subject": "مطالبة مالية",
            "facts": "أقرضت المدعى عليه مبلغًا ولم يسدده.",
            "claims": ["إلزام المدعى عليه بسداد المبلغ"],
            "amount": amount if category.financial else None,
            "children": list(children),
        },
    )
    return draft


def file_claim(plaintiff, defendants, **kwargs):
    draft = draft_claim(plaintiff, defendants, **kwargs)
    request_submit(request=draft, actor=plaintiff)
    draft.refresh_from_db()
    return draft


def register(request, *, by=None, in_days=7, mode=Hearing.Mode.VIDEO):
    lawsuit_register(
        request=request,
        actor=by or clerk(),
        circuit="الدائرة العامة الثالثة",
        first_hearing_at=timezone.now() + timedelta(days=in_days),
        mode=mode,
    )
    request.refresh_from_db()
    return request


def decide(request, *, by, winner="plaintiff", amount="50000.00"):
    judgment = judgment_issue(
        request=request,
        actor=by,
        reasoning="ثبت القرض بالبينة.",
        ruling="إلزام المدعى عليه بالسداد.",
        judged_on=timezone.localdate(),
        winner=winner,
        amount=amount,
    )
    request.refresh_from_db()
    return judgment


# --- Added for the behaviour tests ------------------------------------------------------------------------

CLAIMS_QUEUE = "admin:cases_claimsreviewqueue"
CIRCUIT_QUEUE = "admin:cases_circuitqueue"


def admin_url(queue: str, name: str, *args) -> str:
    return reverse(f"{queue}_{name}", args=args)


def english(client) -> None:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def pleading_lawyer(client_user, *, clauses=("pleading",)):
    """A licensed lawyer holding ``client_user``'s POA in force with the pleading clause."""
    agent = lawyer()
    issue_poa(client_user, [agent], clauses=clauses)
    return agent


def began(hearing, ago=timedelta(minutes=5)):
    """Time passes: ``hearing`` began ``ago``."""
    Hearing.objects.filter(pk=hearing.pk).update(starts_at=timezone.now() - ago)
    hearing.refresh_from_db()
    return hearing


def thirty_days_pass() -> int:
    """The objection window's deadline falls due (the sweep runs 31 days on)."""
    return fire_due(now=timezone.now() + timedelta(days=31))


def sms_bodies(event: str, request=None) -> list[str]:
    messages = OutboundMessage.objects.filter(event=event, channel="sms")
    if request is not None:
        messages = messages.filter(request=request)
    return list(messages.values_list("body", flat=True))
