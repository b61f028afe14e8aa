"""Sample title deeds and a property transfer for `make run`.

The demo citizen (1010000006) owns three properties: one free in Riyadh, one mortgaged to a bank
(its transfer is refused with the mortgagee's name), and one he is selling to the demo resident
(2100000005), who has accepted and paid: it waits in the notary's queue. As in the POA samples
(``poa.demo``), the one-time codes are recorded as used, since no SMS leaves the seeding's
transaction to be read back.
"""

import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model

from identity.demo import confirmed_for_demo
from requests_tracker.consents import consent_give, consent_purpose
from requests_tracker.models import PartyRole, Request
from requests_tracker.services import party_add, request_start, request_submit, submit_purpose

from ..models import TitleDeed
from ..services.realty import SERVICE, property_transfer_save_details, title_deed_register

NAMESPACE = uuid.UUID("5b0f3f7e-8a7c-4d8e-a2a1-6f1c9e2d4b37")
CITIZEN, RESIDENT = "1010000006", "2100000005"
SELLER_IBAN = "SA0380000000608010167519"

# city, district, plot number, area (m²), mortgagee
DEEDS = (
    ("الرياض", "حي النرجس", "1204", Decimal("625.00"), ""),
    ("جدة", "حي الشاطئ", "318", Decimal("900.00"), "مصرف الراجحي"),
    ("الرياض", "حي الملقا", "2231", Decimal("480.50"), ""),
)
SOLD_PLOT = "2231"
PRICE = Decimal("1250000.00")


def seed_title_deeds(citizen) -> dict[str, TitleDeed]:
    """The citizen's three deeds, by plot number; those already registered are kept."""
    deeds = {}
    for city, district, plot, area, mortgagee in DEEDS:
        deed = TitleDeed.objects.filter(
            owner_id=citizen.national_id,
            city=city,
            district=district,
            plot_number=plot,
            previous__isnull=True,
        ).first()
        if deed is None:
            deed = title_deed_register(
                owner=citizen, city=city, district=district, plot_number=plot, area=area, mortgagee=mortgagee
            )
        deeds[plot] = deed
    return deeds


def seed_transfer(citizen, resident, deed: TitleDeed) -> int:
    token = uuid.uuid5(NAMESPACE, "with_the_notary")
    if Request.objects.filter(start_token=token).exists():
        return 0
    draft = request_start(service=SERVICE, applicant=citizen, start_token=token)
    party_add(request=draft, role=PartyRole.BUYER, id_number=resident.national_id)
    property_transfer_save_details(
        request=draft,
        actor=citizen,
        data={"deed": deed.pk, "price": PRICE, "seller_iban": SELLER_IBAN},
    )
    confirmed_for_demo(citizen, submit_purpose(draft))
    request_submit(request=draft, actor=citizen)
    confirmed_for_demo(resident, consent_purpose(draft))
    consent_give(request=draft, actor=resident, accept=True)
    return 1


def seed() -> str:
    users = {
        user.national_id: user
        for user in get_user_model().objects.filter(national_id__in=(CITIZEN, RESIDENT))
    }
    if len(users) < 2:
        return "0 sample title deeds"
    deeds = seed_title_deeds(users[CITIZEN])
    made = seed_transfer(users[CITIZEN], users[RESIDENT], deeds[SOLD_PLOT])
    return f"{len(deeds)} sample title deeds, {made} sample property transfer"
