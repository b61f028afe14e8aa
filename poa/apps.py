from importlib import import_module

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def offer_clauses_if_none(sender, apps=None, using="default", **kwargs) -> None:
    """The ministry's clauses come with a data migration; a database emptied without migrating
    again (``flush``, as between transactional tests) gets them back. A list that holds any clause
    is left as the ministry edited it."""
    if apps is None:  # flush sends no migration state: the models as they are
        from django.apps import apps
    Clause = apps.get_model("poa", "Clause")
    if not Clause.objects.using(using).exists():
        import_module("poa.migrations.0002_clauses").seed(apps, None)


class PoaConfig(AppConfig):
    name = "poa"
    verbose_name = _("Powers of attorney")

    def ready(self) -> None:
        from identity.roles import Role, grant
        from requests_tracker.access import add_representation_provider
        from requests_tracker.deadlines import register_deadline_handler
        from requests_tracker.issuing import register_document_kind
        from requests_tracker.notifications import register_event
        from requests_tracker.registry import NavLink, register_nav_link, service_registry

        from .catalogue import EVENTS, POA_DOCUMENT, POA_SERVICE, REVOCATION_DOCUMENT
        from .selectors import representations_for
        from .services import (
            CONSENT_DEADLINE,
            ENDING_NOTICE,
            EXPIRY,
            LAST_DAY_NOTICE,
            consent_lapsed,
            ending_notice,
            expire,
        )
        from .workflow import NOTARIES

        service_registry.register(POA_SERVICE)
        register_document_kind(POA_DOCUMENT)
        register_document_kind(REVOCATION_DOCUMENT)
        for name, event in EVENTS.items():
            register_event(name, event)
        register_deadline_handler(CONSENT_DEADLINE, consent_lapsed)
        register_deadline_handler(ENDING_NOTICE, ending_notice)
        register_deadline_handler(LAST_DAY_NOTICE, ending_notice)
        register_deadline_handler(EXPIRY, expire)
        add_representation_provider(representations_for)
        register_nav_link(NavLink(_("My POAs"), "poa:mine"))
        register_nav_link(NavLink(_("My clients"), "poa:clients", roles=frozenset({Role.LAWYER})))
        grant(NOTARIES, "poa.view_poaqueue", "poa.change_poaqueue")
        post_migrate.connect(offer_clauses_if_none, sender=self, dispatch_uid="poa.offer_clauses_if_none")

    def seed_demo(self) -> str:
        from .demo import seed_powers_of_attorney

        return f"{seed_powers_of_attorney()} sample powers of attorney"
