import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from requests_tracker.access import Section, request_and_viewer_or_404, requests_for_user, viewer_for
from requests_tracker.errors import RequestError
from requests_tracker.issuing import document_kind, enforceable_document
from requests_tracker.models import PartyRole

from .forms import DisclosureForm, InquiryForm, PaymentForm
from .models import Dispatch, Measure
from .motions import motions_context
from .personal_status import in_kind_context
from .selectors import (
    EXECUTION_SECTION,
    UNDER_ENFORCEMENT,
    debtors_seen_by,
    execution_for,
    may_disclose,
    may_pay,
    on_creditor_side,
)
from .services import (
    execution_disclose,
    execution_pay,
    execution_settle,
    execution_start_from_document,
    execution_withdraw,
)

# The parties see the measures the judge has put in force, and their lifting; a measure proposed in a
# decision not yet issued is the judge's draft.
SHOWN_MEASURES = (Measure.State.APPLIED, Measure.State.LIFTED)


def page_section(request, viewer):
    """The enforcement part of the request page, as far as ``viewer`` may see it: the order, amounts,
    bill, payments, and each debtor's notice, grace, Decision 46 and measures in force (a debtor sees
    his own); the debtor's disclosures to his own side, the creditor's and staff."""
    if not viewer.sees(EXECUTION_SECTION):
        return None
    execution = execution_for(request)
    if execution is None:
        return None
    debtor_rows = (
        debtors_seen_by(request, viewer)
        .select_related("party", "decision")
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=Measure.objects.filter(state__in=SHOWN_MEASURES),
                to_attr="shown_measures",
            ),
            Prefetch("dispatches", queryset=Dispatch.objects.select_related("measure"), to_attr="sent"),
        )
    )
    context = {
        "execution": execution,
        "debtor_rows": debtor_rows,
        "payments": execution.payments.all(),
        "disclosures": execution.disclosures.all()
        if viewer.everything or viewer.is_party(PartyRole.DEBTOR)
        else [],
        "may_pay": execution.balance > 0 and may_pay(request, viewer.user),
        "may_disclose": may_disclose(request, viewer.user),
        "may_close": viewer.applicant_side and request.status in UNDER_ENFORCEMENT,
        "in_kind": in_kind_context(request, viewer),
        "motions": motions_context(request, viewer),
    }
    return "enforcement/section.html", context


def start_with_instrument(request, *, document, back: str, represented=None, success=None):
    """ "File an enforcement request" on an executive instrument the portal issued (a final
    judgment, a notarized acknowledgment): a draft with it picked as the instrument, for the person
    the user speaks for, then the wizard's parties step; back to ``back`` with the refusal."""
    try:
        draft = execution_start_from_document(
            document=document, applicant=request.user, represented=represented, start_token=uuid.uuid4()
        )
    except RequestError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(
        request, success or _("An enforcement request was started with this instrument. Name the debtors.")
    )
    return redirect("wizard_step", pk=draft.pk, step="parties")


@login_required
@require_POST
def from_instrument(request, pk, number):
    """The request page's "File an enforcement request" for a document issued on request ``pk``,
    offered to the party it favours in person; 404 to anyone else."""
    filed, _viewer = request_and_viewer_or_404(request.user, pk, section=Section.ISSUED)
    document = enforceable_document(number)
    if (
        document is None
        or document.request_id != filed.pk
        or not document_kind(document.kind).enforced_by(document, request.user)
    ):
        raise Http404
    return start_with_instrument(request, document=document, back=reverse("request_detail", args=[filed.pk]))


def _execution_or_404(user, pk, allowed):
    """The request and its execution for a debtor-side page; 404 to anyone the service would refuse."""
    filed, _viewer = request_and_viewer_or_404(user, pk, section=EXECUTION_SECTION)
    execution = execution_for(filed)
    if execution is None or not allowed(filed, user):
        raise Http404
    return filed, execution


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pay(request, pk):
    """A mock SADAD-style payment page: the bill, the balance, and the amount to pay now."""
    filed, execution = _execution_or_404(request.user, pk, may_pay)
    form = PaymentForm(request.POST or None, initial={"amount": execution.balance})
    if request.method == "POST" and form.is_valid():
        try:
            payment = execution_pay(request=filed, amount=form.cleaned_data["amount"], actor=request.user)
        except RequestError as error:
            form.add_error("amount", error.message)
        else:
            messages.success(
                request, _("Payment received. Receipt number %(receipt)s.") % {"receipt": payment.receipt}
            )
            return redirect("request_detail", pk=filed.pk)
    return render(request, "enforcement/pay.html", {"filed": filed, "execution": execution, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def disclose(request, pk):
    filed, execution = _execution_or_404(request.user, pk, may_disclose)
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
@require_safe
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
    # The measures of the debtors the person may read of: a debtor not his co-debtor's.
    measures = (
        Measure.objects.filter(
            debtor__in=debtors_seen_by(found, viewer_for(found, request.user)), state__in=SHOWN_MEASURES
        )
        if found
        else []
    )
    context = {"form": form, "found": found, "measures": measures}
    return render(request, "enforcement/inquiry.html", context)


CLOSINGS = {"settle": execution_settle, "withdraw": execution_withdraw}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def close(request, pk, how):
    """The creditor confirms a settlement with the debtor, or withdraws his request: a confirmation
    page, then the service; the measures then go to the judge to lift. 404 to anyone else."""
    if how not in CLOSINGS:
        raise Http404
    filed, _viewer = request_and_viewer_or_404(request.user, pk, section=EXECUTION_SECTION)
    if filed.status not in UNDER_ENFORCEMENT or not on_creditor_side(filed, request.user):
        raise Http404
    if request.method == "POST":
        try:
            CLOSINGS[how](request=filed, actor=request.user)
        except RequestError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "The request is closed. The enforcement judge now orders the lifting of any measures in force."
                ),
            )
        return redirect("request_detail", pk=filed.pk)
    return render(request, "enforcement/close.html", {"filed": filed, "how": how})
