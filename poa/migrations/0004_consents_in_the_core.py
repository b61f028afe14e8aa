"""The co-principals' answers move to the core's PartyConsent, which every service that asks other
parties to accept a request shares; their 48-hour window becomes the core's deadline kind."""

from django.db import migrations


def move(apps, schema_editor):
    Consent = apps.get_model("poa", "Consent")
    PartyConsent = apps.get_model("requests_tracker", "PartyConsent")
    Deadline = apps.get_model("requests_tracker", "Deadline")
    PartyConsent.objects.bulk_create(
        PartyConsent(
            request_id=consent.poa_id,
            party_id=consent.party_id,
            decision=consent.decision,
            decided_at=consent.decided_at,
        )
        for consent in Consent.objects.all()
    )
    Deadline.objects.filter(kind="poa_consent").update(kind="party_consent")


def move_back(apps, schema_editor):
    Consent = apps.get_model("poa", "Consent")
    PartyConsent = apps.get_model("requests_tracker", "PartyConsent")
    Deadline = apps.get_model("requests_tracker", "Deadline")
    Consent.objects.bulk_create(
        Consent(
            poa_id=consent.request_id,
            party_id=consent.party_id,
            decision=consent.decision,
            decided_at=consent.decided_at,
        )
        for consent in PartyConsent.objects.filter(request__service="poa")
    )
    Deadline.objects.filter(kind="party_consent", request__service="poa").update(kind="poa_consent")


class Migration(migrations.Migration):
    dependencies = [
        ("poa", "0003_family_claims"),
        ("requests_tracker", "0010_partyconsent"),
    ]

    operations = [
        migrations.RunPython(move, move_back),
        migrations.DeleteModel(name="Consent"),
    ]
