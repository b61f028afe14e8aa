"""Writes to the shared request. ``request_transition`` is the workflow engine: the only writer of status."""

import hashlib
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from identity.roles import roles_of

from .dates import hijri_year
from .errors import NoteRequired, TransitionForbidden, TransitionNotDeclared, UploadRejected
from .models import Document, IdType, Party, ReferenceCounter, Request, Status, StatusChange
from .registry import APPLICANT, SYSTEM, Transition, run_hooks, service_registry
from .uploads import sniff, upload_problem


def _next_reference(prefix: str) -> str:
    """``PREFIX-HIJRIYEAR-NNNNNN``; the counter row stays locked until the caller's transaction ends."""
    year = hijri_year(timezone.localdate())
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"


def request_create(*, service: str, applicant, represented=None) -> Request:
    """A new request of ``service`` in draft, with its reference number."""
    definition = service_registry.get(service)
    with transaction.atomic():
        return Request.objects.create(
            reference=_next_reference(definition.prefix),
            service=definition.code,
            applicant=applicant,
            represented=represented,
            status=Status.DRAFT,
        )


def acting_role(*, transition: Transition, request: Request, actor) -> str | None:
    """The capacity in which ``actor`` may take ``transition`` on ``request``, or None."""
    if actor is None:
        return SYSTEM if SYSTEM in transition.by else None
    if APPLICANT in transition.by and actor.pk in {request.applicant_id, request.represented_id}:
        return APPLICANT
    if not actor.is_active:
        return None
    staff_roles = roles_of(actor) & transition.by if actor.is_staff else frozenset()
    return min(staff_roles) if staff_roles else None


def transitions_open_to(*, request: Request, actor) -> list[Transition]:
    """The steps ``actor`` may take on ``request`` in its current status (for buttons and actions)."""
    workflow = service_registry.get(request.service).workflow
    return [
        transition
        for transition in workflow.leaving(request.status)
        if acting_role(transition=transition, request=request, actor=actor)
    ]


def request_transition(*, request: Request, to: str, actor, note: str = "") -> Request:
    """Move ``request`` to status ``to`` by a declared step; ``actor`` None means the system.

    Locks the row, checks the source status and the actor's role against the service's workflow,
    writes the status and its history row, and runs the hooks on entering ``to`` (notifications,
    deadlines), all in one transaction. Raises a RequestError subclass with a message for the user.
    """
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        service = service_registry.get(locked.service)
        target_label = service.status_label(to) if to in Status.values else to
        transition = service.workflow.find(locked.status, to)
        if transition is None:
            raise TransitionNotDeclared(
                _("A request that is “%(current)s” cannot be moved to “%(target)s”.")
                % {"current": service.status_label(locked.status), "target": target_label}
            )
        role = acting_role(transition=transition, request=locked, actor=actor)
        if role is None:
            raise TransitionForbidden(
                _("You may not move this request to “%(target)s”.") % {"target": target_label}
            )
        note = note.strip()
        if transition.note_required and not note:
            raise NoteRequired(
                _("Write the reason for “%(step)s”; the applicant will read it.") % {"step": transition.label}
            )

        previous = locked.status
        now = timezone.now()
        locked.status = to
        locked.status_changed_at = now
        fields = ["status", "status_changed_at", "updated_at"]
        if previous == Status.DRAFT and locked.submitted_at is None:
            locked.submitted_at = now
            fields.append("submitted_at")
        locked.save(update_fields=fields)
        change = StatusChange.objects.create(
            request=locked, from_status=previous, to_status=to, actor=actor, actor_role=role, note=note
        )
        run_hooks(request=locked, change=change, service=service)
    return locked


def request_assign(*, request: Request, assignee, actor) -> Request:
    """Give ``request`` to the staff member ``assignee`` (None leaves it unassigned)."""
    if not actor.is_staff or (assignee is not None and not assignee.is_staff):
        raise TransitionForbidden(_("Only staff members handle requests."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
    return locked


def party_add(
    *,
    request: Request,
    role: str,
    id_number: str,
    id_type: str = IdType.NATIONAL_ID,
    name: str = "",
    phone: str = "",
) -> Party:
    """Add a party; one known to the portal is linked to its user and named from the registry."""
    user = get_user_model().objects.filter(national_id=id_number).first()
    return Party.objects.create(
        request=request,
        role=role,
        id_type=id_type,
        id_number=id_number,
        name=name or (user.display_name if user else ""),
        phone=phone or (user.phone if user else ""),
        user=user,
    )


def document_add(*, request: Request, actor, upload, kind: str) -> Document:
    """Store an uploaded file on ``request`` after the upload rules; refuses with UploadRejected."""
    problem = upload_problem(upload)
    if problem:
        raise UploadRejected(problem)
    file_kind = sniff(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if locked.documents.count() >= settings.DOCUMENT_MAX_PER_REQUEST:
            raise UploadRejected(
                _("A request holds at most %(count)s files; remove one before adding another.")
                % {"count": settings.DOCUMENT_MAX_PER_REQUEST}
            )
        document = Document(
            request=locked,
            kind=kind,
            stored_name=uuid.uuid4().hex + file_kind.extension,
            original_name=upload.name[:255],
            content_type=file_kind.content_type,
            size=upload.size,
            sha256=digest.hexdigest(),
            uploaded_by=actor,
        )
        document.file.save(document.stored_name, upload, save=False)
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)
            raise
    return document
