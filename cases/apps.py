from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Lawsuits")

    def ready(self) -> None:
        from identity.roles import grant
        from requests_tracker.access import add_representation_provider
        from requests_tracker.deadlines import register_deadline_handler
        from requests_tracker.issuing import register_document_kind
        from requests_tracker.notifications import register_event
        from requests_tracker.registry import NavLink, refill_when_empty, register_nav_link, service_registry

        from .catalogue import DECREE_DOCUMENT, EVENTS, FAMILY_SERVICE, JUDGMENT_DOCUMENT, LAWSUIT_SERVICE
        from .selectors import guardianships_for
        from .services import OBJECTION_WINDOW, objection_window_closed
        from .workflow import CLAIMS_CLERKS, JUDGES

        add_representation_provider(guardianships_for)
        register_nav_link(NavLink(_("My sessions"), "cases:sessions"))
        service_registry.register(LAWSUIT_SERVICE)
        service_registry.register(FAMILY_SERVICE)
        register_document_kind(JUDGMENT_DOCUMENT)
        register_document_kind(DECREE_DOCUMENT)
        for name, event in EVENTS.items():
            register_event(name, event)
        register_deadline_handler(OBJECTION_WINDOW, objection_window_closed)
        grant(CLAIMS_CLERKS, "cases.view_claimsreviewqueue", "cases.change_claimsreviewqueue")
        grant(JUDGES, "cases.view_circuitqueue", "cases.change_circuitqueue")
        post_migrate.connect(
            refill_when_empty(model="cases.Court", migration="cases.migrations.0002_catalogue"),
            sender=self,
            dispatch_uid="cases.refill_catalogue",
            weak=False,
        )

    def seed_demo(self) -> str:
        from .demo import seed_cases

        return f"{seed_cases()} sample cases"
