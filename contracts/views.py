from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from requests_tracker.models import Status
from requests_tracker.selectors import request_for_user_or_404

from .catalogue import CERTIFIED_COPY_SERVICE
from .models import CertifiedCopy
from .pdf import certified_copy_pdf, gregorian_date, hijri_date, issue_date


def _verify_url(request, copy: CertifiedCopy) -> str:
    return request.build_absolute_uri(reverse("verify") + "?" + urlencode({"code": copy.verification_code}))


@login_required
@require_GET
def certified_copy_pdf_view(request, pk: int):
    """The issued copy, to whoever may open the request; 404 until it is completed and issued."""
    citizen_request = request_for_user_or_404(request.user, pk)
    if citizen_request.service != CERTIFIED_COPY_SERVICE.code or citizen_request.status != Status.COMPLETED:
        raise Http404
    try:
        copy = citizen_request.certified_copy
    except CertifiedCopy.DoesNotExist:
        raise Http404 from None
    if copy.issued_at is None:
        raise Http404

    pdf = certified_copy_pdf(
        copy,
        base_url=(settings.BASE_DIR / "static").as_uri() + "/",
        verify_url=_verify_url(request, copy),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{citizen_request.reference}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        help_text=_("The code printed under the QR code of the document."),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "dir": "ltr",
                "aria-describedby": "id_code_help",  # the hint of includes/field.html
            }
        ),
    )


def _masked_name(user) -> str:
    """The first name only (``عبد`` names keep their second part), then an ellipsis; never the ID."""
    english = (get_language() or "").startswith("en")
    name = (user.name_en if english else user.name_ar) or user.name_ar or user.name_en
    words = name.split()
    if not words:
        return "…"
    first = " ".join(words[:2]) if words[0] in {"عبد", "Abdul", "Abd"} and len(words) > 1 else words[0]
    return f"{first}…"


@require_GET
def verify(request):
    """Public check of an issued certified copy by its code: open to everyone, no sign-in."""
    form = VerifyForm(request.GET if "code" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        copy = (
            CertifiedCopy.objects.select_related("request__applicant", "request__represented")
            .filter(
                verification_code=form.cleaned_data["code"].strip().upper(),
                issued_at__isnull=False,
                request__status=Status.COMPLETED,
            )
            .first()
        )
        if copy is not None:
            issued_on = issue_date(copy)
            result = {
                "reference": copy.request.reference,
                "document_type": copy.get_source_display(),
                "document_number": copy.source_number,
                "issued_on": issued_on,
                "issued_gregorian": gregorian_date(issued_on),
                "issued_hijri": hijri_date(issued_on),
                "holder": _masked_name(copy.request.represented or copy.request.applicant),
            }
    return render(
        request,
        "contracts/verify.html",
        {"form": form, "checked": form.is_bound and form.is_valid(), "result": result},
    )
