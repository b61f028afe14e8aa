"""Staff queues in the admin.

``RequestQueueMixin`` gives any ModelAdmin over ``Request`` (or a domain's proxy of it) the queue
tools: status, service and assignee filters with "assigned to me", the workflow steps the staff
member's role allows as bulk actions and as buttons on the request, and read-only parties,
documents and history. Every status change goes through the workflow engine.
"""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import Action, ActionLocation
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from identity.roles import Role, roles_of

from .access import staff_requests, staff_services
from .casefile import (
    case_file,
    due_soon_condition,
    escalated_condition,
    overdue_condition,
    previewable,
    with_due_at,
)
from .deadlines import deadline_retry, deadlines_needing_attention, describe_time_left
from .errors import RequestError
from .forms import InterviewForm, RequirementForm, StaffNoteForm
from .issuing import CANCELLABLE, document_cancel, document_kind
from .models import Deadline, IssuedDocument, OutboundMessage, Request, Status
from .registry import service_registry
from .services import (
    acting_role,
    interview_schedule,
    message_post,
    request_assign,
    request_transition,
    requirement_add,
    transitions_open_to,
)
from .views import serve_document


class BoundedPaginator(Paginator):
    """Counts at most ``BOUND`` rows: a queue of a million answers as fast as one of a thousand, and
    past the bound staff narrow it with the filters rather than page through it."""

    BOUND = 1000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.BOUND].count()


class CheckedSelectionMixin:
    """The admin filters the ids ticked for an action into a query as they arrive: letters or a
    number past the column would be a 500. Each is parsed as the primary key first."""

    def response_action(self, request, queryset, action_location=ActionLocation.CHANGE_LIST):
        primary_key = self.model._meta.pk
        try:
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                primary_key.clean(value, None)
        except ValidationError:
            self.message_user(request, gettext("Select from the list."), messages.WARNING)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, action_location=action_location)


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        used = {s for service in model_admin.queue_services(request) for s in service.workflow.statuses}
        return [(value, label) for value, label in Status.choices if value in used]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


class ServiceFilter(admin.SimpleListFilter):
    title = _("service")
    parameter_name = "service"

    def lookups(self, request, model_admin):
        return [(service.code, service.name) for service in model_admin.queue_services(request)]

    def queryset(self, request, queryset):
        return queryset.filter(service=self.value()) if self.value() else queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = _("assigned to")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Assigned to me")), ("none", _("Unassigned")), ("others", _("Assigned to others"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(assignee=request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value == "others":
            return queryset.filter(~Q(assignee=request.user), assignee__isnull=False)
        return queryset


class DueFilter(admin.SimpleListFilter):
    """What needs doing first: past a deadline or escalated, or falling due within a day."""

    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("24h", _("Due within 24 hours")),
            ("escalated", _("Escalated to the supervisor")),
        ]

    def queryset(self, request, queryset):
        conditions = {
            "overdue": lambda: overdue_condition(timezone.now()),
            "24h": lambda: due_soon_condition(timezone.now()),
            "escalated": escalated_condition,
        }
        condition = conditions.get(self.value())
        return queryset.filter(condition()) if condition else queryset


class RequestQueueMixin(CheckedSelectionMixin):
    """Queue tools for a ModelAdmin over Request or a proxy of it; ``services`` narrows the queue."""

    services: tuple[str, ...] = ()
    list_display = (
        "reference",
        "service_name",
        "status_badge",
        "time_left",
        "applicant",
        "assignee",
        "updated_at",
    )
    list_filter = (AssigneeFilter, DueFilter, StatusFilter, ServiceFilter)
    list_select_related = ("applicant", "assignee")
    search_fields = ("reference", "applicant__national_id", "applicant__name_ar", "applicant__name_en")
    # A queue is worked from its top: a short page, counted no further than the paginator's bound, and
    # no date hierarchy (its DISTINCT over the dates reads the whole queue on every view).
    list_per_page = 25
    paginator = BoundedPaginator
    show_full_result_count = False
    fields = readonly_fields = (
        "reference",
        "service_name",
        "status_badge",
        "applicant",
        "represented",
        "assignee",
        "created_at",
        "submitted_at",
        "status_changed_at",
    )
    actions = ("assign_to_me", "unassign")
    change_form_template = "admin/requests_tracker/queue_change_form.html"

    # -- the queue ---------------------------------------------------------------------------------

    def queue_services(self, request):
        """The services of this queue that the staff member works (``requests_tracker.access``)."""
        return staff_services(request.user, among=self.services)

    def get_queryset(self, request):
        # The access module's queue, never super()'s whole table: no draft, no other role's service.
        return with_due_at(
            staff_requests(request.user, among=self.services, queryset=super().get_queryset(request))
        )

    @admin.display(description=_("time left"), ordering="due_at")
    def time_left(self, obj):
        if obj.due_at is None:
            return format_html(
                '<span class="muted">{}</span>', gettext("escalated") if obj.escalated_at else "—"
            )
        left = obj.due_at - timezone.now()
        return format_html(
            '<span class="{}">{}</span>',
            "overdue" if left.total_seconds() <= 0 else "",
            describe_time_left(left),
        )

    @admin.display(description=_("service"), ordering="service")
    def service_name(self, obj):
        try:
            return service_registry.get(obj.service).name
        except LookupError:
            return obj.service

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="status-badge status-{}">{}</span>', obj.status, obj.get_status_display()
        )

    def action_checkbox(self, obj):
        """The admin's own checkbox, written out: its widget renders a template per row, which costs a
        queue page more than all of its queries."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

    # -- nothing is written through the form: requests change only through services ---------------

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """The form has no editable field; saving the whole row could overwrite a newer status."""

    # -- workflow steps as bulk actions --------------------------------------------------------------

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # On one request the steps are buttons with their decision field (render_change_form).
        if action_location != ActionLocation.CHANGE_LIST or not request.user.is_staff:
            return actions
        roles = roles_of(request.user)
        targets: dict[str, str] = {}
        for service in self.queue_services(request):
            for transition in service.workflow.transitions:
                # A step with a legal text is written request by request; a step that cannot be
                # undone is confirmed on its request. Neither is a bulk action.
                if (
                    transition.by & roles
                    and transition.decision is None
                    and not transition.own_form
                    and not service.workflow.irreversible(transition)
                ):
                    targets.setdefault(transition.target, str(Status(transition.target).label))
        for target, label in targets.items():
            name = f"move_to_{target}"
            description = gettext("Move selected requests to: %(status)s") % {"status": label}
            actions[name] = Action(
                func=partial(self._bulk_transition, target=target),
                name=name,
                description=description,
                plural_description=description,
                locations=[ActionLocation.CHANGE_LIST],
            )
        return actions

    def _report_each(self, request, queryset, step, done_message):
        """Run ``step(obj)`` through its service for each selected request, one at a time, and tell
        the staff member what happened to each: refused and why, and ``done_message(count, refs)``
        for those done."""
        done = []
        for obj in queryset.order_by("pk"):
            try:
                step(obj)
            except RequestError as error:
                self.message_user(request, f"{obj.reference}: {error.message}", messages.ERROR)
            else:
                done.append(obj.reference)
        if done:
            self.message_user(request, done_message(len(done), ", ".join(done)), messages.SUCCESS)

    def _bulk_transition(self, modeladmin, request, queryset, *, target):
        self._report_each(
            request,
            queryset,
            lambda obj: request_transition(request=obj, to=target, actor=request.user),
            lambda count, refs: (
                ngettext("Moved %(count)d request: %(refs)s", "Moved %(count)d requests: %(refs)s", count)
                % {"count": count, "refs": refs}
            ),
        )

    @admin.action(description=_("Take the selected requests (assign to me)"))
    def assign_to_me(self, request, queryset):
        self._report_each(
            request,
            queryset,
            lambda obj: request_assign(request=obj, assignee=request.user, actor=request.user),
            lambda count, refs: gettext("Assigned to you: %(refs)s") % {"refs": refs},
        )

    @admin.action(description=_("Unassign selected requests"))
    def unassign(self, request, queryset):
        self._report_each(
            request,
            queryset,
            lambda obj: request_assign(request=obj, assignee=None, actor=request.user),
            lambda count, refs: gettext("Unassigned: %(refs)s") % {"refs": refs},
        )

    # -- workflow steps as buttons on one request, and its documents ---------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "<int:object_id>/transition/",
                self.admin_site.admin_view(require_POST(self.transition_view)),
                name="{}_{}_transition".format(*info),
            ),
            path(
                "<int:object_id>/take/",
                self.admin_site.admin_view(require_POST(self.take_view)),
                name="{}_{}_take".format(*info),
            ),
            path(
                "<int:object_id>/process/",
                self.admin_site.admin_view(require_POST(self.process_view)),
                name="{}_{}_process".format(*info),
            ),
            path(
                "<int:object_id>/documents/<int:document_id>/",
                self.admin_site.admin_view(self.document_view),
                name="{}_{}_document".format(*info),
            ),
            path(
                "<int:object_id>/documents/<int:document_id>/preview/",
                self.admin_site.admin_view(self.document_preview_view),
                name="{}_{}_document_preview".format(*info),
            ),
        ]
        return own + super().get_urls()

    def _url(self, name, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Outside the staff member's queue a request does not exist for them: 404, as in the portal,
        # rather than the admin's redirect that tells it exists somewhere.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def _queue_object_or_404(self, request, object_id):
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return obj

    def transition_view(self, request, object_id):
        """Take one step. A step that cannot be undone (closing, rejecting) is first shown back on a
        confirmation page, which works without JavaScript; only its "confirm" button takes it."""
        obj = self._queue_object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        target = request.POST.get("to", "")
        decision = request.POST.get("decision", "")
        note = request.POST.get("note", "")
        workflow = obj.service_definition.workflow
        transition = workflow.find(obj.status, target)
        if transition is not None and transition.own_form:
            self.message_user(request, gettext("Take this step with its own form below."), messages.ERROR)
            return HttpResponseRedirect(self._url("change", obj.pk))
        if (
            transition is not None
            and workflow.irreversible(transition)
            and request.POST.get("confirmed") != "yes"
        ):
            return TemplateResponse(
                request,
                "admin/requests_tracker/confirm_step.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.opts,
                    "original": obj,
                    "title": gettext("Confirm: %(step)s") % {"step": transition.label},
                    "step": transition,
                    "status_label": obj.service_definition.status_label(target),
                    "decision": decision,
                    "note": note,
                    "transition_url": self._url("transition", obj.pk),
                    "change_url": self._url("change", obj.pk),
                },
            )
        try:
            request_transition(request=obj, to=target, actor=request.user, decision=decision, note=note)
        except RequestError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            obj.refresh_from_db()
            self.message_user(
                request,
                gettext("%(reference)s is now “%(status)s”.")
                % {"reference": obj.reference, "status": obj.get_status_display()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._url("change", obj.pk))

    def take_view(self, request, object_id):
        """ "Take it": the request is assigned to the staff member who asks."""
        obj = self._queue_object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        try:
            request_assign(request=obj, assignee=request.user, actor=request.user)
        except RequestError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(
                request, gettext("%(reference)s is assigned to you.") % {"reference": obj.reference}
            )
        return HttpResponseRedirect(self._url("change", obj.pk))

    def process_view(self, request, object_id):
        """While processing: ask for documents or information, schedule an interview, write to the applicant."""
        obj = self._queue_object_or_404(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        action = request.POST.get("action")
        form_class = {"requirement": RequirementForm, "interview": InterviewForm, "note": StaffNoteForm}.get(
            action
        )
        form = form_class(request.POST, request.FILES) if form_class else None
        if form is None or not form.is_valid():
            errors = form.errors.as_text() if form is not None else ""
            self.message_user(
                request, gettext("Nothing was done: %(errors)s") % {"errors": errors}, messages.ERROR
            )
        else:
            data = form.cleaned_data
            try:
                if action == "requirement":
                    requirement_add(request=obj, actor=request.user, text=data["text"])
                elif action == "interview":
                    interview_schedule(request=obj, actor=request.user, **data)
                else:
                    message_post(
                        request=obj,
                        author=request.user,
                        body=data["body"],
                        attachments=data["attachments"],
                        from_staff=True,
                    )
            except RequestError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(
                    request, gettext("Done; the applicant has been notified."), messages.SUCCESS
                )
        return HttpResponseRedirect(self._url("change", obj.pk))

    def _document_or_404(self, request, object_id, document_id):
        obj = self._queue_object_or_404(request, object_id)
        document = obj.documents.filter(pk=document_id).first()
        if document is None:
            raise Http404
        return document

    def document_view(self, request, object_id, document_id):
        return serve_document(self._document_or_404(request, object_id, document_id))

    def document_preview_view(self, request, object_id, document_id):
        """The document inside the case file's own page, for the types a browser shows safely."""
        document = self._document_or_404(request, object_id, document_id)
        if not previewable(document):
            raise Http404
        return serve_document(document, inline=True)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            workflow = obj.service_definition.workflow
            context["queue_steps"] = [
                {
                    "target": step.target,
                    "label": step.label,
                    "status_label": obj.service_definition.status_label(step.target),
                    "decision": step.decision,
                    "irreversible": workflow.irreversible(step),
                    "role": acting_role(transition=step, request=obj, actor=request.user),
                }
                for step in transitions_open_to(request=obj, actor=request.user)
                if not step.own_form
            ]
            context["case"] = case_file(request=obj, user=request.user)
            context["transition_url"] = self._url("transition", obj.pk)
            context["take_url"] = self._url("take", obj.pk)
            context["process_url"] = self._url("process", obj.pk)
            context["document_url_name"] = f"admin:{self.opts.app_label}_{self.opts.model_name}_document"
            context["preview_url_name"] = (
                f"admin:{self.opts.app_label}_{self.opts.model_name}_document_preview"
            )
            context["process_forms"] = {
                "requirement": RequirementForm(),
                "interview": InterviewForm(),
                "note": StaffNoteForm(),
            }
            # Nothing is saved through this form: requests change only through the steps above.
            context.update(
                show_save=False,
                show_save_and_continue=False,
                show_save_and_add_another=False,
                show_delete=False,
            )
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )


@admin.register(Request)
class RequestQueueAdmin(RequestQueueMixin, admin.ModelAdmin):
    """Every request of every service: the supervisor's view of all queues."""


def _short_error(text: str) -> str:
    return Truncator(text).chars(120) or "—"


class ViewOnlyAdminMixin(CheckedSelectionMixin):
    """Rows that services write and staff only read: no add, no save, no delete in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboundMessage)
class OutboundMessageAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """SMS and email in the outbox: supervisors see what failed for good, and why. View only: a row
    saved from a form could put back a state a worker has just changed, and send it twice."""

    list_display = ("created_at", "channel", "event", "to", "state", "attempts", "request", "error")
    list_filter = ("state", "channel", "event")
    list_select_related = ("request",)
    search_fields = ("to", "request__reference")
    actions = ("send_again",)

    def has_retry_permission(self, request):
        return request.user.has_perm("requests_tracker.change_outboundmessage")

    @admin.display(description=_("last error"))
    def error(self, obj):
        return _short_error(obj.last_error)

    @admin.action(description=_("Send the selected failed messages again"), permissions=["retry"])
    def send_again(self, request, queryset):
        from .notifications import retry_failed

        retried = retry_failed(message_ids=queryset.values_list("pk", flat=True), actor=request.user)
        self.message_user(
            request,
            ngettext("%(count)d message queued again.", "%(count)d messages queued again.", retried)
            % {"count": retried},
        )


class DeadlineTroubleFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "trouble"

    def lookups(self, request, model_admin):
        return [("retrying", _("Retrying")), ("failed", _("Failed for good"))]

    def queryset(self, request, queryset):
        if self.value() == "retrying":
            return queryset.filter(state=Deadline.State.PENDING)
        if self.value() == "failed":
            return queryset.filter(state=Deadline.State.FAILED)
        return queryset


@admin.register(Deadline)
class DeadlineAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """Deadlines whose handler raised, for supervisors: still retrying on their own or failed for
    good, with the error. View only; "retry now" goes through ``deadline_retry``."""

    list_display = ("request_link", "kind", "due_at", "state", "attempts", "next_attempt_at", "error")
    list_filter = (DeadlineTroubleFilter, "kind")
    list_select_related = ("request",)
    search_fields = ("request__reference", "kind")
    ordering = ("due_at",)
    actions = ("retry_now",)

    def get_queryset(self, request):
        return deadlines_needing_attention()

    def has_retry_permission(self, request):
        return request.user.has_perm("requests_tracker.change_deadline")

    @admin.display(description=_("request"), ordering="request__reference")
    def request_link(self, obj):
        url = reverse("admin:requests_tracker_request_change", args=[obj.request_id])
        return format_html('<a href="{}">{}</a>', url, obj.request.reference)

    @admin.display(description=_("last error"))
    def error(self, obj):
        return _short_error(obj.last_error)

    @admin.action(description=_("Retry the selected deadlines now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        for deadline in queryset.select_related("request"):
            label = f"{deadline.request.reference} ({deadline.kind})"
            try:
                fired = deadline_retry(deadline=deadline, actor=request.user)
            except RequestError as error:
                self.message_user(request, f"{label}: {error.message}", messages.ERROR)
                continue
            if fired:
                self.message_user(
                    request, gettext("%(deadline)s fired.") % {"deadline": label}, messages.SUCCESS
                )
            else:
                deadline.refresh_from_db(fields=["last_error"])
                self.message_user(
                    request,
                    gettext("%(deadline)s failed again: %(error)s")
                    % {"deadline": label, "error": _short_error(deadline.last_error)},
                    messages.WARNING,
                )


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """The registry of everything the portal issued, for supervisors: find a document by its
    number, a party's ID or its request; read its status history. View only: a document changes
    only through its domain's service."""

    list_display = ("number", "kind_title", "status", "issued_at", "request_link")
    list_filter = ("status", "kind")
    list_select_related = ("request",)
    search_fields = ("=number", "=parties__national_id", "=request__reference")
    ordering = ("-issued_at",)
    paginator = BoundedPaginator
    show_full_result_count = False
    fields = readonly_fields = (
        "number",
        "kind_title",
        "status",
        "issued_at",
        "status_changed_at",
        "sha256",
        "request_link",
        "parties_list",
        "history_list",
        "cancel_link",
    )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/cancel/",
                self.admin_site.admin_view(self.cancel_view),
                name="requests_tracker_issueddocument_cancel",
            ),
            *super().get_urls(),
        ]

    def _may_cancel(self, request) -> bool:
        return Role.SUPERVISOR in roles_of(request.user)

    def cancel_view(self, request, object_id):
        """A supervisor cancels the document, giving the reason, on a page of its own that asks to
        confirm; it works without JavaScript."""
        document = get_object_or_404(IssuedDocument, pk=unquote(object_id)) if object_id.isdigit() else None
        if (
            document is None
            or not self.has_view_permission(request, document)
            or not self._may_cancel(request)
        ):
            raise Http404
        change_url = reverse("admin:requests_tracker_issueddocument_change", args=[document.pk])
        error = ""
        if request.method == "POST":
            try:
                document_cancel(document=document, actor=request.user, reason=request.POST.get("reason", ""))
            except RequestError as refused:
                error = refused.message
            else:
                self.message_user(
                    request,
                    gettext("Document %(number)s is cancelled.") % {"number": document.number},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        return TemplateResponse(
            request,
            "admin/requests_tracker/cancel_document.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": document,
                "title": gettext("Cancel document %(number)s") % {"number": document.number},
                "error": error,
                "reason": request.POST.get("reason", ""),
                "change_url": change_url,
            },
            status=400 if error else 200,
        )

    @admin.display(description=_("cancellation"))
    def cancel_link(self, obj):
        if obj.status not in CANCELLABLE:
            return "—"
        url = reverse("admin:requests_tracker_issueddocument_cancel", args=[obj.pk])
        return format_html('<a class="button" href="{}">{}</a>', url, gettext("Cancel this document"))

    @admin.display(description=_("document kind"))
    def kind_title(self, obj):
        return document_kind(obj.kind).title

    @admin.display(description=_("request"), ordering="request__reference")
    def request_link(self, obj):
        if obj.request_id is None:
            return "—"
        url = reverse("admin:requests_tracker_request_change", args=[obj.request_id])
        return format_html('<a href="{}">{}</a>', url, obj.request.reference)

    @admin.display(description=_("parties"))
    def parties_list(self, obj):
        return format_html_join(
            mark_safe("<br>"),
            "{}: {} — {}",
            ((p.get_role_display(), p.national_id, p.name) for p in obj.parties.all()),
        )

    @admin.display(description=_("history"))
    def history_list(self, obj):
        return format_html_join(
            mark_safe("<br>"),
            "{} · {} {}",
            (
                (
                    date_format(timezone.localtime(change.at), "SHORT_DATETIME_FORMAT"),
                    change.get_status_display(),
                    change.reason,
                )
                for change in obj.history.all()
            ),
        )
