"""One-time codes that confirm an act: six digits to the registered mobile, bound to one act and one
person, five minutes, used once; wrong entries counted per act and five of them lock it for half an
hour, whatever new code is asked for. The clock is moved, never slept on."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from identity.confirmations import (
    ConfirmationRefused,
    confirmation_check,
    confirmation_send,
    confirmation_used,
)
from identity.models import ConfirmationCode, OutboxMessage

from ..factories import UserFactory
from ..poa.helpers import last_code

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 22, 10, 0, tzinfo=datetime.UTC)
ACT = "poa-submit:1"


@pytest.fixture
def clock(monkeypatch):
    """``clock.move(minutes=…)`` moves the portal's time on from START."""

    class Clock:
        now = START

        def move(self, **delta):
            self.now += timedelta(**delta)

    moving = Clock()
    monkeypatch.setattr(timezone, "now", lambda: moving.now)
    return moving


@pytest.fixture
def person():
    return UserFactory()


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def send_code(user, purpose=ACT) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            confirmation_send(user=user, purpose=purpose, act="issuing a test")
        return last_code(user)

    return send_code


def refusal(user, code, purpose=ACT) -> str:
    with translation.override("en"), pytest.raises(ConfirmationRefused) as refused:
        confirmation_check(user=user, purpose=purpose, code=code)
    return refused.value.message


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_the_code_goes_by_sms_to_the_registered_mobile_and_confirms_the_act(clock, person, send):
    code = send(person)
    message = OutboxMessage.objects.get(recipient=person.phone)
    assert code in message.body and "issuing a test" in message.body
    assert ConfirmationCode.objects.get(user=person).code_hash != code, "never stored in clear"
    assert not confirmation_used(user=person, purpose=ACT)
    confirmation_check(user=person, purpose=ACT, code=code)
    assert confirmation_used(user=person, purpose=ACT)
    clock.move(minutes=11)
    assert not confirmation_used(user=person, purpose=ACT), "a used code confirms only what follows it"


def test_no_code_without_a_registered_mobile(clock):
    nobody = UserFactory(phone="")
    with pytest.raises(ConfirmationRefused):
        confirmation_send(user=nobody, purpose=ACT, act="issuing a test")


def test_a_wrong_code_is_counted(clock, person, send):
    code = send(person)
    assert refusal(person, wrong(code)) == "The verification code is incorrect. 4 attempts left."
    assert refusal(person, wrong(code)) == "The verification code is incorrect. 3 attempts left."
    assert ConfirmationCode.objects.get(user=person).wrong_entries == 2
    confirmation_check(user=person, purpose=ACT, code=code)
    assert confirmation_used(user=person, purpose=ACT)


def test_five_wrong_codes_lock_the_act_for_30_minutes_and_a_new_code_does_not_reset_it(clock, person, send):
    code = send(person)
    clock.move(minutes=2)
    for _attempt in range(4):
        refusal(person, wrong(code))
    assert refusal(person, wrong(code)) == "Too many wrong codes. Try again in 30 minutes."
    assert refusal(person, code) == "Too many wrong codes. Try again in 30 minutes.", "even the right one"
    clock.move(minutes=29)
    with pytest.raises(ConfirmationRefused):
        send(person)
    assert refusal(person, code) == "Too many wrong codes. Try again in 30 minutes."
    assert not confirmation_used(user=person, purpose=ACT)
    clock.move(minutes=1, seconds=1)
    fresh = send(person)
    confirmation_check(user=person, purpose=ACT, code=fresh)
    assert confirmation_used(user=person, purpose=ACT)


def test_wrong_entries_are_counted_across_new_codes(clock, person, send):
    code = send(person)
    for _attempt in range(3):
        refusal(person, wrong(code))
    clock.move(seconds=61)
    code = send(person)
    assert refusal(person, wrong(code)) == "The verification code is incorrect. 1 attempt left."


def test_a_new_code_waits_a_minute_and_replaces_the_old_one(clock, person, send):
    first = send(person)
    clock.move(seconds=30)
    with translation.override("en"), pytest.raises(ConfirmationRefused) as refused:
        send(person)
    assert refused.value.message == "You can ask for a new code in 31 seconds."
    clock.move(seconds=31)
    second = send(person)
    assert OutboxMessage.objects.filter(recipient=person.phone).count() == 2
    if second != first:
        refusal(person, first)
    confirmation_check(user=person, purpose=ACT, code=second)


def test_an_expired_code_is_refused(clock, person, send):
    code = send(person)
    clock.move(minutes=5)
    assert refusal(person, code) == "The verification code has expired. Ask for a new code."
    assert not confirmation_used(user=person, purpose=ACT)


def test_a_used_code_cannot_be_used_again(clock, person, send):
    code = send(person)
    confirmation_check(user=person, purpose=ACT, code=code)
    assert refusal(person, code) == "Ask for a verification code first."
    clock.move(seconds=1)
    # Once used, a new code may be sent at once (the next act).
    send(person)


def test_a_code_confirms_only_its_own_act_and_person(clock, person, send):
    code = send(person, "poa-submit:1")
    assert refusal(person, code, "poa-consent:1") == "Ask for a verification code first."
    send(person, "poa-consent:1")
    other = UserFactory()
    assert refusal(other, code, "poa-submit:1") == "Ask for a verification code first."
    assert not confirmation_used(user=person, purpose="poa-consent:1")
    confirmation_check(user=person, purpose="poa-submit:1", code=code)
    assert confirmation_used(user=person, purpose="poa-submit:1")
    assert not confirmation_used(user=person, purpose="poa-consent:1")
    assert not confirmation_used(user=other, purpose="poa-submit:1")


def test_malformed_codes_are_wrong_entries(clock, person, send):
    send(person)
    assert "4 attempts left" in refusal(person, "12345")
    assert "3 attempts left" in refusal(person, "abcdef")
