import datetime
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from identity.gateways import DevOutboxSmsBackend, HttpSmsBackend, SmsError, send_email, send_sms
from identity.models import LawyerLicence, OutboxMessage
from identity.roles import Role, roles_of

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_lawyer_with_a_valid_licence_acts_as_a_lawyer_and_with_an_expired_one_as_a_citizen():
    lawyer = UserFactory(roles=[Role.LAWYER])
    licence = LawyerLicence.objects.create(user=lawyer, number="L-1", expires_on=timezone.localdate())
    assert Role.LAWYER in roles_of(lawyer)

    licence.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    licence.save()
    next_request_user = type(lawyer).objects.get(pk=lawyer.pk)
    assert roles_of(next_request_user) == {Role.CITIZEN}


def test_a_lawyer_without_a_licence_is_a_citizen():
    assert roles_of(UserFactory(roles=[Role.LAWYER])) == {Role.CITIZEN}


def test_role_groups_hold_the_queue_permissions():
    for role in ("enforcement_clerk", "supervisor", "notary"):
        codenames = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
        assert {"view_request", "change_request"} <= codenames
    assert not Group.objects.get(name="lawyer").permissions.exists()


def test_the_development_outbox_keeps_sms_and_email(settings, client):
    settings.DEBUG = True
    send_sms(to="+966500000001", text="رمز التحقق 123456")
    settings.MAILERS = {"default": {"BACKEND": "identity.gateways.DevOutboxEmailBackend"}}
    send_email(to="a@example.com", subject="Request TST-1448-000001", body="Status changed")
    page = client.get(reverse("dev_outbox"))
    assert page.status_code == 200
    assert "رمز التحقق 123456" in page.text and "Request TST-1448-000001" in page.text
    assert OutboxMessage.objects.count() == 2


def test_the_development_outbox_does_not_exist_outside_debug(client):
    OutboxMessage.objects.create(channel="sms", recipient="+966500000001", body="secret code 123456")
    assert client.get(reverse("dev_outbox")).status_code == 404


class _Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 202

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers.get("Authorization"), json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def sms_gateway(settings):
    _Gateway.received = []
    _Gateway.status = 202
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.SMS_SENDER = "MOJ"
    settings.SMS_GATEWAY_TOKEN = "token-from-the-environment"
    settings.SMS_GATEWAY_TIMEOUT = 2
    yield _Gateway
    server.shutdown()


def test_the_http_sms_gateway_posts_the_message_with_its_token(sms_gateway):
    HttpSmsBackend().send(to="+966500000001", text="رمز التحقق 654321")
    assert sms_gateway.received == [
        (
            "Bearer token-from-the-environment",
            {"to": "+966500000001", "from": "MOJ", "text": "رمز التحقق 654321"},
        )
    ]


def test_a_gateway_refusal_is_an_error_the_caller_can_retry(sms_gateway):
    sms_gateway.status = 503
    with pytest.raises(SmsError, match="503"):
        HttpSmsBackend().send(to="+966500000001", text="x")


def test_an_unreachable_gateway_is_an_error_too(settings):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/send"
    settings.SMS_GATEWAY_TIMEOUT = 1
    with pytest.raises(SmsError):
        HttpSmsBackend().send(to="+966500000001", text="x")


def test_development_and_tests_use_the_outbox_backend_by_default():
    from identity.gateways import sms_backend

    assert isinstance(sms_backend(), DevOutboxSmsBackend)


def test_in_production_the_development_outbox_neither_keeps_nor_logs_a_secret_message(settings, caplog):
    """A demonstration deployment (DEMO_MODE) may run on the outbox; its one-time codes stay secret."""
    settings.PRODUCTION = settings.DEMO_MODE = True
    caplog.set_level(logging.INFO, logger="identity.gateways")

    send_sms(to="+966500000001", text="رمز التحقق 123456", secret=True)
    send_sms(to="+966500000001", text="Request TST-1448-000001 was returned to you")

    bodies = list(OutboxMessage.objects.order_by("pk").values_list("body", flat=True))
    assert "123456" not in bodies[0] and "withheld" in bodies[0]
    assert bodies[1] == "Request TST-1448-000001 was returned to you"
    assert "123456" not in caplog.text and "+966500000001" in caplog.text


def test_outside_production_the_development_outbox_shows_codes(settings):
    send_sms(to="+966500000001", text="رمز التحقق 123456", secret=True)
    assert OutboxMessage.objects.get().body == "رمز التحقق 123456"


def test_the_http_gateway_delivers_secret_messages_whole(sms_gateway, settings):
    settings.PRODUCTION = True
    HttpSmsBackend().send(to="+966500000001", text="رمز التحقق 654321", secret=True)
    assert sms_gateway.received[0][1]["text"] == "رمز التحقق 654321"
