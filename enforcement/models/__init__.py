from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from requests_tracker.models import IssuedDocument, Party, Request

from ..validators import validate_iban


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


class PersonalStatusKind(models.TextChoices):
    """What a personal-status execution is for (Articles 73 to 74, 92): all but maintenance in kind."""

    CUSTODY = "custody", _("Custody")
    VISITATION = "visitation", _("Visitation")
    CHILD_DELIVERY = "child_delivery", _("Delivery of a child")
    MAINTENANCE = "maintenance", _("Maintenance (nafaqa)")


IN_KIND = frozenset(
    {PersonalStatusKind.CUSTODY, PersonalStatusKind.VISITATION, PersonalStatusKind.CHILD_DELIVERY}
)


class ClosingReason(models.TextChoices):
    PAID = "paid", _("Paid in full")
    SETTLED = "settled", _("Settlement confirmed by the creditor")
    WITHDRAWN = "withdrawn", _("Withdrawn by the creditor")
    IN_KIND = "in_kind", _("Executed in kind")


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
    personal_status_kind = models.CharField(
        _("personal-status matter"), max_length=16, choices=PersonalStatusKind.choices, blank=True
    )
    # Maintenance is executed by monthly deductions of this amount; ``amount`` is their total.
    monthly_amount = models.DecimalField(
        _("monthly maintenance (SAR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # None for execution in kind (custody, visitation, delivery of a child): no amount, no bill.
    amount = models.DecimalField(_("amount (SAR)"), max_digits=14, decimal_places=2, null=True, blank=True)
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
    bill_number = models.CharField(_("payment bill number"), max_length=20, blank=True)
    # Publication costs, added to the debt (Article 34).
    costs = models.DecimalField(_("costs added (SAR)"), max_digits=14, decimal_places=2, default=Decimal("0"))
    paid = models.DecimalField(_("paid (SAR)"), max_digits=14, decimal_places=2, default=Decimal("0"))
    # Measures to lift by the judge's order: set on full payment, settlement or withdrawal.
    lifting_due_at = models.DateTimeField(_("lifting of the measures due"), null=True, blank=True)
    closing_reason = models.CharField(
        _("closed by"), max_length=12, choices=ClosingReason.choices, blank=True
    )

    class Meta:
        verbose_name = _("execution request")
        verbose_name_plural = _("execution requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                name="execution_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True)
                | models.Q(paid__lte=models.F("amount") + models.F("costs")),
                name="execution_paid_at_most_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.request.reference

    @property
    def in_kind(self) -> bool:
        """Executed in kind, not in money (custody, visitation): no amount, no bill, no Article 46."""
        return self.amount is None

    @property
    def due(self) -> Decimal:
        """What the debtor owes in all: the amount and the costs added to it."""
        return (self.amount or Decimal("0")) + self.costs

    @property
    def balance(self) -> Decimal:
        return self.due - self.paid


class Debtor(models.Model):
    """One debtor of an execution order, with his own notice, clock, grace and Decision 46: the law
    counts the five days from each debtor's notice, and orders measures against a person."""

    class NotifiedBy(models.TextChoices):
        SMS = "sms", _("SMS to the mobile in the national registry")
        PUBLICATION = "publication", _("Publication in a daily newspaper")

    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="debtors")
    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="execution_debtor")
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)
    notified_by = models.CharField(_("notified by"), max_length=12, choices=NotifiedBy.choices, blank=True)
    # Day 20 came with no delivery: the clerk is to record a publication.
    publication_due_at = models.DateTimeField(_("publication due"), null=True, blank=True)
    newspaper = models.CharField(_("newspaper"), max_length=120, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    publication_cost = models.DecimalField(
        _("publication cost (SAR)"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    grace_until = models.DateTimeField(_("grace period until"), null=True, blank=True)
    # Day five came with a balance and no sufficient verified assets: Decision 46 awaits the judge.
    decision_due_at = models.DateTimeField(_("Decision 46 due"), null=True, blank=True)
    decision = models.ForeignKey(
        IssuedDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("Decision 46"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("debtor")
        verbose_name_plural = _("debtors")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.party.name or self.party.id_number

    def in_grace(self, now=None) -> bool:
        from django.utils import timezone

        return self.grace_until is not None and self.grace_until > (now or timezone.now())


class Payment(models.Model):
    class Source(models.TextChoices):
        BILL = "bill", _("Payment of the bill")
        SALE = "sale", _("Proceeds of a seized asset's sale")
        BANK_ORDER = "bank_order", _("Deduction from the debtor's account")

    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="payments")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.BILL)
    amount = models.DecimalField(_("amount (SAR)"), max_digits=14, decimal_places=2)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paid_at = models.DateTimeField(_("paid at"), auto_now_add=True)
    receipt = models.CharField(_("receipt number"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_at"]

    def __str__(self) -> str:
        return self.receipt


class LegalBasis(models.TextChoices):
    """The article a measure rests on, stored as a code and named in the reader's language."""

    ARTICLE_46 = "art46", _("Enforcement Law, Article 46")
    ARTICLE_83 = "art83", _("Enforcement Law, Article 83")
    ARTICLE_92 = "art92", _("Enforcement Law, Article 92")


class Authority(models.TextChoices):
    """Where an order of the enforcement court is sent (each a mock dispatch here)."""

    PASSPORTS = "passports", _("General Directorate of Passports")
    NOTARIES = "notaries", _("Notarization (Ministry of Justice)")
    ASSET_REGISTRIES = "registries", _("Asset registries (banks, real estate, vehicles, securities)")
    COMMERCE = "commerce", _("Ministry of Commerce (licences and commercial records)")
    CREDIT_BUREAU = "credit_bureau", _("Credit bureau (SIMAH)")
    GOVERNMENT = "government", _("Government bodies")
    FINANCIAL_INSTITUTIONS = "financial", _("Financial institutions (Saudi Central Bank)")
    POLICE = "police", _("Police")
    EMPLOYER = "employer", _("The debtor's employer")


class Measure(models.Model):
    """A measure of Article 46 against one debtor: proposed in the prepared Decision 46, in force
    once the judge issues it, lifted by the judge's order."""

    class Kind(models.TextChoices):
        TRAVEL_BAN = "travel_ban", _("Travel ban")
        POA_STOP = "poa_stop", _("Stop of the issuing of powers of attorney by him")
        ASSET_DISCLOSURE = "asset_disclosure", _("Disclosure of his current and future assets")
        LICENCE_DISCLOSURE = "licence_disclosure", _("Disclosure of his licences and commercial records")
        CREDIT_BUREAU = "credit_bureau", _("Notice to the credit bureau")
        GOVERNMENT_BAR = "government_bar", _("Bar on financial dealings with government bodies")
        FINANCIAL_BAR = "financial_bar", _("Bar on dealings with financial institutions")
        FAMILY_DISCLOSURE = "family_disclosure", _("Disclosure of the assets of his spouse and children")
        IMPRISONMENT = "imprisonment", _("Imprisonment (Article 83)")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("In the decision awaiting the judge")
        APPLIED = "applied", _("In force")
        DECLINED = "declined", _("Not ordered")
        LIFTED = "lifted", _("Lifted")

    debtor = models.ForeignKey(Debtor, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("measure"), max_length=24, choices=Kind.choices)
    mandatory = models.BooleanField(_("mandatory"))
    legal_basis = models.CharField(_("legal basis"), max_length=8, choices=LegalBasis.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    applied_at = models.DateTimeField(_("in force from"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["debtor", "-mandatory", "pk"]
        constraints = [models.UniqueConstraint(fields=["debtor", "kind"], name="measure_once_per_debtor")]

    def __str__(self) -> str:
        return self.get_kind_display()


class Dispatch(models.Model):
    """An order of the enforcement court sent to the authority that carries it out (or lifts it):
    recorded with its time and the reference the authority's channel gave it."""

    class Action(models.TextChoices):
        APPLY = "apply", _("Apply")
        LIFT = "lift", _("Lift")

    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="dispatches")
    debtor = models.ForeignKey(
        Debtor, on_delete=models.CASCADE, null=True, blank=True, related_name="dispatches"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="dispatches"
    )
    authority = models.CharField(_("sent to"), max_length=16, choices=Authority.choices)
    action = models.CharField(_("order"), max_length=8, choices=Action.choices, default=Action.APPLY)
    subject = models.CharField(_("subject"), max_length=300)
    reference = models.CharField(_("reference"), max_length=24, unique=True)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return self.reference


class AssetDisclosure(models.Model):
    class Kind(models.TextChoices):
        BANK_ACCOUNT = "bank_account", _("Bank account")
        PROPERTY = "property", _("Property")
        VEHICLE = "vehicle", _("Vehicle")
        SHARES = "shares", _("Shares")

    class Verification(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REFUTED = "refuted", _("Did not check out")

    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="disclosures")
    debtor = models.ForeignKey(
        Debtor, on_delete=models.CASCADE, null=True, blank=True, related_name="disclosures"
    )
    kind = models.CharField(_("asset"), max_length=16, choices=Kind.choices)
    # What the registry knows it by: the title deed number, the IBAN, the plate, the securities account.
    identifier = models.CharField(_("registry number"), max_length=40, blank=True)
    description = models.CharField(
        _("description"), max_length=300, help_text=_("Bank and IBAN, deed number, plate …")
    )
    value = models.DecimalField(_("estimated value (SAR)"), max_digits=14, decimal_places=2)
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    disclosed_at = models.DateTimeField(auto_now_add=True)
    verification = models.CharField(
        _("verification"), max_length=10, choices=Verification.choices, default=Verification.PENDING
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_note = models.CharField(_("verification note"), max_length=300, blank=True)
    seized_at = models.DateTimeField(_("seized"), null=True, blank=True)
    seized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    sold_for = models.DecimalField(
        _("sold for (SAR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

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


from .bank import BankAccount  # noqa: E402,F401
from .in_kind import *  # noqa: E402, F403
from .motions import Motion  # noqa: E402,F401
