"""Sample certified-copy requests for the demo citizen, one in each state a clerk meets."""

import uuid

from django.contrib.auth import get_user_model

from requests_tracker.models import Request, Status
from requests_tracker.services import request_start, request_transition

from ..services.certified_copy import certified_copy_save_details

# The path each sample takes through the workflow, by the notary unless the applicant acts.
SAMPLES = (
    ("draft", ()),
    ("submitted", (Status.SUBMITTED,)),
    ("returned", (Status.SUBMITTED, Status.UNDER_REVIEW, Status.RETURNED)),
    ("in_execution", (Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION)),
    (
        "completed",
        (Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION, Status.COMPLETED),
    ),
)
NAMESPACE = uuid.UUID("8e1d4c52-1f8a-4c1e-9a55-3f0f1d1b7a10")


def seed_certified_copies() -> int:
    users = get_user_model().objects
    citizen = users.filter(national_id="1010000006").first()
    notary = users.filter(national_id="1010000063").first()
    if citizen is None or notary is None:
        return 0
    made = 0
    for name, path in SAMPLES:
        token = uuid.uuid5(NAMESPACE, name)
        if Request.objects.filter(start_token=token).exists():
            continue  # already seeded: running twice changes nothing
        request = request_start(service="certified_copy", applicant=citizen, start_token=token)
        certified_copy_save_details(
            request=request,
            data={
                "source": "deed",
                "source_number": f"43102{made:05d}",
                "purpose": "تقديمها إلى البنك",
                "delivery": "download",
            },
            actor=citizen,
        )
        for status in path:
            actor = citizen if status == Status.SUBMITTED else notary
            note = "يرجى إرفاق صورة من الصك" if status == Status.RETURNED else ""
            request_transition(request=request, to=status, actor=actor, decision=note)
        made += 1
    return made


def seed() -> str:
    return f"{seed_certified_copies()} sample certified-copy requests"
