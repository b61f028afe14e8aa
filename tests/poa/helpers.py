"""Issuing powers of attorney in tests the way the portal does: through the service functions,
with the one-time codes read from the development SMS outbox."""

import datetime
import re
import uuid
from decimal import Decimal

from django.test import TestCase
from django.utils import timezone

from identity.confirmations import confirmation_check, confirmation_send
from identity.models import LawyerLicence, OutboxMessage
from poa.models import PoaType
from poa.services import poa_save_details
from requests_tracker.consents import consent_give, consent_purpose
from requests_tracker.models import IdType, OutboundMessage, PartyRole
from requests_tracker.services import (
    document_add,
    request_party_add,
    request_start,
    request_submit,
    submit_purpose,
)

from ..factories import UserFactory
from ..files import pdf_upload


def lawyer(**kwargs):
    user = UserFactory(roles=["lawyer"], **kwargs)
    user.is_staff = False
    user.save(update_fields=["is_staff"])
    LawyerLicence.objects.create(
        user=user,
        number=f"L-{user.national_id}",
        expires_on=timezone.localdate() + datetime.timedelta(days=400),
    )
    return user


def last_code(user) -> str:
    message = OutboxMessage.objects.filter(recipient=user.phone).order_by("-pk").first()
    # Six digits standing alone: not the tail of a reference such as POA-1448-000012 in the act.
    return re.search(r"(?<![-\d])(\d{6})(?!\d)", message.body).group(1)


def confirm(user, purpose: str) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        confirmation_send(user=user, purpose=purpose, act="test")
    confirmation_check(user=user, purpose=purpose, code=last_code(user))


def draft_poa(
    principal,
    agents,
    *,
    clauses=("pleading", "enforcement_application"),
    poa_type=PoaType.JUDICIAL,
    co_principals=(),
    ends_in_days=180,
    may_delegate=False,
    **details,
):
    draft = request_start(service="poa", applicant=principal, start_token=uuid.uuid4())
    for agent in agents:
        request_party_add(
            request=draft,
            actor=principal,
            role=PartyRole.AGENT,
            id_type=IdType.NATIONAL_ID,
            id_number=agent.national_id,
        )
    for other in co_principals:
        request_party_add(
            request=draft,
            actor=principal,
            role=PartyRole.PRINCIPAL,
            id_type=IdType.NATIONAL_ID,
            id_number=other.national_id,
        )
    poa_save_details(
        request=draft,
        actor=principal,
        data={
            "poa_type": poa_type,
            "clauses": list(clauses),
            "may_delegate": may_delegate,
            "ends_on": timezone.localdate() + datetime.timedelta(days=ends_in_days),
            "company_name": details.get("company_name", ""),
            "commercial_register": details.get("commercial_register", ""),
        },
    )
    return draft


def issue_poa(principal, agents, **kwargs):
    """A POA confirmed by its principal's code and submitted (issued at once with no co-principal)."""
    draft = draft_poa(principal, agents, **kwargs)
    confirm(principal, submit_purpose(draft))
    request_submit(request=draft, actor=principal)
    draft.refresh_from_db()
    return draft


def answer(principal, request, *, accept=True):
    confirm(principal, consent_purpose(request))
    consent_give(request=request, actor=principal, accept=accept)
    request.refresh_from_db()


def sms_to(event: str, request=None) -> set[str]:
    """The mobiles an SMS of ``event`` was written to (on ``request`` if given)."""
    messages = OutboundMessage.objects.filter(event=event, channel="sms")
    if request is not None:
        messages = messages.filter(request=request)
    return set(messages.values_list("to", flat=True))


def enforcement_filed_for(agent, client, debtor=None):
    """An enforcement request the ``agent`` files for ``client`` under his POA and submits."""
    from enforcement.services import execution_save_account, execution_save_details

    from ..enforcement.helpers import DEBTOR_PARTICULARS, bank_account

    debtor = debtor or UserFactory()
    filed = request_start(
        service="enforcement", applicant=agent, represented=client, start_token=uuid.uuid4()
    )
    execution_save_details(
        request=filed,
        data={
            "request_type": "financial", "instrument_type": "cheque", "instrument_number": "778812",
            "instrument_date": "2026-10-01", "instrument_issuer": "Al Rajhi Bank", "instrument_in_arabic": True,
            "amount": Decimal("10000.00"), "title_deeds": "",
        },
        actor=agent,
    )  # fmt: skip
    # Paid into the client's own account: the creditor is the client, not his agent.
    execution_save_account(request=filed, data={"creditor_iban": bank_account(client).iban}, actor=agent)
    request_party_add(request=filed, actor=agent, role=PartyRole.DEBTOR, id_type=IdType.NATIONAL_ID,
                      id_number=debtor.national_id, **DEBTOR_PARTICULARS)  # fmt: skip
    document_add(request=filed, actor=agent, upload=pdf_upload("cheque.pdf"), kind="instrument")
    request_submit(request=filed, actor=agent)
    filed.refresh_from_db()
    return filed


def poa_stop_against(debtor):
    """An enforcement request whose debtor is ``debtor``, with the Article 46 stop of POAs over
    money in force: the judge issued Decision 46 on day five."""
    from enforcement.services import decision_46_issue

    from ..enforcement.orders import day, debtor_row, execution_order

    filed = execution_order(debtors=[debtor])
    day(filed, 5)
    decision_46_issue(debtor=debtor_row(filed), actor=filed.judge)
    return filed
