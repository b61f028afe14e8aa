from django.urls import path

from . import motion_views, views

app_name = "enforcement"

urlpatterns = [
    path("inquiry/", views.inquiry, name="inquiry"),
    path("<int:pk>/pay/", views.pay, name="pay"),
    path("<int:pk>/disclose/", views.disclose, name="disclose"),
    path("<int:pk>/close/<slug:how>/", views.close, name="close"),
    path("<int:pk>/motions/<slug:kind>/", motion_views.motion_new, name="motion_new"),
    path("from/<int:pk>/<str:number>/", views.from_instrument, name="from_instrument"),
]
