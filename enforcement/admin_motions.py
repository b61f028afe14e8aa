"""The enforcement judge's queue of motions: pending first, each linked to its request's case file,
granted or refused through ``motion_decide`` after a confirmation page with the judge's note (plain
forms: no JavaScript needed)."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from identity.digits import money_figure
from identity.roles import roles_of
from requests_tracker.access import staff_requests
from requests_tracker.admin import CheckedSelectionMixin
from requests_tracker.errors import RequestError

from .models import Motion
from .motions import motion_decide
from .selectors import JUDICIAL

DECIDE_TEMPLATE = "admin/enforcement/motion_decide.html"


@admin.register(Motion)
class MotionAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ("case_file", "kind", "state", "filed_at", "filed_by", "debtor", "details", "decide")
    # The first column links to the request's case file itself: the motion's own page opens from its kind
    # (a link inside the row's default link would leave that one with no text).
    list_display_links = ("kind",)
    list_filter = ("state", "kind")
    list_select_related = ("request", "filed_by", "debtor")
    search_fields = ("request__reference",)
    list_per_page = 25
    actions = ("grant_selected", "refuse_selected")
    fields = readonly_fields = (
        "case_file", "kind", "state", "filed_by", "filed_at", "debtor", "details", "reason",
        "decided_by", "decided_at", "decision_note", "bill_number", "decide",
    )  # fmt: skip

    # -- the queue: motions on requests of the staff member's enforcement queue, pending first -----

    def get_queryset(self, request):
        queue = staff_requests(request.user, among=("enforcement",))
        return super().get_queryset(request).filter(request__in=queue.values("pk"))

    def get_ordering(self, request):
        pending_first = Case(
            When(state=Motion.State.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return [pending_first.asc(), "-filed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Nothing is edited through the form: a motion changes only through motion_decide.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request, obj=None):
        return request.user.has_perm("enforcement.change_motion") and bool(roles_of(request.user) & JUDICIAL)

    # -- columns ------------------------------------------------------------------------------------

    @admin.display(description=_("request"), ordering="request__reference")
    def case_file(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:enforcement_enforcementqueue_change", args=[obj.request_id]),
            obj.request.reference,
        )

    @admin.display(description=_("asked for"))
    def details(self, obj):
        if obj.kind == Motion.Kind.AMEND_AMOUNT and obj.new_amount is not None:
            return gettext("new amount %(amount)s SAR") % {"amount": money_figure(obj.new_amount)}
        if obj.kind == Motion.Kind.WAGE_GARNISHMENT:
            return obj.employer
        if obj.kind == Motion.Kind.GRACE and obj.days:
            return ngettext("%(days)d day", "%(days)d days", obj.days) % {"days": obj.days}
        return "—"

    @admin.display(description=_("decision"))
    def decide(self, obj):
        if obj.state != Motion.State.PENDING:
            return obj.get_state_display()
        return format_html('<a href="{}">{}</a>', self._url("decide", obj.pk), gettext("Grant or refuse"))

    # -- deciding -----------------------------------------------------------------------------------

    def _url(self, name, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def get_urls(self):
        own = [
            path(
                "<int:object_id>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_decide",
            )
        ]
        return own + super().get_urls()

    def _decide_each(self, request, motions, *, grant: bool, note: str) -> None:
        done = []
        for motion in motions:
            try:
                motion_decide(motion=motion, actor=request.user, grant=grant, note=note)
            except RequestError as error:
                self.message_user(
                    request, f"{motion.request.reference} ({motion.get_kind_display()}): {error.message}",
                    messages.ERROR,
                )  # fmt: skip
            else:
                done.append(motion.request.reference)
        if done:
            self.message_user(
                request,
                (gettext("Granted; the parties have been notified: %(refs)s") if grant
                 else gettext("Refused; the parties have been notified: %(refs)s")) % {"refs": ", ".join(done)},
                messages.SUCCESS,
            )  # fmt: skip

    def _confirmation(
        self, request, motions, *, grant: bool | None, note: str = "", error: str = "", action=""
    ):
        return TemplateResponse(
            request,
            DECIDE_TEMPLATE,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": {True: gettext("Grant the motions"), False: gettext("Refuse the motions")}.get(
                    grant, gettext("Decide the motion")
                ),
                "motions": motions,
                "grant": grant,
                "note": note,
                "error": error,
                "action": action,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "back_url": self._url("changelist"),
                "decide_url": self._url("decide", motions[0].pk) if not action else "",
            },
        )

    def decide_view(self, request, object_id):
        """One motion: GET shows it with the note and the two decisions; POST takes the one pressed."""
        motion = get_object_or_404(
            self.get_queryset(request).select_related("request", "debtor"), pk=object_id
        )
        if not self.has_decide_permission(request, motion):
            raise PermissionDenied
        if motion.state != Motion.State.PENDING:
            raise Http404
        decision = request.POST.get("decision")
        if request.method != "POST" or decision not in {"grant", "refuse"}:
            return self._confirmation(request, [motion], grant=None)
        grant = decision == "grant"
        note = request.POST.get("note", "").strip()
        if not grant and not note:
            return self._confirmation(
                request, [motion], grant=None, note=note,
                error=gettext("Give the reasons for refusing the motion, for the parties."),
            )  # fmt: skip
        self._decide_each(request, [motion], grant=grant, note=note)
        return HttpResponseRedirect(self._url("changelist"))

    def _bulk(self, request, queryset, *, grant: bool, action: str):
        motions = list(queryset.select_related("request", "debtor").filter(state=Motion.State.PENDING))
        if not motions:
            self.message_user(
                request, gettext("None of the selected motions awaits a decision."), messages.WARNING
            )
            return None
        if request.POST.get("confirmed") != "yes":
            return self._confirmation(request, motions, grant=grant, action=action)
        note = request.POST.get("note", "").strip()
        if not grant and not note:
            return self._confirmation(
                request, motions, grant=grant, action=action, note=note,
                error=gettext("Give the reasons for refusing the motion, for the parties."),
            )  # fmt: skip
        self._decide_each(request, motions, grant=grant, note=note)
        return None

    @admin.action(description=_("Grant the selected motions"), permissions=["decide"])
    def grant_selected(self, request, queryset):
        return self._bulk(request, queryset, grant=True, action="grant_selected")

    @admin.action(description=_("Refuse the selected motions"), permissions=["decide"])
    def refuse_selected(self, request, queryset):
        return self._bulk(request, queryset, grant=False, action="refuse_selected")
