"""Every role but citizen (which everyone is) is a Django group of the same name."""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from identity.roles import sync_role_groups

    sync_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
