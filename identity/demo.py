"""Demo people, one per role, for `make run`. Never loaded in production."""

from django.contrib.auth.models import Group

from .models import User
from .roles import STAFF_ROLES, Role

DEMO_PASSWORD = "Najiz-Demo-1447"  # noqa: S105 - the published password of the demo accounts

DEMO_PEOPLE = (
    # national ID, role, Arabic name, English name, phone
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
)


def seed_people() -> int:
    """Create or refresh the demo people; running it twice changes nothing. Returns how many exist."""
    for national_id, role, name_ar, name_en, phone in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            national_id=national_id,
            defaults={
                "name_ar": name_ar,
                "name_en": name_en,
                "phone": phone,
                "email": f"{national_id}@demo.najiz.localhost",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.is_staff = role in STAFF_ROLES
        user.save()
        if role != Role.CITIZEN:
            user.groups.add(Group.objects.get(name=role))
    return len(DEMO_PEOPLE)
