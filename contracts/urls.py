from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("certified-copy/<int:pk>.pdf", views.certified_copy_pdf_view, name="certified_copy_pdf"),
]

# Mounted at the site's root, outside the "contracts" namespace, so that the printed QR code
# points at a short public address: path("", include(verify_urlpatterns)) names it "verify".
verify_urlpatterns = [
    path("verify/", views.verify, name="verify"),
]
