from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = _("Identity and roles")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
        from .network import trusted_proxy_networks
        from .roles import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="identity.sync_role_groups")
        # Cached groups and permissions are retired as soon as memberships or permissions change.
        from django.contrib.auth.models import Group

        from .models import User
        from .permissions_cache import permissions_changed

        for through in (User.groups.through, Group.permissions.through, User.user_permissions.through):
            m2m_changed.connect(permissions_changed, sender=through, dispatch_uid=f"identity.perms.{through}")
        trusted_proxy_networks()  # a TRUSTED_PROXIES entry that is no IP or range stops the start

    def seed_demo(self) -> str:
        from .demo import seed_people

        return f"{seed_people()} demo people"
