"""The course diagrams are drawn by code, in each language, the same every time."""

import io

import pytest
from PIL import Image

from cms.demo.diagrams import DIAGRAMS, diagram_png


@pytest.mark.parametrize("name", DIAGRAMS)
def test_each_diagram_draws_in_both_languages_the_same_every_time(name):
    fi, en = diagram_png(name, "fi"), diagram_png(name, "en")
    assert fi == diagram_png(name, "fi")
    assert fi != en  # the labels differ
    image = Image.open(io.BytesIO(fi))
    assert image.format == "PNG" and image.size == (1200, 675)


def test_an_unknown_diagram_is_an_error():
    with pytest.raises(KeyError):
        diagram_png("no-such-diagram", "fi")
