"""Signing in with the Nafath app: a two-digit number shown by the SSO, picked in the app."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity.models import OutboxMessage, SignInAttempt, User

from ..factories import PersonFactory
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
