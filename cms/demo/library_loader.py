"""The lecture library in one language, from `content/lectures/`: its index page, the guest
speakers (snippets), and the guest-lecture and future-workshop pages with their placeholder
video, captions and slides."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from cms.demo import source
from cms.demo.base import stable_id, translation_key
from cms.demo.media import initials_png, slides_pdf
from cms.demo.source import CONTENT_DIR, rich_text
from cms.models import (
    GuestLectureIndexPage,
    GuestLecturePage,
    LectureModuleLink,
    LectureSpeaker,
    Speaker,
)

if TYPE_CHECKING:
    from wagtail.models import Page

    from cms.demo.assets import Assets
    from cms.demo.base import LoadRun
    from cms.demo.source import TextDocument
    from cms.models import HomePage
    from courses.models import ModulePage

LECTURES_DIR = CONTENT_DIR / "lectures"


class LibraryLoader:
    def __init__(self, run: LoadRun, assets: Assets):
        self.run = run
        self.assets = assets

    def load(
        self, home: HomePage, language: str, modules: dict[str, ModulePage], index_text: dict
    ) -> Page:
        """Loads the library under `home` and returns its index page."""
        index = self.run.ensure(
            home,
            "lectures",
            language,
            lambda: GuestLectureIndexPage(
                title=index_text["title"],
                slug=index_text["slug"],
                intro=rich_text(index_text["intro"]),
                search_description=index_text.get("description", ""),
                show_in_menus=True,
            ),
        )
        speakers = self._speakers(language)
        for path in sorted(LECTURES_DIR.glob(f"*.{language}.md")):
            name = path.name.split(".", 1)[0]
            self.run.ensure(
                index,
                f"lecture/{name}",
                language,
                lambda path=path, name=name: self._lecture(
                    name, source.read_text_document(path), language, speakers, modules
                ),
            )
        return index

    def _speakers(self, language: str) -> dict[str, Speaker]:
        locale = self.run.locales[language]
        speakers = {}
        for entry in source.read_yaml(LECTURES_DIR / "speakers.yaml"):
            key = translation_key(f"speaker/{entry['key']}")
            speaker = Speaker.objects.filter(translation_key=key, locale=locale).first()
            if speaker is None:
                speaker = Speaker.objects.create(
                    translation_key=key,
                    locale=locale,
                    name=entry["name"],
                    title=entry["title"][language],
                    organisation=entry["organisation"][language],
                    photo=self.assets.image(
                        f"Puhuja – speaker: {entry['name']}",
                        f"speaker-{entry['key']}.png",
                        lambda entry=entry: initials_png(entry["name"]),
                    ),
                )
                self.run.made(f"speaker ({language}): {speaker.name}")
            speakers[entry["key"]] = speaker
        return speakers

    def _lecture(
        self,
        name: str,
        text: TextDocument,
        language: str,
        speakers: dict[str, Speaker],
        modules: dict[str, ModulePage],
    ) -> GuestLecturePage:
        meta = text.meta
        title = meta["title"]
        slides = self.assets.document(
            f"{title} – {'diat' if language == 'fi' else 'slides'}",
            f"{name}-slides-{language}.pdf",
            lambda: slides_pdf(title, meta["slides"], language),
        )
        captions = self.assets.captions(
            name, language, LECTURES_DIR / "captions" / f"{name}.{language}.vtt"
        )
        page = GuestLecturePage(
            title=title,
            slug=meta["slug"],
            kind=meta["kind"],
            # YAML reads an unquoted date as a date, a quoted one as text.
            date=meta["date"]
            if isinstance(meta["date"], datetime.date)
            else datetime.date.fromisoformat(meta["date"]),
            event=meta.get("event", ""),
            summary="".join(value for kind, value in text.blocks if kind == "paragraph"),
            search_description=meta.get("description", ""),
            video=[
                {
                    "type": "video",
                    "value": {
                        "title": meta["video_title"],
                        "video_url": "",
                        "video_file": self.assets.placeholder_video().pk,
                        "captions": captions.pk,
                        "transcript": rich_text(meta["transcript"]),
                    },
                    "id": stable_id(f"lecture/{name}/{language}/video"),
                }
            ],
            slides=slides,
        )
        page.tags.add(*meta.get("themes", []))
        page.speakers = [LectureSpeaker(speaker=speakers[key]) for key in meta["speakers"]]
        page.module_links = [
            LectureModuleLink(module=modules[key]) for key in meta.get("modules", [])
        ]
        return page
