from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from contracts.urls import verify_urlpatterns
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
    path("sso/", include("identity.idp.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("identity.urls")),
    path("", include("requests_tracker.urls")),
    path("", include("requests_tracker.help_urls")),
    path("contracts/", include("contracts.urls")),
    path("enforcement/", include("enforcement.urls")),
    path("", include(verify_urlpatterns)),
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]
