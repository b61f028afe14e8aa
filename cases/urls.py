from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("sessions/", views.sessions, name="sessions"),
    path("inquiry/", views.inquiry, name="inquiry"),
    path("<int:pk>/hearings/<int:hearing_pk>/attend/", views.remote_attendance, name="remote_attendance"),
    path("<int:pk>/memos/", views.memo, name="memo"),
    path("<int:pk>/representatives/", views.representative, name="representative"),
    path("<int:pk>/objection/", views.objection, name="objection"),
    path("<int:pk>/enforce/", views.enforce, name="enforce"),
    path("<int:pk>/threads/<int:with_pk>/", views.client_message, name="client_message"),
]
