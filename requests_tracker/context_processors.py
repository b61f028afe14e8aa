from .models import Notification


def notifications(request):
    """The unread count for the bell in the header, one cheap query on the partial index."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(recipient=user, read_at__isnull=True).count()}
