"""A sample agreed custody for `make run`, awaiting the notary (1010000063): the demo lawyer
(1010000014), as the mother, files it with the demo citizen (1010000006) as the father; two demo
citizens witness. Through the service functions, the codes recorded as used (see acknowledgment.py)."""

import uuid

from django.contrib.auth import get_user_model

from requests_tracker.models import PartyRole, Request
from requests_tracker.services import party_add, request_start

from ..services.custody import custody_save_details
from .acknowledgment import accepted_by_all

NAMESPACE = uuid.UUID("9a3e6c15-2f7b-4d08-b4c9-6e1f0a2d7b54")
CUSTODIAN, FATHER = "1010000014", "1010000006"
# The first two of these registered: the demo resident, then the marriage sample's witnesses.
WITNESSES = ("2100000005", "1010000428", "1010000436")
CHILDREN = (
    {"name": "جود محمد العتيبي", "id": "1130000037", "birth_date": "2017-03-09"},
    {"name": "عبدالله محمد العتيبي", "id": "1130000045", "birth_date": "2020-12-21"},
)


def seed_custody_agreements() -> int:
    token = uuid.uuid5(NAMESPACE, "awaiting_notary")
    if Request.objects.filter(start_token=token).exists():
        return 0  # already seeded
    users = get_user_model().objects
    custodian = users.filter(national_id=CUSTODIAN).first()
    father = users.filter(national_id=FATHER).first()
    witnesses = [
        user
        for national_id in WITNESSES
        if (user := users.filter(national_id=national_id).first()) is not None
    ][:2]
    if custodian is None or father is None or len(witnesses) < 2:
        return 0
    draft = request_start(service="custody_agreement", applicant=custodian, start_token=token)
    party_add(request=draft, role=PartyRole.FATHER, id_number=father.national_id)
    for witness in witnesses:
        party_add(request=draft, role=PartyRole.WITNESS, id_number=witness.national_id)
    custody_save_details(
        request=draft,
        actor=custodian,
        data={
            "children": list(CHILDREN),
            "reason": "انفصال الوالدين، واتفاقهما على بقاء الطفلين مع والدتهما لصغر سنهما",
            "visitation": "يزور الأب الطفلين كل خميس وجمعة، ويصطحبهما نصف إجازة الصيف",
        },
    )
    accepted_by_all(draft, custodian)
    return 1


def seed() -> str:
    return f"{seed_custody_agreements()} sample agreed custody"
