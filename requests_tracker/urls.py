from django.urls import path

from . import views

app_name = "requests_tracker"

urlpatterns = [
    path("<int:request_pk>/documents/<int:document_pk>/", views.document_download, name="document_download"),
]
