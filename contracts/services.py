from django.forms.models import model_to_dict
from django.utils import timezone

from .models import CertifiedCopy


def certified_copy_details(request) -> dict:
    copy = CertifiedCopy.objects.filter(request=request).first()
    return model_to_dict(copy, fields=("source", "source_number", "purpose", "delivery")) if copy else {}


def certified_copy_save_details(*, request, data: dict, actor) -> CertifiedCopy:
    copy, _created = CertifiedCopy.objects.update_or_create(request=request, defaults=data)
    return copy


def certified_copy_issue(*, request, change=None, service=None) -> None:
    """On completion the copy is issued: dated, with the code that /verify/ checks."""
    CertifiedCopy.objects.filter(request=request, issued_at__isnull=True).update(issued_at=timezone.now())
