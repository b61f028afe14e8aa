"""Sample marriage contracts and a divorce deed for `make run`.

* The demo citizen (1010000006) marries the demo lawyer (1010000014), her brother her guardian:
  every party has accepted, and the contract awaits the demo ma'zoun (1010000071).
* The demo resident (2100000005), not a Saudi citizen, with his medical screening certificate,
  marries the demo bride (1010000402), her father (1010000410) her guardian: the guardian and the
  witnesses have accepted, and the bride's answer is awaited (for 48 hours after seeding).
* The demo ma'zoun registered the demo citizen's earlier divorce, from a wife not registered in
  the portal: he finds the deed under My requests.

Everything goes through the service functions. The one-time codes are the only step done
otherwise, as in poa/demo.py: the confirmation is recorded as used, which is what
``request_submit`` and ``consent_give`` check.
"""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from identity.demo import confirmed_for_demo
from requests_tracker.consents import consent_give, consent_purpose
from requests_tracker.models import PartyRole, Request
from requests_tracker.pdf import render_pdf
from requests_tracker.services import document_add, party_add, request_start, request_submit, submit_purpose

from ..models import DivorceDeed
from ..services.marriage import MARRIAGE_SERVICE, SCREENING_DOCUMENT, divorce_register, marriage_save_details

NAMESPACE = uuid.UUID("5b0f3c2e-8a61-4c7d-9e15-2f4d6a8b9c30")
CITIZEN, LAWYER, MAZOUN, RESIDENT = "1010000006", "1010000014", "1010000071", "2100000005"
BRIDE, FATHER, MAJED, TURKI = "1010000402", "1010000410", "1010000428", "1010000436"

# name, husband, wife, guardian, witnesses, who has accepted, advanced and deferred dowry, conditions
CONTRACTS = (
    ("awaiting_mazoun", CITIZEN, LAWYER, TURKI, (MAJED, FATHER), "all", "50000", "20000",
     "أن تُكمل الزوجة عملها في المحاماة."),
    ("awaiting_bride", RESIDENT, BRIDE, FATHER, (MAJED, TURKI), (FATHER, MAJED, TURKI), "40000", "30000", ""),
)  # fmt: skip
# The demo citizen's former wife, not registered in the portal: told of the divorce by SMS.
FORMER_WIFE, FORMER_WIFE_NAME, FORMER_WIFE_MOBILE = "1010000519", "هيا بنت ناصر العمري", "+966500000045"


def _screening_certificate() -> SimpleUploadedFile:
    html = (
        '<html lang="ar" dir="rtl"><body><h1>شهادة الفحص الطبي قبل الزواج</h1>'
        "<p>نتيجة الفحص: متوافق.</p></body></html>"
    )
    return SimpleUploadedFile("screening.pdf", render_pdf(html), content_type="application/pdf")


def _seed_contract(users, name, husband, wife, guardian, witnesses, accepted, advanced, deferred, conditions):
    token = uuid.uuid5(NAMESPACE, name)
    if Request.objects.filter(start_token=token).exists():
        return 0
    applicant = users[husband]
    draft = request_start(service=MARRIAGE_SERVICE, applicant=applicant, start_token=token)
    party_add(request=draft, role=PartyRole.WIFE, id_number=wife)
    party_add(request=draft, role=PartyRole.GUARDIAN, id_number=guardian)
    for witness in witnesses:
        party_add(request=draft, role=PartyRole.WITNESS, id_number=witness)
    marriage_save_details(
        request=draft,
        actor=applicant,
        data={
            "mazoun": users[MAZOUN],
            "dowry_advanced": Decimal(advanced),
            "dowry_deferred": Decimal(deferred),
            "conditions": conditions,
        },
    )
    if husband.startswith("2"):
        document_add(request=draft, actor=applicant, upload=_screening_certificate(), kind=SCREENING_DOCUMENT)
    confirmed_for_demo(applicant, submit_purpose(draft))
    request_submit(request=draft, actor=applicant)
    answering = (wife, guardian, *witnesses) if accepted == "all" else accepted
    for national_id in answering:
        confirmed_for_demo(users[national_id], consent_purpose(draft))
        consent_give(request=draft, actor=users[national_id], accept=True)
    return 1


def seed() -> str:
    """Create the samples not made yet; running it twice changes nothing."""
    wanted = (CITIZEN, LAWYER, MAZOUN, RESIDENT, BRIDE, FATHER, MAJED, TURKI)
    users = {user.national_id: user for user in get_user_model().objects.filter(national_id__in=wanted)}
    if len(users) < len(wanted):
        return "marriage: demo people missing"
    made = sum(_seed_contract(users, *sample) for sample in CONTRACTS)
    divorces = 0
    if not DivorceDeed.objects.filter(
        registered_by=users[MAZOUN], request__parties__id_number=FORMER_WIFE
    ).exists():
        divorce_register(
            actor=users[MAZOUN],
            husband_id=CITIZEN,
            wife_id=FORMER_WIFE,
            wife_name=FORMER_WIFE_NAME,
            wife_phone=FORMER_WIFE_MOBILE,
            kind=DivorceDeed.Kind.REVOCABLE,
            divorced_on=timezone.localdate() - datetime.timedelta(days=400),
            issuer=DivorceDeed.Issuer.MAZOUN,
            issuer_name=users[MAZOUN].name_ar,
            marriage_deed_number="4301775520",
        )
        divorces = 1
    return f"marriage: {made} contracts, {divorces} divorce deed"
