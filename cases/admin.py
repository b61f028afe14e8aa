import datetime
from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from requests_tracker.admin import RequestQueueMixin
from requests_tracker.errors import RequestError
from requests_tracker.models import Status

from .forms import HearingForm, JudgmentForm, MinutesForm, RegistrationForm
from .models import CaseCategory, CircuitQueue, ClaimsReviewQueue, Court, Hearing
from .selectors import SERVICES
from .services import (
    CIRCUIT,
    CLAIMS_REVIEW,
    acts_as,
    hearing_record_minutes,
    hearing_schedule,
    judgment_issue,
    lawsuit_for,
    lawsuit_register,
)


class CaseQueueMixin(RequestQueueMixin):
    """A queue of cases whose change page adds the case's part: the court, the claims, hearings,
    memos and the judgment, with the forms of the steps that need more than a button."""

    services = SERVICES
    change_form_template = "admin/cases/queue_change_form.html"
    statuses: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status__in=self.statuses)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        own = [
            path(
                "<int:object_id>/case/",
                self.admin_site.admin_view(require_POST(self.case_view)),
                name="{}_{}_case".format(*info),
            )
        ]
        return own + super().get_urls()

    def _change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def case_view(self, request, object_id):
        """Registration (the claims-review clerk), hearings, minutes and the judgment (the circuit
        judge); the service decides who may, asked here first to refuse early."""
        obj = self._queue_object_or_404(request, object_id)
        action = request.POST.get("action")
        forms = {
            "register": RegistrationForm,
            "hearing": HearingForm,
            "minutes": MinutesForm,
            "judgment": JudgmentForm,
        }
        needed = {"register": CLAIMS_REVIEW, "hearing": CIRCUIT, "minutes": CIRCUIT, "judgment": CIRCUIT}
        if action not in forms or not acts_as(obj, request.user, needed[action]):
            raise PermissionDenied
        form = forms[action](request.POST)
        if not form.is_valid():
            errors = " ".join(str(error) for errors in form.errors.values() for error in errors)
            self.message_user(request, errors, messages.ERROR)
            return HttpResponseRedirect(self._change_url(obj))
        data = form.cleaned_data
        try:
            if action == "register":
                registered = lawsuit_register(
                    request=obj,
                    actor=request.user,
                    circuit=data["circuit"],
                    first_hearing_at=data["starts_at"],
                    mode=data["mode"],
                    room=data["room"],
                )
            elif action == "hearing":
                hearing_schedule(
                    request=obj,
                    actor=request.user,
                    starts_at=data["starts_at"],
                    mode=data["mode"],
                    room=data["room"],
                )
            elif action == "minutes":
                hearing = Hearing.objects.filter(pk=data["hearing"], lawsuit__request=obj).first()
                if hearing is None:
                    raise PermissionDenied
                hearing_record_minutes(hearing=hearing, actor=request.user, minutes=data["minutes"])
            else:
                judgment_issue(request=obj, actor=request.user, **data)
        except RequestError as error:
            self.message_user(request, error.message, messages.ERROR)
        else:
            done = (
                gettext("Case %(case)s is registered; the parties have been notified.")
                % {"case": registered.case_number}
                if action == "register"
                else gettext("Done; the parties have been notified.")
            )
            self.message_user(request, done, messages.SUCCESS)
            if not self.get_queryset(request).filter(pk=obj.pk).exists():
                # A registered claim leaves the claims-review queue: back to the queue's list.
                return HttpResponseRedirect(
                    reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
                )
        return HttpResponseRedirect(self._change_url(obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            lawsuit = lawsuit_for(obj)
            context["lawsuit"] = lawsuit
            context["hearings"] = lawsuit.hearings.all() if lawsuit else []
            context["memos"] = lawsuit.memos.select_related("author") if lawsuit else []
            context["judgment"] = getattr(lawsuit, "judgment", None) if lawsuit else None
            context["now"] = timezone.now()
            context["may_register"] = obj.status == Status.SUBMITTED and acts_as(
                obj, request.user, CLAIMS_REVIEW
            )
            is_judge = obj.status == Status.IN_PROGRESS and acts_as(obj, request.user, CIRCUIT)
            context["is_judge"] = is_judge
            context["registration_form"] = RegistrationForm(auto_id="id_register_%s")
            context["hearing_form"] = HearingForm(auto_id="id_hearing_%s")
            context["judgment_form"] = JudgmentForm(
                auto_id="id_judgment_%s", initial={"judged_on": timezone.localdate()}
            )
            context["case_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_case", args=[obj.pk]
            )
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )


@admin.register(ClaimsReviewQueue)
class ClaimsReviewQueueAdmin(CaseQueueMixin, admin.ModelAdmin):
    """The claims-review centre: new claims to register or return."""

    statuses = (Status.SUBMITTED, Status.RETURNED)


class StageFilter(admin.SimpleListFilter):
    """The circuit's day: the cases heard today, and those heard and awaiting their judgment."""

    title = _("stage")
    parameter_name = "stage"

    def lookups(self, request, model_admin):
        return [("today", _("Hearing today")), ("judgment", _("Awaiting the judgment"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "today":
            start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
            heard_today = Hearing.objects.filter(
                starts_at__gte=start, starts_at__lt=start + timedelta(days=1)
            )
            return queryset.filter(pk__in=heard_today.values("lawsuit_id"))
        if self.value() == "judgment":
            heard = Hearing.objects.filter(minutes_at__isnull=False).values("lawsuit_id")
            return queryset.filter(status=Status.IN_PROGRESS, pk__in=heard)
        return queryset


@admin.register(CircuitQueue)
class CircuitQueueAdmin(CaseQueueMixin, admin.ModelAdmin):
    """The circuit judge's cases: today's hearings, the cases awaiting judgment, and every case
    with its next hearing."""

    statuses = (Status.IN_PROGRESS, Status.COMPLETED)
    list_display = (
        "reference",
        "case_number",
        "next_hearing",
        "status_badge",
        "applicant",
        "assignee",
        "updated_at",
    )
    list_filter = (StageFilter, *RequestQueueMixin.list_filter)

    def get_queryset(self, request):
        upcoming = Hearing.objects.filter(lawsuit_id=OuterRef("pk"), starts_at__gte=timezone.now()).order_by(
            "starts_at"
        )
        return (
            super()
            .get_queryset(request)
            .select_related("lawsuit")
            .annotate(next_hearing_at=Subquery(upcoming.values("starts_at")[:1]))
        )

    @admin.display(description=_("case number"), ordering="lawsuit__case_number")
    def case_number(self, obj):
        return obj.lawsuit.case_number

    @admin.display(description=_("next hearing"), ordering="next_hearing_at")
    def next_hearing(self, obj):
        return (
            date_format(timezone.localtime(obj.next_hearing_at), "SHORT_DATETIME_FORMAT")
            if obj.next_hearing_at
            else "—"
        )


@admin.register(Court)
class CourtAdmin(admin.ModelAdmin):
    list_display = ("name_ar", "name_en", "city_ar", "court_type")
    list_filter = ("court_type",)


@admin.register(CaseCategory)
class CaseCategoryAdmin(admin.ModelAdmin):
    list_display = ("name_ar", "name_en", "court_type", "parent", "financial", "family")
    list_filter = ("court_type", "financial")
