from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .registry import ServiceGroup, service_registry
from .selectors import document_for_user_or_404


@require_GET
def catalogue(request):
    """The service catalogue, grouped; open to everyone, signed in or not."""
    services = service_registry.all()
    groups = [(group, [service for service in services if service.group == group]) for group in ServiceGroup]
    return render(request, "requests_tracker/catalogue.html", {"groups": groups})


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
