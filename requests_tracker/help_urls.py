from django.urls import path

from .help_views import help_index, help_topic

urlpatterns = [
    path("help/", help_index, name="help"),
    path("help/<slug:slug>/", help_topic, name="help_topic"),
]
