"""The divorce deed: registered by a court or a ma'zoun, the wife told by SMS with the deed's number
and its issuer, both spouses seeing and downloading it (issue 14, point 2)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from contracts.models import DivorceDeed
from contracts.services.marriage import divorce_register
from requests_tracker.errors import TransitionForbidden
from requests_tracker.issuing import issued_for_request
from requests_tracker.models import OutboundMessage, PartyRole, Status

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

MAZOUN_NAME = "عبدالله محمد المطيري"
UNREGISTERED_WIFE = "1000000008"


@pytest.fixture
def mazoun(db):
    return UserFactory(roles=["mazoun"], name_ar=MAZOUN_NAME)


@pytest.fixture
def husband(db):
    return UserFactory(name_ar="فهد سعد العتيبي")


@pytest.fixture
def wife(db):
    return UserFactory(name_ar="سارة ناصر القحطاني")


def register(actor, husband_id, wife_id, **kwargs):
    details = {
        "kind": DivorceDeed.Kind.REVOCABLE,
        "divorced_on": timezone.localdate() - datetime.timedelta(days=3),
        "issuer": DivorceDeed.Issuer.MAZOUN,
        "issuer_name": MAZOUN_NAME,
        "marriage_deed_number": "4301775520",
        **kwargs,
    }
    return divorce_register(actor=actor, husband_id=husband_id, wife_id=wife_id, **details)


def deed_of(divorce: DivorceDeed):
    return issued_for_request(divorce.request).get()


def test_registered_by_a_mazoun_the_wife_is_told_the_number_and_the_issuer(mazoun, husband, wife):
    divorce = register(mazoun, husband.national_id, wife.national_id)
    assert divorce.request.status == Status.COMPLETED
    assert divorce.request.applicant == husband
    deed = deed_of(divorce)
    assert deed.kind == "divorce_deed"
    told = OutboundMessage.objects.get(request=divorce.request, event="divorce_registered", to=wife.phone)
    assert deed.number in told.body and MAZOUN_NAME in told.body
    assert OutboundMessage.objects.filter(
        request=divorce.request, event="divorce_registered", to=husband.phone
    ).exists()


def test_a_wife_not_registered_is_told_at_the_mobile_given(mazoun, husband):
    divorce = register(
        mazoun, husband.national_id, UNREGISTERED_WIFE, wife_name="هيا ناصر العمري", wife_phone="0551234567"
    )
    told = OutboundMessage.objects.get(
        request=divorce.request, event="divorce_registered", to="+966551234567"
    )
    assert deed_of(divorce).number in told.body


def test_with_the_husband_not_registered_the_wife_holds_the_request(mazoun, wife):
    divorce = register(mazoun, "1000000016", wife.national_id, husband_name="فهد سعد العتيبي")
    assert divorce.request.applicant == wife


def test_a_court_registers_as_a_court(husband, wife):
    judge = UserFactory(roles=["circuit_judge"])
    divorce = register(
        judge,
        husband.national_id,
        wife.national_id,
        kind=DivorceDeed.Kind.KHULA,
        issuer=DivorceDeed.Issuer.COURT,
        issuer_name="المحكمة العامة بالرياض",
    )
    told = OutboundMessage.objects.get(request=divorce.request, event="divorce_registered", to=wife.phone)
    assert "المحكمة العامة بالرياض" in told.body
    with pytest.raises(TransitionForbidden):
        register(judge, husband.national_id, wife.national_id)  # not as a ma'zoun


def test_a_citizen_or_a_notary_cannot_register_a_divorce(husband, wife):
    for outsider in (husband, UserFactory(), UserFactory(roles=["notary"])):
        with pytest.raises(TransitionForbidden):
            register(outsider, husband.national_id, wife.national_id)
    assert not DivorceDeed.objects.exists()


def test_both_spouses_see_it_in_my_requests_and_download_it_a_stranger_does_not(
    client, mazoun, husband, wife
):
    divorce = register(mazoun, husband.national_id, wife.national_id)
    deed = deed_of(divorce)
    url = reverse("issued_document_download", args=[divorce.request_id, deed.number])
    for spouse in (husband, wife):
        client.force_login(spouse)
        assert divorce.request.reference in client.get(reverse("my_requests")).content.decode()
        assert client.get(reverse("request_detail", args=[divorce.request_id])).status_code == 200
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(UserFactory())
    assert divorce.request.reference not in client.get(reverse("my_requests")).content.decode()
    assert client.get(url).status_code == 404


def test_the_deed_pdf_reads_in_arabic(mazoun, husband, wife):
    deed = deed_of(register(mazoun, husband.national_id, wife.national_id))
    pages = PdfReader(io.BytesIO(deed.pdf.read())).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    for part in ("صك طلاق", "فهد سعد العتيبي", "سارة ناصر القحطاني", "طلاق رجعي", MAZOUN_NAME, deed.number):
        assert part in text


def test_verify_with_the_number_and_the_wifes_id(client, mazoun, husband, wife):
    deed = deed_of(register(mazoun, husband.national_id, wife.national_id))
    assert set(deed.parties.values_list("role", flat=True)) == {PartyRole.HUSBAND, PartyRole.WIFE}
    page = client.post(reverse("verify"), {"number": deed.number, "national_id": wife.national_id})
    text = page.content.decode()
    assert MAZOUN_NAME in text and str(DivorceDeed.Kind.REVOCABLE.label) in text
    wrong = client.post(reverse("verify"), {"number": deed.number, "national_id": UserFactory().national_id})
    assert MAZOUN_NAME not in wrong.content.decode()


def test_the_admin_form_registers_for_a_mazoun_and_refuses_a_citizen(client, mazoun, husband, wife):
    add = reverse("admin:contracts_divorcedeed_add")
    client.force_login(mazoun)
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "husband_id": husband.national_id,
            "wife_id": wife.national_id,
            "kind": DivorceDeed.Kind.IRREVOCABLE,
            "divorced_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "marriage_deed_number": "4301775520",
            "issuer": DivorceDeed.Issuer.MAZOUN,
            "issuer_name": MAZOUN_NAME,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    divorce = DivorceDeed.objects.get()
    assert divorce.registered_by == mazoun and divorce.request.status == Status.COMPLETED
    client.force_login(husband)
    assert client.get(add).status_code in {302, 403}


def test_the_admin_form_asks_for_an_unregistered_wifes_mobile(client, mazoun, husband):
    client.force_login(mazoun)
    response = client.post(
        reverse("admin:contracts_divorcedeed_add"),
        {
            "husband_id": husband.national_id,
            "wife_id": UNREGISTERED_WIFE,
            "kind": DivorceDeed.Kind.REVOCABLE,
            "divorced_on": timezone.localdate().isoformat(),
            "issuer": DivorceDeed.Issuer.MAZOUN,
            "issuer_name": MAZOUN_NAME,
        },
    )
    assert response.status_code == 200
    assert not DivorceDeed.objects.exists()
