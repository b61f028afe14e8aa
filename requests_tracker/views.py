from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from identity.network import client_ip
from identity.ratelimit import Limit

from .access import (
    Section,
    document_for_user_or_404,
    documents_seen_by,
    issued_seen_by,
    request_and_viewer_or_404,
)
from .confirming import confirm_with_code
from .consents import consent_give, consent_purpose, consents_of, pending_consent
from .deadlines import describe_time_left, time_left
from .errors import RequestError
from .forms import (
    SORTS,
    MessageForm,
    MyRequestsFilter,
    NotificationPageForm,
    NotificationReadForm,
    RequirementAnswerForm,
    VerifyForm,
    VerifyLinkForm,
)
from .guidance import meaning, next_step
from .issuing import document_find, document_kind, masked_id, masked_name
from .models import Notification, Status
from .pdf import hijri_date
from .registry import ServiceGroup, service_registry
from .selectors import request_list
from .services import (
    message_post,
    notifications_mark_read,
    request_editable_by,
    requirement_answer,
    step_open_to,
)
from .uploads import ACCEPTED_KINDS, with_detected_extension
from .wizard import answers


@require_safe
def catalogue(request):
    """The service catalogue, grouped and searchable; open to everyone, signed in or not."""
    query = request.GET.get("q", "").strip()
    signed_in = request.user.is_authenticated
    services = [
        {
            "service": service,
            "links": [
                {"label": link.label, "url": reverse(link.url_name)}
                for link in service.links
                if signed_in or not link.signed_in
            ],
        }
        for service in service_registry.all()
        if not query or service.matches(query)
    ]
    groups = [
        (group, [entry for entry in services if entry["service"].group == group]) for group in ServiceGroup
    ]
    if query:
        groups = [(group, found) for group, found in groups if found]
    template = "requests_tracker/catalogue.html"
    if request.htmx and not request.htmx.boosted:
        template += "#services"
    # The rendered list is cached; a deployment that adds or removes a service gets a new key.
    catalogue_key = ",".join(service.code for service in service_registry.all())
    context = {
        "groups": groups,
        "query": query,
        "catalogue_key": catalogue_key,
        # Announced by the page's live region as the search narrows the list.
        "found": len(services) if query else None,
    }
    return render(request, template, context)


def serve_document(document, *, inline: bool = False) -> FileResponse:
    """A stored upload as a download: never sniffed as HTML, named with the extension of its checked
    type whatever the uploader called it, under a policy that runs nothing.

    ``inline`` shows a checked PDF or image inside a page of the portal's own origin (the staff case
    file): framing by the portal is allowed, and there is no sandbox, which Chromium's PDF viewer
    refuses to open in; the upload check already refused PDFs that carry scripts or actions.
    """
    kind = next(kind for kind in ACCEPTED_KINDS if kind.content_type == document.content_type)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=not inline,
        filename=with_detected_extension(document.original_name, kind),
        content_type=kind.content_type,
    )
    if inline:
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; frame-ancestors 'self'"
        response["X-Frame-Options"] = "SAMEORIGIN"
    else:
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def document_download(request, request_pk: int, document_pk: int):
    document = document_for_user_or_404(request.user, request_pk=request_pk, document_pk=document_pk)
    return serve_document(document)


# --- My requests and the request page ------------------------------------------------------------


def _relation(filed, user) -> str:
    if filed.applicant_id == user.pk:
        return "filed" if filed.represented_id is None else "for_client"
    if filed.represented_id == user.pk:
        return "filed_for_you"
    return "party"


RELATION_LABELS = {
    "filed": gettext_lazy("You filed it"),
    "for_client": gettext_lazy("You filed it for a client"),
    "filed_for_you": gettext_lazy("Filed for you"),
    "party": gettext_lazy("You are a party"),
}


@login_required
@require_safe
def my_requests(request):
    form = MyRequestsFilter(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    queryset = request_list(
        user=request.user, filters=data, order_by=SORTS[data.get("sort") or "-updated"][0]
    )
    page = Paginator(queryset, 20).get_page(request.GET.get("page"))
    rows = [
        {
            "filed": filed,
            "relation": RELATION_LABELS[_relation(filed, request.user)],
            "meaning": meaning(filed.status),
        }
        for filed in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    template = "requests_tracker/my_requests.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _requirement_rows(filed, viewer, answering=None, answer_form=None) -> list[dict]:
    """Each requirement with its own answer form: ids of its own (two forms on one page never share
    an id, so each label, hint and error points at its own field), and the refused answer's errors
    only under the requirement that was answered."""
    if not viewer.sees(Section.REQUIREMENTS):
        return []
    return [
        {
            "requirement": requirement,
            "form": answer_form
            if requirement.pk == answering
            else RequirementAnswerForm(auto_id=f"id_requirement_{requirement.pk}_%s"),
        }
        for requirement in filed.requirements.all()
    ]


def _detail_context(request, filed, viewer) -> dict:
    """The request page as ``viewer`` may see it: each section only if the access module gives it."""
    service = service_registry.get(filed.service)
    user = request.user
    cancel_open = step_open_to(request=filed, actor=user, to=Status.CANCELLED)
    documents = documents_seen_by(filed, viewer).filter(message__isnull=True).select_related("requirement")
    return {
        "filed": filed,
        "service": service,
        "viewer": viewer,
        "meaning": meaning(filed.status),
        "next": next_step(filed),
        "answers": [group for group in answers(filed) if viewer.sees_step(group["slug"])],
        "parties": filed.parties.select_related("user") if viewer.sees(Section.PARTIES) else None,
        "documents": documents if viewer.sees(Section.DOCUMENTS) else None,
        "issued": issued_seen_by(filed, viewer) if viewer.sees(Section.ISSUED) else [],
        "history": filed.history.select_related("actor") if viewer.sees(Section.HISTORY) else None,
        "requirements": _requirement_rows(filed, viewer),
        "interviews": filed.interviews.all() if viewer.sees(Section.INTERVIEWS) else [],
        "thread": filed.messages.select_related("author").prefetch_related("attachments")
        if viewer.sees(Section.THREAD)
        else None,
        "message_form": MessageForm(),
        "editable": request_editable_by(filed, user),
        "is_applicant": viewer.applicant_side,
        "cancel_open": cancel_open,
        "time_left": describe_time_left(left) if (left := time_left(filed)) is not None else None,
        "section": service.page_section(filed, viewer),
        **_consent_context(filed, service, viewer),
    }


def _consent_context(filed, service, viewer) -> dict:
    """Who was asked to accept the request and what each answered, and whether ``viewer`` owes an
    answer (with the button to give it)."""
    if service.consenting is None or filed.status == Status.DRAFT or not viewer.sees(Section.PARTIES):
        return {}
    answers = consents_of(filed)
    return {
        "consents": [
            {"party": party, "consent": answers[party.pk]}
            for party in filed.parties.all()
            if party.pk in answers
        ],
        "answer_awaited": pending_consent(filed, viewer.user) is not None,
    }


ACCEPT, REJECT = "accept", "reject"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def consent_answer(request, pk):
    """A party asked to accept a request does so, or rejects it, confirming with a one-time code."""
    filed, _viewer = request_and_viewer_or_404(request.user, pk, section=Section.PARTIES)
    if pending_consent(filed, request.user) is None:
        raise Http404
    consenting = service_registry.get(filed.service).consenting

    def answer(action):
        if action not in {ACCEPT, REJECT}:
            raise RequestError(_("Choose whether you accept or reject it."))
        consent_give(request=filed, actor=request.user, accept=action == ACCEPT)
        done = (
            _("You accepted request %(reference)s.")
            if action == ACCEPT
            else _("You rejected request %(reference)s.")
        )
        messages.success(request, done % {"reference": filed.reference})
        return redirect("request_detail", pk=filed.pk)

    return confirm_with_code(
        request,
        purpose=consent_purpose(filed),
        act=_("your answer to request %(reference)s") % {"reference": filed.reference},
        on_confirmed=answer,
        page={
            "title": consenting.title,
            "intro": consenting.intro % {"reference": filed.reference},
            "action_url": reverse("consent_answer", args=[filed.pk]),
            "back_url": reverse("request_detail", args=[filed.pk]),
            "back_label": _("Back to the request"),
        },
        actions=[(ACCEPT, _("Accept")), (REJECT, _("Reject"))],
    )


@login_required
@require_safe
def request_detail(request, pk):
    filed, viewer = request_and_viewer_or_404(request.user, pk)
    return render(request, "requests_tracker/request_detail.html", _detail_context(request, filed, viewer))


@login_required
@require_POST
def message_send(request, pk):
    filed, viewer = request_and_viewer_or_404(request.user, pk, section=Section.THREAD)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            message_post(
                request=filed,
                author=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except RequestError as error:
            form.add_error(None, error.message)
        else:
            form = MessageForm()
    context = {**_detail_context(request, filed, viewer), "message_form": form}
    if request.htmx:
        # 422, not 400: htmx is configured to swap it in (base.html's responseHandling), so the
        # errors appear beside the form; any other error status is still left unswapped.
        return render(
            request,
            "requests_tracker/request_detail.html#thread",
            context,
            status=422 if form.errors else 200,
        )
    if form.errors:
        return render(request, "requests_tracker/request_detail.html", context, status=400)
    return redirect(f"{reverse('request_detail', args=[filed.pk])}#messages")


@login_required
@require_POST
def requirement_respond(request, pk, requirement_pk):
    filed, viewer = request_and_viewer_or_404(request.user, pk, section=Section.REQUIREMENTS)
    requirement = get_object_or_404(filed.requirements, pk=requirement_pk)
    form = RequirementAnswerForm(request.POST, request.FILES, auto_id=f"id_requirement_{requirement.pk}_%s")
    if form.is_valid():
        try:
            requirement_answer(
                requirement=requirement,
                actor=request.user,
                answer=form.cleaned_data["answer"],
                uploads=form.cleaned_data["files"],
            )
        except RequestError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Sent. The staff handling your request have been told."))
            return redirect("request_detail", pk=filed.pk)
    context = {
        **_detail_context(request, filed, viewer),
        "requirements": _requirement_rows(filed, viewer, answering=requirement.pk, answer_form=form),
    }
    return render(request, "requests_tracker/request_detail.html", context, status=400)


# --- The notification centre ---------------------------------------------------------------------

NOTICES_PER_PAGE = 30


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def notification_list(request):
    if request.method == "POST":
        form = NotificationReadForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest()
        pk = form.cleaned_data["notification"]
        notifications_mark_read(user=request.user, pks=[pk] if pk else None)
        return redirect("notifications")
    page = NotificationPageForm(request.GET)
    before = page.cleaned_data["before"] if page.is_valid() else None
    notices = Notification.objects.filter(recipient=request.user).order_by("-pk")
    if before:
        notices = notices.filter(pk__lt=before)
    # One more than a page tells whether there are older ones, without counting them all.
    notices = list(notices[: NOTICES_PER_PAGE + 1])
    older = notices[NOTICES_PER_PAGE - 1].pk if len(notices) > NOTICES_PER_PAGE else None
    context = {"notices": notices[:NOTICES_PER_PAGE], "older": older}
    return render(request, "requests_tracker/notifications.html", context)


# --- The signed-in session -----------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def session_stay(request):
    """For the idle-timeout warning's script: how long the session has left (GET, which the session
    limits do not count as activity) or "Stay signed in" (POST, which they do). A session that has
    ended answers so; the script then sends the person to sign in."""
    timeout = getattr(request, "session_timeout", None)
    if not request.user.is_authenticated or timeout is None:
        return JsonResponse({"signed_in": False})
    return JsonResponse({"signed_in": True, "expires_in": timeout.expires_in, "renewable": timeout.renewable})


# --- Issued documents: the download, and the public verification page -----------------------------

# Checks of /verify/ per network: enough for a bank clerk's day, too few to walk the number space.
VERIFICATIONS_PER_IP = Limit("verify-ip", count=30, window_seconds=10 * 60)


@login_required
@require_safe
def issued_document_download(request, request_pk: int, number: str):
    """The stored PDF of a document issued on a request, to whoever sees that part of the request:
    the bytes kept at issue, never rendered again."""
    filed, viewer = request_and_viewer_or_404(request.user, request_pk, section=Section.ISSUED)
    document = get_object_or_404(issued_seen_by(filed, viewer), number=number)
    response = FileResponse(
        document.pdf.open("rb"),
        as_attachment=True,
        filename=f"{document.number}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """Public check of any issued document (DESIGN §2.6): its number with the national ID of one of its
    parties, or the QR code's link. No sign-in; the same answer for a wrong number and a wrong ID;
    checks counted per network."""
    form = VerifyForm(request.POST if request.method == "POST" else None)
    link = VerifyLinkForm(request.GET) if request.method != "POST" and request.GET else None
    asked = form if form.is_bound else link
    result, limited = None, False
    if asked is not None and asked.is_valid():
        limited = VERIFICATIONS_PER_IP.over(client_ip(request))
        if not limited:
            data = asked.cleaned_data
            document = document_find(
                number=data["number"], national_id=data.get("national_id", ""), token=data.get("token", "")
            )
            result = _verification(document) if document else None
    context = {
        "form": form,
        "checked": asked is not None and asked.is_valid() and not limited,
        "result": result,
        "limited": limited,
    }
    return render(request, "requests_tracker/verify.html", context, status=429 if limited else 200)


def _verification(document) -> dict:
    """What /verify/ shows of a document: the core's facts, masked parties, the hash, the kind's rows."""
    kind = document_kind(document.kind)
    issued_on = timezone.localdate(document.issued_at)
    return {
        "document": document,
        "kind": kind.title,
        "issued_on": issued_on,
        "issued_hijri": hijri_date(issued_on),
        "parties": [
            {
                "role": party.get_role_display(),
                "name": masked_name(party.name),
                "id": masked_id(party.national_id),
            }
            for party in document.parties.all()
        ],
        "rows": kind.verify_rows(document),
    }
