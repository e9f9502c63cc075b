"""The StreamField blocks shared by every page body of the site.

Each block names its icon, template, preview value and description, so editors see a real
preview in the block picker. Each app builds its page bodies as StreamBlocks from these.
"""

from pathlib import PurePosixPath

from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]
VIDEO_FILE_EXTENSIONS = {".mp4", ".webm", ".ogv", ".ogg"}

GROUP_TEXT = _("Text")
GROUP_MEDIA = _("Media")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        label = _("Heading")
        icon = "title"
        template = "blocks/heading.html"
        group = GROUP_TEXT
        description = _("A section heading that also appears in the page outline.")
        preview_value = {"text": "Mitä ennakointi on?", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        label = _("Paragraph")
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        group = GROUP_TEXT
        description = _("Text with bold, italics, lists and links.")
        preview_value = (
            "<p>Ennakointi on <b>tulevaisuuden vaihtoehtojen</b> järjestelmällistä "
            "tarkastelua, jotta voit tehdä parempia päätöksiä tänään.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        label = _("Image")
        icon = "image"
        template = "blocks/image.html"
        group = GROUP_MEDIA
        description = _("An image with required alternative text and an optional caption.")
        preview_value = {"alt_text": "Kaavio", "caption": "Kuvateksti"}


def _extension(name: str) -> str:
    return PurePosixPath(name.split("?", 1)[0]).suffix.lower()


class VideoBlock(blocks.StructBlock):
    """A video is accessible only with captions or a transcript (Act 306/2019)."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video_url = blocks.URLBlock(
        label=_("Embed URL"),
        required=False,
        help_text=_("An embeddable player address, or the address of a video file."),
    )
    video_file = DocumentChooserBlock(
        label=_("Video file"), required=False, help_text=_("An uploaded MP4 or WebM file.")
    )
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_("A .vtt captions file in the language of the page."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        label = _("Video")
        icon = "media"
        template = "blocks/video.html"
        group = GROUP_MEDIA
        description = _("A video with captions and/or a transcript.")
        preview_value = {
            "title": "Esittely",
            "transcript": "<p>Tekstivastine: puhuja esittelee kurssin.</p>",
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not value.get("video_url") and not value.get("video_file"):
            errors["video_url"] = ErrorList([_("Give an embed URL or choose a video file.")])
        if value.get("video_file") and _extension(value["video_file"].filename) not in (
            VIDEO_FILE_EXTENSIONS
        ):
            errors["video_file"] = ErrorList([_("Choose an MP4, WebM or Ogg video file.")])
        captions = value.get("captions")
        if captions and _extension(captions.filename) != ".vtt":
            errors["captions"] = ErrorList([_("Captions must be a WebVTT (.vtt) file.")])
        if not captions and not value.get("transcript"):
            message = _("A video needs captions or a transcript, or both.")
            errors["captions"] = ErrorList([message])
            errors["transcript"] = ErrorList([message])
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Defaults to the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=500)

    class Meta:
        label = _("Document")
        icon = "doc-full"
        template = "blocks/document.html"
        group = GROUP_MEDIA
        description = _("A file to download, shown with its type and size.")
        preview_value = {"title": "Tehtäväpohja", "description": "Tulosta ja täytä."}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("tip", _("Tip")), ("example", _("Example")), ("note", _("Note"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        label = _("Tip or example")
        icon = "help"
        template = "blocks/callout.html"
        group = GROUP_TEXT
        description = _("A highlighted tip, example or note.")
        preview_value = {
            "kind": "tip",
            "title": "Vinkki",
            "text": "<p>Varaa ennakoinnille vartti viikossa kalenterista.</p>",
        }


class LinkCardBlock(blocks.StructBlock):
    """A card leading to another page of the site; the page's own title unless given."""

    page = blocks.PageChooserBlock(label=_("Page"))
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)

    class Meta:
        label = _("Link card")
        icon = "link"
        template = "blocks/link_card.html"
        group = GROUP_TEXT
        description = _("A card that leads to another page, such as the course or the lectures.")
        preview_value = {
            "title": "Futuristitesti",
            "text": "Millainen tulevaisuusajattelija olet? Ei oikeita eikä vääriä vastauksia.",
        }


class PageBodyBlock(blocks.StreamBlock):
    """Text and media: the body of the site's own pages (about, accessibility statement),
    and the base of a lesson's body, which adds its learning blocks."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
