from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from requests_tracker.admin import RequestQueueMixin
from requests_tracker.errors import AmountOutOfRange, RequestError

from .forms import GraceForm, MeasureDecisionForm
from .models import EnforcementQueue
from .selectors import JUDICIAL, RECORDING, acts_as, execution_for
from .services import execution_grant_grace, execution_record_publication, measure_decide


@admin.register(EnforcementQueue)
class EnforcementQueueAdmin(RequestQueueMixin, admin.ModelAdmin):
    """The enforcement clerks' review queue and the enforcement judge's decisions."""

    services = ("enforcement",)
    change_form_template = "admin/enforcement/queue_change_form.html"

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
        """The clerk's record of a publication and the judge's decisions on grace and measures; who may
        take each is the service's rule (``enforcement.selectors``), asked here to refuse early."""
        obj = self._queue_object_or_404(request, object_id)
        action = request.POST.get("action")
        needed = {"publication": RECORDING, "grace": JUDICIAL, "order": JUDICIAL, "decline": JUDICIAL}
        if action not in needed or not acts_as(obj, request.user, needed[action]):
            raise PermissionDenied
        form = None
        if action == "grace":
            form = GraceForm(request.POST)
        elif action in {"order", "decline"}:
            form = MeasureDecisionForm(request.POST, request=obj)
        try:
            if form is not None and not form.is_valid():
                raise AmountOutOfRange(" ".join(error for errors in form.errors.values() for error in errors))
            if action == "publication":
                execution_record_publication(request=obj, actor=request.user)
            elif action == "grace":
                execution_grant_grace(request=obj, actor=request.user, days=form.cleaned_data["days"])
            else:
                measure_decide(
                    measure=form.cleaned_data["measure"], actor=request.user, order=action == "order"
                )
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
            context["measures"] = execution.measures.all() if execution else []
            context["disclosures"] = execution.disclosures.all() if execution else []
            context["payments"] = execution.payments.all() if execution else []
            context["is_judge"] = acts_as(obj, request.user, JUDICIAL)
            context["records_publication"] = acts_as(obj, request.user, RECORDING)
            context["enforcement_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_enforcement", args=[obj.pk]
            )
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )
