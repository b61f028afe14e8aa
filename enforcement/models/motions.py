from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests_tracker.models import Party, Request


class Motion(models.Model):
    """A motion (طلب) on an enforcement request: a party asks the enforcement judge for something the
    execution order did not settle (a grace period, a garnishment of wages, a new amount), and the
    judge grants or refuses it once."""

    class Kind(models.TextChoices):
        AMEND_AMOUNT = "amend_amount", _("Amend the amount")
        WAGE_GARNISHMENT = "wage_garnishment", _("Garnishment of the debtor's wages")
        SADAD_BILL = "sadad_bill", _("A SADAD bill for the debtor")
        GRACE = "grace", _("Grace period")
        REACTIVATION = "reactivation", _("Reactivation after the grace period")

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting the judge")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="motions", verbose_name=_("enforcement request")
    )
    kind = models.CharField(_("motion"), max_length=20, choices=Kind.choices)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("filed by")
    )
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    debtor = models.ForeignKey(
        Party,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("debtor"),
        help_text=_("The debtor the motion concerns (grace, garnishment, bill)."),
    )
    new_amount = models.DecimalField(
        _("new amount (SAR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    employer = models.CharField(
        _("employer"), max_length=200, blank=True, help_text=_("Who pays the debtor's wages.")
    )
    days = models.PositiveSmallIntegerField(_("days of grace"), null=True, blank=True)
    reason = models.TextField(_("reason"), help_text=_("What the filer gives the judge as grounds."))
    # The bill issued when a SADAD-bill motion is granted: what the debtor was sent.
    bill_number = models.CharField(_("bill number issued"), max_length=20, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(
        _("the judge's note"), blank=True, help_text=_("Read by both sides with the decision.")
    )

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["-filed_at", "-pk"]
        indexes = [models.Index(fields=["request", "kind", "filed_at"], name="motion_by_request_kind")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(new_amount__isnull=True) | models.Q(new_amount__gt=0),
                name="motion_new_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(days__isnull=True) | models.Q(days__gte=1), name="motion_days_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(state="pending", decided_at__isnull=True)
                | (~models.Q(state="pending") & models.Q(decided_at__isnull=False)),
                name="motion_decided_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request.reference}: {self.get_kind_display()}"
