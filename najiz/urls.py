from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from identity.views import admin_login
from requests_tracker.views import catalogue

from . import views

admin.site.site_header = _("Najiz staff queues")
admin.site.site_title = _("Najiz staff")
admin.site.index_title = _("Queues")

urlpatterns = [
    path("", catalogue, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The mock national SSO exists only while it is the one in use (NATIONAL_SSO_URL empty).
    *([path("sso/", include("identity.idp.urls"))] if settings.NATIONAL_SSO_MOCK else []),
    path("accounts/", include("identity.account_urls")),
    path("", include("identity.urls")),
    path("", include("requests_tracker.urls")),
    path("", include("requests_tracker.help_urls")),
    path("enforcement/", include("enforcement.urls")),
    path("poa/", include("poa.urls")),
    path("cases/", include("cases.urls")),
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]
