import pytest
from django.db import transaction

from cms.demo.loader import DemoLoader


@pytest.fixture(scope="module")
def loaded_site(django_db_setup, django_db_blocker):
    """The whole site content, loaded once for a test module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        DemoLoader().run()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def site_content(loaded_site, db):
    """Each test runs inside the module's loaded content; its own changes roll back."""


@pytest.fixture(autouse=True)
def _media_root():
    """The module's content keeps its files where the loader saved them."""
