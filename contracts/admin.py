from django.contrib import admin

from requests_tracker.admin import RequestQueueMixin

from .models import CertifiedCopy, CertifiedCopyQueue


class CertifiedCopyInline(admin.StackedInline):
    model = CertifiedCopy
    can_delete = False
    fields = readonly_fields = (
        "source",
        "source_number",
        "purpose",
        "delivery",
    )

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CertifiedCopyQueue)
class CertifiedCopyQueueAdmin(RequestQueueMixin, admin.ModelAdmin):
    services = ("certified_copy",)
    inlines = (CertifiedCopyInline, *RequestQueueMixin.inlines)
