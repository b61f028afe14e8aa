import logging
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse

from .ratelimit import CounterUnavailable
from .selectors import has_accepted_terms

logger = logging.getLogger(__name__)

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


class CounterUnavailableMiddleware:
    """A sign-in, a look-up or a code counted against a limit while the shared cache is away: the
    person reads that the service is briefly unavailable and to try again (503, Retry-After), not a
    server error; nothing was sent or saved by the step that could not be counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, CounterUnavailable):
            return None
        logger.warning("Rate-limit counter unavailable on %s: %s", request.path, exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "60"
        return response
