import time
from datetime import timedelta

from celery import Task, shared_task
from celery.signals import worker_ready
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
def sweep_pending_certificates(pending_since: float | None = None) -> int:
    """The periodic sweep (celery beat); with `pending_since` (a Unix time), every
    certificate created before then that is still pending."""
    if pending_since is None:
        return issuing.sweep()
    return issuing.sweep(older_than=timedelta(seconds=max(0.0, time.time() - pending_since)))


@worker_ready.connect
def sweep_on_worker_start(sender, **kwargs) -> None:
    """A worker that starts (after a crash, say) renders at once what was pending before it:
    a render that died with its worker would otherwise wait for the broker's visibility
    timeout. Certificates created later have their own tasks, and a render that is running
    keeps its row locked, so the sweep skips it."""
    sweep_pending_certificates.delay(pending_since=time.time())


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=2,
    max_retries=5,
)
def regenerate_chunk_task(job_id: int) -> bool:
    return issuing.regenerate_chunk(job_id)
