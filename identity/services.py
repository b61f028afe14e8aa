from django.conf import settings

from .models import TermsAcceptance


def terms_accept(*, user, version: str | None = None) -> TermsAcceptance:
    acceptance, _created = TermsAcceptance.objects.get_or_create(
        user=user, version=version or settings.TERMS_VERSION
    )
    return acceptance


def user_set_preferences(*, user, email_notifications: bool, language: str) -> None:
    user.email_notifications = email_notifications
    user.language = language
    user.save(update_fields=["email_notifications", "language"])
