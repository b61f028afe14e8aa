"""The help pages: how to sign in, submit and follow a request, and what each status means."""

from django.utils.translation import gettext_lazy as _

from .models import Status
from .registry import service_registry

# (slug, title); each slug has a template at requests_tracker/help/<slug>.html.
HELP_TOPICS = (
    ("sign-in", _("How to sign in")),
    ("submit", _("How to submit a request")),
    ("follow", _("How to follow a request")),
    ("statuses", _("What each status means")),
)


def service_status_names() -> dict[str, list[dict]]:
    """For each status, the services that show it under a name of their own, in the active language:
    {"in_execution": [{"service": "Enforcement request", "label": "Under enforcement"}], ...}. The
    statuses page lists them beside the shared name, so that the help names every status as the
    request's badge, its timeline and its notices do."""
    names: dict[str, list[dict]] = {status: [] for status in Status.values}
    for service in service_registry.all():
        for status in service.workflow.statuses:
            label = service.status_label(status)
            if label != str(Status(status).label):
                names[status].append({"service": str(service.name), "label": label})
    return names
