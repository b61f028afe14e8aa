from .notifications import unread_count


def notifications(request):
    """The unread count for the bell in the header, from the shared cache after the first page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
