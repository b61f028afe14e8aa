from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path(".well-known/openid-configuration", views.discovery, name="discovery"),
    path("jwks.json", views.jwks_view, name="jwks"),
    path("authorize", views.authorize, name="authorize"),
    path("signin/", views.credentials, name="credentials"),
    path("signin/code/", views.code, name="code"),
    path("signin/code/resend/", views.resend, name="resend"),
    path("signin/nafath/", views.nafath, name="nafath"),
    path("signin/nafath/wait/", views.nafath_wait, name="nafath_wait"),
    path("app/<str:token>/", views.nafath_app, name="nafath_app"),
]
