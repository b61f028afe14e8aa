from django.contrib import admin

from requests_tracker.admin import RequestQueueMixin

from .models import CertifiedCopyQueue


@admin.register(CertifiedCopyQueue)
class CertifiedCopyQueueAdmin(RequestQueueMixin, admin.ModelAdmin):
    """The notaries' queue of certified copies; the case file shows the copy's details as answered."""

    services = ("certified_copy",)
