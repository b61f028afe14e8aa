"""Signing in as a person does: through the portal's sign-in page and the national SSO's pages."""

import re
from urllib.parse import urlsplit

from django.urls import reverse

from identity.models import OutboxMessage, Person


def last_code_sent_to(person: Person) -> str:
    message = OutboxMessage.objects.filter(channel="sms", recipient=person.phone).latest("pk")
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def start_sign_in(client, next_url="/"):
    """From the portal's sign-in page to the SSO's credentials page; returns that page's response."""
    response = client.post(f"{reverse('national_sso_login')}?next={next_url}")
    assert response.status_code == 302, response
    authorize = urlsplit(response["Location"])
    assert authorize.path == reverse("sso:authorize")
    response = client.get(f"{authorize.path}?{authorize.query}")
    assert response["Location"] == reverse("sso:credentials"), response.content
    return client.get(reverse("sso:credentials"))


def submit_credentials(client, national_id, password):
    return client.post(reverse("sso:credentials"), {"national_id": national_id, "password": password})


def submit_code(client, code):
    return client.post(reverse("sso:code"), {"code": code})


def post_back_to_portal(client, form_post_response):
    """What the SSO's auto-submitting page does: post the id_token and state to the portal."""
    html = form_post_response.content.decode()
    action = re.search(r'<form method="post" action="([^"]+)"', html).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="(id_token|state)" value="([^"]*)"', html))
    response = client.post(urlsplit(action).path, fields)
    assert response.status_code == 302
    return client.get(response["Location"])


def sign_in(client, person: Person, password: str, next_url="/"):
    """The whole sign-in; returns the portal's response after the SSO posted back."""
    start_sign_in(client, next_url)
    response = submit_credentials(client, person.national_id, password)
    assert response.status_code == 302, response.content.decode()
    return post_back_to_portal(client, submit_code(client, last_code_sent_to(person)))
