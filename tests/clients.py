from django.test import Client


def english_client(user=None) -> Client:
    """A Django test client for a person reading the portal in English, signed in as ``user``."""
    client = Client()
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client
