"""The header menu and footer links are cached, and publishing a page shows the change."""

import pytest

from cms.models import SiteLinks, StandardPage
from tests.factories import site_home


@pytest.fixture
def local_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_a_newly_published_menu_page_appears_and_an_unpublished_one_goes(local_cache, client, db):
    home = site_home()
    assert client.get(home.url).status_code == 200
    page = StandardPage(title="Megatrendit", slug="megatrendit", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()

    html = client.get(home.url).content.decode()
    assert f'<a href="{page.url}">Megatrendit</a>' in html

    page.unpublish()
    assert f'href="{page.url}"' not in client.get(home.url).content.decode()


def test_footer_links_follow_the_site_settings(local_cache, client, db):
    home = site_home()
    statement = StandardPage(title="Saavutettavuusseloste", slug="saavutettavuusseloste")
    home.add_child(instance=statement)
    statement.save_revision().publish()
    assert f'href="{statement.url}"' not in client.get(home.url).content.decode()

    links = SiteLinks.for_site(home.get_site())
    links.accessibility_statement = statement
    links.save()

    assert f'href="{statement.url}"' in client.get(home.url).content.decode()
