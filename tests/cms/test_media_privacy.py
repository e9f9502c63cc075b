"""Private documents are served only through Wagtail's document view, which checks the
collection's restriction; nothing but images is a public file under /media/."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import DocumentFactory, ImageFactory


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="Vain kirjautuneille")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return DocumentFactory(collection=collection)


def test_the_document_view_asks_for_a_login(client, private_document):
    response = client.get(private_document.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_file_is_not_served_under_media(client, private_document):
    assert client.get(f"/media/{private_document.file.name}").status_code == 404


def test_images_are_served_under_media(client, db):
    image = ImageFactory()

    response = client.get(f"/media/{image.file.name}")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image.file.open("rb").read()


@pytest.mark.parametrize("path", ["documents/x.pdf", "../cms/settings/base.py", "images/../x"])
def test_nothing_else_under_media(client, db, path):
    assert client.get(f"/media/{path}").status_code == 404
