"""The Wagtail images and documents the content uses, found by title or made once."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.demo.diagrams import diagram_png
from cms.demo.media import MEDIA_DIR

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from cms.demo.base import LoadRun


class Assets:
    """Images and documents by title. Titles are the keys: an editor may replace a file but
    keep its title, and the loader then uses the editor's file."""

    def __init__(self, run: LoadRun):
        self.run = run
        # Many pages share one video or diagram; look each up once a run.
        self._images: dict[str, Any] = {}
        self._documents: dict[str, Any] = {}

    def image(self, title: str, filename: str, make: Callable[[], bytes]) -> Any:
        if title not in self._images:
            Image = get_image_model()
            image = Image.objects.filter(title=title).first()
            if image is None:
                image = Image(title=title, file=ImageFile(io.BytesIO(make()), name=filename))
                image.save()
                self.run.made(f"image: {title}")
            self._images[title] = image
        return self._images[title]

    def document(self, title: str, filename: str, make: Callable[[], bytes]) -> Any:
        if title not in self._documents:
            Document = get_document_model()
            document = Document.objects.filter(title=title).first()
            if document is None:
                document = Document(title=title)
                document.file.save(filename, ContentFile(make()), save=False)
                document.save()
                self.run.made(f"document: {title}")
            self._documents[title] = document
        return self._documents[title]

    def diagram(self, name: str, language: str) -> Any:
        return self.image(
            f"{name} ({language})", f"{name}-{language}.png", lambda: diagram_png(name, language)
        )

    def placeholder_video(self) -> Any:
        return self.document(
            "Paikkamerkkivideo – placeholder video",
            "placeholder-video.webm",
            (MEDIA_DIR / "placeholder-video.webm").read_bytes,
        )

    def captions(self, name: str, language: str, path: Path) -> Any:
        return self.document(
            f"Tekstitys – captions: {name} ({language})", f"{name}.{language}.vtt", path.read_bytes
        )
