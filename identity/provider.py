"""The national single sign-on as a django-allauth provider (the portal's half of sign-in).

OpenID Connect with ``response_type=id_token`` and ``response_mode=form_post``: the portal sends the
browser to the SSO with a nonce and a state, and the SSO posts a signed id_token back to
``identity.sso_client``'s callback. Which SSO is configuration: NATIONAL_SSO_URL names a real one;
empty means the mock served by this deployment at /sso/.
"""

import datetime
import secrets
from urllib.parse import urlencode

from allauth.socialaccount.providers.base import AuthProcess, Provider, ProviderAccount
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language

from .sso_client.configuration import sso_configuration
from .sso_client.refusals import NOT_LINKED, refuse_sign_in


class NationalSsoAccount(ProviderAccount):
    def to_str(self) -> str:
        return self.account.uid


def _date(value) -> datetime.date | None:
    """The ``birthdate`` claim (YYYY-MM-DD, OpenID Connect Core §5.1), or None when absent or malformed."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class NationalSsoProvider(Provider):
    id = "national_sso"
    name = "National Single Sign-On"
    account_class = NationalSsoAccount
    supports_redirect = True
    package = "identity.sso_client"

    def get_login_url(self, request, **kwargs) -> str:
        url = reverse("national_sso_login")
        return f"{url}?{urlencode(kwargs)}" if kwargs else url

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        if process != AuthProcess.LOGIN:
            # One national ID is one account: the SSO signs people in and links nothing to anyone.
            return refuse_sign_in(request, reason=NOT_LINKED)
        nonce = secrets.token_urlsafe(32)
        state_id = self.stash_redirect_state(request, process, next_url, data, nonce=nonce, **kwargs)
        configuration = sso_configuration(request, self.app)
        query = urlencode(
            {
                "client_id": self.app.client_id,
                "redirect_uri": request.build_absolute_uri(reverse("national_sso_callback")),
                "response_type": "id_token",
                "response_mode": "form_post",
                "scope": "openid",
                "nonce": nonce,
                "state": state_id,
                "ui_locales": get_language() or "ar",
            }
        )
        return HttpResponseRedirect(f"{configuration.authorization_endpoint}?{query}")

    def extract_uid(self, data) -> str:
        return str(data["sub"])

    def extract_common_fields(self, data) -> dict:
        return {
            "national_id": data["sub"],
            "name_ar": data.get("name_ar", ""),
            "name_en": data.get("name_en", ""),
            "phone": data.get("phone_number", ""),
            "email": data.get("email", ""),
            "birth_date": _date(data.get("birthdate")),
        }

    def extract_email_addresses(self, data) -> list:
        # The SSO's email is kept on the user for notices; the portal manages no email logins.
        return []


provider_classes = [NationalSsoProvider]
