"""What other parts of the portal may ask of cases (DESIGN §2): through these, never the models."""

from django.db.models import Exists, OuterRef, Q

from requests_tracker.models import Party, PartyRole, Status

from .models import Lawsuit

HEARINGS_SECTION = "hearings"  # the sessions, the judgment, memos: the case's part of the request page
LAWSUIT = "lawsuit"
FAMILY = "family_case"
SERVICES = (LAWSUIT, FAMILY)


def case_by_number(case_number: str) -> Lawsuit | None:
    return (
        Lawsuit.objects.filter(case_number=case_number.strip())
        .select_related("request", "court", "category")
        .first()
    )


def guardianships_for(user) -> list:
    """The core's representation hook: a guardian under a final guardianship decree acts for each
    ward registered in the portal, on lawsuits and family claims (one query, and one more only for
    a guardian)."""
    from django.contrib.auth import get_user_model

    from requests_tracker.access import Representation

    from .models import Judgment

    if not user.is_authenticated:
        return []
    decreed = Judgment.objects.filter(
        final_at__isnull=False,
        lawsuit__category__family="guardianship",
        winner__in=[Judgment.Winner.PLAINTIFF, Judgment.Winner.PARTLY],
        lawsuit__request__applicant=user,
        lawsuit__request__represented__isnull=True,
    ).values_list("lawsuit__children", flat=True)
    ward_ids = {child.get("id") for children in decreed for child in children or ()}
    if not ward_ids:
        return []
    wards = get_user_model().objects.filter(national_id__in=ward_ids).values_list("pk", flat=True)
    return [Representation(pk, frozenset(SERVICES)) for pk in wards if pk != user.pk]


def custody_case_pending(first_id: str, second_id: str) -> str | None:
    """The reference of a custody claim pending between the two people with these national IDs
    (either of them the plaintiff's side, the other a defendant), or None. Pending: filed, neither
    finished (completed, rejected, cancelled) nor decided by a final judgment. A draft is no case."""

    def side(national_id: str, roles) -> Exists:
        return Exists(
            Party.objects.filter(request=OuterRef("request"), role__in=roles, id_number=national_id)
        )

    plaintiff_side = (PartyRole.APPLICANT, PartyRole.PLAINTIFF)
    defendant_side = (PartyRole.DEFENDANT,)
    lawsuit = (
        Lawsuit.objects.filter(
            request__service=FAMILY,
            category__family="custody",
            judgment__final_at__isnull=True,  # no judgment, or one still open to objection
        )
        .exclude(request__status__in=[Status.DRAFT, Status.COMPLETED, Status.REJECTED, Status.CANCELLED])
        .filter(
            Q(side(first_id, plaintiff_side), side(second_id, defendant_side))
            | Q(side(second_id, plaintiff_side), side(first_id, defendant_side))
        )
        .select_related("request")
        .order_by("request__submitted_at", "pk")
        .first()
    )
    if lawsuit is None:
        return None
    return lawsuit.case_number or lawsuit.request.reference
