"""With the shared cache that keeps the rate-limit counts away, a step that must be counted is
refused as "briefly unavailable" (503, try again in a minute), never a server error, and nothing of
it happens: no code is sent."""

import pytest

from identity.models import OutboxMessage

from ..factories import PERSON_PASSWORD, PersonFactory
from ..sso import start_sign_in, submit_credentials

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every command to this "Redis" fails at once.
UNREACHABLE = {
    "default": {
        "BACKEND": "najiz.cache.ResilientRedisCache",  # as production runs it
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2},
    }
}


def test_signing_in_while_the_counters_are_away_says_try_again_and_sends_no_code(client, settings):
    person = PersonFactory()
    start_sign_in(client)
    settings.CACHES = UNREACHABLE  # Django's test signal reconnects the cache handler
    response = submit_credentials(client, person.national_id, PERSON_PASSWORD)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "الخدمة غير متاحة مؤقتًا" in response.content.decode()
    assert not OutboxMessage.objects.filter(recipient=person.phone).exists()
