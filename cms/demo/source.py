"""Reads the site's content from its reviewable text form in `content/` (see its README).

Prose is Markdown with YAML front matter; `::: kind` blocks become StreamField blocks.
Everything here is plain data: the loader turns it into pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
import yaml
from django.conf import settings

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
LANGUAGES = ("fi", "en")

_DIRECTIVE = re.compile(r"^:::\s*(?P<kind>[a-z]+)\s*(?P<args>.*?)\s*$")
_HEADING = re.compile(r"^(?P<marks>#{2,3})\s+(?P<text>.+?)\s*$")
_FRONT_MATTER = re.compile(r"\A---\n(?P<meta>.*?)\n---\n?(?P<body>.*)\Z", re.DOTALL)
# Wagtail's rich text stores <b> and <i>; its editor reads those back.
_RICH_TEXT_TAGS = {"strong": "b", "em": "i"}


class ContentError(ValueError):
    """A content file does not follow content/README.md."""


@dataclass
class TextDocument:
    path: Path
    meta: dict[str, Any]
    blocks: list[tuple[str, Any]] = field(default_factory=list)


def rich_text(source: str) -> str:
    """Markdown to the HTML Wagtail keeps in a rich text field."""
    html = markdown.markdown(source.strip(), extensions=["sane_lists"], output_format="html")
    for tag, replacement in _RICH_TEXT_TAGS.items():
        html = html.replace(f"<{tag}>", f"<{replacement}>").replace(
            f"</{tag}>", f"</{replacement}>"
        )
    return html


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContentError(f"{path} is missing") from error


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(_read(path))
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: {error}") from error


def read_text_document(path: Path) -> TextDocument:
    match = _FRONT_MATTER.match(_read(path))
    if match is None:
        raise ContentError(f"{path}: no front matter between --- lines")
    try:
        meta = yaml.safe_load(match["meta"]) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: front matter: {error}") from error
    return TextDocument(path=path, meta=meta, blocks=parse_body(match["body"], path))


def parse_body(text: str, path: Path | str = "<body>") -> list[tuple[str, Any]]:
    blocks: list[tuple[str, Any]] = []
    prose: list[str] = []

    def flush_prose():
        source = "\n".join(prose).strip()
        prose.clear()
        if source:
            blocks.append(("paragraph", rich_text(source)))

    lines = iter(text.splitlines())
    for line in lines:
        directive = _DIRECTIVE.match(line)
        heading = _HEADING.match(line)
        if directive and directive["kind"]:
            flush_prose()
            inner = []
            for inner_line in lines:
                if inner_line.strip() == ":::":
                    break
                inner.append(inner_line)
            else:
                raise ContentError(f"{path}: ‘::: {directive['kind']}’ is never closed")
            blocks.append(_directive(directive["kind"], directive["args"], "\n".join(inner), path))
        elif heading:
            flush_prose()
            level = "h2" if len(heading["marks"]) == 2 else "h3"
            blocks.append(("heading", {"text": heading["text"], "level": level}))
        else:
            prose.append(line)
    flush_prose()
    return blocks


def _yaml_body(source: str, path, kind: str, required: tuple[str, ...]) -> dict:
    try:
        value = yaml.safe_load(source) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{path}: ‘::: {kind}’: {error}") from error
    missing = [key for key in required if not value.get(key)]
    if missing:
        raise ContentError(f"{path}: ‘::: {kind}’ needs {', '.join(missing)}")
    return value


def _directive(kind: str, args: str, source: str, path) -> tuple[str, Any]:
    if kind == "callout":
        callout_kind, _, title = args.partition(" ")
        if callout_kind not in ("tip", "example", "note"):
            raise ContentError(f"{path}: callout kind ‘{callout_kind}’ is not tip/example/note")
        return "callout", {"kind": callout_kind, "title": title, "text": rich_text(source)}
    if kind == "reflection":
        value = _yaml_body(source, path, kind, ("prompt",))
        return "reflection", {
            "prompt": value["prompt"].strip(),
            "hint": value.get("hint") or "",
            "plan_step": value.get("plan") or "",
        }
    if kind == "image":
        value = _yaml_body(source, path, kind, ("alt",))
        return "image", {
            "media": args,
            "alt_text": value["alt"],
            "caption": value.get("caption", ""),
        }
    if kind == "video":
        value = _yaml_body(source, path, kind, ("title",))
        transcript = rich_text(value["transcript"]) if value.get("transcript") else ""
        return "video", {"media": args, "title": value["title"], "transcript": transcript}
    if kind == "document":
        value = _yaml_body(source, path, kind, ("title",))
        return "document", {
            "media": args,
            "title": value["title"],
            "description": value.get("description", ""),
        }
    raise ContentError(f"{path}: unknown block ‘::: {kind}’")


# The course ------------------------------------------------------------------------------


@dataclass
class Lesson:
    key: str
    text: dict[str, TextDocument]


@dataclass
class Module:
    key: str
    text: dict[str, dict]
    lessons: list[Lesson]
    quiz: dict[str, dict] | None


def per_language(folder: Path, stem: str, suffix: str, reader=read_yaml) -> dict[str, Any]:
    return {language: reader(folder / f"{stem}.{language}.{suffix}") for language in LANGUAGES}


def course_modules(course_dir: Path | None = None) -> list[Module]:
    course_dir = course_dir or CONTENT_DIR / "course"
    modules = []
    for folder in sorted(path for path in course_dir.iterdir() if path.is_dir()):
        if not re.match(r"m\d+-", folder.name):
            continue
        lesson_stems = sorted(
            {path.name.split(".", 1)[0] for path in folder.glob("l*-*.md")},
            key=lambda stem: int(re.match(r"l(\d+)", stem)[1]),
        )
        modules.append(
            Module(
                key=folder.name,
                text=per_language(folder, "module", "yaml"),
                lessons=[
                    Lesson(
                        key=f"{folder.name}/{stem}",
                        text=per_language(folder, stem, "md", read_text_document),
                    )
                    for stem in lesson_stems
                ],
                quiz=per_language(folder, "quiz", "yaml")
                if (folder / "quiz.fi.yaml").exists()
                else None,
            )
        )
    return sorted(modules, key=lambda module: int(re.match(r"m(\d+)", module.key)[1]))
