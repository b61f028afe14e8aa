"""Reads of citizens' requests, every one through the access rule of DESIGN §3."""

from collections.abc import Callable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Document, Party, Request, Status

AccessProvider = Callable[..., Q]
_access_providers: list[AccessProvider] = []


def add_access_provider(provider: AccessProvider) -> AccessProvider:
    """Let a domain widen access (a lawyer under a valid POA): ``provider(user)`` returns a Q on Request."""
    if provider not in _access_providers:
        _access_providers.append(provider)
    return provider


def requests_for_user(user) -> QuerySet[Request]:
    """Every request ``user`` may open: filed by them, filed for them, naming them as a party,
    or (through the domains' providers) acted on for a client. Drafts only for who wrote them."""
    if not user.is_authenticated:
        return Request.objects.none()
    involved = Q(represented=user) | Exists(Party.objects.filter(request=OuterRef("pk"), user=user))
    for provider in _access_providers:
        involved |= provider(user)
    return Request.objects.filter(Q(applicant=user) | (involved & ~Q(status=Status.DRAFT)))


def request_for_user_or_404(user, pk) -> Request:
    return get_object_or_404(requests_for_user(user), pk=pk)


def on_applicant_side(request: Request, user) -> bool:
    """The person who filed, or the person filed for: the side the message thread belongs to."""
    return user.pk in {request.applicant_id, request.represented_id}


def document_for_user_or_404(user, *, request_pk, document_pk) -> Document:
    """A document of a request the user may open; attachments of the message thread only for the
    applicant's side, to whom the thread belongs (another party never reads it)."""
    request = request_for_user_or_404(user, request_pk)
    documents = Document.objects.filter(request=request)
    if not on_applicant_side(request, user):
        documents = documents.filter(message__isnull=True)
    return get_object_or_404(documents, pk=document_pk)
