import os

from django.core.wsgi import get_wsgi_application

from core.process import tune_garbage_collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()
tune_garbage_collector()
