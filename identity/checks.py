"""System checks of the sign-in's deployment (shown by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def demo_mode_in_production(app_configs, **kwargs) -> list[Warning]:
    if not (settings.PRODUCTION and settings.DEMO_MODE):
        return []
    mocks = [
        name
        for name, in_use in (
            ("the mock national SSO at /sso/", settings.NATIONAL_SSO_MOCK),
            ("the development SMS outbox", settings.SMS_BACKEND == settings.DEV_OUTBOX_SMS_BACKEND),
            (
                "the mock national registry's mobiles",
                settings.NATIONAL_REGISTRY_BACKEND == "identity.registry.MockNationalRegistry",
            ),
            (
                "the mock bank-account registry",
                settings.BANK_REGISTRY_BACKEND == "enforcement.bank.MockBankRegistry",
            ),
        )
        if in_use
    ]
    return [
        Warning(
            "DEMO_MODE is on in production: this is a demonstration deployment"
            + (f", running on {' and '.join(mocks)}." if mocks else "."),
            hint="Unset DEMO_MODE and set NATIONAL_SSO_URL and SMS_GATEWAY_URL for a real deployment.",
            id="identity.W001",
        )
    ]
