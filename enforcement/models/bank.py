from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import validate_iban


class BankAccount(models.Model):
    """An account as the mock banks' registry holds it (``enforcement.bank.MockBankRegistry``):
    whose ID it is under, and what it holds. A real deployment asks the banks instead."""

    national_id = models.CharField(
        _("holder's national ID"),
        max_length=10,
        db_index=True,
        help_text=_("The ID the bank holds it under."),
    )
    iban = models.CharField(_("IBAN"), max_length=34, unique=True, validators=[validate_iban])
    bank_name = models.CharField(_("bank"), max_length=100)
    balance = models.DecimalField(_("balance (SAR)"), max_digits=14, decimal_places=2, default=Decimal("0"))
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("A closed account is kept, but nothing is paid into or out of it."),
    )

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(balance__gte=0), name="bank_account_balance_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bank_name} {self.iban}"
