"""Sample enforcement requests: the demo citizen is the creditor, the demo resident the debtor; and
the mock banks' accounts of the demo people."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from identity.demo import DEMO_PEOPLE
from identity.roles import STAFF_ROLES, Role
from requests_tracker.models import IdType, PartyRole, Request, Status
from requests_tracker.services import party_add, request_start, request_transition

from .models import BankAccount
from .services import execution_save_account, execution_save_details
from .validators import saudi_iban

# The account the sample requests are paid into: the demo citizen's, at Al Rajhi (bank code 80).
CREDITOR_IBAN = "SA0380000000608010167519"
# Bank code and name of each sample account but the creditor's, in turn.
BANKS = (("10", "البنك الأهلي السعودي"), ("20", "بنك الرياض"), ("45", "البنك السعودي الأول"))

NAMESPACE = uuid.UUID("5b0f3f8e-8d1f-4f7e-9b57-3a9e6f1c2d44")
SAMPLES = (
    ("submitted", (Status.SUBMITTED,)),
    ("under_enforcement", (Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION)),
)


def seed_bank_accounts() -> int:
    """One account for each demo person who is not staff nor a lawyer (the creditor's is the IBAN of
    the sample requests; the resident's holds enough for a maintenance deduction); running it twice
    changes nothing. Returns how many there are."""
    holders = [
        national_id for national_id, role, *_rest in DEMO_PEOPLE if role not in STAFF_ROLES | {Role.LAWYER}
    ]
    for number, national_id in enumerate(holders):
        if national_id == "1010000006":
            iban, bank = CREDITOR_IBAN, "مصرف الراجحي"
        else:
            code, bank = BANKS[number % len(BANKS)]
            iban = saudi_iban(code, f"0000{national_id}0001")
        BankAccount.objects.get_or_create(
            iban=iban,
            defaults={
                "national_id": national_id,
                "bank_name": bank,
                "balance": Decimal("60000.00") if national_id == "2100000005" else Decimal("15000.00"),
            },
        )
    return len(holders)


def seed_executions() -> int:
    seed_bank_accounts()
    users = get_user_model().objects
    creditor = users.filter(national_id="1010000006").first()
    debtor = users.filter(national_id="2100000005").first()
    clerk = users.filter(national_id="1010000048").first()
    judge = users.filter(national_id="1010000055").first()
    if not all((creditor, debtor, clerk, judge)):
        return 0
    made = 0
    for number, (name, path) in enumerate(SAMPLES):
        token = uuid.uuid5(NAMESPACE, name)
        if Request.objects.filter(start_token=token).exists():
            continue
        request = request_start(service="enforcement", applicant=creditor, start_token=token)
        party_add(
            request=request,
            role=PartyRole.DEBTOR,
            id_type=IdType.IQAMA,
            id_number=debtor.national_id,
            nationality="مصري",
            national_address="RHMA3421، 3421 شارع الأمير سلطان، حي الروضة، الرياض 13211",
        )
        execution_save_details(
            request=request,
            data={
                "request_type": "financial", "instrument_type": "cheque", "instrument_number": f"77881{number}",
                "instrument_date": "2026-10-01", "instrument_issuer": "مصرف الراجحي", "instrument_in_arabic": True,
                "amount": Decimal("25000.00"), "title_deeds": "",
            },
            actor=creditor,
        )  # fmt: skip
        execution_save_account(
            request=request, data={"creditor_iban": "SA0380000000608010167519"}, actor=creditor
        )
        for status in path:
            actor = {Status.SUBMITTED: creditor, Status.UNDER_REVIEW: clerk, Status.IN_PROGRESS: clerk}.get(
                status, judge
            )
            note = (
                "نأمر المنفذ ضده بسداد المبلغ المستحق خلال خمسة أيام."
                if status == Status.IN_EXECUTION
                else ""
            )
            request_transition(request=request, to=status, actor=actor, decision=note)
        made += 1
    return made + seed_law_samples(creditor=creditor, clerk=clerk, judge=judge)


# Requests at the stages the Enforcement Law gives them, for the judge and the parties to see: a
# Decision 46 prepared for the judge today; one issued, its measures in force; a custody order
# executed in kind. Their clocks are set back as if the order had reached the debtor days ago.
LAW_SAMPLES = (
    # name, debtor, days since the notice, judge issues the decision, personal-status matter
    ("decision_due", "1010000428", 6, False, ""),
    ("measures_in_force", "1010000436", 8, True, ""),
    ("custody_in_kind", "1010000410", 1, False, "custody"),
)


def seed_law_samples(*, creditor, clerk, judge) -> int:
    from requests_tracker.deadlines import fire_due

    from .models import Debtor, Motion
    from .motions import motion_file
    from .personal_status import in_kind_set_way
    from .services import debtor_notified, decision_46_issue

    users = get_user_model().objects
    made = 0
    for number, (name, debtor_id, days, issued, matter) in enumerate(LAW_SAMPLES):
        token = uuid.uuid5(NAMESPACE, name)
        debtor = users.filter(national_id=debtor_id).first()
        if debtor is None or Request.objects.filter(start_token=token).exists():
            continue
        request = request_start(service="enforcement", applicant=creditor, start_token=token)
        party_add(
            request=request, role=PartyRole.DEBTOR, id_number=debtor_id, nationality="سعودي",
            national_address="RAKA7012، 7012 طريق أنس بن مالك، حي الملقا، الرياض 13524",
        )  # fmt: skip
        details = {
            "request_type": "personal_status" if matter else "financial",
            "instrument_type": "court_judgment" if matter else "promissory_note",
            "instrument_number": f"44{number}7781", "instrument_date": "2026-09-14",
            "instrument_issuer": "محكمة الأحوال الشخصية بالرياض" if matter else "شركة المدار للتجارة",
            "instrument_in_arabic": True, "personal_status_kind": matter,
            "amount": None if matter else Decimal("48000.00"), "title_deeds": "",
        }  # fmt: skip
        execution_save_details(request=request, data=details, actor=creditor)
        execution_save_account(request=request, data={"creditor_iban": CREDITOR_IBAN}, actor=creditor)
        request_transition(request=request, to=Status.SUBMITTED, actor=creditor)
        request_transition(request=request, to=Status.UNDER_REVIEW, actor=clerk)
        request_transition(request=request, to=Status.IN_PROGRESS, actor=clerk)
        request_transition(
            request=request, to=Status.IN_EXECUTION, actor=judge,
            decision="نأمر المنفذ ضده بتنفيذ ما تضمنه السند التنفيذي.",
        )  # fmt: skip
        for row in Debtor.objects.filter(execution_id=request.pk):
            debtor_notified(debtor=row, at=timezone.now() - timedelta(days=days), by=Debtor.NotifiedBy.SMS)
        if matter:
            in_kind_set_way(
                request=request, actor=judge, place="مركز شمل للزيارة والتسليم، حي الملقا، الرياض",
                schedule="كل جمعة من الساعة 4 عصرًا حتى 8 مساءً",
            )  # fmt: skip
        fire_due()  # what the minute sweep would do: day five has passed for these debtors
        if issued:
            for row in Debtor.objects.filter(execution_id=request.pk, decision_due_at__isnull=False):
                decision_46_issue(debtor=row, actor=judge, ordered=["financial_bar"])
            # The creditor asks for the debtor's wages to be garnished: a motion awaiting the judge.
            motion_file(
                request=request, actor=creditor, kind=Motion.Kind.WAGE_GARNISHMENT,
                employer="شركة الأفق للمقاولات", reason="المنفذ ضده موظف لدى الشركة.",
            )  # fmt: skip
        made += 1
    return made
