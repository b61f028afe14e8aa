"""The POA pages through the Django test client: My POAs, a co-principal's answer, revocation and
withdrawal (each asked first), replication, a lawyer's clients, the wizard's code page, and the
public verification of a POA. Asserts on addresses, status codes and numbers, or in English."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from identity.models import OutboxMessage
from poa.models import Clause, PowerOfAttorney
from poa.services import poa_revoke
from requests_tracker.issuing import masked_id
from requests_tracker.models import IssuedDocument, PartyRole, Request, Status

from ..clients import english_client as browser
from ..factories import UserFactory
from .helpers import draft_poa, enforcement_filed_for, issue_poa, last_code, lawyer

pytestmark = pytest.mark.django_db


def number_of(filed) -> str:
    return PowerOfAttorney.objects.select_related("document").get(request=filed).document.number


def document_of(filed) -> IssuedDocument:
    return PowerOfAttorney.objects.select_related("document").get(request=filed).document


# --- My POAs ---------------------------------------------------------------------------------------


def test_my_poas_lists_them_as_principal_and_as_agent_and_filters_by_standing():
    me, my_agent, my_principal = UserFactory(), lawyer(), UserFactory()
    given = issue_poa(me, [my_agent])
    revoked = issue_poa(me, [UserFactory()], poa_type="special", clauses=["passports"])
    poa_revoke(request=revoked, actor=me)
    received = issue_poa(my_principal, [me], poa_type="special", clauses=["traffic"])
    unrelated = issue_poa(UserFactory(), [UserFactory()], poa_type="special", clauses=["traffic"])
    page = browser(me).get(reverse("poa:mine"))
    assert page.status_code == 200
    html = page.content.decode()
    as_principal, as_agent = html.split("<h2>As agent</h2>")
    assert number_of(given) in as_principal and number_of(revoked) in as_principal
    assert number_of(received) in as_agent and number_of(received) not in as_principal
    assert number_of(unrelated) not in html
    only_revoked = browser(me).get(reverse("poa:mine"), {"standing": "revoked"}).content.decode()
    assert number_of(revoked) in only_revoked
    assert number_of(given) not in only_revoked and number_of(received) not in only_revoked
    # The agent sees it too, as agent.
    theirs = browser(my_agent).get(reverse("poa:mine")).content.decode()
    assert number_of(given) in theirs.split("<h2>As agent</h2>")[1]


# --- A co-principal's answer -------------------------------------------------------------------------


def test_a_co_principal_asks_for_a_code_and_accepts_on_the_consent_page(django_capture_on_commit_callbacks):
    principal, second, agent = UserFactory(), UserFactory(), lawyer()
    filed = issue_poa(principal, [agent], co_principals=[second])
    client = browser(second)
    url = reverse("consent_answer", args=[filed.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"action": "send"}).status_code == 200
    code = last_code(second)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert client.post(url, {"action": "accept", "code": wrong}).status_code == 400
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED
    done = client.post(url, {"action": "accept", "code": code})
    assert done.status_code == 302 and done["Location"] == reverse("request_detail", args=[filed.pk])
    filed.refresh_from_db()
    assert filed.status == Status.COMPLETED and document_of(filed).status == IssuedDocument.Status.VALID
    assert client.get(url).status_code == 404, "answered: nothing awaited any more"


# --- Revoking and withdrawing, asked first ---------------------------------------------------------------


def test_revoke_asks_first_then_revokes_on_the_confirmation():
    principal, agent = UserFactory(), lawyer()
    filed = issue_poa(principal, [agent])
    client = browser(principal)
    url = reverse("poa:revoke", args=[filed.pk])
    asked = client.get(url)
    assert asked.status_code == 200 and b'name="confirmed" value="yes"' in asked.content
    assert document_of(filed).status == IssuedDocument.Status.VALID
    assert client.post(url).status_code == 200, "a post without the confirmation only asks"
    assert document_of(filed).status == IssuedDocument.Status.VALID
    done = client.post(url, {"confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == reverse("request_detail", args=[filed.pk])
    assert document_of(filed).status == IssuedDocument.Status.REVOKED
    assert IssuedDocument.objects.filter(request=filed, kind="poa_revocation").count() == 1
    assert client.get(url).status_code == 404, "nothing left to revoke"


def test_revoke_for_one_agent_from_the_page():
    principal, kept, ended = UserFactory(), lawyer(), lawyer()
    filed = issue_poa(principal, [kept, ended])
    party = filed.parties.get(role=PartyRole.AGENT, user=ended)
    client = browser(principal)
    url = reverse("poa:revoke", args=[filed.pk])
    asked = client.get(url, {"agent": party.pk})
    assert asked.status_code == 200 and f'name="agent" value="{party.pk}"'.encode() in asked.content
    client.post(url, {"confirmed": "yes", "agent": party.pk})
    assert document_of(filed).status == IssuedDocument.Status.PARTIALLY_TERMINATED
    assert client.get(url, {"agent": 999999}).status_code == 404


def test_an_agent_withdraws_from_the_page():
    principal, staying, leaving = UserFactory(), lawyer(), lawyer()
    filed = issue_poa(principal, [staying, leaving])
    client = browser(leaving)
    url = reverse("poa:withdraw", args=[filed.pk])
    assert client.get(url).status_code == 200
    assert document_of(filed).status == IssuedDocument.Status.VALID
    client.post(url, {"confirmed": "yes"})
    assert document_of(filed).status == IssuedDocument.Status.PARTIALLY_TERMINATED
    assert browser(principal).get(url).status_code == 404, "a principal has nothing to withdraw from"


# --- Replicating -------------------------------------------------------------------------------------------


def test_replicate_makes_a_new_draft_with_only_the_clauses_still_offered():
    principal = UserFactory()
    filed = issue_poa(principal, [lawyer()], clauses=["pleading", "appeal", "enforcement_application"])
    Clause.objects.filter(code="appeal").update(active=False)
    made = browser(principal).post(reverse("poa:replicate", args=[filed.pk]))
    draft = Request.objects.filter(service="poa", status=Status.DRAFT, applicant=principal).get()
    assert made.status_code == 302 and made["Location"] == reverse("wizard_step", args=[draft.pk, "parties"])
    copy = PowerOfAttorney.objects.get(request=draft)
    assert set(copy.clauses.values_list("code", flat=True)) == {"pleading", "enforcement_application"}
    assert copy.poa_type == "judicial" and not draft.parties.filter(role=PartyRole.AGENT).exists()
    assert browser(principal).get(reverse("poa:replicate", args=[filed.pk])).status_code == 405


# --- A lawyer's clients ------------------------------------------------------------------------------------


def test_a_lawyer_sees_his_clients_with_their_requests():
    advocate, client_one, client_two, former = lawyer(), UserFactory(), UserFactory(), UserFactory()
    issue_poa(client_one, [advocate])
    issue_poa(client_two, [advocate], clauses=["pleading"])
    ended = issue_poa(former, [advocate])
    filed = enforcement_filed_for(advocate, client_one)
    old = enforcement_filed_for(advocate, former)
    poa_revoke(request=ended, actor=former)
    page = browser(advocate).get(reverse("poa:clients"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 clients have given you a power of attorney in force." in html
    assert f'id="client-{client_one.pk}"' in html and f'id="client-{client_two.pk}"' in html
    assert f'id="client-{former.pk}"' not in html and old.reference not in html
    section = html.split(f'id="client-{client_one.pk}"')[1].split("</section>")[0]
    assert filed.reference in section
    assert "0 clients" in browser(UserFactory()).get(reverse("poa:clients")).content.decode()


# --- A stranger sees nothing ------------------------------------------------------------------------------


def test_a_stranger_gets_404_on_every_poa_page():
    principal, second, agent = UserFactory(), UserFactory(), lawyer()
    pending = issue_poa(principal, [agent], co_principals=[second])
    issued = issue_poa(principal, [agent])
    stranger = browser(UserFactory())
    for filed in (pending, issued):
        for url in (
            reverse(name, args=[filed.pk]) for name in ("consent_answer", "poa:revoke", "poa:withdraw")
        ):
            assert stranger.get(url).status_code == 404, url
            assert (
                stranger.post(url, {"confirmed": "yes", "action": "accept", "code": "123456"}).status_code
                == 404
            )
        assert stranger.post(reverse("poa:replicate", args=[filed.pk])).status_code == 404
        assert stranger.get(reverse("request_detail", args=[filed.pk])).status_code == 404
    assert document_of(issued).status == IssuedDocument.Status.VALID
    assert Request.objects.filter(service="poa").count() == 2
    # The agent may not revoke, nor answer for a principal; a pending POA is not his to see yet.
    agent_browser = browser(agent)
    assert agent_browser.get(reverse("poa:revoke", args=[issued.pk])).status_code == 404
    assert agent_browser.get(reverse("consent_answer", args=[pending.pk])).status_code == 404
    assert agent_browser.get(reverse("request_detail", args=[pending.pk])).status_code == 404
    assert agent_browser.post(reverse("poa:replicate", args=[issued.pk])).status_code == 302
    assert not Request.objects.filter(service="poa", applicant=agent).exists(), "only a principal replicates"


# --- The wizard's code page ----------------------------------------------------------------------------------


def test_the_wizards_review_sends_to_the_code_page_and_a_right_code_issues(
    django_capture_on_commit_callbacks,
):
    principal, agent = UserFactory(), lawyer()
    draft = draft_poa(principal, [agent])
    client = browser(principal)
    with django_capture_on_commit_callbacks(execute=True):
        review = client.post(reverse("wizard_step", args=[draft.pk, "review"]))
    confirm_url = reverse("request_confirm", args=[draft.pk])
    assert review.status_code == 302 and urlsplit(review["Location"]).path == confirm_url
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    if not OutboxMessage.objects.filter(recipient=principal.phone).exists():  # not sent with the press
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(confirm_url, {"action": "send"}).status_code == 200
    assert OutboxMessage.objects.filter(recipient=principal.phone).count() == 1
    code = last_code(principal)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert client.post(confirm_url, {"action": "confirm", "code": wrong}).status_code == 400
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    done = client.post(confirm_url, {"action": "confirm", "code": code})
    assert done.status_code == 302 and done["Location"] == reverse("request_submitted", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == Status.COMPLETED and document_of(draft).status == IssuedDocument.Status.VALID


# --- Verification ----------------------------------------------------------------------------------------------


def result_part(response) -> str:
    """What /verify/ answered, below its form, without any CSRF token."""
    html = response.content.decode().split(f'action="{reverse("verify")}"', 1)[1].split("</form>", 1)[1]
    return re.sub(r"(csrfmiddlewaretoken|csrf-token|X-CSRFToken)[^>]*>", "", html)


def check(number, national_id):
    return browser().post(reverse("verify"), {"number": number, "national_id": national_id})


def test_verify_shows_the_poas_standing_masked_parties_and_clauses():
    principal, kept, ended = UserFactory(), lawyer(), lawyer()
    filed = issue_poa(principal, [kept, ended], clauses=["pleading", "enforcement_application"])
    number = number_of(filed)
    answer_ = check(number, kept.national_id)
    assert answer_.status_code == 200
    html = result_part(answer_)
    assert number in html and ": Valid</h2>" in html
    assert "Claiming, pleading and defending" in html and "Applying for the enforcement of judgments" in html
    for person in (principal, kept, ended):
        assert masked_id(person.national_id) in html
        assert person.national_id not in answer_.content.decode().replace(
            f'value="{kept.national_id}"', ""
        ), "no full ID but the one typed in the form"
        assert person.name_ar not in html, "names are masked"

    poa_revoke(request=filed, actor=principal, agent_pk=filed.parties.get(user=ended).pk)
    html = result_part(check(number, principal.national_id))
    assert ": Partially terminated</h2>" in html and "Revoked by a principal" in html
    poa_revoke(request=filed, actor=principal)
    html = result_part(check(number, ended.national_id))
    assert f"{number}</bdi>" in html and ": Revoked</h2>" in html


def test_a_wrong_id_and_a_wrong_number_get_the_same_answer():
    principal, agent = UserFactory(), lawyer()
    filed = issue_poa(principal, [agent])
    number = number_of(filed)
    stranger = UserFactory()
    other = issue_poa(stranger, [UserFactory()], poa_type="special", clauses=["traffic"])
    wrong_id = check(number, stranger.national_id)
    wrong_number = check(
        str(int(number) + 1 if int(number) < 10**12 - 1 else int(number) - 1), principal.national_id
    )
    assert wrong_id.status_code == wrong_number.status_code == 200
    assert result_part(wrong_id) == result_part(wrong_number)
    assert number not in result_part(wrong_id)
    assert 'role="status"' in result_part(check(number, principal.national_id)), "the right pair answers"
    assert number_of(other) not in result_part(check(number_of(other), principal.national_id))


def test_the_qr_link_opens_the_verification():
    principal, agent = UserFactory(), lawyer()
    filed = issue_poa(principal, [agent])
    document = document_of(filed)
    html = result_part(
        browser().get(reverse("verify"), {"number": document.number, "token": document.verification_token})
    )
    assert document.number in html and document.sha256 in html
    refused = result_part(browser().get(reverse("verify"), {"number": document.number, "token": "x" * 43}))
    assert document.number not in refused and document.sha256 not in refused
