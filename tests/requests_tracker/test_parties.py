"""Naming parties by ID: the registry answers for a registered person, look-ups are limited, a
registered person's name is shown by first and last name only, mobile numbers are Saudi mobiles."""

import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from identity.validators import luhn_check_digit
from requests_tracker.models import OutboundMessage, PartyRole, Request, Status
from requests_tracker.notifications import notify_event
from requests_tracker.parties import InvalidMobile, TooManyLookups, partial_name, saudi_mobile
from requests_tracker.services import party_add, request_party_add, request_transition

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _registered(party_service):
    """Every test here files on the service that takes parties."""


@pytest.fixture
def filing(client, citizen):
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    client.post(reverse("service_start", args=["party_service"]), {"start_token": str(uuid.uuid4())})
    return Request.objects.get(service="party_service", applicant=citizen)


def arabic_digits(text: str) -> str:
    """As typed on an Arabic keyboard."""
    return text.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def national_id(number: int) -> str:
    partial = f"1{number:08d}"
    return partial + luhn_check_digit(partial)


def add(client, draft, **fields):
    return client.post(
        reverse("wizard_step", args=[draft.pk, "parties"]),
        {"action": "add", "role": "defendant", "id_type": "national_id", **fields},
    )


def test_a_registered_person_is_named_and_reached_as_the_registry_says_whatever_was_typed(client, filing):
    registered = UserFactory(name_ar="محمد بن سعد عبدالله العتيبي", phone="+966501112222")
    add(
        client,
        filing,
        id_number=registered.national_id,
        name="Somebody Else",
        phone="0559998888",
    )
    party = filing.parties.get(role="defendant")
    assert party.user == registered
    assert party.name == "محمد بن سعد عبدالله العتيبي", "staff read the registry's full name"
    assert party.phone == "+966501112222", "a typed number is never stored for a registered person"

    for page in (
        client.get(reverse("wizard_step", args=[filing.pk, "parties"])).text,
        client.get(reverse("wizard_step", args=[filing.pk, "review"])).text,
    ):
        assert "محمد … العتيبي" in page
        assert "بن سعد عبدالله" not in page and "Somebody Else" not in page


def test_the_request_page_shows_a_registered_party_partly_to_others_and_whole_to_themself(
    client, filing, citizen
):
    registered = UserFactory(name_ar="سارة علي إبراهيم الشهري")
    add(client, filing, id_number=registered.national_id)
    request_transition(request=filing, to=Status.SUBMITTED, actor=citizen)

    page = client.get(reverse("request_detail", args=[filing.pk])).text
    assert "سارة … الشهري" in page and "علي إبراهيم" not in page


def test_notices_go_to_the_registrys_number_even_for_a_person_named_before_registering(filing, citizen):
    id_number = national_id(4242)
    party = request_party_add(
        request=filing,
        actor=citizen,
        role=PartyRole.WITNESS,
        id_type="national_id",
        id_number=id_number,
        name="شاهد",
        phone="0512345678",
    )
    assert party.user is None and party.phone == "+966512345678"

    UserFactory(national_id=id_number, phone="+966587654321")  # the witness signs in to the portal
    notify_event(event="party_named", request=filing, recipients=[party], params={"status": "x"})
    assert list(OutboundMessage.objects.filter(channel="sms").values_list("to", flat=True)) == [
        "+966587654321"
    ]


def test_a_number_of_another_id_type_is_not_taken_for_a_registered_national_id(filing, citizen):
    registered = UserFactory()
    party = request_party_add(
        request=filing,
        actor=citizen,
        role=PartyRole.DEFENDANT,
        id_type="commercial_register",
        id_number=registered.national_id,
        name="مؤسسة النخيل التجارية",
        phone="0512345678",
    )
    assert party.user is None and party.name == "مؤسسة النخيل التجارية"


def test_look_ups_are_limited_per_person_with_a_reason_in_their_language(client, filing, citizen):
    for number in range(20):
        request_party_add(
            request=filing,
            actor=citizen,
            role=PartyRole.WITNESS,
            id_type="national_id",
            id_number=national_id(number),
            name="شاهد",
            phone="0512345678",
        )
    registered = UserFactory(name_ar="خالد ناصر القحطاني")
    response = add(client, filing, id_number=registered.national_id)
    assert "You have looked up 20 ID numbers in the last hour" in response.text
    assert "خالد" not in response.text, "past the limit the registry's answer is not given"
    assert not filing.parties.filter(role="defendant").exists()

    with translation.override("en"), pytest.raises(TooManyLookups):
        request_party_add(
            request=filing,
            actor=citizen,
            role=PartyRole.DEFENDANT,
            id_type="national_id",
            id_number=registered.national_id,
        )

    # Another person filing has a limit of their own.
    other = UserFactory()
    other_draft = Request.objects.create(
        reference="PRT-1448-999999", service="party_service", applicant=other
    )
    party = request_party_add(
        request=other_draft,
        actor=other,
        role=PartyRole.DEFENDANT,
        id_type="national_id",
        id_number=registered.national_id,
    )
    assert party.user == registered


@pytest.mark.parametrize(
    "typed",
    [
        "0512345678",
        "512345678",
        "+966512345678",
        "00966512345678",
        "966512345678",
        "051-234-5678",
        "051 234 5678",
        "+966 51 234 5678",
        "٠٥١٢٣٤٥٦٧٨",
        "+٩٦٦٥١٢٣٤٥٦٧٨",
        "۰۵۱۲۳۴۵۶۷۸",
    ],
)
def test_saudi_mobile_numbers_are_stored_in_one_form(typed):
    assert saudi_mobile(typed) == "+966512345678"


@pytest.mark.parametrize(
    "typed",
    [
        "0112345678",
        "05123",
        "051234567890",
        "+971512345678",
        "phone",
        arabic_digits("0512345x"),
        "+966 4 123 4567",
    ],
)
def test_anything_else_is_not_a_saudi_mobile_number(typed):
    with pytest.raises(InvalidMobile):
        saudi_mobile(typed)


def test_the_wizard_says_what_a_mobile_number_looks_like_and_stores_it_in_one_form(client, filing):
    refused = add(client, filing, role="witness", id_number=national_id(7), name="شاهد", phone="12345")
    assert "Enter a Saudi mobile number, such as 05XXXXXXXX or +9665XXXXXXXX." in refused.text
    assert not filing.parties.filter(role="witness").exists()

    add(
        client,
        filing,
        role="witness",
        id_number=arabic_digits(national_id(7)),
        name="شاهد",
        phone=arabic_digits("050 123 4567"),
    )
    witness = filing.parties.get(role="witness")
    assert witness.phone == "+966501234567"
    assert witness.id_number == national_id(7), "Arabic-Indic digits of an ID are read as the registry's"


def test_party_add_refuses_a_number_that_is_not_a_mobile_whoever_calls_it(filing):
    with pytest.raises(InvalidMobile):
        party_add(
            request=filing, role=PartyRole.WITNESS, id_number=national_id(9), name="شاهد", phone="0112345678"
        )


@pytest.mark.parametrize(
    ("full", "shown"),
    [
        ("محمد سعد العتيبي", "محمد … العتيبي"),
        ("عبد الله محمد سعد الغامدي", "عبد الله … الغامدي"),
        ("فيصل تركي بن عبدالعزيز آل سعود", "فيصل … آل سعود"),
        ("نورة الحربي", "نورة الحربي"),
        ("Mohammed bin Saad Al Otaibi", "Mohammed … Al Otaibi"),
    ],
)
def test_a_registered_name_is_shown_by_its_first_and_last_names(full, shown):
    assert partial_name(full) == shown
