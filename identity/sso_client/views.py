"""The portal's sign-in endpoints for the national SSO."""

import logging
import secrets
from urllib.parse import urlencode

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import complete_social_login, render_authentication_error
from allauth.socialaccount.providers.base.constants import AuthError
from allauth.socialaccount.providers.base.views import BaseLoginView
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .configuration import sso_configuration
from .verify import InvalidIdToken, verify_id_token

logger = logging.getLogger(__name__)
PROVIDER_ID = "national_sso"
HANDOFF_SECONDS = 120
# Anyone may post to the callback, and what it posts is kept in the cache for a moment: an
# id_token is well under 2 KiB, the state is allauth's short random id.
MAX_ID_TOKEN_BYTES = 8 * 1024
MAX_STATE_BYTES = 256


@method_decorator(login_not_required, name="dispatch")
class LoginView(BaseLoginView):
    provider_id = PROVIDER_ID


login = LoginView.as_view()


@csrf_exempt  # the SSO posts here from its own pages; the state and nonce bind the answer instead
@login_not_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def callback(request):
    """The SSO's form post arrives without the portal's SameSite=Lax session cookie when the SSO is
    another site. Keep the posted answer for a moment under a one-time handle and continue with a
    GET, which carries the session that holds this sign-in's state and nonce."""
    if request.method == "POST":
        answer = {key: request.POST.get(key, "") for key in ("id_token", "state", "error")}
        if len(answer["id_token"].encode()) > MAX_ID_TOKEN_BYTES or any(
            len(answer[key].encode()) > MAX_STATE_BYTES for key in ("state", "error")
        ):
            logger.warning("Refused an oversized answer posted to the national SSO callback.")
            return render_authentication_error(request, get_adapter().get_provider(request, PROVIDER_ID))
        handle = secrets.token_urlsafe(32)
        cache.set(f"national-sso:handoff:{handle}", answer, HANDOFF_SECONDS)
        return redirect(f"{reverse('national_sso_callback')}?{urlencode({'handle': handle})}")

    provider = get_adapter().get_provider(request, PROVIDER_ID)
    handle = request.GET.get("handle", "")
    # A handle is ours, 43 characters; anything longer never reaches the cache as a key.
    key = f"national-sso:handoff:{handle if len(handle) <= 64 else ''}"
    answer = cache.get(key)
    cache.delete(key)
    if not answer or answer.get("error") or not answer.get("id_token"):
        denied = bool(answer and answer.get("error") == "access_denied")
        return render_authentication_error(
            request, provider, error=AuthError.DENIED if denied else AuthError.UNKNOWN
        )
    try:
        state = provider.unstash_redirect_state(request, answer["state"])
    except PermissionDenied:
        return render_authentication_error(request, provider)
    try:
        claims = verify_id_token(
            answer["id_token"],
            configuration=sso_configuration(request, provider.app),
            audience=provider.app.client_id,
            nonce=state.get("nonce", ""),
        )
    except InvalidIdToken as error:
        logger.warning("Refused an id_token from the national SSO: %s", error)
        return render_authentication_error(request, provider, exception=error)
    sociallogin = provider.sociallogin_from_response(request, claims)
    sociallogin.state = state
    return complete_social_login(request, sociallogin)
