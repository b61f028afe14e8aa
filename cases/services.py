"""Lawsuits: the statement of claim, its review and registration, hearings and remote attendance,
memos and the defence, representatives, the judgment, the objection and finality. Every function
checks its actor, whatever calls it (DESIGN §3)."""

import datetime
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from identity.fields import children_text
from identity.roles import Role, roles_of
from requests_tracker.access import (
    acts_for,
    representations,
    representations_changed,
    staff_viewer,
    viewer_for,
)
from requests_tracker.calendar import Period
from requests_tracker.dates import hijri_year
from requests_tracker.deadlines import deadline_start
from requests_tracker.errors import TransitionForbidden
from requests_tracker.issuing import IssuedParty, document_issue
from requests_tracker.models import Deadline, PartyRole, Request, Status
from requests_tracker.notifications import notify_event
from requests_tracker.parties import registry_name
from requests_tracker.services import request_lock_editable, request_transition

from .models import CourtType, Hearing, Judgment, Lawsuit, Memo, Objection, RemoteAttendance, Representative

JUDGMENT_KIND = "judgment"
DECREE_KIND = "family_decree"
OBJECTION_WINDOW = "objection_window"
OBJECTION_PERIOD = Period.calendar_days(30)
VIDEO_BASE_URL = "https://video.najiz.example/hearing/"
LINK_SHOWN_BEFORE = timedelta(minutes=15)
HEARING_LASTS = timedelta(hours=3)
PLAINTIFF, DEFENDANT = "plaintiff", "defendant"
CLAIMS_REVIEW = frozenset({Role.CLAIMS_CLERK, Role.SUPERVISOR})
CIRCUIT = frozenset({Role.CIRCUIT_JUDGE})


def lawsuit_for(request: Request) -> Lawsuit | None:
    try:
        return request.lawsuit
    except Lawsuit.DoesNotExist:
        return None


# --- The statement of claim (the wizard's steps) -------------------------------------------------------


def lawsuit_court(request) -> dict:
    lawsuit = lawsuit_for(request)
    return {"court": str(lawsuit.court_id), "category": str(lawsuit.category_id)} if lawsuit else {}


def lawsuit_save_court(*, request, data: dict, actor) -> Lawsuit:
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        lawsuit, _created = Lawsuit.objects.update_or_create(
            request=locked, defaults={"court": data["court"], "category": data["category"]}
        )
    return lawsuit


CLAIM_FIELDS = ("national_address", "subject", "facts", "claims", "amount", "children")


def lawsuit_claim(request) -> dict:
    lawsuit = lawsuit_for(request)
    if lawsuit is None:
        return {}
    data = {name: getattr(lawsuit, name) for name in CLAIM_FIELDS}
    data["claims"] = "\n".join(lawsuit.claims)
    data["children"] = children_text(lawsuit.children)
    if data["amount"] is None:
        data["amount"] = ""
    return data


def lawsuit_save_claim(*, request, data: dict, actor) -> None:
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        Lawsuit.objects.filter(request=locked).update(**{name: data[name] for name in CLAIM_FIELDS})


def lawsuit_check(request) -> list[str]:
    """What the wizard's steps cannot see alone: the defendants, an amount where the category is
    financial, the children of a family claim, and a category of the chosen court."""
    problems = []
    if not request.parties.filter(role=PartyRole.DEFENDANT).exists():
        problems.append(_("Add at least one defendant, by ID number."))
    lawsuit = lawsuit_for(request)
    if lawsuit is None:
        return problems
    if lawsuit.category.court_type != lawsuit.court.court_type:
        problems.append(_("Choose a case category heard by the court you chose."))
    if lawsuit.category.financial and not lawsuit.amount:
        problems.append(_("This kind of claim states the amount claimed."))
    if lawsuit.category.family and not lawsuit.children:
        problems.append(_("Name the children this claim is about."))
    if not lawsuit.claims:
        problems.append(_("State at least one claim."))
    return problems


# --- Sides --------------------------------------------------------------------------------------------------


def side_of(request: Request, user) -> str | None:
    """Whether ``user`` stands, in person or for someone, on the plaintiff's or the defendant's side."""
    viewer = viewer_for(request, user)
    if viewer is None:
        return None
    if viewer.applicant_side or viewer.is_party(PartyRole.PLAINTIFF):
        return PLAINTIFF
    if viewer.is_party(PartyRole.DEFENDANT):
        return DEFENDANT
    return None


def principal_for(request: Request, user, side: str):
    """The party ``user`` speaks for on ``side``: himself, or the client he acts for there."""
    if side == PLAINTIFF:
        own = request.represented or request.applicant
        candidates = [
            own,
            *(p.user for p in request.parties.filter(role=PartyRole.PLAINTIFF).select_related("user")),
        ]
    else:
        candidates = [p.user for p in request.parties.filter(role=PartyRole.DEFENDANT).select_related("user")]
    acting = {r.principal_id for r in representations(user) if r.covers(request.service)}
    return next((person for person in candidates if person is not None and person.pk in acting), None)


def _everyone(request: Request) -> list:
    return [
        request.applicant,
        request.represented,
        *request.parties.exclude(role=PartyRole.APPLICANT).select_related("user"),
    ]


def acts_as(request: Request, user, roles) -> bool:
    return staff_viewer(request, user) is not None and bool(roles_of(user) & roles)


# --- Registration -----------------------------------------------------------------------------------------


def _case_number(request: Request) -> str:
    return f"{hijri_year(timezone.localdate())}{request.pk:07d}"


def lawsuit_register(
    *, request: Request, actor, circuit: str, first_hearing_at, mode: str, room: str = ""
) -> Lawsuit:
    """The claims-review clerk registers the claim: case number, circuit, first hearing. Every party
    is told by SMS, and the defendant sees the case from now on."""
    if not acts_as(request, actor, CLAIMS_REVIEW):
        raise TransitionForbidden(_("Only the claims-review centre registers a claim."))
    if first_hearing_at <= timezone.now():
        raise TransitionForbidden(_("The first hearing must be in the future."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if locked.status != Status.SUBMITTED:
            raise TransitionForbidden(_("Only a claim awaiting review can be registered."))
        lawsuit = Lawsuit.objects.select_for_update().get(request=locked)
        lawsuit.case_number = _case_number(locked)
        lawsuit.circuit = circuit
        lawsuit.registered_at = timezone.now()
        lawsuit.save(update_fields=["case_number", "circuit", "registered_at"])
        hearing = _new_hearing(lawsuit, actor=actor, starts_at=first_hearing_at, mode=mode, room=room)
        request_transition(request=locked, to=Status.IN_PROGRESS, actor=actor)
        notify_event(
            event="case_registered",
            request=locked,
            recipients=_everyone(locked),
            params={"case": lawsuit.case_number, "when": _when(hearing.starts_at)},
        )
    return lawsuit


def lawsuit_registered(*, request, change, service) -> None:
    """Engine hook: the case is under consideration only once it has its number (through
    ``lawsuit_register``, never a bare step)."""
    lawsuit = lawsuit_for(request)
    if lawsuit is None or not lawsuit.case_number:
        raise TransitionForbidden(_("Register the claim with its circuit and first hearing."))


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# --- Hearings ----------------------------------------------------------------------------------------------------


def _new_hearing(lawsuit: Lawsuit, *, actor, starts_at, mode: str, room: str) -> Hearing:
    video_url = f"{VIDEO_BASE_URL}{secrets.token_urlsafe(12)}" if mode == Hearing.Mode.VIDEO else ""
    return Hearing.objects.create(
        lawsuit=lawsuit, starts_at=starts_at, mode=mode, room=room, video_url=video_url, scheduled_by=actor
    )


def hearing_schedule(*, request: Request, actor, starts_at, mode: str, room: str = "") -> Hearing:
    """The circuit judge sets a session; the parties are told by SMS of its time and place."""
    if not acts_as(request, actor, CIRCUIT):
        raise TransitionForbidden(_("Only the circuit's judge schedules hearings."))
    if starts_at <= timezone.now():
        raise TransitionForbidden(_("A hearing is scheduled in the future."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if locked.status != Status.IN_PROGRESS:
            raise TransitionForbidden(_("Hearings are held while the case is under consideration."))
        hearing = _new_hearing(locked.lawsuit, actor=actor, starts_at=starts_at, mode=mode, room=room)
        notify_event(
            event="hearing_scheduled",
            request=locked,
            recipients=_everyone(locked),
            params={"case": locked.lawsuit.case_number, "when": _when(starts_at)},
        )
    return hearing


def hearing_record_minutes(*, hearing: Hearing, actor, minutes: str) -> Hearing:
    request = hearing.lawsuit.request
    if not acts_as(request, actor, CIRCUIT):
        raise TransitionForbidden(_("Only the circuit's judge records the minutes."))
    if not minutes.strip():
        raise TransitionForbidden(_("Write the minutes of the hearing."))
    if hearing.starts_at > timezone.now():
        raise TransitionForbidden(_("Minutes are recorded once the hearing has begun."))
    Hearing.objects.filter(pk=hearing.pk).update(minutes=minutes.strip(), minutes_at=timezone.now())
    hearing.refresh_from_db()
    return hearing


def remote_attendance_register(*, hearing: Hearing, actor) -> RemoteAttendance:
    """A party (or his representative) registers to attend a video hearing."""
    request = hearing.lawsuit.request
    if side_of(request, actor) is None:
        raise TransitionForbidden(_("Only the parties and their representatives attend the hearing."))
    if hearing.mode != Hearing.Mode.VIDEO:
        raise TransitionForbidden(_("This hearing is held in the court room."))
    if timezone.now() >= hearing.starts_at + HEARING_LASTS:
        raise TransitionForbidden(_("This hearing has ended."))
    attendance, _created = RemoteAttendance.objects.get_or_create(hearing=hearing, user=actor)
    return attendance


def video_link(hearing: Hearing, user, now=None) -> str:
    """The link for ``user``: only once registered, and from 15 minutes before the hearing."""
    now = now or timezone.now()
    if hearing.mode != Hearing.Mode.VIDEO or not (
        hearing.starts_at - LINK_SHOWN_BEFORE <= now < hearing.starts_at + HEARING_LASTS
    ):
        return ""
    registered = RemoteAttendance.objects.filter(hearing=hearing, user=user).exists()
    return hearing.video_url if registered else ""


def first_hearing(lawsuit: Lawsuit) -> Hearing | None:
    return lawsuit.hearings.order_by("starts_at").first()


# --- Memos, the defence and representatives -------------------------------------------------------------------


def memo_file(*, request: Request, actor, kind: str, text: str) -> Memo:
    """A memo while the case is under consideration; the defence only by the defendant's side and
    only before the first hearing."""
    side = side_of(request, actor)
    if side is None:
        raise TransitionForbidden(_("Only the parties and their representatives file memos."))
    if not text.strip():
        raise TransitionForbidden(_("Write the memo."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if locked.status != Status.IN_PROGRESS:
            raise TransitionForbidden(_("Memos are filed while the case is under consideration."))
        if kind == Memo.Kind.DEFENCE:
            if side != DEFENDANT:
                raise TransitionForbidden(_("The statement of defence is the defendant's."))
            hearing = first_hearing(locked.lawsuit)
            if hearing is not None and hearing.starts_at <= timezone.now():
                raise TransitionForbidden(_("The statement of defence is filed before the first hearing."))
        return Memo.objects.create(
            lawsuit=locked.lawsuit, kind=kind, side=side, author=actor, text=text.strip()
        )


def representative_add(*, request: Request, actor, lawyer) -> Representative:
    """A party names his lawyer on the case: a licensed lawyer holding his POA with the pleading clause."""
    if request.status in {Status.DRAFT, Status.CANCELLED, Status.REJECTED}:
        raise TransitionForbidden(_("A representative is named on a case filed and not withdrawn."))
    side = side_of(request, actor)
    principal = principal_for(request, actor, side) if side else None
    if principal is None or principal.pk != actor.pk:
        raise TransitionForbidden(_("A party names his own representative."))
    if lawyer is None or Role.LAWYER not in roles_of(lawyer):
        raise TransitionForbidden(_("This person holds no active lawyer licence."))
    if not acts_for(lawyer, actor, request.service):
        raise TransitionForbidden(
            _("This lawyer holds no power of attorney from you in force with the pleading clause.")
        )
    representative, _created = Representative.objects.get_or_create(
        lawsuit=request.lawsuit, principal=actor, lawyer=lawyer
    )
    return representative


# --- The judgment, the objection and finality -------------------------------------------------------------------


def _issued_parties(request: Request) -> list[IssuedParty]:
    own = request.represented or request.applicant
    rows = [IssuedParty(PartyRole.PLAINTIFF, own.national_id, registry_name(own))]
    for party in request.parties.exclude(role=PartyRole.APPLICANT).select_related("user"):
        rows.append(
            IssuedParty(
                party.role, party.id_number, party.name or (party.user and registry_name(party.user)) or ""
            )
        )
    return rows


def judgment_issue(
    *,
    request: Request,
    actor,
    reasoning: str,
    ruling: str,
    judged_on: datetime.date,
    winner: str,
    amount=None,
) -> Judgment:
    """The circuit judge issues the judgment (a family claim's decree): an issued document of the core
    registry; the parties are told; the 30 days of objection start."""
    if not acts_as(request, actor, CIRCUIT):
        raise TransitionForbidden(_("Only the circuit's judge issues the judgment."))
    if not (reasoning.strip() and ruling.strip()):
        raise TransitionForbidden(_("Write the reasoning and the ruling."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if locked.status != Status.IN_PROGRESS:
            raise TransitionForbidden(_("A judgment is issued on a case under consideration."))
        lawsuit = locked.lawsuit
        kind = DECREE_KIND if lawsuit.category.family else JUDGMENT_KIND
        document = document_issue(
            kind=kind,
            request=locked,
            parties=_issued_parties(locked),
            actor=actor,
            details={
                "case_number": lawsuit.case_number,
                "court": lawsuit.court.name_ar,
                "ruling": ruling.strip(),
                "reasoning": reasoning.strip(),
                "judged_on": judged_on.isoformat(),
                "winner": winner,
                "amount": str(amount) if amount is not None else "",
                "family": lawsuit.category.family,
            },
        )
        judgment = Judgment.objects.create(
            lawsuit=lawsuit,
            reasoning=reasoning.strip(),
            ruling=ruling.strip(),
            judged_on=judged_on,
            winner=winner,
            amount=amount,
            document=document,
            objection_until=OBJECTION_PERIOD.end(timezone.now()).date(),
        )
        request_transition(request=locked, to=Status.COMPLETED, actor=actor, decision=ruling.strip())
        deadline_start(request=locked, kind=OBJECTION_WINDOW, after=OBJECTION_PERIOD)
        notify_event(
            event="judgment_issued",
            request=locked,
            recipients=_everyone(locked),
            params={
                "case": lawsuit.case_number,
                "number": document.number,
                "until": judgment.objection_until,
            },
        )
    return judgment


def judgment_issued(*, request, change, service) -> None:
    """Engine hook: a case is decided only with its judgment (through ``judgment_issue``)."""
    if not Judgment.objects.filter(lawsuit_id=request.pk).exists():
        raise TransitionForbidden(_("Issue the judgment with its reasoning and ruling."))


def judgment_of(request: Request) -> Judgment | None:
    """The case's judgment, or None (none yet, or no case)."""
    lawsuit = lawsuit_for(request)
    try:
        return lawsuit.judgment if lawsuit else None
    except Judgment.DoesNotExist:
        return None


def losing_sides(judgment: Judgment) -> set[str]:
    return {Judgment.Winner.PLAINTIFF: {DEFENDANT}, Judgment.Winner.DEFENDANT: {PLAINTIFF}}.get(
        judgment.winner, {PLAINTIFF, DEFENDANT}
    )


def may_object(request: Request, user) -> bool:
    judgment = judgment_of(request)
    return (
        judgment is not None
        and judgment.final_at is None
        and not judgment.objections.exists()
        and timezone.localdate() <= judgment.objection_until
        and side_of(request, user) in losing_sides(judgment)
    )


def objection_file(*, request: Request, actor, grounds: str) -> Objection:
    """The losing side objects within 30 days; in a commercial case only through a licensed lawyer."""
    if not grounds.strip():
        raise TransitionForbidden(_("State the grounds of the objection."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        judgment = Judgment.objects.select_for_update().filter(lawsuit_id=locked.pk).first()
        if judgment is None:
            raise TransitionForbidden(_("There is no judgment to object to."))
        if judgment.final_at is not None or timezone.localdate() > judgment.objection_until:
            raise TransitionForbidden(_("The 30 days for an objection have passed: the judgment is final."))
        if judgment.objections.exists():
            raise TransitionForbidden(_("An objection to this judgment has already been filed."))
        side = side_of(locked, actor)
        if side not in losing_sides(judgment):
            raise TransitionForbidden(_("Only the side the judgment went against may object."))
        principal = principal_for(locked, actor, side)
        if locked.lawsuit.court.court_type == CourtType.COMMERCIAL and (
            Role.LAWYER not in roles_of(actor) or principal is None or principal.pk == actor.pk
        ):
            raise TransitionForbidden(
                _("In a commercial case an objection is filed through a licensed lawyer.")
            )
        objection = Objection.objects.create(
            judgment=judgment, by=actor, on_behalf_of=principal or actor, grounds=grounds.strip()
        )
        Deadline.objects.filter(request=locked, kind=OBJECTION_WINDOW, state="pending").update(
            state=Deadline.State.CANCELLED
        )
        notify_event(
            event="objection_filed",
            request=locked,
            recipients=_everyone(locked),
            params={"case": locked.lawsuit.case_number},
        )
    return objection


def objection_window_closed(*, deadline: Deadline) -> None:
    """30 days passed without an objection: the judgment is final, an executive instrument."""
    judgment = Judgment.objects.select_for_update().filter(lawsuit_id=deadline.request_id).first()
    if judgment is None or judgment.final_at is not None or judgment.objections.exists():
        return
    judgment.final_at = timezone.now()
    judgment.save(update_fields=["final_at"])
    representations_changed()  # a guardianship decree now lets the guardian act for the wards
    request = deadline.request
    notify_event(
        event="judgment_final",
        request=request,
        recipients=_everyone(request),
        params={"case": judgment.lawsuit.case_number, "number": judgment.document.number},
    )


def judgment_is_final(document) -> bool:
    judgment = Judgment.objects.filter(document=document).first()
    return judgment is not None and judgment.final_at is not None


def judgment_enforced_by(document, person) -> bool:
    """A judgment is enforced by a party it favours: the plaintiffs' side, the defendants', or either
    when it went partly for each."""
    judgment = Judgment.objects.filter(document=document).first()
    if judgment is None:
        return False
    roles = {
        Judgment.Winner.PLAINTIFF: {PartyRole.PLAINTIFF},
        Judgment.Winner.DEFENDANT: {PartyRole.DEFENDANT},
    }.get(judgment.winner, {PartyRole.PLAINTIFF, PartyRole.DEFENDANT})
    return document.parties.filter(role__in=roles, national_id=person.national_id).exists()


def judgment_instrument(document) -> dict:
    """What an enforcement request's instrument step is filled in with."""
    judgment = Judgment.objects.select_related("lawsuit__court", "lawsuit__category").get(document=document)
    family = judgment.lawsuit.category.family
    return {
        "request_type": "personal_status" if family else "financial",
        "instrument_type": "court_judgment",
        "instrument_number": document.number,
        "instrument_date": judgment.judged_on,
        "instrument_issuer": judgment.lawsuit.court.name,
        "instrument_in_arabic": True,
        "amount": judgment.amount,
    }


def may_enforce(request: Request, user) -> bool:
    """Whether ``user`` may have the judgment enforced: final, and on a side it favours."""
    judgment = judgment_of(request)
    if judgment is None or judgment.final_at is None:
        return False
    side = side_of(request, user)
    return side is not None and (
        judgment.winner == Judgment.Winner.PARTLY or side not in losing_sides(judgment)
    )
