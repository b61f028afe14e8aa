"""What the POA and its revocation certificate show: in their PDF (rendered once, at issue) and
on the public verification page."""

from django.utils import timezone
from django.utils.translation import gettext as _

from requests_tracker.issuing import masked_name
from requests_tracker.pdf import gregorian_date, hijri_date

from .models import AgentEnd, ClauseGroup, PoaType, PowerOfAttorney
from .services import list_text

# The PDF is Arabic whatever the reader's language, and Arabic is its legal text: it carries its own
# Arabic names for the choices it prints rather than the catalogue's (see requests_tracker/pdf.py).
POA_TYPES_AR = {
    PoaType.GENERAL: "وكالة عامة",
    PoaType.SPECIAL: "وكالة خاصة",
    PoaType.JUDICIAL: "وكالة قضائية (لمحامٍ مرخّص)",
    PoaType.BUSINESS: "وكالة ممثل منشأة",
}
CLAUSE_GROUPS_AR = {
    ClauseGroup.LITIGATION: "الترافع والتقاضي",
    ClauseGroup.REAL_ESTATE: "العقارات",
    ClauseGroup.BANKING: "البنوك والمصارف",
    ClauseGroup.GOVERNMENT: "الجهات الحكومية",
    ClauseGroup.FAMILY: "الأحوال الشخصية",
    ClauseGroup.COMPANIES: "الشركات",
}
END_KINDS_AR = {
    AgentEnd.Kind.REVOKED: "فسخ من الموكل",
    AgentEnd.Kind.WITHDRAWN: "عزل الوكيل نفسه",
}
PRINCIPAL_ROLES = {"applicant", "principal"}


def _grouped_clauses(poa: PowerOfAttorney, *, arabic: bool = False) -> list[dict]:
    """The POA's clauses in their order, under their group's name: the reader's language on the
    page, Arabic in the PDF."""
    groups: dict[str, list] = {}
    for clause in poa.clauses.order_by("position"):
        groups.setdefault(clause.group, []).append(clause)
    return [
        {"group": CLAUSE_GROUPS_AR[group] if arabic else ClauseGroup(group).label, "clauses": clauses}
        for group, clauses in groups.items()
    ]


def _dates(day) -> dict:
    return {"gregorian": gregorian_date(day), "hijri": hijri_date(day)}


def poa_pdf_context(document) -> dict:
    poa = PowerOfAttorney.objects.select_related("request").get(request=document.request)
    parties = list(document.parties.order_by("pk"))
    return {
        "poa": poa,
        "poa_type": POA_TYPES_AR[poa.poa_type],
        "business": poa.poa_type == PoaType.BUSINESS,
        "principals": [party for party in parties if party.role in PRINCIPAL_ROLES],
        "agents": [party for party in parties if party.role == "agent"],
        "groups": _grouped_clauses(poa, arabic=True),
        "ends_on": _dates(poa.ends_on),
        "reference": poa.request.reference,
    }


def revocation_pdf_context(document) -> dict:
    details = document.details
    poa = PowerOfAttorney.objects.filter(request=document.request).first()
    return {
        "details": details,
        "kind": END_KINDS_AR[details["kind"]],
        "poa_type": POA_TYPES_AR[poa.poa_type] if poa else "",
        "agents": details["agents"],
        "principals": [party for party in document.parties.order_by("pk") if party.role in PRINCIPAL_ROLES],
    }


def poa_verify_rows(document) -> list[tuple]:
    """A POA on /verify/: its type, end date, delegation, each agent's standing, and its clauses."""
    poa = PowerOfAttorney.objects.get(request=document.request)
    rows = [
        (_("Type"), PoaType(poa.poa_type).label),
        (_("Valid until"), f"{gregorian_date(poa.ends_on)} — {hijri_date(poa.ends_on)}"),
        (_("The agents may delegate"), _("Yes") if poa.may_delegate else _("No")),
    ]
    ended = {end.party_id: end for end in AgentEnd.objects.filter(poa=poa).select_related("certificate")}
    for party in poa.request.parties.filter(role="agent"):
        end = ended.get(party.pk)
        standing = (
            _("%(how)s on %(date)s (certificate %(number)s)")
            % {
                "how": end.get_kind_display(),
                "date": gregorian_date(timezone.localdate(end.at)),
                "number": end.certificate.number,
            }
            if end
            else _("In force")
        )
        rows.append((_("Agent %(name)s") % {"name": masked_name(party.name)}, standing))
    for group in _grouped_clauses(poa):
        rows.append((group["group"], list_text(clause.text for clause in group["clauses"])))
    return rows


def revocation_verify_rows(document) -> list[tuple]:
    details = document.details
    return [
        (_("Power of attorney"), details["poa_number"]),
        (_("How"), AgentEnd.Kind(details["kind"]).label),
        (_("Scope"), _("The whole power of attorney") if details["whole"] else _("Some agents")),
        (_("Agents"), list_text(masked_name(agent["name"]) for agent in details["agents"])),
    ]
