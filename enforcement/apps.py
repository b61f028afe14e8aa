from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Enforcement")

    def ready(self) -> None:
        from identity.roles import grant
        from requests_tracker.deadlines import FIVE_DAYS, FIVE_DAYS_REMINDER, register_deadline_handler
        from requests_tracker.notifications import register_event
        from requests_tracker.registry import service_registry

        from .catalogue import ENFORCEMENT_SERVICE, EVENTS
        from .services import GRACE_END, article_46, grace_ended, remind_debtor
        from .workflow import CLERK, JUDGE

        service_registry.register(ENFORCEMENT_SERVICE)
        for name, event in EVENTS.items():
            register_event(name, event)
        register_deadline_handler(FIVE_DAYS, article_46, service=ENFORCEMENT_SERVICE.code)
        register_deadline_handler(FIVE_DAYS_REMINDER, remind_debtor, service=ENFORCEMENT_SERVICE.code)
        register_deadline_handler(GRACE_END, grace_ended)
        grant(CLERK | JUDGE, "enforcement.view_enforcementqueue", "enforcement.change_enforcementqueue")

    def seed_demo(self) -> str:
        from .demo import seed_executions

        return f"{seed_executions()} sample enforcement requests"
