"""Media blocks refuse content that some learners could not use."""

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks.struct_block import StructBlockValidationError

from core.blocks import ImageBlock, VideoBlock
from tests.factories import DocumentFactory, ImageFactory


def document(filename: str):
    return DocumentFactory(title=filename, file=ContentFile(b"data", name=filename))


def clean(block, raw: dict):
    return block.clean(block.to_python(raw))


@pytest.fixture
def captions(db):
    return document("captions.vtt")


def video(**fields) -> dict:
    return {"title": "Esittely", "video_url": "https://example.com/video.mp4", **fields}


class TestVideoBlock:
    def test_video_with_captions_is_valid(self, captions):
        value = clean(VideoBlock(), video(captions=captions.id))
        assert value["captions"].id == captions.id

    def test_video_with_transcript_only_is_valid(self, db):
        assert clean(VideoBlock(), video(transcript="<p>Puhuja esittelee kurssin.</p>"))

    def test_video_without_captions_or_transcript_is_refused(self, db):
        with pytest.raises(StructBlockValidationError) as caught:
            clean(VideoBlock(), video())
        assert set(caught.value.block_errors) == {"captions", "transcript"}

    @pytest.mark.parametrize("filename", ["captions.srt", "captions.txt", "captions.vtt.pdf"])
    def test_captions_must_be_webvtt(self, db, filename):
        with pytest.raises(StructBlockValidationError) as caught:
            clean(VideoBlock(), video(captions=document(filename).id, transcript="<p>T</p>"))
        assert set(caught.value.block_errors) == {"captions"}

    def test_video_needs_a_url_or_a_file(self, captions):
        with pytest.raises(StructBlockValidationError) as caught:
            clean(VideoBlock(), video(video_url="", captions=captions.id))
        assert "video_url" in caught.value.block_errors

    def test_uploaded_video_must_be_a_video_file(self, captions):
        raw = video(video_url="", video_file=document("slides.pdf").id, captions=captions.id)
        with pytest.raises(StructBlockValidationError) as caught:
            clean(VideoBlock(), raw)
        assert set(caught.value.block_errors) == {"video_file"}

        raw["video_file"] = document("intro.webm").id
        assert clean(VideoBlock(), raw)["video_file"].filename.startswith("intro")


class TestImageBlock:
    def test_image_requires_alt_text(self, db):
        image = ImageFactory()
        with pytest.raises(StructBlockValidationError) as caught:
            clean(ImageBlock(), {"image": image.id, "alt_text": "", "caption": ""})
        assert set(caught.value.block_errors) == {"alt_text"}

    def test_image_with_alt_text_is_valid(self, db):
        image = ImageFactory()
        value = clean(ImageBlock(), {"image": image.id, "alt_text": "Tulevaisuuskartio"})
        assert value["alt_text"] == "Tulevaisuuskartio"
