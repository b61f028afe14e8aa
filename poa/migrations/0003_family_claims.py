"""The litigation clauses cover family claims (custody, visitation, guardianship) too, and the custody
clause covers them alone: the clause list again, as 0002 now holds it."""

from importlib import import_module

from django.db import migrations


def seed(apps, schema_editor):
    import_module("poa.migrations.0002_clauses").seed(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("poa", "0002_clauses")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
