"""The filing wizard: parties, the service's detail steps, documents, check your answers, submit.

Every step is saved as it is left, so a draft survives signing out and a change of device. The
pages work without JavaScript; htmx only uploads with a progress bar and refreshes lists in place.
"""

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from .access import request_for_user_or_404
from .confirming import confirm_with_code, send_code
from .errors import RequestError
from .forms import DocumentUploadForm, PartyForm, RemovalForm, StartForm
from .models import PartyRole, Status
from .registry import service_registry
from .services import (
    document_add,
    missing_answers,
    request_discard,
    request_document_remove,
    request_editable_by,
    request_party_add,
    request_party_remove,
    request_start,
    request_submit,
    request_transition,
    step_open_to,
    submit_purpose,
)
from .uploads import upload_rules_text

PARTIES = "parties"
DOCUMENTS = "documents"
REVIEW = "review"


def wizard_steps(service) -> list[tuple[str, str]]:
    steps = [(PARTIES, gettext_lazy("Parties"))] if service.party_roles else []
    steps += [(step.slug, step.title) for step in service.steps]
    return [*steps, (DOCUMENTS, gettext_lazy("Documents")), (REVIEW, gettext_lazy("Check your answers"))]


def answers(request_obj) -> list[dict]:
    """The service's detail answers as label/value rows, grouped by step, for review and the request page."""
    service = service_registry.get(request_obj.service)
    groups = []
    for step in service.steps:
        data = step.load(request_obj)
        form = step.form_class(initial=data)
        rows = []
        for name, field in form.fields.items():
            value = data.get(name, "")
            if isinstance(value, bool):
                value = _("Yes") if value else _("No")
            elif value != "" and hasattr(field, "display"):
                value = field.display(value)  # an amount: separators and the currency
            choices = _flat_choices(getattr(field, "choices", []) or [])
            if isinstance(value, list | tuple):  # several choices: each by its label, in the list's order
                value = [str(choices.get(item, item)) for item in value]
                rows.append({"label": field.label, "value": "", "listed": value})
                continue
            rows.append({"label": field.label, "value": choices.get(value, value) if value != "" else ""})
        groups.append({"slug": step.slug, "title": step.title, "rows": rows})
    return groups


def _flat_choices(choices) -> dict:
    """A field's choices as value → label, its groups (optgroups) opened."""
    flat = {}
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.update(label)
        else:
            flat[value] = label
    return flat


def _service_or_404(code):
    try:
        return service_registry.get(code)
    except LookupError:
        raise Http404 from None


@require_http_methods(["GET", "HEAD", "POST"])
def service_start(request, code):
    """What the service is, who may use it and what it needs; starting it needs signing in."""
    service = _service_or_404(code)
    if request.method == "POST" and not service.startable:
        raise Http404
    # ?client= fills in the person filed for (a lawyer's link from his client list); the form checks it.
    client = request.GET.get("client", "")[:10]
    form = StartForm(
        request.POST or None,
        initial={"start_token": uuid.uuid4(), "client_national_id": client if client.isdigit() else ""},
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('national_sso_login')}?next={reverse('service_start', args=[code])}")
        if form.is_valid():
            client_id = form.cleaned_data["client_national_id"]
            represented = (
                get_user_model().objects.filter(national_id=client_id).first() if client_id else None
            )
            if client_id and represented is None:
                form.add_error("client_national_id", _("This person has not signed in to the portal yet."))
            else:
                try:
                    draft = request_start(
                        service=service.code,
                        applicant=request.user,
                        start_token=form.cleaned_data["start_token"],
                        represented=represented,
                    )
                except RequestError as error:
                    form.add_error("client_national_id", error.message)
                else:
                    return redirect("wizard_step", pk=draft.pk, step=wizard_steps(service)[0][0])
    return render(request, "requests_tracker/service_start.html", {"service": service, "form": form})


def _editable_request(request, pk):
    filed = request_for_user_or_404(request.user, pk)
    if not request_editable_by(filed, request.user):
        return filed, False
    return filed, True


def _next_step(service, current: str, back_to_review: bool) -> str:
    if back_to_review:
        return REVIEW
    slugs = [slug for slug, _title in wizard_steps(service)]
    return slugs[slugs.index(current) + 1]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def wizard_step(request, pk, step):
    filed, editable = _editable_request(request, pk)
    if not editable:
        # The back button after submitting, or a second tab: show the request, never a second copy.
        messages.info(request, _("This request has been submitted; here is where it stands."))
        return redirect("request_detail", pk=filed.pk)
    service = service_registry.get(filed.service)
    steps = wizard_steps(service)
    if step not in {slug for slug, _title in steps}:
        raise Http404
    back_to_review = request.GET.get("return") == REVIEW or request.POST.get("return") == REVIEW
    context = {
        "filed": filed,
        "service": service,
        "steps": steps,
        "current": step,
        "back_to_review": back_to_review,
    }
    if step == PARTIES:
        return _parties_step(request, filed, service, context)
    if step == DOCUMENTS:
        return _documents_step(request, filed, service, context)
    if step == REVIEW:
        return _review_step(request, filed, service, context)
    detail = next(s for s in service.steps if s.slug == step)
    # Bound on every POST, even one with no field filled in (``request.POST or None`` would show
    # such a submit as a fresh form, without saying what is missing).
    form = detail.form_class(request.POST if request.method == "POST" else None, initial=detail.load(filed))
    if request.method == "POST" and form.is_valid():
        detail.save(request=filed, data=form.cleaned_data, actor=request.user)
        return redirect("wizard_step", pk=filed.pk, step=_next_step(service, step, back_to_review))
    return render(
        request, "requests_tracker/wizard/details.html", {**context, "form": form, "title": detail.title}
    )


def _parties_step(request, filed, service, context):
    """The parties already added, and a form to add one more.

    Nothing typed is lost: "Continue" is a button of the same form as "Add this party", so a person
    who types a party and presses Continue without Add still sends it. If the typed party is valid
    it is added and the wizard moves on (what the person most likely meant, and the page says so);
    if it is not, the step stops and shows why, beside the fields and in the error summary, so the
    person corrects it or clears the fields to continue without it.
    """
    form = PartyForm(service=service)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "remove":
            removal = RemovalForm(request.POST)
            if removal.is_valid() and removal.cleaned_data["party"]:
                request_party_remove(
                    request=filed, actor=request.user, party_pk=removal.cleaned_data["party"]
                )
        elif action == "add" or _party_typed(request.POST):
            form = PartyForm(request.POST, service=service)
            continuing = action != "add"
            if form.is_valid():
                try:
                    request_party_add(request=filed, actor=request.user, **form.cleaned_data)
                except RequestError as error:
                    form.add_error(None, error.message)
                else:
                    if not continuing:
                        return redirect("wizard_step", pk=filed.pk, step=PARTIES)
                    messages.success(request, _("The party you entered was added."))
                    return redirect(
                        "wizard_step",
                        pk=filed.pk,
                        step=_next_step(service, PARTIES, context["back_to_review"]),
                    )
            if continuing:
                form.add_error(
                    None,
                    _(
                        "The party you entered has not been added. Correct it and continue, "
                        "or clear the fields to continue without it."
                    ),
                )
        else:
            return redirect(
                "wizard_step", pk=filed.pk, step=_next_step(service, PARTIES, context["back_to_review"])
            )
    parties = filed.parties.exclude(role=PartyRole.APPLICANT).select_related("user")
    return render(
        request, "requests_tracker/wizard/parties.html", {**context, "form": form, "parties": parties}
    )


# What a person types to describe a party; the role and the ID type are lists with a choice made
# for them, so they say nothing about whether a party was meant.
PARTY_TYPED_FIELDS = ("id_number", "name", "phone", "nationality", "national_address")


def _party_typed(data) -> bool:
    return any(data.get(name, "").strip() for name in PARTY_TYPED_FIELDS)


def _documents_step(request, filed, service, context):
    """The documents uploaded, the checklist, and a form to upload one more.

    Nothing chosen is lost: "Continue to the review" is a button of the same form as "Upload", so
    a file chosen but not uploaded is still sent. If it passes the upload rules it is uploaded and
    the wizard moves on to the review (what the person most likely meant, and the page says so);
    if it does not, the step stops and says why, beside the field and in the error summary.

    With htmx "Upload" is posted in the background and answered with the panel: with status 422
    when refused, which htmx is configured to swap in (``responseHandling`` in base.html), so the
    errors show beside the form. "Continue" is an ordinary submit. Without JavaScript every answer
    is the whole page, with the same errors.
    """
    form = DocumentUploadForm(service=service)
    new_document = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "remove":
            removal = RemovalForm(request.POST)
            if removal.is_valid() and removal.cleaned_data["document"]:
                request_document_remove(
                    request=filed, actor=request.user, document_pk=removal.cleaned_data["document"]
                )
        elif action == "upload" or request.FILES.get("file"):
            form = DocumentUploadForm(request.POST, request.FILES, service=service)
            continuing = action != "upload"
            if form.is_valid():
                try:
                    new_document = document_add(
                        request=filed,
                        actor=request.user,
                        upload=form.cleaned_data["file"],
                        kind=form.cleaned_data["kind"],
                    )
                except RequestError as error:
                    form.add_error("file", error.message)
                else:
                    form = DocumentUploadForm(service=service)
                    if continuing:
                        messages.success(
                            request,
                            _("The file you chose, %(name)s, was uploaded.")
                            % {"name": new_document.original_name},
                        )
                        return redirect("wizard_step", pk=filed.pk, step=REVIEW)
            if continuing and form.errors:
                form.add_error(
                    None,
                    _(
                        "The file you chose has not been uploaded. Choose another file and continue, "
                        "or continue without it."
                    ),
                )
        else:
            return redirect("wizard_step", pk=filed.pk, step=REVIEW)
    documents = filed.documents.filter(message__isnull=True, requirement__isnull=True)
    uploaded_kinds = {document.kind for document in documents}
    checklist = [
        {"label": required.label, "required": required.required, "done": required.kind in uploaded_kinds}
        for required in service.required_documents
    ]
    page = {
        **context,
        "form": form,
        "documents": documents,
        "new_document": new_document,
        "checklist": checklist,
        "rules": upload_rules_text(),
    }
    template = "requests_tracker/wizard/documents.html"
    status = 200
    if request.htmx and request.method == "POST":
        template += "#documents-panel"
        status = 422 if form.errors else 200
    elif form.errors:
        status = 400
    return render(request, template, page, status=status)


def _review_step(request, filed, service, context):
    problems = missing_answers(filed)
    if request.method == "POST" and service.confirmation and not problems:
        refused = send_code(request, purpose=submit_purpose(filed), act=_confirmation_act(filed, service))
        if refused:
            messages.error(request, refused)
            return redirect("request_confirm", pk=filed.pk)
        return redirect(reverse("request_confirm", args=[filed.pk]) + "?sent=1")
    if request.method == "POST":
        try:
            request_submit(request=filed, actor=request.user)
        except RequestError:
            problems = missing_answers(filed)
        else:
            return redirect("request_submitted", pk=filed.pk)
    page = {
        **context,
        "answers": answers(filed),
        "parties": filed.parties.select_related("user"),
        "documents": filed.documents.filter(message__isnull=True),
        "problems": problems,
    }
    return render(
        request, "requests_tracker/wizard/review.html", page, status=400 if request.method == "POST" else 200
    )


@login_required
def request_submitted(request, pk):
    filed = request_for_user_or_404(request.user, pk)
    if filed.status == Status.DRAFT:
        return redirect("wizard_step", pk=filed.pk, step=REVIEW)
    return render(
        request,
        "requests_tracker/wizard/submitted.html",
        {"filed": filed, "service": filed.service_definition},
    )


@login_required
@require_POST
def request_delete(request, pk):
    filed = request_for_user_or_404(request.user, pk)
    try:
        request_discard(request=filed, actor=request.user)
    except RequestError as error:
        messages.error(request, error.message)
        return redirect("request_detail", pk=filed.pk)
    messages.success(request, _("The draft was deleted."))
    return redirect("my_requests")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_cancel(request, pk):
    """Cancelling cannot be undone: the first press shows what will happen and asks again; only the
    confirmation, posted from that page, cancels. No JavaScript is needed for either."""
    filed = request_for_user_or_404(request.user, pk)
    if not step_open_to(request=filed, actor=request.user, to=Status.CANCELLED):
        messages.error(request, _("This request can no longer be cancelled."))
        return redirect("request_detail", pk=filed.pk)
    if request.method != "POST" or request.POST.get("confirmed") != "yes":
        return render(request, "requests_tracker/confirm_cancel.html", {"filed": filed})
    try:
        request_transition(
            request=filed, to=Status.CANCELLED, actor=request.user, note=request.POST.get("note", "")
        )
    except RequestError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The request was cancelled."))
    return redirect("request_detail", pk=filed.pk)


def _confirmation_act(filed, service) -> str:
    return _("%(act)s (request %(reference)s)") % {"act": service.confirmation, "reference": filed.reference}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_confirm(request, pk):
    """Submit a request whose service asks the applicant to confirm with a one-time code."""
    filed, editable = _editable_request(request, pk)
    service = service_registry.get(filed.service)
    if not editable or not service.confirmation:
        return redirect("request_detail", pk=filed.pk)
    act = _confirmation_act(filed, service)

    def submit(_action):
        try:
            request_submit(request=filed, actor=request.user)
        except RequestError as error:
            messages.error(request, error.message)
            return redirect("wizard_step", pk=filed.pk, step=REVIEW)
        return redirect("request_submitted", pk=filed.pk)

    return confirm_with_code(
        request,
        purpose=submit_purpose(filed),
        act=act,
        on_confirmed=submit,
        page={
            "title": _("Confirm with the verification code"),
            "intro": _("To submit, confirm %(act)s with a one-time code.") % {"act": act},
            "action_url": reverse("request_confirm", args=[filed.pk]),
            "confirm_label": _("Confirm and submit"),
            "back_url": reverse("wizard_step", args=[filed.pk, REVIEW]),
            "back_label": _("Back to the review"),
        },
    )
