from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Notarization and documents")

    def ready(self) -> None:
        from identity.roles import grant
        from requests_tracker.deadlines import register_deadline_handler
        from requests_tracker.issuing import register_document_kind
        from requests_tracker.notifications import register_event
        from requests_tracker.registry import service_registry

        from .catalogue import MODULES
        from .workflow import CLERKS, MAZOUNS, NOTARIES

        for name in MODULES:
            module = import_module(f"{self.name}.catalogue.{name}")
            for service in module.SERVICES:
                service_registry.register(service)
            for kind in module.DOCUMENTS:
                register_document_kind(kind)
            for event_name, event in module.EVENTS.items():
                register_event(event_name, event)
            for deadline_kind, handler in module.DEADLINES.items():
                register_deadline_handler(deadline_kind, handler)
        grant(CLERKS, "contracts.view_certifiedcopyqueue", "contracts.change_certifiedcopyqueue")
        grant(NOTARIES, "contracts.view_notaryqueue", "contracts.change_notaryqueue")
        grant(MAZOUNS, "contracts.view_mazounqueue", "contracts.change_mazounqueue")
        from .services.marriage import DIVORCE_REGISTRARS

        grant(DIVORCE_REGISTRARS, "contracts.add_divorcedeed", "contracts.view_divorcedeed")

    def seed_demo(self) -> str:
        from .demo import seed

        return seed()
