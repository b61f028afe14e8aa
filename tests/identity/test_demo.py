import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from identity.demo import DEMO_PEOPLE
from identity.models import LawyerLicence, Person, User
from identity.roles import Role
from identity.validators import validate_national_id

pytestmark = pytest.mark.django_db


def counts():
    return (
        Person.objects.count(),
        User.objects.count(),
        LawyerLicence.objects.count(),
        sum(group.user_set.count() for group in Group.objects.all()),
    )


def test_demo_data_loads_twice_without_duplicates():
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert first[0] == len(DEMO_PEOPLE)


def test_the_demo_registry_has_an_inactive_account_and_an_unverified_phone():
    call_command("seed_demo")
    assert Person.objects.filter(is_active=False).count() == 1
    assert Person.objects.filter(phone_verified=False, is_active=True).count() == 1
    assert Person.objects.filter(is_active=True, phone_verified=True).count() == len(DEMO_PEOPLE) - 2


def test_every_role_has_a_demo_person_who_can_use_its_queue():
    call_command("seed_demo")
    for role in Role:
        if role == Role.CITIZEN:
            continue
        member = User.objects.get(groups__name=role)
        assert member.is_staff == (role != Role.LAWYER)


def test_demo_data_is_never_loaded_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never loaded in production"):
        call_command("seed_demo")
    assert not Person.objects.exists()


def test_a_demonstration_deployment_may_load_the_demo_people(settings):
    settings.PRODUCTION = settings.DEMO_MODE = True
    call_command("seed_demo")
    assert Person.objects.count() == len(DEMO_PEOPLE)


@pytest.mark.parametrize("value", ["1010000006", "2100000005"])
def test_valid_identity_numbers_pass(value):
    validate_national_id(value)


@pytest.mark.parametrize("value", ["1010000007", "3010000006", "101000000", "10100000a6", ""])
def test_invalid_identity_numbers_are_refused(value):
    with pytest.raises(ValidationError):
        validate_national_id(value)


def test_sample_requests_are_seeded_once_in_several_states():
    from requests_tracker.models import Request

    call_command("seed_demo")
    first = sorted(Request.objects.values_list("status", flat=True))
    call_command("seed_demo")
    assert sorted(Request.objects.values_list("status", flat=True)) == first
    assert {"draft", "submitted", "returned", "in_execution", "completed"} <= set(first)
    # Under enforcement: the plain sample, a Decision 46 due, one in force, a custody order in kind.
    assert Request.objects.filter(service="enforcement", status="in_execution").count() == 4
