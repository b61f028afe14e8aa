from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .deadlines import describe_time_left, time_left
from .errors import RequestError
from .forms import SORTS, MessageForm, MyRequestsFilter, RequirementAnswerForm
from .guidance import meaning, next_step
from .models import Notification, Status
from .registry import ServiceGroup, service_registry
from .selectors import document_for_user_or_404, on_applicant_side, request_for_user_or_404, requests_for_user
from .services import (
    message_post,
    notifications_mark_read,
    request_editable_by,
    requirement_answer,
    transitions_open_to,
)
from .wizard import answers


@require_GET
def catalogue(request):
    """The service catalogue, grouped and searchable; open to everyone, signed in or not."""
    query = request.GET.get("q", "").strip()
    services = [service for service in service_registry.all() if not query or service.matches(query)]
    groups = [(group, [service for service in services if service.group == group]) for group in ServiceGroup]
    if query:
        groups = [(group, found) for group, found in groups if found]
    template = "requests_tracker/catalogue.html"
    if request.htmx and not request.htmx.boosted:
        template += "#services"
    return render(request, template, {"groups": groups, "query": query})


def serve_document(document) -> FileResponse:
    """A stored upload as a download: never rendered inline, never sniffed as HTML."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
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
@require_GET
def my_requests(request):
    form = MyRequestsFilter(request.GET or None)
    queryset = requests_for_user(request.user)
    sort = "-updated"
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            queryset = queryset.filter(reference__icontains=data["q"].strip())
        if data["service"]:
            queryset = queryset.filter(service=data["service"])
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["since"]:
            queryset = queryset.filter(created_at__date__gte=data["since"])
        if data["until"]:
            queryset = queryset.filter(created_at__date__lte=data["until"])
        sort = data["sort"] or sort
    queryset = queryset.order_by(SORTS[sort][0], "-pk")
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


def _detail_context(request, filed) -> dict:
    service = service_registry.get(filed.service)
    user = request.user
    on_side = on_applicant_side(filed, user)
    cancel_open = any(t.target == Status.CANCELLED for t in transitions_open_to(request=filed, actor=user))
    return {
        "filed": filed,
        "service": service,
        "meaning": meaning(filed.status),
        "next": next_step(filed),
        "answers": answers(filed),
        "parties": filed.parties.select_related("user"),
        "documents": filed.documents.filter(message__isnull=True).select_related("requirement"),
        "issued": service.issued_documents(filed),
        "history": filed.history.select_related("actor"),
        "requirements": filed.requirements.all(),
        "interviews": filed.interviews.all(),
        "thread": filed.messages.select_related("author").prefetch_related("attachments")
        if on_side
        else None,
        "message_form": MessageForm(),
        "answer_form": RequirementAnswerForm(),
        "editable": request_editable_by(filed, user),
        "is_applicant": on_side,
        "cancel_open": cancel_open,
        "time_left": describe_time_left(left) if (left := time_left(filed)) is not None else None,
        "section": service.page_section(filed, user),
    }


@login_required
@require_GET
def request_detail(request, pk):
    filed = request_for_user_or_404(request.user, pk)
    return render(request, "requests_tracker/request_detail.html", _detail_context(request, filed))


@login_required
@require_POST
def message_send(request, pk):
    filed = request_for_user_or_404(request.user, pk)
    if not on_applicant_side(filed, request.user):
        raise Http404
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
    context = {**_detail_context(request, filed), "message_form": form}
    if request.htmx:
        return render(
            request,
            "requests_tracker/request_detail.html#thread",
            context,
            status=400 if form.errors else 200,
        )
    if form.errors:
        return render(request, "requests_tracker/request_detail.html", context, status=400)
    return redirect(f"{reverse('request_detail', args=[filed.pk])}#messages")


@login_required
@require_POST
def requirement_respond(request, pk, requirement_pk):
    filed = request_for_user_or_404(request.user, pk)
    requirement = get_object_or_404(filed.requirements, pk=requirement_pk)
    form = RequirementAnswerForm(request.POST, request.FILES)
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
    context = {**_detail_context(request, filed), "answer_form": form, "answering": requirement.pk}
    return render(request, "requests_tracker/request_detail.html", context, status=400)


# --- The notification centre ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request):
    if request.method == "POST":
        pk = request.POST.get("notification")
        notifications_mark_read(user=request.user, pks=[pk] if pk else None)
        return redirect("notifications")
    notices = Notification.objects.filter(recipient=request.user).select_related("request")[:100]
    return render(request, "requests_tracker/notifications.html", {"notices": notices})
