"""Decision 46 as an issued document: its PDF's facts and what /verify/ shows of it."""

from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Measure


def _measures(document) -> list[str]:
    # The PDF is Arabic whatever the judge's language: the measures are named in Arabic there.
    with override("ar"):
        return [str(Measure.Kind(kind).label) for kind in document.details.get("measures", [])]


def decision_46_pdf_context(document) -> dict:
    parties = list(document.parties.all())
    return {
        "details": document.details,
        "reference": document.request.reference if document.request_id else "",
        "creditors": [p for p in parties if p.role == "creditor"],
        "debtors": [p for p in parties if p.role == "debtor"],
        "measures": _measures(document),
    }


def decision_46_verify_rows(document) -> list[tuple]:
    return [
        (_("Enforcement request"), document.request.reference if document.request_id else ""),
        (
            _("Measures ordered"),
            ", ".join(str(Measure.Kind(kind).label) for kind in document.details.get("measures", [])),
        ),
    ]
