from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from requests_tracker.errors import RequestError
from requests_tracker.selectors import request_for_user_or_404, requests_for_user

from .forms import DisclosureForm, InquiryForm, PaymentForm
from .models import ExecutionRequest
from .services import debtors, execution_disclose, execution_pay


def page_section(request, user):
    """The enforcement part of the request page: order, amounts, measures, and the debtor's actions."""
    execution = ExecutionRequest.objects.filter(request=request).first()
    if execution is None:
        return None
    is_debtor = debtors(request).filter(user=user).exists()
    context = {
        "execution": execution,
        "measures": execution.measures.all(),
        "payments": execution.payments.all(),
        "disclosures": execution.disclosures.all() if (is_debtor or user.pk == request.applicant_id) else [],
        "is_debtor": is_debtor,
        "awaiting_payment": request.status == "in_execution" and execution.balance > 0,
    }
    return "enforcement/section.html", context


def _execution_for(user, pk, *, debtor_only=False):
    filed = request_for_user_or_404(user, pk)
    execution = ExecutionRequest.objects.filter(request=filed).first()
    if execution is None or (debtor_only and not debtors(filed).filter(user=user).exists()):
        raise Http404
    return filed, execution


@login_required
@require_http_methods(["GET", "POST"])
def pay(request, pk):
    """A mock SADAD-style payment page: the bill, the balance, and the amount to pay now."""
    filed, execution = _execution_for(request.user, pk)
    form = PaymentForm(request.POST or None, initial={"amount": execution.balance})
    if request.method == "POST" and form.is_valid():
        try:
            payment = execution_pay(request=filed, amount=form.cleaned_data["amount"], payer=request.user)
        except RequestError as error:
            form.add_error("amount", error.message)
        else:
            messages.success(
                request, _("Payment received. Receipt number %(receipt)s.") % {"receipt": payment.receipt}
            )
            return redirect("request_detail", pk=filed.pk)
    return render(request, "enforcement/pay.html", {"filed": filed, "execution": execution, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def disclose(request, pk):
    filed, execution = _execution_for(request.user, pk, debtor_only=True)
    form = DisclosureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            execution_disclose(request=filed, actor=request.user, **form.cleaned_data)
        except RequestError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The asset was disclosed to the enforcement court."))
            return redirect("request_detail", pk=filed.pk)
    return render(
        request, "enforcement/disclose.html", {"filed": filed, "execution": execution, "form": form}
    )


@login_required
def inquiry(request):
    """Look up an execution request by its number: only among the requests the person may see."""
    form = InquiryForm(request.GET or None)
    found = None
    if form.is_valid():
        reference = form.cleaned_data["reference"].strip().upper()
        found = (
            requests_for_user(request.user)
            .filter(service="enforcement", reference=reference)
            .select_related("execution")
            .first()
        )
        if found is None:
            form.add_error("reference", _("No execution request with this number is open to you."))
    context = {"form": form, "found": found, "measures": found.execution.measures.all() if found else []}
    return render(request, "enforcement/inquiry.html", context)
