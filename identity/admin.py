from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("national_id",)
    list_display = ("national_id", "name_ar", "name_en", "phone", "is_staff", "is_active")
    list_filter = ("is_staff", "is_active", "groups")
    search_fields = ("national_id", "name_ar", "name_en", "phone", "email")
    fieldsets = (
        (None, {"fields": ("national_id", "password")}),
        (_("Person"), {"fields": ("name_ar", "name_en", "phone", "email", "language")}),
        (_("Roles"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("national_id", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")
