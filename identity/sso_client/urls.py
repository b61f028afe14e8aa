from django.urls import path

from . import views

urlpatterns = [
    path("national_sso/login/", views.login, name="national_sso_login"),
    path("national_sso/login/callback/", views.callback, name="national_sso_callback"),
]
