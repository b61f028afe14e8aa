"""Production mode, security headers, health, languages."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-key-for-the-test-only-0123456789",
    "ALLOWED_HOSTS": "najiz.example.sa",
    "DATABASE_URL": "postgres://najiz@127.0.0.1:5432/najiz",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    # A real deployment names its national SSO and SMS gateway; without them production refuses to start.
    "NATIONAL_SSO_URL": "https://sso.example.sa",
    "SMS_GATEWAY_URL": "https://sms.example.sa/send",
}


def manage(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ENV", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_passes_check_deploy_with_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_secrets_and_hosts(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"Production needs {missing}" in result.stderr


def setting(name: str, **env) -> object:
    """The value of one setting in a fresh process with ``env``."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        f"from django.conf import settings; print(repr(settings.{name}))",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip())


def without(*names: str) -> dict:
    return {k: v for k, v in PRODUCTION_ENV.items() if k not in names}


def test_production_refuses_to_start_on_the_mock_sso():
    result = manage("check", **without("NATIONAL_SSO_URL"))
    assert result.returncode != 0
    assert "Production needs NATIONAL_SSO_URL" in result.stderr
    assert "DEMO_MODE=true" in result.stderr


@pytest.mark.parametrize(
    "env",
    [
        without("SMS_GATEWAY_URL"),
        {**PRODUCTION_ENV, "SMS_BACKEND": "identity.gateways.DevOutboxSmsBackend"},
        {**without("SMS_GATEWAY_URL"), "SMS_BACKEND": "identity.gateways.HttpSmsBackend"},
    ],
    ids=["no gateway", "the development outbox", "a backend without its gateway"],
)
def test_production_refuses_to_start_without_a_real_sms_gateway(env):
    result = manage("check", **env)
    assert result.returncode != 0
    assert "Production needs a real SMS gateway" in result.stderr


def test_a_demo_deployment_starts_on_the_mocks_and_check_deploy_warns_about_it():
    demo = {**without("NATIONAL_SSO_URL", "SMS_GATEWAY_URL"), "DEMO_MODE": "true"}
    result = manage("check", "--deploy", **demo)
    assert result.returncode == 0, result.stderr
    assert "identity.W001" in result.stderr + result.stdout
    assert "mock national SSO" in result.stderr + result.stdout
    assert "mock bank-account registry" in result.stderr + result.stdout
    assert manage("check", "--deploy", "--fail-level", "WARNING", **demo).returncode != 0


def test_demo_mode_with_the_real_services_still_warns_in_production():
    result = manage("check", "--deploy", **{**PRODUCTION_ENV, "DEMO_MODE": "true"})
    assert "identity.W001" in result.stderr + result.stdout


def test_an_empty_sms_backend_means_the_default_one():
    """Compose passes SMS_BACKEND as an empty string when it is not set."""
    assert setting("SMS_BACKEND", SMS_BACKEND="") == "identity.gateways.DevOutboxSmsBackend"
    assert setting("SMS_BACKEND", **PRODUCTION_ENV, SMS_BACKEND="") == "identity.gateways.HttpSmsBackend"


def test_the_mock_sso_is_mounted_only_while_it_is_in_use():
    resolves = "from django.urls import resolve; print(repr(resolve('/sso/authorize').view_name))"
    mock = manage("shell", "--no-imports", "-c", resolves)
    assert mock.returncode == 0 and "'sso:authorize'" in mock.stdout
    real = manage("shell", "--no-imports", "-c", resolves, NATIONAL_SSO_URL="https://sso.example.sa")
    assert real.returncode != 0 and "Resolver404" in real.stderr


def test_the_proxy_headers_are_believed_only_with_trusted_proxies():
    assert setting("SECURE_PROXY_SSL_HEADER", **PRODUCTION_ENV) is None
    assert setting("SECURE_PROXY_SSL_HEADER", **PRODUCTION_ENV, TRUSTED_PROXIES="10.0.0.0/8") == (
        "HTTP_X_FORWARDED_PROTO",
        "https",
    )


def test_a_trusted_proxy_that_is_no_address_stops_the_start():
    result = manage("check", TRUSTED_PROXIES="10.0.0.0/8,proxy.example")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in script_src and "'nonce-" in script_src
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert response["X-Frame-Options"] == "DENY"


def test_healthz_reports_database_and_broker(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "broker": "ok", "status": "ok"}


def test_healthz_answers_503_when_the_broker_is_down(client, db):
    from ..brokers import broker_down

    with broker_down():
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["broker"] == "down"


def test_celery_speaks_json_only_with_time_limits():
    from najiz.celery import app

    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit < app.conf.task_time_limit


def test_the_home_page_is_arabic_right_to_left_and_switches_to_english(client, db):
    page = client.get("/")
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "ناجز" in page.text

    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en" dir="ltr">' in response.text
    assert "Ministry of Justice e-services" in response.text


def test_the_portal_opens_in_arabic_even_for_an_english_browser_until_english_is_chosen(client, db):
    page = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="ar" dir="rtl">' in page.text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en" dir="ltr">' in client.get("/", headers={"accept-language": "ar"}).text
