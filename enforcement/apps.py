from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Enforcement")

    def ready(self) -> None:
        from identity.roles import grant
        from requests_tracker.casefile import register_deadline_label
        from requests_tracker.deadlines import FIVE_DAYS, FIVE_DAYS_REMINDER, register_deadline_handler
        from requests_tracker.issuing import register_document_kind
        from requests_tracker.notifications import register_delivery_listener, register_event
        from requests_tracker.registry import service_registry

        from .catalogue import DECISION_46_DOCUMENT, ENFORCEMENT_SERVICE, EVENTS
        from .motions import MOTION_EVENTS
        from .personal_status import IN_KIND_EVENTS, MAINTENANCE_DUE, maintenance_due
        from .services import (
            GRACE_END,
            PUBLICATION_DUE,
            article_46,
            grace_ended,
            order_delivered,
            publication_due,
            remind_debtor,
        )
        from .workflow import CLERK, JUDGE

        service_registry.register(ENFORCEMENT_SERVICE)
        register_document_kind(DECISION_46_DOCUMENT)
        for name, event in {**EVENTS, **IN_KIND_EVENTS, **MOTION_EVENTS}.items():
            register_event(name, event)
        # Each debtor is notified when the order's SMS reaches him, whatever the order is for.
        for event in ("execution_order", "in_kind_order", "maintenance_scheduled"):
            register_delivery_listener(event, order_delivered)
        register_deadline_handler(FIVE_DAYS, article_46, service=ENFORCEMENT_SERVICE.code)
        register_deadline_handler(FIVE_DAYS_REMINDER, remind_debtor, service=ENFORCEMENT_SERVICE.code)
        register_deadline_handler(GRACE_END, grace_ended)
        register_deadline_handler(PUBLICATION_DUE, publication_due)
        register_deadline_handler(MAINTENANCE_DUE, maintenance_due, service=ENFORCEMENT_SERVICE.code)
        register_deadline_label(MAINTENANCE_DUE, _("Monthly maintenance deduction"))
        register_deadline_label(
            PUBLICATION_DUE, _("Day 20: publication of the order if the debtor is not reached")
        )
        register_deadline_label(GRACE_END, _("End of the grace period"))
        grant(CLERK | JUDGE, "enforcement.view_enforcementqueue", "enforcement.change_enforcementqueue")
        # Motions are the judge's to decide; the clerks see them in the queue.
        grant(JUDGE, "enforcement.view_motion", "enforcement.change_motion")
        grant(CLERK, "enforcement.view_motion")

    def seed_demo(self) -> str:
        from .demo import seed_executions

        return f"{seed_executions()} sample enforcement requests"
