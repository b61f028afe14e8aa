from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .selectors import has_accepted_terms

# Pages a signed-in person reaches before accepting the terms: signing in and out, the terms
# themselves, the language switch, static files and the infrastructure endpoints.
OPEN_PREFIXES = ("/accounts/", "/sso/", "/terms/", "/i18n/", "/static/", "/healthz", "/dev/outbox/")


class TermsAcceptanceMiddleware:
    """Sends a signed-in person to the terms of use until they accept the current version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and request.session.get("terms_version") != settings.TERMS_VERSION
        ):
            if not has_accepted_terms(user):
                return redirect(f"{reverse('terms')}?{urlencode({'next': request.get_full_path()})}")
            request.session["terms_version"] = settings.TERMS_VERSION
        return self.get_response(request)
