"""The body of a lesson or site page: parsed content blocks as StreamField data, with the
images, videos and documents they name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cms.demo.base import stable_id
from cms.demo.media import worksheet_pdf
from cms.demo.source import CONTENT_DIR

if TYPE_CHECKING:
    from collections.abc import Callable

    from cms.demo.assets import Assets

MEDIA_MAKERS: dict[str, Callable[[], bytes]] = {"time-horizons-worksheet": worksheet_pdf}


def stream_body(
    assets: Assets, blocks: list[tuple[str, Any]], language: str, key: str
) -> list[dict]:
    body = []
    for index, (block_type, value) in enumerate(blocks):
        if block_type == "image":
            value = {
                "image": assets.diagram(value["media"], language).pk,
                "alt_text": value["alt_text"],
                "caption": value["caption"],
            }
        elif block_type == "video":
            path = CONTENT_DIR / "course" / "captions" / f"{value['media']}.{language}.vtt"
            value = {
                "title": value["title"],
                "video_url": "",
                "video_file": assets.placeholder_video().pk,
                "captions": assets.captions(value["media"], language, path).pk,
                "transcript": value["transcript"],
            }
        elif block_type == "document":
            document = assets.document(
                value["media"], f"{value['media']}.pdf", MEDIA_MAKERS[value["media"]]
            )
            value = {**value, "document": document.pk}
            del value["media"]
        # Stable block ids: reflection answers are keyed by them.
        body.append({"type": block_type, "value": value, "id": stable_id(f"{key}/{index}")})
    return body
