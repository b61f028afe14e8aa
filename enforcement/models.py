from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from requests_tracker.models import IssuedDocument, Request

from .validators import validate_iban


class RequestType(models.TextChoices):
    FINANCIAL = "financial", _("Financial execution")
    REAL_ESTATE = "real_estate", _("Real-estate execution")
    PERSONAL_STATUS = "personal_status", _("Personal status (custody, visitation)")
    DIRECT = "direct", _("Direct execution")


class InstrumentType(models.TextChoices):
    """The executive instruments of Article 9 of the Enforcement Law."""

    COURT_JUDGMENT = "court_judgment", _("Court judgment, decision or order")
    ARBITRAL_AWARD = "arbitral_award", _("Arbitral award with an enforcement order")
    RECONCILIATION = "reconciliation", _("Reconciliation record")
    CHEQUE = "cheque", _("Cheque")
    BILL_OF_EXCHANGE = "bill_of_exchange", _("Bill of exchange")
    PROMISSORY_NOTE = "promissory_note", _("Promissory note")
    NOTARIZED = "notarized", _("Notarized contract or document")
    FOREIGN = "foreign", _("Foreign judgment, award or notarized document")
    ACKNOWLEDGED_PAPER = "acknowledged_paper", _("Ordinary paper whose content is acknowledged")
    OTHER_BY_LAW = "other_by_law", _("Other paper given enforcement force by law")


class ExecutionRequest(models.Model):
    """An enforcement request: the instrument, the amount, and its execution."""

    request = models.OneToOneField(
        Request, on_delete=models.CASCADE, primary_key=True, related_name="execution"
    )
    request_type = models.CharField(_("request type"), max_length=20, choices=RequestType.choices)
    instrument_type = models.CharField(
        _("executive instrument"), max_length=24, choices=InstrumentType.choices
    )
    instrument_number = models.CharField(_("instrument number"), max_length=40)
    instrument_date = models.DateField(_("instrument date"))
    instrument_issuer = models.CharField(
        _("issued by"), max_length=200, help_text=_("The court, body or drawer.")
    )
    instrument_in_arabic = models.BooleanField(
        _("the instrument is in Arabic"), default=True, help_text=_("Otherwise attach an Arabic translation.")
    )
    amount = models.DecimalField(_("amount (SAR)"), max_digits=14, decimal_places=2)
    title_deeds = models.CharField(
        _("title deed numbers"),
        max_length=300,
        blank=True,
        help_text=_("For real-estate execution, comma-separated."),
    )
    creditor_iban = models.CharField(
        _("creditor's IBAN"), max_length=34, blank=True, validators=[validate_iban]
    )
    order_text = models.TextField(_("execution order (Decision 34)"), blank=True)
    ordered_at = models.DateTimeField(_("order issued"), null=True, blank=True)
    notified_at = models.DateTimeField(_("debtor notified"), null=True, blank=True)
    notified_by = models.CharField(_("notified by"), max_length=20, blank=True)
    bill_number = models.CharField(_("payment bill number"), max_length=20, blank=True)
    paid = models.DecimalField(_("paid (SAR)"), max_digits=14, decimal_places=2, default=Decimal("0"))
    grace_until = models.DateTimeField(_("grace period until"), null=True, blank=True)
    article_46_at = models.DateTimeField(_("Article 46 decision"), null=True, blank=True)

    class Meta:
        verbose_name = _("execution request")
        verbose_name_plural = _("execution requests")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="execution_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(paid__lte=models.F("amount")), name="execution_paid_at_most_amount"
            ),
        ]

    def __str__(self) -> str:
        return self.request.reference

    @property
    def balance(self) -> Decimal:
        return self.amount - self.paid


class Payment(models.Model):
    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="payments")
    amount = models.DecimalField(_("amount (SAR)"), max_digits=14, decimal_places=2)
    paid_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    paid_at = models.DateTimeField(_("paid at"), auto_now_add=True)
    receipt = models.CharField(_("receipt number"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_at"]

    def __str__(self) -> str:
        return self.receipt


class Measure(models.Model):
    """A measure of Article 46 against a debtor who neither paid nor disclosed enough assets."""

    class Kind(models.TextChoices):
        TRAVEL_BAN = "travel_ban", _("Travel ban")
        POA_STOP = "poa_stop", _("Stop of the powers of attorney he issued over money")
        ASSET_DISCLOSURE = "asset_disclosure", _("Disclosure of his current and future assets")
        LICENCE_DISCLOSURE = "licence_disclosure", _("Disclosure of his licences and commercial records")
        CREDIT_BUREAU = "credit_bureau", _("Notice to the credit bureau")
        GOVERNMENT_BAR = "government_bar", _("Bar on financial dealings with government bodies")
        FINANCIAL_BAR = "financial_bar", _("Bar on dealings with financial institutions")
        FAMILY_DISCLOSURE = "family_disclosure", _("Disclosure of the assets of his spouse and children")
        IMPRISONMENT = "imprisonment", _("Imprisonment (Article 83)")

    class State(models.TextChoices):
        APPLIED = "applied", _("Applied")
        PROPOSED = "proposed", _("Awaiting the judge's decision")
        DECLINED = "declined", _("Not ordered")
        LIFTED = "lifted", _("Lifted")

    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("measure"), max_length=24, choices=Kind.choices)
    mandatory = models.BooleanField(_("mandatory"))
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["-mandatory", "pk"]
        constraints = [models.UniqueConstraint(fields=["execution", "kind"], name="measure_once_per_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class AssetDisclosure(models.Model):
    class Kind(models.TextChoices):
        BANK_ACCOUNT = "bank_account", _("Bank account")
        PROPERTY = "property", _("Property")
        VEHICLE = "vehicle", _("Vehicle")
        SHARES = "shares", _("Shares")

    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="disclosures")
    kind = models.CharField(_("asset"), max_length=16, choices=Kind.choices)
    description = models.CharField(
        _("description"), max_length=300, help_text=_("Bank and IBAN, deed number, plate …")
    )
    value = models.DecimalField(_("estimated value (SAR)"), max_digits=14, decimal_places=2)
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    disclosed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("disclosed asset")
        verbose_name_plural = _("disclosed assets")

    def __str__(self) -> str:
        return self.description


class PickedInstrument(models.Model):
    """An instrument the portal issued (a final judgment, a decree), picked to start this request:
    its instrument step is filled in from it."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, primary_key=True, related_name="+")
    document = models.ForeignKey(IssuedDocument, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.document.number


class EnforcementQueue(Request):
    class Meta:
        proxy = True
        verbose_name = _("enforcement request")
        verbose_name_plural = _("enforcement requests")
