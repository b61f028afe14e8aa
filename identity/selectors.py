from django.conf import settings

from .models import TermsAcceptance


def has_accepted_terms(user, version: str | None = None) -> bool:
    return TermsAcceptance.objects.filter(user=user, version=version or settings.TERMS_VERSION).exists()
