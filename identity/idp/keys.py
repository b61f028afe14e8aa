"""The mock SSO's signing key and its public JWKS."""

import json
import secrets
from functools import cache

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import IntegrityError, transaction

from identity.models import SigningKey


def _create_key() -> SigningKey:
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    try:
        with transaction.atomic():
            return SigningKey.objects.create(kid=secrets.token_urlsafe(12), private_pem=pem)
    except IntegrityError:  # pragma: no cover - two processes made the first key at once
        return SigningKey.objects.earliest("created_at")


@cache
def _load(kid: str, pem: str):
    return serialization.load_pem_private_key(pem.encode(), password=None)


def current_key() -> tuple[str, object]:
    """(kid, private key) of the newest key, made on first use."""
    key = SigningKey.objects.order_by("-created_at", "-pk").first() or _create_key()
    return key.kid, _load(key.kid, key.private_pem)


def jwks() -> dict:
    keys = []
    for key in SigningKey.objects.order_by("-created_at", "-pk")[:2]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(_load(key.kid, key.private_pem).public_key()))
        keys.append({**public, "kid": key.kid, "use": "sig", "alg": "RS256"})
    if not keys:
        current_key()
        return jwks()
    return {"keys": keys}


def sign(claims: dict) -> str:
    kid, private_key = current_key()
    return jwt.encode(claims, private_key, algorithm="RS256", headers={"kid": kid})
