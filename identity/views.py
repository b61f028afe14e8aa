from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .forms import PreferencesForm
from .models import OutboxMessage
from .services import terms_accept, user_set_preferences


def _safe_next(request, default="/") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def terms(request):
    if request.method == "POST":
        if request.POST.get("accept") == "yes":
            terms_accept(user=request.user)
            request.session["terms_version"] = settings.TERMS_VERSION
            return HttpResponseRedirect(_safe_next(request))
        return render(
            request, "identity/terms.html", {"next": _safe_next(request), "must_accept": True}, status=400
        )
    return render(
        request, "identity/terms.html", {"next": _safe_next(request), "version": settings.TERMS_VERSION}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def admin_login(request):
    """The admin's door is the national SSO too; only staff pass it."""
    next_url = _safe_next(request, default=reverse("admin:index"))
    if not request.user.is_authenticated:
        return redirect(f"{reverse('national_sso_login')}?{urlencode({'next': next_url})}")
    if request.user.is_active and request.user.is_staff:
        return HttpResponseRedirect(next_url)
    return render(request, "identity/staff_only.html", status=403)


@require_safe
def dev_outbox(request):
    """Every SMS and email the development gateways kept (DEBUG only)."""
    if not settings.DEBUG:
        raise Http404
    return render(request, "identity/dev_outbox.html", {"messages_sent": OutboxMessage.objects.all()[:100]})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """Who the national SSO says you are, and how you want to be told of your requests."""
    user = request.user
    form = PreferencesForm(
        request.POST or None,
        initial={"email_notifications": user.email_notifications, "language": user.language},
    )
    if request.method == "POST" and form.is_valid():
        user_set_preferences(user=user, **form.cleaned_data)
        messages.success(request, _("Your preferences were saved."))
        return redirect("profile")
    return render(request, "identity/profile.html", {"form": form})
