"""Signing in to the portal through the (mock) national SSO, end to end with the test client."""

import datetime

import pytest
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity.models import SignInAttempt, TermsAcceptance, User
from identity.services import terms_accept

from ..factories import PERSON_PASSWORD, PersonFactory, UserFactory
from ..sso import (
    last_code_sent_to,
    post_back_to_portal,
    sign_in,
    start_sign_in,
    submit_code,
    submit_credentials,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return PersonFactory()


def test_first_sign_in_creates_the_user_from_the_sso_claims_then_asks_for_the_terms(client, person):
    response = sign_in(client, person, PERSON_PASSWORD, next_url="/requests/")

    user = User.objects.get(national_id=person.national_id)
    assert (user.name_ar, user.name_en, user.phone, user.email, user.birth_date) == (
        person.name_ar, person.name_en, person.phone, person.email, person.birth_date,
    )  # fmt: skip
    assert not user.has_usable_password()
    assert response["Location"] == "/requests/"
    assert client.get("/requests/")["Location"] == f"{reverse('terms')}?next=%2Frequests%2F"

    accepted = client.post(reverse("terms"), {"accept": "yes", "next": "/"})
    assert accepted["Location"] == "/"
    acceptance = TermsAcceptance.objects.get(user=user)
    assert acceptance.version and acceptance.accepted_at
    home = client.get("/")
    assert home.status_code == 200 and person.name_ar in home.text


def test_the_terms_must_be_ticked_and_a_new_version_asks_again(client, person, settings):
    sign_in(client, person, PERSON_PASSWORD)
    assert client.post(reverse("terms"), {"next": "/"}).status_code == 400
    assert client.get("/")["Location"].startswith(reverse("terms"))
    client.post(reverse("terms"), {"accept": "yes"})
    assert client.get("/").status_code == 200

    settings.TERMS_VERSION = "1449-1"
    assert client.get("/")["Location"].startswith(reverse("terms"))


def test_later_sign_ins_refresh_names_phone_email_and_birth_date(client, person):
    sign_in(client, person, PERSON_PASSWORD)
    client.logout()
    person.name_en, person.phone, person.email = "New Name", "+966511111111", "new@example.com"
    person.birth_date = datetime.date(1990, 2, 28)  # a registry correction reaches the portal
    person.save()

    sign_in(client, person, PERSON_PASSWORD)

    user = User.objects.get(national_id=person.national_id)
    assert (user.name_en, user.phone, user.email) == ("New Name", "+966511111111", "new@example.com")
    assert user.birth_date == datetime.date(1990, 2, 28)
    assert user.age_on(datetime.date(2008, 2, 27)) == 17 and user.age_on(datetime.date(2008, 2, 28)) == 18
    assert User.objects.filter(national_id=person.national_id).count() == 1


def test_staff_provisioned_by_national_id_are_linked_with_their_role(client, person):
    clerk = UserFactory(national_id=person.national_id, roles=["enforcement_clerk"])
    terms_accept(user=clerk)
    response = sign_in(client, person, PERSON_PASSWORD, next_url="/admin/")
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/requests_tracker/request/").status_code == 200
    assert User.objects.filter(national_id=person.national_id).count() == 1


def test_the_admin_door_is_the_sso_and_only_staff_pass(client, person):
    response = client.get("/admin/", follow=False)
    assert response["Location"].startswith(reverse("admin_login"))
    assert client.get(response["Location"])["Location"].startswith(reverse("national_sso_login"))

    sign_in(client, person, PERSON_PASSWORD)
    client.post(reverse("terms"), {"accept": "yes"})
    assert client.get(reverse("admin_login")).status_code == 403


def test_sign_out_ends_the_portal_session(client, person):
    sign_in(client, person, PERSON_PASSWORD)
    client.post(reverse("terms"), {"accept": "yes"})
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_the_sso_never_signs_anyone_into_the_portal_by_itself(client, person):
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    submit_code(client, last_code_sent_to(person))
    assert "_auth_user_id" not in client.session  # only the portal's callback signs in


def test_an_id_token_is_accepted_once(client, person):
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    form_post = submit_code(client, last_code_sent_to(person))
    post_back_to_portal(client, form_post)
    client.logout()

    response = post_back_to_portal(client, form_post)
    assert response.status_code == 401
    assert "did not complete" in response.text or "لم يكتمل" in response.text
    assert "_auth_user_id" not in client.session


def test_an_answer_for_a_sign_in_started_in_another_browser_is_refused(client, person, django_user_model):
    from django.test import Client

    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    form_post = submit_code(client, last_code_sent_to(person))

    attacker = Client()
    post_back_to_portal(attacker, form_post)
    assert "_auth_user_id" not in attacker.session
    assert not django_user_model.objects.filter(national_id=person.national_id).exists()


def test_the_sso_refuses_a_return_address_it_does_not_know(client):
    response = client.get(
        reverse("sso:authorize"),
        {
            "client_id": "najiz-portal",
            "redirect_uri": "https://evil.example/accounts/national_sso/login/callback/",
            "response_type": "id_token",
            "response_mode": "form_post",
            "scope": "openid",
            "nonce": "n",
            "state": "s",
        },
    )
    assert response.status_code == 400
    assert not SignInAttempt.objects.exists()


def test_discovery_and_jwks_describe_the_sso(client):
    document = client.get("/sso/.well-known/openid-configuration").json()
    assert document["issuer"] == "http://testserver/sso"
    assert document["response_modes_supported"] == ["form_post"]
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    keys = client.get(reverse("sso:jwks")).json()["keys"]
    assert keys and keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and "d" not in keys[0]


def test_an_abandoned_attempt_expires(client, person):
    start_sign_in(client)
    SignInAttempt.objects.update(created_at=timezone.now() - timezone.timedelta(hours=1))
    response = submit_credentials(client, person.national_id, PERSON_PASSWORD)
    assert response.status_code == 400


# --- One national ID, one account ------------------------------------------------------------------


def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def accounts_of(user) -> set[str]:
    return set(SocialAccount.objects.filter(user=user).values_list("uid", flat=True))


def test_signed_in_as_one_person_the_sso_answer_for_another_is_refused(client):
    """The takeover that used to work: A is signed in and goes through the SSO as B. allauth would
    sign A out and B in, or, with process=connect, link B's identity to A's account, so that B's
    later sign-ins opened A's account."""
    person_a, person_b = PersonFactory(), PersonFactory()
    sign_in(client, person_a, PERSON_PASSWORD)
    user_a = User.objects.get(national_id=person_a.national_id)
    english(client)

    start_sign_in(client)
    submit_credentials(client, person_b.national_id, PERSON_PASSWORD)
    response = post_back_to_portal(client, submit_code(client, last_code_sent_to(person_b)))

    assert response.status_code == 403
    assert "You are signed in to the portal as someone else." in response.text
    assert client.session["_auth_user_id"] == str(user_a.pk)
    assert accounts_of(user_a) == {person_a.national_id}
    assert not User.objects.filter(national_id=person_b.national_id).exists()

    # B signing in afterwards gets B's own account, never A's.
    elsewhere = Client()
    sign_in(elsewhere, person_b, PERSON_PASSWORD)
    user_b = User.objects.get(national_id=person_b.national_id)
    assert elsewhere.session["_auth_user_id"] == str(user_b.pk) != str(user_a.pk)


def test_connecting_another_identity_to_an_account_is_refused_before_the_sso(client):
    person_a = PersonFactory()
    sign_in(client, person_a, PERSON_PASSWORD)
    english(client)

    response = client.post(f"{reverse('national_sso_login')}?process=connect")

    assert response.status_code == 403
    assert "The portal links no other identity to an account" in response.text
    assert "Location" not in response  # never sent to the SSO


def test_the_connections_pages_do_not_exist(client):
    sign_in(client, PersonFactory(), PERSON_PASSWORD)
    assert client.get("/accounts/3rdparty/").status_code == 404


def test_an_identity_linked_to_another_persons_account_signs_nobody_in(client):
    """A link left by the connect of old: B's identity on A's account. Signing in as B is refused."""
    person_a, person_b = PersonFactory(), PersonFactory()
    user_a = UserFactory(national_id=person_a.national_id)
    SocialAccount.objects.create(user=user_a, provider="national_sso", uid=person_b.national_id)
    english(client)

    start_sign_in(client)
    submit_credentials(client, person_b.national_id, PERSON_PASSWORD)
    response = post_back_to_portal(client, submit_code(client, last_code_sent_to(person_b)))

    assert response.status_code == 403
    assert "does not match the portal account it is linked to" in response.text
    assert "_auth_user_id" not in client.session
    assert User.objects.get(pk=user_a.pk).national_id == person_a.national_id


def test_a_connect_that_reaches_the_sso_anyway_is_refused_on_its_way_back(client):
    """As if a connect had been started before the portal refused them: the answer is refused too."""
    from allauth.socialaccount.adapter import get_adapter
    from django.test import RequestFactory

    person_a, person_b = PersonFactory(), PersonFactory()
    sign_in(client, person_a, PERSON_PASSWORD)
    user_a = User.objects.get(national_id=person_a.national_id)
    english(client)
    request = RequestFactory().get("/")
    request.session = client.session
    provider = get_adapter().get_provider(request, "national_sso")
    state = provider.stash_redirect_state(request, "connect", nonce="a-nonce-for-this-test")
    request.session.save()

    client.get(
        reverse("sso:authorize"),
        {
            "client_id": "najiz-portal",
            "redirect_uri": "http://testserver/accounts/national_sso/login/callback/",
            "response_type": "id_token",
            "scope": "openid",
            "nonce": "a-nonce-for-this-test",
            "state": state,
        },
    )
    submit_credentials(client, person_b.national_id, PERSON_PASSWORD)
    response = post_back_to_portal(client, submit_code(client, last_code_sent_to(person_b)))

    assert response.status_code == 403
    assert "The portal links no other identity to an account" in response.text
    assert accounts_of(user_a) == {person_a.national_id}
    assert not SocialAccount.objects.filter(uid=person_b.national_id).exists()
