"""The portal's URLs and, for the benchmark alone, the ceiling: the least a Django view can do."""

from django.http import HttpResponse
from django.urls import path

from najiz.urls import urlpatterns as portal


def ceiling(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling), *portal]
