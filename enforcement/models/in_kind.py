"""Personal-status execution (Enforcement Law, Articles 73, 74 and 92): custody, visitation and the
delivery of a child are executed in kind, as the judge sets; maintenance is money deducted monthly.

Custody, visitation and delivery carry no amount, no bill and no Article 46 measure: the judge sets
where (and, for visitation, when) the child is handed over, the clerk records each handover or
refusal, and a refusal may bring police assistance and imprisonment (Article 92).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from requests_tracker.models import Party

from . import Dispatch, ExecutionRequest, LegalBasis, Payment

__all__ = ["Imprisonment", "InKindEvent", "InKindOrder", "MaintenanceInstalment"]


class InKindOrder(models.Model):
    """How the enforcement judge set the execution in kind: the place of the handover and, for
    visitation, its days and hours. The schedule is the judge's own words, not a weekday and a time:
    judgments set alternate weekends, the Eid holidays and school terms, which no pair of fields holds."""

    execution = models.OneToOneField(
        ExecutionRequest, on_delete=models.CASCADE, primary_key=True, related_name="in_kind_order"
    )
    place = models.CharField(
        _("place of the handover"),
        max_length=300,
        help_text=_("Where the child is handed over or the visit takes place."),
    )
    schedule = models.TextField(
        _("days and hours"),
        blank=True,
        help_text=_(
            "For visitation: the days and hours of each visit. For custody or delivery: when, if set."
        ),
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(_("set at"))
    police_ordered_at = models.DateTimeField(_("police assistance ordered"), null=True, blank=True)
    police_ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("execution in kind")
        verbose_name_plural = _("executions in kind")

    def __str__(self) -> str:
        return self.place

    @property
    def police_ordered(self) -> bool:
        return self.police_ordered_at is not None


class InKindEvent(models.Model):
    """One handover, or one refusal, as the clerk or the judge recorded it."""

    class Kind(models.TextChoices):
        EXECUTED = "executed", _("Executed")
        REFUSED = "refused", _("Refused")
        CHILD_HIDDEN = "child_hidden", _("Child hidden")

    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="in_kind_events")
    kind = models.CharField(_("what happened"), max_length=16, choices=Kind.choices)
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("execution or refusal")
        verbose_name_plural = _("executions and refusals")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def refusal(self) -> bool:
        return self.kind in REFUSALS


REFUSALS = frozenset({InKindEvent.Kind.REFUSED, InKindEvent.Kind.CHILD_HIDDEN})


class Imprisonment(models.Model):
    """Imprisonment of the one who refused to execute (Article 92): one to three months, ordered by
    the judge for a recorded refusal, and sent to the police."""

    MOST_MONTHS = 3

    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="imprisonments")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+", verbose_name=_("debtor"))
    refusal = models.OneToOneField(
        InKindEvent, on_delete=models.PROTECT, related_name="imprisonment", verbose_name=_("refusal")
    )
    months = models.PositiveSmallIntegerField(_("months"))
    legal_basis = models.CharField(
        _("legal basis"), max_length=8, choices=LegalBasis.choices, default=LegalBasis.ARTICLE_92
    )
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ordered_at = models.DateTimeField(_("ordered at"))
    dispatch = models.ForeignKey(Dispatch, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("imprisonment")
        verbose_name_plural = _("imprisonments")
        ordering = ["ordered_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(months__gte=1, months__lte=3), name="imprisonment_one_to_three_months"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.months})"


class MaintenanceInstalment(models.Model):
    """One month of maintenance (نفقة), deducted on its day from the debtor's account into the
    applicant's IBAN by a bank order."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        DEDUCTED = "deducted", _("Deducted")
        FAILED = "failed", _("Not deducted")

    execution = models.ForeignKey(ExecutionRequest, on_delete=models.CASCADE, related_name="instalments")
    number = models.PositiveSmallIntegerField(_("instalment"))
    due_on = models.DateField(_("due on"))
    amount = models.DecimalField(_("amount (SAR)"), max_digits=12, decimal_places=2)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SCHEDULED)
    bank_reference = models.CharField(_("bank order reference"), max_length=40, blank=True)
    failure_reason = models.CharField(_("why it was not deducted"), max_length=300, blank=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="instalment"
    )

    class Meta:
        verbose_name = _("maintenance instalment")
        verbose_name_plural = _("maintenance instalments")
        ordering = ["execution", "number"]
        constraints = [
            models.UniqueConstraint(fields=["execution", "number"], name="instalment_number_once"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="instalment_amount_positive"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="instalment_number_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.execution} #{self.number}"
