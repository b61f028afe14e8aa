import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enforcement.validators import validate_iban
from requests_tracker.models import IssuedDocument, Request


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


# --- Notarization (DOMAIN.md, "Notarization and family") ---------------------------------------------


class TitleDeed(models.Model):
    """A real-estate title deed of the registry: which property, whose. Each deed is an issued
    document of the core registry (its number, status and PDF, verifiable by anyone); a transfer
    marks the seller's deed transferred and issues the buyer a new one."""

    document = models.OneToOneField(
        IssuedDocument, on_delete=models.PROTECT, related_name="title_deed", verbose_name=_("document")
    )
    owner_id = models.CharField(_("owner's ID"), max_length=10, db_index=True)
    owner_name = models.CharField(_("owner's name"), max_length=200)
    city = models.CharField(_("city"), max_length=60)
    district = models.CharField(_("district"), max_length=100)
    plot_number = models.CharField(_("plot number"), max_length=30)
    area = models.DecimalField(_("area (m²)"), max_digits=10, decimal_places=2)
    mortgagee = models.CharField(
        _("mortgaged to"),
        max_length=200,
        blank=True,
        help_text=_("The bank or lender holding a mortgage on the property; blank when it is free."),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous deed"),
    )

    class Meta:
        verbose_name = _("title deed")
        verbose_name_plural = _("title deeds")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.document.number


class PropertyTransfer(models.Model):
    """A sale of a property and its transfer (إفراغ): the seller's deed, the price, and the bank
    transfer from the buyer, held until released to the seller 24 hours after the transfer."""

    class Payment(models.TextChoices):
        AWAITED = "awaited", _("Awaiting the buyer's acceptance")
        HELD = "held", _("Paid by the buyer, held by the bank")
        RELEASED = "released", _("Released to the seller")
        REFUNDED = "refunded", _("Refunded to the buyer")

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, primary_key=True, related_name="property_transfer"
    )
    deed = models.ForeignKey(
        TitleDeed, on_delete=models.PROTECT, related_name="+", verbose_name=_("title deed")
    )
    price = models.DecimalField(_("price (SAR)"), max_digits=14, decimal_places=2)
    seller_iban = models.CharField(_("seller's IBAN"), max_length=34, validators=[validate_iban])
    payment = models.CharField(_("payment"), max_length=10, choices=Payment.choices, default=Payment.AWAITED)
    paid_at = models.DateTimeField(_("paid by the buyer"), null=True, blank=True)
    released_at = models.DateTimeField(_("released to the seller"), null=True, blank=True)
    new_deed = models.OneToOneField(
        TitleDeed,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new deed"),
    )

    class Meta:
        verbose_name = _("property transfer")
        verbose_name_plural = _("property transfers")
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="transfer_price_positive")
        ]

    def __str__(self) -> str:
        return self.request.reference


class MarriageContract(models.Model):
    """A marriage contract: the husband files; the wife, her guardian and two witnesses accept with
    their codes; the chosen ma'zoun approves it and the marriage deed is issued."""

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, primary_key=True, related_name="marriage_contract"
    )
    mazoun = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ma'zoun")
    )
    dowry_advanced = models.DecimalField(_("advanced dowry (SAR)"), max_digits=12, decimal_places=2)
    dowry_deferred = models.DecimalField(
        _("deferred dowry (SAR)"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    conditions = models.TextField(
        _("conditions"), blank=True, help_text=_("Conditions agreed in the contract, if any.")
    )

    class Meta:
        verbose_name = _("marriage contract")
        verbose_name_plural = _("marriage contracts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dowry_advanced__gte=0, dowry_deferred__gte=0), name="dowry_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.request.reference


class DivorceDeed(models.Model):
    """A divorce registered by a court or a ma'zoun: the request that carries it (both spouses see
    it under My requests) and what was registered."""

    class Kind(models.TextChoices):
        REVOCABLE = "revocable", _("Revocable divorce")
        IRREVOCABLE = "irrevocable", _("Irrevocable divorce")
        KHULA = "khula", _("Khula (at the wife's request)")
        DISSOLUTION = "dissolution", _("Dissolution by the court")

    class Issuer(models.TextChoices):
        COURT = "court", _("Court")
        MAZOUN = "mazoun", _("Ma'zoun")

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, primary_key=True, related_name="divorce_deed"
    )
    kind = models.CharField(_("kind of divorce"), max_length=12, choices=Kind.choices)
    divorced_on = models.DateField(_("date of the divorce"))
    marriage_deed_number = models.CharField(_("marriage deed number"), max_length=20, blank=True)
    issuer = models.CharField(_("registered by"), max_length=10, choices=Issuer.choices)
    issuer_name = models.CharField(
        _("court or ma'zoun"), max_length=200, help_text=_("The court's name, or the ma'zoun's.")
    )
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("divorce deed")
        verbose_name_plural = _("divorce deeds")

    def __str__(self) -> str:
        return self.request.reference


class Acknowledgment(models.Model):
    """An acknowledgment (إقرار) by the applicant in favour of the other party: of a debt, of a
    waiver of what is owed to him, or of a repayment received. A notarized debt acknowledgment is an
    executive instrument."""

    class Kind(models.TextChoices):
        DEBT = "debt", _("Acknowledgment of a debt")
        WAIVER = "waiver", _("Waiver")
        REPAYMENT = "repayment", _("Acknowledgment of repayment")

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, primary_key=True, related_name="acknowledgment"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount (SAR)"), max_digits=14, decimal_places=2)
    subject = models.TextField(
        _("what it is for"), help_text=_("The loan, sale or other dealing it concerns.")
    )
    due_on = models.DateField(
        _("payable on"), null=True, blank=True, help_text=_("For a debt: when it is due.")
    )

    class Meta:
        verbose_name = _("acknowledgment")
        verbose_name_plural = _("acknowledgments")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="acknowledgment_amount_positive")
        ]

    def __str__(self) -> str:
        return self.request.reference


class CustodyAgreement(models.Model):
    """An agreed custody, notarized: the custodian files; the father and two witnesses accept with
    their codes; the notary approves it."""

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, primary_key=True, related_name="custody_agreement"
    )
    children = models.JSONField(
        _("children"), default=list, help_text=_("Name, ID, birth date of each child.")
    )
    reason = models.TextField(
        _("reason"), help_text=_("Why the custody is agreed so (a divorce, a journey …).")
    )
    visitation = models.TextField(
        _("visits"), blank=True, help_text=_("When and where the other parent sees the children.")
    )

    class Meta:
        verbose_name = _("custody agreement")
        verbose_name_plural = _("custody agreements")

    def __str__(self) -> str:
        return self.request.reference


class NotaryQueue(Request):
    """The notaries' queue: property transfers, acknowledgments and custody agreements."""

    class Meta:
        proxy = True
        verbose_name = _("notarization (notary)")
        verbose_name_plural = _("notarizations (notary)")


class MazounQueue(Request):
    """The ma'zouns' queue of marriage contracts."""

    class Meta:
        proxy = True
        verbose_name = _("marriage contract (ma'zoun)")
        verbose_name_plural = _("marriage contracts (ma'zoun)")
