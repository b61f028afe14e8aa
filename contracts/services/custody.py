"""Agreed custody, notarized: the custodian (usually the mother) files in person with the children,
the reason and the visits; the father and two witnesses accept with their codes; a notary approves
and the custody deed is issued. Refused while a custody case between the same people is pending."""

from django.db import transaction
from django.utils.translation import gettext as _

from cases.selectors import custody_case_pending
from identity.fields import children_text
from requests_tracker.errors import TransitionForbidden
from requests_tracker.issuing import document_issue, masked_name
from requests_tracker.models import PartyRole, Request
from requests_tracker.notifications import notify_event
from requests_tracker.services import request_lock_editable

from ..models import CustodyAgreement
from ..workflow import NOTARIES
from .notarization import is_approver, issued_parties, minors_refused, parties_of

SERVICE = "custody_agreement"
CUSTODY_DEED_KIND = "custody_deed"
WITNESSES = 2


# --- The wizard's details --------------------------------------------------------------------------


def custody_details(request) -> dict:
    agreement = CustodyAgreement.objects.filter(request=request).first()
    if agreement is None:
        return {}
    return {
        "children": children_text(agreement.children),
        "reason": agreement.reason,
        "visitation": agreement.visitation,
    }


def custody_save_details(*, request, data: dict, actor) -> CustodyAgreement:
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        agreement, _created = CustodyAgreement.objects.update_or_create(
            request=locked,
            defaults={
                "children": list(data["children"]),
                "reason": data["reason"],
                "visitation": data.get("visitation", ""),
            },
        )
    return agreement


# --- Checks --------------------------------------------------------------------------------------------


def custodian_of(request: Request):
    return request.represented or request.applicant


def _pending_case_refusal(request: Request) -> str | None:
    custodian = custodian_of(request)
    for father in parties_of(request, PartyRole.FATHER):
        reference = custody_case_pending(custodian.national_id, father.id_number)
        if reference:
            return _(
                "A custody case between the custodian and the father is pending (%(case)s): custody is agreed "
                "here only once it ends."
            ) % {"case": reference}
    return None


def custody_check(request) -> list[str]:
    """What stops the agreement from being submitted, beyond its steps' forms."""
    problems = []
    if request.represented_id:
        problems.append(_("An agreed custody is filed by the custodian in person."))
    fathers = parties_of(request, PartyRole.FATHER)
    witnesses = parties_of(request, PartyRole.WITNESS)
    if len(fathers) != 1:
        problems.append(_("Name exactly one father."))
    if len(witnesses) != WITNESSES:
        problems.append(_("Name exactly two witnesses."))
    father_ids = {party.id_number for party in fathers}
    if any(party.id_number in father_ids for party in witnesses):
        problems.append(_("The father cannot also be a witness."))
    problems += minors_refused([*fathers, *witnesses])
    agreement = CustodyAgreement.objects.filter(request=request).first()
    if agreement is not None and not agreement.children:
        problems.append(_("Name at least one child."))
    refusal = _pending_case_refusal(request)
    if refusal:
        problems.append(refusal)
    return problems


# --- The notary's approval: the custody deed ----------------------------------------------------------


def custody_deed_issue(*, request, change, service) -> None:
    """Engine hook on the notary's approval: refused if a custody case between the same people was
    filed meanwhile; otherwise the custody deed is issued and every party told."""
    if not is_approver(change.actor, NOTARIES):
        raise TransitionForbidden(_("Only a notary approves an agreed custody."))
    refusal = _pending_case_refusal(request)
    if refusal:
        raise TransitionForbidden(refusal)
    agreement = CustodyAgreement.objects.get(request=request)
    document = document_issue(
        kind=CUSTODY_DEED_KIND,
        request=request,
        parties=issued_parties(request, PartyRole.FATHER, PartyRole.WITNESS),
        actor=change.actor,
        details={"children": len(agreement.children)},
    )
    notify_event(
        event="custody_deed_issued",
        request=request,
        recipients=[custodian_of(request), *parties_of(request, PartyRole.FATHER, PartyRole.WITNESS)],
        params={"number": document.number},
    )


# --- The document ---------------------------------------------------------------------------------------


def custody_pdf_context(document) -> dict:
    agreement = CustodyAgreement.objects.select_related("request").get(request=document.request)
    parties = list(document.parties.order_by("pk"))
    return {
        "agreement": agreement,
        "reference": agreement.request.reference,
        "custodian": next((p for p in parties if p.role == PartyRole.APPLICANT), None),
        "father": next((p for p in parties if p.role == PartyRole.FATHER), None),
        "witnesses": [p for p in parties if p.role == PartyRole.WITNESS],
        "notary": document.issued_by.name_ar if document.issued_by else "",
    }


def custody_verify_rows(document) -> list[tuple]:
    custodian = document.parties.filter(role=PartyRole.APPLICANT).first()
    return [
        (_("Children"), str(document.details.get("children", 0))),
        (_("Custodian"), masked_name(custodian.name) if custodian else ""),
    ]
