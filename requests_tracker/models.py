"""The shared request: what every service's request has, whatever the service.

A domain app keeps its own fields in a model with a one-to-one primary key to ``Request``
(see docs/architecture.md). ``status`` is written only by ``requests_tracker.services``'s
workflow engine.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .storage import private_storage


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    RETURNED = "returned", _("Returned for amendment")
    IN_PROGRESS = "in_progress", _("In progress")
    IN_EXECUTION = "in_execution", _("In execution")
    # Enforcement's own stages of "in execution": paid in part, and a grace period the judge granted.
    PARTIALLY_EXECUTED = "partially_executed", _("Partially executed")
    GRACE_GRANTED = "grace_granted", _("Grace period granted")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class Request(models.Model):
    reference = models.CharField(
        _("reference number"),
        max_length=32,
        unique=True,
        help_text=_("Service prefix, Hijri year, sequence."),
    )
    service = models.CharField(_("service"), max_length=64, db_index=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="filed_requests",
        verbose_name=_("applicant"),
        help_text=_("Who filed the request: the person, or their lawyer or agent."),
    )
    represented = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="represented_requests",
        verbose_name=_("represented person"),
        help_text=_("The person a lawyer or agent filed for, under a power of attorney."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("assigned to"),
        help_text=_("The staff member handling the request now."),
    )
    start_token = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Makes starting a request idempotent."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    escalated_at = models.DateTimeField(
        _("escalated"),
        null=True,
        blank=True,
        help_text=_("Set when a deadline was missed: in the supervisor's queue."),
    )

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["service", "status"], name="request_service_status"),
            models.Index(fields=["assignee", "status"], name="request_assignee_status"),
            models.Index(fields=["applicant", "-updated_at"], name="request_applicant_recent"),
            # The staff queues list the most recently updated first, a page at a time.
            models.Index(fields=["-updated_at", "-id"], name="request_recent"),
            # The few requests escalated to the supervisor, for the overdue and escalated filters.
            models.Index(
                fields=["escalated_at"],
                condition=models.Q(escalated_at__isnull=False),
                name="request_escalated",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def service_definition(self):
        from .registry import service_registry

        return service_registry.get(self.service)

    def get_status_display(self) -> str:
        """The status as this service names it (a case "in progress" reads "under consideration")."""
        return self.service_definition.status_label(self.status)


class StatusChange(models.Model):
    """One row per transition, written by the engine in the transaction that changed the status."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the system made the change (a timer, a payment)."),
    )
    actor_role = models.CharField(_("acting as"), max_length=32)
    decision = models.TextField(
        _("decision"),
        blank=True,
        help_text=_(
            "The legal text of the step (an order, the reasons of a return or rejection), read by the parties."
        ),
    )
    note = models.TextField(_("internal note"), blank=True, help_text=_("Read by staff only."))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.from_status} → {self.to_status}"

    # The statuses as the request's service names them, as its badge and its notices do.
    def get_from_status_display(self) -> str:
        return self.request.service_definition.status_label(self.from_status)

    def get_to_status_display(self) -> str:
        return self.request.service_definition.status_label(self.to_status)


class ReferenceCounter(models.Model):
    """The last sequence number given per service prefix and Hijri year; one row locked per number."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"


class IdType(models.TextChoices):
    NATIONAL_ID = "national_id", _("National ID")
    IQAMA = "iqama", _("Residency (iqama)")
    VISITOR = "visitor", _("Visitor ID")
    UMRAH = "umrah", _("Umrah visa")
    COMMERCIAL_REGISTER = "commercial_register", _("Commercial register (establishment)")


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    PLAINTIFF = "plaintiff", _("Plaintiff")
    DEFENDANT = "defendant", _("Defendant")
    CREDITOR = "creditor", _("Creditor")
    DEBTOR = "debtor", _("Debtor")
    PRINCIPAL = "principal", _("Principal")
    AGENT = "agent", _("Agent")
    HUSBAND = "husband", _("Husband")
    WIFE = "wife", _("Wife")
    GUARDIAN = "guardian", _("Guardian")
    WITNESS = "witness", _("Witness")
    SELLER = "seller", _("Seller")
    BUYER = "buyer", _("Buyer")
    CHILD = "child", _("Child")
    FATHER = "father", _("Father")
    BENEFICIARY = "beneficiary", _("Beneficiary")
    OWNER = "owner", _("Owner")
    OTHER = "other", _("Other party")


class Party(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    id_type = models.CharField(
        _("ID type"), max_length=24, choices=IdType.choices, default=IdType.NATIONAL_ID
    )
    id_number = models.CharField(_("ID number"), max_length=20)
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    nationality = models.CharField(_("nationality"), max_length=60, blank=True)
    national_address = models.CharField(
        _("national address"),
        max_length=200,
        blank=True,
        help_text=_("Short address or building, street, district, city."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="party_in",
        verbose_name=_("registered user"),
        help_text=_("Linked when the party is a registered user of the portal."),
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "role", "id_type", "id_number"], name="party_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name or self.id_number}"


def _document_path(instance: "Document", filename: str) -> str:
    # The stored name is ours, never the uploader's: it cannot collide, traverse or pose as HTML.
    return f"requests/{instance.request_id}/{instance.stored_name}"


class Document(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(
        _("document type"), max_length=40, help_text=_("Which required document this is.")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=_document_path, max_length=255)
    stored_name = models.CharField(max_length=64, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    message = models.ForeignKey(
        "Message", on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    requirement = models.ForeignKey(
        "Requirement", on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Message(models.Model):
    """The thread between the applicant (or their lawyer) and the staff handling the request."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_staff = models.BooleanField(default=False)
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.body[:40]}"


class Requirement(models.Model):
    """Documents or information the staff asked the applicant for; the request page shows it as awaited."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="requirements")
    text = models.TextField(_("what is needed"), help_text=_("Shown to the applicant as written."))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("requested document or information")
        verbose_name_plural = _("requested documents and information")
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Interview(models.Model):
    """An interview with the parties, in person or by video."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="interviews")
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scheduled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(place="") | ~models.Q(video_link=""), name="interview_has_place_or_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.starts_at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    """A notice in the portal's notification centre (the bell)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    request = models.ForeignKey(Request, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread"
            ),
            # The notification centre: a person's latest notices, a page at a time by id.
            models.Index(fields=["recipient", "-id"], name="notification_recent"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class OutboundMessage(models.Model):
    """One SMS or email to send: the outbox row, written in the transaction of the event it tells of.

    Its id is the gateway's idempotency key, so a retry after a crash is never delivered twice.
    """

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("Email")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", pgettext_lazy("outgoing message", "Sent")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    request = models.ForeignKey(Request, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # The party the message was addressed to as a party (a debtor's legal notice), whose delivery
    # may start a clock of its own.
    party = models.ForeignKey(Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    event = models.CharField(_("event"), max_length=40)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    to = models.CharField(pgettext_lazy("recipient", "to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state__in=["pending", "sending"]),
                name="outbound_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.to} {self.event}"


class Deadline(models.Model):
    """A timer on a request (the five days "in execution"), fired by the minute sweep, never by a
    long Celery countdown. It lives while the request stays in ``status``.

    A handler that raises leaves its deadline running with the error and a later ``next_attempt_at``;
    after the last attempt it is ``failed`` for good, until a supervisor retries it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Running")
        PAUSED = "paused", _("Paused")
        DONE = "done", _("Fired")
        CANCELLED = "cancelled", pgettext_lazy("deadline", "Cancelled")
        FAILED = "failed", pgettext_lazy("deadline", "Failed")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="deadlines")
    # A timer of one party's own (each debtor's five days run from his own notice), or of the request.
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(_("while the request is"), max_length=20, choices=Status.choices)
    due_at = models.DateTimeField(_("due"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    remaining = models.DurationField(null=True, blank=True, help_text=_("Time left when it was paused."))
    created_at = models.DateTimeField(auto_now_add=True)
    fired_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(
        _("attempts"), default=0, help_text=_("How many times the sweep ran its handler.")
    )
    last_error = models.TextField(
        _("last error"), blank=True, help_text=_("What its handler raised the last time it failed.")
    )
    next_attempt_at = models.DateTimeField(
        _("next attempt"),
        null=True,
        blank=True,
        help_text=_("After a failure, the sweep tries its handler again from this time."),
    )

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [
            models.Index(fields=["due_at"], condition=models.Q(state="pending"), name="deadline_pending_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "party"],
                condition=models.Q(state__in=["pending", "paused"]),
                name="one_live_deadline_per_kind",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.due_at:%Y-%m-%d %H:%M}"


def _issued_pdf_path(instance: "IssuedDocument", filename: str) -> str:
    return f"issued/{instance.kind}/{instance.number}.pdf"


class IssuedDocument(models.Model):
    """Something the portal issued (a certified copy, a POA, a deed, an execution order): one
    registry for every domain (DESIGN §2.6). The PDF is rendered once, at issue, and kept with its
    SHA-256; downloads serve those bytes and /verify/ shows the hash."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        PARTIALLY_TERMINATED = "partially_terminated", _("Partially terminated")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")
        TRANSFERRED = "transferred", _("Transferred")
        CANCELLED = "cancelled", pgettext_lazy("issued document", "Cancelled")

    kind = models.CharField(_("document kind"), max_length=40)
    number = models.CharField(
        _("document number"),
        max_length=20,
        unique=True,
        help_text=_("Random, so that no number tells its neighbours."),
    )
    verification_token = models.CharField(max_length=43, unique=True, editable=False)
    request = models.ForeignKey(
        Request, on_delete=models.PROTECT, null=True, blank=True, related_name="issued_documents"
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.VALID)
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    pdf = models.FileField(storage=private_storage, upload_to=_issued_pdf_path, max_length=255)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    details = models.JSONField(
        default=dict, blank=True, help_text=_("What the issuing service shows on the verification page.")
    )

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["request", "kind"], name="issued_by_request")]

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"

    @property
    def title(self):
        """What the document is, in the reader's language (its kind's title)."""
        from .issuing import document_kind

        return document_kind(self.kind).title


class IssuedDocumentParty(models.Model):
    """A party of an issued document, by national ID: with the number, it opens the verification."""

    document = models.ForeignKey(IssuedDocument, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    national_id = models.CharField(_("ID number"), max_length=20)
    name = models.CharField(_("name"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("party of an issued document")
        verbose_name_plural = _("parties of issued documents")
        ordering = ["pk"]
        indexes = [models.Index(fields=["document", "national_id"], name="issued_party_id")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.national_id}"


class IssuedDocumentChange(models.Model):
    """Each status an issued document took, when, why and by whom (a revocation, an expiry)."""

    document = models.ForeignKey(IssuedDocument, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=24, choices=IssuedDocument.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("issued document status change")
        verbose_name_plural = _("issued document history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.document_id} {self.status}"


class PartyConsent(models.Model):
    """A party's answer to a request filed with them in it (another principal of a power of
    attorney, the buyer of a property, the wife of a marriage contract), given with a one-time code
    within the window its service sets; otherwise the request lapses."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="consents")
    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="consent")
    decision = models.CharField(
        _("answer"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("party's answer")
        verbose_name_plural = _("parties' answers")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.party_id} {self.decision}"
