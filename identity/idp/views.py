"""The mock national SSO's pages and endpoints, mounted at /sso/.

It keeps its own state (a signed cookie naming the sign-in attempt, scoped to /sso/) and never
signs anyone into the portal: it answers the portal with a signed id_token posted to its callback.
"""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from identity.forms import CodeForm
from identity.models import SignInAttempt
from identity.network import client_ip

from . import keys
from .forms import CredentialsForm, NafathForm
from .nafath import EXPIRED, REJECTED, WAITING, nafath_answer, nafath_start, nafath_state, nafath_status
from .services import (
    MAX_RESENDS,
    SignInRefused,
    attempt_check_password,
    attempt_is_alive,
    attempt_resend_code,
    attempt_start,
    attempt_verify_code,
)

ATTEMPT_COOKIE = "nsso_attempt"
ATTEMPT_SALT = "identity.idp.attempt"


def issuer(request) -> str:
    return settings.NATIONAL_SSO_ISSUER or request.build_absolute_uri("/sso")


def discovery_document(request) -> dict:
    return {
        "issuer": issuer(request),
        "authorization_endpoint": request.build_absolute_uri(reverse("sso:authorize")),
        "jwks_uri": request.build_absolute_uri(reverse("sso:jwks")),
        "response_types_supported": ["id_token"],
        "response_modes_supported": ["form_post"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid"],
        "ui_locales_supported": ["ar", "en"],
        "claims_supported": [
            "sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "amr",
            "id_type", "name_ar", "name_en", "phone_number", "email", "birthdate",
        ],
    }  # fmt: skip


@require_safe
def discovery(request):
    return JsonResponse(discovery_document(request))


@require_safe
def jwks_view(request):
    response = JsonResponse(keys.jwks())
    response["Cache-Control"] = "public, max-age=300"
    return response


def _current_attempt(request) -> SignInAttempt | None:
    try:
        attempt_id = request.get_signed_cookie(ATTEMPT_COOKIE, salt=ATTEMPT_SALT, max_age=30 * 60)
    except (KeyError, signing.BadSignature):
        return None
    attempt = SignInAttempt.objects.select_related("person").filter(pk=attempt_id).first()
    return attempt if attempt and attempt_is_alive(attempt) else None


def _ended(request, message=None, *, status=400):
    return render(
        request,
        "identity/idp/ended.html",
        {"message": message or "", "portal_url": "/"},
        status=status,
    )


@never_cache
@require_safe
def authorize(request):
    params = request.GET
    if params.get("response_type") != "id_token" or "openid" not in params.get("scope", "").split():
        return HttpResponseBadRequest("unsupported_response_type")
    if params.get("response_mode", "form_post") != "form_post":
        return HttpResponseBadRequest("unsupported_response_mode")
    try:
        attempt = attempt_start(
            client_id=params.get("client_id", ""),
            redirect_uri=params.get("redirect_uri", ""),
            nonce=params.get("nonce", ""),
            state=params.get("state", ""),
            ip=client_ip(request),
            ui_locale=params.get("ui_locales", "").split(" ")[0],
        )
    except SignInRefused as refusal:
        return _ended(request, refusal.message, status=429 if refusal.rate_limited else 400)
    response = redirect("sso:credentials")
    response.set_signed_cookie(
        ATTEMPT_COOKIE,
        str(attempt.pk),
        salt=ATTEMPT_SALT,
        max_age=30 * 60,
        path="/sso/",
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _first_step(request, form_class, template: str, start, next_page: str):
    """A first page of the sign-in (password, or the Nafath app): a form that starts the attempt's
    next step through ``start(attempt, data, ip)``, or shows why it cannot, in the person's language."""
    attempt = _current_attempt(request)
    if attempt is None:
        return _ended(request)
    form = form_class(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            start(attempt, form.cleaned_data, client_ip(request))
        except SignInRefused as error:
            refusal = error.message
        else:
            return redirect(next_page)
    status = 400 if refusal or form.errors else 200
    return render(request, template, {"form": form, "refusal": refusal}, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def credentials(request):
    def check(attempt, data, ip):
        attempt_check_password(
            attempt=attempt, national_id=data["national_id"], password=data["password"], ip=ip
        )

    return _first_step(request, CredentialsForm, "identity/idp/credentials.html", check, "sso:code")


def _masked(phone: str) -> str:
    """The registered number with its middle hidden, kept left-to-right inside Arabic text."""
    return format_html(
        '<bdi dir="ltr">{}</bdi>', f"{phone[:4]}•••••{phone[-3:]}" if len(phone) > 7 else "•••"
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def code(request):
    attempt = _current_attempt(request)
    if attempt is None or attempt.person is None:
        return _ended(request)
    form = CodeForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        try:
            id_token = attempt_verify_code(
                attempt=attempt, code=form.cleaned_data["code"], issuer=issuer(request), ip=client_ip(request)
            )
        except SignInRefused as error:
            if error.restart:
                return _ended(request, error.message)
            refusal = error.message
        else:
            return _answer_the_service(request, attempt, id_token)
    return _code_page(request, attempt, form, refusal)


def _answer_the_service(request, attempt, id_token: str):
    """The end of a sign-in: post the id_token and state back to the service (response_mode=form_post);
    the SSO forgets the attempt."""
    response = render(
        request,
        "identity/idp/form_post.html",
        {"action": attempt.redirect_uri, "id_token": id_token, "state": attempt.state},
    )
    response.delete_cookie(ATTEMPT_COOKIE, path="/sso/")
    return response


def _code_page(request, attempt, form, refusal):
    context = {
        "form": form,
        "refusal": refusal,
        "phone": _masked(attempt.person.phone),
        "resends_left": MAX_RESENDS - attempt.resends,
        "resent": request.GET.get("resent") == "1",
    }
    return render(request, "identity/idp/code.html", context, status=200 if refusal is None else 400)


@never_cache
@require_POST
def resend(request):
    attempt = _current_attempt(request)
    if attempt is None or attempt.person is None:
        return _ended(request)
    try:
        attempt_resend_code(attempt=attempt)
    except SignInRefused as error:
        if error.restart:
            return _ended(request, error.message)
        return _code_page(request, attempt, CodeForm(), error.message)
    return redirect(f"{reverse('sso:code')}?resent=1")


# --- The Nafath app alternative ------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def nafath(request):
    def send_to_app(attempt, data, ip):
        nafath_start(
            attempt=attempt, national_id=data["national_id"], ip=ip, app_url=request.build_absolute_uri
        )

    return _first_step(request, NafathForm, "identity/idp/nafath.html", send_to_app, "sso:nafath_wait")


@never_cache
@require_safe
def nafath_wait(request):
    """The number to pick in the app; htmx asks again every two seconds, a button does without it."""
    attempt = _current_attempt(request)
    if attempt is None or attempt.nafath_number is None:
        return _ended(request)
    if request.htmx and nafath_state(attempt=attempt) != WAITING:
        # Decided in the app: reload the page, whose full answer posts the id_token to the portal.
        return HttpResponse(headers={"HX-Refresh": "true"})
    try:
        state, id_token = nafath_status(attempt=attempt, issuer=issuer(request))
    except SignInRefused as error:
        return _ended(request, error.message)
    if id_token:
        return _answer_the_service(request, attempt, id_token)
    if state in {REJECTED, EXPIRED}:
        message = (
            _("The request was rejected in the app.")
            if state == REJECTED
            else _("The time to confirm in the app has passed.")
        )
        return _ended(request, message)
    template = "identity/idp/nafath_wait.html#waiting" if request.htmx else "identity/idp/nafath_wait.html"
    return render(request, template, {"number": attempt.nafath_number})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def nafath_app(request, token):
    """The mock Nafath app: the sign-in request and three numbers; picking the one shown confirms it."""
    attempt = SignInAttempt.objects.filter(nafath_token=token).first()
    if attempt is None or attempt.person is None:
        raise Http404
    answered = None
    if request.method == "POST":
        try:
            answered = nafath_answer(token=token, number=int(request.POST.get("number", "0")))
        except (SignInRefused, ValueError):
            raise Http404 from None
    choices = [int(n) for n in attempt.nafath_choices.split(",")]
    return render(request, "identity/idp/nafath_app.html", {"choices": choices, "answered": answered})
