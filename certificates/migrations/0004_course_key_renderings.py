"""One current certificate per learner and course whatever the language (the course's
translation key), and the hash of every rendering ever issued."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models
from django.db.models import Q


def fill(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    CertificateRendering = apps.get_model("certificates", "CertificateRendering")
    Page = apps.get_model("wagtailcore", "Page")
    keys = dict(Page.objects.values_list("id", "translation_key"))
    current = {}
    for certificate in Certificate.objects.order_by("created_at", "pk"):
        certificate.course_key = keys[certificate.course_id]
        if certificate.is_current:
            first = current.setdefault((certificate.user_id, certificate.course_key), certificate)
            if first.pk != certificate.pk:
                # A second certificate for another translation: the first one stands.
                certificate.is_current = False
                certificate.superseded_by_id = first.pk
        certificate.save()
        if certificate.pdf_sha256:
            CertificateRendering.objects.get_or_create(
                certificate=certificate,
                sha256=certificate.pdf_sha256,
                defaults={"rendered_at": certificate.rendered_at or certificate.created_at},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_course_certificate"),
        ("courses", "0006_translation_keys"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="certificate", name="one_current_certificate_per_course"
        ),
        migrations.AddField(
            model_name="certificate",
            name="course_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.CreateModel(
            name="CertificateRendering",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sha256", models.CharField(max_length=64)),
                ("rendered_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "certificate",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="renderings",
                        to="certificates.certificate",
                    ),
                ),
            ],
            options={
                "verbose_name": "certificate rendering",
                "verbose_name_plural": "certificate renderings",
                "indexes": [models.Index(fields=["sha256"], name="certificate_sha256_cf3962_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("certificate", "sha256"), name="unique_rendering_per_certificate"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="course_key",
            field=models.UUIDField(editable=False),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.UniqueConstraint(
                condition=Q(is_current=True),
                fields=("user", "course_key"),
                name="one_current_certificate_per_course",
            ),
        ),
    ]
