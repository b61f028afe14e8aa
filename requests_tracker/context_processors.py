from django.urls import reverse

from identity.roles import roles_of

from .notifications import unread_count
from .registry import nav_links


def notifications(request):
    """The unread count for the bell in the header, from the shared cache after the first page, and
    the pages the domains add to the header for this person."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = roles_of(user)
    links = [
        {"label": link.label, "url": reverse(link.url_name)}
        for link in nav_links
        if not link.roles or link.roles & roles
    ]
    return {"unread_notifications": unread_count(user), "domain_links": links}
