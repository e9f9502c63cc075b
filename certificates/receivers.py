"""Certificates listen to course completion (courses never import this app), and hand the
rendering work the rules announce to Celery."""

from django.dispatch import receiver

from certificates import queue
from certificates.issuing import issue_for_completion
from certificates.signals import regeneration_continues, render_needed
from courses.signals import course_completed


@receiver(course_completed, dispatch_uid="certificates_issue_on_completion")
def issue_on_completion(sender, user, course, completed_at, **kwargs):
    issue_for_completion(user, course, completed_at)


@receiver(render_needed, dispatch_uid="certificates_enqueue_render")
def enqueue_render(sender, certificate_id: int, **kwargs):
    queue.enqueue_render(certificate_id)


@receiver(regeneration_continues, dispatch_uid="certificates_enqueue_regeneration")
def enqueue_regeneration(sender, job_id: int, **kwargs):
    queue.enqueue_regeneration(job_id)
