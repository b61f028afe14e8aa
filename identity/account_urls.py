"""The portal's /accounts/: allauth's sign-in and sign-out and the national SSO's login and
callback, without allauth's "3rdparty" pages, which list, connect and disconnect identities of an
account. One national ID is one account (DESIGN §2.4): there is nothing to connect."""

from allauth.urls import build_provider_urlpatterns
from django.urls import include, path

urlpatterns = [
    path("", include("allauth.account.urls")),
    *build_provider_urlpatterns(),
]
