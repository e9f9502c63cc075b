"""The reader of content/: Markdown and `::: blocks` become StreamField data, and a file
that breaks the format is named with what is wrong."""

import re

import pytest

from cms.demo import source
from cms.demo.source import CONTENT_DIR, ContentError, parse_body, rich_text


def test_markdown_becomes_wagtail_rich_text():
    html = rich_text("Some **bold** and *italic* text.\n\n- one\n- two")
    assert html == (
        "<p>Some <b>bold</b> and <i>italic</i> text.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )


def test_body_splits_into_headings_paragraphs_and_directive_blocks():
    blocks = parse_body(
        "Intro text.\n\n## A section\n\nMore.\n\n"
        "::: callout example A café in Kotka\nThe *example*.\n:::\n\n"
        "::: reflection\nprompt: What about your firm?\nhint: A few sentences.\n:::\n\n"
        "::: image futures-cone\nalt: A cone of futures\ncaption: The cone\n:::\n"
        "### Sub\nEnd."
    )
    assert [kind for kind, _ in blocks] == [
        "paragraph",
        "heading",
        "paragraph",
        "callout",
        "reflection",
        "image",
        "heading",
        "paragraph",
    ]
    assert blocks[1][1] == {"text": "A section", "level": "h2"}
    assert blocks[3][1] == {
        "kind": "example",
        "title": "A café in Kotka",
        "text": "<p>The <i>example</i>.</p>",
    }
    assert blocks[4][1] == {
        "prompt": "What about your firm?",
        "hint": "A few sentences.",
        "plan_step": "",  # no `plan:`: the answer feeds no step of the foresight plan
    }
    assert blocks[5][1]["media"] == "futures-cone"
    assert blocks[6][1]["level"] == "h3"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("::: reflection\nprompt: never closed\n", "never closed"),
        ("::: image futures-cone\ncaption: no alt\n:::", "needs alt"),
        ("::: reflection\nhint: no prompt\n:::", "needs prompt"),
        ("::: callout warning Title\ntext\n:::", "not tip/example/note"),
        ("::: quiz\n:::", "unknown block"),
        ("::: reflection\nprompt: [unclosed\n:::", "reflection"),
    ],
)
def test_a_broken_block_is_named(body, message):
    with pytest.raises(ContentError, match=re.escape(message)):
        parse_body(body, "lesson.fi.md")


def test_every_content_file_parses_and_both_languages_have_the_same_keys():
    modules = source.course_modules()
    assert len(modules) == 6
    for module in modules:
        for lesson in module.lessons:
            fi, en = lesson.text["fi"], lesson.text["en"]
            assert {"title", "slug", "minutes"} <= set(fi.meta) and set(fi.meta) == set(en.meta)
            assert [k for k, _ in fi.blocks if k != "paragraph"] == [
                k for k, _ in en.blocks if k != "paragraph"
            ], lesson.key
        fi_quiz, en_quiz = module.quiz["fi"], module.quiz["en"]
        assert [q["key"] for q in fi_quiz["questions"]] == [q["key"] for q in en_quiz["questions"]]
        for fi_q, en_q in zip(fi_quiz["questions"], en_quiz["questions"], strict=True):
            assert fi_q["type"] == en_q["type"]
            for fi_c, en_c in zip(fi_q.get("choices", []), en_q.get("choices", []), strict=True):
                assert bool(fi_c.get("correct")) == bool(en_c.get("correct")), fi_q["key"]
            assert fi_q.get("answer") == en_q.get("answer")
    glossary = {
        lang: source.read_yaml(CONTENT_DIR / f"glossary.{lang}.yaml") for lang in "fi en".split()
    }
    assert [t["key"] for t in glossary["fi"]] == [t["key"] for t in glossary["en"]]
    assert [t["lesson"] for t in glossary["fi"]] == [t["lesson"] for t in glossary["en"]]


def test_every_caption_file_is_webvtt_within_the_placeholder_video():
    files = list(CONTENT_DIR.glob("**/*.vtt"))
    assert len(files) >= 8
    cue = re.compile(r"^(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d)\.(\d{3})$", re.M)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("WEBVTT\n"), path
        cues = cue.findall(text)
        assert cues, path
        for m1, s1, ms1, m2, s2, ms2 in cues:
            start = int(m1) * 60 + int(s1) + int(ms1) / 1000
            end = int(m2) * 60 + int(s2) + int(ms2) / 1000
            assert 0 <= start < end <= 12, path
