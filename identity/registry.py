"""The national registry's contact for an ID (Absher): where legal notices go.

The backend is chosen by NATIONAL_REGISTRY_BACKEND. The default reads the mock national SSO's own
registry (``identity.models.Person``); a deployment against the real registry names a class with
the same ``phone(national_id)`` method.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


class MockNationalRegistry:
    """The people of the mock national SSO: their verified mobile numbers."""

    def phone(self, national_id: str) -> str:
        from .models import Person

        person = Person.objects.filter(national_id=national_id, is_active=True).only("phone").first()
        return person.phone if person else ""


@cache
def _registry():
    return import_string(settings.NATIONAL_REGISTRY_BACKEND)()


def registry_phone(national_id: str) -> str:
    """The mobile the registry holds for ``national_id``, or "" when it holds none."""
    return _registry().phone(national_id)
