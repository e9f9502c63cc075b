"""What the certificate rules announce, for the edges that hand work to Celery."""

from django.dispatch import Signal

# Sent after the transaction commits, once a certificate is ready to be drawn (new,
# name confirmed, re-issued). Argument: certificate_id.
render_needed = Signal()

# Sent after the transaction commits while a regeneration job has chunks left.
# Argument: job_id.
regeneration_continues = Signal()
