"""What a judgment or decree shows: in its PDF (rendered once, at issue) and on /verify/."""

from django.utils.translation import gettext as _

from .models import Judgment


def judgment_pdf_context(document) -> dict:
    return {"details": document.details, "parties": list(document.parties.all())}


def judgment_verify_rows(document) -> list[tuple]:
    details = document.details
    judgment = Judgment.objects.filter(document=document).first()
    final = judgment is not None and judgment.final_at is not None
    return [
        (_("Case number"), details.get("case_number", "")),
        (_("Court"), details.get("court", "")),
        (_("Date of the judgment"), details.get("judged_on", "")),
        (_("Ruling"), details.get("ruling", "")),
        (
            _("Final"),
            _("Yes") if final else _("Not yet: the objection period is running or an objection was filed"),
        ),
    ]
