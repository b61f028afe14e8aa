"""Disclosed assets as the start of seizure: the clerk verifies a disclosure against the registries,
the judge orders verified assets seized, and a seized asset's sale proceeds are paid in.

A disclosure the clerk has not verified, or that did not check out, counts as none
(``services.verified_enough``); a seized title deed cannot be sold before a notary
(``selectors.deeds_under_seizure``).
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from identity.digits import money_figure
from requests_tracker.errors import AmountOutOfRange, NoteRequired, TransitionForbidden
from requests_tracker.models import Request
from requests_tracker.notifications import notify_event

from .models import AssetDisclosure, Authority, Payment
from .selectors import JUDICIAL, RECORDING, UNDER_ENFORCEMENT, acts_as, creditors, debtors
from .services import dispatch_send, execution_locked, execution_record_payment


def _asset_locked(asset: AssetDisclosure, actor, roles, refusal: str) -> tuple[Request, AssetDisclosure]:
    request = Request.objects.select_for_update().get(pk=asset.execution_id)
    if not acts_as(request, actor, roles):
        raise TransitionForbidden(refusal)
    if request.status not in UNDER_ENFORCEMENT:
        raise TransitionForbidden(_("This request is not under enforcement."))
    return request, AssetDisclosure.objects.select_for_update().get(pk=asset.pk)


def asset_verify(*, asset: AssetDisclosure, actor, verified: bool, note: str = "") -> AssetDisclosure:
    """The enforcement clerk records whether a disclosed asset checked out against its registry
    (the bank, the real-estate registry, the traffic department, the depository)."""
    note = note.strip()
    if not verified and not note:
        raise NoteRequired(_("Say why the disclosure did not check out: the parties read it."))
    with transaction.atomic():
        request, asset = _asset_locked(
            asset, actor, RECORDING, _("Only the enforcement clerk or judge verifies a disclosure.")
        )
        if asset.verification != AssetDisclosure.Verification.PENDING:
            raise TransitionForbidden(_("This disclosure has already been verified."))
        asset.verification = (
            AssetDisclosure.Verification.VERIFIED if verified else AssetDisclosure.Verification.REFUTED
        )
        asset.verified_by, asset.verified_at, asset.verification_note = actor, timezone.now(), note
        asset.save(update_fields=["verification", "verified_by", "verified_at", "verification_note"])
        notify_event(
            event="asset_verified" if verified else "asset_refuted",
            request=request,
            recipients=[*creditors(request), *debtors(request)],
            params={"asset": asset.get_kind_display()},
        )
    return asset


def asset_seize(*, asset: AssetDisclosure, actor) -> AssetDisclosure:
    """The enforcement judge orders a verified asset seized; the order goes to its registry. A seized
    title deed can no longer be sold before a notary."""
    with transaction.atomic():
        request, asset = _asset_locked(
            asset, actor, JUDICIAL, _("Only the enforcement judge orders a seizure.")
        )
        if asset.verification != AssetDisclosure.Verification.VERIFIED:
            raise TransitionForbidden(_("Only a verified asset can be seized."))
        if asset.seized_at is not None:
            raise TransitionForbidden(_("This asset is already seized."))
        asset.seized_at, asset.seized_by = timezone.now(), actor
        asset.save(update_fields=["seized_at", "seized_by"])
        dispatch_send(
            execution=asset.execution, authority=Authority.ASSET_REGISTRIES, debtor=asset.debtor,
            subject=f"{asset.get_kind_display()}: {asset.identifier or asset.description}",
        )  # fmt: skip
        notify_event(
            event="asset_seized",
            request=request,
            recipients=[*creditors(request), *debtors(request)],
            params={"asset": asset.get_kind_display()},
        )
    return asset


def asset_sold(*, asset: AssetDisclosure, actor, proceeds: Decimal) -> Payment:
    """The clerk records a seized asset's sale: its proceeds are paid in on the debt (up to the
    balance; the rest goes back to the debtor outside the portal)."""
    if proceeds <= 0:
        raise AmountOutOfRange(_("The proceeds of a sale are more than 0."))
    with transaction.atomic():
        request, asset = _asset_locked(
            asset, actor, RECORDING, _("Only the enforcement clerk or judge records a sale.")
        )
        if asset.seized_at is None or asset.sold_for is not None or asset.released_at is not None:
            raise TransitionForbidden(_("Only a seized asset not yet sold can be sold."))
        execution = execution_locked(request)
        asset.sold_for = proceeds
        asset.save(update_fields=["sold_for"])
        paid_in = min(proceeds, execution.balance)
        notify_event(
            event="asset_sold",
            request=request,
            recipients=[*creditors(request), *debtors(request)],
            params={"asset": asset.get_kind_display(), "amount": money_figure(paid_in)},
        )
        return execution_record_payment(
            execution=execution, amount=paid_in, source=Payment.Source.SALE, actor=actor
        )
