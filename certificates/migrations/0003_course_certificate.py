# Moves the course -> certificate template link from CoursePage into this app, so that
# courses never depends on certificates.

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    CourseCertificate = apps.get_model("certificates", "CourseCertificate")
    CourseCertificate.objects.bulk_create(
        CourseCertificate(course_id=course_id, template_id=template_id)
        for course_id, template_id in CoursePage.objects.exclude(
            certificate_template=None
        ).values_list("id", "certificate_template_id")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('certificates', '0002_regenerationjob'),
        ('courses', '0004_quizattempt_rules'),
    ]
    # The links are copied before courses drops the old column.
    run_before = [
        ('courses', '0005_remove_coursepage_certificate_template'),
    ]

    operations = [
        migrations.CreateModel(
            name='CourseCertificate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('course', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='courses.coursepage', verbose_name='course')),
                ('template', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='course_links', to='certificates.certificatetemplate', verbose_name='certificate template')),
            ],
            options={
                'verbose_name': 'course certificate',
                'verbose_name_plural': 'course certificates',
            },
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
    ]
