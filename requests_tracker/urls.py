from django.urls import path

from . import views, wizard

urlpatterns = [
    path("requests/", views.my_requests, name="my_requests"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/file/<slug:step>/", wizard.wizard_step, name="wizard_step"),
    path("requests/<int:pk>/confirm/", wizard.request_confirm, name="request_confirm"),
    path("requests/<int:pk>/submitted/", wizard.request_submitted, name="request_submitted"),
    path("requests/<int:pk>/delete/", wizard.request_delete, name="request_delete"),
    path("requests/<int:pk>/cancel/", wizard.request_cancel, name="request_cancel"),
    path("requests/<int:pk>/answer/", views.consent_answer, name="consent_answer"),
    path("requests/<int:pk>/messages/", views.message_send, name="message_send"),
    path(
        "requests/<int:pk>/requirements/<int:requirement_pk>/",
        views.requirement_respond,
        name="requirement_respond",
    ),
    path(
        "requests/<int:request_pk>/documents/<int:document_pk>/",
        views.document_download,
        name="document_download",
    ),
    path(
        "requests/<int:request_pk>/issued/<str:number>.pdf",
        views.issued_document_download,
        name="issued_document_download",
    ),
    path("services/<slug:code>/", wizard.service_start, name="service_start"),
    path("verify/", views.verify, name="verify"),
    path("notifications/", views.notification_list, name="notifications"),
    path("session/stay/", views.session_stay, name="session_stay"),
]
