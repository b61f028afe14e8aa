"""Verifying the SSO's id_token: signature against its JWKS, issuer, audience, expiry, nonce, replay."""

import hmac
import json
import time

import jwt
from django.core.cache import cache

from .configuration import SsoConfiguration

REQUIRED_CLAIMS = ["iss", "aud", "sub", "exp", "iat", "nonce"]


class InvalidIdToken(Exception):
    pass


def _public_key(configuration: SsoConfiguration, kid: str):
    for refresh in (False, True):  # an unknown kid may be a key the SSO has just rotated in
        for jwk in configuration.jwks(refresh=refresh).get("keys", []):
            if jwk.get("kid") == kid:
                return jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(jwk))
    raise InvalidIdToken(f"unknown signing key {kid!r}")


def verify_id_token(token: str, *, configuration: SsoConfiguration, audience: str, nonce: str) -> dict:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != "RS256":
            raise InvalidIdToken("id_token not signed with RS256")
        claims = jwt.decode(
            token,
            key=_public_key(configuration, header.get("kid", "")),
            algorithms=["RS256"],
            audience=audience,
            issuer=configuration.issuer,
            leeway=30,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.PyJWTError as error:
        raise InvalidIdToken(str(error)) from error
    if not hmac.compare_digest(str(claims["nonce"]), nonce):
        raise InvalidIdToken("nonce does not match this sign-in")
    jti = claims.get("jti")
    if jti and not cache.add(
        f"national-sso:jti:{jti}", True, timeout=max(int(claims["exp"] - time.time()) + 60, 60)
    ):
        raise InvalidIdToken("id_token already used")
    return claims
