"""Issued documents: one registry for every domain (DESIGN §2.6).

A domain registers the kinds it issues (``register_document_kind``) and issues through
``document_issue``: the core gives the number (random, so no number tells its neighbours), renders
the PDF once from the kind's template, keeps it with its SHA-256, and records the parties by
national ID. ``/verify/`` answers for every kind from here; a domain adds rows, never a verifier.
"""

import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from identity.roles import Role, roles_of

from .errors import DecisionRequired, TransitionForbidden
from .models import IssuedDocument, IssuedDocumentChange, IssuedDocumentParty, Request
from .notifications import notify_event
from .pdf import gregorian_date, hijri_date, qr_data_uri, render_html, render_pdf
from .storage import atomic_with_files, delete_on_rollback

NUMBER_DIGITS = 12


@dataclass(frozen=True)
class DocumentKind:
    """What a domain issues: its title, the PDF's template and the domain's part of its context, and
    what the verification page shows besides the core's facts."""

    code: str
    title: Any
    template: str
    context: Callable[..., dict] = lambda document: {}
    verify_rows: Callable[..., list[tuple[Any, Any]]] = lambda document: []
    # For a kind that can be enforced (a judgment, a decree, an acknowledgment): whether this one is
    # final now, and the enforcement request's instrument fields it fills in.
    is_final: Callable[..., bool] | None = None
    instrument: Callable[..., dict] | None = None
    # Whether ``person`` may have this document enforced (a party it favours).
    enforced_by: Callable[..., bool] = lambda document, person: False


_kinds: dict[str, DocumentKind] = {}


def register_document_kind(kind: DocumentKind) -> DocumentKind:
    _kinds[kind.code] = kind
    return kind


def document_kind(code: str) -> DocumentKind:
    return _kinds[code]


@dataclass(frozen=True)
class IssuedParty:
    role: str
    national_id: str
    name: str = ""


@dataclass
class _Rendered:
    html: str = ""
    pdf: bytes = b""
    extra: dict = field(default_factory=dict)


def verification_url(document: IssuedDocument) -> str:
    """The public page that confirms this document, from the configured public address (never the
    Host header of whoever happened to ask for the PDF)."""
    query = urlencode({"number": document.number, "token": document.verification_token})
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{reverse('verify')}?{query}"


def document_html(document: IssuedDocument) -> str:
    """The HTML the PDF of ``document`` is made from."""
    kind = document_kind(document.kind)
    issued_on = timezone.localdate(document.issued_at)
    url = verification_url(document)
    context = {
        "document": document,
        "issued_gregorian": gregorian_date(issued_on),
        "issued_hijri": hijri_date(issued_on),
        "verify_url": url,
        "qr_data_uri": qr_data_uri(url),
        **kind.context(document),
    }
    return render_html(kind.template, context)


def _new_number() -> str:
    return f"{secrets.randbelow(9 * 10 ** (NUMBER_DIGITS - 1)) + 10 ** (NUMBER_DIGITS - 1)}"


def document_issue(
    *,
    kind: str,
    request: Request | None,
    parties: Iterable[IssuedParty],
    actor=None,
    details: dict | None = None,
) -> IssuedDocument:
    """Issue a document of ``kind``: number, parties, its history's first row, and the PDF rendered
    now and kept with its hash. Called by the issuing domain's service, which has checked its actor,
    inside that service's transaction."""
    document_kind(kind)  # an unregistered kind fails here, before anything is written
    now = timezone.now()
    with atomic_with_files():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    document = IssuedDocument.objects.create(
                        kind=kind,
                        number=_new_number(),
                        verification_token=secrets.token_urlsafe(32),
                        request=request,
                        issued_at=now,
                        issued_by=actor,
                        status_changed_at=now,
                        details=details or {},
                    )
                break
            except IntegrityError:  # a number drawn twice: draw again
                continue
        else:
            raise RuntimeError("Could not draw a free document number.")
        IssuedDocumentParty.objects.bulk_create(
            IssuedDocumentParty(document=document, role=p.role, national_id=p.national_id, name=p.name)
            for p in parties
        )
        IssuedDocumentChange.objects.create(
            document=document, status=IssuedDocument.Status.VALID, actor=actor, at=now
        )
        pdf = render_pdf(document_html(document))
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.pdf.save(f"{document.number}.pdf", ContentFile(pdf), save=False)
        delete_on_rollback(document.pdf)
        document.save(update_fields=["sha256", "pdf"])
    return document


def document_set_status(*, document: IssuedDocument, status: str, actor=None, reason: str = "") -> None:
    """Record a new status of an issued document (a revocation, an expiry) with its time and reason;
    the domain's service decides who may, the registry keeps the record."""
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        now = timezone.now()
        locked.status = status
        locked.status_changed_at = now
        locked.save(update_fields=["status", "status_changed_at"])
        IssuedDocumentChange.objects.create(
            document=locked, status=status, reason=reason, actor=actor, at=now
        )


# What a supervisor may still cancel: a document that gives something now.
CANCELLABLE = frozenset({IssuedDocument.Status.VALID, IssuedDocument.Status.PARTIALLY_TERMINATED})


def document_cancel(*, document: IssuedDocument, actor, reason: str) -> None:
    """A supervisor cancels an issued document (a court voided the deed, it was issued in error):
    from then the verification page says "cancelled" with the date, and its registered parties are
    told. The reason is kept in the document's history."""
    if Role.SUPERVISOR not in roles_of(actor):
        raise TransitionForbidden(_("Only a supervisor may cancel an issued document."))
    if not reason.strip():
        raise DecisionRequired(_("Give the reason for the cancellation: the parties read it."))
    with transaction.atomic():
        locked = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status not in CANCELLABLE:
            raise TransitionForbidden(_("This document is no longer in force, so it cannot be cancelled."))
        document_set_status(
            document=locked, status=IssuedDocument.Status.CANCELLED, actor=actor, reason=reason.strip()
        )
        holders = get_user_model().objects.filter(national_id__in=locked.parties.values("national_id"))
        notify_event(
            event="document_cancelled",
            request=locked.request,
            recipients=list(holders),
            params={
                "number": locked.number,
                "reference": locked.request.reference if locked.request else locked.number,
                "reason": reason.strip(),
            },
        )


def document_is_final(document: IssuedDocument) -> bool:
    """The core's "is this instrument final?": asked of the domain that issued it. A document of a
    kind that says nothing of finality is final once issued, while valid."""
    kind = document_kind(document.kind)
    if document.status != IssuedDocument.Status.VALID:
        return False
    return kind.is_final(document) if kind.is_final else True


def enforceable_document(number: str) -> IssuedDocument | None:
    """The issued document with ``number`` if its kind can be an executive instrument."""
    document = IssuedDocument.objects.filter(number=number.strip()).first()
    if document is None or document_kind(document.kind).instrument is None:
        return None
    return document


def issued_for_request(request: Request):
    return IssuedDocument.objects.filter(request=request).order_by("issued_at", "pk")


def document_find(*, number: str, national_id: str = "", token: str = "") -> IssuedDocument | None:
    """The document with ``number`` if the caller also holds the national ID of one of its parties or
    the QR code's token; None otherwise, the same for a wrong number and a wrong ID."""
    document = IssuedDocument.objects.filter(number=number.strip()).first()
    if document is None:
        return None
    if token and hmac.compare_digest(token.encode(), document.verification_token.encode()):
        return document
    if national_id and document.parties.filter(national_id=national_id.strip()).exists():
        return document
    return None


def masked_name(name: str) -> str:
    """The first name only (``عبد`` names keep their second part), then an ellipsis."""
    words = name.split()
    if not words:
        return "…"
    first = " ".join(words[:2]) if words[0] in {"عبد", "Abdul", "Abd"} and len(words) > 1 else words[0]
    return f"{first}…"


def masked_id(national_id: str) -> str:
    return f"{'•' * max(len(national_id) - 4, 0)}{national_id[-4:]}"
