from django.urls import path

from . import views

urlpatterns = [
    path("terms/", views.terms, name="terms"),
    path("profile/", views.profile, name="profile"),
    path("dev/outbox/", views.dev_outbox, name="dev_outbox"),
]
