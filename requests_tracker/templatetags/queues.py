"""The admin index of a staff member: each of their queues with today's counts, and for supervisors
what has gone wrong (escalated requests, failed timers and notices), each linking to its list."""

from django import template
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from identity.roles import Role, roles_of

from ..casefile import OPEN_STATUSES, due_soon_condition, escalated_condition, overdue_condition
from ..deadlines import deadlines_needing_attention
from ..models import Deadline, OutboundMessage, Request, Status

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_queues(context) -> dict:
    from ..admin import RequestQueueMixin  # the admin module imports this library's app

    request = context["request"]
    now = timezone.now()
    queues = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, RequestQueueMixin) or not model_admin.has_view_permission(request):
            continue
        if not model_admin.queue_services(request):
            continue
        # One count a question, each served by its own index (service and status, assignee and
        # status, the running deadlines, escalated requests), rather than one pass over the queue.
        queue = model_admin.get_queryset(request)
        counts = {
            "new": queue.filter(status=Status.SUBMITTED).count(),
            "mine": queue.filter(assignee=request.user, status__in=OPEN_STATUSES).count(),
            "overdue": queue.filter(overdue_condition(now)).count(),
            "soon": queue.filter(due_soon_condition(now)).count(),
        }
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        queues.append(
            {
                "name": model._meta.verbose_name_plural,
                "url": url,
                "counts": [
                    (counts["new"], _("New, awaiting review"), f"{url}?status={Status.SUBMITTED}"),
                    (counts["mine"], _("Assigned to me"), f"{url}?assigned=me"),
                    (counts["overdue"], _("Overdue"), f"{url}?due=overdue"),
                    (counts["soon"], _("Due within 24 hours"), f"{url}?due=24h"),
                ],
            }
        )
    return {
        "queues": queues,
        "trouble": _trouble(request) if Role.SUPERVISOR in roles_of(request.user) else [],
    }


def _trouble(request) -> list:
    """The supervisors' queue: what escalated, and the timers and notices that failed for good."""
    from ..admin import RequestQueueAdmin

    lines = []
    everything = admin.site._registry.get(Request)
    if isinstance(everything, RequestQueueAdmin) and everything.has_view_permission(request):
        url = reverse("admin:requests_tracker_request_changelist")
        lines.append(
            (
                everything.get_queryset(request).filter(escalated_condition()).count(),
                _("Escalated requests"),
                f"{url}?due=escalated",
            )
        )
    if request.user.has_perm("requests_tracker.view_deadline"):
        url = reverse("admin:requests_tracker_deadline_changelist")
        failed = deadlines_needing_attention().filter(state=Deadline.State.FAILED).count()
        lines.append((failed, _("Failed timers"), f"{url}?trouble=failed"))
    if request.user.has_perm("requests_tracker.view_outboundmessage"):
        url = reverse("admin:requests_tracker_outboundmessage_changelist")
        failed = OutboundMessage.objects.filter(state=OutboundMessage.State.FAILED).count()
        lines.append((failed, _("Failed notices"), f"{url}?state__exact=failed"))
    return lines
