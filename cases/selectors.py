"""What other parts of the portal may ask of cases (DESIGN §2): through these, never the models."""

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
