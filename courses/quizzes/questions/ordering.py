"""Put items in order; always shown shuffled."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from courses.quizzes.questions.base import (
    GROUP_GRADED,
    AnswerError,
    GradedQuestionBlock,
    field_name,
    item_ids,
    posted,
)


class OrderingQuestionBlock(GradedQuestionBlock):
    block_name = "ordering"
    kind = "ordering"
    template_name = "courses/questions/ordering.html"

    items = blocks.ListBlock(
        blocks.CharBlock(label=gettext_lazy("Item"), max_length=300),
        label=gettext_lazy("Items in the correct order"),
        min_num=2,
        help_text=gettext_lazy("Learners see the items shuffled and put them in this order."),
    )

    def editor_errors(self, value):
        errors = super().editor_errors(value)
        items = [(item or "").strip().casefold() for item in value.get("items") or []]
        if len(items) < 2:
            errors["items"] = _("Give at least two items.")
        elif len(set(items)) != len(items):
            errors["items"] = _("Two items have the same text.")
        return errors

    def draw(self, value, rng, *, shuffle_choices):
        # Always shuffled: in the editor's order the page itself would give the answer away.
        correct = item_ids(value["items"])
        order = correct[:]
        while len(order) > 1 and order == correct:
            rng.shuffle(order)
        return {"items": order}

    def field_names(self, spec):
        return {field_name(spec["id"]), *(field_name(spec["id"], i) for i in spec["items"])}

    def form(self, value, spec, post):
        texts = {child.id: child.value for child in value["items"].bound_blocks}
        names = {item: field_name(spec["id"], item) for item in spec["items"]}
        return {
            "positions": list(range(1, len(spec["items"]) + 1)),
            "items": [
                {
                    "label": texts[item],
                    "name": names[item],
                    "selected": post.get(names[item], "") if post else "",
                }
                for item in spec["items"]
            ],
        }

    def parse(self, post, spec):
        items = spec["items"]
        # The question's own name carries no answer here, but an over-long value sent under
        # it is refused like any other (posted() raises).
        posted(post, field_name(spec["id"]))
        positions = {}
        for item in items:
            raw = posted(post, field_name(spec["id"], item))
            if len(raw) != 1 or not raw[0]:
                raise AnswerError(_("Give every item a position."))
            if not (raw[0].isascii() and raw[0].isdigit() and 1 <= int(raw[0]) <= len(items)):
                raise AnswerError(_("Positions go from 1 to %(count)s.") % {"count": len(items)})
            positions[item] = int(raw[0])
        if len(set(positions.values())) != len(items):
            raise AnswerError(_("Each position can be used only once."))
        return sorted(items, key=positions.__getitem__)

    def grade(self, value, spec, answer, *, partial_credit):
        expected = item_ids(value["items"])
        right = sum(1 for a, b in zip(answer or [], expected, strict=False) if a == b)
        return (right / len(expected) if partial_credit else float(answer == expected)), []

    def review(self, value, spec, answer, *, reveal):
        texts = {child.id: child.value for child in value["items"].bound_blocks}
        row = {"your_order": [texts[item] for item in answer or []]}
        if reveal:
            row["correct_order"] = [child.value for child in value["items"].bound_blocks]
        return row

    class Meta:
        icon = "list-ol"
        label = gettext_lazy("Ordering")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = gettext_lazy("Put the items in the right order.")
        preview_value = {
            "prompt": "<p>Järjestä aikajänteet lyhyimmästä pisimpään.</p>",
            "items": ["1–3 vuotta", "4–5 vuotta", "yli 6 vuotta"],
            "explanation": "<p>Kymenlaakson mallin aikajänteet.</p>",
        }
