import uuid

import factory
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from identity.models import Person, User
from identity.services import terms_accept
from requests_tracker.models import Request
from requests_tracker.services import request_start

from .providers import LegalProvider

factory.Faker.add_provider(LegalProvider)

PERSON_PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("national_id",)
        skip_postgeneration_save = True

    national_id = factory.Faker("national_id")
    name_ar = factory.Faker("arabic_full_name")
    name_en = factory.Faker("name")
    phone = factory.Sequence(lambda n: f"+9665{n:08d}")
    email = factory.LazyAttribute(lambda user: f"{user.national_id}@example.com")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=80)

    @factory.post_generation
    def accepted_terms(self, create, extracted, **kwargs):
        """Signed-in people have accepted the current terms, unless ``accepted_terms=False``."""
        if create and extracted is not False:
            terms_accept(user=self)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """``UserFactory(roles=["enforcement_clerk"])`` makes a staff member in those groups."""
        if create and extracted:
            self.is_staff = True
            self.save(update_fields=["is_staff"])
            self.groups.add(*(Group.objects.get(name=name) for name in extracted))


class RequestFactory(DjangoModelFactory[Request]):
    """Requests are made the way the portal makes them: started through the wizard's service, in
    draft. A ``represented`` person needs a representation (``tests.conftest.representation``)."""

    class Meta:
        model = Request

    service = "test_service"
    applicant = factory.SubFactory(UserFactory)
    represented = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return request_start(
            service=kwargs["service"],
            applicant=kwargs["applicant"],
            represented=kwargs["represented"],
            start_token=uuid.uuid4(),
        )


class PersonFactory(DjangoModelFactory[Person]):
    """A person in the national SSO's registry, with an active account and a verified phone."""

    class Meta:
        model = Person

    national_id = factory.Faker("national_id")
    id_type = Person.IdType.CITIZEN
    name_ar = factory.Faker("arabic_full_name")
    name_en = factory.Faker("name")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=80)
    phone = factory.Sequence(lambda n: f"+9665{n + 50_000_000:08d}")
    phone_verified = True
    email = factory.LazyAttribute(lambda person: f"{person.national_id}@example.com")
    is_active = True
    password = factory.LazyFunction(lambda: make_password(PERSON_PASSWORD))
