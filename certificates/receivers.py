"""Certificates listen to course completion; courses never import this app."""

from django.dispatch import receiver

from certificates.issuing import issue_for_completion
from courses.signals import course_completed


@receiver(course_completed, dispatch_uid="certificates_issue_on_completion")
def issue_on_completion(sender, user, course, completed_at, **kwargs):
    issue_for_completion(user, course, completed_at)
