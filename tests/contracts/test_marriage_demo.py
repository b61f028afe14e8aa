"""The marriage and divorce samples of `make run`, as the demo says they stand."""

import pytest
from django.urls import reverse

from contracts.demo import marriage as demo
from contracts.models import DivorceDeed, MarriageContract
from identity.demo import seed_people
from identity.models import User
from identity.services import terms_accept
from requests_tracker.consents import pending_consent
from requests_tracker.models import IssuedDocument, Status

pytestmark = pytest.mark.django_db


def seed():
    seed_people()
    for user in User.objects.all():  # signed in before: the terms are accepted
        terms_accept(user=user)
    return demo.seed()


def test_seeding_twice_gives_the_samples_once():
    seed()
    first = sorted(MarriageContract.objects.values_list("request__reference", "request__status"))
    documents = IssuedDocument.objects.count()
    seed()
    assert sorted(MarriageContract.objects.values_list("request__reference", "request__status")) == first
    assert IssuedDocument.objects.count() == documents == 1  # the divorce deed
    assert DivorceDeed.objects.count() == 1


def test_one_contract_awaits_the_demo_mazoun_the_other_the_bride(client):
    seed()
    mazoun = User.objects.get(national_id=demo.MAZOUN)
    with_mazoun = MarriageContract.objects.get(request__status=Status.IN_PROGRESS)
    assert with_mazoun.mazoun == mazoun and with_mazoun.request.assignee == mazoun
    awaiting = MarriageContract.objects.get(request__status=Status.SUBMITTED).request
    bride = User.objects.get(national_id=demo.BRIDE)
    assert pending_consent(awaiting, bride) is not None
    client.force_login(bride)
    assert client.get(reverse("consent_answer", args=[awaiting.pk])).status_code == 200
    client.force_login(mazoun)
    queue = client.get(reverse("admin:contracts_mazounqueue_changelist"), {"assigned": "me"})
    assert with_mazoun.request.reference in queue.content.decode()


def test_the_demo_citizen_finds_his_divorce_deed(client):
    seed()
    divorce = DivorceDeed.objects.select_related("request").get()
    client.force_login(User.objects.get(national_id=demo.CITIZEN))
    assert divorce.request.reference in client.get(reverse("my_requests")).content.decode()
    mazoun = User.objects.get(national_id=demo.MAZOUN)
    client.force_login(mazoun)
    assert client.get(reverse("admin:contracts_divorcedeed_changelist")).status_code == 200
    assert client.get(reverse("admin:contracts_divorcedeed_change", args=[divorce.pk])).status_code == 200
