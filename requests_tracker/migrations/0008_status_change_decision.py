from django.db import migrations, models


def notes_to_decisions(apps, schema_editor):
    """Until now the note of a return, a rejection, an execution order or a step the system took was
    written for the parties: it becomes the step's decision, and the internal note starts empty."""
    StatusChange = apps.get_model("requests_tracker", "StatusChange")
    for_parties = models.Q(to_status__in=["returned", "rejected", "in_execution"]) | models.Q(actor__isnull=True)
    StatusChange.objects.filter(for_parties).exclude(note="").update(decision=models.F("note"), note="")


def decisions_to_notes(apps, schema_editor):
    StatusChange = apps.get_model("requests_tracker", "StatusChange")
    StatusChange.objects.exclude(decision="").update(note=models.F("decision"))


class Migration(migrations.Migration):
    dependencies = [("requests_tracker", "0007_indexes_for_queues_and_notices")]

    operations = [
        migrations.AddField(
            model_name="statuschange",
            name="decision",
            field=models.TextField(
                blank=True,
                help_text="The legal text of the step (an order, the reasons of a return or rejection), read by the parties.",
                verbose_name="decision",
            ),
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="note",
            field=models.TextField(blank=True, help_text="Read by staff only.", verbose_name="internal note"),
        ),
        migrations.RunPython(notes_to_decisions, decisions_to_notes),
    ]
