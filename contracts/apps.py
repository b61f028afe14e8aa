from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = _("Notarization and documents")

    def ready(self) -> None:
        from identity.roles import grant
        from requests_tracker.issuing import register_document_kind
        from requests_tracker.registry import service_registry

        from .catalogue import CERTIFIED_COPY_DOCUMENT, CERTIFIED_COPY_SERVICE
        from .workflow import CLERKS

        service_registry.register(CERTIFIED_COPY_SERVICE)
        register_document_kind(CERTIFIED_COPY_DOCUMENT)
        grant(CLERKS, "contracts.view_certifiedcopyqueue", "contracts.change_certifiedcopyqueue")

    def seed_demo(self) -> str:
        from .demo import seed_certified_copies

        return f"{seed_certified_copies()} sample certified-copy requests"
