from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from requests_tracker.admin import RequestQueueMixin
from requests_tracker.errors import AmountOutOfRange, RequestError

from . import admin_motions  # noqa: F401  (the judge's motions queue)
from .admin_in_kind import IN_KIND_ACTIONS, in_kind_admin_action, in_kind_admin_context
from .assets import asset_seize, asset_sold, asset_verify
from .court_forms import AssetForm, DecisionForm, GraceForm, PublicationForm, SaleForm, VerificationForm
from .models import AssetDisclosure, Debtor, Dispatch, EnforcementQueue, ExecutionRequest, Measure
from .selectors import JUDICIAL, RECORDING, UNDER_ENFORCEMENT, acts_as, execution_for
from .services import (
    decision_46_issue,
    execution_grant_grace,
    execution_record_publication,
    measures_lift,
)


class AwaitingFilter(admin.SimpleListFilter):
    """What the court owes a request today: the judge's Decision 46 or lifting order, the clerk's
    publication on day 20 or verification of a disclosure."""

    title = _("awaiting")
    parameter_name = "awaiting"

    def lookups(self, request, model_admin):
        return (
            ("decision_46", _("Decision 46 (judge), due")),
            ("lifting", _("Lifting of measures (judge)")),
            ("publication", _("Publication on day 20 (clerk)")),
            ("verification", _("Verification of a disclosure (clerk)")),
        )

    def queryset(self, request, queryset):
        debtors = Debtor.objects.filter(execution_id=OuterRef("pk"))
        conditions = {
            "decision_46": Exists(debtors.filter(decision_due_at__isnull=False, decision__isnull=True)),
            "publication": Exists(debtors.filter(publication_due_at__isnull=False, notified_at__isnull=True)),
            "lifting": Exists(
                ExecutionRequest.objects.filter(pk=OuterRef("pk"), lifting_due_at__isnull=False)
            ),
            "verification": Exists(
                AssetDisclosure.objects.filter(
                    execution_id=OuterRef("pk"), verification=AssetDisclosure.Verification.PENDING
                )
            ),
        }
        condition = conditions.get(self.value())
        return queryset.filter(condition) if condition is not None else queryset


# Each action of the case file: who may take it (``enforcement.selectors``), its form, its service.
ACTIONS = {
    "publication": (RECORDING, PublicationForm),
    "grace": (JUDICIAL, GraceForm),
    "decision_46": (JUDICIAL, DecisionForm),
    "lift": (JUDICIAL, None),
    "verify": (RECORDING, VerificationForm),
    "refute": (RECORDING, VerificationForm),
    "seize": (JUDICIAL, AssetForm),
    "sale": (RECORDING, SaleForm),
}


def _act(action, obj, actor, data) -> None:
    if action == "publication":
        execution_record_publication(request=obj, actor=actor, **data)
    elif action == "grace":
        execution_grant_grace(request=obj, actor=actor, days=data["days"], debtor=data["debtor"])
    elif action == "decision_46":
        decision_46_issue(debtor=data["debtor"], actor=actor, ordered=data["ordered"])
    elif action == "lift":
        measures_lift(request=obj, actor=actor)
    elif action in {"verify", "refute"}:
        asset_verify(asset=data["asset"], actor=actor, verified=action == "verify", note=data["note"])
    elif action == "seize":
        asset_seize(asset=data["asset"], actor=actor)
    elif action == "sale":
        asset_sold(asset=data["asset"], actor=actor, proceeds=data["proceeds"])


@admin.register(EnforcementQueue)
class EnforcementQueueAdmin(RequestQueueMixin, admin.ModelAdmin):
    """The enforcement clerks' review queue and the enforcement judge's decisions."""

    services = ("enforcement",)
    change_form_template = "admin/enforcement/queue_change_form.html"
    list_filter = (*RequestQueueMixin.list_filter, AwaitingFilter)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "<int:object_id>/enforcement/",
                self.admin_site.admin_view(require_POST(self.enforcement_view)),
                name="{}_{}_enforcement".format(*info),
            )
        ]
        return own + super().get_urls()

    def enforcement_view(self, request, object_id):
        """The clerk's records (publication, verification, sale) and the judge's decisions (grace,
        Decision 46, seizure, lifting); who may take each is the service's rule, asked here to refuse
        early."""
        obj = self._queue_object_or_404(request, object_id)
        action = request.POST.get("action")
        if action in IN_KIND_ACTIONS:
            return in_kind_admin_action(self, request, obj)
        if action not in ACTIONS or not acts_as(obj, request.user, ACTIONS[action][0]):
            raise PermissionDenied
        form_class = ACTIONS[action][1]
        form = form_class(request.POST, request=obj) if form_class else None
        try:
            if form is not None and not form.is_valid():
                raise AmountOutOfRange(" ".join(error for errors in form.errors.values() for error in errors))
            _act(action, obj, request.user, form.cleaned_data if form else {})
        except RequestError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            self.message_user(request, gettext("Done; the parties have been notified."), messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            execution = execution_for(obj)
            context["execution"] = execution
            if execution is not None:
                debtor_rows = list(
                    Debtor.objects.filter(execution=execution)
                    .select_related("party", "decision")
                    .prefetch_related("measures")
                )
                context["debtor_rows"] = debtor_rows
                context["disclosures"] = execution.disclosures.select_related("debtor__party")
                context["payments"] = execution.payments.all()
                context["dispatches"] = Dispatch.objects.filter(execution=execution).select_related(
                    "debtor__party"
                )
                context["discretionary"] = DecisionForm(request=obj)["ordered"]
            context.update(in_kind_admin_context(request, obj))
            context["under_enforcement"] = obj.status in UNDER_ENFORCEMENT
            context["is_judge"] = acts_as(obj, request.user, JUDICIAL)
            context["records"] = acts_as(obj, request.user, RECORDING)
            context["measure_states"] = Measure.State
            context["enforcement_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_enforcement", args=[obj.pk]
            )
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )
