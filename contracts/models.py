import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from requests_tracker.models import Request


def _verification_code() -> str:
    """The default of a field migration 0001 created and 0002 removed; migrations still import it."""
    return secrets.token_hex(6).upper()


class CertifiedCopy(models.Model):
    """A request for a certified copy of a deed or a judgment: the answers. The copy itself, once
    issued, is an ``IssuedDocument`` of the core registry."""

    class Source(models.TextChoices):
        DEED = "deed", _("Deed")
        JUDGMENT = "judgment", _("Judgment")

    class Delivery(models.TextChoices):
        DOWNLOAD = "download", _("Download from the portal")
        IN_PERSON = "in_person", _("Collect in person at the court")

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, primary_key=True, related_name="certified_copy"
    )
    source = models.CharField(_("document type"), max_length=10, choices=Source.choices)
    source_number = models.CharField(
        _("deed or judgment number"), max_length=30, help_text=_("As printed on the document.")
    )
    purpose = models.CharField(_("purpose"), max_length=300, help_text=_("Why the certified copy is needed."))
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("certified copy")
        verbose_name_plural = _("certified copies")

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.source_number}"


class CertifiedCopyQueue(Request):
    """The clerks' queue of certified-copy requests in the admin."""

    class Meta:
        proxy = True
        verbose_name = _("certified-copy request")
        verbose_name_plural = _("certified-copy requests")
