from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("inquiry/", views.inquiry, name="inquiry"),
    path("<int:pk>/pay/", views.pay, name="pay"),
    path("<int:pk>/disclose/", views.disclose, name="disclose"),
    path("from/<int:pk>/<str:number>/", views.from_instrument, name="from_instrument"),
]
