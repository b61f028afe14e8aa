"""Sample lawsuits for `make run`: the demo citizen (1010000006) sues the demo resident (2100000005).

One claim awaits the claims-review clerk (1010000022) and one is returned to the citizen for
amendment; a case under consideration has a video hearing tomorrow at 10:00 and one in the court
room next week, both before the circuit judge (1010000030), as has a custody claim; a decided case
has a final judgment for the citizen, so that its page offers "file an enforcement request".

Every sample goes through the service functions, as the wizard, the clerk and the judge would. The
decided case alone is dated back, since its hearing and judgment lie in the past: it is registered
with a hearing tomorrow like any claim, then that hearing is moved 40 days back (its minutes are
then recorded), the judgment is issued dated that day, and the 30 days of objection are made to end
as they would have from it (the judgment's ``objection_until`` and its deadline's ``due_at``). The
deadline sweep (``requests_tracker.deadlines.fire_due``) then finds it due and runs the real handler,
``objection_window_closed``, which makes the judgment final and tells the parties. The sweep fires
only what is due now, which the beat would fire anyway; a sweep at a moment 30 days ahead
(``fire_due(now=...)``) would also fire every timer due before then, any request's (an enforcement's
five days, a co-principal's 48 hours), and change them.
"""

import datetime
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from requests_tracker.deadlines import fire_due
from requests_tracker.models import Deadline, IdType, PartyRole, Request, Status
from requests_tracker.services import (
    request_party_add,
    request_start,
    request_submit,
    request_transition,
)

from .models import CaseCategory, Court, Hearing, Judgment, Lawsuit
from .selectors import FAMILY, LAWSUIT
from .services import (
    OBJECTION_PERIOD,
    OBJECTION_WINDOW,
    hearing_record_minutes,
    hearing_schedule,
    judgment_issue,
    lawsuit_register,
    lawsuit_save_claim,
    lawsuit_save_court,
)

NAMESPACE = uuid.UUID("8e3b2f0c-61a4-4d0e-9c35-2b7d1f9a4e06")
CITIZEN, RESIDENT, CLAIMS_CLERK, CIRCUIT_JUDGE = "1010000006", "2100000005", "1010000022", "1010000030"
CIRCUIT = "الدائرة العامة الثالثة"
FAMILY_CIRCUIT = "دائرة الأحوال الشخصية الأولى"
ADDRESS = "RRRD2929، حي العليا، الرياض"

# name: (service, category, subject, facts, claims, amount, children)
CLAIMS = {
    "awaiting_review": (
        LAWSUIT, "sale_price", "مطالبة بثمن سيارة مبيعة",
        "بعت المدعى عليه سيارة بمبلغ ثمانية عشر ألفًا وخمسمائة ريال ولم يسدد الثمن رغم المطالبة.",
        ["إلزام المدعى عليه بسداد ثمن السيارة"], "18500.00", (),
    ),
    "returned": (
        LAWSUIT, "rent_arrears", "مطالبة بأجرة متأخرة",
        "أجرت المدعى عليه شقة سكنية ولم يسدد أجرة سنة كاملة.",
        ["إلزام المدعى عليه بسداد الأجرة المتأخرة"], "36000.00", (),
    ),
    "under_consideration": (
        LAWSUIT, "loan_repayment", "مطالبة بسداد قرض",
        "أقرضت المدعى عليه خمسين ألف ريال على أن يردها خلال ستة أشهر، وانقضت المدة دون سداد.",
        ["إلزام المدعى عليه بسداد مبلغ القرض"], "50000.00", (),
    ),
    "decided": (
        LAWSUIT, "compensation", "مطالبة بتعويض عن ضرر",
        "أتلف المدعى عليه سور منزلي بسيارته، وقدّر مقاول الإصلاح التكلفة باثني عشر ألف ريال.",
        ["إلزام المدعى عليه بدفع تكلفة إصلاح السور"], "12000.00", (),
    ),
    "custody": (
        FAMILY, "custody", "طلب حضانة",
        "انفصلت عن والدة الطفلين، ويقيمان لدى المدعى عليه، وأطلب ضم حضانتهما إليّ.",
        ["الحكم لي بحضانة الطفلين"], None,
        (
            {"name": "سعد محمد العتيبي", "id": "1130000011", "birth_date": "2017-05-02"},
            {"name": "لمى محمد العتيبي", "id": "1130000029", "birth_date": "2019-11-20"},
        ),
    ),
}  # fmt: skip


def sample_token(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """``days`` from today, at ``hour``:``minute`` local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _file(name: str, plaintiff, defendant) -> Request:
    service, category_code, subject, facts, claims, amount, children = CLAIMS[name]
    category = CaseCategory.objects.get(code=category_code)
    court = Court.objects.get(court_type=category.court_type, city_en="Riyadh")
    draft = request_start(service=service, applicant=plaintiff, start_token=sample_token(name))
    request_party_add(
        request=draft,
        actor=plaintiff,
        role=PartyRole.DEFENDANT,
        id_type=IdType.IQAMA if defendant.national_id.startswith("2") else IdType.NATIONAL_ID,
        id_number=defendant.national_id,
    )
    lawsuit_save_court(request=draft, actor=plaintiff, data={"court": court, "category": category})
    lawsuit_save_claim(
        request=draft,
        actor=plaintiff,
        data={
            "national_address": ADDRESS,
            "subject": subject,
            "facts": facts,
            "claims": claims,
            "amount": Decimal(amount) if amount else None,
            "children": list(children),
        },
    )
    return request_submit(request=draft, actor=plaintiff)


def _make_final(request: Request, *, judge, clerk) -> None:
    """Register, hear and decide the case in the past (see the module's note), then let the sweep
    make the judgment final."""
    lawsuit_register(
        request=request, actor=clerk, circuit=CIRCUIT, first_hearing_at=_at(1, 9), mode=Hearing.Mode.IN_PERSON,
        room="القاعة 4",
    )  # fmt: skip
    held = timezone.now() - datetime.timedelta(days=40)
    hearing = Hearing.objects.get(lawsuit_id=request.pk)
    Hearing.objects.filter(pk=hearing.pk).update(starts_at=held)
    hearing.refresh_from_db()
    hearing_record_minutes(
        hearing=hearing,
        actor=judge,
        minutes="حضر الطرفان، وأقر المدعى عليه بالإتلاف ونازع في المبلغ، واطلعت الدائرة على تقدير المقاول.",
    )
    judgment_issue(
        request=request,
        actor=judge,
        reasoning="ثبت الإتلاف بإقرار المدعى عليه، وثبتت تكلفة الإصلاح بتقدير المقاول.",
        ruling="إلزام المدعى عليه بأن يدفع للمدعي اثني عشر ألف ريال.",
        judged_on=timezone.localdate(held),
        winner="plaintiff",
        amount=Decimal("12000.00"),
    )
    window_ends = OBJECTION_PERIOD.end(held)
    Judgment.objects.filter(lawsuit_id=request.pk).update(objection_until=window_ends.date())
    Deadline.objects.filter(request=request, kind=OBJECTION_WINDOW, state=Deadline.State.PENDING).update(
        due_at=window_ends
    )
    fire_due()


def seed_cases() -> int:
    """Create the samples not made yet; running it twice changes nothing. Returns how many it made."""
    users = {
        user.national_id: user
        for user in get_user_model().objects.filter(
            national_id__in=(CITIZEN, RESIDENT, CLAIMS_CLERK, CIRCUIT_JUDGE)
        )
    }
    if len(users) < 4:
        return 0
    citizen, resident = users[CITIZEN], users[RESIDENT]
    clerk, judge = users[CLAIMS_CLERK], users[CIRCUIT_JUDGE]
    made = 0
    for name in CLAIMS:
        if Request.objects.filter(start_token=sample_token(name)).exists():
            continue  # already seeded
        request = _file(name, citizen, resident)
        if name == "returned":
            request_transition(
                request=request,
                to=Status.RETURNED,
                actor=clerk,
                decision="أرفق عقد الإيجار، واذكر مدة الأجرة المتأخرة بالأشهر.",
            )
        elif name == "under_consideration":
            lawsuit_register(
                request=request, actor=clerk, circuit=CIRCUIT, first_hearing_at=_at(1, 10), mode=Hearing.Mode.VIDEO
            )  # fmt: skip
            hearing_schedule(
                request=request, actor=judge, starts_at=_at(7, 9, 30), mode=Hearing.Mode.IN_PERSON, room="القاعة 4"
            )  # fmt: skip
        elif name == "custody":
            lawsuit_register(
                request=request,
                actor=clerk,
                circuit=FAMILY_CIRCUIT,
                first_hearing_at=_at(3, 11),
                mode=Hearing.Mode.IN_PERSON,
                room="القاعة 2",
            )
        elif name == "decided":
            _make_final(request, judge=judge, clerk=clerk)
        made += 1
    return made


def sample(name: str) -> Lawsuit | None:
    """The lawsuit of the sample ``name``, if seeded (for tests, the tour and the benchmark)."""
    return Lawsuit.objects.filter(request__start_token=sample_token(name)).select_related("request").first()
