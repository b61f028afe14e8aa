"""Sample enforcement requests: the demo citizen is the creditor, the demo resident the debtor."""

import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model

from requests_tracker.models import PartyRole, Request, Status
from requests_tracker.services import party_add, request_start, request_transition

from .services import execution_save_account, execution_save_details

NAMESPACE = uuid.UUID("5b0f3f8e-8d1f-4f7e-9b57-3a9e6f1c2d44")
SAMPLES = (
    ("submitted", (Status.SUBMITTED,)),
    ("under_enforcement", (Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION)),
)


def seed_executions() -> int:
    users = get_user_model().objects
    creditor = users.filter(national_id="1010000006").first()
    debtor = users.filter(national_id="2100000005").first()
    clerk = users.filter(national_id="1010000048").first()
    judge = users.filter(national_id="1010000055").first()
    if not all((creditor, debtor, clerk, judge)):
        return 0
    made = 0
    for number, (name, path) in enumerate(SAMPLES):
        token = uuid.uuid5(NAMESPACE, name)
        if Request.objects.filter(start_token=token).exists():
            continue
        request = request_start(service="enforcement", applicant=creditor, start_token=token)
        party_add(request=request, role=PartyRole.DEBTOR, id_number=debtor.national_id)
        execution_save_details(
            request=request,
            data={
                "request_type": "financial", "instrument_type": "cheque", "instrument_number": f"77881{number}",
                "instrument_date": "2026-10-01", "instrument_issuer": "مصرف الراجحي", "instrument_in_arabic": True,
                "amount": Decimal("25000.00"), "title_deeds": "",
            },
            actor=creditor,
        )  # fmt: skip
        execution_save_account(
            request=request, data={"creditor_iban": "SA0380000000608010167519"}, actor=creditor
        )
        for status in path:
            actor = {Status.SUBMITTED: creditor, Status.UNDER_REVIEW: clerk, Status.IN_PROGRESS: clerk}.get(
                status, judge
            )
            note = (
                "نأمر المنفذ ضده بسداد المبلغ المستحق خلال خمسة أيام."
                if status == Status.IN_EXECUTION
                else ""
            )
            request_transition(request=request, to=status, actor=actor, decision=note)
        made += 1
    return made
