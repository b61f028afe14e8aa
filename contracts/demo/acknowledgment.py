"""Sample acknowledgments for `make run`: the demo resident (2100000005) acknowledged a debt to the
demo citizen (1010000006), notarized and already due, so that the citizen can try "File an
enforcement request" on its page; the citizen's acknowledgment of a repayment awaits the notary.

Every sample goes through the service functions, as the wizard would; the one-time codes are
recorded as used instead of being sent (see poa/demo.py: the seeding runs in one transaction, so no
code could be read back)."""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from identity.demo import confirmed_for_demo
from requests_tracker.consents import consent_give, consent_purpose
from requests_tracker.models import PartyRole, Request, Status
from requests_tracker.services import (
    party_add,
    request_start,
    request_submit,
    request_transition,
    submit_purpose,
)

from ..services.acknowledgment import acknowledgment_save_details

NAMESPACE = uuid.UUID("5b0f2a47-8d3c-4f61-9e2b-a1c7d4e8f903")
CITIZEN, RESIDENT, NOTARY = "1010000006", "2100000005", "1010000063"

# name: acknowledger, beneficiary, kind, amount, subject, days until due (None: not a debt), issued
SAMPLES = {
    "debt_issued": (RESIDENT, CITIZEN, "debt", "85000.00", "قرض شخصي لسداد رسوم دراسية", -15, True),
    "repayment_with_notary": (CITIZEN, RESIDENT, "repayment", "12000.00", "سداد قيمة أثاث مبيع", None, False),
}  # fmt: skip


def accepted_by_all(request: Request, applicant) -> None:
    """Submitted with the applicant's code, then accepted by every other party with theirs."""
    confirmed_for_demo(applicant, submit_purpose(request))
    request_submit(request=request, actor=applicant)
    for party in request.parties.exclude(role=PartyRole.APPLICANT).select_related("user"):
        confirmed_for_demo(party.user, consent_purpose(request))
        consent_give(request=request, actor=party.user, accept=True)


def seed_acknowledgments() -> int:
    users = {
        user.national_id: user
        for user in get_user_model().objects.filter(national_id__in=(CITIZEN, RESIDENT, NOTARY))
    }
    if len(users) < 3:
        return 0
    made = 0
    today = timezone.localdate()
    for name, (by, to, kind, amount, subject, due_in, issue) in SAMPLES.items():
        token = uuid.uuid5(NAMESPACE, name)
        if Request.objects.filter(start_token=token).exists():
            continue  # already seeded
        acknowledger = users[by]
        draft = request_start(service="acknowledgment", applicant=acknowledger, start_token=token)
        party_add(request=draft, role=PartyRole.BENEFICIARY, id_number=to)
        acknowledgment_save_details(
            request=draft,
            actor=acknowledger,
            data={
                "kind": kind,
                "amount": Decimal(amount),
                "subject": subject,
                "due_on": today + datetime.timedelta(days=due_in) if due_in is not None else None,
            },
        )
        accepted_by_all(draft, acknowledger)
        if issue:
            request_transition(request=draft, to=Status.COMPLETED, actor=users[NOTARY])
        made += 1
    return made


def seed() -> str:
    return f"{seed_acknowledgments()} sample acknowledgments"
