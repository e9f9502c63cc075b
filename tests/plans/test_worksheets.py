"""Worksheets (issue 15, item 5): every worksheet, in fi, sv and en, opens as a PDF form
with its named fields, in the reader's language; lessons link the one for their method."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from plans.worksheet_texts import TITLES, texts_for
from plans.worksheets import SHEETS, render_worksheet

FIELDS = {
    "pestel": {
        "business",
        "political",
        "economic",
        "social",
        "technological",
        "environmental",
        "legal",
    },
    "signal-log": {"row_1_date", "row_1_signal", "row_10_meaning"},
    "futures-wheel": {"change", "effect_1", "effect_4", "effect_1_1", "effect_4_2"},
    "scenarios": {"x", "y", "low_high", "high_low", "low_low_about", "high_high_about"},
    "futures-table": {"row_1_factor", "row_6_state_c"},
    "roadmap": {"row_1_action", "row_8_when", "row_8_who"},
    "workshop-guide": {"topic", "participants", "date"},
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("key", sorted(SHEETS))
def test_every_worksheet_is_a_form_in_its_language(key, language):
    pdf = PdfReader(io.BytesIO(render_worksheet(key, texts_for(key, language))))
    fields = pdf.get_fields()
    assert FIELDS[key] <= set(fields), set(fields)
    assert all(field.get("/TU") for field in fields.values())  # every field is named
    text = " ".join(pdf.pages[0].extract_text().split())
    with translation.override(language):
        assert str(TITLES[key][0]) in text


def test_titles_differ_by_language():
    assert texts_for("pestel", "fi").title != texts_for("pestel", "en").title
    assert texts_for("pestel", "sv").title != texts_for("pestel", "en").title


@pytest.mark.django_db
def test_the_tools_page_and_downloads(client):
    with translation.override("sv"):
        tools = reverse("tools")
        sheet = reverse("worksheet", args=["roadmap"])
        missing = reverse("worksheet", args=["ei-ole"])
    page = client.get(tools).content.decode()
    assert sheet in page
    response = client.get(sheet)
    assert response["Content-Type"] == "application/pdf"
    assert PdfReader(io.BytesIO(response.content)).get_fields()
    assert client.get(missing).status_code == 404


@pytest.mark.django_db
def test_a_lesson_links_the_worksheet_of_its_method(client, build_course):
    from tests.factories import LessonPageFactory, lesson_body

    built = build_course(lessons=1, modules=1)
    body = lesson_body()
    body[-1]["value"]["plan_step"] = "wheel"
    lesson = LessonPageFactory(parent=built.modules[0], body=body)
    with translation.override("fi"):
        url = reverse("worksheet", args=["futures-wheel"])
    assert url in client.get(lesson.url).content.decode()
