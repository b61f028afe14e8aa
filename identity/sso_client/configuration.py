"""Where the national SSO is and which keys sign its tokens: a real one by URL, or the local mock."""

from dataclasses import dataclass

import requests
from django.core.cache import cache

DISCOVERY_TTL = 60 * 60
JWKS_TTL = 5 * 60


@dataclass(frozen=True)
class SsoConfiguration:
    issuer: str
    authorization_endpoint: str
    jwks_uri: str | None  # None: the mock's keys are read in this process

    def jwks(self, *, refresh: bool = False) -> dict:
        if self.jwks_uri is None:
            from identity.idp.keys import jwks

            return jwks()
        key = f"national-sso:jwks:{self.jwks_uri}"
        keys = None if refresh else cache.get(key)
        if keys is None:
            response = requests.get(self.jwks_uri, timeout=5)
            response.raise_for_status()
            keys = response.json()
            cache.set(key, keys, JWKS_TTL)
        return keys


def sso_configuration(request, app) -> SsoConfiguration:
    server_url = (app.settings or {}).get("server_url", "").rstrip("/")
    if not server_url:
        from identity.idp.views import discovery_document

        document = discovery_document(request)
        return SsoConfiguration(document["issuer"], document["authorization_endpoint"], None)
    key = f"national-sso:discovery:{server_url}"
    document = cache.get(key)
    if document is None:
        response = requests.get(f"{server_url}/.well-known/openid-configuration", timeout=5)
        response.raise_for_status()
        document = response.json()
        cache.set(key, document, DISCOVERY_TTL)
    return SsoConfiguration(document["issuer"], document["authorization_endpoint"], document["jwks_uri"])
