"""The edge where certificate work is handed to Celery, on commit of what asked for it.

The rules announce work with signals (`certificates.signals`); the receivers call these.
With the broker down a certificate stays pending and the periodic sweep renders it later:
the completion itself is never lost.
"""

import logging

from certificates import issuing
from certificates.tasks import regenerate_chunk_task, render_certificate_task

logger = logging.getLogger(__name__)


def enqueue_render(certificate_id: int) -> bool:
    try:
        render_certificate_task.delay(certificate_id)
    except Exception as error:
        if render_certificate_task.app.conf.task_always_eager:
            # Run in-process, the task itself failed: record it where staff look.
            logger.exception("Rendering certificate %s failed", certificate_id)
            issuing.mark_failed(certificate_id, f"{type(error).__name__}: {error}")
        else:
            logger.exception("Could not enqueue certificate %s; the sweep will", certificate_id)
        return False
    return True


def enqueue_regeneration(job_id: int) -> None:
    try:
        regenerate_chunk_task.delay(job_id)
    except Exception:
        logger.exception("Could not enqueue regeneration job %s", job_id)
