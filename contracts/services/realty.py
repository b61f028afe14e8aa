"""Real-estate sale and transfer (إفراغ): the registry of title deeds, the seller's details, what
stops a transfer, the buyer's payment on acceptance, the notary's approval that moves the deed, and
the price released to the seller 24 hours later. Every function checks its actor (DESIGN §3)."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement.selectors import deeds_under_seizure
from requests_tracker.deadlines import deadline_start
from requests_tracker.errors import TransitionForbidden
from requests_tracker.issuing import IssuedParty, document_issue, document_set_status
from requests_tracker.models import Deadline, IssuedDocument, PartyRole, Request
from requests_tracker.notifications import notify_event
from requests_tracker.parties import registry_name
from requests_tracker.services import request_lock_editable

from ..models import PropertyTransfer, TitleDeed
from ..workflow import NOTARIES
from .notarization import is_approver, minors_refused, notarization_consented, parties_of

SERVICE = "property_transfer"
TITLE_DEED_KIND = "title_deed"
PAYMENT_RELEASE = "transfer_payment_release"
# The bank releases the buyer's payment to the seller a day after the transfer (DOMAIN.md).
RELEASE_AFTER = timedelta(hours=24)
# The key of the wizard's initial data that says whose deeds the form offers (see the form).
SELLER_KEY = "seller_id"


# --- The registry of title deeds ----------------------------------------------------------------------


def title_deed_register(
    *,
    owner,
    city: str,
    district: str,
    plot_number: str,
    area,
    mortgagee: str = "",
    actor=None,
    request: Request | None = None,
    previous: TitleDeed | None = None,
) -> TitleDeed:
    """Enter a property in the registry: a title deed issued to ``owner`` (a user, or anything with a
    national ID and a name), its PDF rendered once. ``actor`` None is the registry itself (its
    import, the demo); a person issuing one is a notary."""
    if actor is not None and not is_approver(actor, NOTARIES):
        raise TransitionForbidden(_("Only a notary issues title deeds."))
    area = Decimal(area)
    name = registry_name(owner)
    with transaction.atomic():
        document = document_issue(
            kind=TITLE_DEED_KIND,
            request=request,
            parties=[IssuedParty(PartyRole.OWNER, owner.national_id, name)],
            actor=actor,
            details={
                "city": city,
                "district": district,
                "plot_number": plot_number,
                "area": f"{area:.2f}",
                "previous": previous.document.number if previous else "",
            },
        )
        return TitleDeed.objects.create(
            document=document,
            owner_id=owner.national_id,
            owner_name=name,
            city=city,
            district=district,
            plot_number=plot_number,
            area=area,
            mortgagee=mortgagee,
            previous=previous,
        )


def title_deeds_of(national_id: str):
    """The valid title deeds registered in ``national_id``'s name: what a seller may pick."""
    return (
        TitleDeed.objects.filter(owner_id=national_id, document__status=IssuedDocument.Status.VALID)
        .select_related("document")
        .order_by("pk")
    )


# --- The wizard's details -----------------------------------------------------------------------------


def seller_of(request: Request):
    """The seller: the person the request is filed for, or its applicant."""
    return request.represented or request.applicant


def transfer_of(request: Request) -> PropertyTransfer | None:
    try:
        return request.property_transfer
    except PropertyTransfer.DoesNotExist:
        return None


def property_transfer_details(request: Request) -> dict:
    data = {SELLER_KEY: seller_of(request).national_id}
    transfer = transfer_of(request)
    if transfer is not None:
        data.update(deed=str(transfer.deed_id), price=transfer.price, seller_iban=transfer.seller_iban)
    return data


def property_transfer_save_details(*, request: Request, data: dict, actor) -> PropertyTransfer:
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        deed = title_deeds_of(seller_of(locked).national_id).filter(pk=data["deed"]).first()
        if deed is None:
            raise TransitionForbidden(
                _("Choose one of the valid title deeds registered in the seller's name.")
            )
        transfer, _created = PropertyTransfer.objects.update_or_create(
            request=locked,
            defaults={"deed": deed, "price": data["price"], "seller_iban": data["seller_iban"]},
        )
    return transfer


# --- What stops a transfer ---------------------------------------------------------------------------


def deed_refusals(deed: TitleDeed, seller_id: str) -> list[str]:
    """Why ``deed`` cannot pass from ``seller_id`` now: not his, no longer valid, mortgaged, seized."""
    number = deed.document.number
    problems = []
    if deed.owner_id != seller_id:
        problems.append(
            _("Title deed %(number)s is not registered in the seller's name.") % {"number": number}
        )
    if deed.document.status != IssuedDocument.Status.VALID:
        problems.append(
            _("Title deed %(number)s is no longer valid (%(status)s): it cannot be transferred.")
            % {"number": number, "status": deed.document.get_status_display()}
        )
    if deed.mortgagee:
        problems.append(
            _(
                "Title deed %(number)s is mortgaged to %(mortgagee)s: it cannot be transferred until the "
                "mortgage is released."
            )
            % {"number": number, "mortgagee": deed.mortgagee}
        )
    seized = deeds_under_seizure([number])
    if number in seized:
        problems.append(
            _(
                "Title deed %(number)s is seized by enforcement request %(reference)s: it cannot be "
                "transferred while the execution runs."
            )
            % {"number": number, "reference": seized[number]}
        )
    return problems


def property_transfer_check(request: Request) -> list[str]:
    """What stops the transfer from being submitted, beyond the step's own form."""
    problems = []
    seller = seller_of(request)
    buyers = parties_of(request, PartyRole.BUYER)
    if len(buyers) != 1:
        problems.append(_("Name exactly one buyer."))
    if any(buyer.id_number == seller.national_id for buyer in buyers):
        problems.append(_("The seller cannot also be the buyer."))
    problems += minors_refused([*parties_of(request, PartyRole.APPLICANT), *buyers])
    transfer = PropertyTransfer.objects.filter(request=request).select_related("deed__document").first()
    if transfer is not None:
        problems += deed_refusals(transfer.deed, seller.national_id)
    return problems


# --- The buyer's acceptance and payment --------------------------------------------------------------


def price_text(price) -> str:
    return f"{price:,.2f}"


def transfer_consented(*, request: Request, actor) -> None:
    """The buyer accepted with his code: his bank transfer is made, and held by the bank until the
    deed is transferred; then the request goes to the notary. A payment already held (an amended
    request accepted again) is not made twice."""
    transfer = PropertyTransfer.objects.select_for_update().get(request=request)
    if transfer.payment != PropertyTransfer.Payment.HELD:
        transfer.payment = PropertyTransfer.Payment.HELD
        transfer.paid_at = timezone.now()
        transfer.released_at = None
        transfer.save(update_fields=["payment", "paid_at", "released_at"])
        notify_event(
            event="transfer_price_held",
            request=request,
            recipients=parties_of(request, PartyRole.BUYER),
            params={"price": price_text(transfer.price)},
        )
    notarization_consented(request=request, actor=actor)


# --- The notary's approval, the release, the refund --------------------------------------------------


def property_transfer_complete(*, request: Request, change, service) -> None:
    """Engine hook on the notary's approval: the seller's deed is marked transferred and the buyer
    is issued a new one; the price is released to the seller 24 hours later. Refused if the deed
    stopped being transferable since the parties agreed (another transfer approved first, a
    mortgage, a seizure)."""
    actor = change.actor
    if not is_approver(actor, NOTARIES):
        raise TransitionForbidden(_("Only a notary approves a property transfer."))
    transfer = PropertyTransfer.objects.select_for_update().get(request=request)
    # Locked in this order by every approval: two transfers of one deed approved at the same moment
    # queue here, and the second finds it transferred.
    document = IssuedDocument.objects.select_for_update().get(pk=transfer.deed.document_id)
    deed = TitleDeed.objects.select_for_update().get(pk=transfer.deed_id)
    deed.document = document
    seller = seller_of(request)
    problems = deed_refusals(deed, seller.national_id)
    buyers = parties_of(request, PartyRole.BUYER)
    if len(buyers) != 1 or buyers[0].user is None:
        problems.append(_("Name exactly one buyer."))
    if problems:
        raise TransitionForbidden(" ".join(problems))
    document_set_status(
        document=document,
        status=IssuedDocument.Status.TRANSFERRED,
        actor=actor,
        reason=_("Transferred to the buyer by request %(reference)s.") % {"reference": request.reference},
    )
    new_deed = title_deed_register(
        owner=buyers[0].user,
        city=deed.city,
        district=deed.district,
        plot_number=deed.plot_number,
        area=deed.area,
        actor=actor,
        request=request,
        previous=deed,
    )
    transfer.new_deed = new_deed
    transfer.save(update_fields=["new_deed"])
    deadline_start(request=request, kind=PAYMENT_RELEASE, after=RELEASE_AFTER)
    notify_event(
        event="transfer_completed",
        request=request,
        recipients=[request.applicant, request.represented, *buyers],
        params={"number": new_deed.document.number},
    )


def payment_release(*, deadline: Deadline) -> None:
    """Deadline handler, a day after the transfer: the held price goes to the seller's account."""
    transfer = PropertyTransfer.objects.select_for_update().get(request_id=deadline.request_id)
    if transfer.payment != PropertyTransfer.Payment.HELD:
        return  # released already, or refunded: nothing to move
    transfer.payment = PropertyTransfer.Payment.RELEASED
    transfer.released_at = timezone.now()
    transfer.save(update_fields=["payment", "released_at"])
    request = deadline.request
    notify_event(
        event="transfer_price_released",
        request=request,
        recipients=[seller_of(request)],
        params={"price": price_text(transfer.price)},
    )


def property_transfer_refund(*, request: Request, change, service) -> None:
    """Engine hook on a rejection or a cancellation: a price the buyer paid goes back to him."""
    transfer = PropertyTransfer.objects.select_for_update().filter(request=request).first()
    if transfer is None or transfer.payment != PropertyTransfer.Payment.HELD:
        return
    transfer.payment = PropertyTransfer.Payment.REFUNDED
    transfer.save(update_fields=["payment"])
    notify_event(
        event="transfer_price_refunded",
        request=request,
        recipients=parties_of(request, PartyRole.BUYER),
        params={"price": price_text(transfer.price)},
    )


# --- What the deed shows: its PDF and the verification page ------------------------------------------


def title_deed_context(document: IssuedDocument) -> dict:
    """The deed's part of its PDF, from what the registry recorded at issue."""
    details = document.details
    return {
        "deed": details,
        "owners": list(document.parties.filter(role=PartyRole.OWNER).order_by("pk")),
        "reference": document.request.reference if document.request_id else "",
    }


def title_deed_verify_rows(document: IssuedDocument) -> list[tuple]:
    details = document.details
    rows = [
        (_("City"), details["city"]),
        (_("District"), details["district"]),
        (_("Plot number"), details["plot_number"]),
        (_("Area (m²)"), details["area"]),
    ]
    if details.get("previous"):
        rows.append((_("Previous title deed"), details["previous"]))
    return rows
