from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from requests_tracker.access import request_and_viewer_or_404
from requests_tracker.errors import RequestError

from .models import Motion
from .motion_forms import MotionForm
from .motions import motion_debtors, motion_file, motion_refusal
from .selectors import EXECUTION_SECTION, execution_for


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def motion_new(request, pk, kind):
    """File a motion of ``kind`` on request ``pk``: the form, then the request page with the motion
    listed. 404 to anyone who may not file this motion now, as the service would refuse it."""
    filed, _viewer = request_and_viewer_or_404(request.user, pk, section=EXECUTION_SECTION)
    if kind not in Motion.Kind.values or motion_refusal(filed, request.user, kind) is not None:
        raise Http404
    form = MotionForm(request.POST or None, kind=kind, debtors=motion_debtors(filed, request.user))
    if request.method == "POST" and form.is_valid():
        try:
            motion = motion_file(request=filed, actor=request.user, kind=kind, **form.cleaned_data)
        except RequestError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your motion (%(motion)s) was filed; the enforcement judge will decide it.")
                % {"motion": motion.get_kind_display()},
            )
            return redirect("request_detail", pk=filed.pk)
    return render(
        request,
        "enforcement/motion_form.html",
        {
            "filed": filed,
            "execution": execution_for(filed),
            "form": form,
            "kind_label": Motion.Kind(kind).label,
        },
    )
