"""When an event is published: its calendar SEQUENCE, the people who signed up, the line."""

from functools import partial

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from events import signup, tasks
from events.models import EventPage, Registration


@receiver(page_published, sender=EventPage)
def event_published(sender, instance: EventPage, **kwargs) -> None:
    fingerprint = instance.fingerprint()
    if fingerprint != instance.schedule_fingerprint:
        first = not instance.schedule_fingerprint
        EventPage.objects.filter(pk=instance.pk).update(
            schedule_fingerprint=fingerprint,
            sequence=F("sequence") if first else F("sequence") + 1,
        )
        if not first:
            transaction.on_commit(partial(tasks.tell_about_change.delay, instance.pk))
    if instance.capacity and not instance.is_cancelled:
        with transaction.atomic():
            signup.promote(instance.translation_key)  # a larger capacity seats the line


@receiver(post_delete, sender=Registration)
def seat_freed(sender, instance: Registration, **kwargs) -> None:
    """A place freed by a deleted registration (its account was erased) goes to the first
    in line, once the deletion is committed."""
    if instance.seat is not None:
        transaction.on_commit(partial(_promote, instance.event_key))


def _promote(event_key) -> None:
    with transaction.atomic():
        signup.promote(event_key)
