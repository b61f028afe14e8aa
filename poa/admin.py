from django.contrib import admin

from requests_tracker.admin import RequestQueueMixin

from .models import Clause, PoaQueue, PoaType


@admin.register(PoaQueue)
class PoaQueueAdmin(RequestQueueMixin, admin.ModelAdmin):
    """The notaries' queue: business representatives' POAs, checked against the company's register
    before they are issued. The case file shows the principals, agents and clauses as answered."""

    services = ("poa",)

    def get_queryset(self, request):
        # Only the POAs a notary checks: the others are issued on the principals' codes alone.
        return super().get_queryset(request).filter(poa__poa_type=PoaType.BUSINESS)


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ("text_ar", "text_en", "group", "money", "active")
    list_filter = ("group", "money", "active")
    search_fields = ("text_ar", "text_en", "code")
