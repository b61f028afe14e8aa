"""Roles: who a person is in the portal. Each staff role is a Django group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    LAWYER = "lawyer", _("Lawyer")
    CLAIMS_CLERK = "claims_clerk", _("Claims-review clerk")
    CIRCUIT_JUDGE = "circuit_judge", _("Circuit judge")
    ENFORCEMENT_CLERK = "enforcement_clerk", _("Enforcement clerk")
    ENFORCEMENT_JUDGE = "enforcement_judge", _("Enforcement judge")
    NOTARY = "notary", _("Notary")
    MAZOUN = "mazoun", _("Ma'zoun")
    SUPERVISOR = "supervisor", _("Supervisor")


STAFF_ROLES = frozenset(
    {
        Role.CLAIMS_CLERK,
        Role.CIRCUIT_JUDGE,
        Role.ENFORCEMENT_CLERK,
        Role.ENFORCEMENT_JUDGE,
        Role.NOTARY,
        Role.MAZOUN,
        Role.SUPERVISOR,
    }
)


GROUP_ROLES = tuple(role for role in Role if role != Role.CITIZEN)

# What each role's group may do in the admin, as "app_label.codename"; apps add theirs in ready().
_role_permissions: dict[str, set[str]] = {role: set() for role in GROUP_ROLES}


def grant(roles, *permissions: str) -> None:
    """Declare that ``roles`` hold ``permissions``; applied by sync_role_groups after every migrate."""
    for role in roles:
        _role_permissions[role].update(permissions)


def sync_role_groups(apps=None, **kwargs) -> None:
    """Make every role's group exist and hold exactly its declared permissions.

    Run by the migration that introduced the roles and after every ``migrate`` (post_migrate), so a
    permission added by a new service reaches the role without a migration of its own.
    """
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in GROUP_ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        wanted = Permission.objects.none()
        for dotted in _role_permissions[role]:
            app_label, codename = dotted.split(".", 1)
            wanted |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        group.permissions.set(wanted)


def roles_of(user) -> frozenset[str]:
    """The roles a signed-in user holds: citizen always, plus the groups they belong to.

    A superuser holds every staff role. The answer is kept on the user object for the request.
    """
    if user is None or not user.is_authenticated:
        return frozenset()
    found = getattr(user, "_roles_cache", None)
    if found is None:
        if user.is_superuser:
            found = frozenset(STAFF_ROLES | {Role.CITIZEN})
        else:
            from .permissions_cache import cached

            names = set(cached("groups", user.pk, lambda: list(user.groups.values_list("name", flat=True))))
            names &= set(Role.values)
            if Role.LAWYER in names and not _holds_valid_licence(user):
                names.discard(Role.LAWYER)  # with an expired licence a lawyer acts as a citizen
            found = frozenset({Role.CITIZEN} | names)
        user._roles_cache = found
    return found


def _holds_valid_licence(user) -> bool:
    from .models import LawyerLicence

    licence = LawyerLicence.objects.filter(user=user).first()
    return licence is not None and licence.is_valid()
