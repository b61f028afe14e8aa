"""The national SSO's limits as an attacker meets them: wrong codes, codes sent, per-network counts,
abandoned attempts, malformed requests; every limit counted before it is judged."""

import logging
import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity import tasks
from identity.idp.services import ATTEMPT_LIFETIME
from identity.models import OutboxMessage, SignInAttempt

from ..conftest import postgres_only
from ..factories import PERSON_PASSWORD, PersonFactory
from ..sso import last_code_sent_to, post_back_to_portal, start_sign_in, submit_code, submit_credentials
from .test_sso_rules import english, refusal_text

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/accounts/national_sso/login/callback/"
LOCKED = "Sign-in is locked; try again in 15 minutes."
TOO_MANY_FROM_NETWORK = "Too many sign-in attempts from your network. Try again in 15 minutes."


@pytest.fixture
def person():
    return PersonFactory()


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def code_requested_a_minute_ago(client):
    """What waiting a minute before asking for a new code does."""
    SignInAttempt.objects.filter(code_hash__gt="").update(code_sent_at=timezone.now() - timedelta(seconds=61))


def new_attempt_with_code(person, client=None):
    client = client or Client()
    english(client)
    start_sign_in(client)
    assert submit_credentials(client, person.national_id, PERSON_PASSWORD).status_code == 302
    return client, last_code_sent_to(person)


def authorize(client, **overrides):
    params = {
        "client_id": "najiz-portal",
        "redirect_uri": CALLBACK,
        "response_type": "id_token",
        "response_mode": "form_post",
        "scope": "openid",
        "nonce": "n",
        "state": "s",
        **overrides,
    }
    return client.get(reverse("sso:authorize"), params)


# --- A challenge has five wrong codes, whatever is asked after them ---------------------------------


def test_a_dead_challenge_is_not_revived_by_a_new_code_or_the_password(person):
    client, right = new_attempt_with_code(person)
    for _ in range(5):
        submit_code(client, wrong(right))
    code_requested_a_minute_ago(client)

    resend = client.post(reverse("sso:resend"))
    assert resend.status_code == 400
    again = submit_credentials(client, person.national_id, PERSON_PASSWORD)
    assert again.status_code == 400
    assert OutboxMessage.objects.count() == 1  # no new code was sent
    assert 'name="id_token"' not in submit_code(client, right).text
    assert SignInAttempt.objects.get().wrong_codes == 5


def test_a_new_code_does_not_reset_the_count_of_wrong_ones(person):
    client, first = new_attempt_with_code(person)
    for _ in range(4):
        submit_code(client, wrong(first))
    code_requested_a_minute_ago(client)
    assert client.post(reverse("sso:resend")).status_code == 302
    second = last_code_sent_to(person)

    response = submit_code(client, wrong(second))

    assert "Too many wrong codes" in refusal_text(response)
    assert 'name="id_token"' not in submit_code(client, second).text


def test_wrong_codes_of_other_attempts_lock_the_id_before_a_right_code_is_looked_at(person):
    victim_browser, right = new_attempt_with_code(person)
    for _ in range(2):  # an attacker who knows the password, guessing on two attempts of their own
        attacker, code = new_attempt_with_code(person)
        for _ in range(5):
            submit_code(attacker, wrong(code))

    response = submit_code(victim_browser, right)

    assert LOCKED in refusal_text(response)
    assert 'name="id_token"' not in response.text
    assert LOCKED in refusal_text(new_attempt_password_refused(person))


def new_attempt_password_refused(person):
    client = Client()
    english(client)
    start_sign_in(client)
    response = submit_credentials(client, person.national_id, PERSON_PASSWORD)
    assert response.status_code == 400
    return response


def test_too_many_codes_entered_from_one_network_are_refused():
    browser = Client()
    for _ in range(3):  # two attempts each, ten wrong codes: just under each person's lock
        person = PersonFactory()
        for _ in range(2):
            _client, code = new_attempt_with_code(person, browser)
            for _ in range(5):
                submit_code(browser, wrong(code))

    person = PersonFactory()
    _client, code = new_attempt_with_code(person, browser)
    assert TOO_MANY_FROM_NETWORK in refusal_text(submit_code(browser, code))

    elsewhere, code = new_attempt_with_code(person, Client(REMOTE_ADDR="198.51.100.20"))
    assert 'name="id_token"' in submit_code(elsewhere, code).text


def test_codes_sent_are_counted_at_sign_in_and_resend_and_stop_at_ten_an_hour(person):
    for sends_on_this_attempt in (4, 4, 2):
        client, _code = new_attempt_with_code(person)
        for _ in range(sends_on_this_attempt - 1):
            code_requested_a_minute_ago(client)
            assert client.post(reverse("sso:resend")).status_code == 302
    assert OutboxMessage.objects.count() == 10

    code_requested_a_minute_ago(client)
    response = client.post(reverse("sso:resend"))
    assert "Too many verification codes were sent to this ID" in refusal_text(response)
    refused = new_attempt_password_refused(person)
    assert "Too many verification codes were sent to this ID" in refusal_text(refused)
    assert OutboxMessage.objects.count() == 10


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twelve_parallel_wrong_passwords_check_at_most_five_and_lock_the_id(person):
    """Twelve browsers guess at once. Each guess is counted before its password is looked at, so
    only five are checked (answered "incorrect"); the rest are refused as locked."""
    browsers = []
    for _ in range(12):
        browser = Client()
        english(browser)
        start_sign_in(browser)
        browsers.append(browser)
    start = threading.Barrier(len(browsers))
    answers = []

    def guess(browser):
        try:
            start.wait()
            answers.append(refusal_text(submit_credentials(browser, person.national_id, "a wrong guess")))
        finally:
            connection.close()

    threads = [threading.Thread(target=guess, args=(browser,)) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    checked = sum("The national ID or the password is incorrect." in answer for answer in answers)
    locked = sum(LOCKED in answer for answer in answers)
    assert len(answers) == 12
    assert checked <= 5
    assert checked + locked == 12
    assert LOCKED in refusal_text(new_attempt_password_refused(person))
    assert not OutboxMessage.objects.exists()


# --- Anonymous starts, abandoned attempts ----------------------------------------------------------


def test_sign_in_starts_are_limited_per_network():
    browser = Client()
    english(browser)
    for _ in range(30):
        assert authorize(browser).status_code == 302
    refused = authorize(browser)
    assert refused.status_code == 429
    assert TOO_MANY_FROM_NETWORK in refusal_text(refused)
    assert SignInAttempt.objects.count() == 30
    assert authorize(Client(REMOTE_ADDR="198.51.100.20")).status_code == 302


def test_behind_a_trusted_proxy_the_limit_follows_the_client_and_not_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    one_client = Client(headers={"x-forwarded-for": "198.51.100.1"})
    for _ in range(30):
        authorize(one_client)
    assert authorize(one_client).status_code == 429
    assert authorize(Client(headers={"x-forwarded-for": "198.51.100.2"})).status_code == 302
    # Posing as another address in front of the proxy changes nothing: the proxy appends the real one.
    spoofed = Client(headers={"x-forwarded-for": "203.0.113.9, 198.51.100.1"})
    assert authorize(spoofed).status_code == 429


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_limit(settings):
    settings.TRUSTED_PROXIES = []
    for number in range(30):
        authorize(Client(headers={"x-forwarded-for": f"198.51.100.{number}"}))
    assert authorize(Client(headers={"x-forwarded-for": "203.0.113.9"})).status_code == 429


def test_the_purge_deletes_attempts_past_their_lifetime_and_keeps_the_rest(settings):
    for _ in range(3):
        authorize(Client())
    old, recent, fresh = SignInAttempt.objects.order_by("created_at")
    now = timezone.now()
    SignInAttempt.objects.filter(pk=old.pk).update(created_at=now - ATTEMPT_LIFETIME - timedelta(minutes=1))
    SignInAttempt.objects.filter(pk=recent.pk).update(
        created_at=now - ATTEMPT_LIFETIME + timedelta(minutes=1)
    )

    assert tasks.purge_sign_in_attempts() == 1

    assert set(SignInAttempt.objects.values_list("pk", flat=True)) == {recent.pk, fresh.pk}
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "identity.purge_sign_in_attempts" in schedule


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://testserver:99999/accounts/national_sso/login/callback/",
        "http://testserver:abc/accounts/national_sso/login/callback/",
        "http://[::1/accounts/national_sso/login/callback/",
        "http://evil.example@testserver/accounts/national_sso/login/callback/",
        CALLBACK + "?" + "x" * 500,
    ],
    ids=["port out of range", "port not a number", "broken IPv6 host", "user info", "too long"],
)
def test_a_malformed_return_address_is_refused_with_a_page_not_an_error(client, redirect_uri):
    english(client)
    response = authorize(client, redirect_uri=redirect_uri)
    assert response.status_code == 400
    assert "This sign-in request did not come from a registered service." in response.text
    assert not SignInAttempt.objects.exists()


# --- The portal's callback -------------------------------------------------------------------------


def test_the_callback_refuses_an_oversized_id_token_without_keeping_it(client):
    response = client.post(reverse("national_sso_callback"), {"id_token": "a" * (8 * 1024 + 1), "state": "s"})
    assert response.status_code == 401
    assert "handle=" not in response.get("Location", "")
    assert (
        client.post(reverse("national_sso_callback"), {"id_token": "a" * 100, "state": "s"}).status_code
        == 302
    )


def test_a_normal_sign_in_still_goes_through(client, person):
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    portal = post_back_to_portal(client, submit_code(client, last_code_sent_to(person)))
    assert portal.status_code == 302 and "_auth_user_id" in client.session


# --- HEAD is GET without a body --------------------------------------------------------------------


def test_every_page_of_the_sign_in_answers_head_as_it_answers_get(client, person, settings):
    settings.DEBUG = True  # /dev/outbox/ exists only then
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    pages = [
        reverse("sso:discovery"),
        reverse("sso:jwks"),
        reverse("sso:credentials"),
        reverse("sso:code"),
        reverse("sso:nafath"),
        reverse("national_sso_callback"),
        reverse("terms"),
        reverse("profile"),
        reverse("dev_outbox"),
        reverse("admin_login"),
    ]
    for page in pages:
        get, head = client.get(page), client.head(page)
        assert head.status_code == get.status_code != 405, page
        assert head.content == b"", page
    authorize_head = client.head(f"{reverse('sso:authorize')}?response_type=id_token&scope=openid")
    assert authorize_head.status_code == 400


def test_the_nafath_pages_answer_head(client, person):
    start_sign_in(client)
    client.post(reverse("sso:nafath"), {"national_id": person.national_id})
    app = re.search(r"(/sso/app/[\w-]+/)", OutboxMessage.objects.latest("pk").body).group(1)
    for page in (reverse("sso:nafath_wait"), app):
        assert client.head(page).status_code == client.get(page).status_code == 200, page


# --- Production: no one-time code in a log or the outbox -------------------------------------------


def test_in_production_no_code_or_app_link_is_logged_or_kept(client, person, settings, caplog):
    settings.PRODUCTION = settings.DEMO_MODE = True  # a demonstration deployment on the outbox
    caplog.set_level(logging.DEBUG)

    start_sign_in(client)
    assert submit_credentials(client, person.national_id, PERSON_PASSWORD).status_code == 302
    start_sign_in(client)
    assert client.post(reverse("sso:nafath"), {"national_id": person.national_id}).status_code == 302

    kept = " ".join(OutboxMessage.objects.values_list("body", flat=True))
    assert OutboxMessage.objects.filter(recipient=person.phone).count() == 2
    for place in (kept, caplog.text):
        assert not re.search(r"(?<!\d)\d{6}(?!\d)", place)
        assert "/sso/app/" not in place
    assert SignInAttempt.objects.filter(code_hash__gt="").exists()
