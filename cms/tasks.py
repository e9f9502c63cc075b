from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled() -> None:
    """Publishes and unpublishes pages whose scheduled time has come (run by celery beat)."""
    call_command("publish_scheduled")
