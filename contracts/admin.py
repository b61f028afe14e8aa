from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from identity.roles import Role, roles_of
from requests_tracker.admin import RequestQueueMixin

from .forms.marriage import DivorceRegisterForm
from .models import CertifiedCopyQueue, DivorceDeed, MazounQueue, NotaryQueue
from .services.marriage import DIVORCE_DEED_KIND, divorce_register, may_register_divorce


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


@admin.register(DivorceDeed)
class DivorceDeedAdmin(admin.ModelAdmin):
    """Divorces registered by a court or a ma'zoun: the add form registers one through
    ``divorce_register`` (which issues the deed and tells both spouses); a registered divorce is read,
    never edited. A supervisor sees them all; a judge or a ma'zoun those they registered."""

    form = DivorceRegisterForm
    list_display = ("__str__", "kind", "divorced_on", "issuer", "issuer_name", "deed_number")
    list_filter = ("kind", "issuer")
    search_fields = ("request__reference", "issuer_name", "marriage_deed_number")
    list_select_related = ("request",)
    readonly_fields = (
        "request",
        "kind",
        "divorced_on",
        "marriage_deed_number",
        "issuer",
        "issuer_name",
        "registered_by",
    )

    @admin.display(description=_("deed number"))
    def deed_number(self, obj) -> str:
        document = obj.request.issued_documents.filter(kind=DIVORCE_DEED_KIND).first()
        return document.number if document else "—"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if Role.SUPERVISOR in roles_of(request.user):
            return queryset
        return queryset.filter(registered_by=request.user)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:  # a registered divorce is only read
            return super().get_form(request, obj, change=change, form=forms.ModelForm, **kwargs)
        form = super().get_form(request, obj, change=change, **kwargs)
        # The form says at once what the service would refuse this registrar.
        return type(form.__name__, (form,), {"actor": request.user})

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return [(None, {"fields": self.readonly_fields})]
        return [(None, {"fields": DivorceRegisterForm.field_order})]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and may_register_divorce(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        deed = divorce_register(
            actor=request.user,
            husband_id=data["husband_id"],
            wife_id=data["wife_id"],
            kind=data["kind"],
            divorced_on=data["divorced_on"],
            issuer=data["issuer"],
            issuer_name=data["issuer_name"],
            marriage_deed_number=data.get("marriage_deed_number", ""),
            husband_name=data.get("husband_name", ""),
            wife_name=data.get("wife_name", ""),
            wife_phone=data.get("wife_phone", ""),
        )
        # The admin's confirmation and its log entry name the registered deed.
        obj.request = deed.request
        obj.pk = deed.pk
        obj.registered_by = deed.registered_by

    def save_related(self, request, form, formsets, change):
        """Nothing else to save: the service registered everything."""
