"""Certificates and test attempts name the person, so training follows them between seats."""

import django.db.models.deletion
from django.db import migrations, models


def fill_person(apps, schema_editor):  # type: ignore[no-untyped-def]
    Member = apps.get_model("commissions", "Member")
    for model_name in ("Certificate", "TestAttempt"):
        model = apps.get_model("commissions", model_name)
        model.objects.update(
            person_id=models.Subquery(
                Member.objects.filter(pk=models.OuterRef("member_id")).values("person_id")[:1]
            )
        )


class Migration(migrations.Migration):
    dependencies = [("commissions", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificates",
                to="commissions.person",
            ),
        ),
        migrations.AddField(
            model_name="testattempt",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attempts",
                to="commissions.person",
            ),
        ),
        migrations.RunPython(fill_person, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificates",
                to="commissions.person",
            ),
        ),
        migrations.AlterField(
            model_name="testattempt",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attempts",
                to="commissions.person",
            ),
        ),
        migrations.RemoveIndex(model_name="certificate", name="commissions_member__d50b49_idx"),
        migrations.RemoveIndex(model_name="testattempt", name="commissions_member__61c8e8_idx"),
        migrations.AddIndex(
            model_name="certificate",
            index=models.Index(fields=["person", "valid_until"], name="commissions_cert_person"),
        ),
        migrations.AddIndex(
            model_name="testattempt",
            index=models.Index(
                fields=["person", "kind", "passed"], name="commissions_attempt_person"
            ),
        ),
    ]
