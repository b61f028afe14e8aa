from django.urls import path

from . import views

app_name = "poa"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("clients/", views.clients, name="clients"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/replicate/", views.replicate, name="replicate"),
]
