"""Marriage contracts and divorce deeds (DOMAIN.md, "Notarization and family").

A marriage contract is filed by the husband in person; the wife, her guardian and two witnesses
accept it with their codes; the ma'zoun the husband chose approves it and the marriage deed is
issued. A divorce is registered by a court or a ma'zoun: the deed is issued at once and both
spouses are told. Every function checks its actor, whatever calls it (DESIGN §3).
"""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from identity.roles import Role, roles_of
from requests_tracker.errors import TransitionForbidden
from requests_tracker.issuing import IssuedParty, document_issue
from requests_tracker.models import PartyRole, Request, Status
from requests_tracker.notifications import notify_event
from requests_tracker.parties import registered_user, registry_name
from requests_tracker.pdf import gregorian_date, hijri_date
from requests_tracker.services import party_add, request_lock_editable, request_start, request_transition

from ..models import DivorceDeed, MarriageContract
from .notarization import issued_parties, minors_refused, notarization_consented, party_name

MARRIAGE_SERVICE = "marriage_contract"
DIVORCE_SERVICE = "divorce_deed"
MARRIAGE_DEED_KIND = "marriage_deed"
DIVORCE_DEED_KIND = "divorce_deed"
SCREENING_DOCUMENT = "medical_screening"
MAZOUN_GROUP = Role.MAZOUN
WITNESSES = 2
# Who registers a divorce: a court (its circuit judge), a ma'zoun, or their supervisor.
DIVORCE_REGISTRARS = frozenset({Role.MAZOUN, Role.CIRCUIT_JUDGE, Role.SUPERVISOR})


def is_resident(national_id: str) -> bool:
    """An ID beginning with 2 is a resident's: the person is not a Saudi citizen."""
    return national_id.startswith("2")


def mazouns():
    """The ma'zouns a husband may choose: active members of the ma'zoun group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=MAZOUN_GROUP)
        .order_by("name_ar", "pk")
    )


# --- The wizard's details ---------------------------------------------------------------------------


def marriage_details(request) -> dict:
    contract = MarriageContract.objects.filter(request=request).first()
    if contract is None:
        return {}
    return model_to_dict(contract, fields=("mazoun", "dowry_advanced", "dowry_deferred", "conditions"))


def marriage_save_details(*, request, data: dict, actor) -> MarriageContract:
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        contract, _created = MarriageContract.objects.update_or_create(request=locked, defaults=data)
    return contract


def marriage_check(request) -> list[str]:
    """What stops the contract from being submitted, beyond the steps' own forms."""
    problems = []
    if request.represented_id:
        problems.append(_("A marriage contract is filed by the husband in person."))
    parties = list(request.parties.select_related("user"))
    counts = {
        role: sum(party.role == role for party in parties) for role in (PartyRole.WIFE, PartyRole.GUARDIAN)
    }
    witnesses = sum(party.role == PartyRole.WITNESS for party in parties)
    if counts[PartyRole.WIFE] != 1:
        problems.append(_("Name the wife, and only her."))
    if counts[PartyRole.GUARDIAN] != 1:
        problems.append(_("Name the wife's guardian, one person."))
    if witnesses != WITNESSES:
        problems.append(_("Name exactly two witnesses."))
    husband = request.applicant.national_id
    if any(party.role == PartyRole.GUARDIAN and party.id_number == husband for party in parties):
        problems.append(_("The husband cannot be the wife's guardian."))
    ids = [party.id_number for party in parties]
    if len(set(ids)) != len(ids):
        problems.append(_("Each person takes one part in the contract: the same ID is named twice."))
    contract = MarriageContract.objects.filter(request=request).select_related("mazoun").first()
    if contract is not None and contract.mazoun.national_id in ids:
        problems.append(_("The ma'zoun cannot be a party to the contract he approves: choose another."))
    problems += minors_refused(parties)
    spouses = [husband, *(party.id_number for party in parties if party.role == PartyRole.WIFE)]
    if (
        any(is_resident(national_id) for national_id in spouses)
        and not request.documents.filter(kind=SCREENING_DOCUMENT).exists()
    ):
        problems.append(
            _("A spouse is not a Saudi citizen: upload the premarital medical screening certificate.")
        )
    return problems


# --- Every party accepted: to the chosen ma'zoun ----------------------------------------------------


def marriage_consented(*, request, actor) -> None:
    """The wife, her guardian and the witnesses accepted: the contract goes to the ma'zoun the husband
    chose, assigned to him so that it is in his "assigned to me" list, and he is told."""
    locked = Request.objects.select_for_update().get(pk=request.pk)
    contract = MarriageContract.objects.select_related("mazoun").get(request=locked)
    locked.assignee = contract.mazoun
    locked.save(update_fields=["assignee", "updated_at"])
    notarization_consented(request=locked, actor=actor)
    notify_event(event="marriage_to_mazoun", request=locked, recipients=[contract.mazoun])


def _is_supervisor(user) -> bool:
    return user is not None and Role.SUPERVISOR in roles_of(user)


def marriage_issue(*, request, change, service) -> None:
    """Engine hook on the ma'zoun's approval: only the ma'zoun the husband chose (or a supervisor)
    approves; the marriage deed is issued with its PDF and every party is told."""
    contract = MarriageContract.objects.select_for_update().select_related("mazoun").get(request=request)
    actor = change.actor
    if actor is None or (actor.pk != contract.mazoun_id and not _is_supervisor(actor)):
        raise TransitionForbidden(_("Only the ma'zoun the husband chose approves this marriage contract."))
    document = document_issue(
        kind=MARRIAGE_DEED_KIND,
        request=request,
        parties=issued_parties(
            request, PartyRole.WIFE, PartyRole.GUARDIAN, PartyRole.WITNESS, first_role=PartyRole.HUSBAND
        ),
        actor=actor,
        details={
            "mazoun": registry_name(contract.mazoun),
            "approved_by": registry_name(actor),
            "contracted_on": timezone.localdate().isoformat(),
        },
    )
    notify_event(
        event="marriage_deed_issued",
        request=request,
        recipients=list(request.parties.select_related("user")),
        params={"number": document.number},
    )


# --- Divorce ------------------------------------------------------------------------------------------


def may_register_divorce(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and roles_of(user) & DIVORCE_REGISTRARS
    )


def divorce_refusals(
    *,
    actor,
    husband_id: str,
    wife_id: str,
    issuer: str,
    husband_name: str = "",
    wife_name: str = "",
    wife_phone: str = "",
) -> list[str]:
    """What stops ``actor`` from registering this divorce, in words for him (the admin's form shows
    them; ``divorce_register`` refuses with them)."""
    if not may_register_divorce(actor):
        return [_("Only a court, a ma'zoun or their supervisor registers a divorce.")]
    problems = []
    roles = roles_of(actor)
    if Role.SUPERVISOR not in roles:
        if issuer == DivorceDeed.Issuer.COURT and Role.CIRCUIT_JUDGE not in roles:
            problems.append(_("A ma'zoun registers a divorce as a ma'zoun, not as a court."))
        if issuer == DivorceDeed.Issuer.MAZOUN and Role.MAZOUN not in roles:
            problems.append(_("A judge registers a divorce as a court, not as a ma'zoun."))
    if husband_id == wife_id:
        problems.append(_("The husband and the wife are two people: their IDs differ."))
    husband = registered_user(id_type="national_id", id_number=husband_id)
    wife = registered_user(id_type="national_id", id_number=wife_id)
    if husband is None and wife is None:
        problems.append(
            _("At least one of the spouses must be registered in the portal to receive the deed.")
        )
    if husband is None and not husband_name.strip():
        problems.append(_("The husband is not registered in the portal: give his full name."))
    if wife is None and not (wife_name.strip() and wife_phone.strip()):
        problems.append(
            _("The wife is not registered in the portal: give her full name and mobile number, to tell her.")
        )
    return problems


def _issuer_text(deed: DivorceDeed):
    """Who issued the deed as the spouses read it: the court's name, or "the ma'zoun <name>"."""
    if deed.issuer == DivorceDeed.Issuer.COURT:
        return deed.issuer_name
    return _mazoun_named(deed.issuer_name)


_mazoun_named = lazy(lambda name: _("ma'zoun %(name)s") % {"name": name}, str)


def divorce_register(
    *,
    actor,
    husband_id: str,
    wife_id: str,
    kind: str,
    divorced_on,
    issuer: str,
    issuer_name: str,
    marriage_deed_number: str = "",
    husband_name: str = "",
    wife_name: str = "",
    wife_phone: str = "",
) -> DivorceDeed:
    """Register a divorce: a request on the husband (or, if he is not registered, the wife), the two
    spouses as its parties, completed at once through the registrar's own step, which issues the
    divorce deed and tells both spouses by SMS."""
    problems = divorce_refusals(
        actor=actor,
        husband_id=husband_id,
        wife_id=wife_id,
        issuer=issuer,
        husband_name=husband_name,
        wife_name=wife_name,
        wife_phone=wife_phone,
    )
    if problems:
        raise TransitionForbidden(" ".join(problems))
    husband = registered_user(id_type="national_id", id_number=husband_id)
    wife = registered_user(id_type="national_id", id_number=wife_id)
    with transaction.atomic():
        filed = request_start(service=DIVORCE_SERVICE, applicant=husband or wife, start_token=uuid.uuid4())
        party_add(request=filed, role=PartyRole.HUSBAND, id_number=husband_id, name=husband_name)
        party_add(request=filed, role=PartyRole.WIFE, id_number=wife_id, name=wife_name, phone=wife_phone)
        deed = DivorceDeed.objects.create(
            request=filed,
            kind=kind,
            divorced_on=divorced_on,
            marriage_deed_number=marriage_deed_number.strip(),
            issuer=issuer,
            issuer_name=issuer_name.strip(),
            registered_by=actor,
        )
        deed.request = request_transition(request=filed, to=Status.COMPLETED, actor=actor)
    return deed


def divorce_issue(*, request, change, service) -> None:
    """Engine hook on the registration: the divorce deed is issued, and the wife, then the husband,
    are told its number and who issued it."""
    deed = DivorceDeed.objects.get(request=request)
    spouses = list(
        request.parties.filter(role__in=[PartyRole.WIFE, PartyRole.HUSBAND])
        .select_related("user")
        .order_by("-role")
    )
    document = document_issue(
        kind=DIVORCE_DEED_KIND,
        request=request,
        parties=[IssuedParty(party.role, party.id_number, party_name(party)) for party in spouses],
        actor=change.actor,
        details={
            "kind": deed.kind,
            "divorced_on": deed.divorced_on.isoformat(),
            "issuer": deed.issuer,
            "issuer_name": deed.issuer_name,
            "marriage_deed_number": deed.marriage_deed_number,
        },
    )
    notify_event(
        event="divorce_registered",
        request=request,
        recipients=spouses,
        params={"number": document.number, "issuer": _issuer_text(deed)},
    )


# --- What the deeds show: their PDF (rendered once, at issue) and the verification page -------------

# The PDF is Arabic whatever the reader's language: it carries its own Arabic names for the choices
# it prints rather than the catalogue's (see requests_tracker/pdf.py).
DIVORCE_KINDS_AR = {
    DivorceDeed.Kind.REVOCABLE: "طلاق رجعي",
    DivorceDeed.Kind.IRREVOCABLE: "طلاق بائن",
    DivorceDeed.Kind.KHULA: "خلع",
    DivorceDeed.Kind.DISSOLUTION: "فسخ نكاح بحكم المحكمة",
}
ISSUERS_AR = {DivorceDeed.Issuer.COURT: "المحكمة", DivorceDeed.Issuer.MAZOUN: "مأذون الأنكحة"}


def _day(iso: str) -> dict:
    day = datetime.date.fromisoformat(iso)
    return {"gregorian": gregorian_date(day), "hijri": hijri_date(day)}


def marriage_pdf_context(document) -> dict:
    contract = MarriageContract.objects.select_related("request").get(request=document.request)
    parties = list(document.parties.order_by("pk"))
    by_role = {role: [party for party in parties if party.role == role] for role in PartyRole.values}
    return {
        "contract": contract,
        "reference": contract.request.reference,
        "husband": by_role[PartyRole.HUSBAND][0],
        "wife": by_role[PartyRole.WIFE][0],
        "guardian": by_role[PartyRole.GUARDIAN][0],
        "witnesses": by_role[PartyRole.WITNESS],
        "mazoun": document.details["mazoun"],
        "contracted_on": _day(document.details["contracted_on"]),
    }


def marriage_verify_rows(document) -> list[tuple]:
    """A marriage deed on /verify/: the date and the ma'zoun; the dowry stays private."""
    day = _day(document.details["contracted_on"])
    return [
        (_("Date of the contract"), f"{day['gregorian']} — {day['hijri']}"),
        (_("Ma'zoun"), document.details["mazoun"]),
    ]


def divorce_pdf_context(document) -> dict:
    deed = DivorceDeed.objects.select_related("request").get(request=document.request)
    parties = list(document.parties.order_by("pk"))
    return {
        "deed": deed,
        "reference": deed.request.reference,
        "husband": next(party for party in parties if party.role == PartyRole.HUSBAND),
        "wife": next(party for party in parties if party.role == PartyRole.WIFE),
        "kind": DIVORCE_KINDS_AR[deed.kind],
        "issuer": ISSUERS_AR[deed.issuer],
        "divorced_on": _day(deed.divorced_on.isoformat()),
    }


def divorce_verify_rows(document) -> list[tuple]:
    """A divorce deed on /verify/: its kind, date and issuer."""
    details = document.details
    day = _day(details["divorced_on"])
    return [
        (_("Kind of divorce"), DivorceDeed.Kind(details["kind"]).label),
        (_("Date of the divorce"), f"{day['gregorian']} — {day['hijri']}"),
        (
            _("Registered by"),
            f"{DivorceDeed.Issuer(details['issuer']).label}: {details['issuer_name']}",
        ),
    ]
