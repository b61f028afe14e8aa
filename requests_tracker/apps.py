from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsTrackerConfig(AppConfig):
    name = "requests_tracker"
    verbose_name = _("Requests")

    def ready(self) -> None:
        from identity.roles import STAFF_ROLES, grant

        # Staff see and process the request queues; nobody adds or deletes a request in the admin.
        grant(STAFF_ROLES, "requests_tracker.view_request", "requests_tracker.change_request")
        # Supervisors see failed notices and failing deadlines; "change" is leave to retry them.
        grant(
            {"supervisor"}, "requests_tracker.view_outboundmessage", "requests_tracker.change_outboundmessage"
        )
        grant({"supervisor"}, "requests_tracker.view_deadline", "requests_tracker.change_deadline")
        # Supervisors look up anything the portal issued.
        grant({"supervisor"}, "requests_tracker.view_issueddocument")

        from .consents import DEADLINE, consents_lapsed
        from .deadlines import deadlines_on_transition, register_deadline_handler
        from .registry import service_registry
        from .services import notify_on_transition

        service_registry.on_transition(notify_on_transition)
        service_registry.on_transition(deadlines_on_transition)
        register_deadline_handler(DEADLINE, consents_lapsed)
