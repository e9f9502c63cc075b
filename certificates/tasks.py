import time

from celery import Task, shared_task
from django.conf import settings

from certificates import issuing


class RenderTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Retries are used up: make the failure visible to staff instead of losing it.
        issuing.mark_failed(args[0], f"{type(exc).__name__}: {exc}")


@shared_task(
    base=RenderTask,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
)
def render_certificate_task(certificate_id: int) -> None:
    if settings.CERTIFICATE_RENDER_DELAY:
        time.sleep(settings.CERTIFICATE_RENDER_DELAY)
    issuing.render(certificate_id)


@shared_task
def sweep_pending_certificates() -> int:
    return issuing.sweep()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=2,
    max_retries=5,
)
def regenerate_chunk_task(job_id: int) -> bool:
    return issuing.regenerate_chunk(job_id)
