"""Match each term with its pair; options carry random tokens."""

from __future__ import annotations

import secrets

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


class MatchingPairBlock(blocks.StructBlock):
    left = blocks.CharBlock(label=gettext_lazy("Term"), max_length=200)
    right = blocks.CharBlock(label=gettext_lazy("Matches"), max_length=300)

    class Meta:
        icon = "link"
        label = gettext_lazy("Pair")


class MatchingQuestionBlock(GradedQuestionBlock):
    block_name = "matching"
    kind = "matching"
    template_name = "courses/questions/matching.html"

    pairs = blocks.ListBlock(MatchingPairBlock(), label=gettext_lazy("Pairs"), min_num=2)

    def editor_errors(self, value):
        errors = super().editor_errors(value)
        pairs = list(value.get("pairs") or [])
        lefts = [(pair.get("left") or "").strip().casefold() for pair in pairs]
        rights = [(pair.get("right") or "").strip().casefold() for pair in pairs]
        if len(pairs) < 2:
            errors["pairs"] = _("Give at least two pairs.")
        elif not all(lefts) or not all(rights):
            errors["pairs"] = _("Every pair needs both sides.")
        elif len(set(lefts)) != len(lefts) or len(set(rights)) != len(rights):
            errors["pairs"] = _("Two pairs have the same text on one side.")
        return errors

    @staticmethod
    def _pairs(value) -> dict[str, dict]:
        return {child.id: child.value for child in value["pairs"].bound_blocks}

    def draw(self, value, rng, *, shuffle_choices):
        # Options carry fresh random tokens: a pair's own id would give the answer away.
        pair_ids = item_ids(value["pairs"])
        rights = pair_ids[:]
        rng.shuffle(rights)
        return {
            "lefts": pair_ids,
            "rights": [[secrets.token_hex(6), pair_id] for pair_id in rights],
        }

    def field_names(self, spec):
        return {field_name(spec["id"]), *(field_name(spec["id"], p) for p in spec["lefts"])}

    def form(self, value, spec, post):
        pairs = self._pairs(value)
        names = {pair_id: field_name(spec["id"], pair_id) for pair_id in spec["lefts"]}
        return {
            "rights": [
                {"value": token, "label": pairs[pair_id]["right"]}
                for token, pair_id in spec["rights"]
            ],
            "lefts": [
                {
                    "label": pairs[pair_id]["left"],
                    "name": names[pair_id],
                    "selected": post.get(names[pair_id], "") if post else "",
                }
                for pair_id in spec["lefts"]
            ],
        }

    def parse(self, post, spec):
        tokens = dict(spec["rights"])
        # The question's own name carries no answer here, but an over-long value sent under
        # it is refused like any other (posted() raises).
        posted(post, field_name(spec["id"]))
        matches = {}
        for pair in spec["lefts"]:
            raw = posted(post, field_name(spec["id"], pair))
            if len(raw) != 1 or not raw[0]:
                raise AnswerError(_("Match every term."))
            if raw[0] not in tokens:
                raise AnswerError(_("This answer is not one of the choices."))
            matches[pair] = tokens[raw[0]]
        if len(set(matches.values())) != len(matches):
            raise AnswerError(_("Each option can be used only once."))
        return matches

    def grade(self, value, spec, answer, *, partial_credit):
        pairs = item_ids(value["pairs"])
        right = sum(1 for pair in pairs if (answer or {}).get(pair) == pair)
        return (right / len(pairs) if partial_credit else float(right == len(pairs))), []

    def review(self, value, spec, answer, *, reveal):
        pairs = self._pairs(value)
        answer = answer or {}
        return {
            "matches": [
                {
                    "left": pairs[pair_id]["left"],
                    "chosen": pairs[answer[pair_id]]["right"]
                    if answer.get(pair_id) in pairs
                    else "",
                    "right": answer.get(pair_id) == pair_id if reveal else None,
                    "correct_answer": pairs[pair_id]["right"] if reveal else None,
                }
                for pair_id in spec["lefts"]
            ]
        }

    class Meta:
        icon = "link"
        label = gettext_lazy("Matching")
        group = GROUP_GRADED
        template = "blocks/question.html"
        description = gettext_lazy("Match each term with its pair.")
        preview_value = {
            "prompt": "<p>Yhdistä käsite ja merkitys.</p>",
            "pairs": [
                {"left": "Megatrendi", "right": "Laaja, hidas muutoksen kaari"},
                {"left": "Heikko signaali", "right": "Varhainen merkki muutoksesta"},
            ],
            "explanation": "<p>Katso sanasto.</p>",
        }
