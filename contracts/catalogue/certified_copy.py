"""The services of this app, as the portal's catalogue and filing wizard see them."""

from django.utils.translation import gettext_lazy as _

from requests_tracker.issuing import DocumentKind
from requests_tracker.models import Status
from requests_tracker.registry import DetailStep, RequiredDocument, Service, ServiceGroup

from ..forms.certified_copy import CertifiedCopyDetailsForm
from ..services.certified_copy import (
    CERTIFIED_COPY_KIND,
    certified_copy_context,
    certified_copy_details,
    certified_copy_save_details,
    certified_copy_verify_rows,
)
from ..workflow import CERTIFIED_COPY

CERTIFIED_COPY_SERVICE = Service(
    code="certified_copy",
    prefix="DOC",
    name=_("Certified copy of a deed or judgment"),
    group=ServiceGroup.DOCUMENTS,
    workflow=CERTIFIED_COPY,
    description=_(
        "A true copy of a deed or a judgment, certified by the ministry, to present to any authority."
    ),
    audience=_("A party to the deed or judgment, or their agent under a power of attorney."),
    requirements=(
        _("The number of the deed or judgment."),
        _("The purpose of the copy."),
        _("A copy of the document, if you have one (PDF, JPEG or PNG)."),
    ),
    duration=_("Usually 5 working days once accepted."),
    steps=(
        DetailStep(
            slug="details",
            title=_("The document"),
            form_class=CertifiedCopyDetailsForm,
            load=certified_copy_details,
            save=certified_copy_save_details,
        ),
    ),
    required_documents=(
        RequiredDocument("document_copy", _("A copy of the document, if you have one"), required=False),
    ),
    guidance={
        Status.SUBMITTED: _("A clerk will review your request and its documents."),
        Status.IN_EXECUTION: _("The copy is being prepared and certified."),
        Status.COMPLETED: _(
            "Your certified copy is issued. Download it below, or collect it if you chose so."
        ),
    },
)

CERTIFIED_COPY_DOCUMENT = DocumentKind(
    code=CERTIFIED_COPY_KIND,
    title=_("Certified copy"),
    template="contracts/certified_copy_pdf.html",
    context=certified_copy_context,
    verify_rows=certified_copy_verify_rows,
)

SERVICES = (CERTIFIED_COPY_SERVICE,)
DOCUMENTS = (CERTIFIED_COPY_DOCUMENT,)
EVENTS: dict = {}
DEADLINES: dict = {}
