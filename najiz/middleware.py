from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect


class ArabicFirstLocaleMiddleware(LocaleMiddleware):
    """Arabic unless the person chose another language with the switch (kept in a cookie).

    The browser's Accept-Language is not consulted: the portal opens in Arabic for everyone, as the
    ministry's portals do, and English is one click away on every page.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PrivatePagesMiddleware:
    """Nothing shown to a signed-in person is kept by a browser or a proxy (DESIGN §3): with
    ``no-store`` the back button after signing out, a shared computer's cache and an intermediary
    have nothing to show. A response that already says ``no-store`` keeps its own header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, no_store=True, private=True)
        return response


SIGNED_IN_AT = "session_signed_in_at"
LAST_ACTIVITY = "session_last_activity"
ACTIVITY_GRAIN = 60  # seconds


@dataclass(frozen=True)
class SessionTimeout:
    """What the idle-timeout warning needs to know about the current session."""

    expires_in: int  # seconds until the session ends, for lack of activity or at its time limit
    renewable: bool  # whether staying signed in moves the end, or the time limit comes first
    warn_before: int  # seconds
    idle_minutes: int


class SessionLimitsMiddleware:
    """Signed-in sessions end after SESSION_IDLE_SECONDS without activity and SESSION_MAX_SECONDS
    after signing in, whatever the activity (DESIGN §3); the person is then signed out and asked to
    sign in again, told why.

    Every request is activity except the warning's question of how long is left: a page open in a
    forgotten tab must not keep a session alive, and "Stay signed in" is a POST the person chose.
    The times live in the session itself, so every web process agrees on them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key_before = request.session.session_key
        if request.user.is_authenticated:
            now = int(timezone.now().timestamp())
            session = request.session
            if SIGNED_IN_AT not in session:  # a session that began before these limits
                session[SIGNED_IN_AT] = session[LAST_ACTIVITY] = now
            ended = self._ended(session, now)
            if ended:
                return self._sign_out(request, ended)
            # Activity is kept to the minute: writing the session on every request would cost a
            # database write per page for no difference a 30-minute limit can tell.
            if not self._is_status_question(request) and now - session[LAST_ACTIVITY] >= ACTIVITY_GRAIN:
                session[LAST_ACTIVITY] = now
            request.session_timeout = self._timeout(session, now)
        response = self.get_response(request)
        if request.user.is_authenticated and request.session.session_key != key_before:
            # Signing in turns the session key over: this request signed the person in.
            now = int(timezone.now().timestamp())
            request.session[SIGNED_IN_AT] = request.session[LAST_ACTIVITY] = now
        return response

    @staticmethod
    def _ended(session, now: int) -> str | None:
        if now - session[SIGNED_IN_AT] >= settings.SESSION_MAX_SECONDS:
            hours = settings.SESSION_MAX_SECONDS // 3600
            return ngettext(
                "You were signed out: for your security a session lasts at most %(hours)d hour. "
                "Sign in again to continue; your drafts are saved.",
                "You were signed out: for your security a session lasts at most %(hours)d hours. "
                "Sign in again to continue; your drafts are saved.",
                hours,
            ) % {"hours": hours}
        if now - session[LAST_ACTIVITY] >= settings.SESSION_IDLE_SECONDS:
            minutes = settings.SESSION_IDLE_SECONDS // 60
            return ngettext(
                "You were signed out after %(minutes)d minute without activity. "
                "Sign in again to continue; your drafts are saved.",
                "You were signed out after %(minutes)d minutes without activity. "
                "Sign in again to continue; your drafts are saved.",
                minutes,
            ) % {"minutes": minutes}
        return None

    @staticmethod
    def _timeout(session, now: int) -> SessionTimeout:
        idle_end = session[LAST_ACTIVITY] + settings.SESSION_IDLE_SECONDS
        hard_end = session[SIGNED_IN_AT] + settings.SESSION_MAX_SECONDS
        return SessionTimeout(
            expires_in=min(idle_end, hard_end) - now,
            renewable=idle_end < hard_end,
            warn_before=settings.SESSION_WARNING_SECONDS,
            idle_minutes=settings.SESSION_IDLE_SECONDS // 60,
        )

    @staticmethod
    def _is_status_question(request) -> bool:
        return request.method in {"GET", "HEAD"} and request.path == reverse("session_stay")

    def _sign_out(self, request, reason: str):
        htmx = request.headers.get("HX-Request") == "true"
        next_url = request.get_full_path() if request.method in {"GET", "HEAD"} else ""
        if htmx:  # a fragment is no place to come back to: the page that asked for it is
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            next_url = current.path + (f"?{current.query}" if current.query else "")
        logout(request)
        messages.info(request, reason)
        if request.path == reverse("session_stay"):
            # The warning's script asked, or pressed "Stay signed in" too late: the view answers it.
            return self.get_response(request)
        sign_in = resolve_url(settings.LOGIN_URL)
        if next_url:
            sign_in += "?" + urlencode({"next": next_url})
        if htmx:
            return HttpResponseClientRedirect(sign_in)
        return redirect(sign_in)
