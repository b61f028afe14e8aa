"""What an enforcement request needs from outside the wizard in tests: an account the mock banks hold
under the creditor's ID, and a debtor's nationality and national address as the law lists them."""

from decimal import Decimal

from enforcement.models import BankAccount
from enforcement.validators import saudi_iban

# A debtor's particulars as a filer types them in the parties step.
DEBTOR_PARTICULARS = {
    "nationality": "سعودي",
    "national_address": "RRRD2929، 2929 طريق الملك فهد، العليا، الرياض",
}


def bank_account(
    holder, *, iban: str | None = None, balance: str = "10000.00", active: bool = True
) -> BankAccount:
    """The account the mock banks hold under ``holder``'s ID (a user or a national ID); unless
    ``iban`` is given, one of its own, made from the ID, so that two people never share one."""
    national_id = getattr(holder, "national_id", holder)
    account, _created = BankAccount.objects.get_or_create(
        iban=iban or saudi_iban("80", f"0000{national_id}0001"),
        defaults={
            "national_id": national_id,
            "bank_name": "مصرف الراجحي",
            "balance": Decimal(balance),
            "active": active,
        },
    )
    if account.national_id != national_id:
        raise ValueError(f"{account.iban} is already held under {account.national_id}")
    return account
