"""Property transfers in tests the way the portal makes them: deeds entered through the registry's
service, requests through the wizard's services, codes read from the development SMS outbox."""

import uuid
from decimal import Decimal

from django.test import TestCase

from contracts.services.realty import SERVICE, property_transfer_save_details, title_deed_register
from requests_tracker.models import IdType, PartyRole, Status
from requests_tracker.services import request_party_add, request_start, request_submit, request_transition

from ..factories import UserFactory
from ..poa.helpers import answer, confirm

IBAN = "SA0380000000608010167519"
PRICE = Decimal("1250000.00")


def deed_for(owner, *, district="حي النرجس", city="الرياض", plot="1204", area="625.00", mortgagee=""):
    return title_deed_register(
        owner=owner, city=city, district=district, plot_number=plot, area=area, mortgagee=mortgagee
    )


def draft_transfer(seller, buyer, deed, *, agent=None, price=PRICE):
    """A transfer filed by ``seller`` (or his ``agent``) to ``buyer``, every step answered."""
    applicant = agent or seller
    draft = request_start(
        service=SERVICE, applicant=applicant, represented=seller if agent else None, start_token=uuid.uuid4()
    )
    if buyer is not None:
        request_party_add(
            request=draft,
            actor=applicant,
            role=PartyRole.BUYER,
            id_type=IdType.NATIONAL_ID,
            id_number=buyer.national_id,
        )
    property_transfer_save_details(
        request=draft, actor=applicant, data={"deed": deed.pk, "price": price, "seller_iban": IBAN}
    )
    return draft


def submit(draft, actor):
    from requests_tracker.services import submit_purpose

    confirm(actor, submit_purpose(draft))
    with TestCase.captureOnCommitCallbacks(execute=True):
        request_submit(request=draft, actor=actor)
    draft.refresh_from_db()
    return draft


def accepted_transfer(seller, buyer, deed, **kwargs):
    """Filed, submitted with the seller's code and accepted with the buyer's: with the notary."""
    filed = submit(draft_transfer(seller, buyer, deed, **kwargs), kwargs.get("agent") or seller)
    answer(buyer, filed)
    assert filed.status == Status.IN_PROGRESS
    return filed


def notary():
    return UserFactory(roles=["notary"])


def approve(filed, by=None):
    request_transition(request=filed, to=Status.COMPLETED, actor=by or notary())
    filed.refresh_from_db()
    return filed
