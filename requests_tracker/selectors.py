"""Reads of the shared request with filters; every one starts from the access module's answer."""

from django.db.models import QuerySet

from .access import visible_request_ids
from .models import Request


def request_list(*, user, filters: dict | None = None, order_by: str = "-updated_at") -> QuerySet[Request]:
    """The requests ``user`` may open, narrowed by My requests' filters (reference, service, status,
    created since and until)."""
    queryset = Request.objects.filter(pk__in=visible_request_ids(user))
    filters = filters or {}
    if filters.get("q"):
        queryset = queryset.filter(reference__icontains=filters["q"].strip())
    if filters.get("service"):
        queryset = queryset.filter(service=filters["service"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("since"):
        queryset = queryset.filter(created_at__date__gte=filters["since"])
    if filters.get("until"):
        queryset = queryset.filter(created_at__date__lte=filters["until"])
    return queryset.order_by(order_by, "-pk")
