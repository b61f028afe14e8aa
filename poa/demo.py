"""Sample powers of attorney for `make run`, one in each standing a person meets.

The demo citizen (1010000006) gives the demo lawyer (1010000014) a judicial POA in force, so that
she has a client at /poa/clients/ and may file enforcement for him; he has a POA partially
terminated (one of its two agents revoked), a revoked one, and a business representative's POA in
the notary's queue. The demo resident (2100000005) names the demo citizen a co-principal of a POA
that awaits his answer (for 48 hours after seeding; then it lapses, as any would).

Every sample goes through the service functions, as the wizard would. The one-time code that
confirms the submission is the only step done otherwise: the seeding runs in one transaction, so
no SMS leaves before it ends and no code could be read back. The confirmation is recorded as used,
which is what ``request_submit`` and ``consent_give`` check (``confirmation_used``).
"""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from identity.demo import confirmed_for_demo
from requests_tracker.models import PartyRole, Request
from requests_tracker.services import party_add, request_start, request_submit, submit_purpose

from .models import PoaType
from .services import agent_parties, poa_revoke, poa_save_details

NAMESPACE = uuid.UUID("0c6c8f57-3d1e-4a43-b1f4-7e0f2a9d5c61")
CITIZEN, LAWYER, RESIDENT = "1010000006", "1010000014", "2100000005"

# name, principal, co-principals, agents, type, clauses, days it lasts, company, revoked agents:
# None keeps every agent, "all" revokes the POA, otherwise the national IDs whose authority ends.
SAMPLES = (
    ("judicial", CITIZEN, (), (LAWYER,), PoaType.JUDICIAL, ("pleading", "enforcement_application"), 180, None, None),
    ("partially_terminated", CITIZEN, (), (RESIDENT, LAWYER), PoaType.SPECIAL, ("traffic", "civil_affairs"), 90,
     None, (RESIDENT,)),
    ("revoked", CITIZEN, (), (RESIDENT,), PoaType.GENERAL, ("passports", "municipal"), 120, None, "all"),
    ("awaiting_co_principal", RESIDENT, (CITIZEN,), (LAWYER,), PoaType.JUDICIAL, ("pleading", "appeal"), 200, None,
     None),
    ("business", CITIZEN, (), (RESIDENT,), PoaType.BUSINESS, ("commercial_register", "company_meetings"), 300,
     ("شركة العتيبي للتجارة", "1010654321"), None),
)  # fmt: skip


def seed_powers_of_attorney() -> int:
    """Create the samples not made yet; running it twice changes nothing. Returns how many it made."""
    users = {
        user.national_id: user
        for user in get_user_model().objects.filter(national_id__in=(CITIZEN, LAWYER, RESIDENT))
    }
    if len(users) < 3:
        return 0
    made = 0
    today = timezone.localdate()
    for name, principal, co_principals, agents, poa_type, clauses, days, company, revoked in SAMPLES:
        token = uuid.uuid5(NAMESPACE, name)
        if Request.objects.filter(start_token=token).exists():
            continue  # already seeded
        applicant = users[principal]
        draft = request_start(service="poa", applicant=applicant, start_token=token)
        for national_id in agents:
            party_add(request=draft, role=PartyRole.AGENT, id_number=national_id)
        for national_id in co_principals:
            party_add(request=draft, role=PartyRole.PRINCIPAL, id_number=national_id)
        company_name, register = company or ("", "")
        poa_save_details(
            request=draft,
            actor=applicant,
            data={
                "poa_type": poa_type,
                "clauses": list(clauses),
                "may_delegate": False,
                "ends_on": today + datetime.timedelta(days=days),
                "company_name": company_name,
                "commercial_register": register,
            },
        )
        confirmed_for_demo(applicant, submit_purpose(draft))
        request_submit(request=draft, actor=applicant)
        if revoked == "all":
            poa_revoke(request=draft, actor=applicant)
        elif revoked:
            for agent in [party for party in agent_parties(draft) if party.id_number in revoked]:
                poa_revoke(request=draft, actor=applicant, agent_pk=agent.pk)
        made += 1
    return made
