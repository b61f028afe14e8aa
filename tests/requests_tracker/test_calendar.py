"""Working days: the Saudi week, the official holidays by Umm al-Qura, and the promises made with them."""

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from hijridate import Hijri

from requests_tracker import deadlines
from requests_tracker.calendar import (
    EID_AL_ADHA,
    EID_AL_FITR,
    FOUNDING_DAY,
    NATIONAL_DAY,
    RIYADH,
    Period,
    add_working_days,
    holiday_name,
    is_working_day,
    official_holidays,
    working_days_between,
)
from requests_tracker.models import Deadline, Status
from requests_tracker.registry import service_registry
from requests_tracker.services import request_transition

from ..factories import RequestFactory, UserFactory

THURSDAY = datetime(2026, 11, 26, 10, 0, tzinfo=RIYADH)


def gregorian(year, month, day) -> date:
    return date(*Hijri(year, month, day).to_gregorian().datetuple())


def days_named(name, year) -> list[date]:
    return [day for day, holiday in official_holidays(year).items() if holiday is name]


@pytest.fixture
def clock(monkeypatch):
    """``clock(moment)`` sets the portal's time, so that a weekday is a weekday whatever day the suite runs."""

    def set_to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


def test_friday_and_saturday_are_the_weekend():
    week = [date(2026, 11, 22) + timedelta(days=n) for n in range(7)]  # Sunday to Saturday
    assert [is_working_day(day) for day in week] == [True] * 5 + [False, False]


def test_two_working_days_from_a_thursday_end_on_the_monday():
    assert add_working_days(THURSDAY, 2) == datetime(2026, 11, 30, 10, 0, tzinfo=RIYADH)
    assert add_working_days(THURSDAY + timedelta(days=1), 2).date() == date(2026, 11, 30), "filed on a Friday"
    assert add_working_days(date(2026, 11, 28), 1) == datetime(2026, 11, 29, tzinfo=RIYADH)
    assert working_days_between(THURSDAY, date(2026, 11, 30)) == 2
    assert working_days_between(date(2026, 11, 30), THURSDAY) == -2


def test_eid_al_fitr_1447_is_four_days_from_the_day_after_29_ramadan_by_umm_al_qura():
    assert gregorian(1447, 10, 1) == date(2026, 3, 20)  # 1 Shawwal 1447
    assert gregorian(1447, 9, 29) == date(2026, 3, 18)
    assert days_named(EID_AL_FITR, 2026) == [date(2026, 3, 19 + n) for n in range(4)]
    assert is_working_day(date(2026, 3, 18)) and is_working_day(date(2026, 3, 23))
    # One working day promised on the eve of Eid falls due on the Monday after it.
    assert add_working_days(date(2026, 3, 18), 1).date() == date(2026, 3, 23)


def test_eid_al_adha_1447_is_four_days_from_the_day_of_arafat():
    assert gregorian(1447, 12, 9) == date(2026, 5, 26)  # Arafat
    assert gregorian(1447, 12, 10) == date(2026, 5, 27)  # Eid al-Adha
    assert days_named(EID_AL_ADHA, 2026) == [date(2026, 5, 26 + n) for n in range(4)]
    assert add_working_days(date(2026, 5, 25), 1).date() == date(2026, 5, 31)
    # Sunday 24, Monday 25, then nothing until Sunday 31 and Monday 1 June.
    assert working_days_between(date(2026, 5, 21), date(2026, 6, 1)) == 4


def test_founding_day_and_national_day_and_their_weekend_rule():
    assert holiday_name(date(2026, 2, 22)) is FOUNDING_DAY  # a Sunday
    assert add_working_days(date(2026, 2, 19), 1).date() == date(2026, 2, 23)
    assert holiday_name(date(2026, 9, 23)) is NATIONAL_DAY  # a Wednesday
    assert not is_working_day(date(2026, 9, 23))
    # On a Saturday the Sunday after is off, on a Friday the Thursday before.
    assert holiday_name(date(2025, 2, 23)) is FOUNDING_DAY and holiday_name(date(2025, 2, 22)) is None
    assert holiday_name(date(2022, 9, 22)) is NATIONAL_DAY


def test_a_period_says_whether_it_counts_working_or_calendar_days():
    with override("en"):
        assert Period.working_days(1).within() == "within 1 working day"
        assert Period.working_days(2).within() == "within 2 working days"
        assert Period.calendar_days(5).within() == "within 5 calendar days"
    assert Period.working_days(5).end(THURSDAY) == datetime(2026, 12, 3, 10, 0, tzinfo=RIYADH)
    assert Period.calendar_days(5).end(THURSDAY) == datetime(2026, 12, 1, 10, 0, tzinfo=RIYADH)


@pytest.mark.parametrize(
    ("period", "arabic"),
    [
        (Period.working_days(1), "خلال يوم عمل واحد"),
        (Period.working_days(2), "خلال يومي عمل"),
        (Period.working_days(5), "خلال 5 أيام عمل"),
        (Period.working_days(11), "خلال 11 يوم عمل"),
        (Period.calendar_days(2), "خلال يومين تقويميين"),
        (Period.calendar_days(5), "خلال 5 أيام تقويمية"),
        (Period.calendar_days(30), "خلال 30 يومًا تقويميًا"),
        (Period.calendar_days(100), "خلال 100 يوم تقويمي"),
    ],
)
def test_periods_take_the_arabic_plural_form_of_their_count(period, arabic):
    with override("ar"):
        assert period.within() == arabic


@pytest.mark.parametrize(
    ("left", "english", "arabic"),
    [
        (timedelta(days=4, hours=23), "4 days and 23 hours", "4 أيام و23 ساعة"),
        (timedelta(days=2, hours=2), "2 days and 2 hours", "يومان وساعتان"),
        (timedelta(days=1, hours=1), "1 day and 1 hour", "يوم واحد وساعة واحدة"),
        (timedelta(days=11, hours=5), "11 days and 5 hours", "11 يومًا و5 ساعات"),
        (timedelta(days=3), "3 days", "3 أيام"),
        (timedelta(minutes=20), "less than an hour", "أقل من ساعة"),
    ],
)
def test_the_time_left_is_in_the_plural_form_of_each_count(left, english, arabic):
    with override("en"):
        assert deadlines.describe_time_left(left) == english
    with override("ar"):
        assert deadlines.describe_time_left(left) == arabic


@pytest.mark.django_db
def test_a_request_submitted_on_a_thursday_is_expected_by_the_monday_in_working_days(client, citizen, clock):
    clock(THURSDAY)
    request = RequestFactory(applicant=citizen)
    request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
    client.force_login(citizen)
    page = client.get(reverse("request_detail", args=[request.pk])).text
    assert "خلال يومي عمل" in page and "الاثنين 2026-11-30" in page
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("request_detail", args=[request.pk])).text
    assert "Expected within 2 working days: by Monday 2026-11-30" in page


def in_execution(request):
    clerk = UserFactory(roles=["enforcement_clerk"])
    judge = UserFactory(roles=["enforcement_judge"])
    request_transition(request=request, to=Status.SUBMITTED, actor=request.applicant)
    request_transition(request=request, to=Status.UNDER_REVIEW, actor=clerk)
    request_transition(request=request, to=Status.IN_EXECUTION, actor=judge)
    return {d.kind: d.due_at for d in Deadline.objects.filter(request=request, state="pending")}


@pytest.fixture
def legal_period_service(test_service):
    """The test service with a period the law sets in calendar days, as enforcement's Article 46."""
    service = service_registry.register(
        dataclasses.replace(
            test_service, code="legal_period", prefix="LGL", execution_period=Period.calendar_days(5)
        )
    )
    yield service
    service_registry.unregister(service.code)


@pytest.mark.django_db
def test_a_service_target_counts_working_days_and_a_legal_period_calendar_days(
    client, citizen, clock, test_service, legal_period_service
):
    clock(THURSDAY)
    target = in_execution(RequestFactory(applicant=citizen))
    assert target[deadlines.FIVE_DAYS] == datetime(2026, 12, 3, 10, 0, tzinfo=RIYADH)  # Thursday
    assert target[deadlines.FIVE_DAYS_REMINDER] == datetime(2026, 12, 1, 10, 0, tzinfo=RIYADH)  # day three

    legal = RequestFactory(applicant=citizen, service=legal_period_service.code)
    law = in_execution(legal)
    assert law[deadlines.FIVE_DAYS] == datetime(2026, 12, 1, 10, 0, tzinfo=RIYADH)  # Tuesday
    assert law[deadlines.FIVE_DAYS_REMINDER] == datetime(2026, 11, 29, 10, 0, tzinfo=RIYADH)

    client.force_login(citizen)
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("request_detail", args=[legal.pk])).text
    assert "Expected within 5 calendar days: by Tuesday 2026-12-01" in page
    assert "</strong> 5 days</p>" in page, "the time left, the clock standing at the start"
