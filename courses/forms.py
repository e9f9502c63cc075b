from django import forms
from django.conf import settings


class ReflectionForm(forms.Form):
    """One text field per reflection prompt of a lesson, named after the prompt's block id."""

    def __init__(self, lesson, *args, **kwargs):
        initial = kwargs.pop("initial", {})
        super().__init__(*args, **kwargs)
        self.prompt_ids = []
        for block in lesson.reflection_prompts:
            self.prompt_ids.append(block.id)
            self.fields[self.field_name(block.id)] = forms.CharField(
                label=block.value["prompt"],
                required=False,
                max_length=settings.REFLECTION_MAX_LENGTH,
                initial=initial.get(block.id, ""),
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    @staticmethod
    def field_name(prompt_id: str) -> str:
        return f"reflection-{prompt_id}"

    def bound_field(self, prompt_id: str):
        return self[self.field_name(prompt_id)]

    def answers(self) -> dict[str, str]:
        """Only the prompts the learner sent; a field left out of the POST is left alone."""
        return {
            prompt_id: self.cleaned_data[self.field_name(prompt_id)].strip()
            for prompt_id in self.prompt_ids
            if self.field_name(prompt_id) in self.data
        }


ACTION_COMPLETE = "complete"
