"""Demo people for `make run`: one per role in the national SSO's registry and in the portal, plus
an inactive account and one whose phone is not verified. Never loaded in production, except in a
demonstration deployment (DEMO_MODE)."""

import datetime

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from .models import ConfirmationCode, LawyerLicence, Person, User
from .roles import STAFF_ROLES, Role

DEMO_PASSWORD = "Najiz-Demo-1447"  # noqa: S105 - the published password of the demo accounts

INACTIVE = "inactive"
UNVERIFIED_PHONE = "unverified phone"

# national ID, role, Arabic name, English name, mobile
DEMO_PEOPLE = (
    ("1010000006", Role.CITIZEN, "محمد بن سعد العتيبي", "Mohammed Saad Alotaibi", "+966500000001"),
    ("1010000014", Role.LAWYER, "نورة بنت عبدالله القحطاني", "Noura Abdullah Alqahtani", "+966500000002"),
    ("1010000022", Role.CLAIMS_CLERK, "خالد بن فهد الشهري", "Khalid Fahad Alshehri", "+966500000003"),
    (
        "1010000030",
        Role.CIRCUIT_JUDGE,
        "عبدالرحمن بن ناصر الدوسري",
        "Abdulrahman Nasser Aldosari",
        "+966500000004",
    ),
    ("1010000048", Role.ENFORCEMENT_CLERK, "ريم بنت علي الغامدي", "Reem Ali Alghamdi", "+966500000005"),
    ("1010000055", Role.ENFORCEMENT_JUDGE, "فيصل بن عمر الحربي", "Faisal Omar Alharbi", "+966500000006"),
    ("1010000063", Role.NOTARY, "سارة بنت إبراهيم الزهراني", "Sarah Ibrahim Alzahrani", "+966500000007"),
    ("1010000071", Role.MAZOUN, "عبدالله بن محمد المطيري", "Abdullah Mohammed Almutairi", "+966500000008"),
    ("1010000089", Role.SUPERVISOR, "هند بنت سلمان السبيعي", "Hind Salman Alsubaie", "+966500000009"),
    ("2100000005", Role.CITIZEN, "أحمد حسن علي", "Ahmed Hassan Ali", "+966500000010"),
    ("1010000097", INACTIVE, "سلطان بن راشد العنزي", "Sultan Rashed Alanazi", "+966500000011"),
    ("1010000105", UNVERIFIED_PHONE, "لطيفة بنت حمد الشمري", "Latifa Hamad Alshammari", "+966500000012"),
    # A marriage (contracts/demo/marriage.py): the bride, her father and guardian, two witnesses.
    ("1010000402", Role.CITIZEN, "ريم بنت عبدالعزيز الشهراني", "Reem Abdulaziz Alshahrani", "+966500000041"),
    ("1010000410", Role.CITIZEN, "عبدالعزيز بن سعيد الشهراني", "Abdulaziz Saeed Alshahrani", "+966500000042"),
    ("1010000428", Role.CITIZEN, "ماجد بن خالد الحربي", "Majed Khalid Alharbi", "+966500000043"),
    ("1010000436", Role.CITIZEN, "تركي بن عبدالله القحطاني", "Turki Abdullah Alqahtani", "+966500000044"),
)


def seed_people() -> int:
    """Create or refresh the demo people; running it twice changes nothing. Returns how many exist."""
    password = make_password(DEMO_PASSWORD)
    for national_id, role, name_ar, name_en, phone in DEMO_PEOPLE:
        person, _created = Person.objects.get_or_create(
            national_id=national_id,
            defaults={
                "id_type": Person.IdType.RESIDENT if national_id.startswith("2") else Person.IdType.CITIZEN,
                "name_ar": name_ar,
                "name_en": name_en,
                "birth_date": datetime.date(1988, 3, 14),
                "phone": phone,
                "email": f"{national_id}@demo.najiz.localhost",
                "password": password,
            },
        )
        person.is_active = role != INACTIVE
        person.phone_verified = role != UNVERIFIED_PHONE
        person.save(update_fields=["is_active", "phone_verified"])
        if person.is_active and person.phone_verified:
            _provision_portal_user(person, role)
    return len(DEMO_PEOPLE)


def _provision_portal_user(person: Person, role: str) -> None:
    """Demo people are known to the portal before they first sign in (so that sample requests have
    their applicant), staff and lawyers with their role; the first sign-in links them by national ID."""
    user, created = User.objects.get_or_create(
        national_id=person.national_id,
        defaults={
            "name_ar": person.name_ar,
            "name_en": person.name_en,
            "phone": person.phone,
            "email": person.email,
            "birth_date": person.birth_date,
        },
    )
    if created:
        user.set_unusable_password()
    user.is_staff = role in STAFF_ROLES
    user.save()
    if role != Role.CITIZEN:
        user.groups.add(Group.objects.get(name=role))
    if role == Role.LAWYER:
        LawyerLicence.objects.get_or_create(
            user=user, defaults={"number": "L-44-10231", "expires_on": datetime.date(2030, 12, 31)}
        )


def confirmed_for_demo(user, purpose: str) -> None:
    """Record that ``user`` confirmed ``purpose`` with a one-time code just now: the demo's samples
    are submitted and answered as people would, without codes to read (what ``request_submit`` and
    ``consent_give`` check is that a confirmation was used, ``confirmation_used``)."""
    now = timezone.now()
    ConfirmationCode.objects.update_or_create(
        user=user,
        purpose=purpose,
        defaults={"code_hash": "", "sent_at": now, "expires_at": now, "used_at": now, "wrong_entries": 0},
    )
