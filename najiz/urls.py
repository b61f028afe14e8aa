from django.contrib import admin
from django.urls import include, path

from requests_tracker.views import catalogue

from . import views

urlpatterns = [
    path("", catalogue, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("requests/", include("requests_tracker.urls")),
    path("admin/", admin.site.urls),
]
