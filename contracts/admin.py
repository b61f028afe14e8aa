from django.contrib import admin

from requests_tracker.admin import RequestQueueMixin

from .models import CertifiedCopyQueue, MazounQueue, NotaryQueue


@admin.register(CertifiedCopyQueue)
class CertifiedCopyQueueAdmin(RequestQueueMixin, admin.ModelAdmin):
    """The notaries' queue of certified copies; the case file shows the copy's details as answered."""

    services = ("certified_copy",)


@admin.register(NotaryQueue)
class NotaryQueueAdmin(RequestQueueMixin, admin.ModelAdmin):
    """The notaries' queue: property transfers, acknowledgments and custody agreements, once every
    party has accepted with their code."""

    services = ("property_transfer", "acknowledgment", "custody_agreement")


@admin.register(MazounQueue)
class MazounQueueAdmin(RequestQueueMixin, admin.ModelAdmin):
    """The ma'zouns' queue of marriage contracts, each assigned to the ma'zoun its husband chose."""

    services = ("marriage_contract",)
