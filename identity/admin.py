from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import LawyerLicence, Person, TermsAcceptance, User


class LawyerLicenceInline(admin.StackedInline):
    model = LawyerLicence
    extra = 0
    max_num = 1


class TermsAcceptanceInline(admin.TabularInline):
    model = TermsAcceptance
    extra = 0
    can_delete = False
    fields = readonly_fields = ("version", "accepted_at")

    def has_add_permission(self, request, obj=None):
        return False


class StaffProvisionForm(forms.ModelForm):
    """A person is added by national ID; they sign in through the national SSO, never with a password here."""

    class Meta:
        model = User
        fields = ("national_id", "name_ar", "name_en")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("national_id",)
    list_display = ("national_id", "name_ar", "name_en", "phone", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "groups")
    search_fields = ("national_id", "name_ar", "name_en", "phone", "email")
    fieldsets = (
        (None, {"fields": ("national_id",)}),
        (_("Person"), {"fields": ("name_ar", "name_en", "phone", "email", "language")}),
        (_("Roles"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_form = StaffProvisionForm
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("national_id", "name_ar", "name_en")}),)
    readonly_fields = ("last_login", "date_joined")
    inlines = (LawyerLicenceInline, TermsAcceptanceInline)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """The mock national SSO's registry, for demonstrations (a real SSO keeps its own)."""

    list_display = ("national_id", "name_ar", "name_en", "phone", "phone_verified", "is_active")
    list_filter = ("is_active", "phone_verified", "id_type")
    search_fields = ("national_id", "name_ar", "name_en", "phone")
    exclude = ("password",)
