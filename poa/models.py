from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from requests_tracker.models import IssuedDocument, Party, Request


class PoaType(models.TextChoices):
    GENERAL = "general", _("General")
    SPECIAL = "special", _("Special")
    JUDICIAL = "judicial", _("Judicial (to a licensed lawyer)")
    BUSINESS = "business", _("Business representative (for a company)")


class ClauseGroup(models.TextChoices):
    LITIGATION = "litigation", _("Litigation")
    REAL_ESTATE = "real_estate", _("Real estate")
    BANKING = "banking", _("Banking")
    GOVERNMENT = "government", _("Government services")
    FAMILY = "family", _("Family")
    COMPANIES = "companies", _("Companies")


class Clause(models.Model):
    """One power an agent may be given, from the ministry's list (seeded by migration)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    group = models.CharField(_("group"), max_length=20, choices=ClauseGroup.choices)
    text_ar = models.TextField(_("text (Arabic)"))
    text_en = models.TextField(_("text (English)"))
    services = models.JSONField(
        _("services"),
        default=list,
        blank=True,
        help_text=_("The portal services on which the clause lets an agent file and act for the principal."),
    )
    money = models.BooleanField(
        _("over money"),
        default=False,
        help_text=_("Receiving, paying or disposing of money or property: stopped by an Article 46 measure."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("offered"), default=True, help_text=_("A clause no longer offered is not copied into new POAs.")
    )

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return self.text_en if (get_language() or "ar").startswith("en") else self.text_ar


class PowerOfAttorney(models.Model):
    """An electronic power of attorney: the request that issues it, and once issued its document."""

    request = models.OneToOneField(Request, on_delete=models.CASCADE, primary_key=True, related_name="poa")
    poa_type = models.CharField(_("type"), max_length=12, choices=PoaType.choices)
    clauses = models.ManyToManyField(Clause, verbose_name=_("clauses"), related_name="+")
    may_delegate = models.BooleanField(
        _("agents may delegate"), default=False, help_text=_("Whether an agent may appoint another agent.")
    )
    ends_on = models.DateField(_("valid until"))
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    commercial_register = models.CharField(_("commercial register number"), max_length=10, blank=True)
    document = models.OneToOneField(
        IssuedDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="poa"
    )

    class Meta:
        verbose_name = _("power of attorney")
        verbose_name_plural = _("powers of attorney")

    def __str__(self) -> str:
        return self.document.number if self.document_id else self.request.reference


class AgentEnd(models.Model):
    """An agent whose authority ended before the POA did: revoked by a principal, or withdrawn."""

    class Kind(models.TextChoices):
        REVOKED = "revoked", _("Revoked by a principal")
        WITHDRAWN = "withdrawn", _("Withdrawn by the agent")

    poa = models.ForeignKey(PowerOfAttorney, on_delete=models.CASCADE, related_name="agent_ends")
    party = models.OneToOneField(Party, on_delete=models.CASCADE, related_name="poa_end")
    kind = models.CharField(_("how"), max_length=10, choices=Kind.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    certificate = models.ForeignKey(
        IssuedDocument, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("agent's end")
        verbose_name_plural = _("agents' ends")

    def __str__(self) -> str:
        return f"{self.party_id} {self.kind}"


class PoaQueue(Request):
    class Meta:
        proxy = True
        verbose_name = _("power of attorney (notary)")
        verbose_name_plural = _("powers of attorney (notary)")
