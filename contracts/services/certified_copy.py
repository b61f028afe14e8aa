from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from requests_tracker.issuing import IssuedParty, document_issue
from requests_tracker.models import PartyRole
from requests_tracker.services import request_lock_editable

from ..models import CertifiedCopy

CERTIFIED_COPY_KIND = "certified_copy"


def certified_copy_details(request) -> dict:
    copy = CertifiedCopy.objects.filter(request=request).first()
    return model_to_dict(copy, fields=("source", "source_number", "purpose", "delivery")) if copy else {}


def certified_copy_save_details(*, request, data: dict, actor) -> CertifiedCopy:
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        copy, _created = CertifiedCopy.objects.update_or_create(request=locked, defaults=data)
    return copy


def certified_copy_issue(*, request, change, service) -> None:
    """Engine hook on completion: the copy is issued into the core registry, its PDF rendered once,
    with the holder (the person filed for, or the applicant) as its party."""
    copy = CertifiedCopy.objects.get(request=request)
    holder = request.represented or request.applicant
    document_issue(
        kind=CERTIFIED_COPY_KIND,
        request=request,
        parties=[IssuedParty(PartyRole.APPLICANT, holder.national_id, holder.name_ar)],
        actor=change.actor,
        details={"source": copy.source, "source_number": copy.source_number},
    )


def certified_copy_context(document) -> dict:
    """The certified copy's part of its PDF."""
    request = document.request
    return {
        "copy": CertifiedCopy.objects.get(request=request),
        "reference": request.reference,
        "applicant": request.represented or request.applicant,
    }


def certified_copy_verify_rows(document) -> list:
    source = CertifiedCopy.Source(document.details["source"])
    return [(_("Document type"), source.label), (_("Document number"), document.details["source_number"])]
