"""The national SSO's refusals and code rules, as a person meets them on its pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from identity.idp import services
from identity.models import OutboxMessage, SignInAttempt

from ..factories import PERSON_PASSWORD, PersonFactory
from ..sso import last_code_sent_to, start_sign_in, submit_code, submit_credentials

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return PersonFactory()


def refusal_text(response) -> str:
    return response.content.decode()


def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_a_wrong_password_and_an_unknown_id_get_the_same_answer(client, person):
    english(client)
    start_sign_in(client)
    wrong_password = submit_credentials(client, person.national_id, "not the password")
    unknown_id = submit_credentials(client, "1000000008", "not the password")
    assert wrong_password.status_code == unknown_id.status_code == 400
    assert "The national ID or the password is incorrect." in refusal_text(wrong_password)
    assert "The national ID or the password is incorrect." in refusal_text(unknown_id)
    assert not OutboxMessage.objects.exists()


def test_refusals_speak_arabic_by_default(client, person):
    start_sign_in(client)
    response = submit_credentials(client, person.national_id, "not the password")
    assert "رقم الهوية أو كلمة المرور غير صحيحة" in refusal_text(response)


def test_an_invalid_identity_number_is_explained(client):
    english(client)
    start_sign_in(client)
    response = submit_credentials(client, "1234567890", "x")
    assert "not valid" in refusal_text(response)


def test_an_inactive_account_is_told_so(client, person):
    person.is_active = False
    person.save()
    english(client)
    start_sign_in(client)
    response = submit_credentials(client, person.national_id, PERSON_PASSWORD)
    assert "This account is inactive" in refusal_text(response)
    assert not OutboxMessage.objects.exists()


def test_an_unverified_phone_is_sent_to_activate_it_first(client, person):
    person.phone_verified = False
    person.save()
    english(client)
    start_sign_in(client)
    response = submit_credentials(client, person.national_id, PERSON_PASSWORD)
    assert "activate your phone number in the national portal first" in refusal_text(response).lower()
    assert not OutboxMessage.objects.exists()


def test_the_code_is_six_random_digits_sent_only_to_the_verified_phone(client, person):
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    message = OutboxMessage.objects.get()
    assert message.recipient == person.phone
    code = last_code_sent_to(person)
    assert len(code) == 6 and code.isdigit()
    attempt = SignInAttempt.objects.get()
    assert code not in attempt.code_hash  # only a keyed hash is stored


def test_five_wrong_passwords_lock_the_id_for_a_stated_time(client, person):
    english(client)
    start_sign_in(client)
    for _ in range(5):
        submit_credentials(client, person.national_id, "wrong")
    response = submit_credentials(client, person.national_id, PERSON_PASSWORD)
    assert "locked; try again in 15 minutes" in refusal_text(response)
    assert not OutboxMessage.objects.exists()


def test_too_many_attempts_from_one_network_are_refused(client, settings):
    english(client)
    start_sign_in(client)
    for _ in range(30):
        submit_credentials(client, "1000000008", "wrong")
    response = submit_credentials(client, "1000000008", "wrong")
    assert "Too many sign-in attempts from your network. Try again in 15 minutes." in refusal_text(response)


def test_a_wrong_code_says_how_many_tries_are_left_and_the_fifth_ends_the_attempt(client, person):
    english(client)
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    right = last_code_sent_to(person)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = submit_code(client, wrong)
    assert "4 attempts left" in refusal_text(response)
    for _ in range(3):
        submit_code(client, wrong)
    response = submit_code(client, wrong)
    assert "Too many wrong codes" in refusal_text(response)
    response = submit_code(client, right)
    assert "id_token" not in refusal_text(response)


def test_an_expired_code_is_refused(client, person):
    english(client)
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    SignInAttempt.objects.update(code_expires_at=timezone.now() - timedelta(seconds=1))
    response = submit_code(client, last_code_sent_to(person))
    assert "The verification code has expired" in refusal_text(response)


def test_a_code_works_once(client, person):
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    code = last_code_sent_to(person)
    assert 'name="id_token"' in refusal_text(submit_code(client, code))
    attempt = SignInAttempt.objects.get()
    with pytest.raises(services.SignInRefused) as refusal, translation.override("en"):
        services.attempt_verify_code(
            attempt=attempt, code=code, issuer="http://testserver/sso", ip="127.0.0.1"
        )
    assert "already been used" in refusal.value.message


def test_a_code_is_bound_to_its_attempt(client, person):
    from django.test import Client

    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    first_code = last_code_sent_to(person)

    other = Client()
    start_sign_in(other)
    submit_credentials(other, person.national_id, PERSON_PASSWORD)
    response = submit_code(other, first_code) if first_code != last_code_sent_to(person) else None
    if response is not None:
        assert 'name="id_token"' not in refusal_text(response)


def test_a_new_code_after_a_minute_at_most_three_times_and_the_old_one_dies(client, person):
    english(client)
    start_sign_in(client)
    submit_credentials(client, person.national_id, PERSON_PASSWORD)
    first = last_code_sent_to(person)

    response = client.post(reverse("sso:resend"))
    assert "You can ask for a new code in" in refusal_text(response)

    for _ in range(3):
        SignInAttempt.objects.update(code_sent_at=timezone.now() - timedelta(seconds=61))
        assert client.post(reverse("sso:resend")).status_code == 302
    assert OutboxMessage.objects.count() == 4

    SignInAttempt.objects.update(code_sent_at=timezone.now() - timedelta(seconds=61))
    response = client.post(reverse("sso:resend"))
    assert "the most allowed" in refusal_text(response)

    latest = last_code_sent_to(person)
    if first != latest:
        assert "incorrect" in refusal_text(submit_code(client, first))
