"""Signing in with the Nafath app: a two-digit number shown by the SSO, picked in the app."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity.models import OutboxMessage, SignInAttempt, User

from ..factories import PERSON_PASSWORD, PersonFactory
from ..sso import post_back_to_portal, start_sign_in

pytestmark = pytest.mark.django_db


def start_nafath(client, national_id):
    start_sign_in(client)
    return client.post(reverse("sso:nafath"), {"national_id": national_id})


def app_link(person) -> str:
    body = OutboxMessage.objects.filter(recipient=person.phone).latest("pk").body
    return re.search(r"(/sso/app/[\w-]+/)", body).group(1)


def shown_number(client) -> int:
    return int(
        re.search(r'class="nafath-number"[^>]*>(\d\d)<', client.get(reverse("sso:nafath_wait")).text).group(1)
    )


def test_picking_the_shown_number_in_the_app_signs_the_person_in():
    person = PersonFactory()
    browser, phone = Client(), Client()
    assert start_nafath(browser, person.national_id)["Location"] == reverse("sso:nafath_wait")
    number = shown_number(browser)

    app = phone.get(app_link(person))
    choices = [int(n) for n in re.findall(r'name="number" value="(\d\d)"', app.text)]
    assert number in choices and len(choices) == 3
    phone.post(app_link(person), {"number": number})

    polled = browser.get(reverse("sso:nafath_wait"), headers={"hx-request": "true"})
    assert polled["HX-Refresh"] == "true"
    form_post = browser.get(reverse("sso:nafath_wait"))
    portal = post_back_to_portal(browser, form_post)
    assert portal.status_code == 302
    assert User.objects.filter(national_id=person.national_id).exists()
    assert "_auth_user_id" in browser.session


def test_a_wrong_number_rejects_the_sign_in():
    person = PersonFactory()
    browser, phone = Client(), Client()
    start_nafath(browser, person.national_id)
    number = shown_number(browser)
    wrong = next(
        int(n) for n in re.findall(r'value="(\d\d)"', phone.get(app_link(person)).text) if int(n) != number
    )
    phone.post(app_link(person), {"number": wrong})
    response = browser.get(reverse("sso:nafath_wait"))
    assert response.status_code == 400 and 'name="id_token"' not in response.text
    assert SignInAttempt.objects.get().nafath_status == "REJECTED"


def test_the_request_expires_after_sixty_seconds():
    person = PersonFactory()
    browser, phone = Client(), Client()
    start_nafath(browser, person.national_id)
    number = shown_number(browser)
    SignInAttempt.objects.update(nafath_expires_at=timezone.now() - timedelta(seconds=1))
    phone.post(app_link(person), {"number": number})
    assert SignInAttempt.objects.get().nafath_status == "EXPIRED"
    assert 'name="id_token"' not in browser.get(reverse("sso:nafath_wait")).text


def test_an_unknown_id_sees_a_number_like_anyone_but_no_app_request_is_sent():
    browser = Client()
    assert start_nafath(browser, "1000000008")["Location"] == reverse("sso:nafath_wait")
    assert 10 <= shown_number(browser) <= 99
    assert not OutboxMessage.objects.exists()


def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


TOO_MANY_CODES = "Too many verification codes were sent to this ID"


@pytest.mark.parametrize("registered", [True, False], ids=["a registered ID", "an unknown ID"])
def test_each_app_request_counts_as_a_code_sent_and_the_eleventh_in_an_hour_is_refused(registered):
    """Counted for an unknown ID too, so that the refusal tells nobody whether an ID exists."""
    national_id = PersonFactory().national_id if registered else "1000000008"
    browser = Client()
    english(browser)
    for _ in range(10):
        assert start_nafath(browser, national_id)["Location"] == reverse("sso:nafath_wait")
    assert OutboxMessage.objects.count() == (10 if registered else 0)

    refused = browser.post(reverse("sso:nafath"), {"national_id": national_id})

    assert refused.status_code == 400 and TOO_MANY_CODES in refused.text
    assert OutboxMessage.objects.count() == (10 if registered else 0)


def test_app_requests_use_up_the_codes_the_password_way_may_send():
    person = PersonFactory()
    browser = Client()
    english(browser)
    for _ in range(10):
        start_nafath(browser, person.national_id)
    start_sign_in(browser)
    response = browser.post(
        reverse("sso:credentials"), {"national_id": person.national_id, "password": PERSON_PASSWORD}
    )
    assert TOO_MANY_CODES in response.text
    assert OutboxMessage.objects.count() == 10


def test_an_id_locked_by_wrong_passwords_cannot_turn_to_the_app():
    person = PersonFactory()
    browser = Client()
    english(browser)
    start_sign_in(browser)
    for _ in range(5):
        browser.post(reverse("sso:credentials"), {"national_id": person.national_id, "password": "wrong"})

    refused = browser.post(reverse("sso:nafath"), {"national_id": person.national_id})

    assert refused.status_code == 400 and "Sign-in is locked; try again in 15 minutes." in refused.text
    assert not OutboxMessage.objects.exists()
