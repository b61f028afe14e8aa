"""The demo's title deeds and sample transfer: the citizen's three properties, one free, one
mortgaged, one sold to the resident and waiting for the notary; seeding twice changes nothing."""

import pytest

from contracts.demo.realty import CITIZEN, RESIDENT, seed
from contracts.models import PropertyTransfer, TitleDeed
from contracts.services.realty import property_transfer_save_details
from identity.demo import seed_people
from requests_tracker.access import staff_requests
from requests_tracker.models import IssuedDocument, Status
from requests_tracker.services import missing_answers, request_start

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_the_deeds_and_the_transfer_once():
    seed_people()
    seed()
    deeds = sorted(TitleDeed.objects.values_list("document__number", "owner_id"))
    documents = IssuedDocument.objects.count()
    seed()
    assert sorted(TitleDeed.objects.values_list("document__number", "owner_id")) == deeds
    assert IssuedDocument.objects.count() == documents
    assert [owner for _number, owner in deeds] == [CITIZEN] * 3
    assert PropertyTransfer.objects.count() == 1


def test_the_samples_stand_as_the_demo_says():
    seed_people()
    seed()
    citizen = TitleDeed.objects.filter(owner_id=CITIZEN)
    assert citizen.filter(city="الرياض", mortgagee="").count() == 2
    assert citizen.get(mortgagee="مصرف الراجحي").document.status == IssuedDocument.Status.VALID

    transfer = PropertyTransfer.objects.select_related("request").get()
    assert transfer.request.status == Status.IN_PROGRESS
    assert transfer.payment == PropertyTransfer.Payment.HELD
    assert transfer.request.parties.get(role="buyer").id_number == RESIDENT
    notary = UserFactory(roles=["notary"])
    assert transfer.request in staff_requests(notary, ["property_transfer"])

    # A sale of the mortgaged one is refused with the bank's name.
    seller = transfer.request.applicant
    draft = request_start(
        service="property_transfer", applicant=seller, start_token="3c1a7c0e-7b7e-4a0e-9e38-1a2b3c4d5e6f"
    )
    mortgaged = citizen.get(mortgagee="مصرف الراجحي")
    property_transfer_save_details(
        request=draft,
        actor=seller,
        data={"deed": mortgaged.pk, "price": 1000, "seller_iban": transfer.seller_iban},
    )
    assert any("مصرف الراجحي" in problem for problem in missing_answers(draft))
