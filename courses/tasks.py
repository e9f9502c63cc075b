"""Course work done in the background by the Celery worker (eagerly without a broker)."""

from uuid import UUID

from celery import shared_task

from courses import completion


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=2,
    max_retries=5,
)
def reevaluate_completion_task(course_key: str) -> int:
    return completion.reevaluate(UUID(course_key))
