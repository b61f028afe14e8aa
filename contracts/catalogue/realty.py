"""Real-estate sale and transfer (إفراغ), as the portal's catalogue, filing wizard and registry see
it: the seller files with his code, the buyer accepts with his and pays, the notary approves."""

from django.utils.translation import gettext_lazy as _

from identity.digits import format_money
from requests_tracker.access import Section
from requests_tracker.issuing import DocumentKind, masked_id
from requests_tracker.models import PartyRole, Status
from requests_tracker.notifications import Event
from requests_tracker.registry import Consenting, DetailStep, PartyView, Service, ServiceGroup, ServiceLink

from ..forms.realty import PropertyTransferForm
from ..models import PropertyTransfer
from ..services.realty import (
    PAYMENT_RELEASE,
    SERVICE,
    TITLE_DEED_KIND,
    payment_release,
    property_transfer_check,
    property_transfer_complete,
    property_transfer_details,
    property_transfer_refund,
    property_transfer_save_details,
    title_deed_context,
    title_deed_verify_rows,
    transfer_consented,
)
from ..workflow import AFTER_SUBMISSION, NOTARIES, notarization_workflow

# The request page's part of this service: the property, the price, the payment, the new deed.
TRANSFER_SECTION = "property_transfer"


def page_section(request, viewer):
    """The transfer's part of the request page. The buyer reads the property, the price, where his
    payment stands and his new deed; only the seller's side reads the account, masked."""
    if not viewer.sees(TRANSFER_SECTION):
        return None
    transfer = (
        PropertyTransfer.objects.filter(request=request)
        .select_related("deed__document", "new_deed__document")
        .first()
    )
    if transfer is None:
        return None
    context = {
        "transfer": transfer,
        "deed": transfer.deed,
        "price": format_money(transfer.price),
        "payment": transfer.get_payment_display(),
        "new_deed": transfer.new_deed,
        "iban": masked_id(transfer.seller_iban) if viewer.applicant_side else "",
    }
    return "contracts/realty_section.html", context


PROPERTY_TRANSFER_SERVICE = Service(
    code=SERVICE,
    prefix="RET",
    name=_("Real-estate sale and transfer"),
    group=ServiceGroup.NOTARIZATION,
    workflow=notarization_workflow(
        approvers=NOTARIES,
        on_enter={
            Status.COMPLETED: (property_transfer_complete,),
            Status.REJECTED: (property_transfer_refund,),
            Status.CANCELLED: (property_transfer_refund,),
        },
    ),
    description=_(
        "Sell a property registered in your name and transfer its title deed to the buyer: the buyer accepts "
        "and pays through the bank, a notary approves, and the buyer receives a new title deed."
    ),
    audience=_("The owner of a property with a valid title deed, or his agent under a power of attorney."),
    requirements=(
        _("A valid title deed in the seller's name, neither mortgaged nor seized."),
        _("The buyer's national ID; the buyer must be registered in the portal."),
        _("The price and the seller's IBAN."),
        _("Seller and buyer are 18 or older; each confirms with a code sent to their mobile."),
    ),
    duration=_(
        "The buyer has 48 hours to accept; a notary then reviews it. "
        "The price reaches the seller 24 hours after the transfer."
    ),
    links=(ServiceLink(_("Verify a document"), "verify", signed_in=False),),
    status_labels={
        Status.SUBMITTED: _("Awaiting the buyer"),
        Status.IN_PROGRESS: _("With the notary"),
        Status.COMPLETED: _("Property transferred"),
    },
    party_roles=(PartyRole.BUYER,),
    unregistered_parties_allowed=False,
    steps=(
        DetailStep(
            "property",
            _("The property and the price"),
            PropertyTransferForm,
            property_transfer_details,
            property_transfer_save_details,
        ),
    ),
    party_views={
        PartyRole.BUYER: PartyView(
            statuses=AFTER_SUBMISSION,
            sections=frozenset({Section.PARTIES, Section.ISSUED, TRANSFER_SECTION}),
        )
    },
    guidance={
        Status.SUBMITTED: _(
            "The buyer has 48 hours to accept with a code sent to his mobile; accepting pays the price, "
            "which the bank holds until the transfer."
        ),
        Status.IN_PROGRESS: _("A notary reviews the sale and transfers the title deed."),
        Status.COMPLETED: _(
            "The title deed was transferred and the buyer's new deed issued. "
            "The price reaches the seller's account 24 hours after the transfer."
        ),
    },
    check=property_transfer_check,
    confirmation=_("selling and transferring this property"),
    consenting=Consenting(
        roles=frozenset({PartyRole.BUYER}),
        then=transfer_consented,
        title=_("Accept or reject the purchase"),
        intro=_(
            "You are named the buyer in request %(reference)s. Read the property and the price on the request "
            "page. Accepting pays the price from your bank account; the bank holds it until the notary "
            "transfers the deed, and refunds it if the sale does not go through."
        ),
        asked="transfer_consent_requested",
    ),
    page_section=page_section,
)

TITLE_DEED_DOCUMENT = DocumentKind(
    code=TITLE_DEED_KIND,
    title=_("Real-estate title deed"),
    template="contracts/title_deed_pdf.html",
    context=title_deed_context,
    verify_rows=title_deed_verify_rows,
)

SERVICES = (PROPERTY_TRANSFER_SERVICE,)
DOCUMENTS = (TITLE_DEED_DOCUMENT,)
EVENTS = {
    "transfer_consent_requested": Event(
        sms=_(
            "Najiz: %(name)s named you the buyer in sale request %(reference)s. Accept or reject it within 48 "
            "hours."
        ),
        subject=_("Sale request %(reference)s: your answer is awaited"),
        email=_(
            "%(name)s named you the buyer of a property in request %(reference)s.\n\n"
            "Sign in to Najiz, read the property and the price, and accept or reject it with a code sent to "
            "your mobile within 48 hours. Accepting pays the price, which the bank holds until the transfer."
        ),
    ),
    "transfer_price_held": Event(
        sms=_(
            "Najiz: SAR %(price)s was paid from your account for request %(reference)s; the bank holds it "
            "until the notary transfers the deed."
        ),
        subject=_("Request %(reference)s: the price is held by the bank"),
        email=_(
            "SAR %(price)s was paid from your bank account for the purchase in request %(reference)s. The bank "
            "holds it until the notary transfers the title deed, and refunds it if the sale does not go through."
        ),
    ),
    "transfer_completed": Event(
        sms=_(
            "Najiz: the property in request %(reference)s was transferred; the buyer's new title deed is "
            "%(number)s."
        ),
        subject=_("Request %(reference)s: title deed %(number)s issued"),
        email=_(
            "A notary approved the sale in request %(reference)s. The seller's title deed was marked transferred "
            "and the buyer's new title deed %(number)s was issued; it is on the request page.\n\n"
            "The price reaches the seller's account 24 hours after the transfer."
        ),
    ),
    "transfer_price_released": Event(
        sms=_("Najiz: SAR %(price)s, the price in request %(reference)s, was paid into your bank account."),
        subject=_("Request %(reference)s: the price was paid to you"),
        email=_(
            "SAR %(price)s, the price of the property sold in request %(reference)s, was paid into the bank "
            "account you gave."
        ),
    ),
    "transfer_price_refunded": Event(
        sms=_("Najiz: SAR %(price)s paid for request %(reference)s was refunded to your bank account."),
        subject=_("Request %(reference)s: the price was refunded"),
        email=_(
            "The sale in request %(reference)s did not go through, so the SAR %(price)s you paid was refunded "
            "to your bank account."
        ),
    ),
}
DEADLINES = {PAYMENT_RELEASE: payment_release}
