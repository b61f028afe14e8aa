"""No 500 from malformed input: every URL pattern of the portal, the SSO and the admin, walked with
hostile values in its path, its query and its form body, by GET, HEAD and POST, for an anonymous
visitor, a citizen and a superuser (who reaches every admin page). A 4xx is a fine answer; a 5xx
is a bug. HEAD answers wherever GET does."""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from requests_tracker.models import Request, Status
from requests_tracker.services import document_add, request_start, request_transition

from .factories import UserFactory
from .files import pdf_upload

pytestmark = pytest.mark.django_db

HOSTILE = {
    "letters": "abc",
    "past 64 bits": "184467440737095516160000",
    "empty": "",
    "very long": "9" * 4000,
    "broken URL": "http://[::1/x",
    "bad port": "http://testserver:99999/accounts/national_sso/login/callback/",
    "markup": "<script>alert(1)</script>'\"",
}
# Every name a form or view of the portal reads, so that each receives the hostile value too.
PARAMETERS = (
    "q",
    "page",
    "sort",
    "status",
    "service",
    "since",
    "until",
    "next",
    "party",
    "document",
    "notification",
    "action",
    "_selected_action",
    "index",
    "select_across",
    "id_token",
    "state",
    "error",
    "handle",
    "code",
    "national_id",
    "password",
    "number",
    "token",
    "to",
    "note",
    "days",
    "measure",
    "amount",
    "kind",
    "description",
    "value",
    "body",
    "answer",
    "start_token",
    "client_national_id",
    "role",
    "id_type",
    "id_number",
    "name",
    "phone",
    "return",
    "language",
    "o",
    "p",
    "e",
    "_changelist_filters",
    "assigned",
    "resent",
    "response_type",
    "scope",
    "client_id",
    "redirect_uri",
    "nonce",
    "ui_locales",
    "response_mode",
    "process",
    "attachments",
    "file",
    "files",
)
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes(patterns=None, prefix=""):
    """(route, name) for every path() of the site; regex routes (the admin's app index) are skipped."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if isinstance(entry.pattern, RoutePattern):
                yield from routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and isinstance(entry.pattern, RoutePattern):
            yield prefix + str(entry.pattern), entry.name


def fill(route: str, value: str, ids: dict) -> str:
    """The route with ``value`` in every parameter; an int parameter that cannot take it gets the id
    of a real object of the user's (``ids``, so that the view's own parsing is reached) or else a
    number no row has."""

    def replace(match):
        if match["converter"] == "int" and not value.isdigit():
            return str(ids.get(match["name"], 987654321))
        return value or "x"

    return "/" + CONVERTER.sub(replace, route)


def enforcement_draft(applicant) -> Request:
    draft = request_start(service="enforcement", applicant=applicant, start_token=uuid.uuid4())
    document_add(request=draft, actor=applicant, upload=pdf_upload(), kind="instrument")
    return draft


@pytest.mark.parametrize("who", ["anonymous", "citizen", "superuser"])
def test_no_url_answers_5xx_to_hostile_input(client, who):
    user, ids = None, {}
    if who == "citizen":
        user = UserFactory()
        draft = enforcement_draft(user)
        ids = {"pk": draft.pk, "request_pk": draft.pk, "document_pk": draft.documents.get().pk}
    elif who == "superuser":
        user = UserFactory(is_staff=True, is_superuser=True)
        filed = enforcement_draft(UserFactory())
        request_transition(request=filed, to=Status.SUBMITTED, actor=filed.applicant)
        ids = {"object_id": filed.pk, "document_id": filed.documents.get().pk}
    failures = []
    for route, name in sorted(set(routes())):
        for label, value in HOSTILE.items():
            url = fill(route, value, ids)
            data = dict.fromkeys(PARAMETERS, value)
            answers = {}
            for method in ("get", "head", "post"):
                if user is not None and "_auth_user_id" not in client.session:
                    client.force_login(user)  # the walk passes the sign-out page too
                answers[method] = getattr(client, method)(url, data).status_code
                if answers[method] >= 500:
                    failures.append(f"{method.upper()} {url[:80]} ({name}, {label}): {answers[method]}")
            if answers["head"] == 405 and answers["get"] != 405:
                failures.append(f"HEAD refused where GET is served: {url[:80]} ({name})")
    assert failures == []


ACTIONS = (
    "remove",
    "upload",
    "add",
    "publication",
    "grace",
    "order",
    "decline",
    "requirement",
    "interview",
    "note",
)


@pytest.mark.parametrize("label", list(HOSTILE))
def test_actions_with_hostile_ids_and_numbers_answer_4xx(client, label):
    """The forms behind the buttons: removing a party or a document in the wizard, the staff's bulk
    actions and the enforcement decisions, each given a hostile id or number."""
    value = HOSTILE[label]
    citizen = UserFactory()
    draft = enforcement_draft(citizen)
    client.force_login(citizen)
    for step in ("parties", "documents"):
        for action in ACTIONS:
            url = reverse("wizard_step", args=[draft.pk, step])
            response = client.post(url, {"action": action, "party": value, "document": value})
            assert response.status_code < 500, (step, action)
    judge = UserFactory(roles=["enforcement_judge"])
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    client.force_login(judge)
    changelist = reverse("admin:enforcement_enforcementqueue_changelist")
    for action in ("assign_to_me", "unassign", "move_to_in_execution"):
        response = client.post(changelist, {"action": action, "_selected_action": [value], "index": value})
        assert response.status_code < 500, action
    for action in ACTIONS:
        for url in (
            reverse("admin:enforcement_enforcementqueue_enforcement", args=[draft.pk]),
            reverse("admin:enforcement_enforcementqueue_process", args=[draft.pk]),
            reverse("admin:enforcement_enforcementqueue_transition", args=[draft.pk]),
        ):
            data = {"action": action, "measure": value, "days": value, "to": value, "starts_at": value}
            assert client.post(url, data).status_code < 500, (url, action)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for changelist, action in (
        ("admin:requests_tracker_outboundmessage_changelist", "send_again"),
        ("admin:requests_tracker_deadline_changelist", "retry_now"),
        ("admin:requests_tracker_request_changelist", "assign_to_me"),
    ):
        response = client.post(reverse(changelist), {"action": action, "_selected_action": [value]})
        assert response.status_code < 500, changelist
