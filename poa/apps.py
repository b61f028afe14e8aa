from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PoaConfig(AppConfig):
    name = "poa"
    verbose_name = _("Powers of attorney")

    def ready(self) -> None:
        from identity.roles import Role, grant
        from requests_tracker.access import add_representation_provider
        from requests_tracker.deadlines import register_deadline_handler
        from requests_tracker.issuing import register_document_kind
        from requests_tracker.notifications import register_event
        from requests_tracker.registry import NavLink, refill_when_empty, register_nav_link, service_registry

        from .catalogue import EVENTS, POA_DOCUMENT, POA_SERVICE, REVOCATION_DOCUMENT
        from .selectors import representations_for
        from .services import (
            ENDING_NOTICE,
            EXPIRY,
            LAST_DAY_NOTICE,
            ending_notice,
            expire,
        )
        from .workflow import NOTARIES

        service_registry.register(POA_SERVICE)
        register_document_kind(POA_DOCUMENT)
        register_document_kind(REVOCATION_DOCUMENT)
        for name, event in EVENTS.items():
            register_event(name, event)
        register_deadline_handler(ENDING_NOTICE, ending_notice)
        register_deadline_handler(LAST_DAY_NOTICE, ending_notice)
        register_deadline_handler(EXPIRY, expire)
        add_representation_provider(representations_for)
        register_nav_link(NavLink(_("My POAs"), "poa:mine"))
        register_nav_link(NavLink(_("My clients"), "poa:clients", roles=frozenset({Role.LAWYER})))
        grant(NOTARIES, "poa.view_poaqueue", "poa.change_poaqueue")
        post_migrate.connect(
            refill_when_empty(model="poa.Clause", migration="poa.migrations.0002_clauses"),
            sender=self,
            dispatch_uid="poa.refill_clauses",
            weak=False,
        )

    def seed_demo(self) -> str:
        from .demo import seed_powers_of_attorney

        return f"{seed_powers_of_attorney()} sample powers of attorney"
