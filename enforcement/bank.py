"""The banks' registry of accounts: who holds an IBAN, and transfers the enforcement court orders.

The backend is chosen by BANK_REGISTRY_BACKEND. The default, ``MockBankRegistry``, reads the
portal's own table of sample accounts (``enforcement.models.BankAccount``); a deployment against the
banks names a class with the same three methods.
"""

import secrets
from decimal import Decimal
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from requests_tracker.errors import RequestError

from .validators import normalise_iban


class BankError(RequestError):
    """The bank refused a transfer; the message says why."""


class NoAccount(BankError):
    """The person to be debited holds no active account."""


class InsufficientBalance(BankError):
    """No account of the person to be debited holds the amount."""


class UnknownAccount(BankError):
    """No bank holds an active account with the IBAN to be credited."""


class BankRegistry(Protocol):
    def owner_of(self, iban: str) -> str | None:
        """The national ID an active account with ``iban`` is held under, or None."""

    def accounts_of(self, national_id: str) -> list:
        """The active accounts held under ``national_id``: each with ``iban``, ``bank_name`` and
        ``balance``."""

    def order_transfer(self, *, from_national_id: str, to_iban: str, amount: Decimal, reference: str) -> str:
        """Move ``amount`` from an account of ``from_national_id`` into ``to_iban``; returns the
        bank's order reference, or raises a BankError."""


class MockBankRegistry:
    """The sample accounts of ``BankAccount``. A transfer runs in the caller's transaction, so it is
    undone with it: a caller that must not debit twice records the reference it got in the same one."""

    def owner_of(self, iban: str) -> str | None:
        from .models import BankAccount

        account = (
            BankAccount.objects.filter(iban=normalise_iban(iban), active=True).only("national_id").first()
        )
        return account.national_id if account else None

    def accounts_of(self, national_id: str) -> list:
        from .models import BankAccount

        return list(BankAccount.objects.filter(national_id=national_id, active=True).order_by("pk"))

    def order_transfer(self, *, from_national_id: str, to_iban: str, amount: Decimal, reference: str) -> str:
        from .models import BankAccount

        if amount <= 0:
            raise BankError(_("A transfer is of a positive amount."))
        to_iban = normalise_iban(to_iban)
        with transaction.atomic():
            # Both sides locked in one query, in key order: two transfers between the same accounts
            # in opposite directions wait for each other instead of deadlocking.
            accounts = list(
                BankAccount.objects.select_for_update()
                .filter(Q(national_id=from_national_id) | Q(iban=to_iban), active=True)
                .order_by("pk")
            )
            destination = next((account for account in accounts if account.iban == to_iban), None)
            if destination is None:
                raise UnknownAccount(
                    _("No bank holds an active account with the IBAN %(iban)s.") % {"iban": to_iban}
                )
            sources = [
                account
                for account in accounts
                if account.national_id == from_national_id and account != destination
            ]
            if not sources:
                raise NoAccount(_("The debtor holds no active bank account."))
            source = next((account for account in sources if account.balance >= amount), None)
            if source is None:
                raise InsufficientBalance(
                    _("No account of the debtor holds %(amount)s SAR.") % {"amount": amount}
                )
            source.balance -= amount
            destination.balance += amount
            BankAccount.objects.bulk_update([source, destination], ["balance"])
        return f"TRF{secrets.randbelow(10**12):012d}"


def bank_registry() -> BankRegistry:
    return import_string(settings.BANK_REGISTRY_BACKEND)()


def account_problem(*, iban: str, holder) -> str | None:
    """Why ``iban`` cannot receive what is owed to ``holder`` (a user), or None when a bank holds an
    active account with it under his ID. Another person's account is not named."""
    owner = bank_registry().owner_of(iban)
    if owner == holder.national_id:
        return None
    params = {"iban": normalise_iban(iban), "name": holder.display_name}
    if owner is None:
        return (
            _(
                "No bank holds an active account with the IBAN %(iban)s. Give an active IBAN registered to the ID of %(name)s."
            )
            % params
        )
    return (
        _(
            "The IBAN %(iban)s is not registered to the ID of %(name)s at any bank. Give an account in the creditor's own name."
        )
        % params
    )
