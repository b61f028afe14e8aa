"""Writes to the shared request. ``request_transition`` is the workflow engine: the only writer of status."""

import hashlib
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from identity.confirmations import confirmation_used
from identity.roles import roles_of

from .access import Section, acts_for, files_for, on_applicant_side, parties_seeing, staff_viewer
from .consents import consents_ask
from .dates import hijri_year
from .errors import DecisionRequired, NoteRequired, TransitionForbidden, TransitionNotDeclared, UploadRejected
from .models import (
    Document,
    IdType,
    Interview,
    Message,
    Notification,
    Party,
    PartyRole,
    ReferenceCounter,
    Request,
    Requirement,
    Status,
    StatusChange,
)
from .notifications import forget_unread_counts, notify_event
from .parties import count_lookup, registered_user, registry_name, saudi_mobile
from .registry import APPLICANT, SYSTEM, Transition, run_hooks, service_registry
from .storage import atomic_with_files, delete_after_commit, delete_on_rollback
from .uploads import FileKind, check_upload, with_detected_extension


def _next_reference(prefix: str) -> str:
    """``PREFIX-HIJRIYEAR-NNNNNN``; the counter row stays locked until the caller's transaction ends."""
    year = hijri_year(timezone.localdate())
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"


def acting_role(*, transition: Transition, request: Request, actor) -> str | None:
    """The capacity in which ``actor`` may take ``transition`` on ``request``, or None."""
    if actor is None:
        return SYSTEM if SYSTEM in transition.by else None
    if APPLICANT in transition.by and (actor.pk == request.represented_id or files_for(request, actor)):
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


def step_open_to(*, request: Request, actor, to: str) -> bool:
    """Whether ``actor`` may move ``request`` to ``to`` now (to offer the step, not to take it)."""
    return any(transition.target == to for transition in transitions_open_to(request=request, actor=actor))


def request_transition(*, request: Request, to: str, actor, decision: str = "", note: str = "") -> Request:
    """Move ``request`` to status ``to`` by a declared step; ``actor`` None means the system.

    Locks the row, checks the source status and the actor's role against the service's workflow,
    writes the status and its history row, and runs the hooks on entering ``to`` (notifications,
    deadlines), all in one transaction. Raises a RequestError subclass with a message for the user.
    A hook's stored files (an issued document's PDF) go if the transition rolls back.

    ``decision`` is the step's legal text, required where the workflow declares one and read by the
    parties; a person may not attach one to a step that declares none (it would reach the parties
    unannounced), the system may (why a request closed by itself). ``note`` is internal to staff.
    """
    with atomic_with_files():
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
        decision, note = decision.strip(), note.strip()
        if transition.decision is not None and not decision:
            raise DecisionRequired(
                _("Write “%(decision)s”: the parties will read it.") % {"decision": transition.decision}
            )
        if transition.decision is None and actor is not None:
            decision = ""

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
            request=locked,
            from_status=previous,
            to_status=to,
            actor=actor,
            actor_role=role,
            decision=decision,
            note=note,
        )
        run_hooks(request=locked, change=change, service=service)
    return locked


def request_assign(*, request: Request, assignee, actor) -> Request:
    """Give ``request`` to the staff member ``assignee`` (None leaves it unassigned)."""
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if staff_viewer(locked, actor) is None or (
            assignee is not None and staff_viewer(locked, assignee) is None
        ):
            raise TransitionForbidden(_("Only staff members who work this request's queue handle it."))
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
    nationality: str = "",
    national_address: str = "",
) -> Party:
    """Add a party. One registered in the portal is linked to its user and takes the registry's name
    and mobile number whatever was typed, so that legal notices reach the registered number; anyone
    else's mobile number is stored as +9665XXXXXXXX (InvalidMobile if it is not one)."""
    user = registered_user(id_type=id_type, id_number=id_number)
    if user is not None:
        name, phone = registry_name(user), user.phone
    elif phone:
        phone = saudi_mobile(phone)
    return Party.objects.create(
        request=request,
        role=role,
        id_type=id_type,
        id_number=id_number,
        name=name.strip(),
        phone=phone,
        nationality=nationality,
        national_address=national_address,
        user=user,
    )


def document_add(*, request: Request, actor, upload, kind: str) -> Document:
    """Store an uploaded file on a request its author is filing or amending, after the upload rules;
    refuses with UploadRejected, or TransitionForbidden once the request can no longer be changed."""
    file_kind = check_upload(upload)
    with atomic_with_files():
        locked = request_lock_editable(request=request, actor=actor)
        return _document_store(request=locked, actor=actor, upload=upload, kind=kind, file_kind=file_kind)


def _document_store(
    *, request: Request, actor, upload, kind: str, file_kind: FileKind, message=None, requirement=None
) -> Document:
    """Record and store ``upload``, already judged ``file_kind`` by check_upload, on ``request``,
    which the caller holds locked inside ``atomic_with_files``: the file goes if the rows roll back."""
    if request.documents.count() >= settings.DOCUMENT_MAX_PER_REQUEST:
        count = settings.DOCUMENT_MAX_PER_REQUEST
        raise UploadRejected(
            ngettext(
                "A request holds at most %(count)d file; remove it before adding another.",
                "A request holds at most %(count)d files; remove one before adding another.",
                count,
            )
            % {"count": count}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    document = Document(
        request=request,
        kind=kind,
        stored_name=uuid.uuid4().hex + file_kind.extension,
        original_name=with_detected_extension(upload.name, file_kind),
        content_type=file_kind.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
        message=message,
        requirement=requirement,
    )
    document.file.save(document.stored_name, upload, save=False)
    delete_on_rollback(document.file)
    document.save()
    return document


# --- Filing: starting, answering, submitting ------------------------------------------------------


def request_start(*, service: str, applicant, start_token, represented=None) -> Request:
    """The draft for this start of the wizard; the same token (a double click, a second tab, two
    clicks racing each other) gives the same draft. Filing for someone else needs the domains' yes
    (a valid power of attorney)."""
    definition = service_registry.get(service)
    if represented is not None and represented.pk == applicant.pk:
        represented = None
    if represented is not None and not acts_for(applicant, represented, definition.code):
        raise TransitionForbidden(
            _("You hold no valid power of attorney from this person that covers this service.")
        )
    existing = Request.objects.filter(start_token=start_token, applicant=applicant).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            request = Request.objects.create(
                reference=_next_reference(definition.prefix),
                service=definition.code,
                applicant=applicant,
                represented=represented,
                status=Status.DRAFT,
                start_token=start_token,
            )
            party_add(
                request=request, role=PartyRole.APPLICANT, id_number=(represented or applicant).national_id
            )
    except IntegrityError:
        # The same start committed first in another transaction: that draft is this one.
        existing = Request.objects.filter(start_token=start_token, applicant=applicant).first()
        if existing is None:
            raise
        return existing
    return request


def request_editable_by(request: Request, user) -> bool:
    return request.status in {Status.DRAFT, Status.RETURNED} and files_for(request, user)


def _ensure_editable(request: Request, actor) -> None:
    if not request_editable_by(request, actor):
        raise TransitionForbidden(_("This request can no longer be changed."))


def request_lock_editable(*, request: Request, actor) -> Request:
    """Lock ``request`` for a change of its answers, then check that ``actor`` may still make it (its
    author, while a draft or returned for amendment). Call inside the caller's transaction."""
    locked = Request.objects.select_for_update().get(pk=request.pk)
    _ensure_editable(locked, actor)
    return locked


def request_party_add(
    *,
    request: Request,
    actor,
    role: str,
    id_type: str,
    id_number: str,
    name: str = "",
    phone: str = "",
    nationality: str = "",
    national_address: str = "",
) -> Party:
    """Name a party on a request its author is filing or amending. Each ID looked up is counted
    against the author's hourly limit: the answer tells whether the person is registered, and
    their name (TooManyLookups past the limit)."""
    service = service_registry.get(request.service)
    if role not in service.party_roles:
        raise TransitionForbidden(_("This service does not take a party in that role."))
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        if locked.parties.filter(role=role, id_type=id_type, id_number=id_number).exists():
            raise TransitionForbidden(_("This person is already a party in that role."))
        own_side = {user.national_id for user in (locked.applicant, locked.represented) if user}
        if id_number in own_side and role not in service.applicant_roles:
            # A creditor naming himself the debtor would pay himself and close his own request.
            raise TransitionForbidden(
                _("The person the request is filed for cannot also be named in this role.")
            )
        count_lookup(actor)
        registered = registered_user(id_type=id_type, id_number=id_number) is not None
        if not registered and not service.unregistered_parties_allowed:
            raise TransitionForbidden(_("This service needs every party to be registered in the portal."))
        if not registered and not (name.strip() and phone.strip()):
            raise TransitionForbidden(
                _("This ID is not registered in the portal: give the person's full name and mobile number.")
            )
        return party_add(
            request=locked,
            role=role,
            id_type=id_type,
            id_number=id_number,
            name=name,
            phone=phone,
            nationality=nationality,
            national_address=national_address,
        )


def request_party_remove(*, request: Request, actor, party_pk: int) -> None:
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        locked.parties.exclude(role=PartyRole.APPLICANT).filter(pk=party_pk).delete()


def request_document_remove(*, request: Request, actor, document_pk: int) -> None:
    """Remove a document from a request its author is filing or amending; the file goes once the
    row's deletion has committed."""
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        document = locked.documents.filter(pk=document_pk, message__isnull=True).first()
        if document is not None:
            document.delete()
            delete_after_commit([document.file])


def missing_answers(request: Request) -> list[str]:
    """What still stops ``request`` from being submitted, in words for the applicant."""
    service = service_registry.get(request.service)
    problems = []
    for step in service.steps:
        form = step.form_class(data=step.load(request))
        if not form.is_valid():
            problems.append(_("Complete the step “%(step)s”.") % {"step": step.title})
    kinds = set(request.documents.values_list("kind", flat=True))
    for document in service.required_documents:
        if document.required and document.kind not in kinds:
            problems.append(_("Upload: %(document)s.") % {"document": document.label})
    return [*problems, *service.check(request)]


def submit_purpose(request: Request) -> str:
    """What the one-time code confirming the submission of ``request`` is bound to."""
    return f"submit:{request.pk}"


def request_submit(*, request: Request, actor) -> Request:
    """Submit a draft, or resubmit a request returned for amendment, once everything is there and,
    where the service asks for it, the applicant has confirmed with a one-time code."""
    problems = missing_answers(request)
    if problems:
        raise NoteRequired(" ".join(problems))
    service = service_registry.get(request.service)
    if service.confirmation and not confirmation_used(user=actor, purpose=submit_purpose(request)):
        raise TransitionForbidden(_("Confirm with the verification code sent to your mobile first."))
    with transaction.atomic():
        submitted = request_transition(request=request, to=Status.SUBMITTED, actor=actor)
        service.after_submit(request=submitted, actor=actor)
        consents_ask(request=submitted, actor=actor)
    return submitted


def request_discard(*, request: Request, actor) -> None:
    """Delete a draft: it was never filed, so nothing of it is kept. Its files go once the rows'
    deletion has committed, so that a failed deletion keeps a draft whose documents open."""
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if locked.applicant_id != actor.pk or locked.status != Status.DRAFT:
            raise TransitionForbidden(_("Only a draft can be deleted."))
        files = [document.file for document in locked.documents.all()]
        locked.delete()
        delete_after_commit(files)


# --- While the request is processed: messages, awaited items, interviews, notices ---------------


def _applicant_side(request: Request):
    return [request.applicant, request.represented]


def message_post(*, request: Request, author, body: str, attachments=(), from_staff: bool = False) -> Message:
    body = body.strip()
    if not body:
        raise NoteRequired(_("Write a message before sending."))
    # Files are judged before the request is locked: reading a large PDF holds no row.
    checked = [(upload, check_upload(upload)) for upload in attachments]
    with atomic_with_files():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if from_staff and staff_viewer(locked, author) is None:
            raise TransitionForbidden(_("Only staff members handling the request write to the applicant."))
        if not from_staff and not on_applicant_side(locked, author):
            raise TransitionForbidden(_("Only the applicant's side writes in this thread."))
        if locked.status == Status.DRAFT:
            raise TransitionForbidden(_("Messages can be sent once the request is submitted."))
        message = Message.objects.create(request=locked, author=author, body=body, from_staff=from_staff)
        for upload, file_kind in checked:
            _document_store(
                request=locked,
                actor=author,
                upload=upload,
                kind="message_attachment",
                file_kind=file_kind,
                message=message,
            )
        if from_staff:
            notify_event(event="message", request=locked, recipients=_applicant_side(locked))
        elif locked.assignee_id:
            notify_event(event="message", request=locked, recipients=[locked.assignee])
    return message


def requirement_add(*, request: Request, actor, text: str) -> Requirement:
    if not text.strip():
        raise NoteRequired(_("Say which documents or information are needed."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if staff_viewer(locked, actor) is None:
            raise TransitionForbidden(
                _("Only staff members handling the request ask for documents or information.")
            )
        requirement = Requirement.objects.create(request=locked, text=text.strip(), requested_by=actor)
        notify_event(event="requirement", request=locked, recipients=_applicant_side(locked))
    return requirement


def requirement_answer(*, requirement: Requirement, actor, answer: str = "", uploads=()) -> Requirement:
    request = requirement.request
    if not on_applicant_side(request, actor):
        raise TransitionForbidden(_("Only the applicant answers this."))
    if not answer.strip() and not uploads:
        raise NoteRequired(_("Attach a document or write an answer."))
    checked = [(upload, check_upload(upload)) for upload in uploads]
    with atomic_with_files():
        request = Request.objects.select_for_update().get(pk=request.pk)
        requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
        if requirement.answered_at is not None:  # a second tab, or a double click, answered first
            raise TransitionForbidden(_("This has already been answered."))
        for upload, file_kind in checked:
            _document_store(
                request=request,
                actor=actor,
                upload=upload,
                kind="requested",
                file_kind=file_kind,
                requirement=requirement,
            )
        requirement.answer = answer.strip()
        requirement.answered_at = timezone.now()
        requirement.save(update_fields=["answer", "answered_at"])
        if request.assignee_id:
            notify_event(event="requirement_answered", request=request, recipients=[request.assignee])
    return requirement


def interview_schedule(
    *, request: Request, actor, starts_at, place: str = "", video_link: str = ""
) -> Interview:
    if not (place.strip() or video_link.strip()):
        raise NoteRequired(_("Give the place of the interview or its video link."))
    if starts_at <= timezone.now():
        raise NoteRequired(_("An interview is scheduled in the future."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        if staff_viewer(locked, actor) is None:
            raise TransitionForbidden(_("Only staff members handling the request schedule interviews."))
        interview = Interview.objects.create(
            request=locked,
            starts_at=starts_at,
            place=place.strip(),
            video_link=video_link.strip(),
            scheduled_by=actor,
        )
        notify_event(
            event="interview",
            request=locked,
            recipients=[*_applicant_side(locked), *parties_seeing(locked, Section.INTERVIEWS)],
            params={"when": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M")},
        )
    return interview


def notify_on_transition(*, request: Request, change: StatusChange, service) -> None:
    """Core listener: the applicant's side hears of every status change; other parties where the
    service says so (a defendant on registration, a debtor on an execution order)."""
    submitted = change.to_status == Status.SUBMITTED and change.from_status == Status.DRAFT
    notify_event(
        event="submitted" if submitted else "status_changed",
        request=request,
        recipients=_applicant_side(request),
        params={"status": service.status_label_lazy(change.to_status)},
    )
    if change.to_status in service.notify_parties_on:
        applicant_side = {request.applicant_id, request.represented_id}
        others = request.parties.exclude(role=PartyRole.APPLICANT).select_related("user")
        notify_event(
            event="party_named",
            request=request,
            recipients=[
                party for party in others if party.user_id is None or party.user_id not in applicant_side
            ],
            params={"status": service.status_label_lazy(change.to_status)},
        )


def notifications_mark_read(*, user, pks=None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=pks)
    marked = unread.update(read_at=timezone.now())
    forget_unread_counts([user.pk])
    return marked
