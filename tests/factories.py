import factory
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from identity.models import User
from requests_tracker.models import Request
from requests_tracker.services import request_create

from .providers import LegalProvider

factory.Faker.add_provider(LegalProvider)


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

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """``UserFactory(roles=["enforcement_clerk"])`` makes a staff member in those groups."""
        if create and extracted:
            self.is_staff = True
            self.save(update_fields=["is_staff"])
            self.groups.add(*(Group.objects.get(name=name) for name in extracted))


class RequestFactory(DjangoModelFactory[Request]):
    """Requests are made the way the portal makes them: through request_create, in draft."""

    class Meta:
        model = Request

    service = "test_service"
    applicant = factory.SubFactory(UserFactory)
    represented = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return request_create(
            service=kwargs["service"], applicant=kwargs["applicant"], represented=kwargs["represented"]
        )
