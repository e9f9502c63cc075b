"""Settings for the Celery workers of the drills: the test settings, with every email
written to a file in EMAIL_FILE_PATH, so the test can count the emails a worker sent."""

import os

from cms.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
